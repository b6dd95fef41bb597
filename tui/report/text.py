"""A readable terminal report of a comparison (rich, never markup-parsed)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tui.engine import SIDES, Article, Comparison
from tui.sanitize import printable


def _sentence(article: Article, sentence_id: int) -> str:
    return printable(article.sentences[sentence_id].text)


def build_text_report(comparison: Comparison) -> list[Text]:
    """The report as rich Text lines; article text is plain data with styles."""
    left, right = comparison.left, comparison.right
    s = comparison.summary()
    out: list[Text] = []
    for label, article in (("LEFT ", left), ("RIGHT", right)):
        line = Text(f"{label} ", style="bold")
        line.append(printable(article.title or "(no title)"), style="bold")
        line.append(f"  {printable(article.source)}", style="dim")
        out.append(line)
    out.append(
        Text(
            f"{s.links} links · left {s.left_shared} shared / {s.left_only} only · "
            f"right {s.right_shared} shared / {s.right_only} only · "
            f"quotes only left {s.quotes_only_left} / right {s.quotes_only_right} · "
            f"sensitivity {comparison.sensitivity:.2f}",
            style="italic",
        )
    )
    out.append(Text())
    out.append(Text("Shared facts", style="bold underline"))
    for link in sorted(comparison.links, key=lambda k: (k.left, k.right)):
        head = Text(f"  [{link.strength} {link.score:.2f}] ", style="cyan")
        head.append(f"L{link.left}: ", style="bold")
        head.append(_sentence(left, link.left))
        out.append(head)
        tail = Text(" " * len(f"  [{link.strength} {link.score:.2f}] "))
        tail.append(f"R{link.right}: ", style="bold")
        tail.append(_sentence(right, link.right))
        out.append(tail)
        for conflict in link.conflicts:
            out.append(
                Text(
                    f"      ≠ {conflict.type}: {printable(conflict.left)} / "
                    f"{printable(conflict.right)}",
                    style="yellow",
                )
            )
    for side in SIDES:
        out.append(Text())
        out.append(Text(f"Only in the {side} article", style="bold underline"))
        for sentence in comparison.article(side).body:
            if not comparison.is_shared(side, sentence.id):
                line = Text(f"  {side[0].upper()}{sentence.id}: ", style="bold")
                line.append(printable(sentence.text))
                out.append(line)
    out.append(Text())
    out.append(Text("Quotes", style="bold underline"))
    for label, side, article in (("L", "left", left), ("R", "right", right)):
        for quote in article.quotes:
            line = Text(f"  {label}{quote.sentence} [{quote.status}] ", style="magenta")
            line.append("“" + printable(quote.text) + "”")
            line.append(f" — {printable(quote.who or 'unattributed')}", style="italic")
            # A shared quote: who the other outlet says said it.
            counterpart = comparison.quote_counterpart(side, quote)
            if counterpart is not None:
                other = "right" if side == "left" else "left"
                line.append(f" ({other}: {printable(counterpart.who or 'unattributed')})")
            out.append(line)
    return out


def print_text_report(comparison: Comparison, console: Console | None = None) -> None:
    """Print the report to the terminal (or the given console)."""
    console = console or Console(highlight=False, emoji=False)
    for line in build_text_report(comparison):
        console.print(line, soft_wrap=False)
