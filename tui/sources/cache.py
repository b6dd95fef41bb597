"""The page cache: fetched pages kept on disk, keyed by URL, so a pair reopens offline.

Each page is two files named by the SHA-256 of its URL (without credentials):
``KEY.html`` holds the body as accepted (decompressed, within the size limit)
and ``KEY.json`` what the server said (final URL, content type, charset), when
it was fetched, and the body's size and SHA-256. Both are written atomically,
the JSON last, so a page whose JSON is there is complete. An entry is trusted
only if it matches its own key and its body matches the JSON.

The cache is bounded: pages older than :data:`MAX_AGE` are not used and are
removed, and when the bodies pass :data:`MAX_TOTAL_BYTES` the oldest pages go
first. Only pages that decoded into an article are stored (the caller's job:
see ``tui.sources``). The directory is created at the first write, never at
import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.engine import DEFAULT_MAX_BYTES
from tui.sources.fetch import HTML_TYPES, TEXT_TYPES, Page
from tui.sources.urls import is_url, redact_url
from tui.store.atomic import is_temporary, write_atomic
from tui.store.paths import cache_dir

MAX_AGE = timedelta(days=30)
MAX_TOTAL_BYTES = 200 * 2**20
# One page may take at most this share of the whole cache.
_MAX_ENTRY_SHARE = 4
_FORMAT = "storydiff.page"
# The JSON of an entry is a few hundred bytes; anything much larger is not ours.
_MAX_META_BYTES = 64 * 1024
# A temporary file this old was left by a writer that died.
_STALE_TEMP_SECONDS = 3600


def cache_key(url: str) -> str:
    """The file name stem for a URL: the SHA-256 of the URL without its credentials."""
    return hashlib.sha256(redact_url(url).encode("utf-8", "surrogatepass")).hexdigest()


def read_cached(
    url: str,
    directory: Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_age: timedelta | None = None,
) -> Page | None:
    """The cached page for ``url``, or ``None`` when there is none, it is too old or not sound.

    An entry is used only when its JSON names this very URL and format, its
    body has the size and SHA-256 the JSON gives and is within ``max_bytes``,
    and it was fetched less than ``max_age`` (default :data:`MAX_AGE`) ago,
    and not in the future.
    Anything else (cut short, edited, swapped with another entry, unreadable)
    is treated as missing: the page is fetched again rather than failing the
    comparison.
    """
    folder = directory if directory is not None else cache_dir()
    stem = folder / cache_key(url)
    try:
        meta = _read_meta(stem.with_suffix(".json"))
        if meta is None or meta.get("url") != redact_url(url):
            return None
        size = meta.get("size")
        if not isinstance(size, int) or not 0 <= size <= max_bytes:
            return None
        body = stem.with_suffix(".html")
        info = body.stat()
        # A regular file only: a FIFO or a device planted there would block or never end.
        if not stat.S_ISREG(info.st_mode) or info.st_size != size:
            return None
        with body.open("rb") as handle:
            data = handle.read(size + 1)
        if len(data) != size or meta.get("sha256") != hashlib.sha256(data).hexdigest():
            return None
        fetched_at = datetime.fromisoformat(str(meta["fetched_at"]))
        age = datetime.now(UTC) - fetched_at
        if not timedelta(days=-1) < age < (MAX_AGE if max_age is None else max_age):
            return None
        final_url, content_type, charset = meta["final_url"], meta["content_type"], meta["charset"]
        if not (isinstance(final_url, str) and is_url(final_url)):
            return None
        if content_type not in HTML_TYPES | TEXT_TYPES | {""}:
            return None
        if not (charset is None or (isinstance(charset, str) and len(charset) <= 40)):
            return None
        return Page(
            url=redact_url(url),
            final_url=redact_url(final_url),
            content_type=content_type,
            charset=charset,
            data=data,
            fetched_at=fetched_at,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cached(
    page: Page,
    directory: Path | None = None,
    *,
    max_total: int | None = None,
    max_age: timedelta | None = None,
) -> Path | None:
    """Store a fetched page, replacing any older copy of the same URL, then trim the cache.

    A page larger than a quarter of ``max_total`` (default
    :data:`MAX_TOTAL_BYTES`) is not stored. After the write, pages older than
    ``max_age`` (default :data:`MAX_AGE`) are removed, then the oldest pages
    until the bodies fit in ``max_total``.

    Returns:
        The path of the stored body, or None when the page is too large to cache.

    Raises:
        OSError: the cache folder cannot be created or written.
    """
    max_total = MAX_TOTAL_BYTES if max_total is None else max_total
    if len(page.data) > largest_entry(max_total):
        return None
    folder = directory if directory is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    url = redact_url(page.url)
    stem = folder / cache_key(url)
    meta = {
        "format": _FORMAT,
        "url": url,
        "final_url": redact_url(page.final_url),
        "content_type": page.content_type,
        "charset": page.charset,
        "fetched_at": page.fetched_at.isoformat(),
        "size": len(page.data),
        "sha256": hashlib.sha256(page.data).hexdigest(),
    }
    body = stem.with_suffix(".html")
    # Two fetches of the same URL can run at once: each file is replaced whole.
    write_atomic(body, page.data)
    write_atomic(stem.with_suffix(".json"), json.dumps(meta, indent=1).encode("utf-8"))
    trim_cache(folder, max_total=max_total, max_age=max_age, keep=stem.name)
    return body


def largest_entry(max_total: int | None = None) -> int:
    """The largest page the cache stores, in bytes: a quarter of the whole cache."""
    return (MAX_TOTAL_BYTES if max_total is None else max_total) // _MAX_ENTRY_SHARE


def discard_cached(url: str, directory: Path | None = None) -> None:
    """Remove the cached copy of ``url``, if any (a page that no longer reads)."""
    folder = directory if directory is not None else cache_dir()
    _remove(folder / cache_key(url))


def trim_cache(
    folder: Path,
    *,
    max_total: int | None = None,
    max_age: timedelta | None = None,
    keep: str | None = None,
) -> None:
    """Remove what the cache should not keep: pages older than ``max_age``, then the
    oldest pages until the bodies fit in ``max_total``; also bodies without their
    JSON and temporary files left by a writer that died.

    ``keep`` names an entry (its key) that stays, whatever its size: the page
    just written. Files that vanish meanwhile (another storydiff trimming) are
    no error.
    """
    max_total = MAX_TOTAL_BYTES if max_total is None else max_total
    max_age = MAX_AGE if max_age is None else max_age
    now = time.time()
    entries: list[tuple[float, int, str]] = []  # (fetched, body size, key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    present = set(names)
    for name in names:
        path = folder / name
        if is_temporary(name):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                    path.unlink()
            continue
        key, dot, suffix = name.partition(".")
        if not dot or len(key) != 64:
            continue  # not ours: left alone
        if suffix == "html" and f"{key}.json" not in present:
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                    path.unlink()  # a body whose JSON never came
            continue
        if suffix != "json":
            continue
        try:
            fetched = path.stat().st_mtime
            size = (folder / f"{key}.html").stat().st_size
        except OSError:
            continue
        entries.append((fetched, size, key))
    entries.sort()
    total = sum(size for _fetched, size, _key in entries)
    oldest = now - max_age.total_seconds()
    for fetched, size, key in entries:
        if key == keep:
            continue
        if fetched < oldest or total > max_total:
            _remove(folder / key)
            total -= size


def _read_meta(path: Path) -> dict[str, object] | None:
    if not stat.S_ISREG(path.stat().st_mode):
        return None
    with path.open("rb") as handle:
        raw = handle.read(_MAX_META_BYTES + 1)
    if len(raw) > _MAX_META_BYTES:
        return None
    meta = json.loads(raw.decode("utf-8"))
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
        return None
    return meta


def _remove(stem: Path) -> None:
    # The JSON first: without it the body is no entry, whatever happens next.
    for suffix in (".json", ".html"):
        with contextlib.suppress(OSError):
            stem.with_suffix(suffix).unlink()
