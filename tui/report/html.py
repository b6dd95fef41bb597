"""The comparison as one self-contained HTML page: two articles side by side.

Inline CSS, no scripts, no external resources. Each sentence carries its
categories (the engine's registry, as in the app) by colour AND by glyph, so the
page reads the same printed in black and white. Every piece of article text is
escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _html_escape

from tui.engine import BOOKMARK, CATEGORIES, Comparison, Sentence, Side
from tui.sanitize import printable
from tui.store import Bookmark, Placed, place

_CSS = """
:root { --shared: #d9ecff; --partial: #eef5ff; --only: #fff1d6; --quote: #f3e3ff;
  --conflict: #b00020; --ink: #1a1a1a; --dim: #666; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); margin: 1.5rem;
  max-width: 110rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
table.summary { border-collapse: collapse; margin: .5rem 0 1rem; font-family: sans-serif;
  font-size: .9rem; }
table.summary th, table.summary td { border: 1px solid #bbb; padding: .2rem .6rem;
  text-align: left; }
.legend { font-family: sans-serif; font-size: .85rem; color: var(--dim); }
.legend span { margin-right: 1.2rem; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.article h2 { margin-top: 0; }
.meta { font-family: sans-serif; font-size: .85rem; color: var(--dim); word-break: break-all; }
p { margin: 0 0 .8rem; }
.s { border-radius: 2px; padding: 0 .1rem; }
.g { font-family: sans-serif; font-size: .8em; margin-right: .15rem; color: #345; }
.s.strong { background: var(--shared); border-bottom: 2px solid #4a90d9; }
.s.partial { background: var(--partial); border-bottom: 1px dashed #4a90d9; }
.s.only { background: var(--only); }
.s.other { color: var(--dim); font-style: italic; }
.q { background: var(--quote); }
.q.quote-only { text-decoration: underline wavy #8a2be2; }
.s.bookmark { outline: 1px solid #c90; }
a.ref { font-family: sans-serif; font-size: .7em; vertical-align: super; color: #345;
  text-decoration: none; margin-left: .1rem; }
ul.facts li { margin-bottom: .6rem; }
.conflict { color: var(--conflict); font-weight: bold; }
.note { font-style: italic; }
@media (max-width: 60rem) { .columns { grid-template-columns: 1fr; } }
@media print {
  body { margin: 0; font-size: 10.5pt; max-width: none; }
  .columns { grid-template-columns: 1fr 1fr; gap: 1.2rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a.ref { color: var(--ink); }
  li, p { break-inside: avoid; }
}
"""


def _e(text: str) -> str:
    """Escape untrusted text for HTML element content or a quoted attribute."""
    return _html_escape(printable(text, keep_newlines=True), quote=True)


def _sentence_classes(
    comparison: Comparison, side: Side, sentence: Sentence, marked: set[int]
) -> tuple[list[str], str]:
    """A sentence's classes and glyphs: one of each of its categories, most notable first."""
    categories = comparison.categories(side, sentence.id)
    if sentence.id in marked:
        categories = (BOOKMARK, *categories)
    return ["s", *(c.style for c in categories)], "".join(c.glyph for c in categories)


def _sentence_body(comparison: Comparison, side: Side, sentence: Sentence) -> str:
    """The sentence's text, escaped, with its quotations wrapped in spans."""
    article = comparison.article(side)
    text = sentence.text
    pieces: list[str] = []
    cursor = 0
    for quote in sorted(article.quotes_in(sentence.id), key=lambda q: q.start):
        start, end = quote.start - sentence.start, quote.end - sentence.start
        # Offsets that do not fall inside this sentence are not highlighted.
        if not (cursor <= start < end <= len(text)):
            continue
        status = "quote-only" if quote.status == "only-here" else quote.status
        speaker = f"said by {quote.who}" if quote.who else "unattributed"
        counterpart = comparison.quote_counterpart(side, quote)
        if counterpart is not None:
            # A shared quote: who the other outlet says said it.
            other = "right" if side == "left" else "left"
            speaker += f"; {other}: {counterpart.who or 'unattributed'}"
        pieces.append(_e(text[cursor:start]))
        pieces.append(
            f'<span class="q {status}" title="{_e(speaker)}, {status}">{_e(text[start:end])}</span>'
        )
        cursor = end
    pieces.append(_e(text[cursor:]))
    return "".join(pieces)


def _column(comparison: Comparison, side: Side, marked: set[int]) -> list[str]:
    article = comparison.article(side)
    letter = "L" if side == "left" else "R"
    other = "R" if side == "left" else "L"
    out = [f'<section class="article {side}">']
    out.append(f"<h2>{_e(article.title) if article.title else '<i>untitled</i>'}</h2>")
    meta = [article.outlet, article.author, article.date, article.source]
    out.append(f'<div class="meta">{" · ".join(_e(m) for m in meta if m)}</div>')
    paragraph: int | None = None
    open_p = False
    for sentence in article.sentences:
        if sentence.kind not in ("body", "caption"):
            continue
        if sentence.paragraph != paragraph:
            if open_p:
                out.append("</p>")
            out.append("<p>")
            open_p = True
            paragraph = sentence.paragraph
        classes, glyphs = _sentence_classes(comparison, side, sentence, marked)
        refs = "".join(
            f'<a class="ref" href="#{other}{n}">{other}{n}</a>'
            for n in comparison.counterparts(side, sentence.id)
        )
        glyph = f'<span class="g">{glyphs}</span>' if glyphs else ""
        out.append(
            f'<span class="{" ".join(classes)}" id="{letter}{sentence.id}">{glyph}'
            f"{_sentence_body(comparison, side, sentence)}</span>{refs} "
        )
    if open_p:
        out.append("</p>")
    out.append("</section>")
    return out


def _ref(comparison: Comparison, side: Side, letter: str, sentence_id: int) -> str:
    """A sentence's label, linked to it when the page shows it (body and captions)."""
    label = f"{letter}{sentence_id}"
    kind = comparison.article(side).sentences[sentence_id].kind
    return f'<a href="#{label}">{label}</a>' if kind in ("body", "caption") else label


def _bookmark_item(comparison: Comparison, item: Placed) -> str:
    mark = item.bookmark
    note = f'<span class="note">{_e(mark.note)}</span>' if mark.note.strip() else "<i>no note</i>"
    when = _e(mark.created_at.replace("T", " ").removesuffix("Z") + " UTC")
    if item.detached:
        saved = _e(mark.text)
        if mark.other_text is not None:
            saved += " / " + _e(mark.other_text)
        return (
            f"<li>{BOOKMARK.glyph} <b>detached {mark.kind}</b> ({when}): {note}"
            f"<br>saved text: {saved}</li>"
        )
    assert item.sentence is not None
    letter = "L" if mark.side == "left" else "R"
    where = _ref(comparison, mark.side, letter, item.sentence)
    if mark.kind == "link" and item.other is not None:
        where += " ↔ " + _ref(comparison, mark.other_side, "R", item.other)
    text = _e(comparison.article(mark.side).sentences[item.sentence].text)
    return f"<li>{BOOKMARK.glyph} <b>{where}</b> ({when}): {note}<br>{text}</li>"


def render_html(comparison: Comparison, bookmarks: Sequence[Bookmark] = ()) -> str:
    """Render a comparison as a self-contained HTML page.

    Args:
        comparison: The comparison.
        bookmarks: This pair's saved bookmarks, re-attached to the comparison.

    Returns:
        The whole page, ending with a newline.
    """
    left, right = comparison.left, comparison.right
    placed = place(bookmarks, comparison)
    marked: dict[Side, set[int]] = {"left": set(), "right": set()}
    for item in placed:
        if item.sentence is not None:
            marked[item.bookmark.side].add(item.sentence)
        if item.other is not None:
            marked[item.bookmark.other_side].add(item.other)
    s = comparison.summary()
    title = f"{left.title or 'untitled'} vs {right.title or 'untitled'}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No scripts, no remote anything, even if some text slipped through unescaped.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>storydiff: {_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        '<table class="summary">',
        "<tr><th></th><th>Left</th><th>Right</th></tr>",
        f"<tr><td>Body sentences</td><td>{s.left_body}</td><td>{s.right_body}</td></tr>",
        f"<tr><td>Shared</td><td>{s.left_shared}</td><td>{s.right_shared}</td></tr>",
        f"<tr><td>Only here</td><td>{s.left_only}</td><td>{s.right_only}</td></tr>",
        f"<tr><td>Quotes only here</td><td>{s.quotes_only_left}</td>"
        f"<td>{s.quotes_only_right}</td></tr>",
        "</table>",
        f"<p>{s.links} links at sensitivity {comparison.sensitivity:.2f}.</p>",
        '<div class="legend">'
        + "".join(f"<span>{c.glyph} {_e(c.meaning)}</span>" for c in CATEGORIES)
        + "</div>",
        '<div class="columns">',
        *_column(comparison, "left", marked["left"]),
        *_column(comparison, "right", marked["right"]),
        "</div>",
        "<h2>Shared facts</h2>",
        '<ul class="facts">',
    ]
    for link in sorted(comparison.links, key=lambda k: (k.left, k.right)):
        conflicts = "".join(
            f'<br><span class="conflict">≠ {_e(c.type)}: {_e(c.left)} / {_e(c.right)}</span>'
            for c in link.conflicts
        )
        out.append(
            f"<li><b>{link.strength}</b> ({link.score:.2f}) "
            f'<a href="#L{link.left}">L{link.left}</a>'
            f" {_e(left.sentences[link.left].text)}<br>"
            f'<a href="#R{link.right}">R{link.right}</a> {_e(right.sentences[link.right].text)}'
            f"{conflicts}</li>"
        )
    out.append("</ul>")
    if placed:
        out += ["<h2>Bookmarks</h2>", '<ul class="facts">']
        out += [_bookmark_item(comparison, item) for item in placed]
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
