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


def _text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PairIdentity:
    """Who a pair of articles is: their content hashes and where they were seen."""

    key: str
    left_hash: str
    right_hash: str
    left_path: str
    right_path: str
    left_title: str | None
    right_title: str | None


def _display_path(source: str) -> str:
    if source == "-" or "://" in source:
        return source
    return os.path.abspath(source)


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
        left_title=comparison.left.title,
        right_title=comparison.right.title,
    )
