"""Find direct quotations and their speakers.

Quotation marks are read from their surroundings, one paragraph at a time:
“ and ‘ open, ” closes, and a straight or right single mark opens after a space
and closes before one. A mark between two letters (It’s, Türkiye’s) or before
digits (the ’90s) is an apostrophe. A quote of the other kind inside an open
quote is part of it. A quote left open at the end of a paragraph continues when
the next paragraph opens with the same kind of mark (news style); otherwise it
stops at the paragraph's end, so a stray mark never swallows the rest of the
article.

Speakers are taken as written from the words around the quote: after it
("…," the source stated / said X / — X / according to X) or before it
(X said: "…" / X told reporters, "…" / X …, stating, ‘…’). Pronouns are kept
as written ("he"), not resolved. A quote with no attribution of its own takes
the speaker of the quote before it in the same paragraph ("…," X said. "…").

Short quoted phrases (one to three words) are scare quotes or titles, not
quotations, unless they end in sentence punctuation inside the marks and have
a speaker (“No,” he said).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ._data import data_lines
from ._model import Quote, Sentence

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
_NEW_SENTENCE_INSIDE = re.compile(r"[.…]$")
# Short quotes at most this long are scare quotes unless attributed.
_SCARE_WORDS = 3
_MAX_SPEAKER_WORDS = 10
# How much of the sentence before a quote is read for its speaker.
_BEFORE_CHARS = 300

# Words that may sit between a speaker and the verb ("the source later said").
_ADVERBS = (
    r"(?:also|later|then|further|previously|earlier|again|recently|reportedly|once|"
    r"repeatedly|publicly|privately|had|has|have|was|were|would|will)"
)
_SPEAKER_WORD = r"[\w’'.&\-]+"
# Speakers that are really conjunctions or clause words picked up by a pattern.
_NOT_SPEAKERS = frozenset(
    (
        *("and", "but", "or", "then", "also", "which", "that", "who", "whom", "as", "so"),
        *("while", "the", "a", "an"),
    )
)

# Words after a speaker's name that start a time or place phrase ("said X on Monday").
_SPEAKER_STOP = (
    r"(?:on|in|at|during|after|before|while|when|who|as|to|from|last|this|yesterday|today|"
    r"earlier|later|via|through|adding|saying|noting|citing|speaking)"
)


class _Mark(NamedTuple):
    pos: int
    double: bool
    role: int
    weak: bool  # a closer that may be a plural possessive ("the students’ union")


@dataclass(frozen=True, slots=True)
class _Patterns:
    dash_after: re.Pattern[str]
    verb_first_after: re.Pattern[str]
    speaker_first_after: re.Pattern[str]
    according_after: re.Pattern[str]
    said_before: re.Pattern[str]
    according_before: re.Pattern[str]
    participle_before: re.Pattern[str]
    subject_verb: re.Pattern[str]
    # The subject of a sentence, up to its first verb in the past tense: "A
    # Ukrainian soldier described ...". Used only when a participle ("stating,")
    # introduces the quote and no speech verb names the subject.
    past_subject: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The attribution patterns, built on first use from the shipped verb lists."""
    verbs = "|".join(sorted(map(re.escape, data_lines("speech_verbs.txt")), key=len, reverse=True))
    participles = "|".join(map(re.escape, data_lines("speech_participles.txt")))
    verb = rf"(?:{_ADVERBS}\s+)*(?:{verbs})\b"
    who = rf"(?P<who>(?:{_SPEAKER_WORD}\s+){{0,9}}?{_SPEAKER_WORD})"
    # A speaker may carry an appositive between commas: "Arthur Sulzberger, the
    # newspaper's publisher, said"; the name before it is the speaker.
    appositive = r"(?:,[^,;:!?\"“”‘]{1,80},)?"
    # A name runs to the first punctuation, except the stop of an initial or a
    # title inside it ("Jimmy D. Staton", "Mr. Powell").
    name_until_stop = (
        r"(?P<who>(?:[^,.;:!?()\[\]\"“”‘’]|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|"
        r"(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.|(?<=\bJr)\.){1,80}?)"
        r"\s*(?=[,;:!?()\[\]\"“”‘’]|(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)"
        rf"(?<!\bSt)(?<!\bJr)\.|\s{_SPEAKER_STOP}\b|$)"
    )
    return _Patterns(
        dash_after=re.compile(r"^\s*,?\s*(?:—|–|--|-)\s*" + name_until_stop),
        verb_first_after=re.compile(rf"^\s*,?\s*(?:{verbs})\s+" + name_until_stop),
        speaker_first_after=re.compile(rf"^\s*,?\s*{who}{appositive}\s+{verb}", re.UNICODE),
        according_after=re.compile(r"^\s*,?\s*according to\s+" + name_until_stop, re.IGNORECASE),
        said_before=re.compile(
            rf"(?:^|[,;]\s+){who}{appositive}\s+{verb}[^,:;\"“”‘’]{{0,50}}[:,]\s*$", re.UNICODE
        ),
        according_before=re.compile(
            r"according to\s+(?P<who>[^,.;:!?\"“”‘’]{1,80}?)\s*[:,]\s*$", re.IGNORECASE
        ),
        participle_before=re.compile(
            rf",\s*(?:{participles})\b[^,:;\"“”‘’]{{0,30}}[:,]?\s*$", re.IGNORECASE
        ),
        subject_verb=re.compile(rf"(?:^|[,;]\s+){who}{appositive}\s+{verb}", re.UNICODE),
        past_subject=re.compile(r"^(?P<who>(?:[\w’'.&\-]+\s+){0,5}?[\w’'.&\-]+)\s+[a-z]+ed\b"),
    )


def find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """Find the direct quotations of an article.

    Args:
        text: The article text the sentences index into.
        sentences: The article's sentences in reading order (from ``segment``);
            their paragraph numbers bound every quote.

    Returns:
        The quotes in reading order, each covering the words inside the marks
        (not the marks), with the id of the sentence where it starts and its
        speaker as written, or ``None``. A quote that runs over several
        paragraphs is one entry per paragraph, all with the same speaker.
        Status is left ``"only-here"``; the comparison sets it.
    """
    ordered = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    paragraphs = _paragraph_spans(ordered)
    out: list[Quote] = []
    # A quote left open at the end of a paragraph: its pieces so far.
    chain: list[tuple[int, int]] = []
    chain_double = True
    chain_before = ""
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
        last_speaker: str | None = None
        closer_ahead = _closers_ahead(marks)
        for k, mark in enumerate(marks):
            if opened is None:
                if mark.role & _OPEN:
                    opened = mark
                continue
            if mark.double != opened.double:
                if not opened.double and mark.role & _OPEN and not closer_ahead[k][False]:
                    # The single mark never closes: it was an elision ('em), and
                    # this double mark opens the real quote.
                    opened = mark
                    chain = []
                continue  # otherwise a quote inside the quote
            if mark.role & _CLOSE:
                if mark.weak and closer_ahead[k][mark.double]:
                    continue
                pieces = [*chain, (opened.pos + 1, mark.pos)]
                before = chain_before if chain else _before(text, starts, ordered, opened.pos, ps)
                after = text[mark.pos + 1 : min(pe, mark.pos + 200)]
                found = _emit(text, starts, ordered, pieces, before, after, last_speaker)
                if found:
                    out.extend(found)
                    last_speaker = found[0].speaker
                chain = []
                opened = None
            elif mark.role == _OPEN:
                # A second opener before any closer: the first mark was stray.
                chain = []
                opened = mark
        if opened is not None:
            piece = (opened.pos + 1, pe)
            if not chain:
                chain_before = _before(text, starts, ordered, opened.pos, ps)
                chain_double = opened.double
            chain.append(piece)
            continues = _continuation(next_marks, paragraphs, number + 1, chain_double)
            if continues == _NO:
                # Unclosed and not continued: the quote stops at the paragraph's
                # end. Only a double mark is trusted this far; a lone single mark
                # is more often an apostrophe.
                if chain_double:
                    out.extend(_emit(text, starts, ordered, chain, chain_before, "", last_speaker))
                chain = []
    return tuple(out)


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
        elif p.isalnum() and n.isalnum():
            role = 0  # an apostrophe inside a word: It’s, Türkiye's
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


def _before(
    text: str, starts: Sequence[int], ordered: Sequence[Sentence], opener: int, ps: int
) -> str:
    """The text of the opener's sentence before the opener."""
    start = max(ps, _sentence_at(starts, ordered, opener).start, opener - _BEFORE_CHARS)
    return text[start:opener]


def _emit(
    text: str,
    starts: Sequence[int],
    ordered: Sequence[Sentence],
    pieces: Sequence[tuple[int, int]],
    before: str,
    after: str,
    previous_speaker: str | None,
) -> list[Quote]:
    """Quotes for the pieces of one quotation, or none if it is a scare quote."""
    trimmed: list[tuple[int, int]] = []
    for a, b in pieces:
        chunk = text[a:b]
        a2 = a + len(chunk) - len(chunk.lstrip())
        b2 = a + len(chunk.rstrip())
        if a2 < b2:
            trimmed.append((a2, b2))
    if not trimmed:
        return []
    words = sum(len(_WORD.findall(text, a, b)) for a, b in trimmed)
    if words == 0:
        return []
    inner = text[trimmed[-1][0] : trimmed[-1][1]]
    speaker = _speaker(before, after, inner)
    if words <= _SCARE_WORDS and not (speaker and _INNER_PUNCT.search(inner)):
        return []
    if speaker is None:
        speaker = previous_speaker
    return [
        Quote(_sentence_at(starts, ordered, a).id, a, b, text[a:b], speaker) for a, b in trimmed
    ]


def _speaker(before: str, after: str, inner: str) -> str | None:
    """Who said it, as written around the quote."""
    pats = _patterns()
    stripped = after.lstrip()
    # A quote that ends its own sentence ("… hard.” The …") has no attribution
    # after it.
    continues = not (
        _NEW_SENTENCE_INSIDE.search(inner) and stripped[:1].isupper() and stripped[:1] != "—"
    )
    if after and continues:
        for pattern in (
            pats.dash_after,
            pats.according_after,
            pats.verb_first_after,
            pats.speaker_first_after,
        ):
            m = pattern.match(after)
            if m and (who := _clean(m.group("who"))):
                return who
    for pattern in (pats.according_before, pats.said_before):
        m = pattern.search(before)
        if m and (who := _clean(m.group("who"))):
            return who
    if pats.participle_before.search(before):
        # "A soldier described the pause as detrimental, stating, ‘…’": the
        # subject of the sentence.
        for pattern in (pats.subject_verb, pats.past_subject):
            m = pattern.match(before)
            if m and (who := _clean(m.group("who"))):
                return who
    m = pats.subject_verb.search(before)
    if m and (who := _clean(m.group("who"))):
        return who  # "Erdogan said that Turkey “will not …”"
    return None


def _clean(who: str) -> str | None:
    words = who.strip(" \t,;:—–-").split()
    while words and words[0].lower() in ("and", "but", "then", "so"):
        words = words[1:]
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None
    if len(words) == 1 and words[0].lower() in _NOT_SPEAKERS:
        return None
    return " ".join(words)
