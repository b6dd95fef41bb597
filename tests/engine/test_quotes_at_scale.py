"""Quotes and speakers on long articles that repeat themselves.

A sentence the article repeats is read once and its copies share the reading;
the names index is built per distinct sentence. These tests check that the
copies come out as if each had been read where it stands. Every article here
is invented for the test.
"""

from __future__ import annotations

import gc
import random
from collections import defaultdict
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine._model import Sentence
from tui.engine._phrases import lexicon
from tui.engine._quotes import find_quotes
from tui.engine._segment import segment
from tui.engine._speakers import _RUN, Names, _key, _not_names

# Each paragraph names its speakers before any pronoun or surname stands for
# them, so it reads the same wherever it stands.
PARAGRAPHS = [
    "Mayor Ana Ruiz said the harbour plan was “a promise kept.” She added: “We start in June.”",
    "“The bridge is safe,” said Tom Okafor, the city engineer. He said the inspections "
    "found “no cracks at all.”",
    "Dr. Lena Voss warned that the season had started early. “Get the vaccine now,” she "
    "told reporters.",
    "The union leader, Paul Brandt, called the offer “an insult.” “We will not sign,” Brandt said.",
    "A spokesman for the airline said the delays were “regrettable but necessary.”",
    "Shares fell sharply on Tuesday. Analysts at Nordbank called the drop “overdone.”",
]


def _quotes_of(text: str) -> list[tuple[int, int, str, str | None, str | None]]:
    return [
        (q.start, q.end, q.text, q.speaker, q.speaker_name)
        for q in find_quotes(text, segment(text, furniture=False))
    ]


def test_every_copy_of_a_paragraph_reads_as_the_paragraph_alone() -> None:
    alone = {p: _quotes_of(p) for p in PARAGRAPHS}
    assert all(alone.values())
    copies = PARAGRAPHS * 12
    random.Random(3).shuffle(copies)
    text = "\n\n".join(copies)
    found = _quotes_of(text)
    want: list[tuple[int, int, str, str | None, str | None]] = []
    at = 0
    for paragraph in copies:
        want += [(at + a, at + b, words, who, name) for a, b, words, who, name in alone[paragraph]]
        at += len(paragraph) + 2
    assert found == want


def test_a_repeated_sentence_takes_its_speaker_from_its_own_neighbours() -> None:
    """The same words, after different people: each copy's "he" is its own."""
    said = "“It is over,” he said."
    text = f"Tom Okafor left the hall. {said}\n\nPaul Brandt stayed behind. {said}"
    assert [name for *_, name in _quotes_of(text)] == ["Tom Okafor", "Paul Brandt"]


def test_the_collector_is_left_as_it_was() -> None:
    text = "“We will win,” said Ann Lowe."
    sentences = segment(text)
    assert gc.isenabled()
    find_quotes(text, sentences)
    assert gc.isenabled()
    gc.disable()
    try:
        find_quotes(text, sentences)
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------- the names index


def _whole_text_index(
    text: str, ordered: list[Sentence]
) -> tuple[list[tuple[int, int]], dict[str, list[int]], set[str]]:
    """The runs of capitalised words found by one scan of the whole text: the
    plain reading the per-sentence index must give."""
    starts = [s.start for s in ordered]
    skip = _not_names()
    suffixes = lexicon().words("suffix")
    runs: list[tuple[int, int]] = []
    groups: defaultdict[str, list[int]] = defaultdict(list)
    mid: set[str] = set()
    for m in _RUN.finditer(text):
        a, b = m.span()
        index = max((k for k, start in enumerate(starts) if start <= a), default=-1)
        if index < 0 or ordered[index].kind != "body" or a >= ordered[index].end:
            continue
        s = ordered[index]
        run, last = m.group(), m.group(1)
        if last is None and run in skip:
            continue
        if b > s.end:
            run = text[a : s.end].rstrip()
            b = a + len(run)
            last = run.split()[-1] if len(run.split()) > 1 else None
        key = _key(last or run)
        groups[key].append(len(runs))
        if last is not None and (key in suffixes or " of " in run):
            for word in run.split()[:-1]:
                groups[_key(word)].append(len(runs))
        runs.append((a, b))
        if a - s.start > 2 and text[a - 2] in "abcdefghijklmnopqrstuvwxyz0123456789,;":
            mid.add(key)
            if last is not None:
                mid.add(_key(run[: run.find(" ")]))
        elif last is not None:
            mid.add(key)
    return runs, dict(groups), mid


PIECES = [
    *["Mc", "Cain", "Smith", "said", "the", "The", "of", "de", "van", "la", "Bank", "U.S."],
    *["A", ".", ",", " ", " ", " ", "\t", "\n\n", "-", "'", "’s", "’", "Jr.", "Mr.", "Rep."],
    *["Tuesday", "President", "and", "&", "X.Y", "O'Neil", "said Smith.", "Lee", "E."],
]


@st.composite
def _articles(draw: st.DrawFn) -> tuple[str, list[Sentence]]:
    """Texts that repeat themselves, cut into sentences anywhere (even mid-word)."""
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    text *= draw(st.integers(1, 3))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=16))))
    sentences: list[Sentence] = []
    for a, b in pairwise(cuts):
        if draw(st.booleans()):
            b = draw(st.integers(a + 1, b)) if b > a + 1 else b  # a gap after it
        kind = draw(st.sampled_from(["body", "body", "body", "title"]))
        sentences.append(Sentence(len(sentences), a, b, kind, 0, text[a:b]))
    return text, sentences


@settings(max_examples=400, deadline=None)
@given(article=_articles())
def test_the_names_index_is_that_of_one_scan_of_the_whole_text(
    article: tuple[str, list[Sentence]],
) -> None:
    text, sentences = article
    names = Names(text, sentences)
    runs, groups, mid = _whole_text_index(text, sentences)
    assert list(zip(names.run_starts, names.run_ends, strict=True)) == runs
    words = set(names.groups.single) | set(names.groups.sentences)
    assert {w: names.groups.get(w) for w in words if names.groups.get(w)} == groups
    assert names.mid_caps == mid
