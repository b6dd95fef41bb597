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


def repeated_article(size: int, shared: Path, seed: int) -> str:
    """About ``size`` characters of MRPC sentences drawn again and again, four to a paragraph.

    Both articles of a pair draw from the same 2,000 sentences (with different
    seeds), so every sentence is repeated about ``size / 250_000`` times on each
    side: a live blog or a page of boilerplate, stretched to the input limit.
    """
    pool, _ = synthetic_sentences(2000, shared)
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        paragraph = " ".join(rng.choice(pool) for _ in range(SENTENCES_PER_PARAGRAPH))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def random_words_article(size: int, shared: Path, seed: int) -> str:
    """About ``size`` characters of sentences of random words from MRPC's vocabulary.

    Nothing in it is a fact and almost nothing repeats: the worst case for an
    inverted index is a long text of words that are each rare.
    """
    left, right = synthetic_sentences(4000, shared)
    vocabulary = sorted(
        {w.strip(".,\"'()").lower() for s in left + right for w in s.split() if w.isalpha()}
    )
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = []
        for _ in range(SENTENCES_PER_PARAGRAPH):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 25))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"
