"""Text anchoring: a saved bookmark found again in a (possibly new) comparison.

A bookmark is anchored by its sentence's text (and the other side's, for a
link), not only by the sentence id, so it survives a new segmentation, another
sensitivity and an edited article: :func:`place` re-attaches it to the same or
the most similar sentence, or reports it detached with its saved text, never
dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine import Article, Comparison

from .bookmarks import Bookmark
from .pairs import normalise

# rapidfuzz ratio (0-100) above which an edited sentence is taken as the same one.
REATTACH_CUTOFF = 80.0


@dataclass(frozen=True, slots=True)
class Placed:
    """A bookmark located in a comparison.

    Attributes:
        bookmark: The saved bookmark.
        sentence: The id of the sentence it re-attached to on ``bookmark.side``,
            or ``None`` when it is detached.
        other: For a link, the re-attached id on the other side, or ``None``.
        exact: True when the anchor text was found unchanged.
    """

    bookmark: Bookmark
    sentence: int | None
    other: int | None
    exact: bool

    @property
    def detached(self) -> bool:
        return self.sentence is None


def _anchor(article: Article, text: str, hint: int) -> tuple[int | None, bool]:
    """Find the sentence of ``article`` that ``text`` was saved from.

    Returns:
        The sentence id (or ``None``) and whether the text matched exactly.
    """
    wanted = normalise(text)
    if not wanted:
        return None, False
    sentences = article.sentences
    if 0 <= hint < len(sentences) and normalise(sentences[hint].text) == wanted:
        return sentences[hint].id, True
    exact = [s.id for s in sentences if normalise(s.text) == wanted]
    if exact:
        # The same text twice in one article: the one nearest the saved position.
        return min(exact, key=lambda i: abs(i - hint)), True
    from rapidfuzz import fuzz, process

    choices = {s.id: normalise(s.text) for s in sentences}
    best = process.extract(
        wanted, choices, scorer=fuzz.ratio, score_cutoff=REATTACH_CUTOFF, limit=5
    )
    if not best:
        return None, False
    top = best[0][1]
    tied = [int(key) for _choice, score, key in best if score >= top - 0.5]
    return min(tied, key=lambda i: abs(i - hint)), False


def place(bookmarks: Sequence[Bookmark], comparison: Comparison) -> list[Placed]:
    """Re-attach saved bookmarks to the sentences of a (possibly new) comparison.

    A sentence is found by its saved text: unchanged at its saved id, unchanged
    elsewhere (the segmentation moved it), or the most similar sentence above
    :data:`REATTACH_CUTOFF` (the article was edited). A bookmark whose text is
    found nowhere is returned detached, never dropped.

    Args:
        bookmarks: Saved bookmarks, in the order wanted.
        comparison: The comparison now on screen.

    Returns:
        One :class:`Placed` per bookmark, same order.
    """
    placed: list[Placed] = []
    for bookmark in bookmarks:
        sentence, exact = _anchor(
            comparison.article(bookmark.side), bookmark.text, bookmark.sentence_id
        )
        other: int | None = None
        if bookmark.kind == "link" and bookmark.other_text is not None:
            other, other_exact = _anchor(
                comparison.article(bookmark.other_side),
                bookmark.other_text,
                bookmark.other_id if bookmark.other_id is not None else -1,
            )
            exact = exact and other_exact
        placed.append(Placed(bookmark, sentence, other, exact and sentence is not None))
    return placed
