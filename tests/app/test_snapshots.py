"""Snapshot tests: what only a picture shows. `make snapshot-update` regenerates them.

The sample pair's pictures change whenever the engine's matching is tuned;
the hand-built comparison's do not.
"""

from __future__ import annotations

from tui.app.app import StorydiffApp
from tui.engine import Comparison, compare_texts

WIDE = (120, 40)
NARROW = (80, 30)


def test_first_screen(snap_compare, sample_comparison: Comparison) -> None:
    """You should see the sample pair side by side: titles and file names (no folders) at the
    top, the first left sentence selected, its counterparts lit on the right, glyphs in each
    gutter, an overview strip beside each column, the status line and the footer."""
    assert snap_compare(StorydiffApp(sample_comparison), terminal_size=WIDE)


def test_after_n_n(snap_compare, sample_comparison: Comparison) -> None:
    """You should see the second shared fact after the first selection selected on the left,
    its counterparts lit on the right (scrolled into view), and the status line's
    "shared fact k of m"."""
    assert snap_compare(StorydiffApp(sample_comparison), terminal_size=WIDE, press=["n", "n"])


def test_quote_only_jump(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the mayor's quote selected on the left, in the quote-only style with a
    ◆ in the gutter, and nothing lit on the right (no one else carried it)."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["q"])


def test_detail_panel_with_conflict(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the detail panel at the bottom for the repairs link: both sentences,
    "Conflicts: three million ≠ four million (number)", the score 0.45, the shared words and
    the right side's quote with its speaker."""
    assert snap_compare(StorydiffApp(handmade_comparison), terminal_size=WIDE, press=["G", "d"])


def test_help_screen(snap_compare, handmade_comparison: Comparison) -> None:
    """You should see the help screen over the articles: every key with its description,
    ctrl+p and ctrl+q, and what each gutter glyph means."""
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
    its overview strip, status line and footer; nothing cut mid-word."""
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
