"""A damaged database: kept as it was, and what still reads comes back into a new one.

Each case damages a real database the way disks do (a page of garbage, a cut
file, a bad header), opens it again, and checks the three promises: the
damaged file is kept byte for byte, every bookmark that came back is exactly
the one saved, and the message says how many came back.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.store import BookmarkStore, pair_identity
from tui.store.bookmarks import DB_NAME, LOST_PAIR_PATH

PAGE = 4096
SAVED = 60


def _save(folder: Path, kit, count: int = SAVED) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """``count`` bookmarks with long notes (the table spans several pages), by note."""
    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(folder)
    sid = kit.body_id(comparison, "left", "Aid")
    for n in range(count):
        store.add(pair, comparison, "left", sid, note=f"note {n:02} " + "x" * 300)
    saved = {mark.note: mark for mark in store.for_pair(pair)}
    store.close()
    assert len(saved) == count
    assert (folder / DB_NAME).stat().st_size > 8 * PAGE, "the table should span several pages"
    return saved  # type: ignore[return-value]


def _garbage(page: int) -> bytes:
    return bytes(random.Random(page).randrange(256) for _ in range(PAGE))


def _overwrite(db: Path, page: int) -> None:
    data = bytearray(db.read_bytes())
    data[(page - 1) * PAGE : page * PAGE] = _garbage(page)
    db.write_bytes(bytes(data))


def _page_holding(db: Path, needle: bytes) -> int:
    at = db.read_bytes().find(needle)
    assert at >= 0, needle
    return at // PAGE + 1


def _root(db: Path, name: str) -> int:
    with sqlite3.connect(db) as conn:
        (page,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
    return int(page)


def _first_page(db: Path) -> None:
    _overwrite(db, 1)


def _bad_header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[0:16] = b"SQLite format 9\x00"
    db.write_bytes(bytes(data))


def _branch_page(db: Path) -> None:
    """The bookmarks table's root: a branch page above every leaf."""
    _overwrite(db, _root(db, "bookmarks"))


def _index_page(db: Path) -> None:
    _overwrite(db, _root(db, "bookmarks_pair"))


def _leaf_page(db: Path) -> None:
    """The leaf page holding note 30 (and its neighbours)."""
    _overwrite(db, _page_holding(db, b"note 30 "))


def _cut(db: Path) -> None:
    """The file cut short before the leaf that holds note 30."""
    data = db.read_bytes()
    db.write_bytes(data[: (_page_holding(db, b"note 30 ") - 1) * PAGE])


def _all_garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database, just some bytes\n" * 300)


Damage = Callable[[Path], None]
ALL = "all"
SOME = "some"
NONE = "none"


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        pytest.param(_bad_header, ALL, id="bad-header"),
        pytest.param(_first_page, ALL, id="first-page"),
        pytest.param(_branch_page, ALL, id="branch-page"),
        pytest.param(_index_page, ALL, id="index-page"),
        pytest.param(_leaf_page, SOME, id="leaf-page"),
        pytest.param(_cut, SOME, id="cut-short"),
        pytest.param(_all_garbage, NONE, id="all-garbage"),
    ],
)
def test_what_still_reads_comes_back_and_the_damaged_file_is_kept(
    tmp_path: Path,
    kit,  # type: ignore[no-untyped-def]
    damage: Damage,
    expected: str,
) -> None:
    saved = _save(tmp_path, kit)
    db = tmp_path / DB_NAME
    damage(db)
    damaged_bytes = db.read_bytes()

    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    back = store.for_pair(pair)
    (notice,) = store.take_notices()
    assert store.take_notices() == []  # said once
    (kept,) = [
        p for p in tmp_path.iterdir() if re.fullmatch(rf"{DB_NAME}\.damaged-[0-9TZ]+", p.name)
    ]
    assert kept.read_bytes() == damaged_bytes
    assert f"kept as {kept}" in notice

    # Every bookmark that came back is the one saved, to the letter.
    for mark in back:
        assert saved[mark.note] == mark
    if expected == ALL:
        assert len(back) == SAVED
        # SQLite alone could not read them all, so the message cannot promise there were no more.
        assert f"{SAVED} bookmarks came back into a new one" in notice
    elif expected == SOME:
        assert 0 < len(back) < SAVED
        assert "note 30 " + "x" * 300 not in {mark.note for mark in back}
        assert f"{len(back)} bookmarks came back into a new one" in notice
        assert "may have held more" in notice
    else:
        assert back == []
        assert "none of its bookmarks could be read back" in notice
        assert not db.exists()  # nothing to carry over: started at the first write

    # The new database is sound, takes new bookmarks, and keeps what came back.
    store.add(pair, comparison, "right", kit.body_id(comparison, "right", "Observers"), note="new")
    store.close()
    again = BookmarkStore(tmp_path)
    assert len(again.for_pair(pair)) == len(back) + 1
    assert again.take_notices() == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kept.read_bytes() == damaged_bytes


def test_bookmarks_whose_pair_was_lost_come_back_to_their_pair(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    """Each bookmark names its pair's key: the pair is found again, by its texts."""
    saved = _save(tmp_path, kit)
    db = tmp_path / DB_NAME
    _overwrite(db, _root(db, "pairs"))
    comparison = kit.compare()
    store = BookmarkStore(tmp_path)
    assert sorted(m.note for m in store.for_pair(pair_identity(comparison))) == sorted(saved)
    (notice,) = store.take_notices()
    assert f"{SAVED} bookmarks came back" in notice
    # Until the pair is opened again, the listing cannot say where its files were.
    ((record, marks),) = store.list_all()
    assert (record.left_path, record.right_path) == (LOST_PAIR_PATH, LOST_PAIR_PATH)
    store.seen(pair_identity(comparison))
    ((record, marks),) = store.list_all()
    assert (record.left_path, record.right_path) == (
        pair_identity(comparison).left_path,
        pair_identity(comparison).right_path,
    )
    assert len(marks) == SAVED


def _as_schema_1(db: Path) -> None:
    """Back to what the first schema wrote: bookmarks without their pair's key."""
    if sqlite3.sqlite_version_info < (3, 35):
        pytest.skip("dropping a column needs SQLite 3.35")
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE bookmarks DROP COLUMN pair_key")
        conn.execute("UPDATE schema_version SET version = 1")
    conn.execute("VACUUM")
    conn.close()


@pytest.mark.parametrize("damage", ["pairs-page", "first-page"])
def test_a_damaged_database_of_the_first_schema(tmp_path: Path, kit, damage: str) -> None:  # type: ignore[no-untyped-def]
    """Its rows have fewer columns; a bookmark whose pair is lost is listed as unknown."""
    saved = _save(tmp_path, kit)
    db = tmp_path / DB_NAME
    _as_schema_1(db)
    _overwrite(db, _root(db, "pairs") if damage == "pairs-page" else 1)
    store = BookmarkStore(tmp_path)
    ((record, marks),) = store.list_all()
    (notice,) = store.take_notices()
    assert f"{SAVED} bookmarks came back" in notice
    assert sorted(m.note for m in marks) == sorted(saved)
    lost = (record.left_path, record.right_path) == (LOST_PAIR_PATH, LOST_PAIR_PATH)
    assert lost == (damage == "pairs-page")
    if not lost:
        assert len(store.for_pair(pair_identity(kit.compare()))) == SAVED


def test_the_write_ahead_log_is_read_with_the_damaged_file(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    """Changes still in the log (a crash before it was merged) come back too."""
    saved = _save(tmp_path, kit)
    db = tmp_path / DB_NAME
    root = _root(db, "bookmarks")  # before the crash: opening the copy would merge its log
    comparison = kit.compare()
    pair = pair_identity(comparison)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE bookmarks SET note = note || ' (edited)' WHERE note LIKE 'note 05 %'")
    # Copy the database and its log while the writer holds them: a crash, as the disk saw it.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        (crashed / (DB_NAME + suffix)).write_bytes((tmp_path / (DB_NAME + suffix)).read_bytes())
    writer.close()
    _overwrite(crashed / DB_NAME, root)
    damaged = {p.name: p.read_bytes() for p in crashed.iterdir()}
    assert sorted(damaged) == [DB_NAME, DB_NAME + "-wal"]

    store = BookmarkStore(crashed)
    notes = {mark.note for mark in store.for_pair(pair)}
    assert len(notes) == SAVED
    edited = saved["note 05 " + "x" * 300]
    assert edited.note + " (edited)" in notes  # type: ignore[attr-defined]
    # The damaged file and its log are kept as they were, side by side.
    # (The log's index, -shm, is SQLite's own and rebuilt from the log.)
    kept = {
        p.name: p.read_bytes()
        for p in crashed.iterdir()
        if ".damaged-" in p.name and not p.name.endswith("-shm")
    }
    (name,) = [n for n in kept if not n.endswith("-wal")]
    assert kept == {name: damaged[DB_NAME], name + "-wal": damaged[DB_NAME + "-wal"]}


def test_deleted_bookmarks_do_not_come_back(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    sid = kit.body_id(comparison, "left", "Aid")
    marks = [
        store.add(pair, comparison, "left", sid, note=f"keep {n:03} " + "y" * 80)
        for n in range(200)
    ]
    for mark in marks[40:120]:
        store.set_note(mark.id, f"gone {mark.id:03}")
        store.delete(mark.id)
    store.close()
    db = tmp_path / DB_NAME
    assert b"gone " not in db.read_bytes()  # deleted rows are overwritten, not left in free pages
    _first_page(db)  # read page by page: the free list went with the header
    back = BookmarkStore(tmp_path).list_all()
    notes = [m.note for _, ms in back for m in ms]
    assert len(notes) == 120
    assert not [note for note in notes if note.startswith("gone")]
    assert {m.id for _, ms in back for m in ms} == {m.id for m in marks[:40] + marks[120:]}


def test_two_damages_keep_two_copies(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    for round_ in range(2):
        _all_garbage(tmp_path / DB_NAME)
        store = BookmarkStore(tmp_path)
        store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
        assert len(store.take_notices()) == 1, round_
        store.close()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(DB_NAME + ".damaged-")]
    assert len(kept) == 2


def test_a_window_whose_file_was_repaired_by_the_other_writes_to_the_new_one(
    tmp_path: Path,
    kit,  # type: ignore[no-untyped-def]
) -> None:
    comparison = kit.compare()
    pair = pair_identity(comparison)
    sid = kit.body_id(comparison, "left", "Aid")
    this_window = BookmarkStore(tmp_path)
    this_window.add(pair, comparison, "left", sid, note="before")
    # The other window found the file damaged: it moved it aside and started a new one.
    (tmp_path / DB_NAME).rename(tmp_path / f"{DB_NAME}.damaged-x")
    other_window = BookmarkStore(tmp_path)
    other_window.add(pair, comparison, "left", sid, note="other window")
    this_window.add(pair, comparison, "left", sid, note="this window")
    assert [b.note for b in other_window.for_pair(pair)] == ["other window", "this window"]
