"""The pipeline: two documents in, one Comparison out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ._load import DEFAULT_MAX_BYTES, read_text_file
from ._match import align, quote_key
from ._model import (
    Article,
    Comparison,
    Conflict,
    Document,
    Link,
    Quote,
    QuoteStatus,
    Side,
    collector_paused,
)
from ._phrases import lexicon
from ._progress import Progress, Stage
from ._quotes import find_quotes
from ._segment import segment

DEFAULT_SENSITIVITY = 0.5


def _article(
    doc: Document, *, furniture: bool, progress: Progress | None, side: str, start: float
) -> Article:
    Stage(progress, f"reading the {side} article", start, start + 0.1)
    sentences = segment(doc.text, furniture=furniture)
    Stage(progress, f"finding quotes in the {side} article", start + 0.1, start + 0.2)
    title = doc.title
    if title is None:
        title = next((s.text for s in sentences if s.kind == "title"), None)
    body_ids = {s.id for s in sentences if s.kind == "body"}
    quotes = tuple(q for q in find_quotes(doc.text, sentences) if q.sentence in body_ids)
    return Article(
        source=doc.source,
        title=title,
        outlet=doc.outlet,
        text=doc.text,
        sentences=sentences,
        quotes=quotes,
        author=doc.author,
        date=doc.date,
    )


def _with_quote_status(
    article: Article,
    keys: list[frozenset[str]],
    other_keys: list[frozenset[str]],
    links: tuple[Link, ...],
    side: Side,
) -> Article:
    """Mark each quote shared, paraphrased or only-here against the other article."""
    # An index over the other article's quotes, so a long article full of quotes
    # compares each quote with the few that share a word, not with all of them.
    postings: dict[str, list[int]] = {}
    for n, other in enumerate(other_keys):
        for word in other:
            postings.setdefault(word, []).append(n)
    linked = {getattr(link, side) for link in links}
    quotes: list[Quote] = []
    # A quote repeated through a long page is looked up once (its copies would
    # each compare with every copy on the other side).
    found: dict[frozenset[str], int | None] = {}
    for q, words in zip(article.quotes, keys, strict=True):
        if words in found:
            counterpart = found[words]
        else:
            candidates = sorted({n for word in words for n in postings.get(word, ())})
            counterpart = next((n for n in candidates if _same_words(words, other_keys[n])), None)
            found[words] = counterpart
        status: QuoteStatus
        if counterpart is not None:
            status = "shared"
        elif q.sentence in linked:
            status = "paraphrased"
        else:
            status = "only-here"
        quotes.append(replace(q, status=status, counterpart=counterpart))
    return replace(article, quotes=tuple(quotes))


def _with_speaker_conflicts(
    links: tuple[Link, ...], left: Article, right: Article
) -> tuple[Link, ...]:
    """Links whose sentences carry the same quoted words given to different people.

    Only names count ("Rick Perry" against "Greg Abbott"); a description
    ("a spokesman") may be anyone, and a shorter form of the same name
    ("Perry") is the same person.
    """
    found: dict[tuple[int, int], list[Conflict]] = {}
    for q in left.quotes:
        if q.counterpart is None:
            continue
        other = right.quotes[q.counterpart]
        if q.speaker_name is None or other.speaker_name is None:
            continue
        if not (_is_name(q.speaker_name) and _is_name(other.speaker_name)):
            continue
        if _same_person(q.speaker_name, other.speaker_name):
            continue
        conflict = Conflict(q.speaker_name, other.speaker_name, "speaker")
        pair = found.setdefault((q.sentence, other.sentence), [])
        if conflict not in pair:
            pair.append(conflict)
    if not found:
        return links
    return tuple(
        replace(link, conflicts=(*link.conflicts, *found[(link.left, link.right)]))
        if (link.left, link.right) in found
        else link
        for link in links
    )


def _is_name(speaker: str | None) -> bool:
    """A speaker's name rather than a description: every word capitalised."""
    if not speaker:
        return False
    words = speaker.split()
    return (
        words[0][:1].isupper()
        and all(w[:1].isupper() or lexicon().has(w, "particle") or w == "of" for w in words)
        and words[0].lower() not in ("the", "a", "an")
    )


def _same_person(a: str, b: str) -> bool:
    """Two names of one person: one contains the other ("Perry", "Rick Perry")."""
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two quotes carry the same words when most of the shorter one is in the other."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) >= 0.6 * len(small)


def compare_documents(
    left: Document,
    right: Document,
    *,
    furniture: bool = True,
    sensitivity: float = DEFAULT_SENSITIVITY,
    aliases: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two documents.

    Args:
        left: The first article.
        right: The second article.
        furniture: Detect titles, captions and site furniture. With ``False``
            every non-blank line is body (for comparing single sentences).
        sensitivity: From 0 (only near-identical sentences link) to 1 (any
            shared fact links); 0.5 is the tuned default.
        aliases: Extra name aliases (``{"kiev": "kyiv"}``), lower case, on top
            of the shipped table.
        progress: Called with what the comparison is doing and how far it has
            come (0 to 1); an exception raised from it stops the comparison
            (see :class:`Cancelled`).

    Returns:
        The comparison of the two articles.
    """
    with collector_paused():
        return _compare(left, right, furniture, sensitivity, aliases, progress)


def _compare(
    left: Document,
    right: Document,
    furniture: bool,
    sensitivity: float,
    aliases: Mapping[str, str] | None,
    progress: Progress | None,
) -> Comparison:
    sensitivity = min(1.0, max(0.0, float(sensitivity)))
    a = _article(left, furniture=furniture, progress=progress, side="left", start=0.0)
    b = _article(right, furniture=furniture, progress=progress, side="right", start=0.2)
    links = align(a, b, sensitivity=sensitivity, aliases=aliases, progress=progress)
    Stage(progress, "comparing quotes", 0.95, 1.0)
    # A quotation repeated through a long page is read once.
    keys: dict[str, frozenset[str]] = {}
    for q in a.quotes + b.quotes:
        if q.text not in keys:
            keys[q.text] = quote_key(q.text, aliases)
    left_keys = [keys[q.text] for q in a.quotes]
    right_keys = [keys[q.text] for q in b.quotes]
    a = _with_quote_status(a, left_keys, right_keys, links, "left")
    b = _with_quote_status(b, right_keys, left_keys, links, "right")
    links = _with_speaker_conflicts(links, a, b)
    comparison = Comparison(left=a, right=b, links=links, sensitivity=sensitivity)
    if progress is not None:
        progress("done", 1.0)
    return comparison


def compare_texts(
    left: str,
    right: str,
    *,
    furniture: bool = True,
    sensitivity: float = DEFAULT_SENSITIVITY,
    aliases: Mapping[str, str] | None = None,
    left_source: str = "left",
    right_source: str = "right",
    progress: Progress | None = None,
) -> Comparison:
    """Compare two article texts. See :func:`compare_documents`."""
    return compare_documents(
        Document(left, source=left_source),
        Document(right, source=right_source),
        furniture=furniture,
        sensitivity=sensitivity,
        aliases=aliases,
        progress=progress,
    )


def compare_files(
    left: str | Path,
    right: str | Path,
    *,
    furniture: bool = True,
    sensitivity: float = DEFAULT_SENSITIVITY,
    aliases: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Comparison:
    """Read two text files and compare them.

    Raises:
        InputError: a file is missing, empty, binary, undecodable or too large.
    """
    a = read_text_file(left, max_bytes=max_bytes)
    b = read_text_file(right, max_bytes=max_bytes)
    return compare_documents(
        Document(a.text, source=a.path),
        Document(b.text, source=b.path),
        furniture=furniture,
        sensitivity=sensitivity,
        aliases=aliases,
    )
