"""The MRPC training pairs, and how well "strong link" predicts "paraphrase" on them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tui.engine import DEFAULT_SENSITIVITY, compare_texts


@dataclass(frozen=True, slots=True)
class Pair:
    """One MRPC pair: label (1 = paraphrase) and the two sentences."""

    label: int
    left: str
    right: str


def mrpc_pairs(shared: Path) -> list[Pair]:
    """Read the training split (tab-separated; sentences contain quote marks, so no csv)."""
    path = shared / "data" / "mrpc" / "msr_paraphrase_train.txt"
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 5:
                pairs.append(Pair(int(cols[0]), cols[3], cols[4]))
    return pairs


@dataclass(frozen=True, slots=True)
class Scores:
    """Accuracy and F1 of "paraphrase <=> a strong link"."""

    accuracy: float
    precision: float
    recall: float
    f1: float
    majority: float
    pairs: int


def _scores(tp: int, fp: int, fn: int, tn: int) -> Scores:
    n = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    positives = tp + fn
    return Scores(
        accuracy=(tp + tn) / n if n else 0.0,
        precision=precision,
        recall=recall,
        f1=f1,
        majority=max(positives, n - positives) / n if n else 0.0,
        pairs=n,
    )


def _counts(pairs: list[Pair], sensitivity: float) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for pair in pairs:
        comparison = compare_texts(pair.left, pair.right, furniture=False, sensitivity=sensitivity)
        said = any(link.strength == "strong" for link in comparison.links)
        if said and pair.label:
            tp += 1
        elif said:
            fp += 1
        elif pair.label:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def score_mrpc(pairs: list[Pair], sensitivity: float = DEFAULT_SENSITIVITY) -> Scores:
    """Compare each pair as two one-sentence articles and score the strong links."""
    return _scores(*_counts(pairs, sensitivity))


def folds(n: int, k: int) -> list[list[int]]:
    """``k`` disjoint test folds over ``n`` rows, shuffled with a fixed seed."""
    order = list(range(n))
    random.Random(0).shuffle(order)
    return [order[f::k] for f in range(k)]


def cross_validated(
    pairs: list[Pair], folds_: int = 5, sensitivity: float = DEFAULT_SENSITIVITY
) -> Scores:
    """Refit the paraphrase model on all folds but one, score the engine on that one.

    The shipped weights were fitted on every row; scoring them on the same rows
    would say nothing about sentences they have not seen.
    """
    from benchmarks.fit_paraphrase import features, fit
    from tui.engine import _match

    rows = [features(p.left, p.right) for p in pairs]
    shipped = _match.PARAPHRASE_WEIGHTS, _match.PARAPHRASE_BIAS
    totals = [0, 0, 0, 0]
    try:
        for test in folds(len(pairs), folds_):
            held = set(test)
            train = [i for i in range(len(pairs)) if i not in held]
            weights = fit([rows[i] for i in train], [pairs[i].label for i in train])
            _match.PARAPHRASE_WEIGHTS = tuple(weights[:-1])
            _match.PARAPHRASE_BIAS = weights[-1]
            counts = _counts([pairs[i] for i in test], sensitivity)
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
    finally:
        _match.PARAPHRASE_WEIGHTS, _match.PARAPHRASE_BIAS = shipped
    return _scores(*totals)
