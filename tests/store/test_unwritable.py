"""Data directories that cannot be written or used, and full disks: nothing saved is lost.

- A folder in the way (a file where the data directory should be) is a real
  file: each case says what is wrong instead of listing nothing.
- A read-only data directory is a real read-only bind mount, and a full disk a
  real 512 KB tmpfs, each in a private mount namespace (``unshare -rm``) that
  nothing outside its subprocess sees; where the machine cannot make one, the
  test skips with the reason and the injected cases below drive the same code.
  (Root writes through ``chmod``, so a mode change proves nothing here.)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.engine import Comparison, compare_files
from tui.store import BookmarkStore, BookmarksUnavailable, pair_identity
from tui.store.bookmarks import DB_NAME

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


@pytest.fixture
def comparison(sample_paths: tuple[Path, Path]) -> Comparison:
    return compare_files(*sample_paths)


def _save(data: Path, comparison: Comparison, notes: list[str]) -> None:
    store = BookmarkStore(data)
    pair = pair_identity(comparison)
    for n, note in enumerate(notes):
        store.add(pair, comparison, "left", comparison.left.body[n % 5].id, note=note)
    store.close()


def _notes(data: Path, comparison: Comparison) -> list[str]:
    return [b.note for b in BookmarkStore(data).for_pair(pair_identity(comparison))]


# --- a folder in the way ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        pytest.param(
            "data-is-a-file", "the data directory {data} is a file, not a folder", id="file"
        ),
        pytest.param(
            "below-a-file",
            "the data directory {data} cannot be created ({blocker} is a file, not a folder)",
            id="below-a-file",
        ),
        pytest.param(
            "database-is-a-folder",
            "{data}/bookmarks.db is a folder, not a database",
            id="db-folder",
        ),
        pytest.param(
            "database-is-a-pipe", "{data}/bookmarks.db is not a regular file", id="db-pipe"
        ),
        pytest.param(
            "log-is-a-folder",
            "{data}/bookmarks.db-wal is not a regular file (SQLite keeps the database's log there)",
            id="log-folder",
        ),
    ],
)
def test_a_folder_in_the_way_says_what_is_wrong(
    tmp_path: Path,
    sample_paths: tuple[Path, Path],
    comparison: Comparison,
    capsys: pytest.CaptureFixture[str],
    layout: str,
    expected: str,
) -> None:
    blocker = tmp_path / "blocker"
    data = tmp_path / "data"
    if layout == "data-is-a-file":
        data.write_text("a file, not a folder")
        blocker = data
    elif layout == "below-a-file":
        blocker.write_text("a file, not a folder")
        data = blocker / "data"
    elif layout == "database-is-a-folder":
        (data / DB_NAME).mkdir(parents=True)
    elif layout == "log-is-a-folder":
        _save(data, comparison, ["saved"])
        (data / (DB_NAME + "-wal")).mkdir()
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        data.mkdir()
        os.mkfifo(data / DB_NAME)  # opening it to read would wait for a writer forever
    message = "bookmarks are disabled: " + expected.format(data=data, blocker=blocker)

    store = BookmarkStore(data)
    with pytest.raises(BookmarksUnavailable) as info:
        store.for_pair(pair_identity(comparison))
    assert str(info.value) == message
    assert store.unwritable_reason() == message
    assert not store.enabled and not store.readable
    with pytest.raises(BookmarksUnavailable, match="disabled"):
        store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id)

    pair = [str(p) for p in sample_paths]
    for args in (["bookmarks", "--all"], ["bookmarks", *pair]):
        assert main([*args, "--data-dir", str(data)]) == 1
        captured = capsys.readouterr()
        assert captured.err == f"storydiff: {message}\n"
        assert captured.out == ""
    # An export still has the comparison, and says what it lacks.
    assert main(["export", *pair, "-o", "-", "--data-dir", str(data)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"storydiff: warning: {message}; exporting without bookmarks\n"
    assert captured.out.startswith("# ")
    if blocker.is_file():
        assert blocker.read_text() == "a file, not a folder"
    if layout == "log-is-a-folder":
        (data / (DB_NAME + "-wal")).rmdir()
        assert _notes(data, comparison) == ["saved"]  # nothing saved was touched
    else:
        assert not (data / DB_NAME).is_file()


# --- read-only ----------------------------------------------------------------------------


def _namespace_refusal(probe: list[str]) -> str | None:
    """None when ``probe`` (mount commands) works in a private namespace here, else why not."""
    if not shutil.which("unshare"):
        return "no unshare command"
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", " && ".join(probe)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return None if done.returncode == 0 else done.stderr.strip() or "mount failed"


def _in_namespace(script: str, *args: str, probe: list[str]) -> dict[str, Any]:
    why_not = _namespace_refusal(probe)
    if why_not:
        pytest.skip(
            f"cannot mount in a private namespace here ({why_not}); "
            "the injected cases drive the same code"
        )
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


_READ_ONLY = r"""
import json, subprocess, sys
from pathlib import Path
data, left, right = sys.argv[1:4]
subprocess.run(["mount", "--bind", data, data], check=True)
subprocess.run(["mount", "-o", "remount,ro,bind", data], check=True)

def cli(*args):
    done = subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data-dir", data],
        capture_output=True, text=True, timeout=120,
    )
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}

from tui.engine import compare_files
from tui.store import BookmarkStore, BookmarksUnavailable, pair_identity
comparison = compare_files(left, right)
pair = pair_identity(comparison)
store = BookmarkStore(Path(data))
notes = [b.note for b in store.for_pair(pair)]
notices = store.take_notices()
try:
    store.add(pair, comparison, "left", comparison.left.body[0].id, note="refused")
    refused = None
except BookmarksUnavailable as exc:
    refused = str(exc)
print(json.dumps({
    "notes": notes, "notices": notices, "refused": refused, "enabled": store.enabled,
    "reason": store.unwritable_reason(),
    "all": cli("bookmarks", "--all"), "pair": cli("bookmarks", left, right),
    "export": cli("export", left, right, "-o", "-"),
}))
"""


def _pending_log(data: Path, with_index: bool) -> None:
    """Leave a change in the write-ahead log, as a crash does (with or without its index)."""
    writer = sqlite3.connect(data / DB_NAME, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE bookmarks SET note = note || ' (in the log)'")
    saved = {suffix: (data / (DB_NAME + suffix)).read_bytes() for suffix in ("", "-wal", "-shm")}
    writer.close()  # merges the log and removes it: put the crash back
    for suffix, content in saved.items():
        if suffix != "-shm" or with_index:
            (data / (DB_NAME + suffix)).write_bytes(content)


@pytest.mark.parametrize(
    "state", ["closed-cleanly", "log-pending", "log-pending-no-index", "damaged"]
)
def test_a_read_only_data_directory_still_shows_lists_and_exports(
    tmp_path: Path, sample_paths: tuple[Path, Path], comparison: Comparison, state: str
) -> None:
    data = tmp_path / "data"
    saved = [f"note {n} " + "z" * 300 for n in range(60)]
    _save(data, comparison, saved)
    expected = saved
    if state.startswith("log-pending"):
        _pending_log(data, with_index=state == "log-pending")
        expected = [note + " (in the log)" for note in saved]
    if state == "damaged":
        db = data / DB_NAME
        bytes_ = bytearray(db.read_bytes())
        page = bytes_.find(b"note 30 ") // PAGE
        bytes_[page * PAGE : (page + 1) * PAGE] = random.Random(7).randbytes(PAGE)
        db.write_bytes(bytes(bytes_))
    before = {p.name: p.read_bytes() for p in data.iterdir()}

    result = _in_namespace(
        _READ_ONLY,
        str(data),
        *map(str, sample_paths),
        probe=[f"mount --bind {data} {data}", f"mount -o remount,ro,bind {data}"],
    )
    reason = f"saving bookmarks is off: {data} is read-only"
    assert result["reason"] == reason
    assert result["refused"] == reason
    assert result["enabled"] is False
    if state == "damaged":
        assert 0 < len(result["notes"]) < len(saved)
        assert set(result["notes"]) < set(saved)
        (notice,) = result["notices"]
        assert f"{data / DB_NAME} is damaged" in notice
        assert "it was left as it was" in notice
        assert f"{len(result['notes'])} of its bookmarks could be read and are shown" in notice
    else:
        assert result["notes"] == expected
        assert result["notices"] == []
    for run in ("all", "pair", "export"):
        assert result[run]["code"] == 0, result[run]["err"]
        assert "Traceback" not in result[run]["err"]
        assert result["notes"][0][:30] in result[run]["out"], run
    # Nothing in the folder changed, and every bookmark is still there once it is writable.
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    if state != "damaged":
        assert _notes(data, comparison) == expected


def test_bookmarks_stay_readable_when_writes_are_disabled(
    tmp_path: Path, comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only case with the permission check's answer injected (root passes every one)."""
    _save(tmp_path, comparison, ["saved before"])
    from tui.store import bookmarks as module

    monkeypatch.setattr(module.os, "access", lambda *args, **kwargs: False)
    store = BookmarkStore(tmp_path)
    assert store.unwritable_reason() == f"saving bookmarks is off: {tmp_path} is read-only"
    assert store.readable and not store.enabled
    assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["saved before"]
    with pytest.raises(BookmarksUnavailable, match="read-only"):
        store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id)
    assert _notes(tmp_path, comparison) == ["saved before"]


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        pytest.param("data", "{data} is read-only", id="empty-folder"),
        pytest.param(
            "data/sub",
            "the data directory {data}/sub cannot be created ({data} is read-only)",
            id="missing-folder",
        ),
    ],
)
def test_nothing_saved_yet_on_a_read_only_disk(
    tmp_path: Path,
    comparison: Comparison,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    reason: str,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    from tui.store import bookmarks as module

    monkeypatch.setattr(module.os, "access", lambda *args, **kwargs: False)
    store = BookmarkStore(tmp_path / where)
    assert store.list_all() == []  # nothing saved: nothing to say it cannot be read
    expected = "saving bookmarks is off: " + reason.format(data=data)
    assert store.unwritable_reason() == expected
    with pytest.raises(BookmarksUnavailable) as info:
        store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id)
    assert str(info.value) == expected
    assert list(data.iterdir()) == []


def test_a_write_refused_as_read_only_turns_saving_off_not_reading(
    tmp_path: Path, comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own refusal (a read-only file system the permission check missed), injected."""
    _save(tmp_path, comparison, ["saved before"])
    store = BookmarkStore(tmp_path)
    real_connect = sqlite3.connect

    def read_only(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if not str(database).startswith("file:"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["saved before"]
    with pytest.raises(BookmarksUnavailable) as info:
        store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id)
    message = str(info.value)
    assert message.startswith("saving bookmarks is off: ")
    assert "readonly" in message and "\n" not in message
    assert not store.enabled and store.readable
    assert store.unwritable_reason() == message


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes through chmod; the read-only mount and the injected cases cover it",
)
def test_read_only_directory_with_chmod(tmp_path: Path, comparison: Comparison) -> None:
    data = tmp_path / "data"
    _save(data, comparison, ["kept"])
    data.chmod(0o500)
    (data / DB_NAME).chmod(0o400)
    try:
        store = BookmarkStore(data)
        assert store.unwritable_reason() is not None
        assert [b.note for b in store.for_pair(pair_identity(comparison))] == ["kept"]
        with pytest.raises(BookmarksUnavailable):
            store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id)
    finally:
        data.chmod(0o700)
        (data / DB_NAME).chmod(0o600)


# --- a full disk --------------------------------------------------------------------------

_FULL_DISK = r"""
import json, os, subprocess, sys
from pathlib import Path
disk, left, right = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", disk], check=True)
from tui.engine import compare_files
from tui.store import BookmarkStore, BookmarksUnavailable, pair_identity
comparison = compare_files(left, right)
pair = pair_identity(comparison)
sentence = comparison.left.body[0].id
big = "a long note " * 2000  # more than the log has room for: the write must grow a file

def fill():
    filler = os.open(os.path.join(disk, "filler"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(filler, b"\0" * 4096)
    except OSError:
        pass
    os.close(filler)

def add(store, note):
    try:
        store.add(pair, comparison, "left", sentence, note=note)
        return None
    except BookmarksUnavailable as exc:
        return str(exc)

out = {}
data = Path(disk, "data")
store = BookmarkStore(data)
out["before"] = add(store, "before")
fill()
out["full"] = add(store, "full " + big)
out["enabled_after_full"] = store.enabled
out["read_while_full"] = [b.note[:20] for b in BookmarkStore(data).for_pair(pair)]
out["fresh_on_full"] = add(BookmarkStore(Path(disk, "fresh")), "first")
os.unlink(os.path.join(disk, "filler"))
out["retry"] = add(store, "after " + big)
out["notes"] = [b.note[:20] for b in BookmarkStore(data).for_pair(pair)]
out["fresh_retry"] = add(BookmarkStore(Path(disk, "fresh")), "first")
out["fresh_notes"] = [b.note for b in BookmarkStore(Path(disk, "fresh")).for_pair(pair)]
print(json.dumps(out))
"""


def test_a_real_full_disk_fails_one_save_and_the_next_one_works(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    result = _in_namespace(
        _FULL_DISK,
        str(disk),
        *map(str, sample_paths),
        probe=[f"mount -t tmpfs -o size=64k tmpfs {disk}"],
    )
    assert result["before"] is None
    full = result["full"]
    assert full is not None and full.startswith("not saved: ")
    assert full.endswith("; free some space and try again"), full
    assert result["enabled_after_full"] is True
    assert result["read_while_full"] == ["before"]
    assert result["fresh_on_full"] is not None and "try again" in result["fresh_on_full"]
    assert result["retry"] is None
    assert result["notes"] == ["before", "after a long note a "]
    assert result["fresh_retry"] is None
    assert result["fresh_notes"] == ["first"]


@pytest.mark.parametrize("change", ["add", "set_note", "delete"])
def test_a_full_disk_fails_that_change_and_leaves_saving_on(
    tmp_path: Path, comparison: Comparison, full_disk: Any, change: str
) -> None:
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    kept = store.add(pair, comparison, "left", comparison.left.body[0].id, note="kept")
    full_disk.full = True
    actions = {
        "add": lambda: store.add(pair, comparison, "left", comparison.left.body[1].id, note="new"),
        "set_note": lambda: store.set_note(kept.id, "edited"),
        "delete": lambda: store.delete(kept.id),
    }
    with pytest.raises(BookmarksUnavailable) as info:
        actions[change]()
    assert str(info.value) == (
        f"not saved: cannot write {tmp_path / DB_NAME}: database or disk is full; "
        "free some space and try again"
    )
    assert store.enabled and store.unwritable_reason() is None
    assert [b.note for b in store.for_pair(pair)] == ["kept"]  # nothing half done
    full_disk.full = False
    actions[change]()  # space freed: the same change now works
    expected = {"add": ["kept", "new"], "set_note": ["edited"], "delete": []}[change]
    assert [b.note for b in store.for_pair(pair)] == expected
    assert _notes(tmp_path, comparison) == expected
