"""Fit the matcher's link numbers on the real dev pairs, and say how well they carry over.

Searches a small grid of the numbers in tui/engine/_match.py that decide a
link (how strongly the story's topic words are weighed down, the rarity range,
the bonus for shared word runs, the score a link needs) for the best MEAN link
F1 over the dev pairs (``../shared/eval/dev``). Six pairs are few, so it also
prints the leave-one-pair-out figure: for each pair, the numbers that are best
on the other five, scored on that pair. That figure, not the in-sample mean, is
what to expect on articles the numbers have never seen.

    python -m benchmarks.fit_links --shared ../shared
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from benchmarks.devpairs import dev_rows

GRID = {
    "TOPIC": (10.0, 20.0, 30.0, 50.0),
    "RARE_ZIPF": (3.5, 4.0, 4.5),
    "COMMON_ZIPF": (7.5, 8.0),
    "PHRASE_BONUS": (0.3, 0.5, 0.8),
    "LINK_SCORE": (0.08, 0.10, 0.12, 0.14, 0.16, 0.18),
}


def _mean(rows: dict[str, dict[str, float]], key: str, leave_out: str | None = None) -> float:
    values = [r[key] for name, r in rows.items() if name != leave_out]
    return sum(values) / len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--quiet", action="store_true", help="print the held-out figures only")
    args = parser.parse_args()
    from tui.engine import _match

    names = list(GRID)
    results: list[tuple[tuple[float, ...], dict[str, dict[str, float]]]] = []
    for values in itertools.product(*GRID.values()):
        for name, value in zip(names, values, strict=True):
            setattr(_match, name, value)
        results.append((values, dev_rows(args.shared)))
    results.sort(key=lambda r: -_mean(r[1], "link_f1"))
    if not args.quiet:
        print("Best on the dev mean (in-sample):")
    for values, rows in results[: 0 if args.quiet else 5]:
        setting = ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))
        print(
            f"  {setting}: F1 {_mean(rows, 'link_f1'):.3f}, precision "
            f"{_mean(rows, 'link_precision'):.3f}, recall {_mean(rows, 'link_recall'):.3f}, "
            f"shared {_mean(rows, 'shared_accuracy'):.3f}"
        )
    held_out = []
    for pair in results[0][1]:
        values, rows = max(results, key=lambda r: _mean(r[1], "link_f1", leave_out=pair))
        held_out.append(rows[pair]["link_f1"])
        print(f"  {pair:20} link F1 {rows[pair]['link_f1']:.3f} (numbers best on the others)")
    print(f"  leave-one-pair-out mean link F1 {sum(held_out) / len(held_out):.3f}")


if __name__ == "__main__":
    main()
