"""Build tui/engine/data/df.txt: how many news sentences each word key appears in.

The matcher weighs rare words above common ones. Inside a long article pair the
pair itself tells which words are common; a one-sentence comparison needs a
prior, and this table is it: document frequencies over the MRPC training
sentences (about 8,000 news sentences from many outlets). Regenerate with
``python -m benchmarks.word_stats --shared ../shared`` after changing how keys
are made (tui/engine/_text.py).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from tui.engine._text import alias_table, tokenize

OUT = Path(__file__).resolve().parent.parent / "tui" / "engine" / "data" / "df.txt"


def mrpc_sentences(shared: Path) -> list[str]:
    """Every distinct sentence of the MRPC training split."""
    path = shared / "data" / "mrpc" / "msr_paraphrase_train.txt"
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 5:
                seen.setdefault(cols[3], None)
                seen.setdefault(cols[4], None)
    return list(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    sentences = mrpc_sentences(args.shared)
    aliases = alias_table()
    df: Counter[str] = Counter()
    for sentence in sentences:
        df.update({t.key for t in tokenize(sentence, aliases) if t.content})
    lines = [f"# sentences {len(sentences)}"]
    lines += [f"{key} {count}" for key, count in sorted(df.items()) if count >= 2]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} keys from {len(sentences)} sentences -> {OUT}")


if __name__ == "__main__":
    main()
