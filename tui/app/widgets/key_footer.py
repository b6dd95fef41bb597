"""The footer: Textual's, kept to the keys that fit on its one line."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

# Not exported by textual.widgets; textual is pinned, and tests cover this footer.
from textual.widgets._footer import FooterKey

#: The action whose key is never left out: help lists every other key.
HELP_ACTION = "help"


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact footer: ``key description`` and its margin."""
    width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    # A key has a margin of one on its right; the palette key a border on its left.
    return width + 1


def fitting(keys: list[FooterKey], width: int, palette: FooterKey | None) -> list[FooterKey]:
    """The keys that fit in ``width`` cells, in order; the palette key last if it fits too.

    Keys are left out from the end (the footer lists the most used first), but
    never the help key, which names the others.
    """
    shown = list(keys)
    while shown and sum(key_width(key) for key in shown) > width:
        drop = next(
            (i for i in range(len(shown) - 1, -1, -1) if shown[i].action != HELP_ACTION), None
        )
        if drop is None:
            break
        del shown[drop]
    if palette is not None and sum(key_width(k) for k in shown) + key_width(palette) <= width:
        shown.append(palette)
    return shown


class KeyFooter(Footer):
    """A compact Footer that never overflows: what does not fit is left out, not cut.

    Textual's Footer scrolls sideways when its keys are wider than the screen,
    which shows as a key cut in half; on a resize it is composed again for the
    new width, so nothing of the old line is left behind.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        keys: list[FooterKey] = []
        palette: FooterKey | None = None
        for widget in super().compose():
            if not isinstance(widget, FooterKey):
                yield widget  # binding groups: not used by the app, passed through
                continue
            if widget.has_class("-command-palette"):
                palette = widget
            else:
                keys.append(widget)
        width = self.size.width or self.app.size.width
        self._composed_width = width
        yield from fitting(keys, width, palette)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
