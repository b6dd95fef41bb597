"""The page cache: fetched pages kept on disk, keyed by URL, so a pair reopens offline.

Each page is two files named by the SHA-256 of its URL: ``KEY.html`` holds the
body exactly as fetched and ``KEY.json`` what the server said (final URL,
content type, charset) and when it was fetched. The JSON is written last, so a
page whose JSON is there is complete. The directory is created at the first
write, never at import.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

from tui.sources.fetch import Page
from tui.store.paths import cache_dir

_FORMAT = "storydiff.page"


def cache_key(url: str) -> str:
    """The file name stem for a URL: its SHA-256, so any URL makes a safe name."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def read_cached(url: str, directory: Path | None = None) -> Page | None:
    """The cached page for ``url``, or ``None`` when there is none or it is damaged.

    A damaged entry (cut short, edited, unreadable) is treated as missing: the
    page is fetched again rather than failing the comparison.
    """
    folder = directory if directory is not None else cache_dir()
    stem = folder / cache_key(url)
    try:
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        data = stem.with_suffix(".html").read_bytes()
        if (
            not isinstance(meta, dict)
            or meta.get("format") != _FORMAT
            or meta.get("url") != url
            or meta.get("size") != len(data)
            or meta.get("sha256") != hashlib.sha256(data).hexdigest()
        ):
            return None
        fetched_at = datetime.fromisoformat(meta["fetched_at"])
        return Page(
            url=url,
            final_url=str(meta["final_url"]),
            content_type=str(meta["content_type"]),
            charset=meta["charset"] if isinstance(meta["charset"], str) else None,
            data=data,
            fetched_at=fetched_at,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_cached(page: Page, directory: Path | None = None) -> Path:
    """Store a fetched page, replacing any older copy of the same URL.

    Returns:
        The path of the stored body.

    Raises:
        OSError: the cache folder cannot be created or written.
    """
    folder = directory if directory is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / cache_key(page.url)
    meta = {
        "format": _FORMAT,
        "url": page.url,
        "final_url": page.final_url,
        "content_type": page.content_type,
        "charset": page.charset,
        "fetched_at": page.fetched_at.isoformat(),
        "size": len(page.data),
        "sha256": hashlib.sha256(page.data).hexdigest(),
    }
    body = stem.with_suffix(".html")
    _write_atomic(body, page.data)
    _write_atomic(stem.with_suffix(".json"), json.dumps(meta, indent=1).encode("utf-8"))
    return body


def _write_atomic(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees half a file
    # (two fetches of the same URL can run at once).
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
