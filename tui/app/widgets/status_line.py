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


class StatusLine(Static):
    """One line: the selected sentence's place, the summary counts, the sensitivity."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    """

    _shown: tuple[Navigator, Position | None, SearchState | None, float | None] | None = None

    def on_resize(self) -> None:
        # The short or the long form depends on the width: choose again.
        if self._shown is not None:
            navigator, selection, search, pending = self._shown
            self.show(navigator, selection, search=search, pending_sensitivity=pending)

    def show(
        self,
        navigator: Navigator,
        selection: Position | None,
        *,
        search: SearchState | None = None,
        pending_sensitivity: float | None = None,
    ) -> None:
        """Redraw the line for the current state.

        Args:
            navigator: The comparison being read.
            selection: The selected sentence, if any.
            search: The active search, if any.
            pending_sensitivity: A re-alignment under way at this sensitivity.
        """
        self._shown = (navigator, selection, search, pending_sensitivity)
        content = status_content(navigator, selection, search, pending_sensitivity)
        if self.size.width and content.cell_length > self.size.width - 2:
            # Narrow terminal or a long search: the same facts, abbreviated.
            content = status_content(
                navigator, selection, search, pending_sensitivity, compact=True
            )
        self.update(content)


def status_content(
    navigator: Navigator,
    selection: Position | None,
    search: SearchState | None = None,
    pending_sensitivity: float | None = None,
    *,
    compact: bool = False,
) -> Content:
    """The status line's content.

    Args:
        navigator: The comparison being read.
        selection: The selected sentence, if any.
        search: The active search, if any.
        pending_sensitivity: A re-alignment under way at this sensitivity.
        compact: Abbreviate, for narrow terminals: "L"/"R" for the columns.
    """
    if compact:
        return _compact(navigator, selection, search, pending_sensitivity)
    summary = navigator.summary
    parts: list[str | tuple[str, str]] = []
    if search is not None:
        where = f"{search.current + 1} of {search.hits}" if search.current is not None else "none"
        if search.hits == 0:
            where = "no match"
        parts += [("search ", "bold"), (f"“{printable(search.query)}” ", "$text-accent"), where]
        parts.append(" · ")
    if selection is not None:
        total = len(navigator.shared(selection.side))
        index = navigator.shared_index(selection.side, selection.sentence)
        if index is not None:
            place = f"shared fact {index + 1} of {total}"
        elif navigator.sentence(selection.side, selection.sentence).kind != "body":
            place = (
                f"{navigator.sentence(selection.side, selection.sentence).kind} · {total} shared"
            )
        else:
            place = f"only here · {total} shared"
        parts += [(f"{selection.side} ", "bold"), place, " · "]
    parts += [
        f"left only {summary.left_only} · right only {summary.right_only} · "
        f"quotes only left {summary.quotes_only_left} / right {summary.quotes_only_right} · ",
        f"sensitivity {navigator.comparison.sensitivity:.2f}",
    ]
    if pending_sensitivity is not None:
        parts.append((f" → {pending_sensitivity:.2f} re-aligning…", "$text-warning"))
    return Content.assemble(*parts)


def _compact(
    navigator: Navigator,
    selection: Position | None,
    search: SearchState | None,
    pending_sensitivity: float | None,
) -> Content:
    summary = navigator.summary
    parts: list[str | tuple[str, str]] = []
    if search is not None:
        where = f"{search.current + 1}/{search.hits}" if search.current is not None else "-"
        parts += [("/", "bold"), (f"{printable(search.query)[:12]} ", "$text-accent"), where, " · "]
    if selection is not None:
        total = len(navigator.shared(selection.side))
        index = navigator.shared_index(selection.side, selection.sentence)
        place = (
            f"shared {index + 1}/{total}" if index is not None else f"only here ({total} shared)"
        )
        parts += [(f"{selection.side[0].upper()} ", "bold"), place, " · "]
    parts.append(
        f"only L{summary.left_only} R{summary.right_only} · "
        f"lone quotes L{summary.quotes_only_left} R{summary.quotes_only_right} · "
        f"sens {navigator.comparison.sensitivity:.2f}"
    )
    if pending_sensitivity is not None:
        parts.append((f"→{pending_sensitivity:.2f}…", "$text-warning"))
    return Content.assemble(*parts)
