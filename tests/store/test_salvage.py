"""Reading a damaged database: long rows, odd ids, and files that are barely databases."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from tui.store.salvage import Table, read_damaged

PAGE = 4096
NOTES = Table(
    "notes",
    ("id", "body"),
    lambda row: isinstance(row.get("body"), str) and row["body"].startswith("body "),
    newest="body",
)


def _make(path: Path, bodies: dict[int, str]) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        conn.executemany("INSERT INTO notes (id, body) VALUES (?, ?)", bodies.items())
    conn.close()


def _overwrite(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE : page * PAGE] = random.Random(page).randbytes(PAGE)
    path.write_bytes(bytes(data))


def _bodies(path: Path) -> dict[int, str]:
    salvage = read_damaged(path, [NOTES])
    return {row["id"]: row["body"] for row in salvage.rows["notes"]}


def test_rows_longer_than_a_page_come_back_whole_page_by_page(tmp_path: Path) -> None:
    """Each body spills over several overflow pages; the header page is gone."""
    db = tmp_path / "long.db"
    bodies = {n: f"body {n} " + "é" * (3000 + 500 * n) for n in range(1, 9)}
    _make(db, bodies)
    _overwrite(db, 1)
    assert _bodies(db) == bodies


def test_ids_far_apart_are_all_found_past_a_damaged_page(tmp_path: Path) -> None:
    db = tmp_path / "sparse.db"
    ids = [1, 2, 3, *range(1000, 1400), 2**40, 2**62, 2**63 - 1]
    bodies = {n: f"body {n} " + "x" * 200 for n in ids}
    _make(db, bodies)
    with sqlite3.connect(db) as conn:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    conn.close()
    leaf = db.read_bytes().find(b"body 1200 ") // PAGE + 1
    assert leaf != root
    _overwrite(db, leaf)
    salvage = read_damaged(db, [NOTES])
    back = {row["id"]: row["body"] for row in salvage.rows["notes"]}
    assert not salvage.complete
    assert 1200 not in back
    assert {1, 2, 3, 1000, 1399, 2**40, 2**62, 2**63 - 1} <= set(back)
    assert all(back[n] == bodies[n] for n in back)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"SQLite format 3\x00", id="header-only"),
        pytest.param(random.Random(1).randbytes(PAGE * 5), id="noise"),
        pytest.param(b"SQLite format 3\x00" + b"\xff" * (PAGE * 3), id="all-ones"),
        pytest.param(bytes([0x0D]) * (PAGE * 2), id="leaf-bytes-everywhere"),
    ],
)
def test_a_file_that_is_barely_a_database_reads_as_nothing(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    salvage = read_damaged(db, [NOTES])
    assert salvage.rows == {"notes": []}
    assert db.read_bytes() == content  # never written to


def test_a_file_too_large_to_be_a_bookmarks_database_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import salvage as module

    db = tmp_path / "big.db"
    _make(db, {1: "body 1"})
    monkeypatch.setattr(module, "MAX_BYTES", db.stat().st_size - 1)
    salvage = read_damaged(db, [NOTES])
    assert salvage.rows == {"notes": []}
    assert salvage.error is not None and salvage.error.startswith("the file is too large")


def test_a_missing_file_says_why(tmp_path: Path) -> None:
    salvage = read_damaged(tmp_path / "gone.db", [NOTES])
    assert salvage.rows == {"notes": []}
    assert not salvage.complete
    assert salvage.error is not None and "No such file" in salvage.error
