"""One article as flowing paragraphs, rendered line by line (Textual's Line API).

A long article is a single widget whatever its length: the paragraphs are
wrapped to the column width once per width, and only the lines on screen are
turned into strips, on demand, in ``render_line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.navigation import Navigator
from tui.engine import BOOKMARK, CATEGORIES, Category, Side, most_notable

#: Gutter cells: the bookmark mark, two glyphs (the categories of up to two
#: sentences on the line) and a space.
GUTTER = 4

_WORD = re.compile(r"\S+\s*")

# A piece of a line: (sentence id, start, end) in the sentence's display text.
# A sentence id of -1 is the single space between two sentences of a paragraph.
Piece = tuple[int, int, int]
_SEPARATOR: Piece = (-1, 0, 1)


_RIGHT_MARGIN = 1


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap by terminal cells.

    Args:
        text: One line of text (no newlines).
        width: Cells available; at least 1.

    Returns:
        ``(start, end)`` ranges of ``text``, one per line. A line keeps the
        spaces that follow its last word; a word wider than the line is cut.
    """
    width = max(1, width)
    if text.isascii() or cell_len(text) == len(text):
        return _wrap_narrow_chars(text, width)
    widths: list[int] | None = [get_character_cell_size(char) for char in text]

    def cells(start: int, end: int) -> int:
        return end - start if widths is None else sum(widths[start:end])

    lines: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    for match in _WORD.finditer(text):
        word_start = match.start()
        word_end = word_start + len(match.group().rstrip())
        word = cells(word_start, word_end)
        if used and used + word > width:
            lines.append((line_start, word_start))
            line_start, used = word_start, 0
        while word > width:
            # A word longer than the line (a URL, a run of symbols): cut it.
            cut, taken = line_start, 0
            while cut < word_end and taken + cells(cut, cut + 1) <= width:
                taken += cells(cut, cut + 1)
                cut += 1
            cut = max(cut, line_start + 1)
            lines.append((line_start, cut))
            line_start, used = cut, 0
            word = cells(cut, word_end)
        used += word + cells(word_end, match.end())
    if line_start < len(text) or not lines:
        lines.append((line_start, len(text)))
    return lines


def _wrap_narrow_chars(text: str, width: int) -> list[tuple[int, int]]:
    """:func:`wrap` for text whose every character is one cell wide.

    Jumps a line at a time with ``rfind`` instead of walking word by word:
    about ten times faster, which matters for a 2,000-sentence article.
    """
    lines: list[tuple[int, int]] = []
    start, end = 0, len(text)
    while end - start > width:
        # The last space that still lets the line's words fit (the space may overhang).
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append((start, start + width))  # one word wider than the line: cut it
            start += width
            continue
        stop = cut + 1
        while stop < end and text[stop] == " ":
            stop += 1
        lines.append((start, stop))
        start = stop
    if start < end or not lines:
        lines.append((start, end))
    return lines


@dataclass(frozen=True, slots=True)
class Layout:
    """An article wrapped to one width."""

    width: int
    lines: tuple[tuple[Piece, ...], ...]
    #: First and last line of each visible sentence.
    spans: dict[int, tuple[int, int]]


def layout_article(navigator: Navigator, side: Side, width: int) -> Layout:
    """Wrap a column's visible sentences, paragraph by paragraph, to ``width`` cells."""
    lines: list[tuple[Piece, ...]] = []
    spans: dict[int, tuple[int, int]] = {}
    paragraph: list[int] = []
    current: int | None = None

    def flush() -> None:
        if not paragraph:
            return
        if lines:
            lines.append(())  # a blank line between paragraphs
        texts = [navigator.display(side, sid) for sid in paragraph]
        owners: list[tuple[int, int, int]] = []
        position = 0
        for sid, text in zip(paragraph, texts, strict=True):
            owners.append((position, position + len(text), sid))
            position += len(text) + 1
        joined = " ".join(texts)
        owner = 0
        for start, end in wrap(joined, width):
            pieces: list[Piece] = []
            cursor = start
            while owner < len(owners) and cursor < end:
                o_start, o_end, sid = owners[owner]
                if cursor < o_start:
                    pieces.append(_SEPARATOR)
                    cursor = o_start
                    continue
                stop = min(end, o_end)
                if stop > cursor:
                    pieces.append((sid, cursor - o_start, stop - o_start))
                    first, _ = spans.get(sid, (len(lines), 0))
                    spans[sid] = (first, len(lines))
                cursor = stop
                if stop >= o_end:
                    owner += 1
            lines.append(tuple(pieces))
        paragraph.clear()

    for sid in navigator.visible(side):
        number = navigator.sentence(side, sid).paragraph
        if number != current:
            flush()
            current = number
        paragraph.append(sid)
    flush()
    return Layout(width, tuple(lines), spans)


_EMPTY = Layout(0, (), {})


class ArticleView(ScrollView, can_focus=False):
    """One column's article: paragraphs of sentences styled by category, with a glyph gutter."""

    # A sentence's text and its gutter glyph are styled by each of its categories.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--selected",
        "article-view--lit",
        "article-view--hit",
        *(f"article-view--{category.style}" for category in CATEGORIES),
        *(f"article-view--glyph-{category.style}" for category in CATEGORIES),
    }

    class SentenceClicked(Message):
        """The reader clicked a sentence."""

        def __init__(self, side: Side, sentence: int) -> None:
            self.side = side
            self.sentence = sentence
            super().__init__()

    class Scrolled(Message):
        """The view scrolled (the overview redraws its viewport mark)."""

        def __init__(self, side: Side) -> None:
            self.side = side
            super().__init__()

    def __init__(
        self,
        side: Side,
        navigator: Navigator,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.side: Side = side
        self.navigator = navigator
        self.selected: int | None = None
        self.lit: frozenset[int] = frozenset()
        self.hits: dict[int, tuple[tuple[int, int], ...]] = {}
        self._layout: Layout | None = None
        self._line_categories: list[Category | None] | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        #: The sentence to keep on screen when the view's size changes (the
        #: selection, or the counterpart shown beside it), if any.
        self.keep_in_view: int | None = None

    # --- state ---------------------------------------------------------------

    def set_navigator(self, navigator: Navigator) -> None:
        """Show a new comparison (or the same one with furniture toggled)."""
        old, self.navigator = self.navigator, navigator
        same_text = old.visible(self.side) == navigator.visible(self.side) and (
            old.article(self.side).sentences == navigator.article(self.side).sentences
        )
        # A sensitivity change or new bookmarks re-style sentences but wrap them
        # the same way: keep the layout (wrapping 2,000 sentences is the slow part).
        if not same_text:
            self._layout = None
        self._line_categories = None
        self._strips.clear()
        self._relayout()
        self.refresh()

    def set_marks(
        self,
        selected: int | None,
        lit: frozenset[int],
        hits: dict[int, tuple[tuple[int, int], ...]],
    ) -> None:
        """Light the selected sentence, its counterparts, and search hits."""
        if (selected, lit, hits) == (self.selected, self.lit, self.hits):
            return
        changed = {self.selected, selected} | (self.lit ^ lit)
        changed |= {
            sid for sid in hits.keys() | self.hits.keys() if hits.get(sid) != self.hits.get(sid)
        }
        self.selected, self.lit, self.hits = selected, lit, hits
        # Repaint only the lines of sentences whose marks changed: a key press
        # touches a handful of lines, not the whole view.
        spans = self.text_layout.spans
        for sid in changed:
            if sid is None or sid not in spans:
                continue
            first, last = spans[sid]
            for line in range(first, last + 1):
                self._strips.pop(line, None)
            self.refresh_lines(first, last - first + 1)

    @property
    def text_layout(self) -> Layout:
        """The current wrapping of the article (computed on first use)."""
        if self._layout is None:
            self._relayout()
        if self._layout is None:
            return _EMPTY  # not sized yet
        return self._layout

    def _text_width(self) -> int:
        # One cell kept free on the right so words never touch the overview strip.
        return max(8, self.scrollable_content_region.width - GUTTER - _RIGHT_MARGIN)

    def _relayout(self) -> None:
        if not self.size.width:
            return  # not sized yet: wrapping to a made-up width would be wasted
        width = self._text_width()
        if self._layout is not None and self._layout.width == width:
            return
        self._layout = layout_article(self.navigator, self.side, width)
        self._line_categories = None
        self._strips.clear()
        self.virtual_size = Size(width + GUTTER, len(self._layout.lines))
        self.refresh()
        self.post_message(self.Scrolled(self.side))  # the overview redraws for the new layout

    def sentence_lines(self, sentence: int) -> tuple[int, int] | None:
        """First and last line of a sentence, or None if it is not shown."""
        return self.text_layout.spans.get(sentence)

    def sentence_near_line(self, line: int, *, forward: bool = True) -> int | None:
        """The first sentence that starts on or after ``line`` (before it, if not ``forward``).

        Past either end of the article: the last (or first) sentence.
        """
        spans = self.text_layout.spans
        if not spans:
            return None
        ordered = sorted(spans.items(), key=lambda item: item[1][0])
        if forward:
            after = [sid for sid, (first, _) in ordered if first >= line]
            return after[0] if after else ordered[-1][0]
        before = [sid for sid, (first, last) in ordered if first <= line]
        return before[-1] if before else ordered[0][0]

    def scroll_to_sentence(self, sentence: int) -> None:
        """Scroll just enough to show a sentence, leaving some context above it.

        The sentence becomes the view's :attr:`keep_in_view`: it is brought back into
        view whenever the view changes size (the detail panel opens, the
        terminal is resized).
        """
        self.keep_in_view = sentence
        if not self.size.width:
            return  # done once the view has a size (on_resize)
        span = self.sentence_lines(sentence)
        if span is None:
            return
        first, last = span
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if first >= top and last < top + height:
            return
        # Context above, as much as the sentence leaves room for: a long sentence
        # starts at the top, so that as much of it as fits is on screen.
        context = max(0, min(height // 3, height - (last - first + 1)))
        self.scroll_to(y=max(0, first - context), animate=False, immediate=True)

    def line_categories(self) -> list[Category | None]:
        """The most notable category on each line (None for blank lines)."""
        if self._layout is None:
            return []  # not sized yet: nothing to show, and nothing to remember
        if self._line_categories is None:
            nav, side = self.navigator, self.side
            found: list[Category | None] = []
            for pieces in self.text_layout.lines:
                shown = {nav.category(side, sid) for sid, _, _ in pieces if sid >= 0}
                found.append(most_notable(shown))
            self._line_categories = found
        return self._line_categories

    # --- rendering -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _base(self) -> Style:
        # Widget.rich_style walks the ancestors on every call (about 1 ms here):
        # computed once per style update, not once per segment.
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"article-view--{name}")
        return style

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        if self.keep_in_view is not None:
            self.scroll_to_sentence(self.keep_in_view)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Scrolled(self.side))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.scrollable_content_region.width
        strip = self._strips.get(line)
        if strip is None:
            strip = self._render_article_line(line, width)
            self._strips[line] = strip
        return strip.crop(scroll_x, scroll_x + width)

    def _render_article_line(self, line: int, width: int) -> Strip:
        base = self._base()
        lines = self.text_layout.lines
        if line >= len(lines) or not lines[line]:
            return Strip.blank(width, base)
        nav, side = self.navigator, self.side
        pieces = lines[line]
        segments: list[Segment] = []
        glyphs: list[Category] = []
        marked = False
        for sid, _, _ in pieces:
            if sid >= 0:
                marked = marked or nav.is_bookmarked(side, sid)
                category = nav.fact_category(side, sid)
                if category not in glyphs:
                    glyphs.append(category)
        # The bookmark has a cell of its own: the category glyphs still say what
        # a bookmarked sentence is (shared, only here, a lone quote).
        if marked:
            segments.append(Segment(BOOKMARK.glyph, base + self._style("glyph-bookmark")))
        else:
            segments.append(Segment(" ", base))
        for category in glyphs[:2]:
            segments.append(Segment(category.glyph, base + self._style(f"glyph-{category.style}")))
        segments.append(Segment(" " * (GUTTER - 1 - len(glyphs[:2])), base))
        for index, (sid, start, end) in enumerate(pieces):
            if sid < 0:
                # The space between two sentences takes the selection's colour
                # only when both neighbours are lit, so a sentence reads as one block.
                before = pieces[index - 1][0] if index else -1
                after = pieces[index + 1][0] if index + 1 < len(pieces) else -1
                style = base
                if before == after == self.selected or (before in self.lit and after in self.lit):
                    style = self._sentence_style(before)
                segments.append(Segment(" ", style))
                continue
            text = nav.display(side, sid)
            style = self._sentence_style(sid)
            cuts = [start]
            marks: list[bool] = []
            for hit_start, hit_end in self.hits.get(sid, ()):
                a, b = max(start, hit_start), min(end, hit_end)
                if a < b:
                    if a > cuts[-1]:
                        marks.append(False)
                        cuts.append(a)
                    marks.append(True)
                    cuts.append(b)
            if cuts[-1] < end:
                marks.append(False)
                cuts.append(end)
            hit_style = style + self._style("hit")
            for (a, b), is_hit in zip(pairwise(cuts), marks, strict=True):
                segments.append(Segment(text[a:b], hit_style if is_hit else style))
        strip = Strip(segments)
        return strip.adjust_cell_length(width, base)

    def _sentence_style(self, sid: int) -> Style:
        style = self._base()
        # The most notable category last, so that its colour wins.
        for category in reversed(self.navigator.categories(self.side, sid)):
            style += self._style(category.style)
        if sid == self.selected:
            style += self._style("selected")
        elif sid in self.lit:
            style += self._style("lit")
        return style

    # --- mouse ---------------------------------------------------------------------

    def sentence_at(self, x: int, y: int) -> int | None:
        """The sentence under a point of the widget, if any."""
        line = y + round(self.scroll_y)
        lines = self.text_layout.lines
        if not 0 <= line < len(lines):
            return None
        column = x + round(self.scroll_x) - GUTTER
        if column < 0:
            # A click in the gutter picks the line's first sentence.
            return next((sid for sid, _, _ in lines[line] if sid >= 0), None)
        used = 0
        for sid, start, end in lines[line]:
            text = " " if sid < 0 else self.navigator.display(self.side, sid)[start:end]
            used += cell_len(text)
            if column < used:
                return sid if sid >= 0 else None
        return None

    def on_click(self, event: events.Click) -> None:
        sentence = self.sentence_at(event.x, event.y)
        if sentence is not None:
            event.stop()
            self.post_message(self.SentenceClicked(self.side, sentence))
