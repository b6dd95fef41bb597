"""Find direct quotations and who said them.

Three passes, each linear in the text.

1. Marks, one paragraph at a time: “ and ‘ open, ” closes, and a straight or
   right single mark opens after a space and closes before one. A mark between
   two letters (It’s, Türkiye’s) or before digits (the ’90s) is an apostrophe. A
   quote of the other kind inside an open quote is part of it. A quote left open
   at the end of a paragraph continues when the next paragraph opens with the
   same kind of mark (news style); otherwise it stops at the paragraph's end, so
   a stray mark never swallows the rest of the article. A closing mark with no
   opener, followed by an attribution ('... certitude" he told Russert'), closes
   a quote that runs from the start of its sentence.

2. Speakers as written, from the words around the quote in its sentence (read
   by ``_phrases``, where a speaker is always a noun phrase): after it ("…,"
   the source stated / said X / — X / according to X) or before it (X said: "…"
   / X called it "…" / X, a spokesman, told reporters "…" / X …, saying "…" /
   X's comments about "…"). With no attribution of its own, a quote takes the
   speaker of the quote before it in its sentence or paragraph, or, opening a
   paragraph, that of the quote that ended the previous paragraph.

3. Names, by ``_speakers``: the speaker as written resolved to the name the
   article gives ("he" -> "Blake Farenthold").

A quotation of one to three words is a quote only when someone is said to
have said it ("called it “politically motivated”", “No,” he said); a title,
name or nickname (“Face the Nation”, a “Daily Show” sketch, "so-called") never
is.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import NamedTuple

from ._model import Quote, Sentence
from ._phrases import PUNCT, QUOTE, Phrase, Reader, Tok, tokenize
from ._speakers import Attribution, Names, resolve_speakers

_MARK = re.compile(r"[\"“”«»‘’']")
_DOUBLE = frozenset('"“”«»')
# What may stand right before an opening mark, and right after a closing one.
_LEFT = frozenset('([{<—–-/"“‘«')
_AFTER_WORD = frozenset(".,!?;:…)]}%")
_RIGHT = frozenset(".,;:!?)]}>—–-…\"”’»'")

_OPEN, _CLOSE, _BOTH = 1, 2, 3
# How the next paragraph continues a quote left open.
_NO, _REOPENS, _CLOSES_LATER = 0, 1, 2

_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
_INNER_PUNCT = re.compile(r"[.,!?…]$")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_WHOLE_SENTENCE = re.compile(r"[.!?…]$")
# Short quotes at most this long need someone said to have said them.
_SCARE_WORDS = 3
# Titles and names are short: a longer capitalised quotation is a quotation.
_MAX_TITLE_WORDS = 8
# How many tokens a parenthesis between a subject and its verb may hold
# ("The guard, speaking in a low voice as he walked away, said").
_MAX_PARENTHESIS = 16


class _Mark(NamedTuple):
    pos: int
    double: bool
    role: int
    weak: bool  # a closer that may be a plural possessive ("the students’ union")


class _Quotation(NamedTuple):
    """Phase 1's result: one quotation, before it is judged."""

    pieces: tuple[tuple[int, int], ...]  # the words inside, one span per paragraph
    masks: tuple[tuple[int, int], ...]  # the same spans with their marks
    orphan: bool  # only a closing mark: kept only with an attribution after it


def find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """Find the direct quotations of an article.

    Args:
        text: The article text the sentences index into.
        sentences: The article's sentences in reading order (from ``segment``);
            their paragraph numbers bound every quote.

    Returns:
        The quotes in reading order, each covering the words inside the marks
        (not the marks), with the id of the sentence where it starts, its
        speaker as written (a span of the text) and the speaker's name as the
        article gives it, or ``None`` for both. A quote that runs over several
        paragraphs is one entry per paragraph, all with the same speaker.
        Status is left ``"only-here"``; the comparison sets it.
    """
    with _collector_paused():
        return _find_quotes(text, sentences)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block.

    Reading quotes makes over a hundred thousand small objects and no reference
    cycles, so the collector's passes over them find nothing to free; on a
    4.5 MB article they took a sixth of the time (three full passes over all
    the objects alive). Anything a cycle elsewhere holds is collected once it
    resumes; a collector someone else paused stays paused.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    ordered = sorted(sentences, key=attrgetter("start"))
    if not ordered:
        return ()
    quotations = _quotations(text, ordered)
    if not quotations:
        return ()
    names = Names(text, ordered)
    context = _Context(text, ordered, quotations, names.mid_caps)
    kept: list[tuple[_Quotation, Attribution]] = []
    previous: tuple[int, _Quotation, Attribution] | None = None
    for number, quotation in enumerate(quotations):
        attribution = context.attribute(number, quotation, previous)
        if attribution is None:
            continue
        kept.append((quotation, attribution))
        previous = (number, quotation, attribution)
    speaker_names = resolve_speakers(
        text,
        ordered,
        names,
        context.reader,
        [a for _, a in kept],
        [(q.pieces[0][0], q.pieces[-1][1]) for q, _ in kept],
    )
    out: list[Quote] = []
    for (quotation, attribution), name in zip(kept, speaker_names, strict=True):
        speaker = attribution.text(text)
        for a, b in quotation.pieces:
            out.append(
                Quote(
                    _sentence_at(context.starts, ordered, a).id,
                    a,
                    b,
                    text[a:b],
                    speaker,
                    speaker_name=name,
                )
            )
    return tuple(out)


# ---------------------------------------------------------------- pass 1: marks


def _quotations(text: str, ordered: Sequence[Sentence]) -> list[_Quotation]:
    """Every quotation of the article, trimmed, in reading order."""
    starts = [s.start for s in ordered]
    paragraphs = _paragraph_spans(ordered)
    out: list[_Quotation] = []
    # A quote left open at the end of a paragraph: its pieces and masks so far.
    chain: list[tuple[int, int]] = []
    chain_masks: list[tuple[int, int]] = []
    chain_double = True
    next_marks = _marks(text, *paragraphs[0]) if paragraphs else []
    continues = _NO
    for number, (ps, pe) in enumerate(paragraphs):
        marks = next_marks
        next_marks = _marks(text, *paragraphs[number + 1]) if number + 1 < len(paragraphs) else []
        opened: _Mark | None = None
        if chain and continues == _REOPENS:
            opened = marks[0]
            marks = marks[1:]
        elif chain and continues == _CLOSES_LATER:
            # The paragraph goes on with the quote without reopening it: the
            # quote's text starts right at the paragraph.
            opened = _Mark(ps - 1, chain_double, _OPEN, False)
        closer_ahead = _closers_ahead(marks)
        last_end = ps
        for k, mark in enumerate(marks):
            if opened is None:
                if mark.role & _OPEN:
                    opened = mark
                elif mark.double and not mark.weak:
                    # A closing mark with no opener: the quote may run from the
                    # start of its sentence ('... certitude" he told Russert').
                    start = max(last_end, _sentence_at(starts, ordered, mark.pos).start)
                    found = _trim(text, [(start, mark.pos)], [(start, mark.pos + 1)], orphan=True)
                    if found is not None:
                        out.append(found)
                        last_end = mark.pos + 1
                continue
            if mark.double != opened.double:
                if not opened.double and mark.role & _OPEN and not closer_ahead[k][False]:
                    # The single mark never closes: it was an elision ('em), and
                    # this double mark opens the real quote.
                    opened = mark
                    chain = []
                    chain_masks = []
                continue  # otherwise a quote inside the quote
            if mark.role & _CLOSE:
                if mark.weak and closer_ahead[k][mark.double]:
                    continue
                found = _trim(
                    text,
                    [*chain, (opened.pos + 1, mark.pos)],
                    [*chain_masks, (max(ps, opened.pos), mark.pos + 1)],
                    orphan=False,
                )
                if found is not None:
                    out.append(found)
                chain = []
                chain_masks = []
                opened = None
                last_end = mark.pos + 1
            elif mark.role == _OPEN:
                # A second opener before any closer: the first mark was stray.
                chain = []
                chain_masks = []
                opened = mark
        if opened is not None:
            if not chain:
                chain_double = opened.double
            chain.append((opened.pos + 1, pe))
            chain_masks.append((max(ps, opened.pos), pe))
            continues = _continuation(next_marks, paragraphs, number + 1, chain_double)
            if continues == _NO:
                # Unclosed and not continued: the quote stops at the paragraph's
                # end. Only a double mark is trusted this far; a lone single mark
                # is more often an apostrophe.
                if chain_double:
                    found = _trim(text, chain, chain_masks, orphan=False)
                    if found is not None:
                        out.append(found)
                chain = []
                chain_masks = []
    return out


def _trim(
    text: str,
    pieces: Sequence[tuple[int, int]],
    masks: Sequence[tuple[int, int]],
    *,
    orphan: bool,
) -> _Quotation | None:
    """A quotation with its pieces stripped of spaces, or ``None`` if it has no words."""
    trimmed: list[tuple[int, int]] = []
    kept_masks: list[tuple[int, int]] = []
    for (a, b), mask in zip(pieces, masks, strict=True):
        chunk = text[a:b]
        a2 = a + len(chunk) - len(chunk.lstrip())
        b2 = a + len(chunk.rstrip())
        if a2 < b2:
            trimmed.append((a2, b2))
            kept_masks.append(mask)
    if not trimmed or not any(_WORD.search(text, a, b) for a, b in trimmed):
        return None
    return _Quotation(tuple(trimmed), tuple(kept_masks), orphan)


def _paragraph_spans(ordered: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    current: int | None = None
    for s in ordered:
        if spans and s.paragraph == current:
            spans[-1] = (spans[-1][0], max(spans[-1][1], s.end))
        else:
            spans.append((s.start, s.end))
            current = s.paragraph
    return spans


def _marks(text: str, ps: int, pe: int) -> list[_Mark]:
    """The quotation marks of a paragraph, each read as opening, closing or both."""
    out: list[_Mark] = []
    for m in _MARK.finditer(text, ps, pe):
        i = m.start()
        c = m.group()
        p = text[i - 1] if i > ps else ""
        n = text[i + 1] if i + 1 < pe else ""
        if c in "’'" and p.isalnum() and n.isalnum():
            continue  # an apostrophe inside a word (It’s, Türkiye's): four marks in ten
        # Opening context: nothing or a space or an opening bracket before, a
        # character after. Closing context: a word or stop before, a space,
        # stop or the end after.
        opens = (p == "" or p.isspace() or p in _LEFT) and n != "" and not n.isspace()
        closes = (
            p != ""
            and (p.isalnum() or p in _AFTER_WORD)
            and (n == "" or n.isspace() or n in _RIGHT)
        )
        double = c in _DOUBLE
        weak = False
        if c in "“«":
            role = _OPEN
        elif c in "”»":
            role = _CLOSE
        elif c == "‘":
            role = 0 if n.isdigit() else _OPEN
        elif c == '"':
            if opens or (p in ",:;" and n.isalnum()):
                role = _OPEN
            elif closes:
                role = _CLOSE
            elif (p == "" or p.isspace()) and (n == "" or n.isspace()):
                role = _BOTH
            else:
                role = 0
        elif opens:
            # A straight mark before a letter opens; ’ before a word, or any mark
            # before digits, is an elision: ’n’, ’em, the ’90s.
            role = _OPEN if c == "'" and n.isalpha() else 0
        elif closes:
            role = _CLOSE
            weak = p in "sSzZ" and n.isspace()
        else:
            role = 0
        if role:
            out.append(_Mark(i, double, role, weak))
    return out


def _closers_ahead(marks: Sequence[_Mark]) -> list[tuple[bool, bool]]:
    """For each mark, whether a strong closer follows before a new opener.

    Indexed by kind (``[double]``). Computed right to left in one pass, so a
    paragraph full of marks stays linear.
    """
    single = double = False
    out: list[tuple[bool, bool]] = [(False, False)] * len(marks)
    for k in range(len(marks) - 1, -1, -1):
        out[k] = (single, double)
        mark = marks[k]
        if mark.role == _OPEN or (mark.role & _CLOSE and not mark.weak):
            if mark.double:
                double = mark.role != _OPEN
            else:
                single = mark.role != _OPEN
    return out


def _continuation(
    marks: Sequence[_Mark], paragraphs: Sequence[tuple[int, int]], number: int, double: bool
) -> int:
    """How the paragraph ``number`` goes on with a quote left open before it.

    ``_REOPENS`` when it starts with an opening mark of the same kind (news
    style), ``_CLOSES_LATER`` when its first mark of that kind only closes (the
    writer did not reopen), ``_NO`` otherwise.
    """
    if number >= len(paragraphs):
        return _NO
    first = next((m for m in marks if m.double == double), None)
    if first is None:
        return _NO
    if first.pos == paragraphs[number][0] and first.role & _OPEN and first is marks[0]:
        return _REOPENS
    if first.role == _CLOSE and not first.weak:
        return _CLOSES_LATER
    return _NO


def _sentence_at(starts: Sequence[int], ordered: Sequence[Sentence], pos: int) -> Sentence:
    return ordered[max(0, bisect_right(starts, pos) - 1)]


# ---------------------------------------------------------------- pass 2: speakers


class _Sentence(NamedTuple):
    """One sentence read as tokens, each quotation in it one token."""

    sentence: Sentence
    toks: Sequence[Tok]  # offsets from the sentence's start
    reader: Reader
    # Token index of each quotation (by number) in this sentence.
    where: dict[int, int]


class _Context:
    """The article as pass 2 reads it: sentences as tokens, built on demand."""

    def __init__(
        self,
        text: str,
        ordered: Sequence[Sentence],
        quotations: Sequence[_Quotation],
        mid_caps: frozenset[str],
    ):
        self.text = text
        self.ordered = ordered
        self.starts = [s.start for s in ordered]
        self.masks = sorted(
            (a, b, number) for number, q in enumerate(quotations) for a, b in q.masks
        )
        self.mask_ends = [b for _, b, _ in self.masks]
        self.mid_caps = mid_caps
        self._cache: dict[int, _Sentence] = {}
        # The reader of the first sentence with given words and quotation
        # spans, and its QUOTE tokens: a repeated sentence is read once.
        self._shapes: dict[
            tuple[str, str, tuple[tuple[int, int], ...]], tuple[Reader, list[tuple[int, int]]]
        ] = {}
        self._peeked: dict[str, str] = {}
        self._words_in: dict[str, int] = {}
        ends: dict[int, int] = {}
        for s in ordered:
            if s.end >= ends.get(s.paragraph, 0):
                ends[s.paragraph] = s.end
        self._paragraph_end = ends

    def paragraph_of(self, pos: int) -> int:
        return _sentence_at(self.starts, self.ordered, pos).paragraph

    def ends_paragraph(self, quotation: _Quotation) -> bool:
        """Whether only an attribution follows the quotation in its paragraph."""
        b = quotation.masks[-1][1]
        paragraph = self.paragraph_of(quotation.pieces[-1][0])
        end = self._paragraph_end[paragraph]
        if b >= end:
            return True
        rest = self.text[b:end]
        return len(rest) <= 120 and not any(c in rest for c in '"“”‘«')

    def sentence(self, pos: int) -> _Sentence:
        return self.sentence_at(max(0, bisect_right(self.starts, pos) - 1))

    def reader(self, index: int) -> Reader:
        return self.sentence_at(index).reader

    def sentence_at(self, index: int) -> _Sentence:
        found = self._cache.get(index)
        if found is None:
            s = self.ordered[index]
            # The quotations over this sentence (walked by index: a slice of
            # the list for every sentence would cost the whole list each time).
            masks: list[tuple[int, int, int]] = []
            for k in range(bisect_right(self.mask_ends, s.start), len(self.masks)):
                if self.masks[k][0] >= s.end:
                    break
                masks.append(self.masks[k])
            # A sentence the article repeats is tokenised and read once: its
            # tokens are the sentence's words, the spans of its quotations and
            # what the two characters after it are (a stop before a lower-case
            # word or a comma does not end a sentence). On a 4.5 MB article of
            # repeated sentences, 1,700 sentences are read instead of 8,500.
            spans = (
                tuple((max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b, _ in masks)
                if masks
                else ()
            )
            after = self.text[s.end : s.end + 2]
            peeked = self._peeked.get(after)
            if peeked is None:
                peeked = self._peeked[after] = _peeked(after)
            key = (self.text[s.start : s.end], peeked, spans)
            shape = self._shapes.get(key)
            if shape is None:
                shape = self._shapes[key] = self._read(s, masks)
            same, quote_tokens = shape
            reader = same
            if same.base != s.start:
                reader = Reader(same.toks, same.starts, self.mid_caps, base=s.start, like=same)
            where = {masks[q][2]: i for i, q in quote_tokens} if quote_tokens else {}
            found = _Sentence(s, same.toks, reader, where)
            self._cache[index] = found
        return found

    def _read(
        self, s: Sentence, masks: list[tuple[int, int, int]]
    ) -> tuple[Reader, list[tuple[int, int]]]:
        """A sentence's reader, and the index of each QUOTE token with that of its mask."""
        toks = tokenize(self.text, s.start, s.end, [(a, b) for a, b, _ in masks])
        starts = {0}
        for i, tok in enumerate(toks):
            if tok.kind != QUOTE and tok.text in (":", "—", "(") and i + 1 < len(toks):
                starts.add(i + 1)
        reader = Reader(toks, frozenset(starts), self.mid_caps, base=s.start)
        return reader, [(i, t.quote) for i, t in enumerate(toks) if t.kind == QUOTE]

    def count_words(self, quotation: _Quotation) -> int:
        """How many words a quotation holds, up to one more than a title's
        (read once per distinct quotation: a repeated sentence repeats its quotes)."""
        if len(quotation.pieces) > 1:
            return _count_words(self.text, quotation.pieces, _MAX_TITLE_WORDS + 1)
        a, b = quotation.pieces[0]
        inner = self.text[a:b]
        found = self._words_in.get(inner)
        if found is None:
            found = self._words_in[inner] = _count_words(inner, ((0, b - a),), _MAX_TITLE_WORDS + 1)
        return found

    def _whole(self, number: int, quotation: _Quotation) -> bool:
        """A quotation that stands as speech ("“…,” she said", "She said: “…”"), not a
        fragment inside someone's reported words ('the night was a “long one.”')."""
        found = self.sentence(quotation.masks[0][0])
        k = found.where.get(number, 0)
        return k == 0 or found.toks[k - 1].text in (":", ",")

    def attribute(
        self,
        number: int,
        quotation: _Quotation,
        previous: tuple[int, _Quotation, Attribution] | None,
    ) -> Attribution | None:
        """Who the quotation's words are given to, or ``None`` if it is no quote."""
        text = self.text
        first = self.sentence(quotation.masks[0][0])
        last = self.sentence(quotation.masks[-1][1] - 1)
        qi_first = first.where[number]
        qi_last = last.where[number]
        inner = text[quotation.pieces[-1][0] : quotation.pieces[-1][1]]
        words = self.count_words(quotation)
        if words <= _SCARE_WORDS and not _LETTERS.search(inner):
            return None  # 'n', ’em: an elision between marks, not words
        after = last.reader.remember(("after", qi_last), lambda: _after(last.reader, qi_last))
        if quotation.orphan:
            if after is None:
                return None
            return Attribution(last.reader, after, "after", None)
        if words <= _MAX_TITLE_WORDS and _is_title(text, quotation, first.reader, qi_first):
            # “No,” he said: a capitalised word is a quote when it opens the
            # sentence and someone says it; "her memoir, “Find Me,” …" is a title.
            opens = qi_first == 0 or first.toks[qi_first - 1].text == ":"
            if not (opens and after is not None and _INNER_PUNCT.search(inner)):
                return None
        if after is not None:
            return Attribution(last.reader, after, "after", None)
        # Before the quote, back to the quote before it in the same sentence.
        lo = 0
        prev_in_sentence: Attribution | None = None
        if previous is not None:
            p_number, p_quotation, p_attribution = previous
            pa = self.sentence(p_quotation.masks[-1][1] - 1)
            if pa.sentence.id == first.sentence.id and p_number in first.where:
                lo = first.where[p_number] + 1
                prev_in_sentence = p_attribution
        before = first.reader.remember(
            ("before", qi_first, lo), lambda: _before(first.reader, qi_first, lo)
        )
        if before is not None:
            return Attribution(first.reader, before, "before", None)
        short = words <= _SCARE_WORDS
        if prev_in_sentence is not None:
            # "… asserts his innocence" and "will be vindicated": one speaker.
            return prev_in_sentence.inherited()
        if short and not (
            # “Nothing at all.”: a quotation that is a whole sentence is speech,
            # not a scare quote.
            qi_first == 0
            and len(first.toks) <= 2
            and _WHOLE_SENTENCE.search(inner)
            and inner[:1].isupper()
        ):
            return None
        if previous is not None:
            p_number, p_quotation, p_attribution = previous
            pp = self.paragraph_of(p_quotation.pieces[-1][0])
            here = self.paragraph_of(quotation.pieces[0][0])
            if pp == here:
                return p_attribution.inherited()
            if (
                pp == here - 1
                and qi_first == 0
                and self.ends_paragraph(p_quotation)
                and self._whole(p_number, p_quotation)
                and p_attribution.phrase is not None
            ):
                # A paragraph that opens with an unattributed quote goes on
                # with the speaker of the quote that closed the paragraph before.
                return p_attribution.inherited()
        # A quotation inside a sentence with no speech verb: the words are the
        # subject's ("She does, however, condone “mocking the Mocker in Chief.”").
        if qi_first > 0:
            subject = _main_subject(first.reader, qi_first)
            if subject is not None and _personal(first.reader, subject):
                return Attribution(first.reader, subject, "subject", None)
        return Attribution(first.reader, None, "none", None)


def _peeked(after: str) -> str:
    """What ``tokenize`` makes of the two characters after a sentence.

    A stop at the sentence's end, or one before a last space, ends it unless a
    comma, a semicolon or a lower-case letter comes next, read past spaces
    (see ``_words``): so what counts is the class of the first character that
    is not a space, and of the first character alone.
    """
    first = after[:1]
    return _peek_class(after.lstrip()[:1]) + _peek_class("" if first.isspace() else first)


def _peek_class(c: str) -> str:
    if c in (",", ";"):
        return c
    return "a" if c.islower() else "-"


def _count_words(text: str, pieces: Sequence[tuple[int, int]], cap: int) -> int:
    """How many words the pieces hold, counting no further than ``cap``."""
    count = 0
    for a, b in pieces:
        for _ in _WORD.finditer(text, a, b):
            count += 1
            if count >= cap:
                return count
    return count


def _is_title(text: str, quotation: _Quotation, reader: Reader, qi: int) -> bool:
    """A title, a name or a nickname rather than words someone said."""
    a, b = quotation.pieces[0]
    inner = text[a:b].rstrip(".,!?;: ")
    words = _WORD.findall(inner)
    toks = reader.toks
    # "so-called", "dubbed", "known as"
    k = qi - 1
    while k >= 0 and reader.cls(k, "determiner"):
        k -= 1
    if k >= 0 and (
        reader.cls(k, "naming") or (toks[k].low == "as" and reader.cls(k - 1, "naming"))
    ):
        return True
    # "a group called …", "a man described as …": a name given; "what the
    # organizers called …", "which a reviewer dismissed as …": words said.
    verb = None
    if k > 0 and toks[k].low in ("called", "call", "calls"):
        verb = k
    elif k > 1 and toks[k].low == "as" and toks[k - 1].low.endswith("ed"):
        verb = k - 1
    if verb is not None and _names_rather_than_says(reader, verb):
        return True
    if not words or len(quotation.pieces) > 1:
        return False
    capitalised = 0
    for word in words:
        if capitalised and reader.lex.has(word.lower(), "minor"):
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return False
        capitalised += 1
    return capitalised > 0


def _names_rather_than_says(reader: Reader, verb: int) -> bool:
    """Whether a verb right before a quotation ("called", "described as") gives
    a name rather than someone's words.

    With its object right after it ("called “X”"), the verb is passive ("a
    group called …"), unless its object came first ("what the organizers
    called …") or its subject is a pronoun or a name ("Smith called …").
    """
    toks = reader.toks
    if reader.cls(_skip_adverbs(reader, verb - 1), "passive"):
        return True  # "was called", "is described as"
    if toks[verb - 1].kind != 0:
        return True  # "…, called “X”"
    if _np_end(reader, verb - 1):
        return False
    subject = reader.ending_at(verb - 1, 0)
    if subject is None:
        return True
    return not reader.cls(subject.first - 1, "subordinator")


def _np_end(reader: Reader, k: int) -> bool:
    """Whether token ``k`` ends a subject: a pronoun or a name ("he called it …")."""
    tok = reader.toks[k]
    if tok.kind != 0:
        return False
    if reader.cls(k, "he") or reader.cls(k, "she") or reader.cls(k, "they"):
        return True
    if reader.cls(k, "self") or reader.cls(k, "it"):
        return True
    return reader.name_word(k)


def _personal(reader: Reader, phrase: Phrase) -> bool:
    """A phrase that can stand for someone who speaks: not "the crime scenes"."""
    if phrase.kind == "pronoun":
        return phrase.head in ("he", "she", "they")
    if phrase.kind == "name":
        return True
    if any(a.kind == "name" for a in phrase.appositives):
        return True
    role = reader.lex.role(phrase.head)
    if role is None and phrase.possessor is not None:
        return True  # "Trump's account", "Weiner's office"
    return role is not None and role.kind in ("person", "org", "document")


# ---- after the quote


def _after(reader: Reader, qi: int) -> Phrase | None:
    """The speaker named right after a quote: ', the source said', ', said X', '— X'."""
    toks = reader.toks
    n = len(toks)
    i = qi + 1
    if i < n and toks[i].text == ",":
        i += 1
    if i >= n or toks[i].kind == QUOTE:
        return None
    if toks[i].text in ("—", "–") or (
        toks[i].text == "-" and i + 1 < n and toks[i + 1].text == "-"
    ):
        j = i + (2 if toks[i].text == "-" else 1)
        return reader.phrase(j, n, forward=True)
    if toks[i].low == "according" and i + 1 < n and toks[i + 1].low == "to":
        return reader.phrase(i + 2, n, forward=True)
    j = i
    while j < n and (reader.adverb(j) or reader.cls(j, "aux")) and not reader.verb(j):
        j += 1
    if (reader.verb(j) and not toks[j].cap) or (reader.verb(j) and j == i):
        found = reader.phrase(j + 1, n, forward=True)
        if found is not None and found.kind != "pronoun":
            return found
        if found is not None and found.kind == "pronoun" and j + 1 == found.first:
            return found  # '"…," said he' (rare, but a speaker)
        return None
    # The speaker first: '"…," Mr. Weiner, a Democrat, said'.
    for k in range(i, min(n, i + 24)):
        if toks[k].kind == QUOTE or toks[k].text in (".", ";", "!", "?"):
            return None
        if not reader.verb(k):
            continue
        e = _skip_back(reader, k - 1, i)
        if e < i:
            return None
        if toks[e].text == ",":
            found = reader.exact(i, e - 1)
            if found is not None and found.appositives:
                return found
        else:
            found = reader.exact(i, e)
            if found is not None:
                return found
        # A verb form inside the speaker ("the tweets read"): try the next one.
    return None


# ---- before the quote


def _before(reader: Reader, qi: int, lo: int) -> Phrase | None:
    """The speaker named before a quote in its sentence, from ``lo`` on."""
    toks = reader.toks
    # "According to a senior official, “…”"
    k = qi - 1
    if k >= lo and toks[k].text in (",", ":"):
        k -= 1
    for start in range(max(lo, k - 20), k):
        if toks[start].low == "according" and start + 1 <= k and toks[start + 1].low == "to":
            found = reader.exact(start + 2, k)
            if found is not None:
                return found
    fallback: Phrase | None = None
    # "Konoike's remarks were “inappropriate”" describes the remarks; "Trump's
    # comments about Kelly having “…”" quotes them.
    verb_between = False
    for k in range(qi - 1, lo - 1, -1):
        tok = toks[k]
        if tok.kind == QUOTE:
            continue  # a title inside the sentence ('on CBS’ “Face the Nation”')
        if tok.kind == PUNCT:
            continue
        low = tok.low
        if reader.participle(k) and not reader.cls(k - 1, "aux"):
            if k > 0 and toks[k - 1].kind != PUNCT and _np_end(reader, k - 1):
                # "… Sally Yates telling Don McGahn that …": the participle
                # describes a noun; the sentence's speaker is further back.
                fallback = fallback or reader.ending_at(k - 1, 0)
                continue
            if k > 0 and toks[k - 1].kind == 0 and not reader.adverb(k - 1):
                # "McCall resigned saying …": the subject of the verb it follows.
                subject = _subject_of(reader, k - 1, depth=0)
                if subject is not None and _personal(reader, subject):
                    return subject
            subject = _main_subject(reader, k)
            if subject is None:
                subject = _subject_after(reader, qi)
            if subject is not None:
                return subject
            continue
        if reader.verb(k) or (reader.participle(k) and reader.cls(k - 1, "aux")):
            if k > 0 and reader.cls(_skip_adverbs(reader, k - 1), "passive") and low != "said":
                continue  # "is accused of being …", "was called …": not the subject's words
            if reader.cls(k, "issuing") and k > 0 and reader.lex.role(toks[k - 1].low) is not None:
                continue  # "a statement issued Tuesday"
            subject = _subject_of(reader, k, depth=0)
            if subject is not None and not _personal(reader, subject):
                # "the crime scenes indicated": no speaker; a verb further back
                # may have one ("a spokesman said the crime scenes indicated …").
                fallback = fallback or subject
                continue
            if subject is not None:
                return subject
            continue
        if reader.cls(k, "speech") and not verb_between:
            found = _speech_owner(reader, k)
            if found is not None:
                return found
        if reader.cls(k, "aux") or reader.verb(k):
            verb_between = True
    return fallback


def _skip_adverbs(reader: Reader, k: int) -> int:
    while k > 0 and reader.adverb(k):
        k -= 1
    return k


def _speech_owner(reader: Reader, k: int) -> Phrase | None:
    """Whose words a speech noun names: "Trump's comments", "a statement from the mayor"."""
    toks = reader.toks
    j = k - 1
    while j >= 0 and reader.content(j) and not toks[j].poss and k - j < 3:
        j -= 1  # "Trump's recent comments"
    if j >= 0 and toks[j].poss:
        found = reader.ending_at(j, 0)
        if found is not None:
            return found.possessor or found
    if k + 2 < len(toks) and toks[k + 1].low in ("from", "by"):
        return reader.phrase(k + 2, len(toks), forward=True)
    return None


def _skip_back(reader: Reader, e: int, lo: int) -> int:
    """From ``e`` leftwards past adverbs, auxiliaries, time phrases and "tried to"."""
    toks = reader.toks
    while e >= lo:
        tok = toks[e]
        if tok.kind != 0:
            break
        if reader.adverb(e) or reader.cls(e, "aux") or tok.low == "not":
            e -= 1
        elif reader.cls(e, "time") and not tok.poss:
            e -= 1
            while e >= lo and (
                toks[e].low in ("on", "last", "this", "next", "over", "late", "early", "the")
                or reader.cls(e, "time")
            ):
                e -= 1
        elif tok.low == "to" and e - 1 >= lo and reader.content(e - 1) and not toks[e - 1].cap:
            e -= 2  # "attempted to explain", "declined to say"
        else:
            break
    return e


def _subject_of(reader: Reader, k: int, *, depth: int) -> Phrase | None:
    """The subject of the verb at token ``k``."""
    toks = reader.toks
    e = _skip_back(reader, k - 1, 0)
    if e < 0:
        return None
    if toks[e].text == ",":
        # "X, a spokesman, said"; "X, however, said"; "X, speaking …, said"
        found = reader.ending_at(e - 1, 0)
        if found is not None and found.appositives:
            return found
        for m in range(e - 2, max(-1, e - _MAX_PARENTHESIS), -1):
            if toks[m].kind == QUOTE:
                break
            if toks[m].text == ",":
                found = reader.ending_at(_skip_back(reader, m - 1, 0), 0)
                if found is not None:
                    return found
                break
        return _coordinated(reader, k, depth)
    found = reader.ending_at(e, 0)
    if found is not None:
        return found
    if toks[e].kind == 0:
        return _coordinated(reader, k, depth)
    return None


def _coordinated(reader: Reader, k: int, depth: int) -> Phrase | None:
    """The subject of a verb with none of its own: 'Grimm stormed back, leaned in and said'.

    A verb that reports words ("and said", "and added") goes with the speech
    verb before it in the sentence ("X confirmed … and said that …"; "said X
    was “…” and added"); one that addresses someone ("and told him to", "and
    asked if") with the nearest clause's subject ("Paul Ryan called him and
    told him"). A speech verb in a clause that opens the sentence ("After the
    reporter asked …,") is not the one.
    """
    toks = reader.toks
    e = _skip_back(reader, k - 1, 0)
    joined_to_quote = e > 0 and toks[e - 1].kind == QUOTE and toks[e].low in ("and", ",")
    if depth < 2 and (joined_to_quote or not reader.cls(k, "addressing")):
        opening = _opening_clause_end(reader)
        for k2 in range(k - 1, opening, -1):
            if reader.verb(k2):
                found = _subject_of(reader, k2, depth=depth + 1)
                if found is not None:
                    return found
                break
    return _nearest_subject(reader, k, top=False)


def _opening_clause_end(reader: Reader) -> int:
    """Where a clause that opens the sentence ("After the vote, …") ends, or -1."""
    toks = reader.toks
    if not toks or not (reader.cls(0, "subordinator") or reader.cls(0, "preposition")):
        return -1
    for i, tok in enumerate(toks):
        if tok.text == "," or tok.kind == QUOTE:
            return i
    return -1


def _main_subject(reader: Reader, k: int) -> Phrase | None:
    """The subject of the sentence's main clause before token ``k``."""
    return _nearest_subject(reader, k, top=True)


def _nearest_subject(reader: Reader, k: int, *, top: bool) -> Phrase | None:
    """The nearest noun phrase before ``k`` that opens a clause and is followed by its verb.

    With ``top``, only clauses of the sentence itself count, not those after
    "that", "after" or a speech verb.
    """
    toks = reader.toks
    best: Phrase | None = None
    i = 0
    while i < k:
        before = toks[i - 1] if i > 0 else None
        opener = (
            before is None
            or before.kind == QUOTE
            or before.text in (",", ":", ";")
            or (
                not top
                and (
                    reader.cls(i - 1, "subordinator")
                    or reader.cls(i - 1, "conjunction")
                    or reader.verb(i - 1)
                )
            )
        )
        if opener and toks[i].kind == 0:
            found = reader.phrase(i, k, forward=True)
            if found is not None and _followed_by_verb(reader, found.last + 1, k, i == 0):
                best = found
                i = found.last + 1
                continue
        i += 1
    return best


def _followed_by_verb(reader: Reader, j: int, k: int, first: bool) -> bool:
    toks = reader.toks
    if j < len(toks) and toks[j].text == ",":
        if first:
            return True  # "Scotto, who was asking …, protested"
        j += 1
    while j < k and (reader.adverb(j) or reader.cls(j, "time")):
        j += 1
        while j < k and reader.cls(j, "time"):
            j += 1
    if j >= len(toks) or toks[j].kind != 0:
        return False
    if (
        j < len(toks)
        and toks[j].low in ("on", "last", "this", "over")
        and reader.cls(j + 1, "time")
    ):
        return _followed_by_verb(reader, j + 2, k, False)
    tok = toks[j]
    if tok.cap:
        return False
    if reader.verb(j) or reader.cls(j, "aux") or reader.participle(j):
        return True
    if tok.low in ("who", "which"):
        return True  # "the congressman who represents …, was"
    return not reader.function(j)


def _subject_after(reader: Reader, qi: int) -> Phrase | None:
    """The subject after a quote in an opening phrase.

    'A day after telling reporters “…,” Rep. X broke his silence'.
    """
    toks = reader.toks
    i = qi + 1
    if i < len(toks) and toks[i].text == ",":
        i += 1
    found = reader.phrase(i, len(toks), forward=True)
    if found is not None and _followed_by_verb(reader, found.last + 1, len(toks), False):
        return found
    return None
