"""A stand-in for a long comparison: it reports progress, then waits to be let go or stopped.

(And an app's opening of two articles that uses it.)

It runs on the app's worker thread as the engine would, calling the progress
report over and over (as the engine does inside its loops) until the test
releases it; a report that raises (the app's stop) ends it, as it ends the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from tui.app.loading import LoadProgress, Opening
from tui.engine import Cancelled, Comparison, Document, Progress
from tui.sources import Loaded

#: Bounds a stand-in that no test lets go (a failure), rather than timing anything.
PATIENCE = 30.0
#: The articles an opening names.
SPECS = ("gazette.txt", "courier.txt")


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


def loaded_pair(
    warnings: tuple[str, ...] = (), notes: tuple[str, ...] = ()
) -> Callable[[LoadProgress], Sequence[Loaded]]:
    """A load that has the two articles at once (their text is the stand-in's business)."""

    def load(progress: LoadProgress) -> Sequence[Loaded]:
        return [
            Loaded(Document("One.", source=SPECS[0]), warnings, notes),
            Loaded(Document("Two.", source=SPECS[1])),
        ]

    return load


def opening(
    slow: SlowComparison, load: Callable[[LoadProgress], Sequence[Loaded]] | None = None
) -> Opening:
    """An app's opening of SPECS: ``load`` (by default :func:`loaded_pair`), then ``slow``."""

    def compare(loaded: Sequence[Loaded], progress: Progress) -> Comparison:
        return slow(0.5, progress=progress)

    return Opening(SPECS, load or loaded_pair(), compare)
