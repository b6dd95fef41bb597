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
