"""Turn a web page into an article: decode it, extract the main text and metadata.

Extraction is trafilatura's; it and lxml are imported inside the functions
that need them, so that comparing two text files never pays for them.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from urllib.parse import urlsplit

from tui.engine import Document, InputError

# Below this many words of article text, the extraction is checked against the
# page: a news brief can be this short, a paywall teaser usually is.
MIN_BODY_WORDS = 60
# ...and it is refused when the page shows at least this many times more words.
PAGE_TO_BODY_RATIO = 4

_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WORD = re.compile(r"\w+")
# Bytes that never appear in a text or HTML file.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Labels that browsers read as Windows-1252 (WHATWG Encoding Standard), because
# pages that say Latin-1 or ASCII are written with Windows-1252 quotes and dashes.
_AS_CP1252 = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252"})
# Overlays that are never article text: trafilatura keeps some of them when
# they sit inside the article element, and a paywall box kept as "text" would
# hide the very paywall the word-count check is there to catch.
_BLOCKER = re.compile(
    r"(?<![a-z])(?:paywall|regwall|newsletter|cookies?|consent|gdpr|subscribe|subscription|sign-?up)"
    r"(?![a-z])",
    re.I,
)
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
# "Read more: <a>Another story</a>" paragraphs inside the body are links to
# other articles, not text of this one.
_READ_MORE = re.compile(
    r"^\W*(?:read more|read also|also read|see also|related(?: stories| articles| coverage)?"
    r"|more on this(?: story)?|recommended(?: reading)?|more from [^:]{1,40})\s*[:|–—-]",
    re.I,
)


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start like a web page (``<!doctype html`` or ``<html``)."""
    head = data[:2048]
    for bom in (codecs.BOM_UTF8,):
        if head.startswith(bom):
            head = head[len(bom) :]
    return bool(_SNIFF.match(head))


def decode_html(data: bytes, *, name: str, charset: str | None = None) -> tuple[str, str]:
    """Decode a page as a browser would: BOM, then HTTP charset, then ``<meta>``, then guess.

    Args:
        data: The page's bytes.
        name: The file or URL, for messages.
        charset: The charset from the HTTP Content-Type header, if any.

    Returns:
        The text and the name of the encoding used.

    Raises:
        InputError: the bytes are binary, not a page.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if _BINARY.search(data[:65536]):
        raise InputError(f"{name}: looks like binary data, not a web page")
    declared = _codec(charset) or _meta_charset(data)
    if declared:
        # A page that names its charset is read with it; a few stray bytes
        # should not stop the comparison, so they become U+FFFD.
        return data.decode(declared, errors="replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    codec = _codec(match.group(1).decode("ascii", errors="replace"))
    # A <meta> can only be read if the page is ASCII-compatible, so a page that
    # claims UTF-16 there is really UTF-8 (WHATWG says the same).
    if codec and codec.startswith("utf_16"):
        return "utf-8"
    return codec


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name in _AS_CP1252:
        return "cp1252"
    return name


def visible_words(tree: Any) -> int:
    """Count the words a reader would see on the page (no script, style or head)."""
    texts = tree.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template)]"
    )
    return sum(len(_WORD.findall(str(t))) for t in texts)


def _drop_blockers(tree: Any) -> bool:
    """Remove overlays and boxes; returns whether one of them was a paywall."""
    paywalled = False
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in _KEEP_TAGS:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        found = _BLOCKER.search(marks)
        if found and element.getparent() is not None:
            paywalled = paywalled or found.group().lower() in ("paywall", "regwall")
            element.drop_tree()
    return paywalled


def _drop_read_more(tree: Any) -> None:
    for element in list(tree.iter("p", "li", "div", "aside")):
        text = " ".join(element.text_content().split())
        match = _READ_MORE.match(text)
        if not match or len(text) > 300:
            continue
        linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        rest = len(text) - match.end()
        # Only when the rest is mostly link text: "Read more: the council said ..."
        # as a sentence of the article stays.
        if rest > 0 and linked >= 0.6 * rest and element.getparent() is not None:
            element.drop_tree()


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def extract_article(html: str, *, source: str, url: str | None = None) -> Document:
    """Extract a page's article as a Document (see :func:`extract_page`)."""
    return extract_page(html, source=source, url=url)[0]


def extract_page(
    html: str, *, source: str, url: str | None = None
) -> tuple[Document, tuple[str, ...]]:
    """Extract a page's article as a Document, with warnings for the user.

    The text is the title, a blank line, then the body paragraphs separated by
    blank lines, so the engine finds the title as the first line and the
    paragraphs by blank lines. Captions, related links, share widgets,
    newsletter boxes and cookie banners are left out.

    Args:
        html: The decoded page.
        source: The file or URL the page came from, for display.
        url: The page's address, which helps extraction and names the outlet
            when the page does not.

    Returns:
        The article, with its title, outlet (site name), author and date when
        the page gives them; and warnings, such as a paywall box on a page
        whose text is long enough to compare but may be cut short.

    Raises:
        InputError: the page is not HTML, or its article text is missing or
            very short compared with the page (a paywall, a consent wall, a
            page built by scripts); the message gives both word counts.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    _quiet_libraries()
    try:
        tree = load_html(html)
        if tree is None:
            raise InputError(f"{source}: cannot read the page as HTML")
        page_words = visible_words(tree)
        paywalled = _drop_blockers(tree)
        _drop_read_more(tree)
        result = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except InputError:
        raise
    except Exception as exc:
        # The page is untrusted and the parser is third-party: whatever it
        # trips on, the user gets one line, not a traceback.
        raise InputError(f"{source}: cannot extract the article ({type(exc).__name__})") from None
    title = _clean(getattr(result, "title", None))
    lines = [line.strip() for line in (getattr(result, "text", None) or "").splitlines()]
    paragraphs = [line for line in lines if line]
    if paragraphs and title and _same_line(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    body_words = sum(len(_WORD.findall(p)) for p in paragraphs)
    _check_size(source, body_words, page_words)
    body = "\n\n".join(paragraphs)
    text = f"{title}\n\n{body}" if title else body
    outlet = _clean(getattr(result, "sitename", None)) or _host(url)
    document = Document(
        text,
        source=source,
        title=title,
        outlet=outlet,
        author=_clean(getattr(result, "author", None)),
        date=_clean(getattr(result, "date", None)),
    )
    warnings: tuple[str, ...] = ()
    if paywalled:
        warnings = (
            f"{source}: the page has a paywall box; the article may be cut short "
            f"({body_words} words of text)",
        )
    return document, warnings


def _quiet_libraries() -> None:
    # Without a handler of their own, these libraries' warnings would reach
    # stderr through logging's last-resort handler, around our one-line messages.
    import logging  # here: 10 ms that reading a text file does not need

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _check_size(source: str, body_words: int, page_words: int) -> None:
    hint = "a paywall, a consent page or a page built by scripts?"
    if body_words == 0:
        raise InputError(
            f"{source}: no article text found ({page_words} words visible on the page; {hint})"
        )
    if body_words < MIN_BODY_WORDS and page_words >= PAGE_TO_BODY_RATIO * body_words:
        raise InputError(
            f"{source}: only {body_words} words of article text among the page's "
            f"{page_words} visible words ({hint})"
        )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
