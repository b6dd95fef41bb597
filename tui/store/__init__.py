"""Everything storydiff writes to disk: the user's folders and the bookmarks database.

One job per module: :mod:`.pairs` says which pair of articles a comparison is,
:mod:`.anchoring` finds a saved bookmark's sentence again, :mod:`.bookmarks`
keeps bookmarks in SQLite, and :mod:`.salvage` reads what it can from a damaged
database. :mod:`.paths` decides every folder, and :mod:`.atomic` writes every
other file storydiff replaces (exports, the page cache) whole or not at all.

Importing this package does no I/O and never imports textual or rich.
"""

from .anchoring import Placed, place
from .bookmarks import Bookmark, BookmarkStore, BookmarksUnavailable, PairRecord
from .pairs import PairIdentity, pair_identity
from .paths import DATA_DIR_ENV, data_dir

__all__ = [
    "DATA_DIR_ENV",
    "Bookmark",
    "BookmarkStore",
    "BookmarksUnavailable",
    "PairIdentity",
    "PairRecord",
    "Placed",
    "data_dir",
    "pair_identity",
    "place",
]
