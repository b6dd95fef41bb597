"""`make eval`: how right the engine is on real articles, and on MRPC.

Prints, in order:

1. The six real dev pairs against their gold alignments, their mean and the
   sample pair apart: the shared ``score_pairs.py`` run from where it lives,
   on the ``storydiff compare --format json`` command.
2. The leave-one-pair-out link F1 (``benchmarks.fit_links``): what the link
   numbers, fitted on the dev pairs, give on a pair they were not fitted on.
3. MRPC training pairs, "paraphrase <=> strong link", as a 5-fold
   cross-validated accuracy: the paraphrase model is refitted on four folds
   and the whole engine scored on the fifth.
4. Every conflict found on the dev pairs, for a reader to judge.

``--ablation`` adds the dev mean with each data file and rule group switched
off (``benchmarks.ablation``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.devpairs import pair_folders
from benchmarks.mrpc import cross_validated, mrpc_pairs
from tui.engine import compare_files


def dev_table(shared: Path) -> None:
    scorer = shared / "eval" / "score_pairs.py"
    command = [sys.executable, str(scorer), "--", sys.executable, "-m", "tui", "compare"]
    print("Real dev pairs against their gold (../shared/eval/score_pairs.py):", flush=True)
    subprocess.run([*command, "--format", "json"], check=True)
    print()


def leave_one_pair_out(shared: Path) -> None:
    print("Leave-one-pair-out (python -m benchmarks.fit_links):", flush=True)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.fit_links", "--shared", str(shared), "--quiet"],
        check=True,
    )
    print()


def mrpc(shared: Path) -> None:
    started = time.perf_counter()
    scores = cross_validated(mrpc_pairs(shared), 5)
    seconds = time.perf_counter() - started
    print(
        f"MRPC train, {scores.pairs} pairs, paraphrase <=> strong link, "
        f"5-fold cross-validated ({seconds:.0f} s):"
    )
    print(f"  accuracy           {scores.accuracy:.3f}   (majority class {scores.majority:.3f})")
    print(f"  precision          {scores.precision:.3f}")
    print(f"  recall             {scores.recall:.3f}")
    print(f"  f1                 {scores.f1:.3f}")
    print()


def conflicts(shared: Path) -> None:
    print("Conflicts found on the dev pairs (each should be a real difference):")
    found = 0
    for folder in pair_folders(shared):
        comparison = compare_files(folder / "left.txt", folder / "right.txt")
        for link in comparison.links:
            for conflict in link.conflicts:
                found += 1
                print(
                    f"  {folder.name}: L{link.left} R{link.right} {conflict.type}: "
                    f"{conflict.left!r} vs {conflict.right!r}"
                )
    if not found:
        print("  none")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--ablation", action="store_true", help="also switch each piece off")
    args = parser.parse_args()
    dev_table(args.shared)
    leave_one_pair_out(args.shared)
    mrpc(args.shared)
    conflicts(args.shared)
    if args.ablation:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.ablation", "--shared", str(args.shared)], check=True
        )


if __name__ == "__main__":
    main()
