"""A stand-in for a long comparison: it reports progress, then waits to be let go or stopped.

It runs on the app's worker thread as the engine would, calling the progress
report over and over (as the engine does inside its loops) until the test
releases it; a report that raises (the app's stop) ends it, as it ends the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tui.engine import Cancelled, Comparison, Progress

#: Bounds a stand-in that no test lets go (a failure), rather than timing anything.
PATIENCE = 30.0


class SlowComparison:
    """Reports ``(stage, done)`` until released (then returns ``result(sensitivity)``) or stopped.

    Attributes:
        calls: The sensitivities it was asked for, in order.
        cancelled: The sensitivities whose comparison a report stopped.
        reported: Set once it has reported progress.
        stopped: Set when a progress report raised Cancelled.
    """

    def __init__(
        self,
        result: Callable[[float], Comparison],
        *,
        stage: str = "matching sentences",
        done: float = 0.4,
    ) -> None:
        self.result = result
        self.stage = stage
        self.done = done
        self.calls: list[float] = []
        self.cancelled: list[float] = []
        self.reported = threading.Event()
        self.stopped = threading.Event()
        self._release = threading.Event()

    def release(self) -> None:
        """Let every comparison under way (and any later one) finish."""
        self._release.set()

    def __call__(self, sensitivity: float, *, progress: Progress | None = None) -> Comparison:
        assert progress is not None
        self.calls.append(sensitivity)
        waited = 0.0
        try:
            while waited < PATIENCE:
                progress(self.stage, self.done)
                self.reported.set()
                if self._release.wait(0.01):
                    return self.result(sensitivity)
                waited += 0.01
        except Cancelled:
            self.cancelled.append(sensitivity)
            self.stopped.set()
            raise
        raise AssertionError("the slow comparison was never released nor stopped")
