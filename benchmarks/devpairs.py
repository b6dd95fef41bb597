"""The real dev pairs (``../shared/eval/dev``) scored in this process.

``make eval`` prints the official table by running the shared
``score_pairs.py`` on the command line; tuning and ablation need thousands of
comparisons, so they compare in-process and score each one with the shared
scorer's own ``score`` function, imported from where it lives (never copied).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.engine import Comparison, compare_files

FIGURES = (
    "link_f1",
    "link_precision",
    "link_recall",
    "strong_recall",
    "shared_accuracy",
    "quote_recall",
    "quote_precision",
    "speaker_accuracy",
)
# The sample pair's files as the shared scorer names them (../shared/seeds).
SAMPLE = ("000_3800997b9f51c1a9.txt", "003_a064170a5b98f899.txt")

Scorer = Callable[[dict[str, Any], dict[str, Any], str, str], dict[str, float]]


def scorer(shared: Path) -> Scorer:
    """The shared scorer's ``score(report, gold, left_text, right_text)``."""
    folder = str((shared / "eval").resolve())
    if folder not in sys.path:
        sys.path.insert(0, folder)
    from score_alignment import score  # type: ignore[import-not-found]

    return score  # type: ignore[no-any-return]


def pair_folders(shared: Path) -> list[Path]:
    """The dev pairs, one folder each with left.txt, right.txt and gold.json."""
    dev = shared / "eval" / "dev"
    return sorted(p for p in dev.iterdir() if (p / "gold.json").exists())


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def score_pair(
    shared: Path, left: Path, right: Path, gold: Path, compare: Callable[..., Comparison]
) -> dict[str, float]:
    report = compare(left, right).to_dict()
    return scorer(shared)(report, json.loads(_read(gold)), _read(left), _read(right))


def dev_rows(
    shared: Path, compare: Callable[..., Comparison] = compare_files
) -> dict[str, dict[str, float]]:
    """Every dev pair's scores, by pair name."""
    return {
        folder.name: score_pair(
            shared, folder / "left.txt", folder / "right.txt", folder / "gold.json", compare
        )
        for folder in pair_folders(shared)
    }


def mean_of(rows: dict[str, dict[str, float]]) -> dict[str, float]:
    return {key: sum(r[key] for r in rows.values()) / len(rows) for key in FIGURES}


def sample_scores(
    shared: Path, compare: Callable[..., Comparison] = compare_files
) -> dict[str, float]:
    seeds = shared / "seeds"
    gold = shared / "eval" / "gold" / "turkey-peacekeeping.json"
    return score_pair(shared, seeds / SAMPLE[0], seeds / SAMPLE[1], gold, compare)


def dev_scores(
    shared: Path, compare: Callable[..., Comparison] = compare_files
) -> tuple[dict[str, float], dict[str, float]]:
    """The dev mean and the sample pair's scores."""
    return mean_of(dev_rows(shared, compare)), sample_scores(shared, compare)
