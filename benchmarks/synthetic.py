"""Synthetic long articles built from the MRPC training split, for benchmarks.

The left article carries the first sentence of each of the first ``n`` MRPC
pairs in corpus order; the right article carries the second sentence of the
same pairs, shuffled with a fixed seed. So every left sentence has a reworded
counterpart somewhere on the right, as when two outlets cover one story.
"""

from __future__ import annotations

import random
from pathlib import Path

MRPC_TRAIN = Path("data") / "mrpc" / "msr_paraphrase_train.txt"
SENTENCES_PER_PARAGRAPH = 4


def synthetic_sentences(n: int, shared: Path, seed: int = 0) -> tuple[list[str], list[str]]:
    """The sentences of the synthetic pair, before they are laid out as articles.

    Args:
        n: How many MRPC pairs to use (at most 4,076 in the training split).
        shared: The shared folder holding ``data/mrpc/msr_paraphrase_train.txt``.
        seed: Seed of the shuffle applied to the right-hand sentences.

    Returns:
        The left sentences (``#1 String``, corpus order) and the right
        sentences (``#2 String`` of the same pairs, shuffled).

    Raises:
        FileNotFoundError: the MRPC file is not under ``shared``.
        ValueError: ``n`` is not positive or exceeds the pairs in the file.
    """
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    path = Path(shared) / MRPC_TRAIN
    left: list[str] = []
    right: list[str] = []
    # Split on tabs rather than using csv's default dialect: the sentences
    # contain unbalanced quote marks that a quoting reader would swallow.
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)  # header: Quality, #1 ID, #2 ID, #1 String, #2 String
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 5:
                continue
            left.append(fields[3].strip())
            right.append(fields[4].strip())
            if len(left) == n:
                break
    if len(left) < n:
        raise ValueError(f"{path} holds {len(left)} pairs, fewer than the {n} asked for")
    random.Random(seed).shuffle(right)
    return left, right


def _layout(title: str, sentences: list[str]) -> str:
    paragraphs = [
        " ".join(sentences[i : i + SENTENCES_PER_PARAGRAPH])
        for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    ]
    return "\n\n".join([title, *paragraphs]) + "\n"


def synthetic_pair(n: int, shared: Path, seed: int = 0) -> tuple[str, str]:
    """Two long synthetic articles that report the same ``n`` facts.

    Each article is a title line, then paragraphs of four sentences separated
    by blank lines.

    Args:
        n: How many MRPC pairs to use (at most 4,076 in the training split).
        shared: The shared folder holding ``data/mrpc/msr_paraphrase_train.txt``.
        seed: Seed of the shuffle applied to the right-hand sentences.

    Returns:
        The left and right article texts.

    Raises:
        FileNotFoundError: the MRPC file is not under ``shared``.
        ValueError: ``n`` is not positive or exceeds the pairs in the file.
    """
    left, right = synthetic_sentences(n, shared, seed)
    return (
        _layout(f"Wire report: {n} developments in the news", left),
        _layout(f"News digest: {n} stories as another outlet told them", right),
    )
