"""The export dialog: where, and in which format; a file that exists is replaced only on a yes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from tui.sanitize import printable

#: The formats offered, in order, with their labels.
FORMATS: tuple[tuple[str, str], ...] = (
    ("markdown", "Markdown"),
    ("html", "HTML"),
    ("json", "JSON"),
)

#: Writes the export: ``(path, format, replace)`` -> an error message, or None when written.
Write = Callable[[Path, str, bool], str | None]


class ConfirmReplace(ModalScreen[bool]):
    """Ask before replacing a file: y replaces, n or escape goes back to the dialog."""

    DEFAULT_CSS = """
    ConfirmReplace { align: center middle; background: $background 60%; }
    ConfirmReplace > Static {
        width: auto; max-width: 80; height: auto; padding: 1 2;
        border: round $warning; background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Replace", show=True),
        Binding("n,escape", "answer(False)", "Keep it", show=True),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("This file exists. Replace it?\n\n", "bold"),
                printable(str(self._path)),
                ("\n\ny: replace · n/escape: keep it and choose another name", "$text-muted"),
            )
        )

    def action_answer(self, replace: bool) -> None:
        """Close with the answer."""
        self.dismiss(replace)


class ExportDialog(ModalScreen[Path | None]):
    """Choose the file and the format; dismisses with the path written, or None.

    Args:
        directory: Where a file name without a folder goes (the current directory).
        default_name: The file name proposed for a format (a free one: nothing
            is replaced unless the reader asks).
        write: Writes the export; returns an error message to show, or None.
    """

    DEFAULT_CSS = """
    ExportDialog { align: center middle; background: $background 60%; }
    ExportDialog > #export-box {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    ExportDialog #export-heading { text-style: bold; margin-bottom: 1; }
    ExportDialog RadioSet { layout: horizontal; width: 100%; margin-bottom: 1; }
    ExportDialog #export-error { color: $text-error; display: none; }
    ExportDialog.-error #export-error { display: block; }
    ExportDialog #export-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, directory: Path, default_name: Callable[[str], str], write: Write) -> None:
        super().__init__()
        self._directory = directory
        self._default_name = default_name
        self._write = write
        self.format = FORMATS[0][0]
        self._proposed = str(directory / default_name(self.format))

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Content("Export the comparison and its bookmarks"), id="export-heading")
            with RadioSet(id="export-format"):
                for index, (_fmt, label) in enumerate(FORMATS):
                    yield RadioButton(label, value=index == 0)
            yield Input(value=self._proposed, id="export-path", select_on_focus=False)
            yield Static(id="export-error")
            yield Static(
                Content("enter exports · tab: the format (arrows choose) · escape cancels"),
                id="export-hint",
            )

    def on_mount(self) -> None:
        path_input = self.query_one("#export-path", Input)
        path_input.focus()
        path_input.cursor_position = len(path_input.value)

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.format = FORMATS[event.index][0]
        path_input = self.query_one("#export-path", Input)
        if path_input.value == self._proposed:
            # Still the name proposed: propose the one for this format.
            self._proposed = str(self._directory / self._default_name(self.format))
            path_input.value = self._proposed

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)

    def export(self, *, replace: bool = False) -> None:
        """Write the file; a file that exists is replaced only after a yes."""
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._error("Give the file a name.")
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self._directory / path
        if path.is_dir():
            self._error("That is a folder: add a file name.")
            return
        if path.exists() and not replace:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.export(replace=True)

            self.app.push_screen(ConfirmReplace(path), answered)
            return
        error = self._write(path, self.format, replace)
        if error:
            self._error(error)
            return
        self.dismiss(path)

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Content(printable(message)))
        self.set_class(True, "-error")
