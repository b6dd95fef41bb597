"""The status line: where the reader is, and the comparison's counts."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from tui.app.navigation import Navigator, Position
from tui.sanitize import printable


@dataclass(frozen=True, slots=True)
class SearchState:
    """A search in progress: what was asked, how many hits, which one is current (0-based)."""

    query: str
    hits: int
    current: int | None


@dataclass(frozen=True, slots=True)
class Realign:
    """A re-alignment at another sensitivity: under way (how far), or cancelled."""

    target: float
    done: float = 0.0
    cancelled: bool = False


class StatusLine(Static):
    """One line: the selected sentence's place, the summary counts, the sensitivity."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    """

    _shown: (
        tuple[Navigator, Position | None, SearchState | None, Realign | None, str, bool] | None
    ) = None

    def on_resize(self) -> None:
        # The short or the long form depends on the width: choose again.
        if self._shown is not None:
            navigator, selection, search, realign, count, bound = self._shown
            self._shown = None  # the same state, drawn again for the new width
            self.show(
                navigator, selection, search=search, realign=realign, count=count, bound=bound
            )

    def show(
        self,
        navigator: Navigator,
        selection: Position | None,
        *,
        search: SearchState | None = None,
        realign: Realign | None = None,
        count: str = "",
        bound: bool = False,
    ) -> None:
        """Redraw the line for the current state.

        Args:
            navigator: The comparison being read.
            selection: The selected sentence, if any.
            search: The active search, if any.
            realign: A re-alignment under way, or just cancelled.
            count: The digits typed so far for the next key (``5`` of ``5j``).
            bound: Whether scroll-bind is on (a ⇅ leads the line).
        """
        shown = (navigator, selection, search, realign, count, bound)
        if shown == self._shown:
            return  # most keys change nothing here: no redraw
        self._shown = shown
        prefix = " ".join(mark for mark in ("⇅" if bound else "", count) if mark)
        content = status_content(navigator, selection, search, realign)
        extra = len(prefix) + 1 if prefix else 0
        if self.size.width and content.cell_length + extra > self.size.width:
            # Narrow terminal or a long search: the same facts, abbreviated.
            content = status_content(navigator, selection, search, realign, compact=True)
        if prefix:
            content = Content.assemble((prefix, "bold $text-accent"), " ", content)
        self.update(content)


def status_content(
    navigator: Navigator,
    selection: Position | None,
    search: SearchState | None = None,
    realign: Realign | None = None,
    *,
    compact: bool = False,
) -> Content:
    """The status line's content: the search, the selection's place, the counts.

    Args:
        navigator: The comparison being read.
        selection: The selected sentence, if any.
        search: The active search, if any.
        realign: A re-alignment under way (with how far it has come), or just
            cancelled.
        compact: The same facts in fewer cells, for narrow terminals ("L"/"R"
            for the columns).
    """
    summary = navigator.summary
    parts: list[str | tuple[str, str]] = []
    if realign is not None:
        # First: it is what is changing, and the end of a long line can be cut.
        parts += [(_realign_words(realign, compact=compact), "$text-warning"), " · "]
    if search is not None:
        parts += _search_parts(search, compact=compact)
        parts.append(" · ")
    if selection is not None:
        side = selection.side[0].upper() if compact else f"{selection.side}:"
        parts += [(f"{side} ", "bold"), _place(navigator, selection, compact=compact), " · "]
    sensitivity = navigator.comparison.sensitivity
    # Each column counts its own sentences: a sentence's "k of n" above reads
    # against its column's "n shared" here, whichever column it is in.
    if compact:
        parts.append(
            f"shared/only L{summary.left_shared}/{summary.left_only} "
            f"R{summary.right_shared}/{summary.right_only} · "
            f"lone quotes L{summary.quotes_only_left} R{summary.quotes_only_right} · "
            f"sens {sensitivity:.2f}"
        )
    else:
        parts.append(
            f"left {summary.left_shared} shared, {summary.left_only} only · "
            f"right {summary.right_shared} shared, {summary.right_only} only · "
            f"lone quotes left {summary.quotes_only_left}, right {summary.quotes_only_right} · "
            f"sensitivity {sensitivity:.2f}"
        )
    return Content.assemble(*parts)


def _realign_words(realign: Realign, *, compact: bool) -> str:
    """What a re-alignment is doing: how far it has come, or that it was cancelled."""
    target = f"{realign.target:.2f}"
    if realign.cancelled:
        return f"re-align to {target} cancelled"
    done = f"{min(1.0, max(0.0, realign.done)):.0%}"
    return f"re-aligning {target} {done}…" if compact else f"re-aligning to {target}: {done}…"


def _search_parts(search: SearchState, *, compact: bool) -> list[str | tuple[str, str]]:
    """What was searched for and which match is current."""
    query = printable(search.query)
    if compact:
        where = f"{search.current + 1}/{search.hits}" if search.current is not None else "-"
        return [("/", "bold"), (f"{query[:12]} ", "$text-accent"), where]
    if search.hits == 0:
        where = "no match"
    elif search.current is None:
        where = "none"
    else:
        where = f"{search.current + 1} of {search.hits}"
    return [("search ", "bold"), (f"“{query}” ", "$text-accent"), where]


def _place(navigator: Navigator, selection: Position, *, compact: bool) -> str:
    """Where the selected sentence stands among its column's shared sentences, or what it is.

    The count is the column's own (what n and N step through there), the same
    number the counts after it give for that column.
    """
    total = len(navigator.shared(selection.side))
    index = navigator.shared_index(selection.side, selection.sentence)
    if index is not None:
        return f"shared {index + 1}/{total}" if compact else f"shared {index + 1} of {total}"
    kind = navigator.sentence(selection.side, selection.sentence).kind
    return kind if kind != "body" else "only here"
