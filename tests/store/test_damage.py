"""A damaged or unwritable database never costs the user their work or the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.store import BookmarkStore, pair_identity
from tui.store.bookmarks import DB_NAME


def _fill(store: BookmarkStore, kit, count: int = 60) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    sid = kit.body_id(comparison, "left", "Aid")
    for n in range(count):
        store.add(pair, comparison, "left", sid, note=f"note {n} " + "x" * 300)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) > 8192, "the database should span several pages"
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, just some bytes\n" * 100)


def _bad_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"SQLite format 9\x00"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_truncated, id="truncated"),
        pytest.param(_garbage, id="garbage"),
        pytest.param(_bad_header, id="bad-header"),
    ],
)
def test_a_damaged_database_is_kept_aside_and_a_fresh_one_started(
    tmp_path: Path,
    kit,  # type: ignore[no-untyped-def]
    damage,  # type: ignore[no-untyped-def]
) -> None:
    first = BookmarkStore(tmp_path)
    _fill(first, kit)
    first.close()
    db = tmp_path / DB_NAME
    damage(db)
    damaged_bytes = db.read_bytes()

    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    assert store.for_pair(pair) == []  # opens, does not raise
    (notice,) = store.take_notices()
    assert store.take_notices() == []  # said once
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(DB_NAME + ".damaged-")]
    kept_db = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept_db) == 1
    assert str(kept_db[0]) in notice
    assert "damaged" in notice
    assert kept_db[0].read_bytes() == damaged_bytes

    # A fresh database takes new bookmarks, and the damaged copy is untouched.
    store.add(pair, comparison, "right", kit.body_id(comparison, "right", "Observers"), note="new")
    assert [b.note for b in BookmarkStore(tmp_path).for_pair(pair)] == ["new"]
    assert kept_db[0].read_bytes() == damaged_bytes
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_damages_keep_two_copies(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    for round_ in range(2):
        _garbage(tmp_path / DB_NAME)
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
