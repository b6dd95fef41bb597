"""Everything storydiff writes to disk: the data directory and the bookmarks database.

Importing this package does no I/O and never imports textual or rich.
"""

from .bookmarks import (
    Bookmark,
    BookmarkStore,
    BookmarksUnavailable,
    PairIdentity,
    PairRecord,
    Placed,
    pair_identity,
    place,
)
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
