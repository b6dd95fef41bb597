"""Moves over a Comparison: which sentences are visible, and where each key goes.

Pure Python (no textual): the screen asks this module where a key leads and
renders the answer. What counts as shared, only-here or quoted comes from the
engine's Comparison; this module only orders and filters it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from tui.engine import (
    BOOKMARK,
    ONLY,
    QUOTE_ONLY,
    SIDES,
    Article,
    Category,
    Comparison,
    Sentence,
    Side,
    Summary,
)
from tui.sanitize import printable


def display_text(text: str) -> str:
    """Article text made safe for the screen, one character for one.

    Line breaks inside a sentence become spaces (the paragraph flows); every
    other control or invisible character becomes a visible stand-in.
    """
    return printable(text, keep_newlines=True).replace("\n", " ")


@dataclass(frozen=True, slots=True)
class Position:
    """A selected sentence: its column and its id in that article."""

    side: Side
    sentence: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One search match: a span of a sentence's display text."""

    side: Side
    sentence: int
    start: int
    end: int


class JumpList:
    """Where the reader jumped from, to go back (ctrl+o) and forward again, as in vim.

    A jump is a move to somewhere else in the articles (a typed jump, enter, a
    search match, g and G, a bookmark), not a step to the next sentence.
    """

    #: The most places kept; the oldest go first.
    LIMIT = 100

    def __init__(self) -> None:
        self._places: list[Position] = []
        self._index = 0

    def record(self, origin: Position) -> None:
        """A jump is leaving ``origin``: it becomes the place to go back to."""
        del self._places[self._index :]  # a new jump forgets the places gone back over
        if not self._places or self._places[-1] != origin:
            self._places.append(origin)
        del self._places[: -self.LIMIT]
        self._index = len(self._places)

    def back(self, current: Position) -> Position | None:
        """The place before ``current``, or None at the oldest."""
        if self._index == 0:
            return None
        if self._index == len(self._places):
            # Going back from the newest place keeps it, to come forward to.
            if self._places[-1] != current:
                self._places.append(current)
            else:
                self._index -= 1
                if self._index == 0:
                    return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Position | None:
        """The place gone back from, or None when there is none."""
        if self._index + 1 >= len(self._places):
            return None
        self._index += 1
        return self._places[self._index]


class Navigator:
    """The visible sentences of a comparison and the moves between them.

    Args:
        comparison: What to navigate.
        furniture: Show titles, captions and site furniture as well as body sentences.
        bookmarked: Sentences to mark as bookmarked, as ``(side, sentence id)``.
    """

    def __init__(
        self,
        comparison: Comparison,
        *,
        furniture: bool = False,
        bookmarked: Iterable[tuple[Side, int]] = (),
    ) -> None:
        self.comparison = comparison
        self.furniture = furniture
        self.bookmarked = frozenset(bookmarked)
        self._visible: dict[Side, tuple[int, ...]] = {}
        self._index: dict[Side, dict[int, int]] = {}
        self._sentences: dict[Side, dict[int, Sentence]] = {}
        for side in SIDES:
            article = comparison.article(side)
            self._sentences[side] = {s.id: s for s in article.sentences}
            visible = tuple(s.id for s in article.sentences if furniture or s.kind == "body")
            self._visible[side] = visible
            self._index[side] = {sid: i for i, sid in enumerate(visible)}
        self._summary = comparison.summary()
        self._categories: dict[tuple[Side, int], tuple[Category, ...]] = {}
        # Filters are asked for on every key (status line, greyed keys): computed once.
        self._memo: dict[tuple[str, Side], tuple[int, ...]] = {}
        self._index_memo: dict[tuple[str, Side], dict[int, int]] = {}
        self._quotes_only: tuple[Position, ...] | None = None
        self._display: dict[tuple[Side, int], str] = {}

    @property
    def summary(self) -> Summary:
        """The engine's counts for this comparison (computed once)."""
        return self._summary

    def article(self, side: Side) -> Article:
        """The article shown in one column."""
        return self.comparison.article(side)

    def sentence(self, side: Side, sentence_id: int) -> Sentence:
        """One sentence by id."""
        return self._sentences[side][sentence_id]

    def visible(self, side: Side) -> tuple[int, ...]:
        """Ids of the sentences shown in a column, in reading order."""
        return self._visible[side]

    def display(self, side: Side, sentence_id: int) -> str:
        """A sentence's text as shown: see :func:`display_text`."""
        key = (side, sentence_id)
        text = self._display.get(key)
        if text is None:
            text = self._display[key] = display_text(self._sentences[side][sentence_id].text)
        return text

    # --- categories -------------------------------------------------------

    def categories(self, side: Side, sentence_id: int) -> tuple[Category, ...]:
        """Every category a sentence belongs to, most notable first.

        The engine's categories, with the reader's bookmark first when the
        sentence is bookmarked.
        """
        key = (side, sentence_id)
        cached = self._categories.get(key)
        if cached is None:
            cached = self.comparison.categories(side, sentence_id)
            if key in self.bookmarked:
                cached = (BOOKMARK, *cached)
            self._categories[key] = cached
        return cached

    def category(self, side: Side, sentence_id: int) -> Category:
        """A sentence's most notable category, its bookmark included (the overview's colour)."""
        return self.categories(side, sentence_id)[0]

    def fact_category(self, side: Side, sentence_id: int) -> Category:
        """A sentence's most notable category in the comparison, whatever the reader bookmarked.

        The gutter shows it beside the bookmark's own mark, so that a
        bookmarked sentence still says whether it is shared.
        """
        return self.comparison.category(side, sentence_id)

    def is_bookmarked(self, side: Side, sentence_id: int) -> bool:
        """Whether the reader bookmarked a sentence (alone or as one end of a link)."""
        return (side, sentence_id) in self.bookmarked

    def has_quote_only(self, side: Side, sentence_id: int) -> bool:
        """Whether a sentence carries a quote the other outlet does not."""
        return QUOTE_ONLY in self.categories(side, sentence_id)

    # --- moves ------------------------------------------------------------

    def first(self, side: Side) -> Position | None:
        """The first visible sentence of a column."""
        visible = self._visible[side]
        return Position(side, visible[0]) if visible else None

    def last(self, side: Side) -> Position | None:
        """The last visible sentence of a column."""
        visible = self._visible[side]
        return Position(side, visible[-1]) if visible else None

    def step(self, position: Position, delta: int) -> Position:
        """The visible sentence ``delta`` places away, stopping at either end."""
        visible = self._visible[position.side]
        if not visible:
            return position
        index = self._nearest_index(position)
        index = max(0, min(len(visible) - 1, index + delta))
        return Position(position.side, visible[index])

    def _nearest_index(self, position: Position) -> int:
        """Index of a sentence among the visible ones, or of the first visible one after it."""
        index = self._index[position.side].get(position.sentence)
        if index is not None:
            return index
        visible = self._visible[position.side]
        for i, sid in enumerate(visible):
            if sid >= position.sentence:
                return i
        return len(visible) - 1

    def nearest_visible(self, position: Position) -> Position | None:
        """The sentence itself if shown, else the next shown one (or the last)."""
        if not self._visible[position.side]:
            return None
        return Position(position.side, self._visible[position.side][self._nearest_index(position)])

    def matching(self, side: Side, predicate: Callable[[int], bool]) -> tuple[int, ...]:
        """Visible sentence ids of a column for which ``predicate(id)`` holds."""
        return tuple(sid for sid in self._visible[side] if predicate(sid))

    def shared(self, side: Side) -> tuple[int, ...]:
        """The column's visible sentences linked to the other article."""
        key = ("shared", side)
        if key not in self._memo:
            self._memo[key] = self.matching(side, lambda sid: self.comparison.is_shared(side, sid))
        return self._memo[key]

    def shared_index(self, side: Side, sentence_id: int) -> int | None:
        """Where a sentence stands among the column's shared facts (0-based), if it is one."""
        key = ("shared-index", side)
        if key not in self._index_memo:
            self._index_memo[key] = {sid: i for i, sid in enumerate(self.shared(side))}
        return self._index_memo[key].get(sentence_id)

    def only_here(self, side: Side) -> tuple[int, ...]:
        """The column's body sentences with no link: facts only this outlet reported."""
        key = ("only", side)
        if key not in self._memo:
            self._memo[key] = self._only_here(side)
        return self._memo[key]

    def _only_here(self, side: Side) -> tuple[int, ...]:
        return self.matching(side, lambda sid: ONLY in self.categories(side, sid))

    def prepare(self) -> Navigator:
        """Work out now what the keys ask on every press (for a worker thread to do).

        That is each column's shared facts and facts only here, and the lone quotes.

        Returns:
            This navigator.
        """
        for side in SIDES:
            self.shared_index(side, -1)
            self.only_here(side)
        self.quotes_only()
        return self

    def quotes_only(self) -> tuple[Position, ...]:
        """Sentences carrying a quote only one outlet has: left column first, then right."""
        if self._quotes_only is None:
            self._quotes_only = self._find_quotes_only()
        return self._quotes_only

    def _find_quotes_only(self) -> tuple[Position, ...]:
        return tuple(
            Position(side, sid)
            for side in SIDES
            for sid in self.matching(side, partial(self.has_quote_only, side))
        )

    def cycle(
        self, position: Position, targets: tuple[Position, ...], forward: bool
    ) -> Position | None:
        """The next (or previous) target after ``position`` in reading order, wrapping around.

        Targets are in reading order (left column before right); ``position``
        need not be one of them.
        """
        if not targets:
            return None
        keys = [self._order_key(t) for t in targets]
        key = self._order_key(position)
        if forward:
            index = bisect_right(keys, key)
            return targets[index] if index < len(targets) else targets[0]
        index = bisect_left(keys, key)
        return targets[index - 1] if index > 0 else targets[-1]

    def wrapped(self, origin: Position, target: Position, forward: bool) -> bool:
        """Whether a move from ``origin`` to ``target`` went round an end (or stayed put)."""
        before, after = self._order_key(origin), self._order_key(target)
        return after <= before if forward else after >= before

    def _order_key(self, position: Position) -> tuple[int, int]:
        return (0 if position.side == "left" else 1, position.sentence)

    def in_column(self, side: Side, ids: tuple[int, ...]) -> tuple[Position, ...]:
        """Ids of one column as positions."""
        return tuple(Position(side, sid) for sid in ids)

    # --- search -----------------------------------------------------------

    def search(self, query: str) -> tuple[Hit, ...]:
        """Every case-insensitive match of ``query`` in the visible sentences of both columns.

        Offsets index the sentence's display text (see :func:`display_text`),
        which has the same length as the sentence's text.
        """
        if not query.strip():
            return ()
        hits: list[Hit] = []
        for side in SIDES:
            for sid in self._visible[side]:
                text = self._sentences[side][sid].text
                haystack, needle = text.lower(), query.lower()
                if len(haystack) != len(text):
                    # lower() changed the length (rare: "İ"), so offsets would
                    # drift: search this sentence case-sensitively instead.
                    haystack, needle = text, query
                start = haystack.find(needle)
                while start != -1:
                    hits.append(Hit(side, sid, start, start + len(needle)))
                    start = haystack.find(needle, start + len(needle))
        return tuple(hits)
