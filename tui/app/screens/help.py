"""The help screen: every key of the reading view, and the legend of glyphs and colours."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.widgets.legend import Legend

_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "question_mark": "?",
    "enter": "enter",
    "escape": "escape",
    "home": "home",
    "end": "end",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}

#: Keys the app itself provides, beyond the reading view's own.
APP_KEYS = (
    ("ctrl+p", "Command palette: every action, and the theme (light or dark)"),
    ("ctrl+q", "Quit"),
)


def keys_content(
    bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
) -> Content:
    """A two-column table of keys and what they do, from a BINDINGS list.

    Args:
        bindings: The bindings.
        keymap: The user's keys by binding id, which replace a binding's own.
    """
    keymap = keymap or {}
    rows: list[tuple[str, str]] = []
    for item in bindings:
        if not isinstance(item, Binding):
            continue
        key = keymap.get(item.id or "", item.key)
        keys = "/".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))
        rows.append((keys, item.tooltip or item.description))
    rows += APP_KEYS
    width = max(len(keys) for keys, _ in rows) + 2
    parts: list[str | tuple[str, str]] = [("\nKeys\n", "bold underline")]
    for keys, description in rows:
        parts += [(keys.ljust(width), "bold $text-accent"), description, "\n"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of escape, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", show=True),
    ]

    def __init__(
        self, bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self._bindings_list = list(bindings)
        self._keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("Gutter, overview strip and legend", "bold underline"))
            yield Legend(full=True, id="help-legend")
            yield Static(keys_content(self._bindings_list, self._keymap), id="help-keys")
            yield Static(Content.styled("\nescape, ? or q closes this screen", "$text-muted"))
