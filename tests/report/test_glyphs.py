"""The exports and the app read one category registry, so a printed page reads like the screen."""

from __future__ import annotations

import re

from tui.app.widgets.legend import legend_entries
from tui.engine import BOOKMARK, CATEGORIES, SIDES, Comparison
from tui.report.html import render_html
from tui.store import Bookmark


def test_html_legend_lists_the_registry_in_order(sample_comparison: Comparison) -> None:
    page = render_html(sample_comparison)
    legend = re.search(r'<div class="legend">(.*?)</div>', page)
    assert legend is not None
    shown = re.findall(r"<span>(.*?)</span>", legend.group(1))
    assert shown == [f"{c.glyph} {c.meaning}" for c in CATEGORIES]


def test_html_sentences_show_the_glyphs_of_their_categories(
    sample_comparison: Comparison,
) -> None:
    target = sample_comparison.left.body[0]
    mark = Bookmark(1, "sentence", "left", target.id, target.text, None, None, "", "t", "t")
    page = render_html(sample_comparison, [mark])
    glyphs = dict(re.findall(r'id="([LR]\d+)"><span class="g">(.*?)</span>', page))
    for side, letter in zip(SIDES, "LR", strict=True):
        for sentence in sample_comparison.article(side).body:
            expected = sample_comparison.categories(side, sentence.id)
            if (side, sentence.id) == ("left", target.id):
                expected = (BOOKMARK, *expected)
            assert glyphs[f"{letter}{sentence.id}"] == "".join(c.glyph for c in expected)


def test_the_apps_legend_lists_the_registry_in_order() -> None:
    entries = legend_entries()
    assert [(glyph, meaning) for glyph, _, _, meaning in entries[: len(CATEGORIES)]] == [
        (c.glyph, c.meaning) for c in CATEGORIES
    ]
    assert [style for _, style, _, _ in entries[: len(CATEGORIES)]] == [c.style for c in CATEGORIES]
