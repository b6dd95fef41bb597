"""Standard output that cannot be written (a full device, closed): one line, a non-zero exit.

Each case runs ``python -m tui`` in a subprocess with its standard output on
``/dev/full`` (every write fails with ENOSPC, as on a full disk) or closed, so
a traceback, or Python's own complaint when it flushes on exit, fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FULL = "storydiff: cannot write to standard output: No space left on device"

needs_dev_full = pytest.mark.skipif(
    not os.path.exists("/dev/full"), reason="no /dev/full on this system"
)


def _run(
    args: list[str], stdout: object, stderr: object = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=stderr,  # type: ignore[arg-type]
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def pair(sample_paths: tuple[Path, Path]) -> list[str]:
    return [str(p) for p in sample_paths]


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["compare"], id="compare-text"),
        pytest.param(["compare", "--format", "json"], id="compare-json"),
        pytest.param(["compare", "--format", "markdown"], id="compare-markdown"),
        pytest.param(["export", "-o", "-"], id="export-to-stdout"),
        pytest.param(["bookmarks", "--format", "json"], id="bookmarks-json"),
    ],
)
def test_output_to_a_full_device_is_one_line(args: list[str], pair: list[str]) -> None:
    command, *options = args
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _run([command, *pair, *options], stdout=full)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [FULL]


@needs_dev_full
def test_listing_every_bookmark_to_a_full_device_is_one_line() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _run(["bookmarks", "--all"], stdout=full)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [FULL]


def test_a_closed_standard_output_is_one_line(pair: list[str]) -> None:
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -m tui compare "$1" "$2" >&-', sys.executable, *pair],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["storydiff: cannot write to standard output: it is closed"]


@needs_dev_full
def test_messages_to_a_full_device_keep_the_exit_code(pair: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _run(["compare", pair[0], "no-such-file.txt"], stdout=subprocess.PIPE, stderr=full)
    assert done.returncode == 2
    assert done.stdout == ""


def test_a_closed_standard_error_keeps_the_exit_code(pair: list[str]) -> None:
    done = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$0" -m tui compare "$1" no-such-file.txt 2>&-',
            sys.executable,
            pair[0],
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
