"""Link the sentences of two articles that report the same fact.

Each body sentence becomes a set of content keys (see ``_text``), each key
weighted by how rare it is: in news generally (a document-frequency prior) and
in this pair of articles (a word in every sentence of both says little). Two
sentences share a fact when they share enough rare weight; the link is strong
when most of the shorter sentence is in the other.

Candidates come from an inverted index over the rarer keys, so a pair of
2,000-sentence articles scores only the few pairs that share something, not all
four million.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._data import data_text
from ._model import Article, Conflict, Link
from ._text import MONTHS, WEEKDAYS, Token, alias_table, fold, tokenize

# Thresholds at the default sensitivity (0.5), tuned on the sample pair and the
# MRPC training pairs (`make eval`).
STRONG_COVER = 0.75
STRONG_COVER_DICE = 0.5
PARTIAL_COVER = 0.18  # share of the shorter sentence for a partial link
PARTIAL_WEIGHT = 1.6  # shared rare weight (in "rare words") for a partial link
NUMBER_PENALTY = 0.75  # score factor when the sentences give different numbers

# A logistic model of "these two sentences say the same thing", fitted on the
# MRPC training pairs by `python -m benchmarks.fit_paraphrase` (5-fold
# cross-validated accuracy 0.761). Features, in order: weighted key overlap
# (Dice), differing numbers, overlap of all words (Jaccard), overlap of word
# pairs, character similarity of the folded texts, length ratio.
PARAPHRASE_WEIGHTS = (5.590, -0.692, 3.164, -4.993, 6.518, 3.306)
PARAPHRASE_BIAS = -9.475
PARAPHRASE_MIN_DICE = 0.2  # below this overlap: 2 of the 2,753 MRPC paraphrase pairs
UNEVEN_LENGTH = 0.6  # shorter/longer token count below which the cover rule decides
MAX_LINKS = 8  # links kept per sentence, best first (one fact rarely recurs more)
KEEP_RATIO = 0.65  # a partial link must score this share of its sentences' best

# Keys in more postings than this are too common to generate candidates (they
# still count in the score of candidates found through rarer keys).
_MAX_POSTINGS = 60


@lru_cache(maxsize=1)
def _prior() -> tuple[int, dict[str, int]]:
    lines = data_text("df.txt").splitlines()
    total = int(lines[0].split()[-1])
    table: dict[str, int] = {}
    for line in lines[1:]:
        key, _, count = line.rpartition(" ")
        table[key] = int(count)
    return total, table


def _prior_weight(key: str) -> float:
    """Rarity in news generally, scaled so an unseen word weighs 1.0."""
    total, table = _prior()
    df = table.get(key, 0)
    return math.log((total + 1) / (df + 1)) / math.log(total + 1)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A body sentence as the matcher sees it."""

    id: int
    tokens: tuple[Token, ...]
    keys: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    folded: str


def make_unit(sentence_id: int, text: str, aliases: Mapping[str, str], offset: int = 0) -> _Unit:
    """Tokenise one sentence into what the matcher compares."""
    tokens = tuple(tokenize(text, aliases, offset=offset))
    content = [t.key for t in tokens if t.content]
    return _Unit(
        id=sentence_id,
        tokens=tokens,
        keys=frozenset(content),
        numbers=frozenset(t.key for t in tokens if t.number),
        words=frozenset(t.key for t in tokens),
        pairs=frozenset(itertools.pairwise(content)),
        folded=fold(text),
    )


def _units(article: Article, aliases: Mapping[str, str]) -> list[_Unit]:
    return [
        make_unit(s.id, s.text, aliases, s.start) for s in article.sentences if s.kind == "body"
    ]


def weights_for(left: list[_Unit], right: list[_Unit]) -> dict[str, float]:
    """Weight of every key: prior rarity times rarity within this pair."""
    df: dict[str, int] = defaultdict(int)
    for unit in left + right:
        for key in unit.keys:
            df[key] += 1
    n = len(left) + len(right)
    weights: dict[str, float] = {}
    for key, count in df.items():
        weight = 0.15 + _prior_weight(key)
        if n >= 8:
            # A key found in many sentences of these articles is the story's
            # topic (the country, the mission), not a fact that ties two
            # sentences together.
            weight *= min(1.0, math.log(1 + n / count) / math.log(1 + n / 3))
        weights[key] = weight
    return weights


def _thresholds(sensitivity: float) -> tuple[float, float]:
    """Scale for the strong and partial thresholds: stricter below 0.5, looser above."""
    strong = 1.0 + (0.5 - sensitivity) * 0.6
    partial = 1.0 + (0.5 - sensitivity) * 1.4
    return strong, partial


@dataclass(frozen=True, slots=True)
class _Score:
    score: float
    strong: bool
    partial: bool
    shared: frozenset[str]


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
    shared = a.keys & b.keys
    if not shared:
        return _Score(0.0, False, False, shared)
    wc = sum(weights[k] for k in shared)
    dice = 2 * wc / (wa + wb)
    cover = wc / min(wa, wb)
    raw_dice = dice
    if a.numbers and b.numbers and not (a.numbers & b.numbers):
        # Different figures are a different fact (or a conflict worth showing);
        # either way not the same sentence.
        dice *= NUMBER_PENALTY
        cover *= NUMBER_PENALTY
    score = (dice + cover) / 2
    strong_scale, partial_scale = _thresholds(sensitivity)
    partial = cover >= PARTIAL_COVER * partial_scale and wc >= PARTIAL_WEIGHT * partial_scale
    # "Most of the shorter sentence is in the longer" decides strength when the
    # lengths differ a lot (one sentence covering two); between sentences of
    # similar length the paraphrase model judges better (MRPC).
    uneven = min(len(a.tokens), len(b.tokens)) < UNEVEN_LENGTH * max(len(a.tokens), len(b.tokens))
    strong = (
        uneven and cover >= STRONG_COVER * strong_scale and dice >= STRONG_COVER_DICE * strong_scale
    )
    # The paraphrase model costs more than everything above: ask it only when
    # the overlap leaves the answer open.
    if not strong and (partial or raw_dice >= PARAPHRASE_MIN_DICE):
        strong = paraphrase_logit(a, b, raw_dice) >= (0.5 - sensitivity) * 4
    return _Score(min(1.0, score), strong, partial or strong, shared)


def _candidates(
    left: list[_Unit], right: list[_Unit], weights: Mapping[str, float], minimum: float
) -> list[tuple[int, int, float]]:
    """Pairs (index into left, index into right) that share a key rare enough to index.

    Each pair comes with the weight of the indexed keys it shares: a lower bound
    of its shared weight, exact unless it also shares a key too common to index.
    Pairs whose bound is under ``minimum`` are left out.
    """
    left_postings: dict[str, list[int]] = defaultdict(list)
    right_postings: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(left):
        for key in unit.keys:
            left_postings[key].append(i)
    for j, unit in enumerate(right):
        for key in unit.keys:
            right_postings[key].append(j)
    # Pairs as one integer while accumulating: hashing ints is several times
    # cheaper than hashing tuples, and this loop runs once per shared posting.
    width = len(right)
    shared: dict[int, float] = defaultdict(float)
    for key, lefts in left_postings.items():
        rights = right_postings.get(key)
        # The cap looks at both sides alike, so swapping the articles swaps the pairs.
        if rights and len(lefts) + len(rights) <= _MAX_POSTINGS:
            weight = weights[key]
            for i in lefts:
                base = i * width
                for j in rights:
                    shared[base + j] += weight
    return [(*divmod(pair, width), weight) for pair, weight in shared.items() if weight >= minimum]


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
    _, partial_scale = _thresholds(sensitivity)
    least_weight = PARTIAL_WEIGHT * partial_scale * 0.5
    scored: dict[tuple[int, int], _Score] = {}
    least_cover = PARTIAL_COVER * partial_scale * 0.5
    # Most candidates share one middling word: skip them before the full score.
    # Halving the thresholds leaves room for shared keys too common to index.
    for i, j, bound in _candidates(lu, ru, weights, least_weight):
        if bound < least_cover * min(totals_left[i], totals_right[j]):
            continue
        result = _score(lu[i], ru[j], totals_left[i], totals_right[j], weights, sensitivity)
        if result.partial:
            scored[(i, j)] = result
    best_left: dict[int, float] = defaultdict(float)
    best_right: dict[int, float] = defaultdict(float)
    for (i, j), result in scored.items():
        best_left[i] = max(best_left[i], result.score)
        best_right[j] = max(best_right[j], result.score)
    kept = [
        (i, j)
        for (i, j), result in scored.items()
        if result.strong or result.score >= KEEP_RATIO * max(best_left[i], best_right[j])
    ]
    kept = _best_per_sentence(kept, scored)
    links: list[Link] = []
    for i, j in sorted(kept):
        result = scored[(i, j)]
        a, b = lu[i], ru[j]
        shared_terms = _shared_terms(a, result.shared, weights)
        links.append(
            Link(
                left=a.id,
                right=b.id,
                score=round(result.score, 4),
                strength="strong" if result.strong else "partial",
                conflicts=find_conflicts(a.tokens, b.tokens),
                shared_terms=shared_terms,
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


def _value_type(token: Token) -> str | None:
    if token.number:
        return "number"
    key = token.key
    if key in MONTHS or key in WEEKDAYS:
        return "date"
    if token.capitalized and token.content:
        return "name"
    return None


def find_conflicts(left: Sequence[Token], right: Sequence[Token]) -> tuple[Conflict, ...]:
    """Numbers, dates and names that differ in the same place of two linked sentences.

    A value (number, month or weekday, capitalised name) found in only one
    sentence conflicts with a value of the same type found only in the other
    when both stand next to the same word ("three-year war" / "four-year war",
    "President Donald Trump" / "President Joe Biden"), or when each sentence
    has exactly one unmatched number.
    """
    lkeys = {t.key for t in left}
    rkeys = {t.key for t in right}

    def loose(tokens: Sequence[Token], other: set[str]) -> list[tuple[int, Token, str]]:
        out = []
        for n, token in enumerate(tokens):
            kind = _value_type(token)
            if kind and token.key not in other and not (kind == "name" and n == 0):
                out.append((n, token, kind))
        return out

    lo = loose(left, rkeys)
    ro = loose(right, lkeys)
    if not lo or not ro:
        return ()

    def context(tokens: Sequence[Token], n: int) -> set[str]:
        near = set()
        for step in (-1, 1):
            m = n + step
            # Skip the other parts of the same written word (three-year).
            while 0 <= m < len(tokens) and tokens[m].start == tokens[n].start:
                m += step
            if 0 <= m < len(tokens) and tokens[m].content:
                near.add(tokens[m].key)
        return near

    conflicts: list[Conflict] = []
    used_right: set[int] = set()
    for n, token, kind in lo:
        near = context(left, n) & lkeys & rkeys
        for m, other, other_kind in ro:
            if m in used_right or other_kind != kind:
                continue
            if near & context(right, m):
                conflicts.append(Conflict(token.raw, other.raw, kind))  # type: ignore[arg-type]
                used_right.add(m)
                break
    left_numbers = [t for _, t, k in lo if k == "number"]
    right_numbers = [t for m, t, k in ro if k == "number" and m not in used_right]
    already = {c.left for c in conflicts}
    if len(left_numbers) == 1 and len(right_numbers) == 1 and left_numbers[0].raw not in already:
        conflicts.append(Conflict(left_numbers[0].raw, right_numbers[0].raw, "number"))
    return tuple(dict.fromkeys(conflicts))


def quote_key(text: str, aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    """The content keys of a quotation, to tell whether two outlets quote the same words."""
    return frozenset(t.key for t in tokenize(text, alias_table(aliases)) if t.content)
