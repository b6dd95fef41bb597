"""The engine's results: frozen dataclasses, and the comparison JSON (version 1)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from ._categories import Category, categorise


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and leave it as it was found.

    A comparison and its JSON are hundreds of thousands of small objects with
    no reference cycles: the collector would only walk them again and again
    (18% of compare_texts on the N=2000 synthetic pair, half of ``to_dict`` on
    two 4.5 MB articles).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


Kind = Literal["title", "body", "caption", "furniture"]
Strength = Literal["strong", "partial"]
QuoteStatus = Literal["shared", "paraphrased", "only-here"]
ConflictType = Literal["number", "date", "name", "speaker"]
Side = Literal["left", "right"]
DiffOp = Literal["=", "-", "+"]

#: Both columns, left first: the reading order of a comparison.
SIDES: tuple[Side, Side] = ("left", "right")


def other_side(side: Side) -> Side:
    """The other article of a comparison."""
    return "right" if side == "left" else "left"


FORMAT = "storydiff.comparison"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Document:
    """One input article before comparison.

    Attributes:
        text: The article text; every offset in the result indexes into it.
        source: Where it came from (a path, a URL or ``-``), for display only.
        title: A title known from outside the text (a web page's metadata).
            When ``None`` the title is found in the text.
        outlet: The publication's name, when known.
        author: The byline, when known.
        date: The publication date as written, when known.
    """

    text: str
    source: str = "-"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A span ``[start, end)`` of an article's text."""

    id: int
    start: int
    end: int
    kind: Kind
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: the words inside the marks, and who said them.

    ``speaker`` is the speaker as written ("he", "the governor"), a span of the
    article's text; ``speaker_name`` is the name the article gives that speaker
    ("Rick Perry"), or the description when it never names them. A shared
    quote's ``counterpart`` is the index, in the other article's ``quotes``, of
    the quote with the same words.
    """

    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None
    status: QuoteStatus = "only-here"
    speaker_name: str | None = None
    counterpart: int | None = None

    @property
    def who(self) -> str | None:
        """Who said it, for people: the name, and the words as written where they
        differ ("Blake Farenthold (he)"); ``None`` when unknown."""
        if self.speaker_name is None:
            return self.speaker
        if self.speaker is None or self.speaker.casefold() == self.speaker_name.casefold():
            return self.speaker_name
        return f"{self.speaker_name} ({self.speaker})"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A number, date or name that differs between the two sentences of a link.

    ``speaker``: both outlets quote the same words but name different people
    as their speaker.
    """

    left: str
    right: str
    type: ConflictType


@dataclass(frozen=True, slots=True)
class Link:
    """Two body sentences, one per article, that report at least one same fact."""

    left: int
    right: int
    score: float
    strength: Strength
    conflicts: tuple[Conflict, ...] = ()
    shared_terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DiffToken:
    """One word of a link's word-level diff.

    ``op`` is ``=`` (in both sentences), ``-`` (left only) or ``+`` (right only).
    """

    op: DiffOp
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One compared article: its sentences and quotes."""

    source: str
    title: str | None
    outlet: str | None
    text: str
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    author: str | None = None
    date: str | None = None

    @property
    def body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind == "body")

    def quotes_in(self, sentence_id: int) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.sentence == sentence_id)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
        }
        if self.author is not None:
            out["author"] = self.author
        if self.date is not None:
            out["date"] = self.date
        if include_text:
            out["text"] = self.text
        out["sentences"] = [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "kind": s.kind,
                "paragraph": s.paragraph,
                "text": s.text,
            }
            for s in self.sentences
        ]
        out["quotes"] = [
            {
                "sentence": q.sentence,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "status": q.status,
            }
            for q in self.quotes
        ]
        return out


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a comparison, as in the JSON's ``summary``."""

    left_body: int
    left_shared: int
    left_only: int
    right_body: int
    right_shared: int
    right_only: int
    links: int
    quotes_only_left: int
    quotes_only_right: int

    def to_dict(self) -> dict[str, int]:
        return {
            "left_body": self.left_body,
            "left_shared": self.left_shared,
            "left_only": self.left_only,
            "right_body": self.right_body,
            "right_shared": self.right_shared,
            "right_only": self.right_only,
            "links": self.links,
            "quotes_only_left": self.quotes_only_left,
            "quotes_only_right": self.quotes_only_right,
        }


@dataclass(frozen=True)
class Comparison:
    """Two articles and the links between their body sentences.

    Everything the app shows is here; the app never recomputes it.
    """

    left: Article
    right: Article
    links: tuple[Link, ...]
    sensitivity: float
    _by_left: dict[int, tuple[Link, ...]] = field(default_factory=dict, repr=False, compare=False)
    _by_right: dict[int, tuple[Link, ...]] = field(default_factory=dict, repr=False, compare=False)
    _quote_statuses: dict[tuple[Side, int], frozenset[QuoteStatus]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_left: dict[int, list[Link]] = {}
        by_right: dict[int, list[Link]] = {}
        for link in self.links:
            by_left.setdefault(link.left, []).append(link)
            by_right.setdefault(link.right, []).append(link)
        self._by_left.update({k: tuple(v) for k, v in by_left.items()})
        self._by_right.update({k: tuple(v) for k, v in by_right.items()})
        statuses: dict[tuple[Side, int], set[QuoteStatus]] = {}
        for side in SIDES:
            for quote in self.article(side).quotes:
                statuses.setdefault((side, quote.sentence), set()).add(quote.status)
        self._quote_statuses.update({k: frozenset(v) for k, v in statuses.items()})

    def article(self, side: Side) -> Article:
        return self.left if side == "left" else self.right

    def links_of(self, side: Side, sentence_id: int) -> tuple[Link, ...]:
        """The links of one sentence, best score first."""
        found = (self._by_left if side == "left" else self._by_right).get(sentence_id, ())
        return tuple(sorted(found, key=lambda link: -link.score))

    def counterparts(self, side: Side, sentence_id: int) -> tuple[int, ...]:
        """Ids of the other article's sentences linked to this one, best first."""
        other = other_side(side)
        return tuple(getattr(link, other) for link in self.links_of(side, sentence_id))

    def quote_counterpart(self, side: Side, quote: Quote) -> Quote | None:
        """The other article's quote with the same words, for a shared quote."""
        if quote.counterpart is None:
            return None
        other = self.right if side == "left" else self.left
        return other.quotes[quote.counterpart]

    def is_shared(self, side: Side, sentence_id: int) -> bool:
        return sentence_id in (self._by_left if side == "left" else self._by_right)

    def categories(self, side: Side, sentence_id: int) -> tuple[Category, ...]:
        """Every category of a sentence, most notable first (see ``CATEGORIES``)."""
        links = (self._by_left if side == "left" else self._by_right).get(sentence_id, ())
        return categorise(
            self.article(side).sentences[sentence_id].kind,
            self._quote_statuses.get((side, sentence_id), frozenset()),
            {link.strength for link in links},
        )

    def category(self, side: Side, sentence_id: int) -> Category:
        """A sentence's most notable category: the one a single glyph shows."""
        return self.categories(side, sentence_id)[0]

    def summary(self) -> Summary:
        left_body = [s.id for s in self.left.sentences if s.kind == "body"]
        right_body = [s.id for s in self.right.sentences if s.kind == "body"]
        left_shared = sum(1 for i in left_body if i in self._by_left)
        right_shared = sum(1 for i in right_body if i in self._by_right)
        return Summary(
            left_body=len(left_body),
            left_shared=left_shared,
            left_only=len(left_body) - left_shared,
            right_body=len(right_body),
            right_shared=right_shared,
            right_only=len(right_body) - right_shared,
            links=len(self.links),
            quotes_only_left=sum(1 for q in self.left.quotes if q.status == "only-here"),
            quotes_only_right=sum(1 for q in self.right.quotes if q.status == "only-here"),
        )

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The comparison JSON, version 1 (see DESIGN.md)."""
        with collector_paused():
            return self._to_dict(include_text)

    def _to_dict(self, include_text: bool) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "sensitivity": self.sensitivity,
            "left": self.left.to_dict(include_text=include_text),
            "right": self.right.to_dict(include_text=include_text),
            "links": [
                {
                    "left": link.left,
                    "right": link.right,
                    "score": round(link.score, 3),
                    "strength": link.strength,
                    # Most links have none: an empty list without a comprehension.
                    "conflicts": [
                        {"left": c.left, "right": c.right, "type": c.type} for c in link.conflicts
                    ]
                    if link.conflicts
                    else [],
                    "shared_terms": list(link.shared_terms),
                }
                for link in self.links
            ],
            "summary": self.summary().to_dict(),
        }
