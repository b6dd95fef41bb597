"""A minimap of a whole article beside its column: categories by colour, the viewport marked."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.app.widgets.article_view import ArticleView
from tui.engine import CATEGORIES, Category, Side, most_notable


class Overview(Widget, can_focus=False):
    """Each row stands for a slice of the article's lines, coloured by its most notable category.

    Rows inside the article's viewport carry a bar on their left. Clicking a
    row asks for the article to scroll there.
    """

    DEFAULT_CSS = """
    Overview {
        width: 2;
        height: 1fr;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "overview--viewport",
        *(f"overview--{category.style}" for category in CATEGORIES),
    }

    class Jumped(Message):
        """The reader clicked the overview: scroll the article to ``fraction`` of its length."""

        def __init__(self, side: Side, fraction: float) -> None:
            self.side = side
            self.fraction = fraction
            super().__init__()

    def __init__(self, view: ArticleView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self._rows: list[Category | None] | None = None
        self._rows_key: tuple[int, int, int] | None = None
        self._styles: dict[str, Style] = {}

    def invalidate(self) -> None:
        """The article's layout or categories changed."""
        self._rows = None
        self.refresh()

    def _lines_per_row(self) -> int:
        """Article lines each row stands for: 1 while the article fits, more once it does not."""
        total = len(self.view.text_layout.lines)
        height = max(1, self.size.height)
        return max(1, -(-total // height))

    def _row_categories(self) -> list[Category | None]:
        per_line = self.view.line_categories()
        step = self._lines_per_row()
        key = (step, len(per_line), id(self.view.text_layout))
        if self._rows is None or self._rows_key != key:
            rows: list[Category | None] = []
            for start in range(0, len(per_line), step):
                found = {c for c in per_line[start : start + step] if c is not None}
                rows.append(most_notable(found))
            self._rows, self._rows_key = rows, key
        return self._rows

    def _viewport_rows(self) -> tuple[int, int]:
        step = self._lines_per_row()
        top = round(self.view.scroll_y)
        shown = max(1, self.view.scrollable_content_region.height)
        last_line = min(len(self.view.text_layout.lines), top + shown) - 1
        return top // step, max(top, last_line) // step

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        base = self._style("")
        rows = self._row_categories()
        if y >= len(rows):
            return Strip.blank(self.size.width, base)
        first, last = self._viewport_rows()
        in_view = first <= y <= last
        marker = Segment("▐" if in_view else " ", base + self._style("viewport"))
        category = rows[y]
        cell = (
            Segment("█", base + self._style(category.style))
            if category is not None
            else Segment(" ", base)
        )
        return Strip([marker, cell]).adjust_cell_length(self.size.width, base)

    def _style(self, name: str) -> Style:
        # Styles are looked up once per style update: rich_style walks the ancestors.
        style = self._styles.get(name)
        if style is None:
            style = (
                self.rich_style if not name else self.get_component_rich_style(f"overview--{name}")
            )
            self._styles[name] = style
        return style

    def on_click(self, event: events.Click) -> None:
        event.stop()
        # Rows map to lines at a fixed rate, so a row's first line is where to go.
        lines = max(1, len(self.view.text_layout.lines))
        fraction = min(1.0, event.y * self._lines_per_row() / lines)
        self.post_message(self.Jumped(self.view.side, fraction))
