"""Re-aligning (+ and -) on a worker thread: progress on the status line, keys meanwhile, escape.

The comparison is a stand-in (tests/app/slow.py) that reports progress until a
test lets it go, so a test can look at the screen while it "runs".
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from tui.app.app import StorydiffApp, recompare_from
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.status_line import StatusLine
from tui.engine import Comparison

from .pilot import screen_of, sync
from .slow import PATIENCE, SlowComparison

#: Short enough that the sample pair's columns scroll.
SIZE = (120, 24)


def status_text(app: StorydiffApp) -> str:
    return str(app.screen.query_one(StatusLine).content)


def footer_actions(app: StorydiffApp) -> set[str]:
    return {key.action for key in app.screen.query_one(KeyFooter).query(FooterKey)}


async def until(pilot: Any, condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (a bound on a hang, not a timing)."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"the app never got there: {status_text(pilot.app)}"
        await pilot.pause(0.02)


@pytest.fixture
def slow(sample_comparison: Comparison) -> SlowComparison:
    """A slow re-alignment of the sample pair that ends, once released, in the real one."""
    return SlowComparison(recompare_from(sample_comparison))


@sync
async def test_a_realign_shows_its_progress_while_keys_and_scrolling_work(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    app = StorydiffApp(sample_comparison, recompare=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("plus")
        await until(pilot, lambda: "40%…" in status_text(app))
        assert "re-aligning 0.55" in status_text(app)
        # The comparison on screen stays, and every key works on it meanwhile.
        first = screen.selection
        assert first is not None
        await pilot.press("j")
        assert screen.selection == screen.navigator.step(first, 1)
        view = app.screen.query_one("#left-view", ArticleView)
        assert view.max_scroll_y > 0
        await pilot.press("ctrl+d")
        assert view.scroll_y > 0
        moved = screen.selection
        assert screen.comparison is sample_comparison
        assert "re-aligning 0.55 40%…" in status_text(app)
        slow.release()
        await until(pilot, lambda: screen.comparison.sensitivity == pytest.approx(0.55))
        assert slow.calls == [0.55]
        assert screen.selection == moved
        assert "re-aligning" not in status_text(app)
        assert re.search(r"sens(itivity)? 0\.55$", status_text(app))


@sync
async def test_escape_cancels_a_realign_and_a_later_step_works(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    app = StorydiffApp(sample_comparison, recompare=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("j", "j")
        selection = screen.selection
        assert "cancel_realign" not in footer_actions(app)
        await pilot.press("plus")
        await until(pilot, slow.reported.is_set)
        # The footer offers the way out while it runs.
        await until(pilot, lambda: "cancel_realign" in footer_actions(app))
        await pilot.press("escape")
        assert "re-align to 0.55 cancelled" in status_text(app)
        # The engine's thread stops at its next report, not when it would have finished.
        await until(pilot, slow.stopped.is_set)
        assert slow.cancelled == [0.55]
        await pilot.pause()
        assert screen.comparison is sample_comparison
        assert screen.selection == selection
        assert re.search(r"sens(itivity)? 0\.50$", status_text(app))
        await until(pilot, lambda: "cancel_realign" not in footer_actions(app))
        # "cancelled" stays until the next key.
        await pilot.press("j")
        assert "cancelled" not in status_text(app)
        slow.release()
        await pilot.press("minus")
        await until(pilot, lambda: screen.comparison.sensitivity == pytest.approx(0.45))
        assert slow.calls == [0.55, 0.45]
        assert "re-align" not in status_text(app)


@sync
async def test_a_newer_step_supersedes_and_stops_the_older_one(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    app = StorydiffApp(sample_comparison, recompare=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("plus")
        await until(pilot, slow.reported.is_set)
        await pilot.press("plus")
        await until(pilot, slow.stopped.is_set)
        assert slow.cancelled == [0.55]
        assert "re-aligning 0.60" in status_text(app)
        slow.release()
        await until(pilot, lambda: screen.comparison.sensitivity == pytest.approx(0.60))
        assert slow.calls == [0.55, 0.60]


@sync
async def test_escape_cancels_the_realign_before_it_closes_the_detail_panel(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    app = StorydiffApp(sample_comparison, recompare=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("n", "d")
        assert screen.detail_open
        await pilot.press("plus")
        await until(pilot, slow.reported.is_set)
        await pilot.press("escape")
        assert screen.detail_open
        assert "cancelled" in status_text(app)
        await pilot.press("escape")
        assert not screen.detail_open
        await until(pilot, slow.stopped.is_set)


def test_quitting_during_a_realign_stops_its_thread(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    app = StorydiffApp(sample_comparison, recompare=slow)

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("plus")
            await until(pilot, slow.reported.is_set)
            await pilot.press("ctrl+q")

    # asyncio.run waits for the worker's thread: it returns once the engine stopped.
    asyncio.run(go())
    assert slow.cancelled == [0.55]


@sync
async def test_options_changed_while_realigning_hold_for_the_new_comparison(
    sample_comparison: Comparison, slow: SlowComparison
) -> None:
    """The new comparison's navigator is made on the worker with the options of then."""
    app = StorydiffApp(sample_comparison, recompare=slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("plus")
        await until(pilot, slow.reported.is_set)
        await pilot.press("f")  # furniture shown, after the worker started
        assert screen.furniture
        slow.release()
        await until(pilot, lambda: screen.comparison.sensitivity == pytest.approx(0.55))
        assert screen.navigator.furniture
        titles = [s.id for s in screen.comparison.left.sentences if s.kind != "body"]
        assert titles and set(titles) <= set(screen.navigator.visible("left"))
