"""A small dialog for a bookmark's note: enter saves, escape cancels."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.sanitize import printable

#: How much of a sentence the dialog quotes to say what is being bookmarked.
EXCERPT_CHARS = 160


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A sentence made safe for the screen, on one line, cut at a word near ``limit``."""
    flat = " ".join(printable(text, keep_newlines=True).split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


class NoteDialog(ModalScreen[str | None]):
    """Ask for a bookmark's note; dismisses with the note, or ``None`` when cancelled.

    Args:
        heading: What is being bookmarked ("Bookmark link L12 ↔ R9").
        sentences: The sentence(s) concerned, shown as a reminder (untrusted text).
        note: The note to start from (when editing).
        save: Saves the note; returns an error message, or ``None`` once saved.
            Given, the dialog closes only once the note is saved: on an error
            (a full disk) it stays open with the message and the typed note,
            and enter tries again.
    """

    DEFAULT_CSS = """
    NoteDialog {
        align: center middle;
        background: $background 60%;
    }
    NoteDialog > #note-box {
        width: 80%;
        max-width: 90;
        height: auto;
        padding: 1 2;
        border: round $accent;
        background: $surface;
    }
    NoteDialog #note-heading { text-style: bold; margin-bottom: 1; }
    NoteDialog .note-sentence { color: $text-muted; margin-bottom: 1; }
    NoteDialog #note-hint { color: $text-muted; margin-top: 1; }
    NoteDialog #note-error { color: $text-error; margin-top: 1; display: none; }
    NoteDialog.-error #note-error { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(
        self,
        heading: str,
        sentences: tuple[str, ...] = (),
        note: str = "",
        *,
        save: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self._heading = heading
        self._sentences = sentences
        self._note = note
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Content(printable(self._heading)), id="note-heading")
            for sentence in self._sentences:
                yield Static(Content(excerpt(sentence)), classes="note-sentence")
            yield Input(
                value=self._note,
                placeholder="Note (optional)",
                id="note-input",
                select_on_focus=False,
            )
            yield Static(id="note-error")
            yield Static(Content("enter saves · escape cancels"), id="note-hint")

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        note = event.value.strip()
        error = self._save(note) if self._save is not None else None
        if error is not None:
            # Store errors quote paths and SQLite: shown inert, one for one.
            self.query_one("#note-error", Static).update(
                Content(f"{printable(error)}\nThe note is kept here: enter tries again.")
            )
            self.add_class("-error")
            return
        self.dismiss(note)

    def action_cancel(self) -> None:
        """Close without saving anything."""
        self.dismiss(None)
