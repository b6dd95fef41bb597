"""`storydiff LEFT RIGHT`: the app opens at once, and the command's outcome follows the app's.

The app runs headless here, driven by an autopilot (Textual's ``run(auto_pilot=...)``)
that acts as the reader would.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tui.app.app import StorydiffApp
from tui.app.loading import OpeningScreen
from tui.app.screens.main import MainScreen
from tui.cli import main
from tui.engine import Cancelled, Comparison, Progress

#: Bounds a hung app (the failure this guards against) rather than timing anything.
PATIENCE = 30.0

Script = Callable[[Any], Awaitable[None]]


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> Callable[[Script], list[StorydiffApp]]:
    """Make the app run headless under ``script``; the apps run are listed for the test."""

    def install(script: Script) -> list[StorydiffApp]:
        apps: list[StorydiffApp] = []
        original = StorydiffApp.run

        def run(self: StorydiffApp, **_: Any) -> Any:
            apps.append(self)

            async def pilot_then_quit(pilot: Any) -> None:
                try:
                    await script(pilot)
                finally:
                    if self.is_running:
                        self.exit()

            return original(self, headless=True, size=(100, 24), auto_pilot=pilot_then_quit)

        monkeypatch.setattr(StorydiffApp, "run", run)
        return apps

    return install


async def until(pilot: Any, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.02)


def stage_of(app: Any) -> str:
    """What the opening screen says the comparison is doing ("" before it says)."""
    found = app.screen.query("#stage")
    return str(found.first().render()) if found else ""


def reading(app: Any) -> bool:
    return isinstance(app.screen, MainScreen) and app.screen.selection is not None


def test_the_app_opens_the_pair_and_quits_with_0(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    first: list[type] = []

    async def script(pilot: Any) -> None:
        first.append(type(pilot.app.screen))
        await until(pilot, lambda: reading(pilot.app))
        await pilot.press("ctrl+q")

    apps = drive(script)
    assert main([str(path) for path in sample_paths]) == 0
    assert first == [OpeningScreen]  # the app starts before the comparison is made
    assert apps[0].comparison is not None
    assert apps[0].comparison.left.source == str(sample_paths[0])


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
def test_quitting_while_the_pair_opens_exits_130(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    stopped = threading.Event()

    def endless(*args: Any, progress: Progress, **kwargs: Any) -> Comparison:
        """A comparison that reports progress until a report stops it."""
        deadline = time.monotonic() + PATIENCE
        try:
            while time.monotonic() < deadline:
                progress("matching sentences", 0.5)
                time.sleep(0.01)
        except Cancelled:
            stopped.set()
            raise
        raise AssertionError("never stopped")

    monkeypatch.setattr("tui.cli.compare_documents", endless)

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: "matching" in stage_of(pilot.app))
        await pilot.press(key)

    apps = drive(script)
    assert main([str(path) for path in sample_paths]) == 130
    assert not apps[0].opened
    assert stopped.wait(PATIENCE)


def test_an_article_with_no_sentences_is_one_line_and_exit_2(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text("* * *\n\n...\n", encoding="utf-8")

    async def script(pilot: Any) -> None:
        await until(pilot, lambda: not pilot.app.is_running)

    drive(script)
    assert main([str(sample_paths[0]), str(rules)]) == 2
    err = capsys.readouterr().err
    assert err == f"storydiff: {rules}: no sentences found in the article\n"


def test_warnings_on_the_articles_are_printed_after_the_app(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def script(pilot: Any) -> None:
        await until(pilot, lambda: reading(pilot.app))
        await pilot.press("ctrl+q")

    # Windows-1252 text is read with a warning that the encoding was guessed.
    text = sample_paths[0].read_text(encoding="utf-8") + "\nThe caf\u00e9 closed at noon.\n"
    windows = tmp_path / "windows.txt"
    windows.write_bytes(text.encode("cp1252", errors="replace"))
    drive(script)
    assert main([str(windows), str(sample_paths[1])]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "windows.txt" in err


def test_the_same_file_twice_ends_the_app_with_one_line(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def script(pilot: Any) -> None:
        await until(pilot, lambda: not pilot.app.is_running)

    drive(script)
    assert main([str(sample_paths[0]), str(sample_paths[0])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the same file on both sides" in err


def test_a_missing_file_ends_the_app_with_one_line(
    drive: Callable[[Script], list[StorydiffApp]],
    sample_paths: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def script(pilot: Any) -> None:
        await until(pilot, lambda: not pilot.app.is_running)

    drive(script)
    missing = tmp_path / "missing.txt"
    assert main([str(sample_paths[0]), str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err
