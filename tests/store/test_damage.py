"""A damaged or unwritable database never costs the user their work or the app."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tui.store import BookmarkStore, BookmarksUnavailable, pair_identity
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


def test_data_dir_below_a_regular_file_disables_bookmarks(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    """A data directory that cannot exist (a file is in the way): clear message, no crash."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    store = BookmarkStore(blocker / "data")
    comparison = kit.compare()
    pair = pair_identity(comparison)
    assert store.for_pair(pair) == []  # reading works: there is nothing to read
    reason = store.unwritable_reason()
    assert reason is not None
    assert "bookmarks are disabled" in reason
    assert not store.enabled
    with pytest.raises(BookmarksUnavailable, match="disabled"):
        store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
    assert blocker.read_text() == "a file, not a folder"


def test_a_write_failure_at_open_disables_bookmarks(
    tmp_path: Path,
    kit,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The error sqlite raises on a read-only directory, injected: root ignores chmod."""
    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path / "data")
    real_connect = sqlite3.connect

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        real_connect(":memory:").close()  # the real module still works
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    with pytest.raises(BookmarksUnavailable) as info:
        store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
    message = str(info.value)
    assert "bookmarks are disabled" in message
    assert "readonly" in message
    assert "\n" not in message
    assert not store.enabled
    assert store.unwritable_reason() == message


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes through chmod; covered by the two tests above",
)
def test_read_only_directory_with_chmod(tmp_path: Path, kit) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    data = tmp_path / "data"
    BookmarkStore(data).add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
    data.chmod(0o500)
    (data / DB_NAME).chmod(0o400)
    try:
        store = BookmarkStore(data)
        assert store.unwritable_reason() is not None
        with pytest.raises(BookmarksUnavailable):
            store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
    finally:
        data.chmod(0o700)
        (data / DB_NAME).chmod(0o600)


def test_bookmarks_stay_readable_when_writes_are_disabled(
    tmp_path: Path,
    kit,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A data directory that became read-only: saved bookmarks still list, new ones refuse."""
    comparison = kit.compare()
    pair = pair_identity(comparison)
    BookmarkStore(tmp_path).add(
        pair, comparison, "left", kit.body_id(comparison, "left", "Aid"), note="saved before"
    )
    # Root passes every permission check, so the check's answer is injected.
    from tui.store import bookmarks as module

    monkeypatch.setattr(module.os, "access", lambda *args, **kwargs: False)
    store = BookmarkStore(tmp_path)
    reason = store.unwritable_reason()
    assert reason is not None and "read-only" in reason
    assert [b.note for b in store.for_pair(pair)] == ["saved before"]
    with pytest.raises(BookmarksUnavailable, match="read-only"):
        store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"))
