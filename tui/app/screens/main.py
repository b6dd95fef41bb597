"""The reading screen: two articles side by side, and every key that moves over them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol

from textual import events, on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.bookmarking import Bookmarking
from tui.app.labels import byline_label, citation, outlet_label, title_label
from tui.app.navigation import Hit, JumpList, Navigator, Position
from tui.app.progress import Progressed, ProgressRelay
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.detail_panel import DetailPanel
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.legend import Legend
from tui.app.widgets.overview import Overview
from tui.app.widgets.search_bar import SearchBar
from tui.app.widgets.status_line import Realign, SearchState, StatusLine
from tui.engine import SIDES, Comparison, Progress, Side, other_side
from tui.sanitize import printable
from tui.store import BookmarkStore, data_dir

#: Below this many columns the two articles no longer fit side by side.
NARROW_WIDTH = 100
#: How far one press of + or - moves the sensitivity.
SENSITIVITY_STEP = 0.05
#: Below this share of the shorter article's body linked, the pair gets a hint at start.
UNRELATED_SHARE = 0.15
ONLY_HERE = "fact only this outlet reported"
LONE_QUOTE = "quote only one outlet carried"


def unrelated_hint(comparison: Comparison) -> str | None:
    """A one-line hint when two articles share almost nothing (two different stories?)."""
    summary = comparison.summary()
    smaller = min(summary.left_body, summary.right_body)
    shared = min(summary.left_shared, summary.right_shared)
    if smaller == 0 or shared >= smaller * UNRELATED_SHARE:
        return None
    links = "no sentence" if shared == 0 else f"only {shared} of {smaller} sentences"
    return (
        f"These articles share {links} at sensitivity {comparison.sensitivity:.2f}: "
        "are they about the same story? + looks for looser links."
    )


class Recompare(Protocol):
    """Compares the same two articles again at another sensitivity.

    It runs on a worker thread; ``progress`` is the engine's progress report
    (``compare_documents(..., progress=...)``), which raises to stop it.
    """

    def __call__(self, sensitivity: float, *, progress: Progress | None = None) -> Comparison: ...


class MainScreen(Screen[None]):
    """Two columns, their overviews, the detail panel, search, status line and footer.

    Every key binding of the reading view is in ``BINDINGS`` below: the help
    screen and the command palette are generated from it.
    """

    # Keys belong to the screen, not to a focused widget: the search prompt
    # takes focus only while it is open.
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next sentence", show=False, id="next_sentence"),
        Binding("k,up", "move(-1)", "Previous sentence", show=False, id="previous_sentence"),
        Binding(
            "tab",
            "other_column",
            "Column",
            show=True,
            tooltip="Other column: the counterpart there, else where it was left",
            id="other_column",
        ),
        # Two actions share n/N: while a search is active they repeat it,
        # otherwise they step through shared facts (check_action picks one).
        Binding(
            "n", "next_hit", "Next match", show=True, tooltip="Next search match", id="next_match"
        ),
        Binding(
            "N",
            "previous_hit",
            "Previous match",
            show=False,
            tooltip="Previous search match",
            id="previous_match",
        ),
        Binding(
            "n", "next_shared", "Shared", show=True, tooltip="Next shared fact", id="next_shared"
        ),
        Binding("N", "previous_shared", "Previous shared", show=False, id="previous_shared"),
        Binding(
            "u",
            "next_only",
            "Only here",
            show=True,
            tooltip="Next fact only this outlet reported",
            id="next_only",
        ),
        Binding(
            "U",
            "previous_only",
            "Previous only here",
            show=False,
            tooltip="Previous fact only this outlet reported",
            id="previous_only",
        ),
        Binding(
            "q",
            "next_quote",
            "Lone quote",
            show=True,
            tooltip="Next quote only one outlet carried (both columns)",
            id="next_quote",
        ),
        Binding("Q", "previous_quote", "Previous lone quote", show=False, id="previous_quote"),
        Binding(
            "enter",
            "counterpart",
            "Counterpart",
            show=True,
            tooltip="Jump to the counterpart; again cycles through all of them",
            id="counterpart",
        ),
        Binding(
            "g,home",
            "first",
            "First sentence",
            show=False,
            tooltip="First sentence (with a count, as in 5g: that sentence)",
            id="first",
        ),
        Binding(
            "G,end",
            "last",
            "Last sentence",
            show=False,
            tooltip="Last sentence (with a count, as in 5G: that sentence)",
            id="last",
        ),
        Binding(
            "pagedown,space",
            "page(2)",
            "Page down",
            show=False,
            tooltip="A page down",
            id="page_down",
        ),
        Binding("pageup", "page(-2)", "Page up", show=False, tooltip="A page up", id="page_up"),
        Binding(
            "ctrl+d",
            "page(1)",
            "Half page down",
            show=False,
            tooltip="Half a page down",
            id="half_page_down",
        ),
        Binding(
            "ctrl+u",
            "page(-1)",
            "Half page up",
            show=False,
            tooltip="Half a page up",
            id="half_page_up",
        ),
        Binding(
            "ctrl+o",
            "jump_back",
            "Jump back",
            show=False,
            tooltip="Back to where the last jump started (the jump list)",
            id="jump_back",
        ),
        Binding(
            "ctrl+i,ctrl+n",
            "jump_forward",
            "Jump forward",
            show=False,
            key_display="ctrl+n",
            tooltip="Forward again in the jump list (ctrl+i where the terminal tells it from tab)",
            id="jump_forward",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            show=True,
            tooltip="Search both articles; n/N repeat",
            id="search",
        ),
        Binding(
            "f",
            "furniture",
            "Furniture",
            show=False,
            tooltip="Show or hide titles, captions and site furniture",
            id="furniture",
        ),
        Binding(
            "d",
            "detail",
            "Detail",
            show=True,
            tooltip="Detail of the selected link: word diff",
            id="detail",
        ),
        Binding(
            "l",
            "legend",
            "Legend",
            show=False,
            tooltip="Show or hide the legend line: what each glyph and colour means",
            id="legend",
        ),
        Binding(
            "s",
            "scroll_bind",
            "Scroll-bind",
            show=False,
            tooltip="Scroll-bind: scrolling one column scrolls the other to the linked text",
            id="scroll_bind",
        ),
        Binding(
            "right_square_bracket",
            "scroll_detail(1)",
            "Detail down",
            show=False,
            key_display="]",
            tooltip="Scroll the detail panel down",
            id="detail_down",
        ),
        Binding(
            "left_square_bracket",
            "scroll_detail(-1)",
            "Detail up",
            show=False,
            key_display="[",
            tooltip="Scroll the detail panel up",
            id="detail_up",
        ),
        Binding(
            "plus",
            "sensitivity(1)",
            "More",
            show=False,
            key_display="+",
            tooltip="Raise the sensitivity: more links (re-aligns live)",
            id="more_links",
        ),
        Binding(
            "minus",
            "sensitivity(-1)",
            "Fewer",
            show=False,
            key_display="-",
            tooltip="Lower the sensitivity: fewer, closer links",
            id="fewer_links",
        ),
        Binding("question_mark", "help", "Help", show=True, key_display="?", id="help"),
        # Two actions share escape: while a re-alignment runs it cancels that (and
        # the footer shows it), otherwise it closes panels (check_action picks one).
        Binding(
            "escape",
            "cancel_realign",
            "Cancel re-align",
            show=True,
            tooltip="Cancel the re-alignment under way: the comparison stays as it was",
            id="cancel_realign",
        ),
        Binding(
            "escape",
            "close",
            "Close panel",
            show=False,
            tooltip="Close the detail panel or the search",
            id="close",
        ),
        Binding("y", "copy", "Copy", show=False, tooltip="Copy the selected sentence", id="copy"),
        Binding(
            "Y",
            "copy_pair",
            "Copy pair",
            show=False,
            tooltip="Copy the sentence and its counterpart, each with its source",
            id="copy_pair",
        ),
        Binding("b", "bookmark", "Bookmark", show=True, id="bookmark"),
        Binding("B", "bookmarks", "Bookmarks", show=True, id="bookmarks"),
        Binding(
            "x",
            "export",
            "Export",
            show=False,
            tooltip="Export the comparison and bookmarks: asks where, as Markdown, HTML or JSON",
            id="export",
        ),
    ]

    detail_open: reactive[bool] = reactive(False)
    """Whether the detail panel is shown."""
    searching: reactive[bool] = reactive(False)
    """Whether the search prompt is open."""
    narrow: reactive[bool] = reactive(False)
    """Whether the terminal is too narrow for two columns (one is shown at a time)."""
    furniture: reactive[bool] = reactive(False, init=False)
    """Whether titles, captions and site furniture are shown in the articles."""
    legend: reactive[bool] = reactive(True)
    """Whether the legend line (what the glyphs and colours mean) is shown."""
    scroll_bind: reactive[bool] = reactive(False, init=False)
    """Whether scrolling one column scrolls the other so that linked text is side by side."""

    def __init__(
        self, comparison: Comparison, recompare: Recompare, store: BookmarkStore | None = None
    ) -> None:
        super().__init__()
        #: Where bookmarks are kept (the user data directory unless given).
        self.store = store or BookmarkStore(data_dir())
        self.bookmarking: Bookmarking | None = None
        self.recompare = recompare
        self.navigator = Navigator(comparison)
        self.selection: Position | None = None
        #: Which of the selection's counterparts the other column shows and the detail describes.
        self.counterpart_index = 0
        #: The sentence enter jumped from, so that enter again cycles its counterparts.
        self._jump_origin: Position | None = None
        self._last_in: dict[Side, Position | None] = {"left": None, "right": None}
        self.search_query: str | None = None
        #: The last query searched for: the prompt opens with it, ready to run again.
        self.last_query = ""
        self.search_hits: tuple[Hit, ...] = ()
        self.search_index: int | None = None
        #: A re-alignment (+ or -) under way, or the one just cancelled (until the next key).
        self.realign: Realign | None = None
        #: The places jumps started from (ctrl+o goes back, ctrl+n forward).
        self.jumps = JumpList()
        #: Digits typed before a key (5j): how many times the key acts.
        self.typed_count = ""
        self._count = 1
        self._count_was_typed = False
        #: A column scrolled by scroll-bind, and where to: its own Scrolled message is no cue.
        self._bound_to: dict[Side, int] = {}
        self._binding_state: tuple[bool | None, ...] = ()
        #: Set once the widgets exist (``is_mounted`` is still False inside on_mount).
        self._ready = False

    @property
    def comparison(self) -> Comparison:
        """The comparison on screen."""
        return self.navigator.comparison

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for side in SIDES:
                with Vertical(classes="column", id=f"{side}-column"):
                    yield Static(self._title(side), classes="title", id=f"{side}-title")
                    with Horizontal(classes="body"):
                        view = ArticleView(side, self.navigator, id=f"{side}-view")
                        yield view
                        yield Overview(view, id=f"{side}-overview")
        yield DetailPanel(id="detail")
        yield SearchBar(id="search")
        yield Legend(id="legend")
        yield StatusLine(id="status")
        yield KeyFooter()

    def _title(self, side: Side) -> Content:
        article = self.comparison.article(side)
        return Content.from_markup(
            "[b]$title[/b]\n[$text-muted]$outlet[/]",
            title=title_label(article),
            outlet=byline_label(article),
        )

    def on_mount(self) -> None:
        if not self.query(ArticleView):
            # The app was quit while this screen was being built (it is built
            # after the opening screen, while keys work): its widgets are gone.
            return
        self._ready = True
        first = self.navigator.first("left") or self.navigator.first("right")
        self._select(first)
        self.bookmarking = Bookmarking(
            self, self.store, lambda: self.comparison, self.set_bookmarked
        )
        self.bookmarking.load()
        hint = unrelated_hint(self.comparison)
        if hint:
            self.notify(hint, severity="warning", timeout=10, markup=False)

    # --- watchers ---------------------------------------------------------------

    def watch_detail_open(self, value: bool) -> None:
        self.set_class(value, "-detail")
        if value:
            self._show_detail()
        self.refresh_bindings()

    def watch_searching(self, value: bool) -> None:
        self.set_class(value, "-searching")
        if not self._ready:
            return  # at mount: nothing to open or leave yet (see on_mount)
        bar = self.query_one(SearchBar)
        if value:
            # The last query, selected: enter runs it again, typing replaces it.
            bar.value = self.last_query
            bar.focus()
        else:
            self.set_focus(None)

    def watch_narrow(self, value: bool) -> None:
        self.set_class(value, "-narrow")
        self._update()

    def watch_furniture(self, value: bool) -> None:
        self._renavigate(self.comparison)

    def watch_legend(self, value: bool) -> None:
        self.set_class(not value, "-no-legend")

    def watch_scroll_bind(self, value: bool) -> None:
        self._bound_to.clear()
        if value and self.selection is not None:
            self._bind_from(self.selection.side)
        self._update()

    # --- events -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.narrow = event.size.width < NARROW_WIDTH

    def on_key(self, event: events.Key) -> None:
        # A greyed-out key says why it does nothing, rather than nothing at all.
        if self.searching:
            return
        if self.realign is not None and self.realign.cancelled:
            # "cancelled" stays on the status line until the next key.
            self.realign = None
            self._show_status()
        digit = event.character if event.character in tuple("0123456789") else None
        if digit is not None and (digit != "0" or self.typed_count):
            # A count for the next key, as in vim: 5j, 3n, 12G.
            event.stop()
            self.typed_count = (self.typed_count + digit)[-4:]
            self._update()
            return
        self._count = int(self.typed_count or 1)
        self._count_was_typed = bool(self.typed_count)
        if self.typed_count:
            self.typed_count = ""
            self._update()
        active = self.active_bindings.get(event.key)
        if active is not None and active.node is self and not active.enabled:
            reason = self.why_not(active.binding.action)
            if reason:
                self.notify(reason, timeout=3, markup=False)

    @on(ArticleView.SentenceClicked)
    def _clicked(self, event: ArticleView.SentenceClicked) -> None:
        self._select(Position(event.side, event.sentence))

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        self.query_one(f"#{event.side}-overview", Overview).refresh()
        if self.scroll_bind:
            expected = self._bound_to.pop(event.side, None)
            if expected is None or expected != round(self._view(event.side).scroll_y):
                self._bind_from(event.side)

    @on(Overview.Jumped)
    def _jumped(self, event: Overview.Jumped) -> None:
        view = self._view(event.side)
        total = len(view.text_layout.lines)
        height = view.scrollable_content_region.height
        view.scroll_to(
            y=max(0, round(event.fraction * total) - height // 2), animate=False, immediate=True
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.searching = False
        self._run_search(event.value)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.searching = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "realign":
            return
        # A superseded or cancelled re-alignment ends CANCELLED: nothing to show.
        if event.state == WorkerState.SUCCESS:
            result = worker.result
            # An older re-alignment that finishes late is ignored: only the last asked for shows.
            if isinstance(result, Navigator) and self._realigning_to(result.comparison.sensitivity):
                self.realign = None
                self._renavigate(result.comparison, prepared=result)
        elif event.state == WorkerState.ERROR:
            self.realign = None
            self.notify(
                printable(f"Re-alignment failed: {worker.error}"), severity="error", markup=False
            )
            self._update()

    @on(Progressed)
    def _realign_progressed(self, event: Progressed) -> None:
        event.stop()
        realign = self.realign
        if realign is not None and isinstance(event.job, float) and self._realigning_to(event.job):
            self.realign = Realign(realign.target, event.done)
            self._show_status()

    # --- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key that does not apply, grey out the one that cannot act now."""
        nav, selection = self.navigator, self.selection
        side: Side = selection.side if selection else "left"
        if action in ("next_hit", "previous_hit"):
            return self.search_query is not None and (bool(self.search_hits) or None)
        if action in ("next_shared", "previous_shared"):
            if self.search_query is not None:
                return False
            return bool(nav.shared(side)) or None
        if action in ("next_only", "previous_only"):
            return bool(nav.only_here(side)) or None
        if action in ("next_quote", "previous_quote"):
            return bool(nav.quotes_only()) or None
        if action == "counterpart":
            return (selection is not None and self._counterparts(selection) != ()) or None
        if action == "detail":
            return (
                self.detail_open
                or (selection is not None and bool(self._counterparts(selection)))
                or None
            )
        if action == "scroll_detail":
            return self.detail_open or None
        if action == "sensitivity":
            (steps,) = parameters
            return (
                isinstance(steps, int)
                and self._sensitivity_target(steps) != self._current_sensitivity()
            ) or None
        if action == "cancel_realign":
            return self._realigning_to(None)
        if action == "close":
            return self.detail_open or self.search_query is not None or None
        if action == "bookmark":
            usable = self.bookmarking is not None and self.bookmarking.enabled
            return (selection is not None and usable) or None
        return True

    def action_move(self, delta: int) -> None:
        """Select the next or previous sentence in this column (a count moves that many)."""
        count = self._take_count()
        if self.selection is not None:
            self._select(self.navigator.step(self.selection, delta * count))

    def action_first(self) -> None:
        """Select the column's first sentence (with a count: the count-th)."""
        self._select_nth(self.navigator.first(self._side()))

    def action_last(self) -> None:
        """Select the column's last sentence (with a count: the count-th)."""
        self._select_nth(self.navigator.last(self._side()))

    def _select_nth(self, default: Position | None) -> None:
        counted = self._count_was_typed
        count = self._take_count()
        target = default
        visible = self.navigator.visible(self._side())
        if counted and visible:
            target = Position(self._side(), visible[min(count, len(visible)) - 1])
        self._select(target, jump=True)

    def action_page(self, halves: int) -> None:
        """Scroll the column by half pages, the selection moving with the text."""
        if self.selection is None:
            return
        view = self._view(self.selection.side)
        height = max(1, view.scrollable_content_region.height)
        lines = max(1, height * abs(halves) // 2) * (1 if halves > 0 else -1) * self._take_count()
        span = view.sentence_lines(self.selection.sentence)
        if span is None:
            return
        top = round(view.scroll_y)
        view.scroll_to(y=max(0, min(top + lines, view.max_scroll_y)), animate=False, immediate=True)
        target = view.sentence_near_line(span[0] + lines, forward=lines > 0)
        if target is not None:
            self._select(Position(self.selection.side, target))

    def action_jump_back(self) -> None:
        """Go back to where the last jump started."""
        if self.selection is None:
            return
        target = self.jumps.back(self.selection)
        if target is None:
            self.notify("At the oldest place in the jump list.", timeout=2, markup=False)
            return
        self._select(self.navigator.nearest_visible(target))

    def action_jump_forward(self) -> None:
        """Go forward again in the jump list."""
        target = self.jumps.forward()
        if target is None:
            self.notify("At the newest place in the jump list.", timeout=2, markup=False)
            return
        self._select(self.navigator.nearest_visible(target))

    def action_other_column(self) -> None:
        """Move to the other column: to the counterpart shown there, else where it was left."""
        if self.selection is None:
            return
        target_side = other_side(self.selection.side)
        counterparts = self._counterparts(self.selection)
        target: Position | None
        if counterparts:
            target = Position(target_side, counterparts[self.counterpart_index % len(counterparts)])
        else:
            target = self._last_in[target_side] or self.navigator.first(target_side)
        if target is not None:
            target = self.navigator.nearest_visible(target)
        self._select(target, jump=True)

    def action_next_shared(self) -> None:
        """Select the next shared fact in this column."""
        self._cycle_column(self.navigator.shared(self._side()), forward=True, what="shared fact")

    def action_previous_shared(self) -> None:
        """Select the previous shared fact in this column."""
        self._cycle_column(self.navigator.shared(self._side()), forward=False, what="shared fact")

    def action_next_only(self) -> None:
        """Select the next fact only this column's outlet reported."""
        self._cycle_column(self.navigator.only_here(self._side()), forward=True, what=ONLY_HERE)

    def action_previous_only(self) -> None:
        """Select the previous fact only this column's outlet reported."""
        self._cycle_column(self.navigator.only_here(self._side()), forward=False, what=ONLY_HERE)

    def action_next_quote(self) -> None:
        """Select the next quote only one outlet carried (either column)."""
        self._cycle(self.navigator.quotes_only(), forward=True, what=LONE_QUOTE)

    def action_previous_quote(self) -> None:
        """Select the previous quote only one outlet carried (either column)."""
        self._cycle(self.navigator.quotes_only(), forward=False, what=LONE_QUOTE)

    def action_counterpart(self) -> None:
        """Jump to the counterpart; again cycles through all of them, then back."""
        selection, origin = self.selection, self._jump_origin
        if selection is None:
            return
        if origin is not None and origin.side != selection.side:
            siblings = self.comparison.counterparts(origin.side, origin.sentence)
            if selection.sentence in siblings:
                index = siblings.index(selection.sentence) + 1
                if index < len(siblings):
                    self._jump(Position(selection.side, siblings[index]), origin)
                else:
                    self._select(origin, jump=True)
                return
        counterparts = self._counterparts(selection)
        if counterparts:
            target = counterparts[self.counterpart_index % len(counterparts)]
            self._jump(Position(other_side(selection.side), target), selection)

    def action_search(self) -> None:
        """Open the search prompt."""
        self.searching = True

    def action_next_hit(self) -> None:
        """Select the next search match."""
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        """Select the previous search match."""
        self._step_hit(-1)

    def action_furniture(self) -> None:
        """Show or hide titles, captions and site furniture."""
        self.furniture = not self.furniture

    def action_detail(self) -> None:
        """Show or hide the detail panel for the selected link."""
        self.detail_open = not self.detail_open

    def action_legend(self) -> None:
        """Show or hide the legend line."""
        self.legend = not self.legend

    def action_scroll_bind(self) -> None:
        """Turn scroll-bind on or off."""
        self.scroll_bind = not self.scroll_bind
        state = (
            "on: scrolling one column scrolls the other to the linked text"
            if self.scroll_bind
            else "off"
        )
        self.notify(f"Scroll-bind {state}.", timeout=3, markup=False)

    def action_scroll_detail(self, lines: int) -> None:
        """Scroll the detail panel by a few lines (a long diff, several quotes)."""
        panel = self.query_one(DetailPanel)
        panel.scroll_relative(y=lines * 3, animate=False, immediate=True)

    def action_sensitivity(self, steps: int) -> None:
        """Re-align at a higher (more links) or lower sensitivity, in the background.

        The comparison on screen stays until the new one is ready: keys and
        scrolling work on it meanwhile. A newer step supersedes an older one
        (its worker is cancelled, and the engine stops at its next report);
        escape cancels.
        """
        target = self._sensitivity_target(steps)
        if target == self._current_sensitivity():
            return
        self.realign = Realign(target)
        recompare = self.recompare
        furniture, bookmarked = self.furniture, self.navigator.bookmarked

        def realign() -> Navigator:
            worker = get_current_worker()
            relay = ProgressRelay(self, target, stop=lambda: worker.is_cancelled)
            comparison = recompare(target, progress=relay)
            # What the keys ask of the new comparison is worked out here rather
            # than on the app's thread when it is shown: for two 4.5 MB articles
            # showing it then took 0.57 s there, and now takes 0.05 s.
            return Navigator(comparison, furniture=furniture, bookmarked=bookmarked).prepare()

        self.run_worker(realign, thread=True, group="realign", exclusive=True, exit_on_error=False)
        self._update()

    def action_help(self) -> None:
        """Show every key."""
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS, getattr(self.app, "keymap", None)))

    def action_cancel_realign(self) -> None:
        """Cancel the re-alignment under way; the comparison shown stays."""
        realign = self.realign
        if realign is None or realign.cancelled:
            return
        # The worker ends at once; its thread stops at the engine's next report.
        self.workers.cancel_group(self, "realign")
        self.realign = Realign(realign.target, realign.done, cancelled=True)
        self._update()

    def action_close(self) -> None:
        """Close the detail panel, else clear the search."""
        if self.detail_open:
            self.detail_open = False
        elif self.search_query is not None:
            self.search_query, self.search_hits, self.search_index = None, (), None
            self._update()

    def action_copy(self) -> None:
        """Copy the selected sentence's text to the clipboard."""
        if self.selection is None:
            return
        text = self.navigator.display(self.selection.side, self.selection.sentence)
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied the {self.selection.side} sentence ({len(text)} characters).",
            timeout=3,
            markup=False,
        )

    def action_copy_pair(self) -> None:
        """Copy the sentence and the counterpart shown beside it, each with its source."""
        selection = self.selection
        if selection is None:
            return
        ends = [(selection.side, selection.sentence)]
        counterparts = self._counterparts(selection)
        if counterparts:
            other = counterparts[self.counterpart_index % len(counterparts)]
            ends.append((other_side(selection.side), other))
            ends.sort(key=lambda end: end[0] != "left")  # left first, as on screen
        quoted = [
            f"“{self.navigator.display(side, sentence)}”\n"
            f"— {citation(self.comparison.article(side))}"
            for side, sentence in ends
        ]
        self.app.copy_to_clipboard("\n\n".join(quoted) + "\n")
        what = (
            "the linked pair, with both sources"
            if counterparts
            else ("the sentence with its source (it has no counterpart)")
        )
        self.notify(f"Copied {what}.", timeout=3, markup=False)

    def action_bookmark(self) -> None:
        """Bookmark the selected sentence, or its link when it is shared, with a note."""
        selection = self.selection
        if selection is None or self.bookmarking is None:
            return
        counterparts = self._counterparts(selection)
        other = counterparts[self.counterpart_index % len(counterparts)] if counterparts else None
        self.bookmarking.add(selection.side, selection.sentence, other)

    def action_bookmarks(self) -> None:
        """List this pair's bookmarks: jump, edit, delete, filter."""
        if self.bookmarking is not None:
            self.bookmarking.show(
                lambda side, sentence: self._select(Position(side, sentence), jump=True)
            )

    def action_export(self) -> None:
        """Export the comparison and its bookmarks: where, and as Markdown, HTML or JSON."""
        if self.bookmarking is not None:
            self.bookmarking.export()

    # --- public ---------------------------------------------------------------------

    def action_state(self, action: str) -> bool | None:
        """What :meth:`check_action` says of a binding's action, as in ``"sensitivity(1)"``."""
        _namespace, name, parameters = parse_action(action)
        return self.check_action(name, parameters)

    def why_not(self, action: str) -> str | None:
        """Why a greyed-out key does nothing now, in a few words (None: nothing to say)."""
        _namespace, name, parameters = parse_action(action)
        side = self._side()
        other = outlet_label(self.comparison.article(other_side(side)))
        if name in ("next_shared", "previous_shared"):
            return f"No sentence in this column is shared with {other}."
        if name in ("next_only", "previous_only"):
            return f"Every sentence in this column is shared with {other}."
        if name in ("next_quote", "previous_quote"):
            return "No quote is carried by one outlet only."
        if name in ("counterpart", "detail"):
            return f"This sentence has no counterpart in {other} (+ finds looser links)."
        if name in ("next_hit", "previous_hit"):
            return printable(f"No match for “{self.search_query}”.")
        if name == "sensitivity":
            most = bool(parameters) and parameters[0] == 1
            return "Sensitivity is at its " + ("highest (1.00)." if most else "lowest (0.00).")
        if name == "bookmark":
            return "Bookmarks are unavailable (see the message at start)."
        return None

    def set_bookmarked(self, marks: Iterable[tuple[Side, int]]) -> None:
        """Mark sentences as bookmarked (their gutter and overview show it)."""
        self.navigator.bookmarked = frozenset(marks)
        self._renavigate(self.comparison)

    # --- internals ------------------------------------------------------------------

    def _side(self) -> Side:
        return self.selection.side if self.selection else "left"

    def _view(self, side: Side) -> ArticleView:
        return self.query_one(f"#{side}-view", ArticleView)

    def _counterparts(self, position: Position) -> tuple[int, ...]:
        return self.comparison.counterparts(position.side, position.sentence)

    def _current_sensitivity(self) -> float:
        if self.realign is not None and not self.realign.cancelled:
            return self.realign.target
        return self.comparison.sensitivity

    def _realigning_to(self, sensitivity: float | None) -> bool:
        """Whether a re-alignment is under way (to ``sensitivity``, unless None)."""
        realign = self.realign
        if realign is None or realign.cancelled:
            return False
        return sensitivity is None or abs(realign.target - sensitivity) < 1e-9

    def _sensitivity_target(self, steps: int) -> float:
        value = self._current_sensitivity() + steps * SENSITIVITY_STEP
        return round(min(1.0, max(0.0, value)), 2)

    def _cycle_column(self, ids: tuple[int, ...], *, forward: bool, what: str) -> None:
        self._cycle(self.navigator.in_column(self._side(), ids), forward=forward, what=what)

    def _take_count(self) -> int:
        """The count typed before this key (1 if none); it is used once."""
        count, self._count, self._count_was_typed = self._count, 1, False
        return max(1, count)

    def _cycle(self, targets: tuple[Position, ...], *, forward: bool, what: str) -> None:
        count = self._take_count()
        if self.selection is None or not targets:
            return
        here: Position | None = self.selection
        wrapped = False
        for _ in range(min(count, len(targets))):
            assert here is not None
            target = self.navigator.cycle(here, targets, forward)
            if target is None:
                break
            wrapped = wrapped or self.navigator.wrapped(here, target, forward)
            here = target
        if wrapped:
            self._say_wrapped(what, forward)
        self._select(here, jump=True)

    def _say_wrapped(self, what: str, forward: bool) -> None:
        where = "end, back to the first" if forward else "start, on to the last"
        self.notify(f"Past the {where} {what}.", timeout=2, markup=False)

    def _jump(self, target: Position, origin: Position) -> None:
        # Show, and describe, the link back to where the jump started: chosen
        # before selecting, so the screen is brought up to date once, not twice.
        siblings = self._counterparts(target)
        index = siblings.index(origin.sentence) if origin.sentence in siblings else 0
        self._select(target, counterpart_index=index, jump=True)
        self._jump_origin = origin

    def _run_search(self, query: str) -> None:
        if not query.strip():
            return
        self.search_query = self.last_query = query
        self.search_hits = self.navigator.search(query)
        self.search_index = None
        if not self.search_hits:
            self.notify(
                printable(f"No match for “{query}” in either article."), timeout=3, markup=False
            )
        if self.search_hits and self.selection is not None:
            # Start at the first match at or after the selection, in reading order.
            order = [(0 if h.side == "left" else 1, h.sentence) for h in self.search_hits]
            here = (0 if self.selection.side == "left" else 1, self.selection.sentence)
            index = next((i for i, key in enumerate(order) if key >= here), 0)
            self._select_hit(index)
        else:
            self._update()

    def _step_hit(self, delta: int) -> None:
        delta *= self._take_count()
        if not self.search_hits:
            return
        current = -1 if self.search_index is None and delta > 0 else (self.search_index or 0)
        target = current + delta
        if self.search_index is not None and not 0 <= target < len(self.search_hits):
            self._say_wrapped("match", delta > 0)
        self._select_hit(target % len(self.search_hits))

    def _select_hit(self, index: int) -> None:
        hit = self.search_hits[index]
        self._select(Position(hit.side, hit.sentence), jump=True)
        self.search_index = index
        self._update()

    def _select(
        self, position: Position | None, *, counterpart_index: int = 0, jump: bool = False
    ) -> None:
        if position is None:
            return
        changed = position != self.selection
        if jump and changed and self.selection is not None:
            self.jumps.record(self.selection)
        self.selection = position
        self._last_in[position.side] = position
        self._jump_origin = None
        if changed:
            self.counterpart_index = counterpart_index
        self._update(scroll=True)

    def _renavigate(self, comparison: Comparison, prepared: Navigator | None = None) -> None:
        """Show a new comparison or the same one with other options, keeping the selection.

        ``prepared`` is a navigator over ``comparison`` made on a worker thread;
        it is used if the reader's options are still those it was made with.
        """
        bookmarked = self.navigator.bookmarked
        if (
            prepared is not None
            and prepared.comparison is comparison
            and prepared.furniture == self.furniture
            and prepared.bookmarked == bookmarked
        ):
            self.navigator = prepared
        else:
            self.navigator = Navigator(comparison, furniture=self.furniture, bookmarked=bookmarked)
        if not self._ready:
            return
        for side in SIDES:
            self._view(side).set_navigator(self.navigator)
            self.query_one(f"#{side}-overview", Overview).invalidate()
            self.query_one(f"#{side}-title", Static).update(self._title(side))
        if self.search_query is not None:
            self.search_hits = self.navigator.search(self.search_query)
            self.search_index = None
        if self.selection is not None:
            # Sentence ids do not depend on sensitivity, so the same id is the same sentence.
            self.selection = self.navigator.nearest_visible(self.selection)
            counterparts = self._counterparts(self.selection) if self.selection else ()
            if self.counterpart_index >= len(counterparts):
                self.counterpart_index = 0
        self._update(scroll=True)

    def _update(self, *, scroll: bool = False) -> None:
        """Bring every widget in line with the selection and the comparison."""
        if not self._ready:
            return
        selection = self.selection
        hits: dict[Side, dict[int, list[tuple[int, int]]]] = {"left": {}, "right": {}}
        for hit in self.search_hits:
            hits[hit.side].setdefault(hit.sentence, []).append((hit.start, hit.end))
        counterparts = self._counterparts(selection) if selection else ()
        for side in SIDES:
            view = self._view(side)
            side_hits = {sid: tuple(spans) for sid, spans in hits[side].items()}
            if selection is not None and selection.side == side:
                view.set_marks(selection.sentence, frozenset(), side_hits)
                if scroll:
                    view.scroll_to_sentence(selection.sentence)
            else:
                view.set_marks(None, frozenset(counterparts), side_hits)
                if scroll and counterparts and not self.scroll_bind:
                    view.scroll_to_sentence(
                        counterparts[self.counterpart_index % len(counterparts)]
                    )
                elif scroll:
                    view.keep_in_view = None  # nothing here to keep in view (or bound)
            active = selection is not None and selection.side == side
            # Classes on the small title, and on the column only when narrow: a
            # class change on a column restyles its article view (~17 ms each).
            self.query_one(f"#{side}-title").set_class(active, "-active")
            self.query_one(f"#{side}-column").set_class(self.narrow and not active, "-inactive")
        if scroll and self.scroll_bind and selection is not None:
            self._bind_from(selection.side)
        self._show_status()
        if self.detail_open:
            self._show_detail()
        self._refresh_bindings_if_changed()

    def _show_status(self) -> None:
        if not self._ready:
            return
        search = None
        if self.search_query is not None:
            search = SearchState(self.search_query, len(self.search_hits), self.search_index)
        self.query_one(StatusLine).show(
            self.navigator,
            self.selection,
            search=search,
            realign=self.realign,
            count=self.typed_count,
            bound=self.scroll_bind,
        )

    def _bind_from(self, side: Side) -> None:
        """Scroll the other column so that linked text sits beside this column's.

        The selected sentence's counterpart goes beside it when the selection is
        on screen; else the first linked sentence on screen sets the pair.
        """
        if self.narrow:
            return  # one column on screen: nothing to keep beside it
        leader, follower = self._view(side), self._view(other_side(side))
        top = round(leader.scroll_y)
        height = leader.scrollable_content_region.height
        found = self._bound_pair(leader, side, top, height)
        if found is None:
            return
        leader_line, target = found
        span = follower.sentence_lines(target)
        if span is None:
            return
        y = max(0, min(span[0] - (leader_line - top), round(follower.max_scroll_y)))
        if y != round(follower.scroll_y):
            self._bound_to[follower.side] = y
            follower.scroll_to(y=y, animate=False, immediate=True)

    def _bound_pair(
        self, leader: ArticleView, side: Side, top: int, height: int
    ) -> tuple[int, int] | None:
        """A sentence on screen in ``leader`` and its counterpart: ``(its first line, target)``."""
        selection = self.selection
        if selection is not None and selection.side == side:
            span = leader.sentence_lines(selection.sentence)
            counterparts = self._counterparts(selection)
            if span is not None and counterparts and top <= span[0] < top + height:
                return span[0], counterparts[self.counterpart_index % len(counterparts)]
        lines = leader.text_layout.lines
        for line in range(top, min(len(lines), top + height)):
            for sid, _, _ in lines[line]:
                counterparts = self.comparison.counterparts(side, sid) if sid >= 0 else ()
                span = leader.sentence_lines(sid) if counterparts else None
                if span is not None and span[0] >= top:
                    return span[0], counterparts[0]
        return None

    def _refresh_bindings_if_changed(self) -> None:
        # refresh_bindings rebuilds the Footer (tens of ms): only when a key's state changed.
        state = tuple(
            self.action_state(binding.action)
            for binding in self.BINDINGS
            if isinstance(binding, Binding)
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _show_detail(self) -> None:
        self.query_one(DetailPanel).show(self.comparison, self.selection, self.counterpart_index)
