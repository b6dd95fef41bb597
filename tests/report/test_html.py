"""The HTML page: self-contained, parseable, and no article text unescaped."""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser

from tui.report.html import render_html
from tui.sanitize import printable

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "table",
    "tr",
    "th",
    "td",
    "p",
    "div",
    "section",
    "span",
    "a",
    "ul",
    "li",
    "b",
    "i",
    "br",
}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser


def _check_safe(page: str) -> _Collect:
    parsed = _parse(page)
    assert parsed.open == []
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name == "href":
                assert value is not None and value.startswith("#"), value
            assert name != "src"
    assert "<script" not in page.lower()
    return parsed


def test_sample_page_parses_and_is_self_contained(sample_comparison, bookmarks_for) -> None:  # type: ignore[no-untyped-def]
    page = render_html(sample_comparison, bookmarks_for(sample_comparison))
    parsed = _check_safe(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert "@media print" in page
    ids = {value for _tag, attrs in parsed.tags for name, value in attrs if name == "id"}
    hrefs = {value for _tag, attrs in parsed.tags for name, value in attrs if name == "href"}
    assert {h[1:] for h in hrefs} <= ids  # every internal link has a target


def test_every_body_sentence_is_shown_escaped(sample_comparison) -> None:  # type: ignore[no-untyped-def]
    page = render_html(sample_comparison)
    text = "".join(_parse(page).data)
    for article in (sample_comparison.left, sample_comparison.right):
        for sentence in article.body:
            assert printable(sentence.text) in text


def test_sentences_carry_their_category(sample_comparison) -> None:  # type: ignore[no-untyped-def]
    parsed = _parse(render_html(sample_comparison))
    classes = {
        dict(attrs).get("id"): (dict(attrs).get("class") or "").split()
        for tag, attrs in parsed.tags
        if tag == "span" and dict(attrs).get("id")
    }
    for side, letter in (("left", "L"), ("right", "R")):
        for sentence in sample_comparison.article(side).body:
            kind = classes[f"{letter}{sentence.id}"]
            if sample_comparison.is_shared(side, sentence.id):
                assert "strong" in kind or "partial" in kind
            else:
                assert "only" in kind


def test_hostile_article_exports_safely(hostile_comparison, hostile_lines) -> None:  # type: ignore[no-untyped-def]
    page = render_html(hostile_comparison)
    parsed = _check_safe(page)
    text = "".join(parsed.data)
    for line in hostile_lines:
        # Shown literally (control characters made visible), never as markup.
        assert printable(line) in text, line
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\r" not in page
    assert "<b>Hostile</b>" not in page
    # Italics only where the page itself puts them.
    assert "<i>" not in page.replace("<i>untitled</i>", "").replace("<i>no note</i>", "")
    assert html_lib.escape("**Outlet** <i>") in page


def test_a_bookmark_on_hidden_furniture_links_nowhere(sample_comparison) -> None:  # type: ignore[no-untyped-def]
    from tui.store import Bookmark

    hidden = [s for s in sample_comparison.left.sentences if s.kind not in ("body", "caption")]
    if not hidden:
        hidden = [sample_comparison.left.sentences[0]]
    target = hidden[0]
    mark = Bookmark(7, "sentence", "left", target.id, target.text, None, None, "n", "t", "t")
    parsed = _check_safe(render_html(sample_comparison, [mark]))
    ids = {value for _tag, attrs in parsed.tags for name, value in attrs if name == "id"}
    hrefs = {value for _tag, attrs in parsed.tags for name, value in attrs if name == "href"}
    assert {h[1:] for h in hrefs} <= ids
