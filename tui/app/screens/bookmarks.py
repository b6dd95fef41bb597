"""The bookmarks screen: this pair's bookmarks, to jump to, edit, delete and filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from tui.app.screens.note_dialog import excerpt
from tui.engine import Comparison, Side
from tui.sanitize import printable
from tui.store import Placed

#: Where the bookmarks screen sends the reader: a sentence to select.
Target = tuple[Side, int]

#: Below this width the table leaves out the other side's sentence and the date
#: (the pane under the table shows the highlighted bookmark whole).
WIDE_TABLE = 100
#: Cells a column costs beyond its text (DataTable pads each cell by one on each side).
CELL_PADDING = 2
#: Width of the date column ("2025-03-07 09:30").
WHEN_WIDTH = 16


def _clip(text: str | None, width: int) -> str:
    return excerpt(text, width) if text else ""


def _when(stamp: str) -> str:
    return stamp.replace("T", " ")[:16]


def column_widths(width: int, where: int) -> dict[str, int]:
    """How the table's width is shared: the note and the sentences take what is left.

    Args:
        width: The table's width in cells.
        where: The width of the widest place label.

    Returns:
        The width of each column shown, by its label, in order.
    """
    columns = {"": 1, "Where": where}
    wide = width >= WIDE_TABLE
    fixed = 1 + where + (WHEN_WIDTH if wide else 0)
    count = 4 + (2 if wide else 0)
    free = max(16, width - fixed - count * CELL_PADDING - 1)
    if wide:
        columns["Note"] = free * 4 // 10
        columns["Sentence"] = free * 35 // 100
        columns["Other side"] = free - columns["Note"] - columns["Sentence"]
        columns["When (UTC)"] = WHEN_WIDTH
    else:
        columns["Note"] = free // 2
        columns["Sentence"] = free - columns["Note"]
    return columns


class ConfirmDelete(ModalScreen[bool]):
    """Ask before deleting a bookmark: y or enter deletes, n or escape keeps it."""

    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; background: $background 60%; }
    ConfirmDelete > Static {
        width: auto; max-width: 80; height: auto; padding: 1 2;
        border: round $error; background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Delete", show=True),
        Binding("n,escape", "answer(False)", "Keep", show=True),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Delete this bookmark?\n\n", "bold"),
                printable(self._what),
                ("\n\ny/enter: delete · n/escape: keep", "$text-muted"),
            )
        )

    def action_answer(self, delete: bool) -> None:
        """Close with the answer."""
        self.dismiss(delete)


class BookmarksScreen(ModalScreen[Target | None]):
    """The pair's bookmarks as a table; dismisses with the sentence to jump to, if any.

    The table shares its width between the note and the sentences; the pane
    under it shows the highlighted bookmark whole: its note and its sentences.

    Args:
        load: Returns the pair's bookmarks placed in the comparison on screen.
        comparison: The comparison on screen (for the sentences' current text).
        describe: A bookmark's place as a reader counts it (``left ¶3 s2``).
        describe_compact: The same in fewer cells (``L¶3 s2``), for a narrow table.
        edit: Asks for a bookmark's new note and saves it, then calls back.
        delete: Deletes a bookmark; returns an error message or ``None``.
    """

    DEFAULT_CSS = """
    BookmarksScreen { background: $background 70%; }
    BookmarksScreen > #bookmarks-box {
        margin: 1 2; padding: 0 1; border: round $accent; background: $surface;
    }
    BookmarksScreen #bookmarks-heading { text-style: bold; padding: 0 1; }
    BookmarksScreen #bookmarks-filter { margin: 0 0 1 0; }
    BookmarksScreen DataTable { height: 1fr; }
    BookmarksScreen #bookmark-pane {
        height: auto; max-height: 45%; border-top: solid $accent 50%; padding: 0 1;
    }
    BookmarksScreen #bookmarks-hint { color: $text-muted; padding: 0 1; }
    BookmarksScreen #bookmarks-empty { color: $text-muted; padding: 1; display: none; }
    BookmarksScreen.-empty #bookmarks-empty { display: block; }
    BookmarksScreen.-empty DataTable { display: none; }
    BookmarksScreen.-empty #bookmark-pane { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Jump to it", show=True),
        Binding("e", "edit", "Edit note", show=True),
        Binding("delete", "delete", "Delete", show=True),
        Binding("slash", "filter", "Filter", show=True, key_display="/"),
        Binding("escape", "close", "Close", show=True),
    ]

    def __init__(
        self,
        load: Callable[[], list[Placed]],
        comparison: Comparison,
        *,
        describe: Callable[[Placed], str],
        describe_compact: Callable[[Placed], str] | None = None,
        edit: Callable[[Placed, Callable[[], None]], None],
        delete: Callable[[int], str | None],
    ) -> None:
        super().__init__()
        self._load = load
        self._comparison = comparison
        self._describe = describe
        self._describe_compact = describe_compact or describe
        self._edit = edit
        self._delete = delete
        self._all: list[Placed] = []
        self._shown: list[Placed] = []
        self._widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Static(id="bookmarks-heading")
            yield Input(placeholder="Filter by text (notes and sentences)", id="bookmarks-filter")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="bookmarks-table")
            yield Static(id="bookmarks-empty")
            with VerticalScroll(id="bookmark-pane", can_focus=False):
                yield Static(id="bookmark-detail")
            yield Static(
                Content(
                    "enter jumps · e edits the note · delete removes · / filters · escape closes"
                ),
                id="bookmarks-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    # --- events -----------------------------------------------------------------

    def on_resize(self) -> None:
        # The columns share the width: a new width is a new share.
        current = self.current
        self._fill(current.bookmark.id if current else None)

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_current()

    # --- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs a bookmark when none is highlighted."""
        if action in ("jump", "edit", "delete"):
            return self.current is not None or None
        return True

    def action_jump(self) -> None:
        """Close and select the bookmark's sentence."""
        item = self.current
        if item is None:
            return
        if item.sentence is None:
            self.notify(
                "This bookmark is detached: its sentence is no longer in the article.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss((item.bookmark.side, item.sentence))

    def action_edit(self) -> None:
        """Edit the highlighted bookmark's note."""
        item = self.current
        if item is not None:
            self._edit(item, lambda: self.reload(keep=item.bookmark.id))

    def action_delete(self) -> None:
        """Delete the highlighted bookmark, after a confirmation."""
        item = self.current
        if item is None:
            return
        row = self._shown.index(item)

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            error = self._delete(item.bookmark.id)
            if error:
                self._tell_error(error)
            self.reload()
            table = self.query_one(DataTable)
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))

        what = f"{self._describe(item)}: {excerpt(item.bookmark.note or item.bookmark.text, 60)}"
        self.app.push_screen(ConfirmDelete(what), answered)

    def action_filter(self) -> None:
        """Focus the filter box."""
        self.query_one("#bookmarks-filter", Input).focus()

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)

    # --- public ------------------------------------------------------------------

    @property
    def current(self) -> Placed | None:
        """The highlighted bookmark, if any."""
        table = self.query_one(DataTable)
        if not self._shown or table.row_count == 0:
            return None
        return self._shown[min(max(table.cursor_row, 0), len(self._shown) - 1)]

    @property
    def shown(self) -> list[Placed]:
        """The bookmarks listed now (after the filter), in order."""
        return list(self._shown)

    def reload(self, keep: int | None = None) -> None:
        """Read the bookmarks again and refill the table.

        Args:
            keep: A bookmark id to keep highlighted.
        """
        self._all = self._load()
        self._fill(keep)

    # --- internals ---------------------------------------------------------------

    def _tell_error(self, message: str) -> None:
        # Store errors name the data directory and quote SQLite: a folder named
        # with an escape sequence must not reach the terminal raw.
        self.notify(printable(message), severity="error", markup=False)

    def _matches(self, item: Placed, words: list[str]) -> bool:
        mark = item.bookmark
        haystack = " ".join(
            (mark.note, mark.text, mark.other_text or "", self._describe(item))
        ).casefold()
        return all(word in haystack for word in words)

    def _where(self, item: Placed) -> str:
        if self._widths and "Other side" not in self._widths:
            return self._describe_compact(item)
        return self._describe(item)

    def _set_columns(self, table: DataTable[Text]) -> None:
        width = table.size.width or self.size.width - 8
        describe = self._describe if width >= WIDE_TABLE else self._describe_compact
        where = max((len(describe(item)) for item in self._all), default=5)
        widths = column_widths(width, max(5, where))
        if widths != self._widths or not table.columns:
            table.clear(columns=True)
            for label, cells in widths.items():
                table.add_column(label, width=cells, key=label or "mark")
            self._widths = widths

    def _fill(self, keep: int | None = None) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        query = self.query_one("#bookmarks-filter", Input).value
        words = query.casefold().split()
        self._shown = [item for item in self._all if self._matches(item, words)]
        self._set_columns(table)
        table.clear()
        widths = self._widths
        for item in self._shown:
            mark = item.bookmark
            cells = {
                "": Text("★" if mark.kind == "sentence" else "⇄", style="bold"),
                "Where": Text(self._where(item), style="italic" if item.detached else ""),
                "Note": Text(_clip(mark.note, widths["Note"]) or "—", style="bold"),
                "Sentence": Text(_clip(mark.text, widths["Sentence"])),
                "Other side": Text(_clip(mark.other_text, widths.get("Other side", 0))),
                "When (UTC)": Text(_when(mark.created_at)),
            }
            table.add_row(*(cells[label] for label in widths), key=str(mark.id))
        if keep is not None:
            ids = [item.bookmark.id for item in self._shown]
            if keep in ids:
                table.move_cursor(row=ids.index(keep))
        total, shown = len(self._all), len(self._shown)
        heading = f"Bookmarks of this pair: {total}"
        if shown != total:
            heading += f" ({shown} shown)"
        self.query_one("#bookmarks-heading", Static).update(Content(heading))
        empty = "No bookmarks yet: press b on a sentence to add one."
        if total and not shown:
            empty = "No bookmark matches the filter."
        self.query_one("#bookmarks-empty", Static).update(Content(empty))
        self.set_class(not shown, "-empty")
        self._show_current()
        self.refresh_bindings()

    def _show_current(self) -> None:
        """The highlighted bookmark whole, under the table: its place, note and sentences."""
        item = self.current
        pane = self.query_one("#bookmark-detail", Static)
        if item is None:
            pane.update("")
            return
        mark = item.bookmark
        parts: list[str | tuple[str, str]] = [
            (self._describe(item), "bold"),
            (f" · saved {_when(mark.created_at)} UTC", "$text-muted"),
            "\n",
            ("Note: ", "bold"),
            (printable(mark.note, keep_newlines=True), "")
            if mark.note
            else ("(none)", "$text-muted"),
            "\n",
            (printable(mark.text, keep_newlines=True), "$text-muted"),
        ]
        if mark.other_text:
            parts += [
                "\n",
                ("↔ ", "bold"),
                (printable(mark.other_text, keep_newlines=True), "$text-muted"),
            ]
        pane.update(Content.assemble(*parts))
