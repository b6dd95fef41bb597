"""Where articles come from: text files, saved web pages, URLs and standard input.

`load_document` turns one command-line article into a Document; `load_documents`
loads several at once, fetching URLs concurrently; `require_sentences` refuses
an article with nothing to compare. Every rule about what input is usable lives
here (and in the engine's file reader). Web pages are extracted by
`tui.sources.html`, fetched by `tui.sources.fetch` and cached by
`tui.sources.cache`; those modules import their heavy libraries (trafilatura,
lxml, urllib3) only when a page is actually read.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tui.engine import (
    DEFAULT_MAX_BYTES,
    SIDES,
    Comparison,
    Document,
    InputError,
    decode_bytes,
    read_capped,
    read_file_bytes,
    read_text_file,
)
from tui.sources.fetch import DEFAULT_TIMEOUT, TEXT_TYPES, Page
from tui.sources.urls import is_url, redact_url, shown_url

__all__ = [
    "DEFAULT_TIMEOUT",
    "HTML_SUFFIXES",
    "Loaded",
    "Progress",
    "is_url",
    "load_document",
    "load_documents",
    "redact_url",
    "require_sentences",
    "shown_url",
]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Progress = Callable[[str, str], None]
"""Called with (spec, what is happening now), e.g. ``("https://…", "fetching")``."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document ready to compare, and anything the user should be told about it.

    Attributes:
        document: The article.
        warnings: Problems the user should know of (a guessed encoding).
        notes: Plain information, such as the time a cached page was fetched.
    """

    document: Document
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())


def load_document(
    spec: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    refresh: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Load one article named on the command line.

    Args:
        spec: A text file; a saved web page (``.html``/``.htm``, or any file
            that starts like one); an http(s) URL; or ``-`` for standard input
            (text or HTML). A URL's credentials are used to fetch it and are
            kept out of the document's source, the cache and every message.
        max_bytes: The largest input accepted, file or download.
        refresh: Fetch a URL again even when a cached copy exists.
        timeout: Seconds allowed for fetching a URL, from connecting to the
            last byte.
        cache_dir: Where fetched pages are cached; the user cache dir when None.
        progress: Told what is happening, for a progress display.

    Raises:
        InputError: with a one-line message for the user.
    """
    if spec == "-":
        return _load_stdin(max_bytes)
    if is_url(spec):
        return _load_url(
            spec,
            max_bytes=max_bytes,
            refresh=refresh,
            timeout=timeout,
            cache_dir=cache_dir,
            progress=progress,
        )
    path = Path(spec)
    if _SCHEME.match(spec) and not os.path.lexists(spec):
        raise InputError(f"{shown_url(spec)}: only http and https addresses can be fetched")
    if path.suffix.lower() in HTML_SUFFIXES or _starts_like_html(path):
        if progress:
            progress(spec, "extracting")
        data = read_file_bytes(path, max_bytes=max_bytes)
        return Loaded(*_from_html(data, source=spec))
    read = read_text_file(spec, max_bytes=max_bytes)
    return Loaded(Document(read.text, source=read.path), (read.warning,) if read.warning else ())


def load_documents(
    specs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    refresh: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[Loaded]:
    """Load several articles, fetching URLs at the same time.

    Safe to call from a worker thread. ``progress`` is called from the loading
    threads, so an app must hand it over to its own thread.

    Args:
        specs: The articles, as for :func:`load_document`.
        max_bytes: The largest input accepted.
        refresh: Fetch URLs again even when cached.
        timeout: Seconds allowed for each fetch.
        cache_dir: Where fetched pages are cached; the user cache dir when None.
        progress: Told what is happening to each spec.

    Returns:
        One Loaded per spec, in order.

    Raises:
        InputError: the first unusable spec, in the order given, ``-`` given
            twice (standard input can be read once), or two specs naming the
            same file (each sentence would only match itself; two copies of
            one article in two files are compared as usual).
    """
    if sum(1 for spec in specs if spec == "-") > 1:
        raise InputError("only one side can be read from standard input")
    if len(specs) == 2 and _same_file(*specs):
        first, second = specs
        named = first if first == second else f"{first} and {second}"
        raise InputError(f"{named}: the same file on both sides; give two articles to compare")
    load = partial(
        load_document,
        max_bytes=max_bytes,
        refresh=refresh,
        timeout=timeout,
        cache_dir=cache_dir,
        progress=progress,
    )
    return _load_all(specs, load)


def require_sentences(comparison: Comparison) -> None:
    """Refuse a comparison in which an article has nothing to compare.

    Rules and dots alone ("* * *", "...") are no article: it needs a body
    sentence with a letter or a digit in it.

    Raises:
        InputError: naming the first such article.
    """
    for side in SIDES:
        article = comparison.article(side)
        if not any(any(ch.isalnum() for ch in s.text) for s in article.body):
            raise InputError(f"{article.source}: no sentences found in the article")


def _load_all(specs: Sequence[str], load: Callable[[str], Loaded]) -> list[Loaded]:
    """``load`` each spec, fetching URLs at the same time; the first failure in order is raised."""
    if sum(1 for spec in specs if is_url(spec)) < 2:
        # Nothing to wait on at the same time: stay on this thread.
        return [load(spec) for spec in specs]
    # Daemon threads rather than a thread pool: if the reader gives up (ctrl+c,
    # or cancel in the app), the process can exit at once instead of waiting
    # for a hung fetch to reach its timeout.
    import threading

    results: list[Loaded | BaseException | None] = [None] * len(specs)

    def run(index: int, spec: str) -> None:
        try:
            results[index] = load(spec)
        except BaseException as exc:  # handed to the caller's thread below
            results[index] = exc

    threads = [
        threading.Thread(target=run, args=(i, spec), name=f"storydiff-load-{i}", daemon=True)
        for i, spec in enumerate(specs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [result for result in results if isinstance(result, Loaded)]


def _same_file(a: str, b: str) -> bool:
    if "-" in (a, b) or is_url(a) or is_url(b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _load_stdin(max_bytes: int) -> Loaded:
    data = read_capped(sys.stdin.buffer, max_bytes)
    if data is None:
        raise InputError(f"-: standard input is over the {max_bytes / 1e6:.1f} MB limit")
    from tui.sources.html import looks_like_html

    if looks_like_html(data):
        return Loaded(*_from_html(data, source="-"))
    text, _encoding, warning = decode_bytes(data, name="-")
    if not text.strip():
        raise InputError("-: standard input is empty")
    return Loaded(Document(text, source="-"), (warning,) if warning else ())


def _load_url(
    url: str,
    *,
    max_bytes: int,
    refresh: bool,
    timeout: float,
    cache_dir: Path | None,
    progress: Progress | None,
) -> Loaded:
    from tui.sources.cache import discard_cached, largest_entry, read_cached, write_cached
    from tui.sources.fetch import fetch_url

    shown = shown_url(url)
    cached = None if refresh else read_cached(url, cache_dir, max_bytes=max_bytes)
    if cached is not None:
        if progress:
            progress(url, "extracting")
        try:
            document, page_warnings = _from_page(cached)
        except InputError:
            # Stored by an older storydiff, or damaged in a way the checks
            # missed: fetch the page again rather than fail on it forever.
            discard_cached(url, cache_dir)
        else:
            when = cached.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
            note = f"{shown}: using the page fetched at {when} (--refresh fetches it again)"
            return Loaded(document, page_warnings, (note,))
    if progress:
        progress(url, "fetching")
    page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    if progress:
        progress(url, "extracting")
    document, page_warnings = _from_page(page)
    warnings = list(page_warnings)
    # Cached only now: a page that cannot be read would fail again on every
    # later run, offline or not.
    try:
        stored = write_cached(page, cache_dir)
    except OSError as exc:
        warnings.append(f"{shown}: cannot cache the page ({exc.strerror or exc})")
    else:
        if stored is None:
            warnings.append(
                f"{shown}: the page is too large to cache (the cache keeps pages of up to "
                f"{largest_entry() / 2**20:.0f} MB); it will be fetched again next time"
            )
    return Loaded(document, tuple(warnings))


def _from_page(page: Page) -> tuple[Document, tuple[str, ...]]:
    from tui.sources.html import decode_html, looks_like_html

    # Some servers label every page text/plain; the bytes tell the truth.
    if page.content_type in TEXT_TYPES and not looks_like_html(page.data):
        if page.charset:
            text, _encoding, warning = decode_html(page.data, name=page.url, charset=page.charset)
        else:
            text, _encoding, warning = decode_bytes(page.data, name=page.url)
        if not text.strip():
            raise InputError(f"{page.url}: the page is empty")
        return Document(text, source=page.url), (warning,) if warning else ()
    return _from_html(page.data, source=page.url, url=page.final_url, charset=page.charset)


def _from_html(
    data: bytes, *, source: str, url: str | None = None, charset: str | None = None
) -> tuple[Document, tuple[str, ...]]:
    from tui.sources.html import decode_html, extract_page

    if not data.strip():
        raise InputError(f"{source}: the page is empty")
    html, _encoding, warning = decode_html(data, name=source, charset=charset)
    document, warnings = extract_page(html, source=source, url=url)
    return document, ((warning,) if warning else ()) + warnings


def _starts_like_html(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    from tui.sources.html import looks_like_html

    return looks_like_html(head)
