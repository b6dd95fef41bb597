"""The article layout: wrapping by terminal cells, and sentences flowing in paragraphs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.navigation import Navigator, display_text
from tui.app.widgets.article_view import layout_article, wrap
from tui.engine import Article, Comparison

WORDS = st.text(
    alphabet=st.sampled_from([*"abcdefghij", "é", "漢", "字", "—", "x"]),
    min_size=1,
    max_size=25,
)


@given(st.lists(WORDS, max_size=30), st.integers(min_value=1, max_value=40))
def test_wrap_keeps_every_character_and_fits_each_line(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = wrap(text, width)
    assert "".join(text[a:b] for a, b in lines) == text
    assert all(a < b for a, b in lines) or text == ""
    for a, b in lines:
        # A line may end with the space after its last word; its words fit.
        # A double-width character wider than a one-cell line is the one exception.
        assert cell_len(text[a:b].rstrip(" ")) <= max(width, 2)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        pytest.param("one two three", 7, ["one two ", "three"], id="words"),
        pytest.param("abcdefghij", 4, ["abcd", "efgh", "ij"], id="long-word-cut"),
        pytest.param("漢字漢字 x", 5, ["漢字", "漢字 ", "x"], id="wide-characters"),
        pytest.param("", 10, [""], id="empty"),
    ],
)
def test_wrap_cases(text: str, width: int, expected: list[str]) -> None:
    assert [text[a:b] for a, b in wrap(text, width)] == expected


def test_sentences_flow_in_their_paragraphs(
    build_article: Callable[..., Article],
) -> None:
    article = build_article(
        [
            ["First sentence of the first paragraph.", "Second\x1b[31m one, with an escape."],
            ["A paragraph of its own."],
        ],
        source="a.txt",
        title=None,
    )
    navigator = Navigator(Comparison(article, article, (), 0.5))
    layout = layout_article(navigator, "left", 30)
    # Each sentence's pieces, in order, rebuild its display text exactly.
    for sentence in article.sentences:
        pieces = [
            navigator.display("left", sid)[a:b]
            for line in layout.lines
            for sid, a, b in line
            if sid == sentence.id
        ]
        assert "".join(pieces) == display_text(sentence.text)
    # The two sentences of paragraph 0 share a line; a blank line parts the paragraphs.
    assert any({0, 1} <= {sid for sid, _, _ in line} for line in layout.lines)
    blank = layout.spans[2][0] - 1
    assert layout.lines[blank] == ()
    assert all("\x1b" not in navigator.display("left", s.id) for s in article.sentences)
