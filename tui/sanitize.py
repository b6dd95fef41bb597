"""Make untrusted article text safe to put on a terminal.

Article text is data. Control characters (escape sequences, carriage returns,
bidirectional overrides, zero-width characters) are replaced one for one by a
visible stand-in, so offsets into the text still index the displayed string.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_REPLACEMENT = "\ufffd"


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ ␍ ␀ ...
    if code == 0x7F:
        return "\u2421"
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs"):
        return _REPLACEMENT
    return char


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with every control or invisible formatting character made visible.

    The result has the same length as ``text``.

    Args:
        text: Untrusted text.
        keep_newlines: Leave ``\\n`` as it is (for multi-line displays).
    """
    if text.isprintable() and "\t" not in text:
        return text
    return "".join(char if (keep_newlines and char == "\n") else _stand_in(char) for char in text)
