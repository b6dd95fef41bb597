"""Fit the matcher's paraphrase model on the MRPC training pairs.

Prints the weights for ``PARAPHRASE_WEIGHTS``/``PARAPHRASE_BIAS`` in
tui/engine/_match.py and the 5-fold cross-validated accuracy. Plain Python
(Newton's method on an L2-regularised logistic loss): six features do not need
a numerical library.

    python -m benchmarks.fit_paraphrase --shared ../shared
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from benchmarks.mrpc import folds, mrpc_pairs
from tui.engine._match import make_unit, pair_dice, paraphrase_features, weights_for
from tui.engine._text import alias_table

Vector = list[float]


def features(left: str, right: str) -> Vector:
    table = alias_table()
    a, b = make_unit(left, table), make_unit(right, table)
    return [*list(paraphrase_features(a, b, pair_dice(a, b, weights_for([a], [b])))), 1.0]


def _solve(matrix: list[Vector], vector: Vector) -> Vector:
    """Gaussian elimination with partial pivoting."""
    n = len(vector)
    m = [[*row[:], vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit(rows: list[Vector], labels: list[int], l2: float = 1e-2, steps: int = 25) -> Vector:
    d = len(rows[0])
    w = [0.0] * d
    for _ in range(steps):
        grad = [0.0] * d
        hess = [[l2 if i == j and i < d - 1 else 0.0 for j in range(d)] for i in range(d)]
        for x, y in zip(rows, labels, strict=True):
            p = 1 / (
                1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=False)))))
            )
            for i in range(d):
                grad[i] += (p - y) * x[i]
                for j in range(d):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(d - 1):
            grad[i] += l2 * w[i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    return w


def accuracy(w: Vector, rows: list[Vector], labels: list[int]) -> float:
    right = sum(
        (sum(a * b for a, b in zip(w, x, strict=False)) >= 0) == bool(y)
        for x, y in zip(rows, labels, strict=False)
    )
    return right / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    pairs = mrpc_pairs(args.shared)
    rows = [features(p.left, p.right) for p in pairs]
    labels = [p.label for p in pairs]
    scores = []
    for test in folds(len(rows), 5):
        held = set(test)
        train = [i for i in range(len(rows)) if i not in held]
        w = fit([rows[i] for i in train], [labels[i] for i in train])
        scores.append(accuracy(w, [rows[i] for i in test], [labels[i] for i in test]))
    w = fit(rows, labels)
    folds_text = ", ".join(f"{a:.3f}" for a in scores)
    print(f"model alone, 5-fold accuracy {sum(scores) / 5:.4f} ({folds_text})")
    print("(`make eval` scores the whole engine the same way)")
    print(f"PARAPHRASE_WEIGHTS = ({', '.join(f'{v:.3f}' for v in w[:-1])})")
    print(f"PARAPHRASE_BIAS = {w[-1]:.3f}")


if __name__ == "__main__":
    main()
