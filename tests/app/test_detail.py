"""The detail panel: it never hides the link it describes, keeps its height, and scrolls."""

from __future__ import annotations

from typing import cast

from tui.app.app import StorydiffApp
from tui.app.navigation import Position
from tui.app.screens.main import MainScreen
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.detail_panel import DetailPanel, detail_content, short_quote
from tui.engine import Comparison

from .pilot import sync

WIDE = (120, 40)


def on_screen(article_view: ArticleView, sentence: int) -> bool:
    """Whether every line of a sentence is inside the view's viewport."""
    span = article_view.sentence_lines(sentence)
    assert span is not None
    first, last = span
    top = round(article_view.scroll_y)
    return top <= first and last < top + article_view.scrollable_content_region.height


@sync
async def test_the_selection_and_its_counterpart_stay_on_screen_with_the_panel_open(
    sample_comparison: Comparison,
) -> None:
    app = StorydiffApp(sample_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = cast(MainScreen, app.screen)
        panel = screen.query_one(DetailPanel)
        heights: set[int] = set()
        checked = 0
        await pilot.press("n", "n", "n", "d")
        for _ in range(len(screen.navigator.shared("left"))):
            await pilot.pause()
            selection = screen.selection
            assert selection is not None and selection.side == "left"
            counterparts = screen.comparison.counterparts("left", selection.sentence)
            shown = counterparts[screen.counterpart_index % len(counterparts)]
            left = screen.query_one("#left-view", ArticleView)
            right = screen.query_one("#right-view", ArticleView)
            for column, sentence in ((left, selection.sentence), (right, shown)):
                span = column.sentence_lines(sentence)
                assert span is not None
                if span[1] - span[0] < column.scrollable_content_region.height:
                    assert on_screen(column, sentence), (selection, shown)
                else:  # longer than the column: it starts at the top
                    assert round(column.scroll_y) == span[0]
            heights.add(panel.size.height)
            checked += 1
            await pilot.press("n")
        assert checked >= 2
        assert len(heights) == 1, f"the panel changed height: {heights}"


@sync
async def test_the_panel_scrolls_from_the_keyboard(sample_comparison: Comparison) -> None:
    app = StorydiffApp(sample_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = cast(MainScreen, app.screen)
        panel = screen.query_one(DetailPanel)
        assert app.screen.active_bindings["right_square_bracket"].enabled is False
        await pilot.press("n", "n", "n", "d")
        await pilot.pause()
        assert panel.max_scroll_y > 0, "this detail should be taller than its panel"
        await pilot.press("right_square_bracket")
        assert panel.scroll_y > 0
        await pilot.press("left_square_bracket")
        assert panel.scroll_y == 0


def test_a_long_quote_is_not_printed_whole_twice(sample_comparison: Comparison) -> None:
    long_quotes = [q for q in sample_comparison.right.quotes if len(q.text) > 200]
    assert long_quotes, "the sample's right article has a long quote"
    quote = long_quotes[0]
    text = detail_content(sample_comparison, Position("right", quote.sentence), 0).plain
    assert " ".join(quote.text.split()) not in " ".join(text.split())
    assert short_quote(quote.text) in text


def test_labels_say_what_a_link_is_and_who_quotes_whom(
    handmade_comparison: Comparison,
) -> None:
    text = detail_content(handmade_comparison, Position("left", 5), 0).plain
    assert "partial: one fact in common" in text
    assert "score" not in text  # a number that read against the label
    assert "courier.txt quotes it" not in text
    assert "(both outlets quote it)" in text
    only = detail_content(handmade_comparison, Position("left", 4), 0).plain
    assert "only gazette.txt quotes it" in only


def test_short_quote_keeps_first_and_last_words() -> None:
    words = " ".join(f"word{i}" for i in range(40))
    shown = short_quote(words, 60)
    assert shown.startswith("word0 word1") and shown.endswith("word39")
    assert " … " in shown and len(shown) < len(words)
    assert short_quote("short enough", 60) == "short enough"
