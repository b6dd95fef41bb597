"""`make eval`: the sample pair against its gold alignment, and MRPC training accuracy.

The sample pair is scored by the shared scorer (run from where it lives, not
copied); MRPC pairs are compared as two one-sentence articles, and a strong link
is read as "paraphrase".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.mrpc import mrpc_pairs, score_mrpc
from tui.engine import DEFAULT_SENSITIVITY, compare_files
from tui.samples import default_pair

TARGETS = {
    "link_f1": 0.80,
    "strong_recall": 0.85,
    "shared_accuracy": 0.90,
    "quote_recall": 1.0,
    "quote_precision": 0.9,
    "speaker_accuracy": 0.8,
    "titles": 2,
    "furniture_out": 1.0,
}


def sample_scores(shared: Path, sensitivity: float) -> dict[str, float]:
    """Score the default sample pair with ``shared/eval/score_alignment.py``."""
    pair = default_pair()
    comparison = compare_files(pair.left, pair.right, sensitivity=sensitivity)
    gold = shared / "eval" / "gold" / f"{pair.story}.json"
    scorer = shared / "eval" / "score_alignment.py"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as out:
        json.dump(comparison.to_dict(), out, ensure_ascii=False)
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            out.name,
            str(gold),
            str(pair.left),
            str(pair.right),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(out.name).unlink()
    scores: dict[str, float] = json.loads(result.stdout)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sensitivity", type=float, default=DEFAULT_SENSITIVITY)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    sample = sample_scores(args.shared, args.sensitivity)
    started = time.perf_counter()
    mrpc = score_mrpc(mrpc_pairs(args.shared), args.sensitivity)
    seconds = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    "sample": sample,
                    "mrpc": {
                        "accuracy": mrpc.accuracy,
                        "f1": mrpc.f1,
                        "precision": mrpc.precision,
                        "recall": mrpc.recall,
                        "pairs": mrpc.pairs,
                    },
                }
            )
        )
        return
    print(f"Sample pair vs gold (sensitivity {args.sensitivity:.2f}):")
    for key, value in sample.items():
        target = TARGETS.get(key)
        note = f"   target >= {target}" if target is not None else ""
        print(f"  {key:18} {value}{note}")
    print(f"MRPC train, {mrpc.pairs} pairs, paraphrase <=> strong link ({seconds:.1f} s):")
    print(f"  accuracy           {mrpc.accuracy:.3f}   target >= 0.76")
    print(f"  majority class     {mrpc.majority:.3f}")
    print(f"  precision          {mrpc.precision:.3f}")
    print(f"  recall             {mrpc.recall:.3f}")
    print(f"  f1                 {mrpc.f1:.3f}")


if __name__ == "__main__":
    main()
