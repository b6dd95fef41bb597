"""Who a speaker is: the speaker as written resolved to the name the article gives.

News copy names a person in full once ("Texas Gov. Rick Perry", "Rep. Blake
Farenthold") and then by surname, title, description or pronoun. This module
follows those references back:

- a name ("Mr. Hunter", "Perry") is the fullest form of the same name before
  it ("Duncan Hunter"), never merging people whose honorifics or first names
  disagree ("Mr. Trump" is not "Melania Trump");
- a description ("the governor", "the four-term congressman") is the latest
  person the article introduced with that role, by title ("Gov.", "Rep."),
  appositive ("Reince Priebus, the chairman of …") or premodifier ("reporter
  Michael Scotto"); else what the same description meant before; else the
  description that introduced someone never named ("the man" after "an
  unidentified young man", not after "another man"); else the person the
  sentences before are about ("the comedian"), unless the role is one news
  copy leaves unnamed ("the source"). "The department" is the body named so
  before ("the Justice Department");
- a pronoun is the nearest compatible one before it: for "he" and "she" a
  person, the subjects of the sentences before first (a sentence's own subject
  outranks a clause's, and subjects outrank objects), then who spoke there;
  for "it" a body; for "they" a body or a plural ("officials");
- a document ("the statement", "the tweets") speaks for whoever issued it
  ("a statement from Grimm's attorney", "X said in a statement", "X issued a
  statement"); "Trump's account" speaks for Trump.

Anything that cannot be resolved keeps the words as written; a description of
someone never named is its own name ("a spokesman"). Every name returned is a
span of the article's text.

The whole-article pass is one pattern scan for runs of capitalised words (a
sentence the article repeats is scanned once, its copies placed); a run is read
only when a lookup needs it, and only the few sentences before a pronoun or a
description are read as tokens, so resolution stays linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from ._model import Sentence
from ._phrases import QUOTE, Lexicon, Phrase, Reader, Role, Tok, lexicon

# How many sentences before a pronoun are searched for the person it stands for.
_PRONOUN_WINDOW = 3
# How many sentences before a description are read for an unnamed antecedent.
_DESCRIPTION_WINDOW = 8
# How many names before a description ("the governor") are read for its role.
_ROLE_LOOKBACK = 60
# How many earlier mentions of a surname are read for the fullest form of the name.
_GROUP_LOOKBACK = 10

# Capitalised words in a row: a name with its titles ("North Carolina Rep. Bob
# Etheridge"), or an organisation ("the House Ethics Committee").
_RUN = re.compile(
    r"(?<![\w’'\-.])[A-Z][\w’'\-]*(?:\.[\w’'\-]+)*\.?"
    r"(?:[ \t]+(?:([A-Z][\w’'\-]*(?:\.[\w’'\-]+)*\.?)"
    r"|(?:de|da|di|du|del|della|der|den|van|von|la|le|bin|ibn|al|el|of|&)(?=[ \t]+[A-Z])))*"
)
# The first letters of the particles a run may hold (see _RUN).
_PARTICLE_STARTS = frozenset("dvlbiaeo&")
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")
# What stands before a word inside a sentence: a lower-case word or a comma, then a space.
_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,;")
# An appositive after a name: ", the chairman of the committee,".
_APPOSITIVE_AFTER = re.compile(
    r"[ \t]*(?:\([^()]{1,12}\))?,[ \t]+(?:the|a|an|his|her|their|its)[ \t]+"
    r"([^,.;:()\"“”]{1,70}?)[ \t]*[,.;:)]"
)


@cache
def _issued() -> re.Pattern[str]:
    """ "issued a statement", "released a letter", "praised the council in a
    statement": whoever did it issued a document (words from the data lists)."""
    lex = lexicon()
    verbs = "|".join(sorted(lex.words("issuing") | {"in"}))
    nouns = "|".join(sorted(lex.words("issued")))
    return re.compile(rf"\b(?:{verbs})[ \t]+(?:a|an)[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?(?:{nouns})\b")


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that are never a name on their own: "The", "But", "He"."""
    lex = lexicon()
    return frozenset(
        w.capitalize() for w in lex.classes if lex.function(w) and w.isalpha()
    ) | frozenset(w for w in lex.starters if w.isalpha())


@dataclass(frozen=True, eq=False)
class Attribution:
    """A quote's speaker as pass 2 found it: a phrase in a sentence's tokens.

    ``how`` is ``after``, ``before`` or ``subject`` (found around the quote),
    ``inherit`` (taken from ``source``, an earlier quote) or ``none``.
    """

    reader: Reader | None
    phrase: Phrase | None
    how: str
    source: Attribution | None

    def inherited(self) -> Attribution:
        root = self.source or self
        return Attribution(root.reader, root.phrase, "inherit", root)

    def span(self) -> tuple[int, int] | None:
        """The speaker as written: the phrase without its appositives."""
        if self.reader is None or self.phrase is None:
            return None
        return _core_span(self.reader, self.phrase)

    def text(self, text: str) -> str | None:
        span = self.span()
        return None if span is None else text[span[0] : span[1]]


def _core_span(reader: Reader, phrase: Phrase) -> tuple[int, int]:
    toks = reader.toks
    last = phrase.last
    if phrase.appositives:
        last = phrase.appositives[0].first - 2
    if toks[last].text == ")":
        opening = next((k for k in range(last, phrase.first, -1) if toks[k].text == "("), None)
        if opening is not None:
            last = opening - 1
    last = max(last, phrase.first)
    return reader.start(phrase.first), reader.end(last)


# ---------------------------------------------------------------- entities


@dataclass(eq=False)
class _Entity:
    """Someone (or some body) the article names."""

    surname: str
    first: str | None
    gender: str = "-"
    org: bool = False
    person: bool = False  # titled, described or fully named: not a place
    roles: set[str] = field(default_factory=set)
    # (position, start, end, number of name words) of each name form.
    forms: list[tuple[int, int, int, int]] = field(default_factory=list)
    # The positions of the forms in order, and the first form with each
    # number of words: a name the article repeats thousands of times is
    # looked up without reading all its forms each time.
    positions: list[int] = field(default_factory=list)
    _first_forms: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    def add_form(self, position: int, start: int, end: int, words: int) -> None:
        self.forms.append((position, start, end, words))
        insort(self.positions, position)
        first = self._first_forms.get(words)
        if first is None or position < first[0]:
            self._first_forms[words] = (position, start, end)

    def display(self, text: str, before: int) -> str:
        """The fullest name form, preferring those written before ``before``
        (the first written of the fullest)."""
        fullest = sorted(self._first_forms.items(), reverse=True)
        _, best = next(((n, f) for n, f in fullest if f[0] < before), fullest[0])
        return text[best[1] : best[2]]

    def latest_before(self, pos: int) -> int:
        """The position of the latest form at or before ``pos``, or -1."""
        k = bisect_right(self.positions, pos)
        return self.positions[k - 1] if k else -1


class _RunEntry(NamedTuple):
    """A run of capitalised words as the index holds it."""

    start: int
    end: int
    keys: tuple[str, ...]  # the words it is indexed under
    mid: tuple[str, ...]  # its words the article capitalises inside a sentence


@dataclass(eq=False, slots=True)
class _SentenceRuns:
    """The runs of a sentence's words read alone (offsets from its start), and
    the copies of the sentence that add them to the index as they are."""

    starts: list[int]
    ends: list[int]
    entries: list[_RunEntry | None]  # None for a run that is no name ("The")
    # Whether the last run ends where it does alone wherever the sentence
    # stands (see ``Names._sentence_runs``).
    last_ends_inside: bool
    # The runs a copy adds (the last one last), and under each word the
    # indices of those indexed under it.
    added: list[_RunEntry]
    added_starts: list[int]
    added_ends: list[int]
    keys: dict[str, list[int]]
    # The first run index of each copy that adds all of them, or all but
    # the last (whose last run goes on past it).
    copies: list[int] = field(default_factory=list)
    copies_but_last: list[int] = field(default_factory=list)
    # What the last run adds when it goes on past the sentence (see ``Names._cut``).
    cut: dict[str, _RunEntry | None] = field(default_factory=dict)
    # Whether their words capitalised inside a sentence are noted.
    noted: bool = False
    last_noted: bool = False

    @property
    def inner(self) -> int:
        """How many runs a copy adds before its last."""
        last = self.entries[-1] if self.entries else None
        return len(self.added) - (last is not None)


# What a sentence not seen yet has in place of its runs.
_FIRST = _SentenceRuns([], [], [], False, [], [], [], {})


class _Groups:
    """The run indices under each word, built for a word when it is first
    looked up: a sentence's copies are recorded, not each of their runs."""

    def __init__(self) -> None:
        self.single: defaultdict[str, list[int]] = defaultdict(list)
        self.sentences: defaultdict[str, list[_SentenceRuns]] = defaultdict(list)
        self._built: dict[str, list[int]] = {}

    def get(self, word: str) -> list[int]:
        found = self._built.get(word)
        if found is None:
            found = list(self.single.get(word, ()))
            for runs in self.sentences.get(word, ()):
                offsets = runs.keys[word]
                found += [k + j for k in runs.copies for j in offsets]
                inner = [j for j in offsets if j < runs.inner]
                found += [k + j for k in runs.copies_but_last for j in inner]
            found.sort()
            self._built[word] = found
        return found


class _Form(NamedTuple):
    """What a run's words say about the name in it, wherever the run stands:
    the name's span (from the run's start), its words, and what its titles
    tell. Read once per distinct run: a repeated name is read from here."""

    start: int
    end: int
    words: int
    surname: str
    first: str | None
    gender: str
    org: bool
    person: bool  # titled
    roles: frozenset[str]


# What a run not read yet has in place of its form.
_UNREAD = _Form(0, 0, 0, "", None, "-", False, False, frozenset())


class Names:
    """The names in the article's body, read as entities on demand.

    One pass finds the runs of capitalised words and indexes each under its
    words; a run is read (titles, name, roles, gender) only when a lookup needs
    it, so an article full of names costs one pattern scan and the few names
    its quotes refer to. The runs of a sentence the article repeats are found
    once and placed at each copy (see :meth:`_scan_sentences`).
    """

    def __init__(self, text: str, ordered: Sequence[Sentence]):
        self.text = text
        self.lex = lexicon()
        self.by_surname: dict[str, list[_Entity]] = {}
        self.run_starts: list[int] = []
        self.run_ends: list[int] = []
        self.run_entity: dict[int, _Entity | None] = {}
        # Runs by each of their words, lower case.
        self.groups = _Groups()
        # For each word, how far into its runs they have been read.
        self._read_groups: dict[str, int] = {}
        # (position, sentence index) of each "issued a statement".
        self.issuers: list[tuple[int, int]] = []
        self._gives_role: dict[int, bool] = {}
        self._forms: dict[tuple[str, bool], _Form | None] = {}
        issued = _issued()
        self.starts = starts = [s.start for s in ordered]
        self._mid: set[str] = set()
        self._skip = _not_names()
        self._suffixes = self.lex.words("suffix")
        if all(x.end <= y.start for x, y in pairwise(ordered)):
            self._scan_sentences(ordered, starts)
        else:
            self._scan(0, len(text), starts, ordered)
        # Only sentences that name a document are read with the pattern; they
        # are found with plain searches, which cost a tenth of a pattern scan.
        named: set[int] = set()
        for word in self.lex.words("issued"):
            at = text.find(word)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                if index >= 0 and ordered[index].kind == "body":
                    named.add(index)
                at = text.find(word, at + len(word))
        for index in sorted(named):
            s = ordered[index]
            for found in issued.finditer(text, s.start, s.end):
                self.issuers.append((found.start(), index))
        self.mid_caps = frozenset(self._mid)

    # ---- the runs of the article

    def _scan(
        self, pos: int, end: int, starts: Sequence[int], sentences: Sequence[Sentence]
    ) -> int:
        """Read the runs that start in ``[pos, end)``; returns where the scan stopped.

        One pattern scan read into runs in one loop: a run that crosses into
        the next sentence ("… in Washington. Smith said") is cut where that
        sentence starts; runs outside the body (``sentences``, which ``starts``
        holds the starts of) are left out.
        """
        text = self.text
        run_starts = self.run_starts
        run_ends = self.run_ends
        single = self.groups.single
        mid = self._mid
        skip = self._skip
        suffixes = self._suffixes
        for m in _RUN.finditer(text, pos):
            a, b = m.span()
            if a >= end:
                break
            pos = b
            index = bisect_right(starts, a) - 1
            if index < 0:
                continue
            s = sentences[index]
            sentence_start, sentence_end = s.start, s.end
            if s.kind != "body" or a >= sentence_end:
                continue  # not body text, or between sentences
            # The reading of _entry, written out: this loop runs for every run
            # of an article of distinct sentences.
            run = m.group()
            last = m.group(1)
            if last is None and run in skip:
                continue  # "The", "But", "He": no name
            if b > sentence_end:
                run = text[a:sentence_end].rstrip()
                b = a + len(run)
                words = run.split()
                last = words[-1] if len(words) > 1 else None
            k = len(run_starts)
            run_starts.append(a)
            run_ends.append(b)
            key = (last or run).lower().rstrip(".’'")
            if key.endswith(("'s", "’s")):
                key = key[:-2]
            single[key].append(k)
            if last is not None and (key in suffixes or " of " in run):
                for word in run.split()[:-1]:
                    single[_key(word)].append(k)
            if a - sentence_start > 2 and text[a - 2] in _INSIDE:
                mid.add(key)
                if last is not None:
                    mid.add(_key(run[: run.find(" ")]))
            elif last is not None:
                mid.add(key)
        return pos

    def _scan_sentences(self, ordered: Sequence[Sentence], starts: Sequence[int]) -> None:
        """Read the runs of the body sentences; those of a repeated sentence once.

        The same runs as :meth:`_scan` over the whole text. Sentences seen for
        the first time are read by that scan; from its second copy on, a
        sentence's runs are those of its words read alone, shared by the copies,
        but for three things the text around a copy decides: a run from before
        may reach into it ("… in Washington. The President said"), the
        character before it may join its first word, and its last run may go
        on past it. So the runs from where the scan of the text enters a copy
        are taken from its words alone only if none of them straddles that
        point, and the last is matched in the text unless the pattern cannot
        have read past the sentence. A copy that adds its runs as they are is
        noted, not each of its runs (see :class:`_Groups`). On a 4.5 MB
        article of repeated sentences this takes 0.18 s where the scan of the
        whole text took 0.26 s; an article of distinct sentences costs what
        the scan does.
        """
        text = self.text
        run_starts = self.run_starts
        run_ends = self.run_ends
        # The runs of each sentence seen more than once (None: seen once).
        seen: dict[str, _SentenceRuns | None] = {}
        # Where the scan of the whole text would look for the next run.
        pos = 0
        # Where a stretch of sentences seen for the first time ends: their
        # runs are read by one scan of the text, as the whole scan does.
        stretch: int | None = None
        for s in ordered:
            if s.kind != "body":
                continue
            base = s.start
            end = s.end
            words = text[base:end]
            runs = seen.get(words, _FIRST)
            if runs is _FIRST:
                seen[words] = None
                stretch = end
                continue
            if stretch is not None:
                pos = max(self._scan(pos, stretch, starts, ordered), stretch)
                stretch = None
            if runs is None:
                runs = seen[words] = self._sentence_runs(words)
            # Runs that start before the sentence (outside the body or between
            # sentences) are not read, but one may run into it.
            if pos < base and not text[pos:base].isspace():
                while (m := _RUN.search(text, pos, base)) is not None:
                    pos = _run_end(text, m.start())
            enter = pos - base
            if enter <= 0:
                # A character that a run's first word cannot follow (see _RUN).
                c = text[base - 1] if base else " "
                enter = 1 if c.isalnum() or c in "_’'-." else 0
            first = bisect_left(runs.starts, enter) if enter else 0
            if end > pos:
                pos = end
            if first and runs.ends[first - 1] > enter:
                # A run read alone straddles where the scan enters: read the text.
                pos = max(self._scan(base + enter, end, [base], [s]), pos)
                continue
            last = len(runs.starts) - 1
            cut = None  # the last run, matched in the text, when it goes on past the sentence
            if first <= last and not runs.last_ends_inside:
                found = _RUN.match(text, base + runs.starts[last])
                assert found is not None
                if found.end() != base + runs.ends[last]:
                    cut = found
            if first == 0 and cut is None:
                # Where the scan enters clean and leaves where the words alone
                # end, the copy adds the runs of its words: only its place is noted.
                runs.copies.append(len(run_starts))
                run_starts.extend(map(base.__add__, runs.added_starts))
                run_ends.extend(map(base.__add__, runs.added_ends))
                if not runs.last_noted:
                    self._mid.update(w for e in runs.added for w in e.mid)
                    runs.noted = runs.last_noted = True
                continue
            if first == 0:
                runs.copies_but_last.append(len(run_starts))
                inner = runs.inner
                run_starts.extend(map(base.__add__, runs.added_starts[:inner]))
                run_ends.extend(map(base.__add__, runs.added_ends[:inner]))
                if not runs.noted:
                    self._mid.update(w for e in runs.added[:inner] for w in e.mid)
                    runs.noted = True
            else:
                for entry in runs.entries[first:last]:
                    if entry is not None:
                        self._add(base, entry)
            if first > last:
                continue
            entry = runs.entries[last]
            if cut is not None:
                # The last run goes on past the sentence: cut, as the whole scan does.
                entry = self._cut(runs, cut, base, end)
                pos = max(pos, cut.end())
            if entry is not None:
                self._add(base, entry)
        if stretch is not None:
            self._scan(pos, stretch, starts, ordered)

    def _cut(
        self, runs: _SentenceRuns, found: re.Match[str], base: int, end: int
    ) -> _RunEntry | None:
        """What a sentence's last run adds when it goes on past the sentence's
        end (cut there; offsets from ``base``), read once per sentence: what is
        cut depends only on the sentence, but a run of one word is checked
        whole ("The")."""
        key = found.group() if found.group(1) is None else ""
        if key not in runs.cut:
            entry = self._entry(self.text, found, base, end)
            if entry is not None:
                entry = entry._replace(start=entry.start - base, end=entry.end - base)
            runs.cut[key] = entry
        return runs.cut[key]

    def _sentence_runs(self, words: str) -> _SentenceRuns:
        """The runs of a sentence's words read alone, shared by its copies."""
        found = list(_RUN.finditer(words))
        entries = [self._entry(words, m, 0, len(words)) for m in found]
        added = [e for e in entries if e is not None]
        keys: dict[str, list[int]] = {}
        for j, entry in enumerate(added):
            for key in entry.keys:
                keys.setdefault(key, []).append(j)
        # The last run ends inside the sentence, wherever it stands, when the
        # pattern stops before reading past it: at a character that cannot
        # join a run's next word, or at the start of a word that no particle
        # ("of", "de") starts.
        end = found[-1].end() if found else 0
        after = len(words) - len(words[end:].lstrip(" \t"))
        inside = after < len(words) and (after == end or words[after] not in _PARTICLE_STARTS)
        runs = _SentenceRuns(
            starts=[m.start() for m in found],
            ends=[m.end() for m in found],
            entries=entries,
            last_ends_inside=inside,
            added=added,
            added_starts=[e.start for e in added],
            added_ends=[e.end for e in added],
            keys=keys,
        )
        for key in keys:
            self.groups.sentences[key].append(runs)
        return runs

    def _entry(
        self, text: str, m: re.Match[str], sentence_start: int, sentence_end: int
    ) -> _RunEntry | None:
        """What a run found in a sentence of ``text`` adds to the index, if anything:
        the reading :meth:`_scan` makes of each run (written out there, where
        it runs for every run of an article of distinct sentences), as data to
        share between a sentence's copies."""
        a, b = m.span()
        run = m.group()
        last = m.group(1)
        if last is None and run in self._skip:
            return None  # "The", "But", "He": no name
        if b > sentence_end:
            run = text[a:sentence_end].rstrip()
            b = a + len(run)
            words = run.split()
            last = words[-1] if len(words) > 1 else None
        # Indexed under its last word, the surname of most names; a run
        # with a suffix or an "of" under its other words too.
        key = (last or run).lower().rstrip(".’'")
        if key.endswith(("'s", "’s")):
            key = key[:-2]
        keys: tuple[str, ...] = (key,)
        if last is not None and (key in self._suffixes or " of " in run):
            keys += tuple(_key(word) for word in run.split()[:-1])
        # Words capitalised inside a sentence, not only at its start.
        mid: tuple[str, ...] = ()
        if a - sentence_start > 2 and text[a - 2] in _INSIDE:
            mid = (key, _key(run[: run.find(" ")])) if last is not None else (key,)
        elif last is not None:
            mid = (key,)
        return _RunEntry(a, b, keys, mid)

    def _add(self, shift: int, entry: _RunEntry) -> None:
        k = len(self.run_starts)
        self.run_starts.append(shift + entry.start)
        self.run_ends.append(shift + entry.end)
        for key in entry.keys:
            self.groups.single[key].append(k)
        self._mid.update(entry.mid)

    def _may_be_described(self, a: int, b: int) -> bool:
        """A cheap test for an appositive or a role word next to the run at ``[a, b)``."""
        text = self.text
        if text.startswith(", ", b) or text.startswith(" (", b):
            return True
        if text[a - 2 : a] == ", ":
            return True
        space = text.rfind(" ", max(0, a - 25), a - 1)
        word = text[space + 1 : a - 1]
        return word.islower() and self.lex.role(word) is not None

    def read_run(self, k: int) -> _Entity | None:
        if k not in self.run_entity:
            a = self.run_starts[k]
            sentence = self.starts[bisect_right(self.starts, a) - 1]
            at_start = _opens_sentence(self.text, sentence, a)
            self.run_entity[k] = self._run(a, self.run_ends[k], at_start=at_start)
        return self.run_entity[k]

    def read_group(self, word: str, before: int) -> None:
        """Read the runs with ``word`` before ``before``: the nearest ``_GROUP_LOOKBACK``."""
        runs = self.groups.get(word)
        if not runs:
            return
        last = bisect_left(runs, bisect_left(self.run_starts, before)) - 1
        done = self._read_groups.get(word, -1)
        for n in range(last, max(done, last - _GROUP_LOOKBACK), -1):
            self.read_run(runs[n])
        self._read_groups[word] = max(done, last)

    def entity_at(self, pos: int, *, forms: bool = True) -> _Entity | None:
        """The entity of the name written at ``pos``, if a run covers it.

        ``forms`` also reads its other mentions before ``pos`` (for its fullest name).
        """
        k = bisect_right(self.run_starts, pos) - 1
        if k < 0 or self.run_ends[k] <= pos:
            return None
        entity = self.read_run(k)
        if entity is not None and forms:
            self.read_group(entity.surname, pos)
        return entity

    def _run(self, start: int, end: int, *, at_start: bool) -> _Entity | None:
        """Read one run of capitalised words: the entity it names, if any."""
        key = (self.text[start:end], at_start)
        form = self._forms.get(key, _UNREAD)
        if form is _UNREAD:
            form = self._forms[key] = self._form(*key)
        if form is None:
            return None
        lex = self.lex
        a, b = start + form.start, start + form.end
        gender = form.gender
        roles: set[str] | frozenset[str] = form.roles
        person = form.person
        # Lower-case role words before the name, and appositives around it.
        described = self._described(start, b) if self._may_be_described(start, b) else ()
        for head, role_words in described:
            person = True
            roles = roles | role_words
            role = lex.role(head)
            if role is not None and role.gender != "-":
                gender = role.gender
        entity = self._entity(form.surname, form.first, gender, form.org)
        entity.person = entity.person or person or (form.first is not None and not form.org)
        entity.org = entity.org or form.org
        entity.roles |= roles
        if entity.gender == "-":
            entity.gender = gender
        entity.add_form(start, a, b, form.words)
        return entity

    def _form(self, chunk: str, at_start: bool) -> _Form | None:
        """What the words of a run say, wherever it stands (see :class:`_Form`)."""
        lex = self.lex
        mid_caps = self.mid_caps
        start = 0
        words: list[tuple[int, int, str]] = []
        at = 0
        for word in chunk.split():
            at = chunk.index(word, at)
            words.append((start + at, start + at + len(word), word))
            at += len(word)
        # A sentence's first word is a name only if the article capitalises it elsewhere.
        while words:
            w = words[0][2].rstrip(".")
            low = w.lower()
            function = lex.function(low)
            # A sentence's first word is a name when another capitalised word
            # follows it ("Hal Ferris said"), or when the article capitalises it
            # inside a sentence too.
            common = at_start and len(words) == 1 and low not in mid_caps and not w.isupper()
            if function or lex.has(low, "time") or common:
                words = words[1:]
                at_start = False
                continue
            break
        # Time words split the run ("Tuesday", "May").
        for k, (_, _, w) in enumerate(words):
            if lex.has(w.rstrip(".").lower(), "time"):
                words = words[:k]
                break
        if not words:
            return None
        # The name follows the last title: "North Carolina Rep. Bob Etheridge".
        titles: list[str] = []
        name_start = 0
        last_role = lex.role(_key(words[-1][2]))
        body = last_role is not None and last_role.kind == "org"  # "Justice Department"
        for k, (_, _, w) in enumerate(words):
            role = lex.role(w.rstrip(".").lower())
            if body:
                break
            if role is not None and role.kind in ("title", "person") and k < len(words) - 1:
                titles.append(w.rstrip(".").lower())
                name_start = k + 1
        while name_start < len(words) and words[name_start][2] in ("of", "de", "van", "von"):
            name_start += 1
            if name_start < len(words) - 1:
                name_start += 1  # "Secretary of State Hillary Clinton"
        name = words[name_start:]
        # "William McGinley of Patton Boggs": a person of a place or a firm.
        for k in range(2, len(name) - 1):
            if name[k][2] == "of":
                role = lex.role(name[k - 1][2].lower())
                if role is None or role.kind not in ("org", "title", "person"):
                    name = name[:k]
                break
        if not name:
            return None
        a = name[0][0]
        b = name[-1][1]
        last = name[-1][2]
        if _PARTY_TAG.match(name[0][2]):
            return None
        # A possessive or a sentence's stop is no part of the name.
        if last.endswith(("'s", "’s")):
            b -= 2
            last = last[:-2]
        elif last.endswith((".", "’", "'")) and not _abbreviation(last, lex.abbreviations):
            b -= 1
            last = last[:-1]
        if b <= a:
            return None
        tokens = [w for _, _, w in name]
        tokens[-1] = last
        low_tokens = [t.lower().rstrip(".") for t in tokens]
        while len(low_tokens) > 1 and lex.has(low_tokens[-1], "suffix"):
            low_tokens = low_tokens[:-1]
        org_role = lex.role(low_tokens[-1])
        org = (
            (org_role is not None and org_role.kind == "org")
            or (
                len(tokens) == 1
                and len(last.replace(".", "")) >= 2
                and last.replace(".", "").isupper()
            )
            or "of" in low_tokens
        )
        gender = "-"
        roles: set[str] = set()
        person = bool(titles)
        for title in titles:
            role = lex.role(title)
            if role is None:
                continue
            roles |= role.roles
            if role.gender != "-":
                gender = role.gender
        return _Form(
            a,
            b,
            len(low_tokens),
            low_tokens[-1],
            low_tokens[0] if len(low_tokens) > 1 else None,
            gender,
            org,
            person,
            frozenset(roles),
        )

    def _described(self, start: int, end: int) -> list[tuple[str, set[str]]]:
        """Role words around a name: before it, and in an appositive after or before it.

        Plain string tests, not patterns searched backwards: this runs for
        every name in the article.
        """
        text = self.text
        lex = self.lex
        out: list[tuple[str, set[str]]] = []
        before = text[max(0, start - 60) : start]
        stripped = before.rstrip()
        if stripped.endswith(","):
            # "the first lady, Melania Trump", "Grimm's attorney, William McGinley"
            words = stripped[:-1].split()[-5:]
            for k in range(len(words) - 1, -1, -1):
                w = words[k].lower()
                if lex.has(w, "determiner") or w.endswith(("'s", "’s")):
                    if k < len(words) - 1:
                        out.append(_head(" ".join(words[k + 1 :]), lex))
                    break
                if not w.replace("-", "").isalpha():
                    break
        elif before[-1:].isspace():
            # "reporter Michael Scotto", "vice presidential candidate Paul Ryan"
            tail: list[str] = []
            for w in reversed(before.split()[-3:]):
                if not (w.islower() and w.replace("-", "").isalpha()) or lex.function(w):
                    break
                tail.insert(0, w)
            if tail and not lex.function(tail[-1]):
                head = _head(" ".join(tail), lex)
                if lex.role(head[0]) is not None or len(tail) > 1:
                    out.append(head)
        m = _APPOSITIVE_AFTER.match(text, end, min(len(text), end + 90))
        if m:
            out.append(_head(m.group(1), lex))
        return [(h, r) for h, r in out if h]

    def _entity(self, surname: str, first: str | None, gender: str, org: bool) -> _Entity:
        """The entity a name form belongs to: the latest compatible one, or a new one."""
        for entity in reversed(self.by_surname.get(surname, ())):
            if entity.org != org:
                continue
            if first is not None and entity.first is not None and entity.first != first:
                continue
            if "-" not in (gender, entity.gender) and gender != entity.gender:
                continue
            if entity.first is None and first is not None:
                entity.first = first
            return entity
        entity = _Entity(surname, first, gender, org)
        self.by_surname.setdefault(surname, []).append(entity)
        return entity

    def named(self, tokens: Sequence[str], gender: str, pos: int) -> _Entity | None:
        """The entity a name written at ``pos`` refers to, by its surname."""
        if not tokens:
            return None
        surname = tokens[-1]
        self.read_group(surname, pos)
        first = tokens[0] if len(tokens) > 1 else None
        best: _Entity | None = None
        best_pos = -1
        for entity in self.by_surname.get(surname, ()):
            if first is not None and entity.first is not None and entity.first != first:
                continue
            if "-" not in (gender, entity.gender) and gender != entity.gender:
                continue
            latest = entity.latest_before(pos)
            if best is None or latest > best_pos:
                best, best_pos = entity, latest
        return best

    def body(self, head: str, modifiers: set[str], pos: int) -> _Entity | None:
        """The latest organisation before ``pos`` whose name ends in ``head``
        and has all of ``modifiers`` ("the Democratic committee")."""
        self.read_group(head, pos)
        best: _Entity | None = None
        best_pos = -1
        for entity in self.by_surname.get(head, ()):
            if not entity.org:
                continue
            for at, a, b, _ in entity.forms:
                if at >= pos or at <= best_pos:
                    continue
                words = {_key(w) for w in self.text[a:b].split()}
                if modifiers <= words:
                    best, best_pos = entity, at
        return best

    def with_role(self, roles: set[str], gender: str, pos: int) -> _Entity | None:
        """The latest entity named before ``pos`` that has one of ``roles``.

        Reads the names back from ``pos``, at most ``_ROLE_LOOKBACK`` of them.
        """
        titles = self.lex.title_words
        last = bisect_left(self.run_starts, pos) - 1
        for k in range(last, max(-1, last - _ROLE_LOOKBACK), -1):
            gives = self._gives_role.get(k)
            if gives is None:
                a, b = self.run_starts[k], self.run_ends[k]
                # A title stands before the name, so the last word is none.
                gives = self._gives_role[k] = self._may_be_described(a, b) or any(
                    w.lower().rstrip(".") in titles for w in self.text[a:b].split()[:-1]
                )
            if not gives:
                continue  # no title and nothing around it: it gives no role
            entity = self.read_run(k)
            if entity is None:
                continue
            if entity.roles & roles and (gender == "-" or entity.gender in ("-", gender)):
                self.read_group(entity.surname, pos)  # its other forms, for its fullest name
                return entity
        return None


def _run_end(text: str, start: int) -> int:
    """Where the run that starts at ``start`` ends."""
    found = _RUN.match(text, start)
    assert found is not None
    return found.end()


def _key(word: str) -> str:
    """A word of a run as names are looked up: lower case, no possessive or stop."""
    low = word.lower().rstrip(".’'")
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    base = word.rstrip(".")
    return len(base) == 1 or "." in base or base in abbreviations


def _head(words: str, lex: Lexicon) -> tuple[str, set[str]]:
    """The head noun of a short description and the roles it names."""
    parts = [w.lower() for w in words.split()]
    # The head comes before a preposition: "chairman of the committee".
    for k, w in enumerate(parts):
        if lex.has(w, "preposition") and k > 0:
            parts = parts[:k]
            break
    if not parts:
        return "", set()
    roles: set[str] = set()
    # "the celebrity comic and author": both nouns.
    heads = [parts[-1]]
    if "and" in parts:
        k = parts.index("and")
        if k > 0:
            heads.append(parts[k - 1])
    if len(parts) >= 2:
        pair = f"{parts[-2]} {parts[-1]}"
        if pair in lex.roles:
            heads.insert(0, pair)
    for head in heads:
        role = lex.role(head)
        roles |= role.roles if role is not None else {head}
        roles.add(head)
    return heads[0], roles


def _opens_sentence(text: str, sentence_start: int, pos: int) -> bool:
    """Whether ``pos`` is where a sentence's words begin (after marks, a colon or a dash)."""
    if pos == sentence_start:
        return True
    before = text[max(sentence_start, pos - 3) : pos].strip()
    return before[-1:] in ("“", '"', "‘", ":", "—", "(") or pos - sentence_start <= 2


# ---------------------------------------------------------------- resolution


@dataclass
class _Mention:
    """A reference in a sentence, as pronoun resolution reads it."""

    position: int
    entity: _Entity | None
    name: str | None  # what to call it
    gender: str
    kind: str  # person, org, thing, unknown
    plural: bool
    subject: int  # 0 an object or the like, 1 the subject of a clause inside, 2 the sentence's
    written: str = ""  # a description as written, lower case ("the man")
    head: str = ""  # a description's head word ("man")
    # A description of someone named before ("the congressman"), left to be
    # resolved only if a pronoun picks it: (reader, phrase, sentence index).
    later: tuple[Reader, Phrase, int] | None = None

    def spoken_at(self, position: int) -> _Mention:
        """The mention as the speaker of a quote at ``position`` (a sentence's
        subject). Built directly: ``dataclasses.replace`` costs four times as
        much, once per quote and sentence."""
        return _Mention(
            position,
            self.entity,
            self.name,
            self.gender,
            self.kind,
            self.plural,
            2,
            self.written,
            self.head,
            self.later,
        )


class _Resolver:
    def __init__(
        self,
        text: str,
        ordered: Sequence[Sentence],
        names: Names,
        reader: Callable[[int], Reader],
    ):
        self.text = text
        self.ordered = ordered
        self.starts = names.starts  # Names reads the same sentences
        self.lex = lexicon()
        self.reader = reader
        self.names = names
        # Resolved quote speakers by sentence index.
        self.spoken: dict[int, list[_Mention]] = {}
        self._mentions: dict[int, list[_Mention]] = {}
        # Who issued documents, by position: from quotes ("a statement from X")
        # and from "X issued a statement".
        self.issuer_positions: list[int] = []
        self.issuer_names: list[str] = []
        self._names_document: dict[str, bool] = {}

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def mentions(self, index: int) -> list[_Mention]:
        """The references in a sentence, outside quotes, in order."""
        found = self._mentions.get(index)
        if found is not None:
            return found
        out: list[_Mention] = []
        self._mentions[index] = out  # a pronoun in it may look back at it
        s = self.ordered[index]
        if s.kind != "body":
            return out
        reader = self.reader(index)
        for phrase, subject in reader.remember("mentions", lambda: _mention_phrases(reader)):
            out.extend(self._refer(reader, phrase, index, subject))
        return out

    def _refer(self, reader: Reader, phrase: Phrase, index: int, subject: int) -> list[_Mention]:
        """Mentions for a phrase and the names inside it."""
        pos = reader.start(phrase.first)
        out: list[_Mention] = []
        if phrase.kind == "pronoun":
            # Left unresolved: a pronoun before a pronoun means the person is
            # further back (see ``antecedent``), and resolving each one here
            # would chain back through the whole article.
            if phrase.head in ("he", "she"):
                gender = "m" if phrase.head == "he" else "f"
                out.append(_Mention(pos, None, None, gender, "person", False, subject))
            return out
        main = self.describe(reader, phrase, index, deep=False)
        if main is not None:
            main.subject = subject
            if phrase.kind == "description":
                main.written = self._as_written(reader, phrase).lower()
            out.append(main)
        for inner in (phrase.possessor, phrase.complement, *phrase.appositives):
            if inner is not None and inner.kind == "name":
                found = self.describe(reader, inner, index, deep=False)
                if found is not None:
                    found.subject = 0
                    out.append(found)
        return out

    # ---- what a phrase refers to

    def describe(
        self, reader: Reader, phrase: Phrase, index: int, *, deep: bool = True
    ) -> _Mention | None:
        """The mention a noun phrase makes (not a pronoun).

        ``deep`` also reads the sentences before for an unnamed antecedent; a
        speaker is read deep, the other mentions of a sentence are not.
        """
        toks = reader.toks
        pos = reader.start(phrase.first)
        lex = self.lex
        if phrase.kind == "name" and phrase.name is not None:
            a, b = phrase.name
            # The name's words (for a mention, only whether there is one).
            tokens = [t.low.rstrip(".") for t in toks[a : b + 1]] if deep else [""]
            while len(tokens) > 1 and lex.has(tokens[-1], "suffix"):
                tokens = tokens[:-1]
            gender = "-"
            for title in phrase.titles:
                role = lex.role(title)
                if role is not None and role.gender != "-":
                    gender = role.gender
            # A name written in full ("Jon Thompson") is its own fullest form;
            # only a surname ("Mr. Thompson") needs the forms before it.
            entity = self.names.entity_at(reader.start(a), forms=deep and len(tokens) == 1)
            if entity is None and deep:
                entity = self.names.named(tokens, gender, pos)
            if entity is None or entity.org or phrase.org:
                start, end = reader.start(a), reader.end(b)
                kind = "org" if entity is not None or phrase.org else "unknown"
                return _Mention(pos, entity, self.text[start:end], gender, kind, False, 0)
            kind = "person" if entity.person else "unknown"
            return _Mention(
                pos, entity, entity.display(self.text, pos), entity.gender, kind, False, 0
            )
        if phrase.kind != "description":
            return None
        # A description that an appositive names: "Grimm's attorney, William McGinley".
        for appositive in phrase.appositives:
            if appositive.kind == "name" and appositive.name is not None and not appositive.org:
                named = self.describe(reader, appositive, index, deep=deep)
                if named is not None and named.kind != "org":
                    return named
        head = phrase.head
        role = _role_of(lex, toks, phrase)
        kind = role.kind if role is not None else "thing"
        owner = phrase.possessor or (
            phrase.complement if phrase.complement is not None and kind not in ("person",) else None
        )
        if kind == "document":
            source = phrase.complement if phrase.complement is not None else phrase.possessor
            if source is not None:
                found = (
                    self.describe(reader, source, index, deep=deep)
                    if source.kind != "pronoun"
                    else None
                )
                if found is not None:
                    return _Mention(
                        pos, found.entity, found.name, found.gender, found.kind, False, 0
                    )
            if phrase.definite:
                issuer = self.issuer_before(pos)
                if issuer is not None:
                    return _Mention(pos, None, issuer, "-", "org", False, 0)
            return _Mention(pos, None, self._as_written(reader, phrase), "-", "thing", False, 0)
        if kind == "thing" and owner is not None and owner.kind != "pronoun":
            # "Trump's account", "the official account of the Secret Service".
            found = self.describe(reader, owner, index, deep=deep)
            if found is not None:
                return found
        gender = role.gender if role is not None else "-"
        for word in phrase.titles:
            r = lex.role(word)
            if r is not None and r.gender != "-":
                gender = r.gender
        written = self._as_written(reader, phrase)
        if phrase.definite and kind in ("person", "org") and not deep:
            return _Mention(
                pos,
                None,
                written,
                gender,
                kind,
                phrase.plural,
                0,
                head=head,
                later=(reader, phrase, index),
            )
        if phrase.definite and kind in ("person", "org"):
            # The same description written before refers to the same one.
            same = (
                self.same_description(index, pos, written.lower(), head, gender) if deep else None
            )
            if same is not None:
                return same
            if kind == "org":
                # "the Democratic committee", "the department": the body named so before.
                modifiers = {
                    toks[k].low for k in range(phrase.first, phrase.last + 1) if toks[k].cap
                }
                body = self.names.body(head, modifiers, pos)
                if body is not None:
                    name = body.display(self.text, pos)
                    return _Mention(pos, body, name, "-", "org", phrase.plural, 0)
            roles = set(role.roles) if role is not None else {head}
            roles.add(head)
            entity = self.names.with_role(roles, gender, pos)
            if entity is not None and (kind == "person") != entity.org:
                name = entity.display(self.text, pos)
                return _Mention(pos, entity, name, entity.gender, kind, phrase.plural, 0)
            found = self.unnamed(index, pos, head, gender) if deep else None
            if found is not None:
                return found
            if deep and kind == "person" and not phrase.plural and not lex.has(head, "anonymous"):
                # "the comedian" for someone named just before without that
                # word: the person the sentences before are about.
                found = self.antecedent(index, pos, "she" if gender == "f" else "he", named=True)
                if (
                    found is not None
                    and found.entity is not None
                    and (gender == "-" or found.gender in ("-", gender))
                ):
                    return replace(found, position=pos)
        mention_kind = kind if kind in ("person", "org") else "thing"
        return _Mention(pos, None, written, gender, mention_kind, phrase.plural, 0, head=head)

    def _as_written(self, reader: Reader, phrase: Phrase) -> str:
        a, b = _core_span(reader, phrase)
        return self.text[a:b]

    def same_description(
        self, index: int, pos: int, written: str, head: str, gender: str
    ) -> _Mention | None:
        """What the same description written shortly before referred to ("the man")."""
        for back in range(index, max(-1, index - _DESCRIPTION_WINDOW), -1):
            if written not in self.ordered[back].text.lower():
                continue  # cheaper than reading the sentence
            for mention in reversed(self.mentions(back)):
                if mention.position >= pos or mention.written != written or not mention.name:
                    continue
                if mention.entity is None and mention.name.lower() == written:
                    # Read back from there, before anyone introduced since.
                    earlier = self.unnamed(back, mention.position, head, gender)
                    if earlier is None:
                        return None
                    return _Mention(pos, None, earlier.name, gender, "person", False, 0)
                return _Mention(
                    pos,
                    mention.entity,
                    mention.name,
                    mention.gender,
                    mention.kind,
                    mention.plural,
                    0,
                    written,
                )
        return None

    def unnamed(self, index: int, pos: int, head: str, gender: str) -> _Mention | None:
        """An earlier description with the same head ("an unidentified young man" for "the man").

        "Another man" introduces someone new: the man before him is the better
        antecedent when there is one.
        """
        found: list[str] = []
        stem = head.rstrip("s")
        for back in range(index, max(-1, index - _DESCRIPTION_WINDOW), -1):
            if stem not in self.ordered[back].text.lower():
                continue  # cheaper than reading the sentence
            # A quote's speaker as written ("a woman in the crowd") before the
            # shorter mention read at the same place ("a woman").
            here = [(m.position, 0, m) for m in self.mentions(back)]
            here += [(m.position, 1, m) for m in self.spoken.get(back, ())]
            here.sort(key=lambda item: item[:2])
            for _, _, mention in reversed(here):
                if mention.position >= pos or mention.entity is not None or mention.name is None:
                    continue
                words = mention.name.lower().split()
                if mention.head.rstrip("s") != head.rstrip("s"):
                    continue
                if words[0] == "the":
                    continue
                found.append(mention.name)
                if not self.lex.has(words[0], "contrastive"):
                    return _Mention(
                        pos,
                        None,
                        found[0] if len(found) == 1 else mention.name,
                        gender,
                        "person",
                        False,
                        0,
                    )
        if found:
            return _Mention(pos, None, found[0], gender, "person", False, 0)
        return None

    def issuer_before(self, pos: int) -> str | None:
        """Who issued the latest document before ``pos`` ("the statement" speaks for them).

        Either a quote's speaker in a sentence about a document ("X said in a
        statement") or the subject of "issued a statement"; of the latter only
        the few nearest before ``pos`` are read.
        """
        k = bisect_left(self.issuer_positions, pos) - 1
        best_at = self.issuer_positions[k] if k >= 0 else -1
        best = self.issuer_names[k] if k >= 0 else None
        issuers = self.names.issuers
        n = bisect_left(issuers, (pos, -1)) - 1
        for at, index in issuers[max(0, n - 2) : n + 1][::-1]:
            if at <= best_at:
                break
            # The subject of "issued": the last subject in its sentence before it.
            before = [m for m in self.mentions(index) if m.position < at and m.name]
            subjects = [m for m in before if m.subject] or before
            if subjects and subjects[-1].name:
                return subjects[-1].name
        return best

    def names_document(self, index: int) -> bool:
        """Whether a sentence names a document ("statement"), read once per distinct sentence."""
        text = self.ordered[index].text
        found = self._names_document.get(text)
        if found is None:
            found = self._names_document[text] = any(w in text for w in self.lex.words("issued"))
        return found

    def record_issuer(self, pos: int, name: str) -> None:
        k = bisect_left(self.issuer_positions, pos)
        self.issuer_positions.insert(k, pos)
        self.issuer_names.insert(k, name)

    def antecedent(
        self, index: int, pos: int, pronoun: str, *, named: bool = False
    ) -> _Mention | None:
        """Who a "he", "she", "it" or "they" at ``pos`` stands for.

        "he" and "she" stand for a person; "it" for a body ("the ministry …
        it said"); "they" for a body or a plural description ("officials").
        ``named`` looks only for a named person (for a description), not for
        the gender a pronoun needs.
        """
        if pronoun in ("it", "they"):
            return self._body_antecedent(index, pos, plural=pronoun == "they")
        want = "-" if named else ("m" if pronoun == "he" else "f")
        fallback: _Mention | None = None
        searched = 0
        # Sentences with nothing to refer to (inside a long quote) do not count.
        for back in range(index, max(-1, index - 2 * _PRONOUN_WINDOW), -1):
            mentions = [m for m in self.mentions(back) if m.position < pos]
            spoken = [m for m in self.spoken.get(back, ()) if m.position < pos]
            if not mentions and not spoken:
                continue
            searched += 1
            if searched > _PRONOUN_WINDOW:
                break
            # The sentence's subject outranks a clause's, a person someone
            # who might be a place; then who spoke there; then the rest.
            ordered = (
                sorted(
                    (m for m in mentions if m.subject),
                    key=lambda m: (-m.subject, m.kind != "person"),
                )
                + spoken
                + [m for m in mentions if not m.subject]
            )
            for mention in ordered:
                if mention.kind not in ("person", "unknown") or mention.plural:
                    continue
                if want != "-" and mention.gender not in ("-", want):
                    continue
                if named and mention.entity is None:
                    continue
                if mention.name is None:
                    if mention.subject and mention.gender == want:
                        break  # the same pronoun, unresolved: look further back
                    continue
                if mention.kind == "unknown" and not mention.subject:
                    fallback = fallback or mention
                    continue
                return self._settle(mention)
        return fallback

    def _settle(self, mention: _Mention) -> _Mention:
        """A mention left for later, resolved now that a pronoun stands for it."""
        if mention.later is None:
            return mention
        reader, phrase, index = mention.later
        found = self.describe(reader, phrase, index)
        if found is None:
            return replace(mention, later=None)
        return replace(found, subject=mention.subject, later=None)

    def _body_antecedent(self, index: int, pos: int, *, plural: bool) -> _Mention | None:
        for back in range(index, max(-1, index - _PRONOUN_WINDOW), -1):
            mentions = [m for m in self.mentions(back) if m.position < pos]
            spoken = [m for m in self.spoken.get(back, ()) if m.position < pos]
            ordered = (
                sorted((m for m in mentions if m.subject), key=lambda m: -m.subject)
                + spoken
                + [m for m in mentions if not m.subject]
            )
            for mention in ordered:
                if mention.name is None:
                    continue
                if mention.kind == "org" or (plural and mention.plural):
                    return self._settle(mention)
        return None


def _mention_phrases(reader: Reader) -> list[tuple[Phrase, int]]:
    """The phrases of a sentence that may refer to someone, each with whether
    it is a subject (2 of the sentence, 1 of a clause inside it, 0 not)."""
    toks = reader.toks
    out: list[tuple[Phrase, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if tok.kind != 0 or not (
            reader.name_word(i)
            or tok.low in ("he", "she")
            or (reader.cls(i, "determiner") and _leads_to_someone(reader, i + 1))
            or (tok.low.endswith("s") and reader.lex.role(tok.low) is not None)
        ):
            i += 1
            continue
        phrase = reader.phrase(i, n, forward=True)
        if phrase is None:
            i += 1
            continue
        subject = _opens_clause(reader, i) if _then_verb(reader, phrase.last + 1) else 0
        out.append((phrase, subject))
        i = phrase.last + 1
    return out


def _role_of(lex: Lexicon, toks: Sequence[Tok], phrase: Phrase) -> Role | None:
    """The role a description's head names, two-word roles first ("first lady")."""
    head = phrase.head
    for k in range(phrase.first + 1, phrase.last + 1):
        if toks[k].low == head:
            pair = lex.roles.get(f"{toks[k - 1].low} {head}")
            if pair is not None:
                return pair
    return lex.role(head)


def _leads_to_someone(reader: Reader, i: int) -> bool:
    """Whether the words after a determiner name someone: a name or a role word
    comes before any closed-class word ("the seven-term congressman", not "the
    day")."""
    lex = reader.lex
    for k in range(i, min(len(reader.toks), i + 5)):
        if reader.name_word(k) or lex.role(reader.toks[k].low) is not None:
            return True
        if reader.toks[k].kind != 0 or lex.function(reader.toks[k].low):
            return False
    return False


def _opens_clause(reader: Reader, i: int) -> int:
    """2 where the sentence's own clause may start, 1 where a clause inside it does, else 0."""
    if i == 0 or i in reader.starts:
        return 2
    before = reader.toks[i - 1]
    if before.kind == QUOTE or before.text in (",", ";", ":"):
        return 2
    inner = (
        reader.cls(i - 1, "subordinator") or reader.cls(i - 1, "conjunction") or reader.verb(i - 1)
    )
    return 1 if inner else 0


def _then_verb(reader: Reader, j: int) -> bool:
    toks = reader.toks
    n = len(toks)
    if j < n and toks[j].text in (",", "("):
        return True
    while j < n and (reader.adverb(j) or reader.cls(j, "time")):
        j += 1
    if j + 1 < n and toks[j].low in ("on", "last", "this", "over") and reader.cls(j + 1, "time"):
        j += 2
    if j >= n or toks[j].kind != 0 or toks[j].cap:
        return False
    if reader.verb(j) or reader.cls(j, "aux") or reader.participle(j):
        return True
    return not reader.function(j)


def resolve_speakers(
    text: str,
    ordered: Sequence[Sentence],
    names: Names,
    reader: Callable[[int], Reader],
    attributions: Sequence[Attribution],
    spans: Sequence[tuple[int, int]],
) -> list[str | None]:
    """The name of each quote's speaker, in order (see the module docstring).

    Args:
        text: The article text.
        ordered: The article's sentences in reading order.
        names: The article's names, from :class:`Names`.
        reader: The tokens of a sentence (by index in ``ordered``), quotes
            masked, built on demand.
        attributions: Each quote's speaker as found around it, in reading order.
        spans: Where each quote starts and ends in ``text``.

    Returns:
        One name per attribution: a span of ``text``, or ``None`` when the
        speaker is unknown (or a pronoun with no one it can stand for).
    """
    if not attributions:
        return []
    resolver = _Resolver(text, ordered, names, reader)
    resolved: dict[int, _Mention | None] = {}
    out: list[str | None] = []
    for attribution, (first, last) in zip(attributions, spans, strict=True):
        if attribution.how == "inherit" and attribution.source is not None:
            mention = resolved.get(id(attribution.source))
        else:
            mention = None
            if attribution.phrase is not None and attribution.reader is not None:
                mention = _resolve(resolver, attribution)
            resolved[id(attribution)] = mention
        out.append(mention.name if mention is not None else None)
        if mention is None or mention.name is None:
            continue
        # The quote's sentences remember who spoke in them, for a pronoun later:
        # where the speaker is written, or where the quote starts.
        at = first
        if attribution.reader is not None and attribution.phrase is not None:
            at = attribution.reader.start(attribution.phrase.first)
        at_index = resolver.sentence_index(at)
        for index in range(resolver.sentence_index(first), resolver.sentence_index(last) + 1):
            resolver.spoken.setdefault(index, []).append(
                mention.spoken_at(at if index == at_index else first)
            )
    return out


def _resolve(resolver: _Resolver, attribution: Attribution) -> _Mention | None:
    reader = attribution.reader
    phrase = attribution.phrase
    assert reader is not None and phrase is not None
    pos = reader.start(phrase.first)
    index = resolver.sentence_index(pos)
    if phrase.kind == "pronoun":
        mention = resolver.antecedent(index, pos, phrase.head)
    else:
        mention = resolver.describe(reader, phrase, index)
    if mention is None or mention.name is None:
        return None
    entity = mention.entity
    if entity is not None and not entity.org and entity.forms and " " not in mention.name:
        # A surname from the sentences before, read without the forms of its name.
        resolver.names.read_group(entity.surname, pos)
        mention = replace(mention, name=entity.display(resolver.text, pos))
    if mention.name and resolver.names_document(index):
        resolver.record_issuer(pos, mention.name)  # "X said in a statement"
    return mention
