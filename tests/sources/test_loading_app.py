"""The opening screen on real fetches: progress while two pages load, then the pair or the error."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from http.server import ThreadingHTTPServer
from typing import Any

from textual.widgets import Static

from tui.app.app import StorydiffApp
from tui.app.loading import LoadProgress, Opening
from tui.app.screens.main import MainScreen
from tui.cli import compare_loaded
from tui.engine import Comparison, InputError, Progress
from tui.sources import Loaded, load_documents

from .conftest import Site

#: Bounds a hung app (the failure this guards against) rather than timing anything.
PATIENCE = 20.0


def _opening(
    specs: list[str], *, refresh: bool = False, seen: list[Loaded] | None = None
) -> Opening:
    """What `storydiff open` does: load with the fetch's progress, then compare."""

    def load(progress: LoadProgress) -> Sequence[Loaded]:
        loaded = load_documents(specs, max_bytes=5 * 2**20, refresh=refresh, progress=progress)
        if seen is not None:
            seen[:] = loaded
        return loaded

    def compare(loaded: Sequence[Loaded], progress: Progress) -> Comparison:
        return compare_loaded(loaded, sensitivity=0.5, progress=progress)

    return Opening(tuple(specs), load, compare)


def reading(app: StorydiffApp) -> bool:
    """Whether the reading screen is up (mounted, its first sentence selected)."""
    return isinstance(app.screen, MainScreen) and app.screen.selection is not None


def _run(opening: Opening, steps: Any = None) -> StorydiffApp:
    """Run the app on ``opening`` until ``steps`` is done, then until it reads or has ended."""

    async def go() -> None:
        app = StorydiffApp(opening)
        async with app.run_test(size=(100, 24)) as pilot:
            if steps is not None:
                await steps(app, pilot)
            deadline = time.monotonic() + PATIENCE
            while app.is_running and not reading(app) and time.monotonic() < deadline:
                await pilot.pause(0.05)
        holder.append(app)

    holder: list[StorydiffApp] = []
    asyncio.run(go())
    return holder[0]


def test_two_pages_load_and_the_app_reads_them(news_site: Site) -> None:
    specs = [news_site.url("/news/gazette"), news_site.url("/news/valleypost")]
    app = _run(_opening(specs))
    assert app.opened
    assert app.comparison is not None
    assert [a.outlet for a in (app.comparison.left, app.comparison.right)] == [
        "The Harbour Gazette",
        "Valley Post",
    ]


def test_refresh_fetches_cached_pages_again(
    private_site: tuple[Site, ThreadingHTTPServer],
) -> None:
    site, _server = private_site
    specs = [site.url("/news/gazette"), site.url("/news/valleypost")]
    _run(_opening(specs))
    cached: list[Loaded] = []
    _run(_opening(specs, seen=cached))
    assert site.hits["/news/gazette"] == 1
    assert all(item.notes for item in cached)
    refreshed: list[Loaded] = []
    _run(_opening(specs, refresh=True, seen=refreshed))
    assert site.hits["/news/gazette"] == 2
    assert refreshed and not any(item.notes for item in refreshed)


def test_a_failure_ends_the_app_with_the_error(news_site: Site) -> None:
    specs = [news_site.url("/news/gazette"), news_site.url("/missing")]
    app = _run(_opening(specs))
    assert isinstance(app.return_value, InputError)
    assert "HTTP 404" in str(app.return_value)
    assert not app.opened


def test_progress_shows_while_fetching_and_escape_quits(news_site: Site) -> None:
    specs = [news_site.url("/slow"), news_site.url("/news/gazette")]
    seen: list[str] = []

    async def steps(app, pilot) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            await pilot.pause(0.05)
            line = str(app.screen.query_one("#side-0", Static).render())
            if line.startswith("Fetching"):
                seen.append(line)
                break
        await pilot.press("escape")

    started = time.monotonic()
    app = _run(_opening(specs), steps)
    assert seen and specs[0] in seen[0]
    assert app.return_value is None
    assert not app.opened
    # Quitting does not wait for the slow server (a bound on a hang, not a timing).
    assert time.monotonic() - started < 15
