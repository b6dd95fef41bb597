"""The detail panel: one link seen closely, word by word."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.app.labels import outlet_label
from tui.app.navigation import Position, display_text
from tui.engine import Comparison, DiffToken, Link, Quote, Side, other_side, word_diff
from tui.sanitize import printable

_LEFT_ONLY = "$text-error bold underline"
_RIGHT_ONLY = "$text-success bold underline"
_LABEL = "bold"
_MUTED = "$text-muted"


#: What each strength of link means to a reader (the score behind it is the engine's business).
STRENGTH_MEANING = {
    "strong": "strong: they say essentially the same thing",
    "partial": "partial: one fact in common; each also says more",
}
#: A quote longer than this is shown by its first and last words (the sentence is above it).
QUOTE_CHARS = 90


class DetailPanel(VerticalScroll, can_focus=False):
    """Both sentences of the selected link, the words only each has, conflicts and quotes.

    Its height is fixed (a share of the screen), so the columns do not reflow as
    the selection moves; a long detail scrolls (``[`` and ``]`` on the reading screen).
    """

    DEFAULT_CSS = """
    DetailPanel {
        height: 35%;
        min-height: 5;
        max-height: 14;
    }
    DetailPanel > Static {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, comparison: Comparison, selection: Position | None, counterpart: int) -> None:
        """Describe the link between the selection and one of its counterparts.

        Args:
            comparison: The comparison being read.
            selection: The selected sentence.
            counterpart: Which of its counterparts (index into ``counterparts``).
        """
        content = detail_content(comparison, selection, counterpart)
        body = self.query_one("#detail-body", Static)
        if content != body.content:
            body.update(content)
            self.scroll_home(animate=False, immediate=True)


def detail_content(comparison: Comparison, selection: Position | None, counterpart: int) -> Content:
    """The panel's text for the selection's ``counterpart``-th link."""
    if selection is None:
        return Content("Nothing selected.")
    links = comparison.links_of(selection.side, selection.sentence)
    if not links:
        parts: list[str | tuple[str, str] | Content] = [
            ("Only here. ", _LABEL),
            (
                f"No sentence of {outlet_label(comparison.article(other_side(selection.side)))} "
                "reports this fact at the current sensitivity (+ finds looser links).",
                _MUTED,
            ),
        ]
        for quote in comparison.article(selection.side).quotes_in(selection.sentence):
            parts += ["\n", quote_line(comparison, selection.side, quote)]
        return Content.assemble(*parts)
    link = links[counterpart % len(links)]
    return _link_content(comparison, link, counterpart % len(links), len(links))


def _text_of(comparison: Comparison, side: Side, sentence_id: int) -> str:
    return comparison.article(side).sentences[sentence_id].text


def _link_content(comparison: Comparison, link: Link, index: int, count: int) -> Content:
    left_text = _text_of(comparison, "left", link.left)
    right_text = _text_of(comparison, "right", link.right)
    hint = (
        "enter: next counterpart · [ ]: scroll · escape: close"
        if count > 1
        else ("[ ]: scroll · escape: close")
    )
    parts: list[str | tuple[str, str] | Content] = [
        (f"Link {index + 1} of {count}" if count > 1 else "Link", _LABEL),
        f" · {STRENGTH_MEANING[link.strength]}   ",
        (hint, _MUTED),
        "\n",
    ]
    tokens = tuple(word_diff(left_text, right_text))
    parts += [
        (f"◀ {outlet_label(comparison.left)}: ", _LABEL),
        _diff_line(left_text, tokens, keep="-", style=_LEFT_ONLY),
        "\n",
        (f"▶ {outlet_label(comparison.right)}: ", _LABEL),
        _diff_line(right_text, tokens, keep="+", style=_RIGHT_ONLY),
        "\n",
    ]
    if link.conflicts:
        parts.append(("Conflicts: ", "bold $text-error"))
        parts.append(
            Content("; ").join(
                Content.assemble(
                    (printable(c.left), "$text-error bold"),
                    " ≠ ",
                    (printable(c.right), "$text-error bold"),
                    (f" ({c.type})", _MUTED),
                )
                for c in link.conflicts
            )
        )
        parts.append("\n")
    if link.shared_terms:
        parts += [("Why: ", _LABEL), "shared words ", printable(", ".join(link.shared_terms)), "\n"]
    else:
        parts += [("Why: ", _LABEL), ("the same fact in other words", _MUTED), "\n"]
    ends: tuple[tuple[Side, int], ...] = (("left", link.left), ("right", link.right))
    for side, sentence_id in ends:
        for quote in comparison.article(side).quotes_in(sentence_id):
            parts += [quote_line(comparison, side, quote), "\n"]
    return Content.assemble(*parts)


def _diff_line(text: str, tokens: Sequence[DiffToken], *, keep: str, style: str) -> Content:
    """One sentence as written, with the words only this side has marked.

    The engine's tokens carry words without punctuation (and common words in
    the left's spelling), so each token is found in the sentence in reading
    order; a common word not found as written is skipped, not guessed.
    """
    shown = display_text(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for token in tokens:
        if token.op not in ("=", keep) or not token.text.strip():
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(token.text) + r"(?!\w)")
        found = pattern.search(text, cursor)
        if found is None:
            continue
        if token.op == keep:
            spans.append(found.span())
        cursor = found.end()
    pieces: list[str | tuple[str, str]] = []
    position = 0
    for start, end in spans:
        pieces += [shown[position:start], (shown[start:end], style)]
        position = end
    pieces.append(shown[position:])
    return Content.assemble(*pieces)


def quote_line(comparison: Comparison, side: Side, quote: Quote) -> Content:
    """One quote: its words (the first and last of a long one), who said it, who carries it.

    Args:
        comparison: The comparison being read.
        side: The article the quote is in.
        quote: The quote.
    """
    here = outlet_label(comparison.article(side))
    there = outlet_label(comparison.article(other_side(side)))
    if quote.status == "shared":
        carried = "both outlets quote it"
    elif quote.status == "paraphrased":
        carried = f"{here} quotes it; {there} reports it without quoting"
    else:
        carried = f"only {here} quotes it"
    parts: list[str | tuple[str, str]] = [
        ("Quote: ", _LABEL),
        f"“{short_quote(display_text(quote.text))}” — {_who(quote)} ",
    ]
    # A shared quote: who the other outlet says said it.
    counterpart = comparison.quote_counterpart(side, quote)
    if counterpart is not None:
        parts += [(f"· {there}: ", _MUTED), f"{_who(counterpart)} "]
    parts.append((f"({carried})", _MUTED))
    return Content.assemble(*parts)


def _who(quote: Quote) -> str:
    """The speaker's name, with the words as written where they differ ("Farenthold (he)")."""
    return printable(quote.who) if quote.who else "unattributed"


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A quote as is, or its first and last words when longer than ``limit`` characters."""
    if len(text) <= limit:
        return text
    head_end = text.rfind(" ", 0, limit * 2 // 3)
    tail_start = text.find(" ", len(text) - limit // 3)
    if head_end <= 0 or tail_start < 0 or tail_start <= head_end:
        return text[: limit - 1] + "…"
    return f"{text[:head_end].rstrip(' ,;:')} … {text[tail_start + 1 :]}"
