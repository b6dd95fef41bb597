"""Fetching the two articles with progress on screen, before the reading app opens.

A small app of its own: it runs `tui.sources.load_documents` in a background
thread (both URLs are fetched at the same time), shows what each side is doing,
stays responsive (escape or q cancels), and exits with the loaded documents.
The thread is a daemon rather than a Textual worker so that cancelling exits at
once: a Textual app waits for its thread workers to finish, which for a hung
server means the whole fetch timeout.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import LoadingIndicator, Static

from tui.engine import InputError
from tui.sources import DEFAULT_TIMEOUT, Loaded, load_documents, shown_url

_DOING = {
    "fetching": "Fetching",
    "extracting": "Extracting the article from",
}


class LoadingApp(App[Sequence[Loaded] | InputError | None]):
    """Shows "Fetching …" for each article while a worker loads them.

    The result is the loaded documents, the InputError that stopped them, or
    None when the reader cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    LoadingApp { align: center middle; }
    LoadingApp #loading { width: 80%; height: auto; padding: 1 2; border: round $accent; }
    LoadingApp .side { height: auto; }
    LoadingApp LoadingIndicator { height: 1; margin-top: 1; }
    """

    def __init__(
        self,
        specs: Sequence[str],
        *,
        max_bytes: int,
        refresh: bool,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__()
        self.specs = tuple(specs)
        self.max_bytes = max_bytes
        self.refetch = refresh
        self.timeout = timeout

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            for index, spec in enumerate(self.specs):
                yield Static(self._line("Waiting for", spec), id=f"side-{index}", classes="side")
            yield LoadingIndicator()

    def on_mount(self) -> None:
        threading.Thread(target=self._load, name="storydiff-loading", daemon=True).start()

    def _load(self) -> None:
        result: Sequence[Loaded] | InputError
        try:
            result = load_documents(
                self.specs,
                max_bytes=self.max_bytes,
                refresh=self.refetch,
                timeout=self.timeout,
                progress=lambda spec, what: self._from_thread(self._show, spec, what),
            )
        except InputError as exc:
            result = exc
        except Exception as exc:  # a bug, but still one line for the user
            result = InputError(f"loading failed ({type(exc).__name__}: {exc})")
        self._from_thread(self.exit, result)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        # After a cancel the app is gone; the late thread has no one to tell.
        if self.is_running:
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(callback, *args)

    def _line(self, doing: str, spec: str) -> Text:
        # The spec is typed by the user (or pasted): data, never markup, and
        # a URL's password stays off the screen.
        return Text.assemble((doing, "bold"), " ", shown_url(spec), " …")

    def _show(self, spec: str, what: str) -> None:
        for index, known in enumerate(self.specs):
            if known == spec:
                line = self._line(_DOING.get(what, what.capitalize()), spec)
                self.query_one(f"#side-{index}", Static).update(line)

    def action_cancel(self) -> None:
        """Stop waiting; a fetch in progress is abandoned."""
        self.exit(None)


def load_with_progress(
    specs: Sequence[str], *, max_bytes: int, refresh: bool, timeout: float = DEFAULT_TIMEOUT
) -> Sequence[Loaded]:
    """Load the articles while a small app shows the progress.

    Args:
        specs: The articles, as for `tui.sources.load_documents`. Not ``-``:
            standard input cannot be read while an app owns the terminal.
        max_bytes: The largest input accepted.
        refresh: Fetch URLs again even when cached.
        timeout: Seconds allowed for each page, from connecting to its last byte.

    Returns:
        One Loaded per spec, in order.

    Raises:
        InputError: an article is unusable.
        KeyboardInterrupt: the reader cancelled.
    """
    result = LoadingApp(specs, max_bytes=max_bytes, refresh=refresh, timeout=timeout).run()
    if isinstance(result, InputError):
        raise result
    if result is None:
        raise KeyboardInterrupt
    return result
