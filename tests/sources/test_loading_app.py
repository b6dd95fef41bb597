"""The loading app: progress while two pages are fetched, then the documents or the error."""

from __future__ import annotations

import asyncio
import time
from http.server import ThreadingHTTPServer

from textual.widgets import Static

from tui.engine import InputError
from tui.sources import Loaded

from .conftest import Site


def _run(specs: list[str], steps, refresh: bool = False) -> object:  # type: ignore[no-untyped-def]
    from tui.app.loading import LoadingApp

    async def go() -> object:
        app = LoadingApp(specs, max_bytes=5 * 2**20, refresh=refresh)
        async with app.run_test(size=(100, 20)) as pilot:
            await steps(app, pilot)
        return app.return_value

    return asyncio.run(go())


async def _wait_for_exit(app, pilot) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 20
    while app.is_running and time.monotonic() < deadline:
        await pilot.pause(0.05)


def test_two_pages_load_and_the_app_exits_with_them(news_site: Site) -> None:
    specs = [news_site.url("/news/gazette"), news_site.url("/news/valleypost")]
    result = _run(specs, _wait_for_exit)
    assert isinstance(result, list)
    assert all(isinstance(item, Loaded) for item in result)
    assert [item.document.outlet for item in result] == ["The Harbour Gazette", "Valley Post"]


def test_refresh_fetches_cached_pages_again(
    private_site: tuple[Site, ThreadingHTTPServer],
) -> None:
    site, _server = private_site
    specs = [site.url("/news/gazette"), site.url("/news/valleypost")]
    _run(specs, _wait_for_exit)
    cached = _run(specs, _wait_for_exit)
    assert site.hits["/news/gazette"] == 1
    assert all(item.notes for item in cached)  # type: ignore[attr-defined]
    refreshed = _run(specs, _wait_for_exit, refresh=True)
    assert site.hits["/news/gazette"] == 2
    assert not any(item.notes for item in refreshed)  # type: ignore[attr-defined]


def test_a_failure_ends_the_app_with_the_error(news_site: Site) -> None:
    specs = [news_site.url("/news/gazette"), news_site.url("/missing")]
    result = _run(specs, _wait_for_exit)
    assert isinstance(result, InputError)
    assert "HTTP 404" in str(result)


def test_progress_shows_while_fetching_and_escape_cancels(news_site: Site) -> None:
    specs = [news_site.url("/slow"), news_site.url("/news/gazette")]
    seen: list[str] = []

    async def steps(app, pilot) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            await pilot.pause(0.05)
            line = str(app.query_one("#side-0", Static).render())
            if line.startswith("Fetching"):
                seen.append(line)
                break
        await pilot.press("escape")

    started = time.monotonic()
    result = _run(specs, steps)
    assert seen and specs[0] in seen[0]
    assert result is None
    assert time.monotonic() - started < 15
