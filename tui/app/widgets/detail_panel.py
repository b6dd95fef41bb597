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


class DetailPanel(VerticalScroll, can_focus=False):
    """Both sentences of the selected link, the words only each has, conflicts and quotes."""

    DEFAULT_CSS = """
    DetailPanel {
        height: auto;
        max-height: 45%;
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
        self.query_one("#detail-body", Static).update(
            detail_content(comparison, selection, counterpart)
        )


def detail_content(comparison: Comparison, selection: Position | None, counterpart: int) -> Content:
    """The panel's text for the selection's ``counterpart``-th link."""
    if selection is None:
        return Content("Nothing selected.")
    links = comparison.links_of(selection.side, selection.sentence)
    if not links:
        return Content.assemble(
            ("Only here. ", _LABEL),
            (
                f"No sentence of {outlet_label(comparison.article(other_side(selection.side)))} "
                "reports this fact at the current sensitivity.",
                _MUTED,
            ),
            "\n",
            *_quote_lines(comparison, selection.side, selection.sentence),
        )
    link = links[counterpart % len(links)]
    return _link_content(comparison, link, counterpart % len(links), len(links))


def _text_of(comparison: Comparison, side: Side, sentence_id: int) -> str:
    article = comparison.article(side)
    for sentence in article.sentences:
        if sentence.id == sentence_id:
            return sentence.text
    return ""


def _link_content(comparison: Comparison, link: Link, index: int, count: int) -> Content:
    left_text = _text_of(comparison, "left", link.left)
    right_text = _text_of(comparison, "right", link.right)
    parts: list[str | tuple[str, str] | Content] = [
        (f"Link {index + 1} of {count}", _LABEL),
        f" · {link.strength} · score {link.score:.2f}",
        ("   enter: next counterpart · escape: close", _MUTED) if count > 1 else "",
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
        parts += [("Why: ", _LABEL), (f"similarity score {link.score:.2f}", _MUTED), "\n"]
    parts += _quote_lines(comparison, "left", link.left)
    parts += _quote_lines(comparison, "right", link.right)
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


def _quote_lines(
    comparison: Comparison, side: Side, sentence_id: int
) -> list[str | tuple[str, str]]:
    article = comparison.article(side)
    lines: list[str | tuple[str, str]] = []
    for quote in article.quotes_in(sentence_id):
        lines += [
            (f"Quote ({side}, {quote.status}): ", _LABEL),
            f"“{display_text(quote.text)}” — {_who(quote)}",
        ]
        # A shared quote: who the other outlet says said it.
        counterpart = comparison.quote_counterpart(side, quote)
        if counterpart is not None:
            other = comparison.article(other_side(side))
            lines += [(f" · {outlet_label(other)}: ", _MUTED), _who(counterpart)]
        lines.append("\n")
    return lines


def _who(quote: Quote) -> str:
    return printable(quote.who) if quote.who else "unattributed"
