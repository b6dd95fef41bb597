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
from tui.sanitize import printable
from tui.sources.urls import shown_text

# Below this many words of article text, the extraction is checked against the
# page: a news brief can be this short, a paywall teaser usually is.
MIN_BODY_WORDS = 60
# ...and it is refused when the page shows at least this many times more words.
PAGE_TO_BODY_RATIO = 4

_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WORD = re.compile(r"\w+")
# Control characters other than tab, newline and carriage return, raw or as a
# numeric character reference.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9A-Fa-f]{1,6})|0*([0-9]{1,7}));?")
# libxml2's nesting limit with its huge-tree option (256 without).
_MAX_DEPTH = 2048
# Bytes that never appear in a text or HTML file.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# The encodings a web page may be written in (the WHATWG Encoding Standard's),
# by the names Python's codec registry gives them. The registry knows more
# (rot13, base64, zlib, idna, utf-7, unicode_escape...): none is a page's charset.
_WEB_CODECS = frozenset(
    {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp866", "koi8_r", "koi8_u"}
    | {f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)}
    | {f"cp125{n}" for n in range(9)}
    | {"cp874", "mac_roman", "mac_cyrillic", "gbk", "gb18030", "big5hkscs"}
    | {"euc_jp", "iso2022_jp", "cp932", "cp949"}
)
# What browsers read in place of some labels (WHATWG): pages that say Latin-1
# or ASCII are written with Windows-1252 quotes and dashes, and so on.
_AS_BROWSERS_READ = {
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gbk",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
# WHATWG labels that Python's registry does not know.
_LABELS = {
    "iso-8859-8-i": "iso8859_8",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-ukrainian": "mac_cyrillic",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gbk",
    "x-x-big5": "big5hkscs",
    "unicode-1-1-utf-8": "utf_8",
}
_NICE = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
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


def decode_html(
    data: bytes, *, name: str, charset: str | None = None
) -> tuple[str, str, str | None]:
    """Decode a page as a browser would: BOM, then HTTP charset, then ``<meta>``, then detection.

    A declared charset is used only if it is one a web page can be written in
    (the WHATWG Encoding Standard's): ``rot13``, ``base64``, ``zlib``, ``idna``
    and the like, or a name nobody knows, are passed over with a warning. When
    the header's charset does not fit the bytes but the ``<meta>`` one does,
    the ``<meta>`` one is used. Without a usable declaration the page is read
    as UTF-8 if it is valid UTF-8, else as Windows-1252 if that fits, else as
    UTF-8 with replacement characters; each fallback is said in the warning.

    Args:
        data: The page's bytes.
        name: The file or URL, for messages.
        charset: The charset from the HTTP Content-Type header, if any.

    Returns:
        The text, the name of the encoding used and a warning for the user
        (a charset passed over, bytes shown as U+FFFD), or None.

    Raises:
        InputError: the bytes are binary, not a page.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text, encoding, _warning(name, [], text, encoding, strict=_fits(data, encoding))
    if _BINARY.search(data[:65536]):
        raise InputError(f"{name}: looks like binary data, not a web page")
    reasons: list[str] = []
    header = _codec(charset)
    if charset and not header:
        reasons.append(f"the server's charset {_label(charset)} is not a web page encoding")
    meta_label = _meta_label(data)
    meta = _meta_codec(meta_label)
    if meta_label and not meta:
        reasons.append(f"the page's <meta> charset {_label(meta_label)} is not a web page encoding")
    declared = [codec for codec in dict.fromkeys((header, meta)) if codec]
    for codec in declared:
        if _fits(data, codec):
            if codec != declared[0]:
                reasons.append(
                    f"the server's charset {_label(charset)} does not fit the page, "
                    "its <meta> charset does"
                )
            text = data.decode(codec)
            return text, codec, _warning(name, reasons, text, codec)
    if declared:
        # A page that names its charset is read with it; a few stray bytes
        # should not stop the comparison, so they become U+FFFD (and the user
        # is told how many).
        codec = declared[0]
        text = data.decode(codec, errors="replace")
        return text, codec, _warning(name, reasons, text, codec, strict=False)
    if _fits(data, "utf-8"):
        text = data.decode("utf-8")
        return text, "utf-8", _warning(name, reasons, text, "utf-8")
    if _fits(data, "cp1252"):
        reasons.append("not UTF-8 and no charset declared")
        text = data.decode("cp1252")
        return text, "cp1252", _warning(name, reasons, text, "cp1252")
    text = data.decode("utf-8", errors="replace")
    return text, "utf-8", _warning(name, reasons, text, "utf-8", strict=False)


def _fits(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _warning(
    name: str, reasons: list[str], text: str, codec: str, *, strict: bool = True
) -> str | None:
    if not strict:
        count = text.count("\ufffd")
        nice = _NICE.get(codec, codec)
        reasons.append(
            f"1 character does not decode as {nice} and shows as \ufffd"
            if count == 1
            else f"{count} characters do not decode as {nice} and show as \ufffd"
        )
    if not reasons:
        return None
    read_as = "" if not strict else f"; read as {_NICE.get(codec, codec)}"
    return f"{name}: {'; '.join(reasons)}{read_as}"


def _label(label: str | None) -> str:
    # The label comes from the server or the page: data, shown with its control
    # characters made visible and cut short.
    return repr(shown_text(label or "", limit=40))


def _meta_label(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _meta_codec(label: str | None) -> str | None:
    codec = _codec(label)
    # A <meta> can only be read if the page is ASCII-compatible, so a page that
    # claims UTF-16 there is really UTF-8 (WHATWG says the same).
    if codec and codec.startswith("utf-16"):
        return "utf-8"
    return codec


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, if a web page may be written in it."""
    if not label:
        return None
    label = label.strip().lower()
    if not label or len(label) > 40 or not label.isascii():
        return None
    name = _LABELS.get(label)
    if name is None:
        try:
            name = codecs.lookup(label).name.replace("-", "_")
        except (LookupError, ValueError):
            return None
    name = _AS_BROWSERS_READ.get(name, name)
    # Returned as the registry names it ("utf-8", "cp1252", "iso8859-2").
    return codecs.lookup(name).name if name in _WEB_CODECS else None


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


#: Dates the page declares only (its metadata, a <time> element, its address): htmldate's
#: "extensive search" guesses from any year in the text ("filed in 2014" became 2014-01-01).
DATE_PARAMS = {"extensive_search": False, "original_date": True}


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
        InputError: the page is not HTML, is nested too deeply to parse, or
            its article text is missing or very short compared with the page
            (a paywall, a consent wall, a page built by scripts); the message
            gives both word counts.
    """
    from trafilatura import bare_extraction

    _quiet_libraries()
    try:
        tree = _parse(html, source=source)
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
            date_extraction_params=DATE_PARAMS,
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


def _parse(html: str, *, source: str) -> Any:
    """Parse a page with lxml as trafilatura's ``load_html`` does, and say when it cannot.

    libxml2 stops reading at 256 levels of nesting and drops the rest of the
    page, which would then look like a page without an article. A page that
    deep is parsed again with libxml2's larger limit (2048 levels); one deeper
    still is refused for what it is.
    """
    from lxml.etree import ParserError
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import repair_faulty_html

    beginning = html[:50].lower()
    data = repair_faulty_html(visible_controls(html), beginning).encode("utf-8", "surrogatepass")
    for huge in (False, True):
        # A parser per page: its error log is its own, and two pages may be
        # read at the same time.
        parser = HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            huge_tree=huge,
        )
        try:
            tree = fromstring(data, parser=parser)
        except (ParserError, ValueError):
            tree = None
        if not any("Excessive depth" in error.message for error in parser.error_log):
            break
    else:
        raise InputError(
            f"{source}: the page nests its elements more than {_MAX_DEPTH} deep, past what "
            "the HTML parser reads, so its article cannot be found"
        )
    # As load_html: a text that never says "html" and parses to one element is no page.
    if tree is None or ("html" not in beginning and len(tree) < 2):
        raise InputError(f"{source}: cannot read the page as HTML")
    return tree


def visible_controls(html: str) -> str:
    """Replace control characters, raw or as references (``&#27;``), with visible stand-ins.

    They are not allowed in the parsed tree, and the extractor drops a whole
    paragraph that has one; shown as the Unicode control pictures (␛ for
    escape), as in a text file's display, the paragraph stays and is harmless.
    Tab, newline and carriage return are kept; ``&#0;`` is left to the parser,
    which makes it U+FFFD as HTML says.
    """
    if _RAW_CONTROL.search(html):
        html = _RAW_CONTROL.sub(lambda m: printable(m.group()), html)
    if "&#" in html:
        html = _CONTROL_REFERENCE.sub(_control_picture, html)
    return html


def _control_picture(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if (0 < code < 0x20 and code not in (9, 10, 13)) or code == 0x7F:
        return printable(chr(code))
    return match.group()


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
