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
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import TypeVar

from ._conflicts import Value, find_conflicts, lowercase_words, people, values
from ._data import data_lines
from ._model import Article, Conflict, Link, Strength
from ._progress import EVERY, Progress, Stage
from ._text import Token, alias_table, fold, scan, tokenize

_K = TypeVar("_K", bound=Hashable)

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

# --- Strength -------------------------------------------------------------------
# A logistic model of "these two sentences say the same thing", fitted on the
# MRPC training pairs by `python -m benchmarks.fit_paraphrase` (5-fold
# cross-validated accuracy in `make eval`). Features, in order: weighted key
# overlap (Dice), differing numbers, overlap of all words (Jaccard), overlap of
# word pairs, character similarity of the folded texts, length ratio.
PARAPHRASE_WEIGHTS = (4.546, -0.831, 3.937, -4.639, 6.268, 3.271)
PARAPHRASE_BIAS = -9.157
PARAPHRASE_MIN_DICE = 0.2  # below this overlap: few MRPC paraphrases (asked in `make eval`)
STRONG_COVER = 0.75  # uneven lengths: most of the shorter sentence is in the longer
STRONG_COVER_DICE = 0.5
UNEVEN_LENGTH = 0.6  # shorter/longer token count below which the cover rule decides
# A link whose shorter sentence is mostly in the other: one date, name or
# number of a kind left over on each side fills one slot (a conflict).
SIMILAR_COVER = 0.4
MAX_LINKS = 8  # links kept per sentence, best first (one fact rarely recurs more)

# Keys in more postings than this are too common to generate candidates (they
# still count in the score of candidates found through rarer keys, and in the
# bound that decides which candidates are scored).
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


# One empty set for the many sentences without a number (an empty frozenset is 216 bytes).
_NO_NUMBERS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Unit:
    """A body sentence as the matcher sees it: keys, not positioned tokens.

    Tokens are made for the sentences that link (their conflicts and shared
    words): two 5 MB articles hold a million words, and a token each costs
    about 100 MB and half the time.
    """

    text: str
    keys: frozenset[str]
    numbers: frozenset[str]
    every: tuple[str, ...]  # every word's key in order: what makes two sentences copies
    content: tuple[str, ...]  # the content keys in order
    # Three-word runs with a content word among them, hashed, each once: a tuple
    # takes a tenth of a set's memory (two 4.5 MB articles: 130 MB less).
    phrases: tuple[int, ...]


def make_unit(text: str, aliases: Mapping[str, str]) -> _Unit:
    """Tokenise one sentence into what the matcher compares."""
    parts = scan(text, aliases)
    every = tuple([part[0] for part in parts])
    flags = [part[1] for part in parts]
    content = tuple([key for key, flag in zip(every, flags, strict=True) if flag])
    # Runs of three words with a content word among them: "nothing happened to",
    # not "said in a".
    runs = dict.fromkeys(
        [
            hash(run)
            for run, a, b, c in zip(
                zip(every, every[1:], every[2:], strict=False),
                flags,
                flags[1:],
                flags[2:],
                strict=False,
            )
            if a or b or c
        ]
    )
    numbers = [part[0] for part in parts if part[2]]
    return _Unit(
        text=text,
        keys=frozenset(content),
        numbers=frozenset(numbers) if numbers else _NO_NUMBERS,
        every=every,
        content=content,
        phrases=tuple(runs),
    )


def _units(
    article: Article, aliases: Mapping[str, str], stage: Stage | None = None
) -> tuple[list[int], list[_Unit]]:
    """The body sentences' ids and units; copies of one sentence share one unit."""
    made: dict[str, _Unit] = {}
    ids: list[int] = []
    units: list[_Unit] = []
    total = len(article.sentences)
    for n, sentence in enumerate(article.sentences):
        if stage is not None:
            stage.tick(n, total)
        if sentence.kind == "body":
            unit = made.get(sentence.text)
            if unit is None:
                unit = made[sentence.text] = make_unit(sentence.text, aliases)
            ids.append(sentence.id)
            units.append(unit)
    return ids, units


def _copies(units: list[_Unit]) -> list[list[int]]:
    """The units grouped by their words (copies of one sentence), in reading order.

    Live blogs, wire updates and boilerplate repeat sentences; the matcher
    compares each distinct sentence once and pairs the copies afterwards.
    """
    groups: dict[tuple[str, ...], list[int]] = {}
    for n, unit in enumerate(units):
        groups.setdefault(unit.every, []).append(n)
    return list(groups.values())


def weights_for(left: list[_Unit], right: list[_Unit]) -> dict[str, float]:
    """Weight of every key: prior rarity, lowered for the words of both articles' topic.

    ``left`` and ``right`` are the distinct sentences (one copy of each): a
    sentence repeated fifty times is one sentence's worth of evidence. The
    weight never reaches zero, so a topic word still tells two sentences apart.
    """
    df_left = _counts(left, _keys_of)
    df_right = _counts(right, _keys_of)
    numbers = set(itertools.chain.from_iterable(unit.numbers for unit in left + right))
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
    dice: float
    cover: float
    same_words: bool = False  # copies: strong without asking the paraphrase model


def link_features(
    a: _Unit, b: _Unit, wa: float, wb: float, weights: Mapping[str, float]
) -> tuple[float, float, float]:
    """Weighted Dice and cover of the shared keys, and the share of shared word runs."""
    wc = sum(map(weights.__getitem__, a.keys & b.keys))
    dice = 2 * wc / (wa + wb) if wa + wb else 0.0
    cover = wc / min(wa, wb) if min(wa, wb) else 0.0
    return dice, cover, _phrase_share(a, b)


def _phrase_share(a: _Unit, b: _Unit) -> float:
    """The share of the shorter sentence's word runs that the other has too."""
    shortest = min(len(a.phrases), len(b.phrases))
    return len(set(a.phrases).intersection(b.phrases)) / shortest if shortest else 0.0


def paraphrase_features(a: _Unit, b: _Unit, dice: float) -> tuple[float, ...]:
    """The paraphrase model's features for two sentences (see PARAPHRASE_WEIGHTS)."""
    from rapidfuzz.fuzz import ratio  # imported here: the engine must import fast

    words_a, words_b = frozenset(a.every), frozenset(b.every)
    pairs_a = frozenset(itertools.pairwise(a.content))
    pairs_b = frozenset(itertools.pairwise(b.content))
    words = len(words_a | words_b)
    pairs = len(pairs_a) + len(pairs_b)
    return (
        dice,
        min(len(a.numbers ^ b.numbers), 3) / 3,
        len(words_a & words_b) / words if words else 0.0,
        2 * len(pairs_a & pairs_b) / pairs if pairs else 0.0,
        ratio(fold(a.text), fold(b.text)) / 100,
        min(len(a.every), len(b.every)) / max(1, len(a.every), len(b.every)),
    )


def paraphrase_logit(a: _Unit, b: _Unit, dice: float) -> float:
    """Log-odds that two sentences are paraphrases (the fitted MRPC model)."""
    features = paraphrase_features(a, b, dice)
    return PARAPHRASE_BIAS + sum(w * f for w, f in zip(PARAPHRASE_WEIGHTS, features, strict=True))


def pair_dice(a: _Unit, b: _Unit, weights: Mapping[str, float]) -> float:
    """Weighted overlap of two sentences' content keys."""
    total = sum(weights[k] for k in a.keys) + sum(weights[k] for k in b.keys)
    return 2 * sum(weights[k] for k in a.keys & b.keys) / total if total else 0.0


def _strong(a: _Unit, b: _Unit, result: _Score, threshold: float) -> bool:
    """Whether a link is strong: the two sentences say the same thing.

    Asked only of the links kept: the paraphrase model costs more than the score.
    """
    if result.same_words:
        return True
    uneven = min(len(a.every), len(b.every)) < UNEVEN_LENGTH * max(len(a.every), len(b.every))
    if uneven and result.cover >= STRONG_COVER and result.dice >= STRONG_COVER_DICE:
        return True
    if result.dice < PARAPHRASE_MIN_DICE:
        return False
    return paraphrase_logit(a, b, result.dice) >= threshold


def _keys_of(unit: _Unit) -> frozenset[str]:
    return unit.keys


def _runs_of(unit: _Unit) -> tuple[int, ...]:
    return unit.phrases


def _counts(units: list[_Unit], items: Callable[[_Unit], Iterable[_K]]) -> Counter[_K]:
    """In how many units each item (a key, a run of words) is: counted in C."""
    return Counter(itertools.chain.from_iterable(map(items, units)))


def _shared_postings(
    left: list[_Unit], right: list[_Unit], items: Callable[[_Unit], Iterable[_K]]
) -> tuple[dict[_K, list[int]], dict[_K, list[int]], set[_K]]:
    """Postings (item -> unit numbers) of the items found on both sides, and those too common.

    Most items are on one side only (a run of words, a rare name): counting
    them in C first and listing only the shared ones saves building a list for
    each of a million runs. An item in more than _MAX_POSTINGS units of both
    sides together is too common to index; the cap looks at both sides alike,
    so swapping the articles swaps the pairs.
    """
    left_counts = _counts(left, items)
    right_counts = _counts(right, items)
    if len(right_counts) < len(left_counts):
        shared = {item for item in right_counts if item in left_counts}
    else:
        shared = {item for item in left_counts if item in right_counts}
    common = {item for item in shared if left_counts[item] + right_counts[item] > _MAX_POSTINGS}
    indexed = shared - common
    postings = []
    for units in (left, right):
        out: dict[_K, list[int]] = defaultdict(list)
        for n, unit in enumerate(units):
            for item in indexed.intersection(items(unit)):
                out[item].append(n)
        postings.append(out)
    return postings[0], postings[1], common


def _scored_pairs(
    left: list[_Unit],
    right: list[_Unit],
    weights: Mapping[str, float],
    totals: tuple[list[float], list[float]],
    threshold: float,
    stage: Stage | None = None,
) -> dict[tuple[int, int], _Score]:
    """Every pair (index into left, index into right) whose score reaches ``threshold``.

    Shared weight is summed through an inverted index over the keys rare enough
    to index; a key in more than _MAX_POSTINGS sentences only raises each
    sentence's bound. A pair whose Dice cannot reach the threshold even with
    every unindexed key shared is not scored unless it shares a run of words
    (found through an index of its own): the bound is exact, so nothing that
    could link is lost, and most pairs are never scored.
    """
    width = len(right)
    left_postings, right_postings, common = _shared_postings(left, right, _keys_of)
    # A common key only raises the bound of each sentence that holds it.
    unindexed_left = [sum(map(weights.__getitem__, common.intersection(u.keys))) for u in left]
    unindexed_right = [sum(map(weights.__getitem__, common.intersection(u.keys))) for u in right]
    # Pairs as one integer while summing: hashing ints is several times cheaper
    # than hashing tuples, and this loop runs once per shared posting.
    shared: dict[int, float] = defaultdict(float)
    for key, lefts in left_postings.items():
        rights = right_postings[key]
        weight = weights[key]
        for i in lefts:
            base = i * width
            for j in rights:
                shared[base + j] += weight
    runs: set[int] = set()
    left_runs, right_runs, _ = _shared_postings(left, right, _runs_of)
    for run, lefts in left_runs.items():
        run_rights = right_runs[run]
        for i in lefts:
            base = i * width
            runs.update(base + j for j in run_rights)
    # The scoring loop runs once per candidate: names bound locally, no calls
    # but the set operations (this loop was a third of compare_texts).
    totals_left, totals_right = totals
    weight_of = weights.__getitem__
    bonus = PHRASE_BONUS
    out: dict[tuple[int, int], _Score] = {}
    # Not one set of every candidate: on two 4.5 MB articles that is millions of
    # pairs held twice.
    only_runs = runs - shared.keys()
    total = len(shared) + len(only_runs)
    for n, pair in enumerate(itertools.chain(shared, only_runs)):
        if stage is not None and not n % EVERY:
            stage.tick(n, total)
        i, j = divmod(pair, width)
        wa, wb = totals_left[i], totals_right[j]
        both = wa + wb
        in_runs = pair in runs
        unindexed = min(unindexed_left[i], unindexed_right[j])
        if not in_runs and 2 * (shared.get(pair, 0.0) + unindexed) < threshold * both:
            continue
        a, b = left[i], right[j]
        wc = sum(map(weight_of, a.keys & b.keys)) if unindexed else shared.get(pair, 0.0)
        dice = 2 * wc / both if both else 0.0
        score = dice
        if in_runs:
            score += bonus * _phrase_share(a, b)
        if score < threshold or score <= 0.0:
            continue
        smaller = min(wa, wb)
        out[(i, j)] = _Score(min(1.0, score), dice, wc / smaller if smaller else 0.0)
    return out


def align(
    left: Article,
    right: Article,
    *,
    sensitivity: float,
    aliases: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> tuple[Link, ...]:
    """Link the body sentences of two articles.

    Args:
        left: The first article.
        right: The second article.
        sensitivity: 0 (near-identical only) to 1 (any shared fact).
        aliases: User aliases on top of the shipped table.
        progress: Reports how far the matching has come (see ``_progress``).

    Returns:
        The links, ordered by left then right sentence id. The result is
        symmetric: swapping the articles swaps every link's sides.
    """
    table = alias_table(aliases)
    left_ids, lu = _units(left, table, Stage(progress, "reading words", 0.4, 0.475))
    right_ids, ru = _units(right, table, Stage(progress, "reading words", 0.475, 0.55))
    # One representative per distinct sentence; copies are paired at the end.
    left_copies, right_copies = _copies(lu), _copies(ru)
    ld = [lu[group[0]] for group in left_copies]
    rd = [ru[group[0]] for group in right_copies]
    weights = weights_for(ld, rd)
    totals = (
        [sum(weights[k] for k in unit.keys) for unit in ld],
        [sum(weights[k] for k in unit.keys) for unit in rd],
    )
    thresholds = _thresholds(sensitivity)
    stage = Stage(progress, "matching sentences", 0.55, 0.75)
    scored = _scored_pairs(ld, rd, weights, totals, thresholds[0], stage)
    # The same words on both sides link whatever they weigh: a sentence of
    # common words ("Nothing happened to her.") copied from one outlet to another.
    right_by_words = {unit.every: j for j, unit in enumerate(rd)}
    for i, unit in enumerate(ld):
        j = right_by_words.get(unit.every)
        if j is not None and unit.every:
            scored[(i, j)] = _Score(1.0, 1.0, 1.0, same_words=True)
    # The cap first between distinct sentences (cheap: copies rank alike), then
    # between copies, where unequal counts give a copy several links of one pair.
    expanded: dict[tuple[int, int], _Score] = {}
    for i, j in _best_per_sentence(scored):
        result = scored[(i, j)]
        for a, b in _pair_copies(left_copies[i], right_copies[j]):
            expanded[(a, b)] = result
    kept = _best_per_sentence(expanded)
    stage = Stage(progress, "linking sentences", 0.75, 0.95)
    return _links(
        (left, right),
        (left_ids, right_ids),
        (lu, ru),
        kept,
        expanded,
        weights,
        (thresholds[1], table, stage),
    )


def _pair_copies(lefts: list[int], rights: list[int]) -> set[tuple[int, int]]:
    """Link the copies of two linked sentences in reading order, each copy at least once."""
    m, n = len(lefts), len(rights)
    pairs = {(lefts[k], rights[k * n // m]) for k in range(m)}
    pairs.update((lefts[k * m // n], rights[k]) for k in range(n))
    return pairs


def _links(
    articles: tuple[Article, Article],
    ids: tuple[list[int], list[int]],
    units: tuple[list[_Unit], list[_Unit]],
    kept: list[tuple[int, int]],
    scored: Mapping[tuple[int, int], _Score],
    weights: Mapping[str, float],
    settings: tuple[float, Mapping[str, str], Stage],
) -> tuple[Link, ...]:
    """The Link of each kept pair, with its conflicts and shared words."""
    if not kept:
        return ()
    left, right = articles
    lu, ru = units
    strong_threshold, table, stage = settings
    lowercase = lowercase_words(left.text, right.text)
    persons = people((left.text, right.text), lowercase)
    tokens: dict[str, list[Token]] = {}
    found: dict[str, list[Value]] = {}

    def tokens_of(unit: _Unit) -> list[Token]:
        # Copies of a sentence have the same tokens and values: make them once.
        if unit.text not in tokens:
            tokens[unit.text] = tokenize(unit.text, table)
        return tokens[unit.text]

    def values_of(unit: _Unit) -> list[Value]:
        if unit.text not in found:
            found[unit.text] = values(tokens_of(unit), unit.text, lowercase, persons)
        return found[unit.text]

    # What a link says beyond its ends depends only on the two sentences'
    # words: copies of a linked pair share one answer.
    described: dict[
        tuple[str, str], tuple[float, Strength, tuple[Conflict, ...], tuple[str, ...]]
    ] = {}
    links: list[Link] = []
    append = links.append
    left_ids, right_ids = ids
    for n, (i, j) in enumerate(sorted(kept)):
        if not n % EVERY:
            stage.tick(n, len(kept))
        result = scored[(i, j)]
        a, b = lu[i], ru[j]
        about = described.get((a.text, b.text))
        if about is None:
            strong = _strong(a, b, result, strong_threshold)
            about = described[(a.text, b.text)] = (
                round(result.score, 4),
                "strong" if strong else "partial",
                find_conflicts(values_of(a), values_of(b), similar=result.cover >= SIMILAR_COVER),
                _shared_terms(tokens_of(a), a.keys & b.keys, weights),
            )
        # Positional: a frozen dataclass takes keywords about a third slower.
        append(Link(left_ids[i], right_ids[j], *about))
    return tuple(links)


def _best_per_sentence(scored: Mapping[tuple[int, int], _Score]) -> list[tuple[int, int]]:
    """Keep a pair only if it is among the best MAX_LINKS of both its sentences.

    A sentence repeated through a long article would otherwise link to every
    copy on the other side (hundreds of links that say nothing more). Ranking
    by score, then by the other sentence, treats both sides alike.
    """
    # Most sentences have no more than MAX_LINKS links: count them in C and rank
    # only the sentences over the cap.
    left_counts = Counter(map(itemgetter(0), scored))
    right_counts = Counter(map(itemgetter(1), scored))
    crowded_left = {i for i, count in left_counts.items() if count > MAX_LINKS}
    crowded_right = {j for j, count in right_counts.items() if count > MAX_LINKS}
    if not crowded_left and not crowded_right:
        return list(scored)
    ranked_left: dict[int, list[tuple[float, int]]] = defaultdict(list)
    ranked_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), result in scored.items():
        if i in crowded_left:
            ranked_left[i].append((-result.score, j))
        if j in crowded_right:
            ranked_right[j].append((-result.score, i))
    over_left = {i: _best(r) for i, r in ranked_left.items()}
    over_right = {j: _best(r) for j, r in ranked_right.items()}
    return [
        (i, j)
        for i, j in scored
        if (i not in over_left or j in over_left[i]) and (j not in over_right or i in over_right[j])
    ]


def _best(ranked: list[tuple[float, int]]) -> set[int]:
    # sorted() runs in C; heapq.nsmallest in Python: on these short lists sorting wins.
    return {other for _, other in sorted(ranked)[:MAX_LINKS]}


def _shared_terms(
    tokens: Sequence[Token], shared: frozenset[str], weights: Mapping[str, float]
) -> tuple[str, ...]:
    """The shared words as the left sentence writes them, rarest first."""
    seen: dict[str, str] = {}
    for token in tokens:
        if token.key in shared and token.key not in seen:
            seen[token.key] = token.raw
    ordered = sorted(seen, key=lambda k: -weights.get(k, 0.0))
    return tuple(seen[k] for k in ordered[:8])


def quote_key(text: str, aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    """The content keys of a quotation, to tell whether two outlets quote the same words."""
    return frozenset(part[0] for part in scan(text, alias_table(aliases)) if part[1])
