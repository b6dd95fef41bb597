"""Pilot tests: press keys, then assert on the app's state."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tui.app.app import StorydiffApp
from tui.app.navigation import Position
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen, Recompare
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.detail_panel import DetailPanel
from tui.app.widgets.status_line import StatusLine
from tui.engine import Article, Comparison, Link, Progress, compare_texts

from .pilot import screen_of, sync

WIDE = (120, 40)
NARROW = (80, 30)


def view(app: StorydiffApp, side: str) -> ArticleView:
    return app.screen.query_one(f"#{side}-view", ArticleView)


def status_text(app: StorydiffApp) -> str:
    return str(app.screen.query_one(StatusLine).content)


def screen_lines(article_view: ArticleView) -> list[str]:
    """The text of every line the view has laid out, rendered as strips."""
    return [
        article_view._render_article_line(y, 200).text
        for y in range(len(article_view.text_layout.lines))
    ]


def assert_lit(app: StorydiffApp) -> None:
    """The selection is lit in its column and exactly its counterparts in the other."""
    screen = screen_of(app)
    selection = screen.selection
    assert selection is not None
    other = "right" if selection.side == "left" else "left"
    expected = frozenset(screen.comparison.counterparts(selection.side, selection.sentence))
    assert view(app, selection.side).selected == selection.sentence
    assert view(app, other).selected is None
    assert view(app, other).lit == expected


@sync
async def test_first_screen_selects_first_sentence_and_counts_match_summary(
    sample_comparison: Comparison,
) -> None:
    app = StorydiffApp(sample_comparison)
    async with app.run_test(size=WIDE):
        screen = screen_of(app)
        first = next(s.id for s in sample_comparison.left.sentences if s.kind == "body")
        assert screen.selection == Position("left", first)
        assert_lit(app)
        summary = sample_comparison.summary()
        text = status_text(app)
        assert f"left {summary.left_shared} shared, {summary.left_only} only" in text
        assert f"right {summary.right_shared} shared, {summary.right_only} only" in text
        assert (
            f"lone quotes left {summary.quotes_only_left}, right {summary.quotes_only_right}"
            in text
        )
        assert "sensitivity 0.50" in text


@sync
async def test_n_steps_through_shared_facts_and_lights_counterparts(
    sample_comparison: Comparison,
) -> None:
    shared = [
        s.id
        for s in sample_comparison.left.sentences
        if s.kind == "body" and sample_comparison.is_shared("left", s.id)
    ]
    # The sample pair shares many facts: fewer than two is a linking regression.
    assert len(shared) >= 2, f"the engine links only {shared} of the sample's left sentences"
    app = StorydiffApp(sample_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        start = screen.selection
        assert start is not None
        after = [sid for sid in shared if sid > start.sentence]
        await pilot.press("n")
        assert screen.selection == Position("left", after[0])
        assert_lit(app)
        assert f"shared {shared.index(after[0]) + 1} of {len(shared)}" in status_text(app)
        await pilot.press("N")
        # Back before the first shared fact wraps around to the last one.
        expected = [sid for sid in shared if sid < after[0]]
        assert screen.selection == Position("left", expected[-1] if expected else shared[-1])
        assert_lit(app)


@sync
async def test_keys_move_over_the_handmade_pair(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        # Furniture and the title are hidden: the first sentence shown is body sentence 2.
        assert screen.selection == Position("left", 2)
        assert view(app, "right").lit == {1, 3}
        await pilot.press("j")
        assert screen.selection == Position("left", 3)
        assert view(app, "right").lit == frozenset()
        await pilot.press("G")
        assert screen.selection == Position("left", 5)
        await pilot.press("g")
        assert screen.selection == Position("left", 2)
        await pilot.press("u")
        assert screen.selection == Position("left", 3)
        await pilot.press("u")
        assert screen.selection == Position("left", 4)
        await pilot.press("U")
        assert screen.selection == Position("left", 3)
        await pilot.press("k", "k")  # stops at the first sentence
        assert screen.selection == Position("left", 2)


@sync
async def test_enter_cycles_every_counterpart_then_returns(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        assert screen.selection == Position("left", 2)
        await pilot.press("enter")
        assert screen.selection == Position("right", 1)
        assert view(app, "left").lit == {2}
        await pilot.press("enter")
        assert screen.selection == Position("right", 3)
        await pilot.press("enter")
        assert screen.selection == Position("left", 2)
        assert_lit(app)


@sync
async def test_tab_goes_to_the_counterpart_or_back_to_where_the_column_was_left(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("tab")
        assert screen.selection == Position("right", 1)
        await pilot.press("j")
        assert screen.selection == Position("right", 2)  # only here: no counterpart
        await pilot.press("tab")
        assert screen.selection == Position("left", 2)
        await pilot.press("j", "tab")  # left 3 is only here: back to right 2
        assert screen.selection == Position("right", 2)


@sync
async def test_q_jumps_to_quotes_only_one_outlet_carried(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("q")
        assert screen.selection == Position("left", 4)
        await pilot.press("q")  # the only one: it wraps to itself
        assert screen.selection == Position("left", 4)


@sync
async def test_keys_that_cannot_act_are_greyed_out(
    handmade_comparison: Comparison, make_handmade: Recompare
) -> None:
    no_quotes = Comparison(
        handmade_comparison.left.__class__(
            handmade_comparison.left.source,
            handmade_comparison.left.title,
            None,
            handmade_comparison.left.text,
            handmade_comparison.left.sentences,
            (),
        ),
        handmade_comparison.right,
        handmade_comparison.links,
        1.0,
    )
    app = StorydiffApp(no_quotes, recompare=make_handmade)
    async with app.run_test(size=WIDE) as pilot:
        bindings = app.screen.active_bindings
        assert bindings["q"].enabled is False
        assert bindings["plus"].enabled is False  # sensitivity is already 1.0
        assert bindings["minus"].enabled is True
        assert bindings["enter"].enabled is True
        await pilot.press("j")  # left 3 has no counterpart
        bindings = app.screen.active_bindings
        assert bindings["enter"].enabled is False
        assert bindings["d"].enabled is False
        assert bindings["escape"].enabled is False


@sync
async def test_sensitivity_realigns_in_the_background_and_keeps_the_selection(
    sample_comparison: Comparison,
) -> None:
    calls: list[float] = []
    app = StorydiffApp(sample_comparison)
    default = app.recompare

    assert default is not None

    def recompare(sensitivity: float, *, progress: Progress | None = None) -> Comparison:
        calls.append(sensitivity)
        return default(sensitivity, progress=progress)

    app.recompare = recompare
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("j", "j", "j", "tab")
        before = screen.selection
        assert before is not None
        await pilot.press("plus")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [0.55]
        assert screen.comparison.sensitivity == pytest.approx(0.55)
        assert screen.selection == before
        assert_lit(app)
        assert "sensitivity 0.55" in status_text(app)
        await pilot.press("minus", "minus")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.comparison.sensitivity == pytest.approx(0.45)
        assert screen.selection == before
        summary = screen.comparison.summary()
        # The long form when it fits the line, else the compact one: the same counts.
        text = status_text(app)
        assert (
            f"left {summary.left_shared} shared, {summary.left_only} only" in text
            or f"L{summary.left_shared}/{summary.left_only}" in text
        ), text


@sync
async def test_search_finds_hits_in_both_articles_and_n_repeats_it(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("slash")
        assert screen.searching
        await pilot.press(*"monday", "enter")
        assert not screen.searching
        # "Monday" is in left 2 and right 1.
        assert [(h.side, h.sentence) for h in screen.search_hits] == [("left", 2), ("right", 1)]
        assert screen.selection == Position("left", 2)
        start = handmade_comparison.left.sentences[2].text.index("Monday")
        assert view(app, "left").hits == {2: ((start, start + 6),)}
        assert screen.search_index == 0
        # The long form, or the short one when the search makes the line too wide.
        assert "1 of 2" in status_text(app) or "1/2" in status_text(app)
        await pilot.press("n")
        assert screen.selection == Position("right", 1)
        await pilot.press("n")  # wraps
        assert screen.selection == Position("left", 2)
        await pilot.press("escape")  # clears the search: n is next shared fact again
        assert screen.search_query is None
        await pilot.press("j", "n")
        assert screen.selection == Position("left", 5)


@sync
async def test_narrow_terminal_shows_one_column_and_tab_flips(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=NARROW) as pilot:
        screen = screen_of(app)
        assert screen.narrow
        left, right = (app.screen.query_one(f"#{s}-column") for s in ("left", "right"))
        assert left.display and not right.display
        assert left.size.width >= 70  # the shown column takes the width
        await pilot.press("tab")
        assert not left.display and right.display
        assert screen.selection == Position("right", 1)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.narrow
        assert left.display and right.display


@sync
async def test_detail_panel_shows_the_link_and_its_conflict(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("G", "d")
        assert screen.detail_open
        panel = app.screen.query_one(DetailPanel)
        assert panel.display
        text = str(panel.query_one("#detail-body").content)
        assert "three million ≠ four million" in text
        assert "partial: one fact in common" in text
        assert "repairs, dollars" in text
        await pilot.press("escape")
        assert not screen.detail_open and not panel.display


@sync
async def test_detail_panel_shows_who_each_outlet_says_said_a_shared_quote(
    build_article: Callable[..., Article],
) -> None:
    left = build_article(
        [
            [("Pier plan", "title")],
            ["Mayor Ada Kim visited the pier.", '"We will rebuild the pier," she said.'],
        ],
        source="/news/gazette.txt",
        title="Pier plan",
        quotes=[(2, "We will rebuild the pier,", "she", "shared")],
    )
    right = build_article(
        [[("Pier news", "title")], ['"We will rebuild the pier," a spokesman said.']],
        source="/news/courier.txt",
        title="Pier news",
        quotes=[(1, "We will rebuild the pier,", "a spokesman", "shared")],
    )
    left = replace(left, quotes=(replace(left.quotes[0], speaker_name="Ada Kim", counterpart=0),))
    right = replace(
        right, quotes=(replace(right.quotes[0], speaker_name="a spokesman", counterpart=0),)
    )
    comparison = Comparison(left, right, (Link(2, 1, 0.9, "strong", (), ("pier",)),), 0.5)
    app = StorydiffApp(comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G", "d")
        text = str(app.screen.query_one(DetailPanel).query_one("#detail-body").content)
        assert "“We will rebuild the pier,” — Ada Kim (she) · courier.txt: a spokesman" in text
        assert "“We will rebuild the pier,” — a spokesman · gazette.txt: Ada Kim (she)" in text


@sync
async def test_furniture_toggle_shows_hidden_sentences(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        left = view(app, "left")
        assert left.sentence_lines(1) is None
        await pilot.press("f")
        assert left.sentence_lines(1) is not None
        assert any("Share this article" in line for line in screen_lines(left))
        await pilot.press("g")
        assert screen_of(app).selection == Position("left", 0)


@sync
async def test_help_lists_every_key_and_closes(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys").content)
        for binding in MainScreen.BINDINGS:
            assert (binding.tooltip or binding.description) in text  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@sync
async def test_command_palette_offers_every_action(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        # Every action that applies now is offered, under its footer name.
        for binding in MainScreen.BINDINGS:
            state = app.screen.check_action(binding.action.partition("(")[0], (1,))  # type: ignore[union-attr]
            if state is not False:
                assert binding.description in titles  # type: ignore[union-attr]


@sync
async def test_clicking_a_sentence_selects_it(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        right = view(app, "right")
        first, _ = right.sentence_lines(4)  # type: ignore[misc]
        await pilot.click(right, offset=(5, first))
        assert screen_of(app).selection == Position("right", 4)
        assert_lit(app)


@sync
async def test_hostile_text_is_shown_literally_and_clicking_it_does_nothing(
    hostile_pair: tuple[str, str],
) -> None:
    comparison = compare_texts(*hostile_pair)
    app = StorydiffApp(comparison)
    async with app.run_test(size=WIDE) as pilot:
        left = view(app, "left")
        shown = "\n".join(screen_lines(left))
        assert "[@click=app.quit]x[/]" in shown
        assert "[link=http://x]y[/link]" in shown
        assert "\x1b" not in shown and "\r" not in shown and "\u200b" not in shown
        assert "␛[31mred" in shown
        title = str(app.screen.query_one("#left-title").content)
        assert "[bold]test[/]" in title or comparison.left.title is None
        for side in ("left", "right"):
            article_view = view(app, side)
            for y in range(min(10, len(article_view.text_layout.lines))):
                await pilot.click(article_view, offset=(12, y))
        assert app.is_running
        assert isinstance(app.screen, MainScreen)


@sync
async def test_clicking_the_overview_scrolls_the_article(
    build_article: Callable[..., Article],
) -> None:
    paragraphs = [[f"Paragraph {i} says something about the harbour."] for i in range(60)]
    left = build_article(paragraphs, source="a.txt", title="Long")
    right = build_article(paragraphs[:2], source="b.txt", title="Short")
    app = StorydiffApp(Comparison(left, right, (), 0.5))
    async with app.run_test(size=(120, 20)) as pilot:
        left_view = view(app, "left")
        assert left_view.scroll_y == 0
        overview = app.screen.query_one("#left-overview")
        await pilot.click(overview, offset=(1, overview.size.height - 1))
        await pilot.pause()
        assert left_view.scroll_y > 0
        # The viewport now shows the end of the article.
        last_line = len(left_view.text_layout.lines) - 1
        shown = left_view.scrollable_content_region.height
        assert left_view.scroll_y + shown > last_line - shown


@sync
async def test_light_theme_renders_with_the_same_state(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison, theme="textual-light")
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == "textual-light"
        await pilot.press("n")
        assert_lit(app)


def _mrpc_pair(path: Path, n: int) -> tuple[str, str]:
    """The synthetic long pair: MRPC #1 sentences left, #2 sentences shuffled right."""
    left: list[str] = []
    right: list[str] = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == 5:
                left.append(fields[3].strip())
                right.append(fields[4].strip())
            if len(left) == n:
                break
    random.Random(0).shuffle(right)

    def layout(title: str, sentences: list[str]) -> str:
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        return "\n\n".join([title, *paragraphs]) + "\n"

    return layout("Wire report", left), layout("Digest", right)


@sync
async def test_two_thousand_sentences_render_virtually_and_navigate(
    shared: Callable[[str], Path],
) -> None:
    pair = _mrpc_pair(shared("data/mrpc/msr_paraphrase_train.txt"), 2000)
    comparison = compare_texts(*pair)
    app = StorydiffApp(comparison)
    async with app.run_test(size=WIDE) as pilot:
        # One widget per column, whatever the length: not one per sentence.
        assert len(app.screen.query("*")) < 80
        left = view(app, "left")
        assert len(left.text_layout.lines) > 2000
        await pilot.press("G")
        screen = screen_of(app)
        assert screen.selection == Position("left", screen.navigator.visible("left")[-1])
        first, last = left.sentence_lines(screen.selection.sentence)  # type: ignore[misc]
        assert left.scroll_y <= first and last < left.scroll_y + left.size.height
        await pilot.press("g", "n")
        assert_lit(app)
        if screen.navigator.shared("left"):
            await pilot.press("enter")
            assert screen.selection is not None and screen.selection.side == "right"
            assert_lit(app)
