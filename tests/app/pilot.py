"""Helpers shared by the app's pilot tests."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, cast

from tui.app.app import StorydiffApp
from tui.app.screens.main import MainScreen


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async pilot test in its own event loop (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_of(app: StorydiffApp) -> MainScreen:
    """The reading screen the app shows."""
    return cast(MainScreen, app.screen)
