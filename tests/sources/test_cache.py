"""The page cache: bounded in size and age, oldest out first, and no entry trusted blindly."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import tui.store.atomic
from tui.sources import load_document
from tui.sources.cache import cache_key, read_cached, trim_cache, write_cached
from tui.sources.fetch import Page

from .conftest import Site


def _page(n: int, size: int = 900, *, age: timedelta = timedelta(0)) -> Page:
    url = f"https://news.example/story/{n}"
    return Page(
        url=url,
        final_url=url,
        content_type="text/html",
        charset="utf-8",
        data=(f"<p>story {n}</p>".encode() + b" " * size)[:size],
        fetched_at=(datetime.now(UTC) - age).replace(microsecond=0),
    )


def _store(folder: Path, page: Page, *, stored_ago: float = 0.0, **bounds: object) -> None:
    write_cached(page, folder, **bounds)  # type: ignore[arg-type]
    # When it was stored, as the trimming reads it (one second apart, not one clock tick).
    when = time.time() - stored_ago
    for suffix in (".json", ".html"):
        os.utime(folder / (cache_key(page.url) + suffix), (when, when))


def _kept(folder: Path) -> list[int]:
    return sorted(n for n in range(20) if (folder / (cache_key(_page(n).url) + ".json")).exists())


def test_the_oldest_pages_go_first_when_the_cache_is_full(tmp_path: Path) -> None:
    for n in range(8):
        _store(tmp_path, _page(n), stored_ago=100 - n, max_total=4000)
    # 900-byte bodies in a 4000-byte cache: the four newest stay.
    assert _kept(tmp_path) == [4, 5, 6, 7]
    assert sum(p.stat().st_size for p in tmp_path.glob("*.html")) <= 4000
    assert read_cached(_page(7).url, tmp_path) == _page(7)


def test_pages_past_the_age_limit_are_neither_used_nor_kept(tmp_path: Path) -> None:
    old = _page(1, age=timedelta(days=40))
    _store(tmp_path, old, stored_ago=40 * 86400)
    assert read_cached(old.url, tmp_path) is None
    _store(tmp_path, _page(2))
    assert _kept(tmp_path) == [2]


def test_a_page_too_large_for_the_cache_is_not_stored(tmp_path: Path) -> None:
    assert write_cached(_page(1, size=2000), tmp_path, max_total=4000) is None
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_writer_that_died_are_removed(tmp_path: Path) -> None:
    stale_temp = tmp_path / ".storydiff-0123456789ab.tmp"
    orphan = tmp_path / (cache_key("https://news.example/orphan") + ".html")
    fresh_temp = tmp_path / ".storydiff-ba9876543210.tmp"
    theirs = tmp_path / "notes.txt"
    for path in (stale_temp, orphan, fresh_temp, theirs):
        path.write_bytes(b"x")
    hour_ago = time.time() - 7200
    for path in (stale_temp, orphan):
        os.utime(path, (hour_ago, hour_ago))
    trim_cache(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh_temp.name, theirs.name])


def _entry(folder: Path, page: Page) -> tuple[Path, Path]:
    write_cached(page, folder)
    stem = folder / cache_key(page.url)
    return stem.with_suffix(".json"), stem.with_suffix(".html")


def _edit_meta(path: Path, **changes: object) -> None:
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(changes)
    path.write_text(json.dumps(meta), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda meta, body: body.write_bytes(b"X" * 900), id="body-swapped-same-size"),
        pytest.param(lambda meta, body: body.write_bytes(b"X" * 90), id="body-cut-short"),
        pytest.param(
            lambda meta, body: _edit_meta(meta, url="https://news.example/story/2"),
            id="entry-of-another-url",
        ),
        pytest.param(
            lambda meta, body: _edit_meta(
                meta, fetched_at=(datetime.now(UTC) + timedelta(days=30)).isoformat()
            ),
            id="fetched-in-the-future",
        ),
        pytest.param(
            lambda meta, body: _edit_meta(meta, fetched_at="2024-01-01T00:00:00"),
            id="no-time-zone",
        ),
        pytest.param(
            lambda meta, body: _edit_meta(meta, final_url="file:///etc/passwd"),
            id="final-url-not-web",
        ),
        pytest.param(
            lambda meta, body: _edit_meta(meta, content_type="application/x-sh"),
            id="content-type-not-a-page",
        ),
        pytest.param(
            lambda meta, body: _edit_meta(meta, padding="x" * 100_000), id="oversized-json"
        ),
        pytest.param(lambda meta, body: meta.write_text("[1, 2]"), id="json-not-an-object"),
    ],
)
def test_an_entry_is_checked_against_itself_before_it_is_trusted(
    tmp_path: Path, damage: object
) -> None:
    page = _page(1)
    meta, body = _entry(tmp_path, page)
    assert read_cached(page.url, tmp_path) == page
    damage(meta, body)  # type: ignore[operator]
    assert read_cached(page.url, tmp_path) is None


def test_an_entry_renamed_to_another_urls_key_is_not_that_page(tmp_path: Path) -> None:
    meta, body = _entry(tmp_path, _page(1))
    other = tmp_path / cache_key(_page(2).url)
    meta.rename(other.with_suffix(".json"))
    body.rename(other.with_suffix(".html"))
    assert read_cached(_page(2).url, tmp_path) is None


def test_an_entry_that_is_not_a_regular_file_is_not_opened(tmp_path: Path) -> None:
    page = _page(1, size=0)
    _meta, body = _entry(tmp_path, page)
    body.unlink()
    os.mkfifo(body)  # opening it for reading would wait for a writer forever
    assert read_cached(page.url, tmp_path) is None


def test_an_entry_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    page = _page(1, size=5000)
    _entry(tmp_path, page)
    assert read_cached(page.url, tmp_path, max_bytes=4999) is None
    assert read_cached(page.url, tmp_path, max_bytes=5000) == page


def test_a_full_disk_while_caching_leaves_nothing_half_written(
    news_site: Site, cache_in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> None:
        os.write(fd, data[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tui.store.atomic, "_write_all", full)
    loaded = load_document(news_site.url("/news/gazette"))
    assert loaded.document.outlet == "The Harbour Gazette"
    assert loaded.warnings == (
        f"{news_site.url('/news/gazette')}: cannot cache the page (No space left on device)",
    )
    assert list(cache_in_tmp.iterdir()) == []


def test_the_stored_body_is_what_was_accepted(news_site: Site, cache_in_tmp: Path) -> None:
    url = news_site.url("/gzipped")
    load_document(url)
    (body,) = cache_in_tmp.glob("*.html")
    meta = json.loads(body.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["size"] == body.stat().st_size
    assert meta["sha256"] == hashlib.sha256(body.read_bytes()).hexdigest()
    assert body.read_bytes().startswith(b"<!DOCTYPE html>")
