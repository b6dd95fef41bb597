"""Word-level difference between two linked sentences."""

from __future__ import annotations

from difflib import SequenceMatcher

from ._model import DiffToken
from ._text import TOKEN, alias_table, tokenize


def _words(text: str) -> list[tuple[str, str]]:
    """(written word, matching key) for every word, keys folded like the matcher's."""
    table = alias_table()
    out: list[tuple[str, str]] = []
    for match in TOKEN.finditer(text):
        keys = [t.key for t in tokenize(match.group(), table)]
        out.append((match.group(), " ".join(keys) or match.group().lower()))
    return out


def word_diff(left: str, right: str) -> tuple[DiffToken, ...]:
    """Words common to both sentences, only in the left, only in the right, in reading order.

    Words are compared by the matcher's keys, so ``Türkiye``/``Turkey`` or
    ``deploy``/``deploying`` count as common; the written form shown is the
    left sentence's for common words.

    Args:
        left: The left sentence.
        right: The right sentence.

    Returns:
        Tokens with op ``=`` (both), ``-`` (left only) or ``+`` (right only).
    """
    a = _words(left)
    b = _words(right)
    matcher = SequenceMatcher(None, [k for _, k in a], [k for _, k in b], autojunk=False)
    out: list[DiffToken] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(DiffToken("=", word) for word, _ in a[i1:i2])
            continue
        out.extend(DiffToken("-", word) for word, _ in a[i1:i2])
        out.extend(DiffToken("+", word) for word, _ in b[j1:j2])
    return tuple(out)
