"""The search prompt: one line of input under the articles."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Type words to find in both articles; enter searches, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close search", show=True)]

    class Cancelled(Message):
        """The reader closed the prompt without searching."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search both articles, enter to find", id=id)
        # A steady cursor: calmer to read beside, and snapshots stay stable.
        self.cursor_blink = False

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
