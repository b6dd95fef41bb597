"""Noun phrases as the speaker finder reads them.

A speaker is a noun phrase: a pronoun ("he"), a name with its titles ("Texas
Gov. Rick Perry"), or a description ("the four-term congressman", "a spokesman
for the mayor", "Defense Ministry sources", "Grimm's attorney"), perhaps with
appositives ("Jon Thompson, a Republican spokesman"). There is no parser here:
text is split into tokens (a quotation is one token), the closed word classes
come from ``data/speaker_words.txt`` and the words for roles from
``data/speaker_roles.txt``, and a phrase is checked token by token against those
shapes, so a verb or a clause fragment ("leaned into him and", "whose
commentary had") is never taken for one.

Everything here is linear in the tokens it is given; a phrase is at most
``MAX_PHRASE`` tokens long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NamedTuple, TypeVar, cast

from ._data import data_lines

T = TypeVar("T")

MAX_PHRASE = 24
# A part of a phrase (a name, a description) is at most this many tokens.
_MAX_CORE = 8
# Appositives and complements a phrase may carry.
_MAX_APPOSITIVES = 3
_MAX_COMPLEMENTS = 2

# A word: letters and digits joined by apostrophes, hyphens, ampersands and
# inner stops (U.S., D-N.Y); a stop right after it is read separately.
_TOKEN = re.compile(r"\w+(?:[’'&.\-]\w+)*|[^\w\s]")
# A party and state tag: D-N.Y., R-S.C., D-Calif.

WORD, PUNCT, QUOTE = 0, 1, 2
_NONE: frozenset[str] = frozenset()
# Words that no phrase reaches across to its left: "said", "had", "him", "he".
_BARRIERS = frozenset(("aux", "object", "he", "she", "they", "self"))
# Classes of words that are still nouns, verbs or names ("Monday", "statement",
# "told", "van"): a word of no other class is no function word.
_OPEN_CLASSES = frozenset(
    {"time", "speech", "naming", "particle", "issued", "issuing"}
    | {"contrastive", "addressing", "minor", "anonymous"}
)


class Tok(NamedTuple):
    """One token of a sentence: a word, a punctuation mark or a whole quotation.

    ``start`` and ``end`` are offsets from where the sentence starts, so the
    tokens of a sentence the article repeats serve every copy of it; a
    :class:`Reader` places them in the text.
    """

    start: int
    end: int
    text: str
    low: str  # lower case, without a possessive ending or a trailing stop
    kind: int
    cap: bool  # starts with a capital letter
    poss: bool  # ends in a possessive ("Grimm's", "Shields’")
    quote: int  # for a QUOTE token the index of its span in ``tokenize``'s masks, else -1


class Role(NamedTuple):
    kind: str  # title, person, org, document
    gender: str  # m, f or -
    roles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    classes: dict[str, frozenset[str]]
    roles: dict[str, Role]
    verbs: frozenset[str]
    participles: frozenset[str]
    abbreviations: frozenset[str]
    starters: frozenset[str]  # capitalised words that open sentences ("Meanwhile")
    title_words: frozenset[str]  # role words that can stand before a name ("rep", "president")

    plurals: dict[str, Role]  # "officials", "witnesses": the roles of plural forms

    def words(self, cls: str) -> frozenset[str]:
        """Every word of one class."""
        return _class_words(cls)

    def has(self, low: str, cls: str) -> bool:
        return cls in self.classes.get(low, ())

    def function(self, low: str) -> bool:
        """A closed-class word ("the", "of", "had", "he"), never part of a name or a head."""
        classes = self.classes.get(low, _NONE)
        return bool(classes) and not classes <= _OPEN_CLASSES

    def role(self, low: str) -> Role | None:
        """The role a word names, singular or plural ("officials")."""
        return self.roles.get(low) or self.plurals.get(low)


@cache
def lexicon() -> Lexicon:
    """The word lists, read on first use."""
    classes: dict[str, set[str]] = {}
    for line in data_lines("speaker_words.txt"):
        word, _, cls = line.partition(" ")
        classes.setdefault(word, set()).add(cls.strip())
    roles: dict[str, Role] = {}
    for line in data_lines("speaker_roles.txt"):
        word, kind, gender, *matches = line.split()
        word = word.replace("_", " ")
        roles[word] = Role(kind, gender, frozenset(matches or [word]))
    return Lexicon(
        classes={w: frozenset(c) for w, c in classes.items()},
        roles=roles,
        verbs=frozenset(data_lines("speech_verbs.txt")),
        participles=frozenset(data_lines("speech_participles.txt")),
        abbreviations=frozenset(line.partition(" ")[0] for line in data_lines("abbreviations.txt")),
        starters=frozenset(data_lines("sentence_starters.txt")),
        title_words=frozenset(w for w, r in roles.items() if r.kind in ("title", "person")),
        plurals={
            **{f"{w}es": r for w, r in roles.items() if len(w) > 1},
            **{f"{w}s": r for w, r in roles.items() if len(w) > 2},
        },
    )


@cache
def _class_words(cls: str) -> frozenset[str]:
    return frozenset(w for w, classes in lexicon().classes.items() if cls in classes)


def tokenize(text: str, start: int, end: int, masks: Sequence[tuple[int, int]]) -> list[Tok]:
    """The tokens of ``text[start:end]``, each span in ``masks`` one QUOTE token.

    Args:
        text: The article text.
        start: Where to begin; token offsets count from here.
        end: Where to stop.
        masks: ``(start, end)`` of each quotation (its marks included), in
            order and not overlapping.
    """
    lex = lexicon()
    out: list[Tok] = []
    pos = start
    for number, (a, b) in enumerate([*masks, (end, end)]):
        a, b = max(a, start), min(b, end)
        if a < pos:
            continue
        _words(text, pos, a, out, lex, start)
        if number < len(masks) and a < b:
            out.append(Tok(a - start, b - start, text[a:b], "", QUOTE, False, False, number))
        pos = max(pos, b)
    return out


def _words(text: str, start: int, end: int, out: list[Tok], lex: Lexicon, base: int) -> None:
    taken = start  # a stop joined to the word before it is not read again
    abbreviations = lex.abbreviations
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        if a < taken:
            continue
        word = m.group()
        if not (word[0].isalnum() or word[0] == "_"):
            if word in "’'" and out and out[-1].kind == WORD and out[-1].end == a - base:
                last = out[-1]
                if last.low.endswith("s") and (b >= end or text[b].isspace()):
                    # "Shields’ comments": the mark makes a possessive.
                    out[-1] = last._replace(end=b - base, text=last.text + word, poss=True)
                    continue
            out.append(Tok(a - base, b - base, word, word, PUNCT, False, False, -1))
            continue
        # A stop after a word belongs to it when the word is an abbreviation or
        # an initial, or when the sentence does not end there ("D-Calif., the").
        written = word
        if b < end and text[b] == ".":
            after = text[b + 1 : b + 3].lstrip()
            if (
                word in abbreviations
                or len(word) == 1
                or "." in word
                or (after[:1] in (",", ";") or after[:1].islower())
            ):
                b += 1
                written = text[a:b]
        taken = b
        low = word.lower()
        poss = low.endswith(("'s", "’s"))
        if poss:
            low = low[:-2]
        out.append(Tok(a - base, b - base, written, low, WORD, word[0].isupper(), poss, -1))


# ---------------------------------------------------------------- phrases


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase over tokens ``[first, last]`` (inclusive).

    ``kind`` is ``pronoun``, ``name`` or ``description``. ``name`` is the token
    span of the name inside (without titles), for a name or for a description
    that an appositive names. ``head`` is the lower-case head word.
    """

    first: int
    last: int
    kind: str
    head: str
    name: tuple[int, int] | None = None
    titles: tuple[str, ...] = ()
    definite: bool = False
    plural: bool = False
    org: bool = False
    possessor: Phrase | None = None
    complement: Phrase | None = None
    appositives: tuple[Phrase, ...] = ()


class Reader:
    """Reads words and phrases over one sentence's tokens.

    ``starts`` holds the indices of tokens that open the sentence (or follow a
    colon, a dash or a bracket): a capitalised word there is a name only if the
    article also capitalises it inside a sentence (``mid_caps``), or if it reads
    like one.
    """

    def __init__(
        self,
        toks: Sequence[Tok],
        starts: frozenset[int],
        mid_caps: frozenset[str],
        *,
        base: int = 0,
        like: Reader | None = None,
    ):
        """``base`` is where the sentence starts in the text (token offsets
        count from there). ``like`` is a reader of the same tokens elsewhere in
        the article (a sentence the article repeats): what is read there holds
        here, so it is read once and shared (phrases hold token indices)."""
        self.toks = toks
        self.base = base
        self.starts = starts
        self.mid_caps = mid_caps
        self.lex = lex = lexicon()
        self._classes: list[frozenset[str]]
        self._names: list[bool | None]
        self._phrases: dict[tuple[int, int, bool], Phrase | None]
        self._remembered: dict[Hashable, Any]
        if like is not None:
            self._classes = like._classes
            self._names = like._names
            self._phrases = like._phrases
            self._remembered = like._remembered
        else:
            self._classes = [
                lex.classes.get(t.low, _NONE) if t.kind == WORD else _NONE for t in toks
            ]
            self._names = [None] * len(toks)
            self._phrases = {}
            self._remembered = {}

    def remember(self, key: Hashable, read: Callable[[], T]) -> T:
        """What ``read`` finds in these tokens, read once for every sentence
        with the same tokens. ``key`` names the reading and its arguments;
        ``read`` must depend on nothing but the tokens (no offsets, no state).
        """
        if key in self._remembered:
            return cast(T, self._remembered[key])
        found = self._remembered[key] = read()
        return found

    def start(self, i: int) -> int:
        """Where token ``i`` starts in the text."""
        return self.base + self.toks[i].start

    def end(self, i: int) -> int:
        """Where token ``i`` ends in the text."""
        return self.base + self.toks[i].end

    # ---- word tests

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == WORD

    def cls(self, i: int, name: str) -> bool:
        return 0 <= i < len(self.toks) and name in self._classes[i]

    def adverb(self, i: int) -> bool:
        """An adverb: listed, or shaped like one ("calmly", "emphatically")."""
        if not self.is_word(i):
            return False
        tok = self.toks[i]
        if self.lex.has(tok.low, "adverb"):
            return True
        return (
            not tok.cap
            and len(tok.low) > 4
            and tok.low.endswith("ly")
            and self.lex.role(tok.low) is None
            and not self.lex.function(tok.low)
        )

    def function(self, i: int) -> bool:
        """A closed-class word that is never part of a name or a head."""
        classes = self._classes[i]
        return bool(classes) and not classes <= _OPEN_CLASSES

    def verb(self, i: int) -> bool:
        return self.is_word(i) and not self.toks[i].cap and self.toks[i].low in self.lex.verbs

    def participle(self, i: int) -> bool:
        return self.is_word(i) and self.toks[i].low in self.lex.participles

    def name_word(self, i: int) -> bool:
        """A capitalised word that can be part of a name."""
        if not 0 <= i < len(self.toks):
            return False
        found = self._names[i]
        if found is None:
            found = self._names[i] = self._name_word(i)
        return found

    def _name_word(self, i: int) -> bool:
        tok = self.toks[i]  # ``name_word`` checked that ``i`` is a token
        if tok.kind != WORD:
            return False
        if not tok.cap or tok.low.isdigit():
            return False
        if self.function(i) or self.lex.has(tok.low, "time"):
            return False
        if i in self.starts and tok.low not in self.mid_caps and len(tok.text) > 1:
            # "Officials with the committee", "Calls to his office": a sentence's
            # first word is a name only if the article capitalises it elsewhere,
            # or if it reads like one and a verb or a comma follows ("Bennett
            # told", "Byrd, speaking from the floor, said").
            if "." in tok.text or tok.text.isupper():
                return True
            return self._initial_name(i)
        return True

    def _initial_name(self, i: int) -> bool:
        tok = self.toks[i]
        low = tok.low
        if tok.text in self.lex.starters:
            return False
        nxt_cap = i + 1 < len(self.toks) and self.toks[i + 1].cap
        if self.lex.role(low) is not None:
            return nxt_cap and low in self.lex.title_words  # "Mayor Tom Albright", not "Officials"
        if low.endswith(("ly", "s")) or _verbal(low) or tok.poss:
            return False
        j = i + 1
        if j >= len(self.toks):
            return False
        nxt = self.toks[j]
        if nxt.text in (",", "&"):
            return True
        if nxt.kind == WORD and nxt.cap and not self.lex.function(nxt.low):
            return True  # "Hal Ferris said"
        return (
            nxt.kind == WORD
            and not nxt.cap
            and (nxt.low in self.lex.verbs or self.lex.has(nxt.low, "aux"))
        )

    def title_word(self, i: int) -> bool:
        role = self.lex.role(self.toks[i].low.rstrip("."))
        return role is not None and role.kind in ("title", "person")

    def content(self, i: int) -> bool:
        """A lower-case word that can modify or head a description."""
        if not self.is_word(i):
            return False
        tok = self.toks[i]
        if self.function(i) or self.lex.has(tok.low, "time"):
            return False
        # "tweets", "reports", "comments" are nouns too.
        return tok.low not in self.lex.verbs or (
            self.lex.role(tok.low) is not None or self.lex.has(tok.low, "speech")
        )

    # ---- phrases

    def phrase(self, i: int, stop: int, *, forward: bool = False) -> Phrase | None:
        """The longest phrase starting at token ``i`` and ending before ``stop``.

        ``forward`` reads a phrase after a verb ("said Jon Thompson, a Republican
        spokesman, on Monday"): it ends where the shapes do, and a final
        appositive needs no closing comma.
        """
        stop = min(stop, len(self.toks), i + MAX_PHRASE)
        key = (i, stop, forward)
        if key in self._phrases:
            return self._phrases[key]
        found = self._core(i, stop, forward=forward)
        if found is not None and found.kind != "pronoun":
            found = self._extend(found, stop, forward=forward)
        self._phrases[key] = found
        return found

    def exact(self, i: int, j: int) -> Phrase | None:
        """The phrase over exactly tokens ``[i, j]``, or ``None``."""
        found = self.phrase(i, j + 1)
        return found if found is not None and found.last == j else None

    def ending_at(self, j: int, lo: int) -> Phrase | None:
        """The longest phrase that ends at token ``j`` and starts at ``lo`` or later."""
        best: Phrase | None = None
        for i in range(j, max(lo, j - MAX_PHRASE + 1) - 1, -1):
            tok = self.toks[i]
            if tok.kind == QUOTE or (tok.kind == PUNCT and tok.text not in ",()&"):
                break
            classes = self._classes[i]
            if "subordinator" in classes and "preposition" not in classes:
                break
            if i < j and ((classes & _BARRIERS and "determiner" not in classes) or self.verb(i)):
                break  # no phrase reaches across a verb or a pronoun
            found = self.exact(i, j)
            if found is not None:
                best = found
        return best

    def _core(self, i: int, stop: int, *, forward: bool, owned: bool = False) -> Phrase | None:
        """A pronoun, a name or a description at ``i``, without what follows it.

        ``owned`` reads the noun after a possessive ("Grimm's attorney"), which
        needs no article of its own.
        """
        toks = self.toks
        if not self.is_word(i) or i >= stop:
            return None
        low = toks[i].low
        classes = self._classes[i]  # the word's classes (see lexicon().has)
        for pronoun in ("he", "she", "it", "they"):
            if pronoun in classes and not toks[i].poss:
                return Phrase(i, i, "pronoun", low, plural=pronoun == "they")
        if "self" in classes or ("object" in classes and "determiner" not in classes):
            return None
        j = i
        definite = False
        has_det = owned
        if self.cls(j, "determiner"):
            has_det = True
            definite = self.cls(j, "definite")
            j += 1
        start = j
        # The words of the core: names, titles and content words.
        seen_name = False
        while j < stop and j - start < _MAX_CORE:
            tok = toks[j]
            if self.name_word(j):
                seen_name = True
                j += 1
                if tok.poss:
                    break
                continue
            if (
                (self.cls(j, "particle") or tok.text == "&")
                and seen_name
                and j + 1 < stop
                and self.name_word(j + 1)
            ) or (
                tok.low == "of"
                and j > start
                and self.title_word(j - 1)
                and toks[j - 1].cap
                and self.name_word(j + 1)
                and self.name_word(j + 2)
            ):
                j += 1  # "Ursula von der Leyen", "Secretary of State Hillary Clinton"
                continue
            if not self.content(j):
                break
            # A run of lower-case words: modifiers of a name that follows
            # ("reporter Michael Scotto"), or a description's head.
            r = j
            while r < stop and r - start < _MAX_CORE:
                if self.content(r) and not self.name_word(r):
                    r += 1
                    if toks[r - 1].poss:
                        break
                elif (
                    toks[r].low in ("and", "or")
                    and r > j
                    and self.content(r + 1)
                    and not self.name_word(r + 1)
                ):
                    r += 1  # "the colorful and sometimes combative congressman"
                else:
                    break
            roles = [m for m in range(j, r) if self.lex.role(toks[m].low) is not None]
            if (
                r < stop
                and self.name_word(r)
                and not toks[r - 1].poss
                and (not seen_name or (roles and roles[-1] == r - 1))
            ):
                # Words before a name describe it: "reporter Michael Scotto";
                # after a name only a role does ("Trump campaign adviser Carter
                # Page"), not a verb ("Mr Koizumi rebuked Mr Konoike").
                j = r
                continue
            if not forward and r == stop:
                j = r  # bounded by the verb: "the Senate Republican campaign arm called"
            elif roles:
                j = roles[-1] + 1
            elif not seen_name:
                if forward:
                    # "said a spokesman speaking on condition": a verb form ends it.
                    m = j + 1
                    while m < r and not _verbal(toks[m].low):
                        m += 1
                    r = m
                j = r
            break
        if j == start:
            return None
        last = j - 1
        head_tok = toks[last]
        head = head_tok.low
        # The trailing capitalised words are a name, after the last title among them.
        n = last
        while n >= start and (self.name_word(n) or self.cls(n, "particle") or toks[n].low == "of"):
            n -= 1
        cap_run = range(n + 1, j)
        titles: list[str] = []
        name: tuple[int, int] | None = None
        org = False
        if cap_run:
            name_start = cap_run.start
            body = _role_kind(self.lex, toks[last].low.rstrip(".")) == "org"
            for k in cap_run:
                # No title in a body's name: "the Justice Department".
                if self.title_word(k) and k < last and not body:
                    name_start = k + 1
                    titles.append(toks[k].low.rstrip("."))
            while name_start <= last and (
                toks[name_start].low == "of" or self.cls(name_start, "particle")
            ):
                name_start += 1
            if name_start <= last:
                name = (name_start, last)
                org = self._org(name_start, last)
        # Lower-case role words right before a name: "reporter Michael Scotto".
        for k in range(start, j):
            if k >= (name[0] if name else j):
                break
            role = self.lex.role(toks[k].low.rstrip("."))
            if role is not None and role.kind in ("title", "person"):
                titles.append(toks[k].low.rstrip("."))
        if not head_tok.cap:
            if _verbal(head) and self.lex.role(head) is None:
                return None  # "the man approached", "the woman trying"
            if head.endswith("ly") and self.lex.role(head) is None:
                return None
        role = self.lex.role(head)
        plural = not self.name_word(last) and head.endswith("s") and role is not None
        # A phrase that ends in a name is that name, whatever comes before it:
        # "vice presidential candidate Paul Ryan", "the comedian Jon Stewart",
        # "the Democratic National Committee".
        kind = "name" if name is not None else "description"
        if kind == "description" and not has_det and not plural:
            if not self.name_word(start):
                return None  # a bare lower-case word is no speaker ("has", "were first")
            if role is None and not _noun_like(head):
                return None  # "Fox News reporting"
        phrase = Phrase(
            i,
            last,
            kind,
            head,
            name=name,
            titles=tuple(titles),
            definite=definite,
            plural=plural,
            org=org,
        )
        if head_tok.poss:
            # "Grimm's attorney", "the company's spokesman": the possessed noun.
            if self.cls(j, "determiner"):
                return phrase if not forward else None
            possessed = self._core(j, stop, forward=forward, owned=True)
            if possessed is None or possessed.kind == "pronoun":
                return phrase if not forward else None
            return replace(possessed, first=i, definite=False, possessor=phrase)
        return phrase

    def _org(self, a: int, b: int) -> bool:
        toks = self.toks
        last = toks[b].low.rstrip(".")
        role = self.lex.role(last)
        if role is not None and role.kind == "org":
            return True
        text = toks[b].text.replace(".", "")
        if a == b and len(text) >= 2 and text.isupper():
            return True  # CNN, F.B.I.
        return any(toks[k].low == "of" for k in range(a, b + 1))

    def _extend(self, core: Phrase, stop: int, *, forward: bool) -> Phrase:
        """A core with what may follow it: a party tag, complements, appositives."""
        toks = self.toks
        j = core.last + 1
        complements = 0
        complement: Phrase | None = None
        # "(D-N.Y.)" after a name.
        if j < stop and toks[j].text == "(":
            close = next((k for k in range(j + 1, min(stop, j + 6)) if toks[k].text == ")"), None)
            if close is not None:
                core = replace(core, last=close)
                j = close + 1
        if (
            core.kind == "description"
            and j + 2 < stop
            and toks[j].low.endswith("ed")
            and toks[j + 1].low == "by"
            and _role_kind(self.lex, core.head) == "document"
        ):
            # "a statement released by the Justice Department"
            inner = self._core(j + 2, stop, forward=forward)
            if inner is not None and inner.kind != "pronoun":
                complement = inner
                core = replace(core, last=inner.last, complement=inner)
                j = inner.last + 1
                complements = _MAX_COMPLEMENTS
        while (
            complements < _MAX_COMPLEMENTS
            and j + 1 < stop
            and self.cls(j, "preposition")
            and toks[j].low in ("of", "for", "with", "from", "at", "in", "on", "to")
            and (
                core.kind == "description"
                or core.org
                or (toks[j].low == "of" and self.name_word(j + 1))
            )
        ):
            if forward and toks[j].low in ("in", "on", "at", "to") and not self.name_word(j + 1):
                break  # "said Romney in a statement", "said the source on Monday"
            inner = self._core(j + 1, stop, forward=forward)
            if inner is None or inner.kind == "pronoun":
                break
            if self.lex.has(toks[inner.last].low, "time"):
                break
            if (
                toks[j].low == "of"
                and core.kind == "name"
                and core.org
                and core.name is not None
                and inner.kind == "name"
            ):
                # "the Office of the Inspector General": one body's name.
                core = replace(core, last=inner.last, name=(core.name[0], inner.last))
                j = inner.last + 1
                complements += 1
                continue
            if (
                core.kind == "name"
                and inner.kind == "description"
                and self.name_word(inner.first)
                and _role_kind(self.lex, inner.head) == "person"
            ):
                # "a Department for Transport spokeswoman": the body's name is
                # a modifier; the person is who the phrase names.
                core = replace(
                    core,
                    kind="description",
                    head=inner.head,
                    name=None,
                    org=False,
                    last=inner.last,
                    titles=inner.titles,
                )
                break
            complement = complement or inner
            complements += 1
            core = replace(core, last=inner.last, complement=complement)
            j = inner.last + 1
            if (
                core.kind == "name"
                and inner.kind == "name"
                and not inner.org
                and inner.name
                and any(_role_kind(self.lex, t) == "person" for t in inner.titles)
                and self.lex.role(toks[inner.name[1]].low) is None
            ):
                # "Georgia Bureau of Investigation spokesman John Bankhead": the
                # person at the end is who the phrase names.
                core = replace(
                    core,
                    kind="name",
                    name=inner.name,
                    titles=inner.titles,
                    org=False,
                    head=inner.head,
                    complement=None,
                )
                break
        appositives: list[Phrase] = []
        while len(appositives) < _MAX_APPOSITIVES and j + 1 < stop and toks[j].text == ",":
            inner = self._core(j + 1, stop, forward=forward)
            if inner is None or inner.kind == "pronoun":
                break
            inner = replace(self._extend(inner, stop, forward=forward), appositives=())
            after = inner.last + 1
            closed = after < len(toks) and toks[after].text == ","
            ends = forward and (
                after >= stop or (toks[after].kind == PUNCT and toks[after].text in ".;:!?")
            )
            if not (closed or ends):
                break
            appositives.append(inner)
            j = after
            if not closed or after >= stop:
                break
        if appositives:
            core = replace(core, last=appositives[-1].last, appositives=tuple(appositives))
        return core


def _role_kind(lex: Lexicon, word: str) -> str | None:
    role = lex.role(word)
    return role.kind if role is not None else None


def _verbal(low: str) -> bool:
    """A lower-case word shaped like a verb form: "approached", "trying"."""
    return len(low) > 4 and (low.endswith("ed") or low.endswith("ing"))


def _noun_like(low: str) -> bool:
    return not (low.endswith("ly") or _verbal(low))
