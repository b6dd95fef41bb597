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

import dataclasses
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
    read_file_bytes,
    read_text_file,
)
from tui.sources.fetch import DEFAULT_TIMEOUT, TEXT_TYPES, Page, is_url

__all__ = [
    "DEFAULT_TIMEOUT",
    "HTML_SUFFIXES",
    "Loaded",
    "Progress",
    "is_url",
    "load_document",
    "load_documents",
    "needs_fetch",
    "require_sentences",
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
            (text or HTML).
        max_bytes: The largest input accepted, file or download.
        refresh: Fetch a URL again even when a cached copy exists.
        timeout: Seconds allowed for fetching a URL.
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
    if _SCHEME.match(spec) and not path.exists():
        raise InputError(f"{spec}: only http and https addresses can be fetched")
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
        One Loaded per spec, in order. When two specs name the same file, the
        second says so in its notes (allowed: every sentence matches itself).

    Raises:
        InputError: the first unusable spec, in the order given, or ``-``
            given twice (standard input can be read once).
    """
    if sum(1 for spec in specs if spec == "-") > 1:
        raise InputError("only one side can be read from standard input")
    load = partial(
        load_document,
        max_bytes=max_bytes,
        refresh=refresh,
        timeout=timeout,
        cache_dir=cache_dir,
        progress=progress,
    )
    loaded = _load_all(specs, load)
    if len(specs) == 2 and _same_file(*specs):
        note = "both sides are the same file; every sentence will match itself"
        loaded[1] = dataclasses.replace(loaded[1], notes=(*loaded[1].notes, note))
    return loaded


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


def needs_fetch(spec: str, *, refresh: bool = False, cache_dir: Path | None = None) -> bool:
    """Whether loading ``spec`` goes to the network (a URL not cached, or refresh).

    An app uses it to decide whether to show fetch progress at all.
    """
    if not is_url(spec):
        return False
    if refresh:
        return True
    from tui.sources.cache import read_cached

    return read_cached(spec, cache_dir) is None


def _load_stdin(max_bytes: int) -> Loaded:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
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
    from tui.sources.cache import read_cached, write_cached
    from tui.sources.fetch import fetch_url

    warnings: list[str] = []
    notes: list[str] = []
    page = None if refresh else read_cached(url, cache_dir)
    if page is not None:
        when = page.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        notes.append(f"{url}: using the page fetched at {when} (--refresh fetches it again)")
    else:
        if progress:
            progress(url, "fetching")
        page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
        try:
            write_cached(page, cache_dir)
        except OSError as exc:
            warnings.append(f"{url}: cannot cache the page ({exc.strerror or exc})")
    if progress:
        progress(url, "extracting")
    document, page_warnings = _from_page(page)
    warnings.extend(page_warnings)
    return Loaded(document, tuple(warnings), tuple(notes))


def _from_page(page: Page) -> tuple[Document, tuple[str, ...]]:
    from tui.sources.html import decode_html, looks_like_html

    # Some servers label every page text/plain; the bytes tell the truth.
    if page.content_type in TEXT_TYPES and not looks_like_html(page.data):
        if page.charset:
            text, _encoding = decode_html(page.data, name=page.url, charset=page.charset)
            warning = None
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
    html, _encoding = decode_html(data, name=source, charset=charset)
    return extract_page(html, source=source, url=url)


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
