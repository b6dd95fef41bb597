"""Bookmarks in the app: b adds with a note, B lists (jump, edit, delete, filter), x exports.

Every test keeps its bookmarks in its own ``tmp_path`` data directory.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, cast

import pytest
from textual.widgets import DataTable, Input

from tui.app.app import StorydiffApp
from tui.app.navigation import Position
from tui.app.screens.bookmarks import BookmarksScreen, ConfirmDelete
from tui.app.screens.export_dialog import ConfirmReplace, ExportDialog
from tui.app.screens.main import MainScreen
from tui.app.screens.note_dialog import NoteDialog
from tui.app.widgets.article_view import ArticleView
from tui.engine import Comparison, compare_files
from tui.store import DATA_DIR_ENV, BookmarkStore, BookmarksUnavailable, pair_identity
from tui.store.bookmarks import DB_NAME

from .pilot import sync

WIDE = (120, 40)

LEFT_TEXT = (
    "Ministers agreed a ceasefire on Monday after three days of talks in Geneva.\n\n"
    "The opposition called the deal a betrayal of the displaced families.\n\n"
    "Aid convoys will be allowed through two crossings starting on Friday morning.\n"
)
RIGHT_TEXT = (
    "Observers from four countries will monitor the northern border region.\n\n"
    "Aid convoys will be allowed through two crossings starting on Friday morning.\n"
)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the user's data, or export into the checkout."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env-data"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)


def main_screen(app: StorydiffApp) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def pair_files(folder: Path, sample_paths: tuple[Path, Path], names: tuple[str, str]) -> list[str]:
    """Copy the sample pair into ``folder`` under new names."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for source, name in zip(sample_paths, names, strict=True):
        target = folder / name
        shutil.copyfile(source, target)
        out.append(str(target))
    return out


def small_pair(folder: Path) -> Comparison:
    """Two short articles sharing one identical sentence: it links whatever the tuning."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(LEFT_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(RIGHT_TEXT, encoding="utf-8")
    return compare_files(folder / "a.txt", folder / "b.txt")


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def notifications(app: StorydiffApp) -> list[str]:
    return [n.message for n in app._notifications]


@sync
async def test_bookmark_survives_restart_with_files_moved_and_renamed(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    data = tmp_path / "data"
    first = compare_files(*pair_files(tmp_path / "one", sample_paths, ("l.txt", "r.txt")))
    app = StorydiffApp(first, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "j")
        await pilot.pause()
        chosen = screen.selection
        assert chosen is not None
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "check this claim")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert (chosen.side, chosen.sentence) in screen.navigator.bookmarked
        await pilot.press("ctrl+q")

    moved = pair_files(tmp_path / "elsewhere", sample_paths, ("renamed-a.txt", "renamed-b.txt"))
    second = compare_files(*moved)
    app = StorydiffApp(second, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        assert (chosen.side, chosen.sentence) in screen.navigator.bookmarked
        await pilot.press("G")  # somewhere else, so that the jump is seen
        await pilot.pause()
        assert screen.selection != chosen
        await pilot.press("B")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert [item.bookmark.note for item in bookmarks.shown] == ["check this claim"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.selection == chosen

    # The store now shows the new paths for this pair.
    (record, marks), *_ = BookmarkStore(data).list_all()
    assert record.left_path.endswith("renamed-a.txt")
    assert len(marks) == 1


@sync
async def test_a_file_named_in_bytes_takes_a_bookmark_and_reopens(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    """A file name that is not valid UTF-8 crashed b, then every start of the pair."""
    folder = os.fsencode(tmp_path)
    left = os.fsdecode(os.path.join(folder, b"caf\xe9-\xff.txt"))
    try:
        shutil.copyfile(sample_paths[0], left)
    except OSError as exc:
        pytest.skip(f"this file system refuses a name that is not UTF-8 ({exc.strerror})")
    data = tmp_path / "data"
    for _ in range(2):
        app = StorydiffApp(compare_files(left, sample_paths[1]), data_dir=data)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("j", "b")
            await pilot.pause()
            assert isinstance(app.screen, NoteDialog)
            await type_text(pilot, "bytes")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert not [m for m in notifications(app) if "disabled" in m or "rror" in m]
    ((record, marks),) = BookmarkStore(data).list_all()
    assert record.left_path.endswith("caf\\xe9-\\xff.txt")
    # The second start found the first bookmark on that sentence, so b edited its note.
    assert [b.note for b in marks] == ["bytesbytes"]


@sync
async def test_escape_cancels_the_note_dialog(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    app = StorydiffApp(comparison, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "never mind")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main_screen(app).navigator.bookmarked == frozenset()
    assert not data.exists()  # nothing was written, so nothing was created


@sync
async def test_b_on_a_shared_sentence_bookmarks_the_link(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    left_id = next(s.id for s in comparison.left.sentences if s.text.startswith("Aid"))
    right_id = next(s.id for s in comparison.right.sentences if s.text.startswith("Aid"))
    assert comparison.counterparts("left", left_id) == (right_id,)
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("n")
        await pilot.pause()
        assert screen.selection == Position("left", left_id)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")  # an empty note is fine
        await pilot.pause()
        assert screen.navigator.bookmarked == {("left", left_id), ("right", right_id)}
    (mark,) = BookmarkStore(tmp_path / "data").for_pair(pair_identity(comparison))
    assert (mark.kind, mark.sentence_id, mark.other_id, mark.note) == (
        "link",
        left_id,
        right_id,
        "",
    )


def _seed(data: Path, comparison: Comparison, notes: list[str]) -> BookmarkStore:
    store = BookmarkStore(data)
    pair = pair_identity(comparison)
    for n, note in enumerate(notes):
        sentence = comparison.left.body[n % len(comparison.left.body)]
        store.add(pair, comparison, "left", sentence.id, note=note)
    return store


@sync
async def test_edit_a_note_from_the_bookmarks_screen(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    store = _seed(tmp_path / "data", comparison, ["old note"])
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        note_input = dialog.query_one(Input)
        assert note_input.value == "old note"
        note_input.value = ""
        await type_text(pilot, "new note")
        await pilot.press("enter")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert [item.bookmark.note for item in bookmarks.shown] == ["new note"]
    assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["new note"]


@sync
async def test_delete_asks_first(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    store = _seed(tmp_path / "data", comparison, ["keep", "drop"])
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        assert len(screen.navigator.bookmarked) == 2
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("down")  # the second bookmark: "drop"
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")  # keep it after all
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert len(bookmarks.shown) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [item.bookmark.note for item in bookmarks.shown] == ["keep"]
        assert len(screen.navigator.bookmarked) == 1
    assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["keep"]


@sync
async def test_a_store_error_on_delete_shows_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "\x1b]0;pwned\x07data"
    _seed(data, comparison, ["kept"])
    app = StorydiffApp(comparison, data_dir=data)
    store = app.bookmark_store

    def fails(*args: object) -> None:
        # What the store says when SQLite fails (root ignores chmod, so injected).
        raise BookmarksUnavailable(f"{store.path}: disk I/O error")

    monkeypatch.setattr(store, "delete", fails)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        (message,) = [m for m in notifications(app) if "disk I/O error" in m]
    assert "␛]0;pwned␇data" in message
    assert "\x1b" not in message and "\x07" not in message
    assert [b.note for b in BookmarkStore(data).for_pair(pair_identity(comparison))] == ["kept"]


@sync
async def test_an_edit_that_cannot_be_saved_keeps_the_typed_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "\x1b]0;pwned\x07data"
    _seed(data, comparison, ["old note"])
    app = StorydiffApp(comparison, data_dir=data)
    store = app.bookmark_store
    real_set_note = store.set_note
    disk = {"full": True}

    def set_note(bookmark_id: int, note: str) -> None:
        if disk["full"]:  # the store's full-disk message (tests/store fills a real disk)
            raise BookmarksUnavailable(f"not saved: cannot write {store.path}: disk is full")
        real_set_note(bookmark_id, note)

    monkeypatch.setattr(store, "set_note", set_note)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        dialog.query_one(Input).value = ""
        await type_text(pilot, "new note")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, with the note as typed
        assert dialog.query_one(Input).value == "new note"
        shown = str(dialog.query_one("#note-error").render())
        assert "␛]0;pwned␇data" in shown and "\x1b" not in shown
        disk["full"] = False
        await pilot.press("enter")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert [item.bookmark.note for item in bookmarks.shown] == ["new note"]
    assert [b.note for b in BookmarkStore(data).for_pair(pair_identity(comparison))] == ["new note"]


@sync
async def test_filter_by_text(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    _seed(tmp_path / "data", comparison, ["alpha claim", "beta claim", "gamma"])
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        await pilot.press("slash")
        await type_text(pilot, "claim")
        await pilot.pause()
        assert [i.bookmark.note for i in bookmarks.shown] == ["alpha claim", "beta claim"]
        await type_text(pilot, " beta")
        await pilot.pause()
        assert [i.bookmark.note for i in bookmarks.shown] == ["beta claim"]
        await pilot.press("enter")  # back to the table, then enter jumps
        await pilot.pause()
        assert bookmarks.query_one(DataTable).has_focus
        target = bookmarks.shown[0].sentence
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).selection == Position("left", cast(int, target))


@sync
async def test_x_exports_to_a_new_file_named_for_the_pair(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    _seed(tmp_path / "data", comparison, ["exported note"])
    (Path.cwd() / "storydiff-a-vs-b.md").write_text("an older export", encoding="utf-8")
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        # A free name is proposed: the older export is not in the way.
        assert dialog.query_one(Input).value == str(Path.cwd() / "storydiff-a-vs-b-2.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        messages = notifications(app)
    written = Path.cwd() / "storydiff-a-vs-b-2.md"
    assert written.is_file()
    assert "exported note" in written.read_text(encoding="utf-8")
    assert (Path.cwd() / "storydiff-a-vs-b.md").read_text(encoding="utf-8") == "an older export"
    assert any(str(written) in message for message in messages)


@sync
async def test_unwritable_data_dir_disables_bookmarks_but_the_app_works(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = StorydiffApp(comparison, data_dir=blocker / "data")
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        (message,) = [m for m in notifications(app) if "bookmarks are disabled" in m]
        assert f"({blocker} is a file, not a folder)" in message  # said once, saying why
        assert screen.check_action("bookmark", ()) is None  # greyed out
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("j")
        await pilot.pause()
        assert screen.selection is not None
    assert blocker.read_text() == "not a folder"


@sync
async def test_a_full_disk_keeps_the_note_in_the_dialog_and_a_later_save_works(
    tmp_path: Path, full_disk: Any
) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    _seed(data, comparison, ["saved before"])
    app = StorydiffApp(comparison, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "j")
        await pilot.pause()
        full_disk.full = True
        await pilot.press("b")
        await pilot.pause()
        await type_text(pilot, "my careful note")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)  # still open
        assert dialog.query_one(Input).value == "my careful note"
        error = dialog.query_one("#note-error")
        assert error.display
        shown = str(error.render())
        assert "database or disk is full; free some space and try again" in shown
        assert "The note is kept here" in shown
        assert screen.check_action("bookmark", ()) is True  # saving is not switched off
        full_disk.full = False  # space freed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert any(m.startswith("Bookmarked ") for m in notifications(app))
    notes = [b.note for b in BookmarkStore(data).for_pair(pair_identity(comparison))]
    assert notes == ["saved before", "my careful note"]


@sync
async def test_a_read_only_data_dir_shows_saved_bookmarks_and_says_saving_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root passes every permission check, so the check's answer is injected here;
    tests/store reads through a real read-only mount."""
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    _seed(data, comparison, ["saved before"])
    from tui.store import bookmarks as module

    monkeypatch.setattr(module.os, "access", lambda *args, **kwargs: False)
    app = StorydiffApp(comparison, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        (message,) = [m for m in notifications(app) if "saving" in m]
        assert message == (
            f"saving bookmarks is off: {data} is read-only. "
            "Saved bookmarks are shown; new ones cannot be saved."
        )
        assert len(screen.navigator.bookmarked) == 1
        assert screen.check_action("bookmark", ()) is None  # greyed out
        await pilot.press("B")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert [item.bookmark.note for item in bookmarks.shown] == ["saved before"]


@sync
async def test_damaged_database_is_named_and_the_app_starts(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"\x00garbage" * 300)
    app = StorydiffApp(comparison, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        (message,) = [m for m in notifications(app) if "damaged" in m]
        kept = [p for p in data.iterdir() if p.name.startswith(DB_NAME + ".damaged-")]
        assert len(kept) == 1 and str(kept[0]) in message
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert len(BookmarkStore(data).for_pair(pair_identity(comparison))) == 1
    with sqlite3.connect(data / DB_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@sync
async def test_a_damaged_database_gives_its_bookmarks_back_and_says_how_many(
    tmp_path: Path,
) -> None:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    _seed(data, comparison, ["first " + "n" * 2000, "second " + "n" * 2000, "third"]).close()
    db = data / DB_NAME
    assert db.stat().st_size > 2 * 4096  # closed: every page is in the file
    damaged = bytearray(db.read_bytes())
    damaged[0:4096] = bytes(4096)  # the first page: the header and the list of tables
    db.write_bytes(bytes(damaged))
    app = StorydiffApp(comparison, data_dir=data)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        (message,) = [m for m in notifications(app) if "damaged" in m]
        assert "3 bookmarks came back into a new one" in message
        assert len(main_screen(app).navigator.bookmarked) == 3
        await pilot.press("B")
        await pilot.pause()
        bookmarks = app.screen
        assert isinstance(bookmarks, BookmarksScreen)
        assert [item.bookmark.note[:6] for item in bookmarks.shown] == ["first ", "second", "third"]


# --- snapshots ---------------------------------------------------------------------


def _fixed_times(data: Path) -> None:
    """Give saved bookmarks fixed times: no clock on a snapshot."""
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute(
            "UPDATE bookmarks SET created_at = '2025-03-07T09:30:00Z', "
            "updated_at = '2025-03-07T09:30:00Z'"
        )


def _no_blink(app: StorydiffApp) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def _three_bookmarks(tmp_path: Path) -> tuple[Comparison, Path]:
    comparison = small_pair(tmp_path / "pair")
    data = tmp_path / "data"
    store = BookmarkStore(data)
    pair = pair_identity(comparison)
    left = comparison.left.body
    store.add(pair, comparison, "left", left[0].id, note=LONG_NOTE)
    aid_left = next(s.id for s in left if s.text.startswith("Aid"))
    aid_right = next(s.id for s in comparison.right.body if s.text.startswith("Aid"))
    store.add(pair, comparison, "left", aid_left, other_id=aid_right, note="same wording")
    store.add(pair, comparison, "left", left[1].id, note="")
    store.close()
    _fixed_times(data)
    return comparison, data


async def _open_bookmarks(pilot: Any) -> None:
    await pilot.press("B")
    await pilot.pause()
    _no_blink(pilot.app)


def test_snapshot_bookmarks_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """You should see the bookmarks screen at 120 columns: "Bookmarks of this pair: 3", a
    filter box, and a table across the whole width with columns Where, Note, Sentence,
    Other side and When: "left ¶1 s1" with the start of the long note, "left ¶3 s1 ↔ right
    ¶2 s1" (a ⇄ link) noted "same wording", and "left ¶2 s1" with "—"; the first row
    highlighted; under the table, that bookmark whole: its place, the full note and its
    sentence; the hint line."""
    comparison, data = _three_bookmarks(tmp_path)
    app = StorydiffApp(comparison, data_dir=data, theme="textual-dark")
    assert snap_compare(app, terminal_size=WIDE, run_before=_open_bookmarks)


def test_snapshot_bookmarks_screen_narrow(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """You should see the same bookmarks at 60 columns: the table keeps Where, Note and
    Sentence (no Other side, no date), and the pane under it shows the first bookmark's
    whole note, wrapped."""
    comparison, data = _three_bookmarks(tmp_path)
    app = StorydiffApp(comparison, data_dir=data, theme="textual-dark")
    assert snap_compare(app, terminal_size=(60, 30), run_before=_open_bookmarks)


def test_snapshot_note_dialog(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """You should see the note dialog centred over the articles: "Bookmark left paragraph 1,
    sentence 1" in bold, the selected sentence quoted below it, an input holding "needs a second
    source", and the hint "enter saves · escape cancels"."""
    comparison = small_pair(tmp_path / "pair")

    async def open_dialog(pilot: Any) -> None:
        await pilot.press("b")
        await pilot.pause()
        _no_blink(pilot.app)
        await type_text(pilot, "needs a second source")
        await pilot.pause()

    app = StorydiffApp(comparison, data_dir=tmp_path / "data", theme="textual-dark")
    assert snap_compare(app, terminal_size=WIDE, run_before=open_dialog)


@sync
async def test_hostile_notes_and_sentences_show_literally(tmp_path: Path) -> None:
    folder = tmp_path / "pair"
    folder.mkdir()
    hostile = "[@click=app.quit]Officials[/] said [bold]loud[/bold] things \x1b[31min red."
    (folder / "a.txt").write_text(hostile + "\n\n" + LEFT_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(RIGHT_TEXT, encoding="utf-8")
    comparison = compare_files(folder / "a.txt", folder / "b.txt")
    sentence = next(s for s in comparison.left.sentences if "Officials" in s.text)
    store = BookmarkStore(tmp_path / "data")
    store.add(
        pair_identity(comparison), comparison, "left", sentence.id, note="[@click=app.quit]n[/]"
    )
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert "[@click=app.quit]n[/]" in cells
        assert any(cell.startswith("[@click=app.quit]Offic") for cell in cells)
        assert not any("\x1b" in cell for cell in cells)
        await pilot.click(DataTable)  # clicking the text triggers nothing
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, BookmarksScreen)


@sync
async def test_an_export_notice_shows_a_hostile_folder_name_inert(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    folder = tmp_path / "\x1b]0;pwned\x07"
    folder.mkdir()
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        bookmarking = main_screen(app).bookmarking
        assert bookmarking is not None
        bookmarking.export_dir = folder
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        messages = notifications(app)
    assert (folder / "storydiff-a-vs-b.md").is_file()
    (message,) = [m for m in messages if m.startswith("Exported to")]
    assert "␛]0;pwned␇" in message
    assert "\x1b" not in message and "\x07" not in message


@sync
async def test_b_on_a_bookmarked_sentence_edits_its_bookmark(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    store = _seed(tmp_path / "data", comparison, ["first thoughts"])
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        assert screen.selection == Position("left", comparison.left.body[0].id)
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        note_input = dialog.query_one(Input)
        assert note_input.value == "first thoughts"
        await type_text(pilot, ", checked")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    marks = store.for_pair(pair_identity(comparison))
    assert [m.note for m in marks] == ["first thoughts, checked"]


@sync
async def test_a_bookmarked_sentence_shows_its_star_and_its_category(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    aid = next(s.id for s in comparison.left.body if s.text.startswith("Aid"))
    only = next(s.id for s in comparison.left.body if s.text.startswith("The opposition"))
    store = BookmarkStore(tmp_path / "data")
    store.add(pair_identity(comparison), comparison, "left", aid, note="shared")
    store.add(pair_identity(comparison), comparison, "left", only, note="only here")
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE):
        view = main_screen(app).query_one("#left-view", ArticleView)
        for sentence, glyph in ((aid, "●"), (only, "○")):
            first, _ = view.sentence_lines(sentence)  # type: ignore[misc]
            gutter = view._render_article_line(first, 100).text[:3]
            assert gutter == f"★{glyph} ", (sentence, gutter)


async def _open_list(app: StorydiffApp, pilot: Any) -> BookmarksScreen:
    await pilot.press("B")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


LONG_NOTE = (
    "The first outlet says three days of talks; the second never mentions Geneva, "
    "and its account of who signed differs: follow up with the ministry."
)


@pytest.mark.parametrize("width", [120, 60])
@sync
async def test_the_bookmarks_list_uses_the_width_and_shows_the_whole_note(
    tmp_path: Path, width: int
) -> None:
    comparison = small_pair(tmp_path / "pair")
    _seed(tmp_path / "data", comparison, [LONG_NOTE, "short"])
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await _open_list(app, pilot)
        table = screen.query_one(DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Note" in labels and "Sentence" in labels
        widths = {str(c.label): c.width for c in table.columns.values()}
        used = sum(w + 2 for w in widths.values())
        assert used >= table.size.width - 12, (widths, table.size.width)  # little left empty
        cells = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        # A reader's place, not an internal id (first body sentence, hidden furniture aside).
        assert ("left ¶1 s1" if width >= 100 else "L¶1 s1") in cells
        pane = str(screen.query_one("#bookmark-detail").content)
        assert " ".join(LONG_NOTE.split()) in " ".join(pane.split())
        assert comparison.left.body[0].text in " ".join(pane.split())
        await pilot.press("down")
        pane = str(screen.query_one("#bookmark-detail").content)
        assert "short" in pane and LONG_NOTE[:30] not in pane


def test_places_count_the_body_not_the_furniture(
    handmade_comparison: Comparison,
) -> None:
    from tui.report.places import place_label, reading_places

    left = handmade_comparison.left
    places = reading_places(left)
    # Sentence 2 is the first of the body (0 is the title, 1 furniture).
    assert place_label(places, left, 2) == "¶1 s1"
    assert place_label(places, left, 3) == "¶1 s2"
    assert place_label(places, left, 5, long=True) == "paragraph 2, sentence 2"
    assert place_label(places, left, 0) == "title"


def test_the_bookmarks_command_prints_notes_whole(tmp_path: Path) -> None:
    from tui.report.bookmark_list import all_listing, pair_listing

    comparison = small_pair(tmp_path / "pair")
    store = _seed(tmp_path / "data", comparison, [LONG_NOTE])
    marks = store.for_pair(pair_identity(comparison))
    listing = pair_listing(comparison, marks, "text")
    assert LONG_NOTE in listing
    assert "left ¶1 s1" in listing
    assert LONG_NOTE in all_listing(store.list_all(), "text")


@sync
async def test_x_asks_the_format_and_never_replaces_without_a_yes(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    _seed(tmp_path / "data", comparison, ["exported note"])
    target = Path.cwd() / "mine.html"
    target.write_text("keep me", encoding="utf-8")
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_input = dialog.query_one("#export-path", Input)
        await pilot.press("shift+tab")  # to the formats
        await pilot.press("right", "enter")  # HTML
        await pilot.pause()
        assert dialog.format == "html"
        # The proposed name follows the format while the reader has not changed it.
        assert path_input.value == str(Path.cwd() / "storydiff-a-vs-b.html")
        path_input.value = "mine.html"
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmReplace)
        await pilot.press("n")  # keep it: back in the dialog, nothing written
        await pilot.pause()
        assert app.screen is dialog
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # now replace it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "exported note" in html


@sync
async def test_an_export_error_stays_in_the_dialog(tmp_path: Path) -> None:
    comparison = small_pair(tmp_path / "pair")
    app = StorydiffApp(comparison, data_dir=tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).value = str(tmp_path / "no-such-folder" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#export-error").content)
        assert error.startswith("Cannot write") and "no-such-folder" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
