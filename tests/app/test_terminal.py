"""Standard input as an article: the app reads the pipe, then takes keys from the terminal.

Run for real: the command in a pseudo-terminal (its controlling terminal), its
standard input a file, as in ``cat a.txt | storydiff - b.txt``.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.app.terminal import keys_from_terminal
from tui.engine import InputError

pty = pytest.importorskip("pty")

LEFT = (
    "Harbour reopens after the storm\n\n"
    "The harbour reopened on Monday after a three-day closure. Fishermen lost a week of catch.\n"
)
RIGHT = (
    "Port back in business\n\n"
    "The port opened again on Monday after three days. Tourists cancelled their bookings.\n"
)
#: Bounds a hung app (the failure this guards against) rather than timing anything.
PATIENCE = 60.0


def _read_until(fd: int, wanted: bytes, seen: bytearray, deadline: float) -> bool:
    """Read the terminal's output into ``seen`` until ``wanted`` appears or the deadline."""
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                return wanted in seen
            if not chunk:
                return wanted in seen
            seen.extend(chunk)
    return True


def _exit_code(pid: int, fd: int, seen: bytearray, deadline: float) -> int | None:
    """Wait for the child to exit (reading its output meanwhile); None if it does not."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen.extend(os.read(fd, 65536))
            except OSError:
                time.sleep(0.1)


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix pseudo-terminal")
def test_stdin_article_then_keys_from_the_terminal(tmp_path: Path) -> None:
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    pid, master = pty.fork()
    if pid == 0:  # the child: a new session whose controlling terminal is the pty
        try:
            fd = os.open(left, os.O_RDONLY)
            os.dup2(fd, 0)  # standard input: the article, not the terminal
            os.environ["TERM"] = "xterm-256color"
            os.execv(sys.executable, [sys.executable, "-m", "tui", "-", str(right)])
        finally:
            os._exit(127)
    output = bytearray()
    deadline = time.monotonic() + PATIENCE
    code: int | None = None
    try:
        # The left title comes from standard input: the article was read and drawn.
        assert _read_until(master, b"Harbour", output, deadline), bytes(output[-2000:])
        os.write(master, b"\x11")  # ctrl+q
        code = _exit_code(pid, master, output, deadline)
        assert code == 0, f"the app did not quit on ctrl+q: {bytes(output[-500:])!r}"
    finally:
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(master)


def test_no_terminal_is_one_clear_error(tmp_path: Path) -> None:
    """Without any terminal (a pipe in, no /dev/tty), the command says so in one line."""
    script = (
        "import sys\n"
        "from tui.app.terminal import keys_from_terminal\n"
        "from tui.engine import InputError\n"
        "try:\n"
        f"    keys_from_terminal({str(tmp_path / 'no-such-tty')!r})\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no terminal to read keys from" in done.stdout
    assert "storydiff compare" in done.stdout


def test_a_terminal_already_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "isatty", lambda fd: True)
    opened: list[str] = []
    monkeypatch.setattr(os, "open", lambda *args: opened.append(args[0]) or 99)
    assert keys_from_terminal() is False
    assert opened == []


def test_a_terminal_that_cannot_be_opened_raises_input_error(tmp_path: Path) -> None:
    if os.isatty(0):
        pytest.skip("standard input is a terminal here: nothing would be replaced")
    with pytest.raises(InputError, match="no terminal to read keys from"):
        keys_from_terminal(str(tmp_path / "no-such-tty"))
