"""The comparison as a Markdown report: summary, shared facts, unique facts, quotes, bookmarks.

Article text is untrusted: every piece of it goes through :func:`escape`, so a
sentence can neither start a heading or a list, nor open a link, an image, raw
HTML, emphasis or a table cell, nor carry terminal control characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.engine import SIDES, Article, Comparison, Link
from tui.sanitize import printable
from tui.store import Bookmark, Placed, place

# Characters with a meaning anywhere in a line of CommonMark / GitHub Markdown.
_ANYWHERE = set("\\`*_[]<>|&~$#{}!")
# A line starting with these (after our prefix, text never starts a line, but a
# table cell or a block quote may begin with it) would start a block.
_LEADING_BLOCK = re.compile(r"^(\d+)([.)])|^([-+=:])")


def escape(text: str) -> str:
    """Make untrusted text inert in Markdown, on one line.

    Control characters become visible stand-ins, whitespace runs (newlines too)
    become one space, and every character Markdown gives a meaning to is
    backslash-escaped.

    Args:
        text: Article text, a title, a speaker, a note.

    Returns:
        Text that renders as itself inside a paragraph, a list item or a table cell.
    """
    flat = " ".join(printable(text, keep_newlines=True).split())
    out = "".join("\\" + ch if ch in _ANYWHERE else ch for ch in flat)
    match = _LEADING_BLOCK.match(out)
    if match:
        if match.group(1):
            digits = match.group(1)
            out = digits + "\\" + out[len(digits) :]
        else:
            out = "\\" + out
    return out


def _title(article: Article, fallback: str) -> str:
    return escape(article.title) if article.title else f"*{fallback}*"


def _sentence(article: Article, sentence_id: int) -> str:
    return escape(article.sentences[sentence_id].text)


def _who(who: str | None) -> str:
    return escape(who) if who else "*unattributed*"


def _link_line(comparison: Comparison, link: Link) -> list[str]:
    lines = [
        f"- **{link.strength.capitalize()} link** (score {link.score:.2f})",
        f"  - Left L{link.left}: {_sentence(comparison.left, link.left)}",
        f"  - Right R{link.right}: {_sentence(comparison.right, link.right)}",
    ]
    for conflict in link.conflicts:
        lines.append(
            f"  - **Conflict** ({conflict.type}): left “{escape(conflict.left)}”, "
            f"right “{escape(conflict.right)}”"
        )
    return lines


def _bookmark_lines(comparison: Comparison, item: Placed) -> list[str]:
    mark = item.bookmark
    when = escape(mark.created_at.replace("T", " ").removesuffix("Z") + " UTC")
    note = escape(mark.note) if mark.note.strip() else "*(no note)*"
    letter = "L" if mark.side == "left" else "R"
    other_letter = "R" if mark.side == "left" else "L"
    if item.detached:
        head = (
            f"- **Detached {mark.kind}** (its sentence is no longer in the article), {when}: {note}"
        )
        lines = [head, f"  - Saved text: {escape(mark.text)}"]
        if mark.other_text is not None:
            lines.append(f"  - Saved other side: {escape(mark.other_text)}")
        return lines
    assert item.sentence is not None
    article = comparison.article(mark.side)
    if mark.kind == "link":
        other = "" if item.other is None else f"{other_letter}{item.other}"
        where = f"link {letter}{item.sentence} ↔ {other or 'detached'}"
    else:
        where = f"sentence {letter}{item.sentence}"
    lines = [f"- **{where[0].upper() + where[1:]}**, {when}: {note}"]
    lines.append(f"  - {letter}{item.sentence}: {_sentence(article, item.sentence)}")
    if mark.kind == "link":
        other_article = comparison.article(mark.other_side)
        if item.other is not None:
            lines.append(f"  - {other}: {_sentence(other_article, item.other)}")
        elif mark.other_text is not None:
            lines.append(f"  - Saved other side (detached): {escape(mark.other_text)}")
    return lines


def render_markdown(comparison: Comparison, bookmarks: Sequence[Bookmark] = ()) -> str:
    """Render a comparison, and optionally its bookmarks, as a Markdown report.

    Args:
        comparison: The comparison to report.
        bookmarks: Saved bookmarks of this pair; they are re-attached to the
            comparison's sentences, and detached ones are listed with their saved text.

    Returns:
        The report, ending with a newline.
    """
    left, right = comparison.left, comparison.right
    s = comparison.summary()
    out: list[str] = [
        f"# {_title(left, 'untitled')} vs {_title(right, 'untitled')}",
        "",
        "| | Left | Right |",
        "| --- | --- | --- |",
        f"| Title | {_title(left, 'none found')} | {_title(right, 'none found')} |",
        f"| Source | {escape(left.source)} | {escape(right.source)} |",
    ]
    for label, attribute in (("Outlet", "outlet"), ("Author", "author"), ("Date", "date")):
        a, b = getattr(left, attribute), getattr(right, attribute)
        if a or b:
            out.append(f"| {label} | {escape(a or '')} | {escape(b or '')} |")
    out += [
        f"| Body sentences | {s.left_body} | {s.right_body} |",
        f"| Shared | {s.left_shared} | {s.right_shared} |",
        f"| Only here | {s.left_only} | {s.right_only} |",
        f"| Quotes only here | {s.quotes_only_left} | {s.quotes_only_right} |",
        "",
        f"{s.links} links at sensitivity {comparison.sensitivity:.2f}.",
        "",
        "## Shared facts",
        "",
    ]
    links = sorted(comparison.links, key=lambda k: (k.left, k.right))
    for link in links:
        out += _link_line(comparison, link)
    if not links:
        out.append("*None.*")
    for side in SIDES:
        out += ["", f"## Only in the {side} article", ""]
        only = [
            sentence
            for sentence in comparison.article(side).body
            if not comparison.is_shared(side, sentence.id)
        ]
        for sentence in only:
            out.append(f"- {side[0].upper()}{sentence.id}: {escape(sentence.text)}")
        if not only:
            out.append("*None.*")
    out += ["", "## Quotes", ""]
    any_quote = False
    for letter, side, article in (("L", "left", left), ("R", "right", right)):
        for quote in article.quotes:
            any_quote = True
            status: str = quote.status
            # A shared quote: who the other outlet says said it.
            counterpart = comparison.quote_counterpart(side, quote)
            if counterpart is not None:
                other = "right" if side == "left" else "left"
                status = f"{status}; {other}: {_who(counterpart.who)}"
            out.append(
                f"- {letter}{quote.sentence}: “{escape(quote.text)}” — {_who(quote.who)} ({status})"
            )
    if not any_quote:
        out.append("*None.*")
    if bookmarks:
        out += ["", "## Bookmarks", ""]
        for item in place(bookmarks, comparison):
            out += _bookmark_lines(comparison, item)
    return "\n".join(out) + "\n"
