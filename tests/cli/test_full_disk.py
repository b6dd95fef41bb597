"""A full disk while exporting: the old file stays whole, nothing partial is left, a retry works.

Two ways to fill a disk. Where the machine lets an unprivileged process mount
a small tmpfs in a private mount namespace (``unshare -rm``), a real full disk
is used, in a subprocess. Everywhere, the same code path is driven by fault
injection: the write that fills the disk is replaced by one that writes half
the data and then fails with ENOSPC, as a real full disk does.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import tui.store.atomic
from tui.cli import main
from tui.report.export import write_unique
from tui.store.atomic import write_atomic

ROOT = Path(__file__).resolve().parents[2]
OLD = "the user's own report\n"


def _disk_fills_up(monkeypatch: pytest.MonkeyPatch, where: str = "write") -> None:
    """Make the next atomic writes fail with ENOSPC: midway through the data, or at the flush."""
    real_write_all = tui.store.atomic._write_all

    def half_then_full(fd: int, data: bytes) -> None:
        real_write_all(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def full_at_flush(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        monkeypatch.setattr(tui.store.atomic, "_write_all", half_then_full)
    else:
        monkeypatch.setattr(tui.store.atomic.os, "fsync", full_at_flush)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def pair(sample_paths: tuple[Path, Path]) -> list[str]:
    return [str(p) for p in sample_paths]


@pytest.mark.parametrize("where", ["write", "flush"])
def test_a_forced_export_on_a_full_disk_keeps_the_old_file(
    work: Path, pair: list[str], where: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    target = work / "report.md"
    target.write_text(OLD, encoding="utf-8")
    with monkeypatch.context() as full:
        _disk_fills_up(full, where)
        assert main(["export", *pair, "-o", "report.md", "--force"]) == 1
    err = capsys.readouterr().err
    assert err == "storydiff: cannot write report.md: No space left on device\n"
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in work.iterdir()) == ["report.md"]
    # Space freed: the same command replaces it.
    assert main(["export", *pair, "-o", "report.md", "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("where", ["write", "flush"])
def test_a_new_export_on_a_full_disk_leaves_nothing_to_block_the_retry(
    work: Path, pair: list[str], where: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    with monkeypatch.context() as full:
        _disk_fills_up(full, where)
        assert main(["export", *pair, "-o", "new.md"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(work.iterdir()) == []
    assert main(["export", *pair, "-o", "new.md"]) == 0
    assert (work / "new.md").read_text(encoding="utf-8").startswith("# ")


def test_the_apps_export_on_a_full_disk_leaves_nothing(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "report.md").write_text(OLD, encoding="utf-8")
    _disk_fills_up(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        write_unique(work, "report.md", "# a report\n" * 1000)
    assert sorted(p.name for p in work.iterdir()) == ["report.md"]
    assert (work / "report.md").read_text(encoding="utf-8") == OLD


def test_a_file_that_must_be_new_is_never_replaced(work: Path) -> None:
    (work / "mine.md").write_text(OLD, encoding="utf-8")
    (work / "dangling.md").symlink_to(work / "nowhere")
    for name in ("mine.md", "dangling.md"):
        with pytest.raises(FileExistsError):
            write_atomic(work / name, b"new", replace=False)
    assert (work / "mine.md").read_text(encoding="utf-8") == OLD
    assert (work / "dangling.md").is_symlink() and not (work / "nowhere").exists()
    assert sorted(p.name for p in work.iterdir()) == ["dangling.md", "mine.md"]


def test_a_target_that_is_not_a_regular_file_is_never_replaced(
    work: Path, pair: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Renaming over /dev/null (as root, --force) would put a file where the device was."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(work / "pipe")
    (work / "to-null").symlink_to(os.devnull)
    (work / "folder").mkdir()
    for name in ("pipe", "to-null", "folder"):
        assert main(["export", *pair, "-o", name, "--force"]) == 1
        assert capsys.readouterr().err == (
            f"storydiff: cannot write {name}: not a regular file, so it is not replaced\n"
        )
    assert stat.S_ISFIFO(os.stat(work / "pipe").st_mode)
    assert stat.S_ISCHR(os.stat(work / "to-null").st_mode)
    assert (work / "to-null").is_symlink() and (work / "folder").is_dir()
    assert sorted(p.name for p in work.iterdir()) == ["folder", "pipe", "to-null"]


def test_permissions_are_those_of_a_new_file_or_of_the_file_replaced(work: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(work / "new.md", b"new", replace=False)
        private = work / "private.md"
        private.write_text(OLD, encoding="utf-8")
        private.chmod(0o600)
        write_atomic(private, b"replaced")
    finally:
        os.umask(umask)
    assert (work / "new.md").stat().st_mode & 0o777 == 0o644
    assert private.stat().st_mode & 0o777 == 0o600
    assert private.read_bytes() == b"replaced"


# A real full disk: a 256 KB tmpfs in a mount namespace of the test's own, so
# nothing outside the subprocess ever sees it.
_ON_A_SMALL_DISK = r"""
import json, os, subprocess, sys
disk, left, right = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk], check=True)
report = os.path.join(disk, "report.md")
with open(report, "w", encoding="utf-8") as handle:
    handle.write(sys.argv[4])
filler = os.open(os.path.join(disk, "filler"), os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(filler, b"\0" * 4096)
except OSError:
    pass
os.close(filler)

def export(*options):
    done = subprocess.run(
        [sys.executable, "-m", "tui", "export", left, right, *options],
        capture_output=True, text=True, timeout=120,
    )
    with open(report, encoding="utf-8") as handle:
        kept = handle.read()
    return {"code": done.returncode, "err": done.stderr, "report": kept,
            "files": sorted(os.listdir(disk))}

results = {"forced": export("-o", report, "--force"),
           "new": export("-o", os.path.join(disk, "new.md"))}
os.unlink(os.path.join(disk, "filler"))
results["retry"] = export("-o", os.path.join(disk, "new.md"))
print(json.dumps(results))
"""


def _private_tmpfs_works(folder: Path) -> str | None:
    """None when a tmpfs can be mounted in a private namespace here, else why not."""
    if not shutil.which("unshare"):
        return "no unshare command"
    probe = subprocess.run(
        ["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    return None if probe.returncode == 0 else probe.stderr.strip() or "mount failed"


def test_a_real_full_disk(tmp_path: Path, pair: list[str]) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    why_not = _private_tmpfs_works(disk)
    if why_not:
        pytest.skip(
            f"cannot mount a private tmpfs here ({why_not}); the fault-injection tests above "
            "drive the same code path"
        )
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", _ON_A_SMALL_DISK, str(disk), *pair, OLD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    forced, new, retry = results["forced"], results["new"], results["retry"]
    assert forced["code"] == 1
    assert forced["err"].splitlines() == [
        f"storydiff: cannot write {disk / 'report.md'}: No space left on device"
    ]
    assert forced["report"] == OLD
    assert forced["files"] == ["filler", "report.md"]
    assert new["code"] == 1 and "No space left on device" in new["err"]
    assert new["files"] == ["filler", "report.md"]
    assert retry["code"] == 0, retry["err"]
    assert retry["files"] == ["new.md", "report.md"]
    assert retry["report"] == OLD
