"""A comparison on a worker thread: its progress shown on screen, and the way to stop it.

The engine calls a report from inside its loops (``compare_documents(...,
progress=report)``, about every 4,096 items). :class:`ProgressRelay` is that
report for the app: it hands the news to a screen as a :class:`Progressed`
message, and it stops the comparison, by raising :class:`~tui.engine.Cancelled`,
once the reader no longer wants it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Hashable

from textual.message import Message
from textual.message_pump import MessagePump

from tui.engine import Cancelled

#: The least time between two messages: the screen redraws a bar or a
#: percentage ten times a second, however often the engine reports.
INTERVAL = 0.1


class Progressed(Message):
    """A comparison on a worker thread has come this far.

    Attributes:
        job: Which comparison (a re-alignment's target sensitivity, say): a
            report from one that was superseded can arrive late.
        stage: What it is doing ("matching sentences").
        done: How far the whole comparison has come, from 0 to 1.
    """

    def __init__(self, job: Hashable, stage: str, done: float) -> None:
        super().__init__()
        self.job = job
        self.stage = stage
        self.done = done


class ProgressRelay:
    """A progress report for the engine that posts :class:`Progressed` to a screen.

    Called on the worker's thread. ``post_message`` is thread-safe and does not
    wait for the app's thread, so the comparison never waits on the screen.

    Args:
        target: Where the messages go (the screen showing the progress).
        job: Carried by each message, to tell this comparison from another.
        stop: Asked at each report; once it says True, the report raises
            Cancelled and the comparison ends there.
        interval: The least time between two messages (the first of each
            stage, and the end, are always sent).
    """

    def __init__(
        self,
        target: MessagePump,
        job: Hashable,
        stop: Callable[[], bool],
        *,
        interval: float = INTERVAL,
    ) -> None:
        self._target = target
        self._job = job
        self._stop = stop
        self._interval = interval
        self._stage = ""
        self._sent = 0.0

    def __call__(self, stage: str, done: float) -> None:
        if self._stop():
            raise Cancelled
        now = time.monotonic()
        if stage == self._stage and done < 1.0 and now - self._sent < self._interval:
            return
        self._stage, self._sent = stage, now
        # After a quit the app's loop is gone while the work goes on: no one to tell.
        with contextlib.suppress(RuntimeError):
            self._target.post_message(Progressed(self._job, stage, done))
