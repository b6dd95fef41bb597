"""Build tui/engine/data/rarity.txt: how common each word key is in general English.

The matcher weighs rare words above common ones. Inside a long article pair the
pair itself tells which words are the story's topic; how rare a word is in
English at large comes from this table: the Zipf frequency (log10 of uses per
billion words) of every key, summed over the words that stem to it, from
wordfreq's English list (news, books, subtitles, the web; Robyn Speer et al.,
data under CC BY-SA 4.0). Keys rarer than the table's floor are left out and
weigh as rare. The runtime reads only the shipped table; wordfreq is needed
only to rebuild it (``pip install -e '.[data]'``), after changing how keys are
made (tui/engine/_text.py):

    python -m benchmarks.word_stats
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict
from pathlib import Path

from tui.engine._text import alias_table, tokenize

OUT = Path(__file__).resolve().parent.parent / "tui" / "engine" / "data" / "rarity.txt"
# Keys below this Zipf frequency (about one use in ten million words) all weigh
# as rare, so the table need not list them.
FLOOR = 2.5


def key_frequencies() -> dict[str, float]:
    """Uses per word of every content key, from wordfreq's English list."""
    from wordfreq import get_frequency_dict

    aliases = alias_table()
    per_key: dict[str, float] = defaultdict(float)
    for word, frequency in get_frequency_dict("en", wordlist="best").items():
        if math.log10(frequency * 1e9) < FLOOR - 0.5:
            continue  # far below the floor even if a few words share its key
        for token in tokenize(word, aliases):
            if token.content and not token.number:
                per_key[token.key] += frequency
    return per_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = []
    for key, frequency in key_frequencies().items():
        zipf = math.log10(frequency * 1e9)
        if zipf >= FLOOR:
            rows.append((key, zipf))
    rows.sort()
    lines = [
        "# Zipf frequency of each word key in general English (wordfreq, CC BY-SA 4.0).",
        f"# Rebuilt by `python -m benchmarks.word_stats`; keys not listed are rarer than {FLOOR}.",
    ]
    lines += [f"{key} {zipf:.2f}" for key, zipf in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} keys -> {args.out}")


if __name__ == "__main__":
    main()
