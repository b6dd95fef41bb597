"""Keys a power user expects: messages instead of silence, paging, counts, the jump list,
copying, scroll-bind."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, cast

from tui.app.app import StorydiffApp
from tui.app.navigation import Position
from tui.app.screens.main import MainScreen, unrelated_hint
from tui.app.widgets.search_bar import SearchBar
from tui.engine import Comparison

WIDE = (120, 40)


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async pilot test in its own event loop (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_of(app: StorydiffApp) -> MainScreen:
    return cast(MainScreen, app.screen)


def messages(app: StorydiffApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def unlinked(comparison: Comparison) -> Comparison:
    """The same articles with no link at all."""
    return Comparison(comparison.left, comparison.right, (), comparison.sensitivity)


# --- silent keys -------------------------------------------------------------------


@sync
async def test_a_greyed_key_says_why(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(unlinked(handmade_comparison))
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        before = screen.selection
        await pilot.press("n")
        assert screen.selection == before
        assert any("No sentence in this column is shared" in m for m in messages(app))
        await pilot.press("enter")
        assert any("has no counterpart" in m for m in messages(app))


@sync
async def test_a_search_with_no_match_says_so(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"zebra", "enter")
        assert any("No match for “zebra”" in m for m in messages(app))


@sync
async def test_a_jump_that_wraps_says_so(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("n")  # left 2 -> left 5, the last shared fact
        assert screen.selection == Position("left", 5)
        assert not any("Past the end" in m for m in messages(app))
        await pilot.press("n")  # round to the first
        assert screen.selection == Position("left", 2)
        assert any("Past the end, back to the first shared fact" in m for m in messages(app))


@sync
async def test_the_search_prompt_opens_with_the_last_query(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("slash", *"monday", "enter", "escape")
        assert screen.search_query is None
        await pilot.press("slash")
        bar = screen.query_one(SearchBar)
        assert bar.value == "monday"
        await pilot.press("enter")  # runs it again
        assert screen.search_query == "monday" and len(screen.search_hits) == 2


def test_two_unrelated_articles_get_a_hint(handmade_comparison: Comparison) -> None:
    hint = unrelated_hint(unlinked(handmade_comparison))
    assert hint is not None and "same story" in hint
    assert unrelated_hint(handmade_comparison) is None


@sync
async def test_the_unrelated_hint_shows_at_start(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(unlinked(handmade_comparison))
    async with app.run_test(size=WIDE):
        assert any("same story" in m for m in messages(app))
