"""Keys a power user expects: messages instead of silence, paging, counts, the jump list,
copying, scroll-bind."""

from __future__ import annotations

from collections.abc import Callable

from tui.app.app import StorydiffApp
from tui.app.navigation import Position
from tui.app.screens.main import unrelated_hint
from tui.app.widgets.search_bar import SearchBar
from tui.engine import Article, Comparison

from .pilot import screen_of, sync

WIDE = (120, 40)


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


# --- paging, counts, the jump list ---------------------------------------------------


def long_pair(build_article: Callable[..., Article]) -> Comparison:
    paragraphs = [[f"Paragraph {i} says something about the harbour."] for i in range(60)]
    left = build_article(paragraphs, source="a.txt", title="Long")
    right = build_article(paragraphs[:2], source="b.txt", title="Short")
    return Comparison(left, right, (), 0.5)


@sync
async def test_paging_moves_the_text_and_the_selection(
    build_article: Callable[..., Article],
) -> None:
    app = StorydiffApp(long_pair(build_article))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = screen_of(app)
        left = screen.query_one("#left-view")
        assert screen.selection == Position("left", 0)
        await pilot.press("pagedown")
        page_one = screen.selection
        assert page_one is not None and page_one.sentence > 5
        assert left.scroll_y > 0  # type: ignore[attr-defined]
        await pilot.press("space")
        assert screen.selection is not None and screen.selection.sentence > page_one.sentence
        await pilot.press("pageup")
        assert screen.selection == page_one
        await pilot.press("ctrl+u")
        half = screen.selection
        assert half is not None and 0 < half.sentence < page_one.sentence
        await pilot.press("ctrl+d")
        assert screen.selection == page_one
        await pilot.press("end")
        assert screen.selection == Position("left", 59)
        await pilot.press("pagedown")  # at the end it stays
        assert screen.selection == Position("left", 59)
        await pilot.press("home")
        assert screen.selection == Position("left", 0)


@sync
async def test_counts_repeat_a_key(build_article: Callable[..., Article]) -> None:
    app = StorydiffApp(long_pair(build_article))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = screen_of(app)
        await pilot.press("5")
        assert screen.typed_count == "5"
        assert "5" in str(screen.query_one("StatusLine").content).split()[0]
        await pilot.press("j")
        assert screen.selection == Position("left", 5)
        assert screen.typed_count == ""
        await pilot.press("j")  # the count was used once
        assert screen.selection == Position("left", 6)
        await pilot.press("1", "2", "G")
        assert screen.selection == Position("left", 11)
        await pilot.press("3", "k")
        assert screen.selection == Position("left", 8)


@sync
async def test_a_count_repeats_a_typed_jump(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        await pilot.press("tab")  # right 1; right's shared facts are 1, 3, 4
        assert screen.selection == Position("right", 1)
        await pilot.press("2", "n")
        assert screen.selection == Position("right", 4)


@sync
async def test_the_jump_list_goes_back_and_forward(handmade_comparison: Comparison) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        screen = screen_of(app)
        start = screen.selection
        assert start == Position("left", 2)
        await pilot.press("G")  # a jump: left 5
        await pilot.press("enter")  # a jump: right 4
        assert screen.selection == Position("right", 4)
        await pilot.press("ctrl+o")
        assert screen.selection == Position("left", 5)
        await pilot.press("ctrl+o")
        assert screen.selection == start
        await pilot.press("ctrl+o")  # the oldest: it says so and stays
        assert screen.selection == start
        assert any("oldest place" in m for m in messages(app))
        await pilot.press("ctrl+n")
        assert screen.selection == Position("left", 5)
        await pilot.press("ctrl+i")  # where the terminal tells ctrl+i from tab
        assert screen.selection == Position("right", 4)
        await pilot.press("j")  # a step is not a jump
        await pilot.press("ctrl+o")
        assert screen.selection == Position("left", 5)


# --- copying -----------------------------------------------------------------------


@sync
async def test_y_copies_the_sentence_and_Y_the_pair_with_sources(
    handmade_comparison: Comparison,
) -> None:
    app = StorydiffApp(handmade_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("y")
        left_text = handmade_comparison.left.sentences[2].text
        assert app.clipboard == left_text
        assert any("Copied the left sentence" in m for m in messages(app))
        await pilot.press("tab", "Y")  # from the right: still left first
        right_text = handmade_comparison.right.sentences[1].text
        assert app.clipboard.index(left_text) < app.clipboard.index(right_text)
        assert "/home/reader/news/gazette.txt" in app.clipboard
        assert "/home/reader/news/courier.txt" in app.clipboard
        assert "“Harbour reopens after storm”" in app.clipboard
        assert any("linked pair" in m for m in messages(app))


@sync
async def test_copied_text_carries_no_control_characters(
    hostile_pair: tuple[str, str],
) -> None:
    from tui.engine import compare_texts

    app = StorydiffApp(compare_texts(*hostile_pair))
    async with app.run_test(size=WIDE) as pilot:
        for key in ("down", "y"):
            await pilot.press(key)
        assert app.clipboard and "\x1b" not in app.clipboard and "\r" not in app.clipboard


# --- scroll-bind ---------------------------------------------------------------------


def crossed_pair(build_article: Callable[..., Article]) -> Comparison:
    """Sixty one-line paragraphs each side, in opposite orders: left i links right 59 - i."""
    from tui.engine import Link

    left = build_article(
        [[f"Fact number {i} about the harbour."] for i in range(60)], source="a.txt", title=None
    )
    right = build_article(
        [[f"Fact number {59 - j} about the harbour."] for j in range(60)],
        source="b.txt",
        title=None,
    )
    links = tuple(Link(i, 59 - i, 0.9, "strong") for i in range(60))
    return Comparison(left, right, links, 0.5)


@sync
async def test_scroll_bind_keeps_linked_text_side_by_side(
    build_article: Callable[..., Article],
) -> None:
    app = StorydiffApp(crossed_pair(build_article))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = screen_of(app)
        left, right = (screen.query_one(f"#{s}-view") for s in ("left", "right"))
        await pilot.press("s")
        assert screen.scroll_bind
        assert "⇅" in str(screen.query_one("StatusLine").content)
        left.scroll_to(y=40, animate=False, immediate=True)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        # Left line 40 is fact 20; its counterpart, right sentence 39, is on right line 78:
        # the right column scrolls there, so that both sit on the top row.
        assert right.sentence_lines(39) == (78, 78)  # type: ignore[attr-defined]
        assert right.scroll_y == 78  # type: ignore[attr-defined]
        # Scrolling the other column leads too: right line 60 is fact 29, left sentence 29.
        right.scroll_to(y=60, animate=False, immediate=True)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        assert left.scroll_y == 2 * 29  # type: ignore[attr-defined]
        await pilot.press("s")
        assert not screen.scroll_bind
        left.scroll_to(y=10, animate=False, immediate=True)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        assert right.scroll_y == 60  # type: ignore[attr-defined]


def test_a_short_pair_with_a_shared_sentence_gets_no_hint(
    build_article: Callable[..., Article],
) -> None:
    from tui.engine import Link

    left = build_article([["Aid convoys will pass."], ["Talks ended."]], source="a", title=None)
    right = build_article([["Aid convoys will pass."], ["Observers came."]], source="b", title=None)
    assert unrelated_hint(Comparison(left, right, (Link(0, 0, 1.0, "strong"),), 0.5)) is None
