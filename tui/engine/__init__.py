"""storydiff's engine: two article texts in, a Comparison out.

A pure library: it imports neither textual nor rich and does no I/O at import.
"""

from ._categories import (
    BOOKMARK,
    CATEGORIES,
    ONLY,
    OTHER,
    PARTIAL,
    QUOTE,
    QUOTE_ONLY,
    STRONG,
    Category,
    most_notable,
)
from ._compare import DEFAULT_SENSITIVITY, compare_documents, compare_files, compare_texts
from ._diff import word_diff
from ._load import (
    DEFAULT_MAX_BYTES,
    InputError,
    TextFile,
    decode_bytes,
    read_capped,
    read_file_bytes,
    read_text_file,
)
from ._model import (
    SIDES,
    Article,
    Comparison,
    Conflict,
    ConflictType,
    DiffOp,
    DiffToken,
    Document,
    Kind,
    Link,
    Quote,
    QuoteStatus,
    Sentence,
    Side,
    Strength,
    Summary,
    other_side,
)
from ._progress import Cancelled, Progress
from ._text import parse_aliases

__all__ = [
    "BOOKMARK",
    "CATEGORIES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_SENSITIVITY",
    "ONLY",
    "OTHER",
    "PARTIAL",
    "QUOTE",
    "QUOTE_ONLY",
    "SIDES",
    "STRONG",
    "Article",
    "Cancelled",
    "Category",
    "Comparison",
    "Conflict",
    "ConflictType",
    "DiffOp",
    "DiffToken",
    "Document",
    "InputError",
    "Kind",
    "Link",
    "Progress",
    "Quote",
    "QuoteStatus",
    "Sentence",
    "Side",
    "Strength",
    "Summary",
    "TextFile",
    "compare_documents",
    "compare_files",
    "compare_texts",
    "decode_bytes",
    "most_notable",
    "other_side",
    "parse_aliases",
    "read_capped",
    "read_file_bytes",
    "read_text_file",
    "word_diff",
]
