"""The opening screen: the two articles loaded and compared, with progress on screen.

The app starts on it at once. A background thread loads the pair (fetching two
URLs at the same time) and compares it; the screen shows what each article is
doing, then the comparison's stage and a bar, and stays responsive: escape or
ctrl+q quits. Then the app shows the reading screen, or ends with the error.

The thread is a daemon rather than a Textual worker so that quitting is
immediate: a Textual app waits for its worker threads when it exits, which for
a hung server would be the whole fetch timeout. A comparison under way stops at
the engine's next progress report once the screen has gone.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from tui.app.progress import Progressed, ProgressRelay
from tui.engine import Cancelled, Comparison, InputError, Progress
from tui.sources import Loaded, is_url, shown_url

#: Told what happens to one article while it loads: ``(spec, "fetching")``.
LoadProgress = Callable[[str, str], None]

#: What each article is doing, as its line on the screen reads it.
_DOING = {
    "waiting": "Waiting for",
    "reading": "Reading",
    "fetching": "Fetching",
    "extracting": "Extracting the article from",
    "loaded": "Loaded",
}
#: The job the comparison's progress messages carry (a re-alignment carries its sensitivity).
_OPENING = "opening"


@dataclass(frozen=True, slots=True)
class Opening:
    """How the app gets the pair it shows: what to load, how, and how to compare it.

    Both callables run on the opening thread and raise InputError for unusable
    input (the app then ends with that error).

    Attributes:
        specs: The articles as named on the command line, shown while they load.
        load: Loads them, telling its argument what happens to each; returns one
            Loaded per spec.
        compare: Compares the loaded articles, calling its progress argument as
            ``compare_documents`` does (it raises to stop the comparison).
    """

    specs: tuple[str, ...]
    load: Callable[[LoadProgress], Sequence[Loaded]]
    compare: Callable[[Sequence[Loaded], Progress], Comparison]


class OpeningScreen(Screen[None]):
    """Each article's loading, then the comparison's stage and progress bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "Cancel", tooltip="Stop opening the articles, and quit")
    ]

    class Stepped(Message):
        """One article has moved on (``what``: fetching, extracting, loaded)."""

        def __init__(self, spec: str, what: str) -> None:
            super().__init__()
            self.spec = spec
            self.what = what

    class Compared(Message):
        """The pair is compared (posted by the opening thread to the screen)."""

        def __init__(self, comparison: Comparison, loaded: Sequence[Loaded]) -> None:
            super().__init__()
            self.comparison = comparison
            self.loaded = tuple(loaded)

    class Opened(Message):
        """The pair is loaded and compared: the reading screen can show it."""

        def __init__(self, comparison: Comparison, loaded: Sequence[Loaded]) -> None:
            super().__init__()
            self.comparison = comparison
            self.loaded = tuple(loaded)

    class Failed(Message):
        """An article is unusable (the message is one line for the user)."""

        def __init__(self, error: InputError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, opening: Opening) -> None:
        super().__init__()
        self.opening = opening
        #: Set when the screen goes: the comparison stops at its next report.
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="opening"):
            for index, spec in enumerate(self.opening.specs):
                doing = "waiting" if is_url(spec) else "reading"
                yield Static(self._line(doing, spec), id=f"side-{index}", classes="side")
            yield Static(Text("Comparing", "bold"), id="stage")
            yield ProgressBar(total=None, show_eta=False, id="progress")

    def on_mount(self) -> None:
        box = self.query_one("#opening")
        box.border_title = "Opening two articles"
        box.border_subtitle = "escape cancels"
        threading.Thread(target=self._open, name="storydiff-opening", daemon=True).start()

    def on_unmount(self) -> None:
        self._stop.set()

    # The thread's messages can still arrive while a quit takes the widgets
    # down: hence query (none found is no error), not query_one.

    @on(Stepped)
    def _stepped(self, event: Stepped) -> None:
        for index, spec in enumerate(self.opening.specs):
            if spec == event.spec:
                for line in self.query(f"#side-{index}").results(Static):
                    line.update(self._line(event.what, spec))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        event.stop()
        # The engine's stage names are its own words, never article text.
        self._show_stage(Text.assemble(("Comparing", "bold"), ": ", event.stage), event.done)

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        event.stop()
        # Laying out two long articles takes about a second (two 4.5 MB ones):
        # say so in a frame of its own before the reading screen is built.
        self._show_stage(Text("Laying out the articles", "bold"), 1.0)
        self.refresh()
        self.call_after_refresh(self.post_message, self.Opened(event.comparison, event.loaded))

    def _show_stage(self, stage: Text, done: float) -> None:
        for line in self.query("#stage").results(Static):
            line.update(stage)
        for bar in self.query(ProgressBar):
            bar.update(total=100, progress=round(100 * done, 1))

    def _line(self, what: str, spec: str) -> Text:
        # The spec is typed by the user (or pasted): data, never markup, and
        # a URL's password stays off the screen.
        where = "standard input" if spec == "-" else shown_url(spec)
        ellipsis = "" if what == "loaded" else " …"
        return Text.assemble((_DOING.get(what, what.capitalize()), "bold"), " ", where, ellipsis)

    def _open(self) -> None:
        """Load and compare the pair (on the opening thread), then post the outcome."""
        opening = self.opening
        outcome: Message
        try:
            loaded = opening.load(lambda spec, what: self._post(self.Stepped(spec, what)))
            for spec in opening.specs:
                self._post(self.Stepped(spec, "loaded"))
            relay = ProgressRelay(self, _OPENING, stop=self._stop.is_set)
            comparison = opening.compare(loaded, relay)
        except Cancelled:
            return  # the reader quit: no one is waiting for the outcome
        except InputError as exc:
            outcome = self.Failed(exc)
        except Exception as exc:  # a bug, but still one line for the user
            outcome = self.Failed(InputError(f"opening failed ({type(exc).__name__}: {exc})"))
        else:
            outcome = self.Compared(comparison, loaded)
        self._post(outcome)

    def _post(self, message: Message) -> None:
        # post_message is thread-safe; after a quit the app's loop is gone.
        with contextlib.suppress(RuntimeError):
            self.post_message(message)
