"""Which pair of articles a comparison is: identity by content, not by file name.

A pair is identified by a hash of each article's normalised text, order-sensitive
(A against B is not B against A), so moved or renamed files keep their
bookmarks. Where each article was last seen is kept too, for display and to
find a pair whose article was edited in place.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass

from tui.engine import Comparison


def normalise(text: str) -> str:
    """The form of a text used for identity and anchoring.

    Unicode NFC, whitespace runs collapsed to one space, trimmed: re-saving a file
    with other line endings or an editor's trailing newline keeps its identity.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def storable(text: str) -> str:
    """``text`` as SQLite can keep it: valid Unicode, a bad byte spelled as ``\\xff``.

    A file name that is not valid UTF-8 reaches Python with each undecodable
    byte as a lone surrogate (``"l\\udcff.txt"``), which SQLite refuses. The
    byte is kept visibly instead (``l\\xff.txt``), the same way every time, so a
    pair is still found by its path. Valid text comes back as it is.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            # A surrogate that stands for no byte (from a JSON \\ud800 escape, say).
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _text_hash(text: str) -> str:
    return hashlib.sha256(storable(normalise(text)).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PairIdentity:
    """Who a pair of articles is: their content hashes and where they were seen.

    Paths and titles are :func:`storable`: a file name that is not valid
    UTF-8 has its bad bytes spelled out.
    """

    key: str
    left_hash: str
    right_hash: str
    left_path: str
    right_path: str
    left_title: str | None
    right_title: str | None


def _display_path(source: str) -> str:
    if source == "-" or "://" in source:
        return storable(source)
    return storable(os.path.abspath(source))


def pair_identity(comparison: Comparison) -> PairIdentity:
    """The identity of a comparison's pair of articles.

    Order-sensitive: A against B is not B against A (left and right differ).
    """
    left_hash = _text_hash(comparison.left.text)
    right_hash = _text_hash(comparison.right.text)
    key = hashlib.sha256(f"storydiff-pair:{left_hash}:{right_hash}".encode()).hexdigest()
    return PairIdentity(
        key=key,
        left_hash=left_hash,
        right_hash=right_hash,
        left_path=_display_path(comparison.left.source),
        right_path=_display_path(comparison.right.source),
        left_title=None if comparison.left.title is None else storable(comparison.left.title),
        right_title=None if comparison.right.title is None else storable(comparison.right.title),
    )
