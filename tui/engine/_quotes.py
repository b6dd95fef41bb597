"""Find direct quotations and their speakers."""

from __future__ import annotations

from collections.abc import Sequence

from ._model import Quote, Sentence


def find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """Return the direct quotes of ``text`` (interim: none yet)."""
    return ()
