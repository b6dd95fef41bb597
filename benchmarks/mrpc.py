"""The MRPC training pairs, and how well "strong link" predicts "paraphrase" on them."""

from __future__ import annotations

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


def score_mrpc(pairs: list[Pair], sensitivity: float = DEFAULT_SENSITIVITY) -> Scores:
    """Compare each pair as two one-sentence articles and score the strong links."""
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
    n = len(pairs)
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
