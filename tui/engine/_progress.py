"""Progress reports from a long comparison, and the way to stop one.

``compare_documents(..., progress=report)`` calls ``report(stage, done)`` as it
works: ``stage`` says what it is doing ("reading the left article", "matching
sentences", ...) and ``done`` how far the whole comparison has come, from 0 to 1.
Two 5 MB articles take seconds; an app shows the report and stays responsive.
To stop a comparison, raise an exception from ``report`` (the app raises
:class:`Cancelled`): the engine holds no state that a stop could leave behind.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, float], None]

# How many items (sentences, pairs, links) go by between two reports inside a
# loop: often enough for a stop to take effect within a fraction of a second,
# rarely enough to cost nothing measurable.
EVERY = 4096


class Cancelled(Exception):
    """Raised from a progress report to stop a comparison."""


class Stage:
    """One stage of a comparison: the share of the whole it spans, and its reports."""

    __slots__ = ("_name", "_report", "_span", "_start")

    def __init__(self, report: Progress | None, name: str, start: float, end: float) -> None:
        self._report = report
        self._name = name
        self._start = start
        self._span = end - start
        if report is not None:
            report(name, start)

    def tick(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` items, every EVERY items."""
        if self._report is not None and done % EVERY == 0 and total:
            self._report(self._name, self._start + self._span * min(1.0, done / total))
