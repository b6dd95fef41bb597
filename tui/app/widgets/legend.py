"""The legend: what each gutter glyph and overview colour means, coloured as on screen.

One line under the articles (``l`` hides it), and a list on the help screen.
Both read the engine's category registry, so they name every category in its
order, with the colours the article view and the overview strip use.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.engine import CATEGORIES

#: What the overview strip's bar means, as a legend entry (glyph, style, label, meaning).
VIEWPORT_ENTRY = (
    "▐",
    "viewport",
    "strip: on screen",
    "the overview strip: the bar marks what is on screen",
)


def legend_entries() -> list[tuple[str, str, str, str]]:
    """What the legend names, in order: ``(glyph, style, short label, meaning)``.

    Every category of the registry, in its order, then the overview strip's bar.
    """
    entries = [(c.glyph, c.style, c.label, c.meaning) for c in CATEGORIES]
    entries.append(VIEWPORT_ENTRY)
    return entries


class Legend(Widget, can_focus=False):
    """Every category's glyph and meaning, in the colours of the gutter.

    Args:
        full: One category a line with its whole meaning (the help screen),
            instead of one line of short labels that leaves out what does not fit.
    """

    DEFAULT_CSS = """
    Legend {
        height: 1;
        padding: 0 1;
    }
    Legend.-full {
        height: auto;
        padding: 0;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "legend--label",
        "legend--viewport",
        *(f"legend--{category.style}" for category in CATEGORIES),
    }

    def __init__(self, *, full: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="-full" if full else None)
        self.full = full

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"legend--{name}")

    def render(self) -> Text:
        entries = legend_entries()
        label = self._style("label")
        if self.full:
            lines = Text()
            for glyph, style, _short, meaning in entries:
                lines.append(f"{glyph}  ", self._style(style))
                lines.append(f"{meaning}\n", label)
            lines.rstrip()
            return lines
        width = self.content_region.width or 200
        pieces = [(glyph, style, short) for glyph, style, short, _ in entries]
        if _width(pieces, "  ") > width:
            # Narrow: single spaces and shorter words ("strong", not "strong link").
            pieces = [(g, style, _shorter(short)) for g, style, short in pieces]
            gap = " "
        else:
            gap = "  "
        line = Text(no_wrap=True, overflow="crop")
        for glyph, style, short in pieces:
            before = gap if line.plain else ""
            if cell_len(line.plain) + cell_len(f"{before}{glyph} {short}") > width:
                break  # what does not fit is left out whole (help lists it all)
            line.append(before)
            line.append(f"{glyph} ", self._style(style))
            line.append(short, label)
        return line


#: Fewer letters for a narrow legend (the help screen has the whole meanings).
_SHORTER = {"bookmark": "mark", "furniture": "other", "strip: on screen": "view"}


def _shorter(label: str) -> str:
    return _SHORTER.get(label, label.removesuffix(" link"))


def _width(pieces: list[tuple[str, str, str]], gap: str) -> int:
    return sum(cell_len(f"{glyph} {short}") for glyph, _, short in pieces) + len(gap) * (
        len(pieces) - 1
    )
