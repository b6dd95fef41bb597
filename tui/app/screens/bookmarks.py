"""The bookmarks screen: this pair's bookmarks, to jump to, edit, delete and filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from tui.app.screens.note_dialog import NoteDialog, excerpt
from tui.engine import Comparison, Side
from tui.sanitize import printable
from tui.store import Placed

#: Where the bookmarks screen sends the reader: a sentence to select.
Target = tuple[Side, int]

#: Characters of each sentence shown in the list (its first words).
FIRST_WORDS = 22
#: Characters of the note shown in the list (the filter searches all of it).
NOTE_CHARS = 24


def _first_words(text: str | None) -> str:
    return excerpt(text, FIRST_WORDS) if text else ""


def _where(item: Placed) -> str:
    mark = item.bookmark
    if item.detached:
        return "detached"
    letter = "L" if mark.side == "left" else "R"
    if mark.kind == "link":
        other = f"R{item.other}" if item.other is not None else "R?"
        return f"{letter}{item.sentence} ↔ {other}"
    return f"{letter}{item.sentence}"


def _when(stamp: str) -> str:
    return stamp.replace("T", " ")[:16]


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

    Args:
        load: Returns the pair's bookmarks placed in the comparison on screen.
        comparison: The comparison on screen (for the sentences' current text).
        set_note: Saves a bookmark's new note; returns an error message or ``None``.
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
    BookmarksScreen #bookmarks-hint { color: $text-muted; padding: 0 1; }
    BookmarksScreen #bookmarks-empty { color: $text-muted; padding: 1; display: none; }
    BookmarksScreen.-empty #bookmarks-empty { display: block; }
    BookmarksScreen.-empty DataTable { display: none; }
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
        set_note: Callable[[int, str], str | None],
        delete: Callable[[int], str | None],
    ) -> None:
        super().__init__()
        self._load = load
        self._comparison = comparison
        self._set_note = set_note
        self._delete = delete
        self._all: list[Placed] = []
        self._shown: list[Placed] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Static(id="bookmarks-heading")
            yield Input(placeholder="Filter by text (notes and sentences)", id="bookmarks-filter")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="bookmarks-table")
            yield Static(id="bookmarks-empty")
            yield Static(
                Content(
                    "enter jumps · e edits the note · delete removes · / filters · escape closes"
                ),
                id="bookmarks-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("", "Where", "Sentence", "Other side", "Note", "When (UTC)"):
            table.add_column(label)
        self.reload()
        table.focus()

    # --- events -----------------------------------------------------------------

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
        if item is None:
            return
        mark = item.bookmark

        def saved(note: str | None) -> None:
            if note is not None:
                self.reload(keep=mark.id)

        sentences = (mark.text,) + ((mark.other_text,) if mark.other_text else ())
        # A note that cannot be saved (a full disk) stays in the dialog with the error.
        self.app.push_screen(
            NoteDialog(
                f"Edit the note of bookmark {_where(item)}",
                sentences,
                mark.note,
                save=lambda note: self._set_note(mark.id, note),
            ),
            saved,
        )

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

        what = f"{_where(item)}: {excerpt(item.bookmark.note or item.bookmark.text, 60)}"
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
        haystack = " ".join((mark.note, mark.text, mark.other_text or "", _where(item))).casefold()
        return all(word in haystack for word in words)

    def _fill(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#bookmarks-filter", Input).value
        words = query.casefold().split()
        self._shown = [item for item in self._all if self._matches(item, words)]
        table.clear()
        for item in self._shown:
            mark = item.bookmark
            glyph = "★" if mark.kind == "sentence" else "⇄"
            table.add_row(
                Text(glyph, style="bold"),
                Text(_where(item), style="italic" if item.detached else ""),
                Text(_first_words(mark.text)),
                Text(_first_words(mark.other_text)),
                Text(excerpt(mark.note, NOTE_CHARS) if mark.note else "—", style="bold"),
                Text(_when(mark.created_at)),
                key=str(mark.id),
            )
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
        self.refresh_bindings()
