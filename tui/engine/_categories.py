"""What a sentence is to a reader: one ordered registry of categories, and the rule.

Every view reads this registry: the app's gutter glyphs, its overview colours
and help legend, and the exports' glyphs and legends. A new category is a new
entry here (and a rule in :func:`categorise`), plus its colours in the app's
stylesheet and the HTML page's CSS.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Kind, QuoteStatus, Strength


# eq=False: each category is one object, compared and hashed by identity. The
# views look categories up per sentence; with the generated field-by-field
# __eq__ and __hash__ the app's pass over a 2,000-sentence pair took 8 ms, not 5.
@dataclass(frozen=True, slots=True, eq=False)
class Category:
    """One kind of sentence, as every view shows it (each category is one object).

    Attributes:
        name: Its identifier, as in ``strong`` or ``quote-only``.
        glyph: One character shown beside the sentence, so the category reads
            without colour (in the app's gutter, in the HTML page).
        meaning: What it means, for legends.
        label: What it means in a word or two, for a one-line legend.
        style: The class views style it by: ``article-view--{style}`` and
            ``overview--{style}`` in the app's stylesheet, ``.{style}`` in the
            HTML page.
    """

    name: str
    glyph: str
    meaning: str
    style: str
    label: str


#: A sentence the reader bookmarked. The engine never assigns it (bookmarks are
#: the reader's, kept by tui.store), but it has its place in the order and legends.
BOOKMARK = Category("bookmark", "★", "bookmarked", "bookmark", "bookmark")
QUOTE_ONLY = Category(
    "quote-only", "◆", "a quote only this outlet carried", "quote-only", "lone quote"
)
ONLY = Category("only", "○", "a fact only this outlet reported", "only", "only here")
QUOTE = Category(
    "quote", "“", "a quote both outlets carry (or the other paraphrases)", "quote", "quote"
)
PARTIAL = Category("partial", "◐", "shared fact, partial link", "partial", "partial link")
STRONG = Category("strong", "●", "shared fact, strong link", "strong", "strong link")
OTHER = Category("other", "·", "title, caption or site furniture", "other", "furniture")

#: Every category, most notable first: what one outlet has and the other lacks
#: comes before what they share. Where a view has room for one category of a
#: sentence (or of a line), it shows the first; legends list them in this order.
CATEGORIES: tuple[Category, ...] = (BOOKMARK, QUOTE_ONLY, ONLY, QUOTE, PARTIAL, STRONG, OTHER)

_RANK = {category: rank for rank, category in enumerate(CATEGORIES)}


def most_notable(categories: Collection[Category]) -> Category | None:
    """The first of ``categories`` in the registry's order, or ``None`` if there are none."""
    return min(categories, key=_RANK.__getitem__, default=None)


def categorise(
    kind: Kind, quotes: Collection[QuoteStatus], strengths: Collection[Strength]
) -> tuple[Category, ...]:
    """The categories of one sentence, most notable first.

    Args:
        kind: The sentence's kind; only body sentences are compared.
        quotes: The statuses of the quotes inside it.
        strengths: The strengths of its links.

    Returns:
        ``(OTHER,)`` for a title, caption or furniture. For a body sentence:
        its quote category if it carries a quote (``QUOTE_ONLY`` if any of its
        quotes is only here), and exactly one of ``ONLY``, ``PARTIAL`` and
        ``STRONG`` (its best link).
    """
    if kind != "body":
        return (OTHER,)
    if not strengths:
        fact = ONLY
    elif "strong" in strengths:
        fact = STRONG
    else:
        fact = PARTIAL
    if "only-here" in quotes:
        return _in_order(QUOTE_ONLY, fact)
    if quotes:
        return _in_order(QUOTE, fact)
    return (fact,)


@cache
def _in_order(*categories: Category) -> tuple[Category, ...]:
    return tuple(sorted(categories, key=_RANK.__getitem__))
