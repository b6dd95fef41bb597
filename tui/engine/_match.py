"""Link the sentences of two articles that report the same fact.

Each body sentence becomes a set of content keys (see ``_text``), each key
weighted by how rare it is: in English generally (a word-frequency prior) and
in this pair of articles (a word frequent in both is the story's topic, not a
fact that ties two sentences together). Two sentences share a fact when they
share enough rare weight, or the same run of words (a quotation); the link is
strong when they say the same thing.

Candidates come from an inverted index over the rarer keys, so a pair of
2,000-sentence articles scores only the few pairs that share something, not all
four million.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ._conflicts import find_conflicts, lowercase_words, people
from ._data import data_lines
from ._model import Article, Link
from ._text import Token, alias_table, fold, tokenize

# --- Word weights -----------------------------------------------------------
# A key's prior weight falls linearly with its Zipf frequency in English
# (data/rarity.txt): 1.0 at or below RARE_ZIPF, PRIOR_FLOOR at COMMON_ZIPF.
RARE_ZIPF = 4.0
COMMON_ZIPF = 8.0
PRIOR_FLOOR = 0.05
NUMBER_WEIGHT = 0.8  # numbers are not in the table; "2,000" is as telling as a rare word
# Topic words: a key in a share s of the sentences of BOTH articles weighs
# 1 / (1 + TOPIC * s) of its prior (never zero: it may still tell two apart).
TOPIC = 30.0
TOPIC_MIN_SENTENCES = 4

# --- The link decision --------------------------------------------------------
# A link's score is the weighted Dice overlap of the two sentences' keys plus a
# bonus for the share of the shorter sentence's three-word runs found in the
# other (a quotation both outlets carry, whatever its words weigh). Two
# features beat five in leave-one-pair-out tests on the dev pairs
# (`python -m benchmarks.fit_links`), which also fits the two numbers below.
PHRASE_BONUS = 0.5
LINK_SCORE = 0.12  # the score a link needs at sensitivity 0.5
SENSITIVITY_RANGE = 7.0  # the factor it moves by at sensitivity 0 and 1
# Words in a run for "the same words" (a quotation both outlets carry).
PHRASE = 3

# --- Strength -------------------------------------------------------------------
# A logistic model of "these two sentences say the same thing", fitted on the
# MRPC training pairs by `python -m benchmarks.fit_paraphrase` (5-fold
# cross-validated accuracy in `make eval`). Features, in order: weighted key
# overlap (Dice), differing numbers, overlap of all words (Jaccard), overlap of
# word pairs, character similarity of the folded texts, length ratio.
PARAPHRASE_WEIGHTS = (4.546, -0.831, 3.937, -4.639, 6.268, 3.271)
PARAPHRASE_BIAS = -9.157
STRONG_COVER = 0.75  # uneven lengths: most of the shorter sentence is in the longer
STRONG_COVER_DICE = 0.5
UNEVEN_LENGTH = 0.6  # shorter/longer token count below which the cover rule decides
# A link whose shorter sentence is mostly in the other: one date, name or
# number of a kind left over on each side fills one slot (a conflict).
SIMILAR_COVER = 0.4
MAX_LINKS = 8  # links kept per sentence, best first (one fact rarely recurs more)

# Keys in more postings than this are too common to generate candidates (they
# still count in the score of candidates found through rarer keys).
_MAX_POSTINGS = 60


@lru_cache(maxsize=1)
def _zipf() -> dict[str, float]:
    table: dict[str, float] = {}
    for line in data_lines("rarity.txt"):
        key, _, value = line.rpartition(" ")
        table[key] = float(value)
    return table


def zipf(key: str) -> float:
    """The key's Zipf frequency in English (0 when rarer than the table lists)."""
    return _zipf().get(key, 0.0)


def prior_weight(key: str, number: bool = False) -> float:
    """Rarity in English generally: 1.0 for a rare word, near zero for "the"."""
    if number:
        return NUMBER_WEIGHT
    zipf = _zipf().get(key)
    if zipf is None:
        return 1.0
    share = (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)
    return min(1.0, max(PRIOR_FLOOR, share))


@dataclass(frozen=True, slots=True)
class _Unit:
    """A body sentence as the matcher sees it."""

    id: int
    tokens: tuple[Token, ...]
    keys: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    phrases: frozenset[tuple[str, ...]]
    folded: str


def make_unit(sentence_id: int, text: str, aliases: Mapping[str, str], offset: int = 0) -> _Unit:
    """Tokenise one sentence into what the matcher compares."""
    tokens = tuple(tokenize(text, aliases, offset=offset))
    content = [t.key for t in tokens if t.content]
    every = [t.key for t in tokens]
    # Runs of three words with a content word among them: "nothing happened to",
    # not "said in a".
    flags = [t.content for t in tokens]
    runs = frozenset(
        tuple(every[k : k + PHRASE])
        for k in range(len(every) - PHRASE + 1)
        if any(flags[k : k + PHRASE])
    )
    return _Unit(
        id=sentence_id,
        tokens=tokens,
        keys=frozenset(content),
        numbers=frozenset(t.key for t in tokens if t.number),
        words=frozenset(every),
        pairs=frozenset(itertools.pairwise(content)),
        phrases=runs,
        folded=fold(text),
    )


def _units(article: Article, aliases: Mapping[str, str]) -> list[_Unit]:
    return [
        make_unit(s.id, s.text, aliases, s.start) for s in article.sentences if s.kind == "body"
    ]


def weights_for(left: list[_Unit], right: list[_Unit]) -> dict[str, float]:
    """Weight of every key: prior rarity, lowered for the words of both articles' topic."""
    df_left: dict[str, int] = defaultdict(int)
    df_right: dict[str, int] = defaultdict(int)
    numbers: set[str] = set()
    for unit in left:
        numbers.update(unit.numbers)
        for key in unit.keys:
            df_left[key] += 1
    for unit in right:
        numbers.update(unit.numbers)
        for key in unit.keys:
            df_right[key] += 1
    n_left, n_right = max(1, len(left)), max(1, len(right))
    # A topic shows only over several sentences: two one-sentence articles
    # (a paraphrase pair) share words, not a topic.
    topical = min(n_left, n_right) >= TOPIC_MIN_SENTENCES
    weights: dict[str, float] = {}
    for key in df_left.keys() | df_right.keys():
        weight = prior_weight(key, key in numbers)
        if topical:
            share = min(df_left.get(key, 0) / n_left, df_right.get(key, 0) / n_right)
            weight /= 1 + TOPIC * share
        weights[key] = weight
    return weights


def _thresholds(sensitivity: float) -> tuple[float, float]:
    """The score a link needs, and the paraphrase log-odds a strong link needs.

    The link score needed is LINK_SCORE at sensitivity 0.5 and moves by a factor
    of SENSITIVITY_RANGE each way: near-identical sentences only at 0, any
    shared rare word at 1.
    """
    return (
        LINK_SCORE * SENSITIVITY_RANGE ** ((0.5 - sensitivity) * 2),
        (0.5 - sensitivity) * 4,
    )


@dataclass(frozen=True, slots=True)
class _Score:
    score: float
    strong: bool
    linked: bool
    shared: frozenset[str]
    cover: float = 0.0


def link_features(
    a: _Unit, b: _Unit, wa: float, wb: float, weights: Mapping[str, float]
) -> tuple[float, float, float]:
    """Weighted Dice and cover of the shared keys, and the share of shared word runs."""
    wc = sum(weights[k] for k in a.keys & b.keys)
    dice = 2 * wc / (wa + wb) if wa + wb else 0.0
    cover = wc / min(wa, wb) if min(wa, wb) else 0.0
    shortest = min(len(a.phrases), len(b.phrases))
    phrase = len(a.phrases & b.phrases) / shortest if shortest else 0.0
    return dice, cover, phrase


def paraphrase_features(a: _Unit, b: _Unit, dice: float) -> tuple[float, ...]:
    """The paraphrase model's features for two sentences (see PARAPHRASE_WEIGHTS)."""
    from rapidfuzz.fuzz import ratio  # imported here: the engine must import fast

    words = len(a.words | b.words)
    pairs = len(a.pairs) + len(b.pairs)
    return (
        dice,
        min(len(a.numbers ^ b.numbers), 3) / 3,
        len(a.words & b.words) / words if words else 0.0,
        2 * len(a.pairs & b.pairs) / pairs if pairs else 0.0,
        ratio(a.folded, b.folded) / 100,
        min(len(a.tokens), len(b.tokens)) / max(1, len(a.tokens), len(b.tokens)),
    )


def paraphrase_logit(a: _Unit, b: _Unit, dice: float) -> float:
    """Log-odds that two sentences are paraphrases (the fitted MRPC model)."""
    features = paraphrase_features(a, b, dice)
    return PARAPHRASE_BIAS + sum(w * f for w, f in zip(PARAPHRASE_WEIGHTS, features, strict=True))


def pair_dice(a: _Unit, b: _Unit, weights: Mapping[str, float]) -> float:
    """Weighted overlap of two sentences' content keys."""
    total = sum(weights[k] for k in a.keys) + sum(weights[k] for k in b.keys)
    return 2 * sum(weights[k] for k in a.keys & b.keys) / total if total else 0.0


def _score(
    a: _Unit, b: _Unit, wa: float, wb: float, weights: Mapping[str, float], sensitivity: float
) -> _Score:
    """Score one pair; ``wa`` and ``wb`` are the sentences' total key weights."""
    dice, cover, phrase = link_features(a, b, wa, wb, weights)
    score = min(1.0, dice + PHRASE_BONUS * phrase)
    link_threshold, strong_threshold = _thresholds(sensitivity)
    if score < link_threshold or score <= 0.0:
        return _Score(0.0, False, False, frozenset())
    uneven = min(len(a.tokens), len(b.tokens)) < UNEVEN_LENGTH * max(len(a.tokens), len(b.tokens))
    strong = uneven and cover >= STRONG_COVER and dice >= STRONG_COVER_DICE
    if not strong:
        strong = paraphrase_logit(a, b, dice) >= strong_threshold
    return _Score(score, strong, True, a.keys & b.keys, cover)


def _candidates(left: list[_Unit], right: list[_Unit]) -> set[tuple[int, int]]:
    """Pairs (index into left, index into right) that share a rare key or a run of words."""
    out: set[tuple[int, int]] = set()
    for attribute in ("keys", "phrases"):
        left_postings: dict[object, list[int]] = defaultdict(list)
        right_postings: dict[object, list[int]] = defaultdict(list)
        for i, unit in enumerate(left):
            for key in getattr(unit, attribute):
                left_postings[key].append(i)
        for j, unit in enumerate(right):
            for key in getattr(unit, attribute):
                right_postings[key].append(j)
        for key, lefts in left_postings.items():
            rights = right_postings.get(key)
            if rights and len(lefts) + len(rights) <= _MAX_POSTINGS:
                out.update(itertools.product(lefts, rights))
    return out


def align(
    left: Article,
    right: Article,
    *,
    sensitivity: float,
    aliases: Mapping[str, str] | None = None,
) -> tuple[Link, ...]:
    """Link the body sentences of two articles.

    Args:
        left: The first article.
        right: The second article.
        sensitivity: 0 (near-identical only) to 1 (any shared fact).
        aliases: User aliases on top of the shipped table.

    Returns:
        The links, ordered by left then right sentence id. The result is
        symmetric: swapping the articles swaps every link's sides.
    """
    table = alias_table(aliases)
    lu = _units(left, table)
    ru = _units(right, table)
    weights = weights_for(lu, ru)
    totals_left = [sum(weights[k] for k in unit.keys) for unit in lu]
    totals_right = [sum(weights[k] for k in unit.keys) for unit in ru]
    scored: dict[tuple[int, int], _Score] = {}
    for i, j in _candidates(lu, ru):
        result = _score(lu[i], ru[j], totals_left[i], totals_right[j], weights, sensitivity)
        if result.linked:
            scored[(i, j)] = result
    kept = _best_per_sentence(list(scored), scored)
    lowercase = lowercase_words(left.text, right.text) if kept else frozenset()
    persons = (
        people(
            [(u.tokens, left.text) for u in lu] + [(u.tokens, right.text) for u in ru], lowercase
        )
        if kept
        else frozenset()
    )
    links: list[Link] = []
    for i, j in sorted(kept):
        result = scored[(i, j)]
        a, b = lu[i], ru[j]
        links.append(
            Link(
                left=a.id,
                right=b.id,
                score=round(result.score, 4),
                strength="strong" if result.strong else "partial",
                conflicts=find_conflicts(
                    a.tokens,
                    b.tokens,
                    left.text,
                    right.text,
                    lowercase,
                    persons,
                    similar=result.cover >= SIMILAR_COVER,
                ),
                shared_terms=_shared_terms(a, result.shared, weights),
            )
        )
    return tuple(links)


def _best_per_sentence(
    pairs: list[tuple[int, int]], scored: Mapping[tuple[int, int], _Score]
) -> list[tuple[int, int]]:
    """Keep a pair only if it is among the best MAX_LINKS of both its sentences.

    A sentence repeated through a long article would otherwise link to every
    copy on the other side (hundreds of links that say nothing more). Ranking
    by score, then by the other sentence, treats both sides alike.
    """
    ranked_left: dict[int, list[tuple[float, int]]] = defaultdict(list)
    ranked_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j in pairs:
        score = scored[(i, j)].score
        ranked_left[i].append((-score, j))
        ranked_right[j].append((-score, i))
    top_left = {i: {j for _, j in sorted(r)[:MAX_LINKS]} for i, r in ranked_left.items()}
    top_right = {j: {i for _, i in sorted(r)[:MAX_LINKS]} for j, r in ranked_right.items()}
    return [(i, j) for i, j in pairs if j in top_left[i] and i in top_right[j]]


def _shared_terms(
    unit: _Unit, shared: frozenset[str], weights: Mapping[str, float]
) -> tuple[str, ...]:
    """The shared words as the left sentence writes them, rarest first."""
    seen: dict[str, str] = {}
    for token in unit.tokens:
        if token.key in shared and token.key not in seen:
            seen[token.key] = token.raw
    ordered = sorted(seen, key=lambda k: -weights.get(k, 0.0))
    return tuple(seen[k] for k in ordered[:8])


def quote_key(text: str, aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    """The content keys of a quotation, to tell whether two outlets quote the same words."""
    return frozenset(t.key for t in tokenize(text, alias_table(aliases)) if t.content)
