"""What the b, B and x keys do on the reading screen: bookmarks and the export.

The main screen owns the keys; this module owns what they do with the
bookmark store (tui.store) and the exports (tui.report), so the screen stays
about reading. Every store error becomes a notification: the app keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.screens.note_dialog import NoteDialog
from tui.engine import Comparison, Side, other_side
from tui.sanitize import printable
from tui.store import BookmarkStore, BookmarksUnavailable, Placed, pair_identity, place

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

#: The format the x key writes.
EXPORT_FORMAT = "markdown"


class Bookmarking:
    """The bookmarks of the pair on one screen, and its export.

    Args:
        screen: The reading screen (for notifications and dialogs).
        store: The bookmark store.
        comparison: Returns the comparison on screen now (it changes with the sensitivity).
        show_marks: Called with the ``(side, sentence id)`` pairs to mark as bookmarked.
        export_dir: Where x writes its file (the current directory by default).
    """

    def __init__(
        self,
        screen: Screen[None],
        store: BookmarkStore,
        comparison: Callable[[], Comparison],
        show_marks: Callable[[set[tuple[Side, int]]], None],
        *,
        export_dir: Path | None = None,
    ) -> None:
        self.screen = screen
        self.store = store
        self._comparison = comparison
        self._show_marks = show_marks
        self.export_dir = export_dir
        self.pair = pair_identity(comparison())
        self.placed: list[Placed] = []
        self._warned = False
        # The screen starts with nothing marked; re-marking redraws both columns.
        self._marked: frozenset[tuple[Side, int]] = frozenset()

    @property
    def enabled(self) -> bool:
        """False once the store turned out unusable (the message was shown)."""
        return self.store.enabled

    # --- reading -------------------------------------------------------------------

    def load(self) -> list[Placed]:
        """Read this pair's bookmarks, place them, and mark their sentences.

        Called at start (it says once if bookmarks are disabled or the database
        was damaged) and after every change.
        """
        first = not self._warned
        self._warned = True
        failed: str | None = None
        try:
            marks = self.store.for_pair(self.pair)
        except BookmarksUnavailable as exc:
            failed = str(exc)
            self._tell(failed, "error")
            marks = []
        if marks and first:
            self.store.seen(self.pair)  # best effort: never raises
        for notice in self.store.take_notices():
            self._tell(notice, "warning")
        reason = self.store.unwritable_reason() if first else None
        if reason is not None and reason != failed:
            if self.store.readable:
                self._tell(
                    reason + ". Saved bookmarks are shown; new ones cannot be saved.", "warning"
                )
            else:
                self._tell(reason + ". The app works without them.", "warning")
        self.placed = place(marks, self._comparison())
        shown: set[tuple[Side, int]] = set()
        for item in self.placed:
            if item.sentence is not None:
                shown.add((item.bookmark.side, item.sentence))
            if item.other is not None:
                shown.add((item.bookmark.other_side, item.other))
        if frozenset(shown) != self._marked:
            self._marked = frozenset(shown)
            self._show_marks(shown)
        return self.placed

    # --- the keys --------------------------------------------------------------------

    def add(self, side: Side, sentence: int, other: int | None = None) -> None:
        """Ask for a note, then bookmark the sentence (or the link to ``other``)."""
        if not self.enabled:
            self._tell(self.store.unwritable_reason() or "bookmarks are disabled", "error")
            return
        comparison = self._comparison()
        letter = "L" if side == "left" else "R"
        other_letter = "R" if side == "left" else "L"
        texts = [comparison.article(side).sentences[sentence].text]
        if other is None:
            heading = f"Bookmark sentence {letter}{sentence}"
        else:
            heading = f"Bookmark link {letter}{sentence} ↔ {other_letter}{other}"
            texts.append(comparison.article(other_side(side)).sentences[other].text)

        def save(note: str) -> str | None:
            # A failure (a full disk) keeps the dialog open with the typed note,
            # and saving stays on: the next enter tries again.
            try:
                self.store.add(self.pair, comparison, side, sentence, other_id=other, note=note)
            except BookmarksUnavailable as exc:
                return str(exc)
            return None

        def saved(note: str | None) -> None:
            if note is None:
                return
            self.load()
            self._tell(f"{heading.replace('Bookmark', 'Bookmarked', 1)}.", "information")

        self.screen.app.push_screen(NoteDialog(heading, tuple(texts), save=save), saved)

    def show(self, jump: Callable[[Side, int], None]) -> None:
        """Open the bookmarks screen; ``jump`` selects the sentence chosen there."""
        from tui.app.screens.bookmarks import BookmarksScreen

        def chosen(target: tuple[Side, int] | None) -> None:
            if target is not None:
                jump(*target)

        self.screen.app.push_screen(
            BookmarksScreen(
                self.load,
                self._comparison(),
                set_note=self._set_note,
                delete=self._delete,
            ),
            chosen,
        )

    def export(self) -> Path | None:
        """Write the comparison and its bookmarks to a new Markdown file; notify its path."""
        from tui.report.export import default_name, render, write_unique

        comparison = self._comparison()
        marks = [item.bookmark for item in self.placed]
        directory = self.export_dir or Path.cwd()
        try:
            path = write_unique(
                directory,
                default_name(comparison, EXPORT_FORMAT),
                render(EXPORT_FORMAT, comparison, marks),
            )
        except OSError as exc:
            self._tell(
                f"Export failed: cannot write in {directory} ({exc.strerror or exc})", "error"
            )
            return None
        self._tell(f"Exported to {path.resolve()}", "information")
        return path

    # --- internals -------------------------------------------------------------------

    def _set_note(self, bookmark_id: int, note: str) -> str | None:
        try:
            self.store.set_note(bookmark_id, note)
        except KeyError:
            return "That bookmark was deleted meanwhile (in another window?)."
        except BookmarksUnavailable as exc:
            return str(exc)
        return None

    def _delete(self, bookmark_id: int) -> str | None:
        try:
            self.store.delete(bookmark_id)
        except BookmarksUnavailable as exc:
            return str(exc)
        return None

    def _tell(self, message: str, severity: SeverityLevel) -> None:
        # Messages name files and quote errors: never read them as markup, and
        # never let a control character in a file name reach the terminal.
        self.screen.notify(
            printable(message),
            severity=severity,
            markup=False,
            timeout=8 if severity != "information" else 4,
        )
