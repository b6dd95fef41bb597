"""Snapshot tests: what only a picture shows. `make snapshot-update` regenerates them.

The sample pair's pictures change whenever the engine's matching is tuned;
the hand-built comparison's do not.
"""

from __future__ import annotations

import time
from typing import Any

from textual.widgets import Static

from tui.app.app import StorydiffApp
from tui.engine import Comparison, compare_texts

from .conftest import handmade
from .slow import PATIENCE, SlowComparison, opening

WIDE = (120, 40)
NARROW = (80, 30)


def test_first_screen(snap_compare, sample_comparison: Comparison) -> None:
    """You should see the sample pair side by side: titles and file names (no folders) at the
    top, the first left sentence selected, its counterparts lit on the right, glyphs in each
    gutter, an overview strip beside each column, the legend line naming every glyph in its
    gutter colour, the status line and the footer."""
    assert snap_compare(StorydiffApp(sample_comparison), terminal_size=WIDE)


def test_after_n_n(snap_compare, sample_comparison: Comparison) -> None:
    """You should see the second shared fact after the first selection selected on the left,
    its counterparts lit on the right (scrolled into view), and the status line's
    "left: shared k of m" beside "left m shared"."""
    assert snap_compare(StorydiffApp(sample_comparison), terminal_size=WIDE, press=["n", "n"])


def test_quote_only_jump(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the mayor's quote selected on the left, in the quote-only style with a
    ◆ in the gutter, and nothing lit on the right (no one else carried it)."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["q"])


def test_detail_panel_with_conflict(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the detail panel at the bottom for the repairs link: "partial: one fact
    in common; each also says more" (no score), both sentences with the words only each has
    marked, "Conflicts: three million ≠ four million (number)", the shared words and the
    right side's quote with its speaker and "(both outlets quote it)"."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["G", "d"])


def test_help_screen(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the help screen over the articles: first what each gutter glyph and
    the overview strip's bar mean, each glyph in its gutter colour, then the keys with their
    descriptions (the rest, down to ctrl+p and ctrl+q, scrolls)."""
    assert snap_compare(
        StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["question_mark"]
    )


def test_search(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see "Monday" highlighted in both articles, the left one selected, and the
    status line starting with: search “monday” 1 of 2."""
    assert snap_compare(
        StorydiffApp(handmade_comparison),
        terminal_size=WIDE,
        press=["slash", *"monday", "enter"],
    )


def test_search_prompt(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the search prompt above the status line with "harb" typed and a steady
    cursor after it."""
    assert snap_compare(
        StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["slash", *"harb"]
    )


def test_furniture_shown(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the titles and "Share this article" in the articles, greyed, with a ·
    in the gutter, after pressing f."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["f"])


def test_narrow_layout(snap_compare, sample_comparison: Comparison) -> None:
    """You should see one column at 80x30: the left article taking the whole width, with
    its overview strip, the legend in shorter words, the status line and a footer of whole
    keys; nothing cut mid-word."""
    assert snap_compare(StorydiffApp(sample_comparison), terminal_size=NARROW)


def test_narrow_layout_flipped(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the right article alone at 80x30 after tab, its first sentence
    selected (the counterpart of the left selection)."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=NARROW, press=["tab"])


def test_hostile_text(snap_compare, hostile_pair: tuple[str, str]) -> None:
    """You should see [bold], [/], [@click=app.quit]x[/] and [link=http://x]y[/link] printed
    literally, the escape shown as ␛[31m, the carriage return as ␍ and the invisible
    characters as �; no bold, colour or link from the article."""
    assert snap_compare(StorydiffApp(compare_texts(*hostile_pair)), terminal_size=WIDE)


def test_light_theme(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the hand-built pair in the light theme: dark text on a light
    background, the selection and its two lit counterparts still distinct, the amber
    only-here sentences and the red quote-only sentence readable."""
    app = StorydiffApp(handmade_comparison, theme="textual-light")
    assert snap_compare(app, terminal_size=WIDE)


def _crossed() -> Comparison:
    """Thirty sentences a side in opposite orders (left i links right 29 - i), one with a
    conflict: a counterpart far down the other column."""
    from tui.engine import Conflict, Link

    from .conftest import build_article

    facts = [f"The council approved plan number {i} for the harbour district." for i in range(30)]
    left = build_article([[fact] for fact in facts], source="gazette.txt", title="Council")
    right = build_article(
        [[facts[29 - j].replace("approved", "backed")] for j in range(30)],
        source="courier.txt",
        title="Harbour plans",
    )
    links = tuple(
        Link(
            i,
            29 - i,
            0.8,
            "strong",
            (Conflict("approved", "backed", "name"),) if i == 3 else (),
            ("council", "plan", "harbour"),
        )
        for i in range(30)
    )
    return Comparison(left, right, links, 0.5)


def test_detail_panel_keeps_both_sentences_on_screen(snap_compare) -> None:
    """You should see the fourth left sentence ("plan number 3") selected near the top and,
    on the right, its counterpart far down the column scrolled into view and lit, both
    above the detail panel, which takes a fixed part of the screen at the bottom and
    describes that link (strong: they say essentially the same thing)."""
    assert snap_compare(
        StorydiffApp(_crossed()), terminal_size=(120, 30), press=["n", "n", "n", "d"]
    )


def test_footer_at_80_columns(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see, at 80 columns, a footer of whole keys ending with "? Help" (the keys
    that do not fit are left out, none cut) and the legend line above the status line."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=(80, 24))


def test_footer_after_a_resize(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the app at 120 columns after being resized to 80 and back: both
    columns, the legend, and a footer with every key and "^p palette" on the right, with
    nothing left over from the narrow footer."""

    async def resize(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(
        StorydiffApp(handmade_comparison), terminal_size=(120, 24), run_before=resize
    )


def test_opening_progress(snap_compare) -> None:
    """You should see the opening screen in the middle of the terminal: a box titled "Opening
    two articles" saying "Loaded gazette.txt" and "Loaded courier.txt", then "Comparing:
    matching sentences" over a progress bar 40% of the way with "40%" after it, and "escape
    cancels" on the box's lower edge."""
    slow = SlowComparison(handmade, stage="matching sentences", done=0.4)

    async def run_before(pilot: Any) -> None:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            stage = pilot.app.screen.query("#stage").results(Static)
            if any("matching" in str(line.render()) for line in stage):
                break
            await pilot.pause(0.02)

    assert snap_compare(StorydiffApp(opening(slow)), terminal_size=(100, 24), run_before=run_before)
