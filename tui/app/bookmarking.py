"""What the b, B and x keys do on the reading screen: bookmarks and the export.

The main screen owns the keys; this module owns what they do with the
bookmark store (tui.store) and the exports (tui.report), so the screen stays
about reading. Every store error becomes a notification: the app keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.screens.note_dialog import NoteDialog
from tui.engine import Comparison, Side, other_side
from tui.report.places import place_label, reading_places
from tui.sanitize import printable
from tui.store import BookmarkStore, BookmarksUnavailable, Placed, pair_identity, place

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen


class Bookmarking:
    """The bookmarks of the pair on one screen, and its export.

    Args:
        screen: The reading screen (for notifications and dialogs).
        store: The bookmark store.
        comparison: Returns the comparison on screen now (it changes with the sensitivity).
        show_marks: Called with the ``(side, sentence id)`` pairs to mark as bookmarked.
        export_dir: Where x proposes its file (the current directory by default).
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
        self._places: dict[Side, tuple[object, dict[int, tuple[int, int]]]] = {}
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

    def find(self, side: Side, sentence: int) -> Placed | None:
        """The bookmark on a sentence, if it has one (as a sentence, or either end of a link)."""
        for item in self.placed:
            if item.bookmark.side == side and item.sentence == sentence:
                return item
        for item in self.placed:
            if item.bookmark.other_side == side and item.other == sentence:
                return item
        return None

    def place(
        self, side: Side, sentence: int | None, *, long: bool = False, compact: bool = False
    ) -> str:
        """Where a sentence is, as a reader counts: ``left ¶3 s2`` (``L¶3 s2`` when compact)."""
        column = side[0].upper() if compact else f"{side} "
        if sentence is None:
            return f"{column}(detached)"
        article = self._comparison().article(side)
        places = self._places.get(side)
        if places is None or places[0] is not article.sentences:
            places = self._places[side] = (article.sentences, reading_places(article))
        return column + place_label(places[1], article, sentence, long=long)

    def describe(self, item: Placed, *, long: bool = False, compact: bool = False) -> str:
        """A bookmark's place: ``left ¶3 s2``, or ``left ¶3 s2 ↔ right ¶1 s1`` for a link.

        Args:
            item: The bookmark.
            long: Words spelled out, for a heading.
            compact: ``L¶3 s2 ↔ R¶1 s1``, for a narrow table.
        """
        mark = item.bookmark
        where = self.place(mark.side, item.sentence, long=long, compact=compact)
        if mark.kind == "link":
            other = self.place(mark.other_side, item.other, long=long, compact=compact)
            where += f" ↔ {other}"
        return where

    def add(self, side: Side, sentence: int, other: int | None = None) -> None:
        """Ask for a note, then bookmark the sentence (or the link to ``other``).

        A sentence that has a bookmark already gets that bookmark's note to edit
        instead: one sentence, one bookmark.
        """
        if not self.enabled:
            self._tell(self.store.unwritable_reason() or "bookmarks are disabled", "error")
            return
        existing = self.find(side, sentence)
        if existing is not None:
            self.edit(existing)
            return
        comparison = self._comparison()
        texts = [comparison.article(side).sentences[sentence].text]
        where = self.place(side, sentence, long=True)
        if other is None:
            heading = f"Bookmark {where}"
        else:
            heading = (
                f"Bookmark the link {where} ↔ {self.place(other_side(side), other, long=True)}"
            )
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

    def edit(self, item: Placed, done: Callable[[], None] | None = None) -> None:
        """Ask for a bookmark's new note (starting from its note), then save it.

        Args:
            item: The bookmark.
            done: Called after a save was tried (the bookmarks screen refills its list).
        """
        mark = item.bookmark

        def save(note: str) -> str | None:
            # As for a new bookmark: a failed save keeps the dialog open with the note.
            return self._set_note(mark.id, note)

        def saved(note: str | None) -> None:
            if note is None:
                return
            self.load()
            self._tell("Note saved.", "information")
            if done is not None:
                done()

        texts = (mark.text,) + ((mark.other_text,) if mark.other_text else ())
        heading = f"Edit the note of the bookmark at {self.describe(item, long=True)}"
        self.screen.app.push_screen(NoteDialog(heading, texts, mark.note, save=save), saved)

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
                describe=self.describe,
                describe_compact=partial(self.describe, compact=True),
                edit=self.edit,
                delete=self._delete,
            ),
            chosen,
        )

    def export(self) -> None:
        """Ask where and in which format, then write the comparison and its bookmarks.

        The file proposed is a new one; an existing file is replaced only after a yes.
        """
        from tui.app.screens.export_dialog import ExportDialog
        from tui.report.export import default_name, free_name

        comparison = self._comparison()
        directory = self.export_dir or Path.cwd()

        def name_for(fmt: str) -> str:
            return free_name(directory, default_name(comparison, fmt))

        def written(path: Path | None) -> None:
            if path is not None:
                self._tell(f"Exported to {path.resolve()}", "information")

        self.screen.app.push_screen(ExportDialog(directory, name_for, self.write_export), written)

    def write_export(self, path: Path, fmt: str, replace: bool) -> str | None:
        """Write the comparison and its bookmarks to ``path``; an error message, or None.

        Args:
            path: The file.
            fmt: ``markdown``, ``html`` or ``json``.
            replace: Replace the file if it exists (the reader said yes).
        """
        from tui.report.export import render, write_new

        marks = [item.bookmark for item in self.placed]
        try:
            write_new(path, render(fmt, self._comparison(), marks), force=replace)
        except FileExistsError:
            return f"{path} exists now (written meanwhile?): choose another name."
        except OSError as exc:
            return f"Cannot write {path}: {exc.strerror or exc}"
        return None

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
