"""App-wide messages: what happened on the main screen, for any widget or screen that cares."""

from __future__ import annotations

from textual.message import Message

from tui.engine import Comparison, Side


class SelectionChanged(Message):
    """The reader selected another sentence."""

    def __init__(self, side: Side, sentence: int) -> None:
        self.side = side
        self.sentence = sentence
        super().__init__()


class Realigned(Message):
    """The comparison was recomputed (a sensitivity change) and is now shown."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        super().__init__()
