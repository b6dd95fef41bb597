"""The footer keeps to one line: keys that do not fit are left out whole, at any width."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tui.app.app import StorydiffApp
from tui.app.widgets.key_footer import KeyFooter, key_width
from tui.engine import Comparison

from .pilot import sync


def footer_keys(app: StorydiffApp) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


def assert_fits(app: StorydiffApp, *, typing: bool = False) -> None:
    footer = app.screen.query_one(KeyFooter)
    keys = footer_keys(app)
    assert keys, "the footer shows no key"
    assert sum(key_width(key) for key in keys) <= footer.size.width
    # Every key is drawn whole, inside the footer.
    for key in keys:
        assert key.region.right <= footer.region.right, key.description
    if not typing:  # the search prompt takes ? as a character
        assert "help" in {key.action for key in keys}


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
@sync
async def test_the_footer_fits_at_every_width(handmade_comparison: Comparison, width: int) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        assert_fits(app)
        if width >= 120:
            assert "command_palette" in {key.action for key in footer_keys(app)}


@sync
async def test_after_a_resize_the_footer_is_drawn_for_the_new_width(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        before = [key.action for key in footer_keys(app)]
        for width in (80, 130, 100, 120):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            await pilot.pause()
            assert_fits(app)
        assert [key.action for key in footer_keys(app)] == before


@sync
async def test_in_search_mode_no_key_is_cut(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", *"harbour", "enter")
        await pilot.pause()
        assert_fits(app)
        assert "next_hit" in {key.action for key in footer_keys(app)}
        await pilot.press("slash")
        await pilot.pause()
        assert_fits(app, typing=True)
