"""Conflicts: a number, date or name that fills the same slot of two linked sentences but differs.

A fact-checker reads conflicts first, so a wrong one is worse than none. A
conflict therefore needs all of:

- two values of one kind: a count of a thing with a count of the same thing
  (the unit after it: "three-year" / "four-year", "$250,000" / "$200,000"), a
  date with a date (a weekday, a month with its day, a year), a person's name
  with a person's name;
- each found in only one of the sentences, by its normalised key: different
  forms of one value (two / 2, Mexican / Mexico's, F.B.I. / FBI, "Michael
  Grimm" / "Grimm") are one value, never a conflict;
- the same slot. Numbers share their unit, and a content word near both or
  being the only count of that unit on each side. Dates share a content word
  near both ("met on Tuesday" / "met on Wednesday"; function words and names
  do not count: "pleaded guilty on Friday" / "Trump on Monday" are two
  events), or the shorter sentence is mostly in the other and each has one
  date left over. Names share the title before them ("President Joe Biden" /
  "President Donald Trump"; "Rep." and "Representative" are one title), two
  words near both, or are both their sentence's subject with a word near both
  ("Mrs. Clinton gave an interview" / "Clinton was interviewed"); never two
  offices ("Turkish President" / "U.S. President").

A name is a person's: after a title, a first name and a surname, or a surname
the articles give a person elsewhere, and never ending in the noun of a body
or a place ("Congressional Committee", "White House").

Pairing is symmetric: swapping the sentences swaps each conflict's sides.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ._data import data_lines
from ._model import Conflict, ConflictType
from ._text import Token

_CURRENCY = "$€£¥"
_SCALES = {"100", "1000", "1000000", "1000000000"}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’\-]*\b")
# Content words looked at on each side of a value for the slot it fills.
CONTEXT = 3
NAME_CONTEXT = 2  # shared words near two names for one role
# Numbers that stand for "a" or "one of": never a count worth a conflict.
_WEAK_NUMBERS = {"1", "1st"}


@cache
def _months() -> frozenset[str]:
    return frozenset(data_lines("months.txt"))


@cache
def _weekdays() -> frozenset[str]:
    return frozenset(data_lines("weekdays.txt"))


@cache
def _organisations() -> frozenset[str]:
    return frozenset(data_lines("organisations.txt"))


@cache
def _title_roles() -> dict[str, str]:
    """Each word that stands before a person's name ("Rep.", "Mr.") and the role it names."""
    roles: dict[str, str] = {}
    for line in data_lines("titles.txt"):
        words = line.split()
        for word in words:
            roles[word] = words[0]
    return roles


@cache
def _titles() -> frozenset[str]:
    """Words that stand before a person's name: "President", "Rep.", "Mr."."""
    return frozenset(_title_roles())


@dataclass(frozen=True, slots=True)
class Value:
    """A number, date or person's name in one sentence."""

    kind: ConflictType
    keys: frozenset[str]  # what identifies the value: {"250000"}, {"tuesday"}, {"joe", "biden"}
    raw: str  # as written
    first: int  # index of its first token
    last: int  # index of its last token
    unit: str | None  # numbers: the unit after them ("$" for money)
    surname: str = ""  # names: the last word's key
    near: frozenset[str] = frozenset()  # the slot: words near it (see _with_context)
    subject: bool = False  # names: the sentence's first name, before any lowercase content word
    qualifier: frozenset[str] = frozenset()  # names: words before the title ("Turkish President")


def _fold_raw(token: Token) -> str:
    return token.raw.lower().rstrip(".")


def values(
    tokens: Sequence[Token],
    text: str,
    lowercase: frozenset[str],
    people: frozenset[str] = frozenset(),
) -> list[Value]:
    """Every number, date and person's name in one sentence's tokens.

    Args:
        tokens: The sentence's tokens; offsets index into ``text``.
        text: The sentence (to read a currency sign before a number).
        lowercase: Words the articles write in lower case somewhere: such a word
            capitalised ("District", "Committee") is not a name.
    """
    out: list[Value] = []
    weekdays, months, titles = _weekdays(), _months(), _titles()

    def name_word(token: Token) -> bool:
        # A capitalised word that the articles never write in lower case, or a title.
        if not token.capitalized or token.number:
            return False
        folded = token.raw.lower().rstrip(".")
        return folded in titles or (
            token.content and folded not in lowercase and token.key not in lowercase
        )

    n = 0
    count = len(tokens)
    while n < count:
        token = tokens[n]
        if token.number:
            n = _number(tokens, n, text, out)
            continue
        if not token.capitalized:
            n += 1
            continue
        key = token.key
        # Month and weekday names are capitalised: "may" and "march" are verbs too.
        if key in weekdays or key in months:
            last = n
            if key in months and n + 1 < count and tokens[n + 1].number:
                last = n + 1  # "March 6"
            keys = frozenset(tokens[m].key for m in range(n, last + 1))
            raw = text[token.start : tokens[last].end]
            out.append(Value("date", keys, raw, n, last, None))
            n = last + 1
            continue
        if name_word(token):
            last = n
            while (
                last + 1 < count
                and name_word(tokens[last + 1])
                and _joined(tokens[last], tokens[last + 1], text)
            ):
                last += 1
            # The name starts after its last title: "North Carolina Rep. Bob
            # Etheridge" is Bob Etheridge, a representative.
            first = n
            for m in range(last - 1, n - 1, -1):
                if _fold_raw(tokens[m]) in titles:
                    first = m + 1
                    break
            while first <= last and _fold_raw(tokens[first]) in titles:
                first += 1
            keys = frozenset(t.key for t in tokens[first : last + 1] if t.content)
            # A person: a title before the name ("Rep. Grimm"), a first name and
            # a surname ("William McGinley"), or a surname the articles give a
            # person elsewhere. Any other capitalised word alone may be a place,
            # a paper or a sentence's first word.
            titled = first > n
            if (
                keys
                and (titled or last > first or tokens[last].key in people)
                and (titled or _surname_like(tokens[last]))
            ):
                raw = text[tokens[first].start : tokens[last].end]
                surname = tokens[last].key
                # "But Mr. Akin on Tuesday refused ...", "Clinton was interviewed ...".
                subject = not any(v.kind == "name" for v in out) and not any(
                    t.content and not t.capitalized and not t.number for t in tokens[:n]
                )
                # "Turkish President X" and "U.S. President Y" hold two offices.
                qualifier = frozenset(t.key for t in tokens[n : first - 1] if t.content)
                out.append(
                    Value(
                        "name",
                        keys,
                        raw,
                        first,
                        last,
                        None,
                        surname,
                        frozenset(),
                        subject,
                        qualifier,
                    )
                )
            n = last + 1
            continue
        n += 1
    return _with_context(tokens, out) if out else out


def _surname_like(token: Token) -> bool:
    """Not the noun that ends the name of a body or a place ("Justice Department")."""
    return _fold_raw(token) not in _organisations() and token.key not in _organisations()


def _joined(token: Token, following: Token, text: str) -> bool:
    """Two words of one name: only a space between them, or the dot of an initial or title."""
    gap = text[token.end : following.start] if text else " "
    if gap.isspace():
        return True
    shortened = len(token.raw) == 1 or _fold_raw(token) in _titles()
    return shortened and gap[:1] == "." and gap[1:].isspace()


def _number(tokens: Sequence[Token], n: int, text: str, out: list[Value]) -> int:
    """Read one number (with its scale word and unit) at ``n``; return the next index."""
    token = tokens[n]
    last = n
    value = token.key
    if n + 1 < len(tokens) and tokens[n + 1].number and tokens[n + 1].key in _SCALES:
        last = n + 1  # "1.5 million", "two thousand"
        value = f"{value}x{tokens[last].key}"
    unit: str | None = None
    before = text[max(0, token.start - 1) : token.start]
    if before and before in _CURRENCY:
        unit = before
    else:
        m = last + 1
        if m < len(tokens) and tokens[m].content and not tokens[m].number:
            unit = tokens[m].key
    # The whole written word: "$250,000", "three-year" (its parts share one span).
    raw = text[token.start - (1 if unit and unit in _CURRENCY else 0) : tokens[last].end]
    kind: ConflictType = "number"
    if unit is None and _YEAR.fullmatch(value):
        kind = "date"
    if value not in _WEAK_NUMBERS:
        out.append(Value(kind, frozenset({value}), raw, n, last, unit))
    return last + 1


def _with_context(tokens: Sequence[Token], found: list[Value]) -> list[Value]:
    """Each value with the content words near it (CONTEXT on each side), and a name's title.

    Function words do not make a slot: "on Friday" and "on Monday" may be two
    events; "refused on Friday to step down" and "refused to step down Monday"
    are one. Names are poor anchors too: the story's people stand near everything.
    """
    # Positions of the words that can anchor a slot, found once per sentence.
    anchors = [n for n, t in enumerate(tokens) if t.content and not t.number and not t.capitalized]
    out = []
    for value in found:
        first_start, last_start = tokens[value.first].start, tokens[value.last].start
        # Skip the other parts of the value's own written words ("three-year").
        before = [
            n
            for n in anchors[: bisect_left(anchors, value.first)]
            if tokens[n].start != first_start
        ]
        after = [
            n for n in anchors[bisect_right(anchors, value.last) :] if tokens[n].start != last_start
        ]
        near = {tokens[n].key for n in before[-CONTEXT:] + after[:CONTEXT]}
        title = value.first - 1
        if value.kind == "name" and title >= 0:
            role = _title_roles().get(_fold_raw(tokens[title]))
            if role:
                near.add("title " + role)
        # Positional: dataclasses.replace takes several times longer.
        out.append(
            Value(
                value.kind,
                value.keys,
                value.raw,
                value.first,
                value.last,
                value.unit,
                value.surname,
                frozenset(near),
                value.subject,
                value.qualifier,
            )
        )
    return out


def _loose(values: Sequence[Value], others: Sequence[Value]) -> list[Value]:
    """The values not found in the other sentence, in any of their forms.

    "Michael Grimm" and "Grimm" are one person; "Bob Smith" and "Bob Jones" two.
    """
    other_keys = {v.keys for v in others if v.kind != "name"}
    surnames = {v.surname for v in others if v.kind == "name"}
    name_words = {k for v in others if v.kind == "name" for k in v.keys}
    out = []
    for value in values:
        if value.kind == "name":
            if value.surname in surnames or value.surname in name_words or surnames & value.keys:
                continue
        elif value.keys in other_keys:
            continue
        out.append(value)
    return out


def find_conflicts(
    lv: Sequence[Value], rv: Sequence[Value], *, similar: bool
) -> tuple[Conflict, ...]:
    """The values that differ in the same slot of two linked sentences.

    Args:
        lv: The left sentence's values (see :func:`values`).
        rv: The right sentence's values.
        similar: Whether most of the shorter sentence is in the other: then one
            value of a kind left over on each side is one slot.
    """
    if not lv or not rv:
        return ()
    loose_left = _loose(lv, rv)
    loose_right = _loose(rv, lv)
    if not loose_left or not loose_right:
        return ()
    candidates: list[tuple[tuple[object, ...], int, int]] = []
    for i, a in enumerate(loose_left):
        for j, b in enumerate(loose_right):
            if a.kind != b.kind or (a.kind == "number" and a.unit != b.unit):
                continue
            near = a.near & b.near
            if a.kind == "name":
                # The same role: the same title before both ("Sen. X", "Sen. Y"),
                # the same words around both ("X refused to step down"), or both
                # the subject of their sentence next to a word in common ("Mrs.
                # Clinton gave an interview" / "Clinton was interviewed"). Never
                # two offices: "Turkish President X" / "U.S. President Y".
                one_office = not (a.qualifier and b.qualifier and a.qualifier != b.qualifier)
                slot = one_office and (
                    any(c.startswith("title ") for c in near)
                    or len(near) >= NAME_CONTEXT
                    or (a.subject and b.subject and bool(near))
                )
            else:
                slot = bool(near)
            if not slot and a.kind != "name" and (similar or a.unit is not None):
                # Mostly the same sentence, with one date, one name or one count of
                # a thing left over on each side.
                slot = (
                    sum(v.kind == a.kind and v.unit == a.unit for v in loose_left) == 1
                    and sum(w.kind == b.kind and w.unit == b.unit for w in loose_right) == 1
                )
            if slot:
                # Nearest positions first, ties broken the same from either side.
                order = (abs(i - j), min(i, j), max(i, j), min(a.raw, b.raw), max(a.raw, b.raw))
                candidates.append((order, i, j))
    pairs: list[tuple[int, int]] = []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    return tuple(
        Conflict(loose_left[i].raw, loose_right[j].raw, loose_left[i].kind)
        for i, j in sorted(pairs)
    )


def lowercase_words(*texts: str) -> frozenset[str]:
    """Every word written in lower case somewhere in the texts, as written and as keys."""
    from ._text import alias_table, word_keys

    table = alias_table()
    out: set[str] = set()
    for text in texts:
        out.update(_LOWERCASE_WORD.findall(text))
    for word in list(out):
        out.update(word_keys(word, table))
    return frozenset(out)


# A run of capitalised words: "Rep. Michael G. Grimm", "Mitt Romney".
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’\-]*\.?)+")


def people(texts: Sequence[str], lowercase: frozenset[str]) -> frozenset[str]:
    """Surnames of the people the articles name with a title or a first name.

    "Rep. Todd Akin" and "Mr. Akin" make "Akin" a person's name, so a bare
    "Akin" elsewhere is one too. A scan of the texts, not of their tokens.
    """
    from ._text import alias_table, tokenize

    table = alias_table()
    out: set[str] = set()
    for text in texts:
        for run in set(_CAPITALISED_RUN.findall(text)):
            words = [w.rstrip(".") for w in run.split(" ")]
            titled = 0
            while titled < len(words) and words[titled].lower() in _titles():
                titled += 1
            names = words[titled:]
            if not names or not (titled or len(names) >= 2):
                continue
            last = tokenize(names[-1], table)
            if not last or last[-1].key in lowercase or not _surname_like(last[-1]):
                continue
            if all(w.lower() not in lowercase for w in names):
                out.add(last[-1].key)
    return frozenset(out)
