"""Web pages into articles: decoding, extraction, and the bad-extraction guard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine import InputError, compare_documents
from tui.sources.html import decode_html, extract_article, looks_like_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _page(name: str) -> str:
    text, _encoding, _warning = decode_html((FIXTURES / name).read_bytes(), name=name)
    return text


@pytest.fixture(scope="module")
def gazette():
    return extract_article(
        _page("gazette.html"), source="gazette.html", url="https://gazette.example/news/a"
    )


@pytest.fixture(scope="module")
def valleypost():
    return extract_article(_page("valleypost.cp1252.html"), source="valleypost.html")


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_title_is_the_first_line_then_a_blank_line(gazette) -> None:
    assert gazette.title == "Council approves £40m Millbrook bridge repair after two-year delay"
    assert gazette.text.startswith(gazette.title + "\n\n")
    # The headline is in the body of the page too; it must not be repeated.
    assert gazette.text.count(gazette.title) == 1


def test_metadata_comes_from_the_page(gazette, valleypost) -> None:
    assert gazette.outlet == "The Harbour Gazette"
    assert gazette.author == "Priya Raman"
    assert gazette.date == "2024-03-14"
    assert valleypost.outlet == "Valley Post"
    assert valleypost.author == "Zoë Lefèvre"


def test_body_paragraphs_are_separated_by_blank_lines(gazette) -> None:
    paragraphs = _paragraphs(gazette.text)
    assert "\n" not in "".join(paragraphs)
    assert all(p == p.strip() and p for p in paragraphs)
    assert any(p.startswith("Councillors in Millbrook have approved") for p in paragraphs)
    assert any(p.startswith("A public consultation") for p in paragraphs)


def test_a_multi_paragraph_quote_keeps_both_paragraphs(gazette) -> None:
    paragraphs = _paragraphs(gazette.text)
    first = next(i for i, p in enumerate(paragraphs) if p.startswith('"For two years'))
    assert paragraphs[first + 1].startswith("Tonight we have finally put that right")


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param("We use cookies", id="cookie-banner"),
        pytest.param("Accept all", id="cookie-button"),
        pytest.param("Share on Facebook", id="share-buttons"),
        pytest.param("Photograph: Tom Ellis", id="figure-caption"),
        pytest.param("Related articles", id="related-heading"),
        pytest.param("Lorry detour villages demand speed cameras", id="related-link"),
        pytest.param("Morning Briefing", id="newsletter-box"),
        pytest.param("Politics", id="navigation"),
        pytest.param("All rights reserved", id="footer"),
        pytest.param("dataLayer", id="script"),
    ],
)
def test_site_chrome_does_not_reach_the_text(gazette, chrome: str) -> None:
    assert chrome not in gazette.text


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param("This site uses cookies", id="consent"),
        pytest.param("WhatsApp", id="social-list"),
        pytest.param("Picture: Valley Post", id="caption"),
        pytest.param("Ten best walks", id="more-from"),
    ],
)
def test_chrome_without_semantic_tags_is_left_out_too(valleypost, chrome: str) -> None:
    assert chrome not in valleypost.text


def test_a_windows_1252_page_decodes_right(valleypost) -> None:
    assert "Millbrook’s Victorian bridge" in valleypost.text
    assert "31–12" in valleypost.text
    assert "café" in valleypost.text
    assert "\ufffd" not in valleypost.text


def test_the_engine_reads_the_extracted_text(gazette, valleypost) -> None:
    comparison = compare_documents(gazette, valleypost)
    left = comparison.left
    assert left.title == gazette.title
    assert left.outlet == "The Harbour Gazette"
    assert left.sentences[0].kind == "title"
    for sentence in left.sentences + comparison.right.sentences:
        article = left if sentence in left.sentences else comparison.right
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert comparison.to_dict(include_text=True)["right"]["text"] == valleypost.text


def test_a_paywalled_page_is_refused_with_word_counts() -> None:
    with pytest.raises(InputError) as caught:
        extract_article(_page("paywall.html"), source="paywall.html")
    message = str(caught.value)
    assert "\n" not in message
    match = re.search(r"only (\d+) words of article text among the page's (\d+) visible", message)
    assert match, message
    assert int(match.group(1)) * 4 <= int(match.group(2))


def test_a_script_only_page_is_refused() -> None:
    with pytest.raises(InputError, match=r"no article text found \(\d+ words visible"):
        extract_article(_page("script-only.html"), source="app.html")


def test_article_text_that_looks_like_markup_stays_data() -> None:
    body = " ".join(["The [bold red]council[/] voted [@click=quit]today[/]."] * 30)
    html = (
        "<!doctype html><html><head><title>Vote</title></head><body><article>"
        f"<h1>Vote</h1><p>{body}</p><p>Second paragraph with \x1b[31m escape.</p>"
        "</article></body></html>"
    )
    document = extract_article(html, source="page.html")
    assert "[bold red]council[/]" in document.text


@pytest.mark.parametrize(
    ("data", "charset", "expected_text", "expected_encoding"),
    [
        pytest.param(
            b'<html><head><meta charset="utf-8"></head><body>caf\xc3\xa9</body></html>',
            None,
            "café",
            "utf-8",
            id="meta-charset",
        ),
        pytest.param(
            b'<html><head><meta http-equiv="Content-Type" content="text/html; '
            b'charset=windows-1252"></head><body>\x93quoted\x94</body></html>',
            None,
            "“quoted”",
            "cp1252",
            id="meta-http-equiv",
        ),
        pytest.param(
            b'<html><head><meta charset="utf-8"></head><body>caf\xe9</body></html>',
            "windows-1252",
            "café",
            "cp1252",
            id="header-wins-over-meta",
        ),
        pytest.param(
            b"<html><body>\x93Latin-1\x94 says the server</body></html>",
            "iso-8859-1",
            "“Latin-1”",
            "cp1252",
            id="latin1-read-as-cp1252",
        ),
        pytest.param(
            b'<html><head><meta charset="shift_jis"></head><body>\x93\x8c\x8b\x9e</body></html>',
            None,
            "東京",
            # Browsers read Shift_JIS as its Windows superset (WHATWG).
            "cp932",
            id="shift-jis",
        ),
        pytest.param(
            b"\xef\xbb\xbf<html><body>na\xc3\xafve</body></html>",
            "iso-8859-1",
            "naïve",
            "utf-8-sig",
            id="bom-wins",
        ),
        pytest.param(
            b"<html><body>caf\xc3\xa9</body></html>", None, "café", "utf-8", id="undeclared-utf8"
        ),
        pytest.param(
            b"<html><body>caf\xe9</body></html>", None, "café", "cp1252", id="undeclared-8bit"
        ),
        pytest.param(
            b"<html><body>caf\xc3\xa9</body></html>",
            "no-such-charset",
            "café",
            "utf-8",
            id="unknown-label-ignored",
        ),
        pytest.param(
            b'<html><head><meta charset="utf-16"></head><body>caf\xc3\xa9</body></html>',
            None,
            "café",
            "utf-8",
            id="meta-utf16-means-utf8",
        ),
    ],
)
def test_decode_html(
    data: bytes, charset: str | None, expected_text: str, expected_encoding: str
) -> None:
    text, encoding, _warning = decode_html(data, name="page", charset=charset)
    assert expected_text in text
    assert encoding == expected_encoding


def test_binary_bytes_are_not_a_page() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="image.png")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"<!DOCTYPE html><html>", True, id="doctype"),
        pytest.param(b"  \n<html lang='en'>", True, id="html-tag"),
        pytest.param(b"\xef\xbb\xbf<!doctype html>", True, id="bom"),
        pytest.param(b"<!-- saved page --><!doctype html>", True, id="comment-first"),
        pytest.param(b"Council votes on <html> tags\n", False, id="text-mentioning-html"),
        pytest.param(b"<htmlfoo>", False, id="other-tag"),
        pytest.param(b"", False, id="empty"),
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='paywall'>",
        "</div>",
        "<h1>",
        "</h1>",
        "<script>",
        "<br>",
        "<article>",
        "</article>",
        "<!--",
        "-->",
        "<meta charset='x'>",
        "&amp;",
        "&#0;",
        "\x00",
    ]
)
_WORDS = st.text(min_size=0, max_size=30)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(_TAGS, _WORDS), max_size=40), prefix=st.booleans())
def test_any_page_gives_a_document_or_one_line_error(parts: list[str], prefix: bool) -> None:
    html = ("<!doctype html><html><body>" if prefix else "") + "".join(parts)
    try:
        document = extract_article(html, source="page.html")
    except InputError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("page.html: ")
    else:
        assert document.text.strip()
        if document.title:
            assert document.text.startswith(document.title)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), charset=st.sampled_from([None, "utf-8", "latin-1", "bogus"]))
def test_any_bytes_decode_or_are_refused_as_binary(data: bytes, charset: str | None) -> None:
    try:
        text, _encoding, _warning = decode_html(data, name="page", charset=charset)
    except InputError as exc:
        assert "binary" in str(exc)
    else:
        assert isinstance(text, str)


def test_json_ld_metadata_and_in_body_links_to_other_stories() -> None:
    document = extract_article(_page("wire.html"), source="wire.html")
    assert (document.title, document.outlet, document.author, document.date) == (
        "Millbrook bridge repair gets go-ahead",
        "Northern Wire",
        "Sam Whitaker",
        "2024-03-14",
    )
    assert "Read more" not in document.text
    assert "bypass plans shelved" not in document.text
    assert "Related stories" not in document.text
    assert "diversion since 2022" not in document.text  # the caption
    assert "Most read" not in document.text
    assert "Comments (48)" not in document.text
    assert document.text.rstrip().endswith("Work on the bridge is due to begin in September.")


def test_a_read_more_sentence_of_the_article_itself_stays() -> None:
    body = " ".join(["Councillors met on Wednesday to discuss the bridge and its repair."] * 12)
    html = (
        "<!doctype html><html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
        f"<p>{body}</p><p>See also: the council said the <a href='/r'>report</a> was clear "
        "about the cost of every option.</p></article></body></html>"
    )
    document = extract_article(html, source="page.html")
    assert "See also: the council said the report was clear" in document.text


@pytest.mark.parametrize(
    "box",
    [
        pytest.param('<div class="inline-signup"><p>{}</p></div>', id="signup-class"),
        pytest.param('<aside id="newsletter-promo"><p>{}</p></aside>', id="newsletter-id"),
        pytest.param('<div class="piano-paywall-box"><p>{}</p></div>', id="paywall-class"),
    ],
)
def test_boxes_inside_the_article_body_are_left_out(box: str) -> None:
    pitch = "Get our free daily briefing in your inbox every morning and never miss a story."
    paragraphs = "".join(
        f"<p>Paragraph {i} says what the council decided about the bridge and its cost.</p>"
        for i in range(8)
    )
    html = (
        "<!doctype html><html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
        f"{paragraphs}{box.format(pitch)}{paragraphs}</article></body></html>"
    )
    document = extract_article(html, source="page.html")
    assert pitch not in document.text
    assert document.text.count("Paragraph 7 says") == 2


_ARTICLE = "".join(
    f"<p>Paragraph {i} reports that the council voted{{mark}} to repair the bridge over the "
    f"river at a cost of {i + 2} million pounds, after a long public consultation.</p>"
    for i in range(8)
)


def _nested(depth: int) -> str:
    return (
        "<!doctype html><html><head><title>Bridge vote</title></head><body>"
        + "<div>" * depth
        + "<article><h1>Bridge vote</h1>"
        + _ARTICLE.replace("{mark}", "")
        + "</article>"
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize(
    ("mark", "shown"),
    [
        pytest.param("&#27;", "␛", id="escape-reference"),
        pytest.param("&#x1B;[2J", "␛[2J", id="hex-reference"),
        pytest.param("&#0007;", "␇", id="bell-leading-zeros"),
        pytest.param("&#127", "␡", id="delete-without-semicolon"),
        pytest.param("\x1b]0;pwned\x07", "␛]0;pwned␇", id="raw-escape-sequence"),
        pytest.param("\x0b", "␋", id="raw-vertical-tab"),
    ],
)
def test_control_characters_in_paragraphs_are_shown_not_dropped(mark: str, shown: str) -> None:
    html = (
        "<!doctype html><html><head><title>Bridge vote</title></head><body><article>"
        f"<h1>Bridge vote</h1>{_ARTICLE.replace('{mark}', mark)}</article></body></html>"
    )
    document = extract_article(html, source="page.html")
    assert document.text.count(f"voted{shown} to repair") == 8
    assert not any(ord(c) < 0x20 and c != "\n" for c in document.text)


def test_a_page_nested_past_the_parsers_first_limit_keeps_its_article() -> None:
    document = extract_article(_nested(300), source="deep.html")
    assert document.text.count("to repair the bridge") == 8


def test_a_page_nested_past_every_limit_says_so() -> None:
    with pytest.raises(InputError) as caught:
        extract_article(_nested(2100), source="deeper.html")
    message = str(caught.value)
    assert message.startswith("deeper.html: the page nests its elements more than 2048 deep")
    assert "paywall" not in message


_NOT_WEB_CHARSETS = [
    "rot13",
    "base64",
    "zlib",
    "bz2",
    "hex",
    "uu",
    "quopri",
    "idna",
    "punycode",
    "utf-7",
    "unicode_escape",
    "raw_unicode_escape",
    "undefined",
    "cp037",
    "utf-32",
    "no-such-charset",
]


@pytest.mark.parametrize(
    ("where", "label"),
    [pytest.param("header", label, id=f"header-{label}") for label in _NOT_WEB_CHARSETS]
    + [pytest.param("meta", label, id=f"meta-{label}") for label in _NOT_WEB_CHARSETS]
    + [
        pytest.param("header", "x" * 200, id="header-very-long"),
        pytest.param("header", "utf-8\x00", id="header-nul"),
        pytest.param("header", "ütf-8", id="header-not-ascii"),
        pytest.param("header", "\x1b]0;pwned\x07", id="header-escape-sequence"),
    ],
)
def test_a_charset_no_web_page_is_written_in_is_passed_over(where: str, label: str) -> None:
    meta = f"<meta charset='{label}'>".encode() if where == "meta" else b""
    data = b"<html><head>" + meta + b"</head><body>caf\xc3\xa9 \\x41</body></html>"
    charset = label if where == "header" else None
    text, encoding, warning = decode_html(data, name="page", charset=charset)
    assert "café \\x41" in text
    assert encoding == "utf-8"
    assert warning is not None
    assert "is not a web page encoding; read as UTF-8" in warning
    assert not any(ord(c) < 0x20 for c in warning)
    assert len(warning) < 200


@pytest.mark.parametrize(
    ("data", "charset", "expected_text", "expected_warning"),
    [
        pytest.param(
            b"<html><body>caf\xe9</body></html>",
            None,
            "café",
            "page: not UTF-8 and no charset declared; read as Windows-1252",
            id="undeclared-8bit-says-so",
        ),
        pytest.param(
            b"<html><body>caf\xc3\xa9 \x81\x8d</body></html>",
            None,
            "café \ufffd\ufffd",
            "page: 2 characters do not decode as UTF-8 and show as \ufffd",
            id="nothing-fits",
        ),
        pytest.param(
            b"<html><body>caf\xe9</body></html>",
            "utf-8",
            "caf\ufffd",
            "page: 1 character does not decode as UTF-8 and shows as \ufffd",
            id="declared-does-not-fit",
        ),
        pytest.param(
            b"\xef\xbb\xbf<html><body>caf\xe9</body></html>",
            None,
            "caf\ufffd",
            "page: 1 character does not decode as utf-8-sig and shows as \ufffd",
            id="bom-does-not-fit",
        ),
        pytest.param(
            b"<html><body>caf\xc3\xa9</body></html>", "utf-8", "café", None, id="fits-quietly"
        ),
    ],
)
def test_decoding_says_what_it_guessed_or_replaced(
    data: bytes, charset: str | None, expected_text: str, expected_warning: str | None
) -> None:
    text, _encoding, warning = decode_html(data, name="page", charset=charset)
    assert expected_text in text
    assert warning == expected_warning


_DATED_BODY = "".join(
    f"<p>Paragraph {i}: the lawsuit, filed in 2014, says the agency ignored the warnings "
    "that residents gave it over many years.</p>"
    for i in range(8)
)


@pytest.mark.parametrize(
    ("head", "before_body", "url", "date"),
    [
        pytest.param("", "", "https://news.example/story", None, id="only-a-year-in-the-text"),
        pytest.param(
            "<meta property='article:published_time' content='2017-03-05T10:00:00Z'>",
            "",
            "https://news.example/story",
            "2017-03-05",
            id="metadata",
        ),
        pytest.param(
            "",
            "<time datetime='2016-07-01'>July 1, 2016</time>",
            "https://news.example/story",
            "2016-07-01",
            id="time-element",
        ),
        pytest.param("", "", "https://news.example/2015/04/02/story", "2015-04-02", id="address"),
    ],
)
def test_only_a_date_the_page_declares_is_the_articles_date(
    head: str, before_body: str, url: str, date: str | None
) -> None:
    html = (
        f"<html><head><title>Story</title>{head}</head><body><article><h1>Story</h1>"
        f"{before_body}{_DATED_BODY}</article></body></html>"
    )
    document = extract_article(html, source="story.html", url=url)
    assert document.date == date
