"""The opening screen: the app starts at once, shows the pair loading and comparing, then reads.

The comparison is a stand-in (tests/app/slow.py) that reports progress until a
test lets it go, so a test can look at the screen while it "runs".
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from textual.widgets import ProgressBar, Static

from tui.app.app import StorydiffApp
from tui.app.loading import LoadProgress, Opening, OpeningScreen
from tui.app.screens.main import MainScreen
from tui.engine import Comparison, InputError, Progress
from tui.sources import Loaded

from .conftest import handmade
from .pilot import sync
from .slow import PATIENCE, SPECS, SlowComparison, loaded_pair, opening

SIZE = (100, 24)


def text_of(app: StorydiffApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def reading(app: StorydiffApp) -> bool:
    """Whether the reading screen is up (mounted, its first sentence selected)."""
    return isinstance(app.screen, MainScreen) and app.screen.selection is not None


async def until(pilot: Any, condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (a bound on a hang, not a timing)."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.02)


@pytest.fixture
def slow() -> SlowComparison:
    return SlowComparison(handmade)


@sync
async def test_the_app_opens_on_the_comparisons_progress_then_reads(slow: SlowComparison) -> None:
    app = StorydiffApp(opening(slow))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OpeningScreen)
        await until(pilot, lambda: "matching sentences" in text_of(app, "#stage"))
        assert text_of(app, "#stage") == "Comparing: matching sentences"
        assert app.screen.query_one(ProgressBar).percentage == pytest.approx(0.4)
        assert text_of(app, "#side-0") == "Loaded gazette.txt"
        assert text_of(app, "#side-1") == "Loaded courier.txt"
        assert not app.opened
        slow.release()
        await until(pilot, lambda: reading(app))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert app.opened
        assert screen.comparison.left.source == handmade().left.source
        # Before the reading screen was built, the opening screen said it would take a moment.
        assert str(app.screen_stack[0].query_one("#stage", Static).render()) == (
            "Laying out the articles"
        )
        # The reading screen works as when opened on a comparison: j moves, and -
        # re-aligns (with the engine, on the texts the opening compared).
        await pilot.press("j")
        assert screen.selection is not None and screen.selection.sentence == 3
        await pilot.press("minus")
        await until(pilot, lambda: screen.comparison.sensitivity == pytest.approx(0.45))
        assert slow.calls == [0.5]
        assert screen.comparison.left.text == handmade().left.text


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
def test_a_key_quits_while_comparing_and_stops_the_comparison(
    slow: SlowComparison, key: str
) -> None:
    app = StorydiffApp(opening(slow))

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, slow.reported.is_set)
            await pilot.press(key)
            await until(pilot, lambda: not app.is_running)

    asyncio.run(go())
    assert app.return_value is None
    assert not app.opened
    # The stand-in stops at its next report once the opening screen has gone.
    assert slow.stopped.wait(PATIENCE)


def held_load(
    steps: Sequence[tuple[str, str]] = (),
) -> tuple[Callable[[LoadProgress], Sequence[Loaded]], threading.Event]:
    """A load that reports ``steps`` (spec, what), then waits until the event is set."""
    let_go = threading.Event()

    def load(progress: LoadProgress) -> Sequence[Loaded]:
        for spec, what in steps:
            progress(spec, what)
        let_go.wait(PATIENCE)
        return loaded_pair()(progress)

    return load, let_go


@sync
async def test_a_fetch_in_progress_shows_on_its_articles_line(slow: SlowComparison) -> None:
    load, let_go = held_load([(SPECS[1], "fetching")])
    slow.release()
    app = StorydiffApp(opening(slow, load))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: text_of(app, "#side-1").startswith("Fetching"))
        assert text_of(app, "#side-1") == "Fetching courier.txt …"
        assert text_of(app, "#side-0") == "Reading gazette.txt …"
        let_go.set()
        await until(pilot, lambda: reading(app))


def _failing(error: Exception) -> Callable[[Sequence[Loaded], Progress], Comparison]:
    def compare(loaded: Sequence[Loaded], progress: Progress) -> Comparison:
        progress("reading the left article", 0.0)
        raise error

    return compare


@pytest.mark.parametrize(
    ("error", "message"),
    [
        pytest.param(
            InputError("courier.txt: no sentences found in the article"),
            "courier.txt: no sentences found in the article",
            id="unusable-input",
        ),
        pytest.param(
            ValueError("a bug"), "opening failed (ValueError: a bug)", id="a-bug-in-one-line"
        ),
    ],
)
def test_a_failure_ends_the_app_with_one_line(error: Exception, message: str) -> None:
    app = StorydiffApp(Opening(SPECS, loaded_pair(), _failing(error)))

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: not app.is_running)

    asyncio.run(go())
    assert isinstance(app.return_value, InputError)
    assert str(app.return_value) == message
    assert not app.opened


def test_a_load_failure_ends_the_app_with_it() -> None:
    def load(progress: LoadProgress) -> Sequence[Loaded]:
        raise InputError("gazette.txt: no such file")

    app = StorydiffApp(Opening(SPECS, load, _failing(AssertionError("not reached"))))

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: not app.is_running)

    asyncio.run(go())
    assert str(app.return_value) == "gazette.txt: no such file"


@sync
async def test_warnings_and_notes_of_the_articles_are_shown_on_the_reading_screen(
    slow: SlowComparison,
) -> None:
    slow.release()
    load = loaded_pair(
        warnings=("gazette.txt: not UTF-8, read as Windows-1252",),
        notes=("both sides are the same \x1b[31mfile",),
    )
    app = StorydiffApp(opening(slow, load))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: reading(app) and len(app._notifications) == 2)
        shown = {(n.message, n.severity) for n in app._notifications}
        assert ("gazette.txt: not UTF-8, read as Windows-1252", "warning") in shown
        # Control characters never reach the terminal.
        assert ("both sides are the same ␛[31mfile", "information") in shown


@sync
async def test_article_names_are_shown_as_data(slow: SlowComparison) -> None:
    specs = ("[bold]left[/]\x1b[2J.txt", "https://user:secret@example.com/story")
    load, let_go = held_load()
    slow.release()
    app = StorydiffApp(Opening(specs, load, opening(slow).compare))
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#side-0") == "Reading [bold]left[/]␛[2J.txt …"
        assert text_of(app, "#side-1") == "Waiting for https://user:***@example.com/story …"
        let_go.set()
        await until(pilot, lambda: reading(app))


@pytest.mark.parametrize("delay", [0.0, 0.0005, 0.001, 0.002, 0.005])
def test_quitting_while_the_reading_screen_is_built_ends_cleanly(delay: float) -> None:
    """The reading screen is built while keys work: a quit then finds its widgets gone."""
    slow = SlowComparison(handmade)
    slow.release()
    app = StorydiffApp(opening(slow))

    async def go() -> None:
        # run_test raises whatever failed inside the app, a handler's NoMatches included.
        async with app.run_test(size=SIZE) as pilot:
            deadline = time.monotonic() + PATIENCE
            while not app.opened and time.monotonic() < deadline:
                await asyncio.sleep(0)  # no pilot pause: it would wait past the window
            await asyncio.sleep(delay)
            app.exit()
            await until(pilot, lambda: not app.is_running)

    asyncio.run(go())
    assert app.opened
    assert app.return_code == 0
