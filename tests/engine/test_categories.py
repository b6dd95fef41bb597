"""The category registry and the rule that puts a sentence in its categories."""

from __future__ import annotations

import pytest

from tui.engine import (
    BOOKMARK,
    CATEGORIES,
    ONLY,
    OTHER,
    QUOTE_ONLY,
    SIDES,
    STRONG,
    Kind,
    QuoteStatus,
    Strength,
    compare_texts,
    most_notable,
)
from tui.engine._categories import categorise


@pytest.mark.parametrize(
    ("kind", "quotes", "strengths", "expected"),
    [
        pytest.param("title", (), (), ("other",), id="title"),
        pytest.param("furniture", (), (), ("other",), id="furniture"),
        pytest.param("caption", {"only-here"}, (), ("other",), id="caption-quote-is-not-counted"),
        pytest.param("body", (), (), ("only",), id="no-link"),
        pytest.param("body", (), {"partial"}, ("partial",), id="partial-link"),
        pytest.param("body", (), {"partial", "strong"}, ("strong",), id="best-link-counts"),
        pytest.param("body", {"shared"}, {"strong"}, ("quote", "strong"), id="shared-quote"),
        pytest.param(
            "body", {"paraphrased"}, {"partial"}, ("quote", "partial"), id="paraphrased-quote"
        ),
        pytest.param(
            "body",
            {"shared", "only-here"},
            {"strong"},
            ("quote-only", "strong"),
            id="one-lone-quote-makes-it-quote-only",
        ),
        pytest.param(
            "body", {"shared"}, (), ("only", "quote"), id="unshared-fact-before-shared-quote"
        ),
    ],
)
def test_categorise(
    kind: Kind, quotes: set[QuoteStatus], strengths: set[Strength], expected: tuple[str, ...]
) -> None:
    found = categorise(kind, quotes, strengths)
    assert tuple(c.name for c in found) == expected


def test_registry_names_glyphs_and_styles_are_distinct() -> None:
    for attribute in ("name", "glyph", "style"):
        values = [getattr(c, attribute) for c in CATEGORIES]
        assert len(set(values)) == len(values), attribute
    assert all(len(c.glyph) == 1 and c.meaning for c in CATEGORIES)


def test_most_notable_follows_the_registry_order() -> None:
    assert most_notable({STRONG, ONLY, OTHER}) is ONLY
    assert most_notable({STRONG, BOOKMARK, QUOTE_ONLY}) is BOOKMARK
    assert most_notable(set()) is None


def test_comparison_categories() -> None:
    left = (
        "Harbour reopens\n\n"
        "The harbour reopened on Monday after a three-day closure. "
        '"We will rebuild the pier," the mayor said. '
        "Fishermen lost a week of catch.\n"
    )
    right = "Port news\n\nThe harbour reopened on Monday after a three-day closure.\n"
    comparison = compare_texts(left, right)
    by_text = {s.text: s.id for s in comparison.left.sentences}
    shared = by_text["The harbour reopened on Monday after a three-day closure."]
    quoted = by_text['"We will rebuild the pier," the mayor said.']
    alone = by_text["Fishermen lost a week of catch."]
    assert comparison.category("left", shared) is STRONG
    assert comparison.categories("left", quoted) == (QUOTE_ONLY, ONLY)
    assert comparison.category("left", alone) is ONLY
    assert comparison.category("left", 0) is OTHER  # the title
    # BOOKMARK is the reader's: the engine never assigns it.
    assert all(
        BOOKMARK not in comparison.categories(side, s.id)
        for side in SIDES
        for s in comparison.article(side).sentences
    )
