"""Two storydiff processes writing bookmarks to one pair at once lose nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tui.store import BookmarkStore, pair_identity

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from pathlib import Path
from tui.engine import compare_files
from tui.store import BookmarkStore, pair_identity

data, left, right, go, tag = sys.argv[1:6]
comparison = compare_files(left, right)
pair = pair_identity(comparison)
store = BookmarkStore(Path(data))
body = comparison.left.body
while not Path(go).exists():  # start together, so the writes really interleave
    time.sleep(0.005)
for n in range(200):
    store.add(pair, comparison, "left", body[n % len(body)].id, note=f"{tag}-{n}")
store.close()
"""


def test_two_processes_each_add_200_and_all_400_are_kept(tmp_path: Path, sample_paths) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    go = tmp_path / "go"
    left, right = (str(p) for p in sample_paths)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data), left, right, str(go), tag],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    time.sleep(1.0)  # both have imported and compared, and are waiting
    go.touch()
    for writer in writers:
        _out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err

    from tui.engine import compare_files

    comparison = compare_files(*sample_paths)
    marks = BookmarkStore(data).for_pair(pair_identity(comparison))
    notes = {mark.note for mark in marks}
    assert len(marks) == 400
    assert notes == {f"{tag}-{n}" for tag in ("a", "b") for n in range(200)}


def test_a_lock_met_while_opening_is_waited_out(tmp_path: Path, sample_paths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The other window creating or migrating the file holds a lock SQLite's own wait skips."""
    import sqlite3

    from tui.engine import compare_files

    comparison = compare_files(*sample_paths)
    store = BookmarkStore(tmp_path / "data")
    real_open = BookmarkStore._open_file
    refused: list[int] = []

    def busy_twice(self: BookmarkStore) -> sqlite3.Connection:
        if len(refused) < 2:
            refused.append(1)
            raise sqlite3.OperationalError("database is locked")
        return real_open(self)

    monkeypatch.setattr(BookmarkStore, "_open_file", busy_twice)
    store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id, note="x")
    assert len(refused) == 2
    assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["x"]
    store.close()
