"""The legend: on the first screen, in the gutter's colours, every category of the registry."""

from __future__ import annotations

import pytest

from tui.app.app import StorydiffApp
from tui.app.screens.help import HelpScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.legend import Legend
from tui.app.widgets.overview import Overview
from tui.engine import CATEGORIES, Comparison

from .pilot import sync


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@sync
async def test_the_legend_is_on_the_first_screen_in_the_gutters_colours(
    handmade_comparison: Comparison, theme: str
) -> None:
    app = StorydiffApp(handmade_comparison, theme=theme)
    async with app.run_test(size=(120, 30)):
        legend = app.screen.query_one("#legend", Legend)
        assert legend.display and legend.region.height == 1
        text = legend.render()
        for category in CATEGORIES:
            assert f"{category.glyph} {category.label}" in text.plain
        view = app.screen.query_one("#left-view", ArticleView)
        for category in CATEGORIES:
            gutter = view._style(f"glyph-{category.style}")
            assert legend._style(category.style).color == gutter.color, category.name
        overview = app.screen.query_one("#left-overview", Overview)
        assert legend._style("viewport").color == overview._style("viewport").color
        assert "▐ strip: on screen" in text.plain


@sync
async def test_a_narrow_legend_leaves_out_whole_entries(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=(60, 30)):
        legend = app.screen.query_one("#legend", Legend)
        plain = legend.render().plain
        assert len(plain) <= legend.content_region.width
        assert "● strong" in plain and "◐ partial" in plain


@sync
async def test_l_hides_the_legend_and_help_lists_it_whole(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        legend = app.screen.query_one("#legend", Legend)
        await pilot.press("l")
        assert not legend.display
        await pilot.press("l")
        assert legend.display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        full = app.screen.query_one("#help-legend", Legend).render().plain
        for category in CATEGORIES:
            assert f"{category.glyph}  {category.meaning}" in full
