"""What each data file and rule group is worth: the dev mean with it switched off.

Every word list and rule in the engine must earn its keep on the mean over the
real dev pairs (``../shared/eval/dev``), not on one example. Each switch runs in
a fresh interpreter that patches the engine before its first use, compares the
dev pairs and the sample pair, and scores them with the shared scorer
(``../shared/eval/score_alignment.py``, imported from where it lives).

    python -m benchmarks.ablation --shared ../shared            # every switch
    python -m benchmarks.ablation --shared ../shared --lines    # each alias line
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.devpairs import FIGURES, dev_scores

# Data files a switch can empty.
DATA_FILES = (
    "rarity.txt",
    "stopwords.txt",
    "number_words.txt",
    "countries.txt",
    "aliases.txt",
    "abbreviations.txt",
    "sentence_starters.txt",
    "furniture.txt",
    "speech_verbs.txt",
    "speech_participles.txt",
)
# Files whose lines are tried one by one with --lines.
LINE_FILES = ("aliases.txt",)


def _without_text(name: str, drop: Callable[[str], str]) -> None:
    from tui.engine import _data

    original = _data.data_text

    def patched(file: str) -> str:
        text = original(file)
        return drop(text) if file == name else text

    _data.data_text = patched  # type: ignore[assignment]


def _rule(name: str) -> None:
    """Switch one rule group off by patching the engine module that holds it."""
    from tui.engine import _match, _text

    if name == "stemming":
        _text._stemmer.cache_clear()
        _text._stemmer = lambda: lambda word: word  # type: ignore[assignment]
    elif name == "topic-weighting":
        _match.TOPIC = 0.0
    elif name == "word-runs":
        _match.PHRASE_BONUS = 0.0
    else:
        raise SystemExit(f"unknown rule group: {name}")


RULES = ("stemming", "topic-weighting", "word-runs")


def _child(shared: Path, switch: str) -> None:
    kind, _, name = switch.partition(":")
    if kind == "file":
        _without_text(name, lambda text: "")
    elif kind == "line":
        file, _, number = name.rpartition("#")
        lines = None

        def drop(text: str) -> str:
            nonlocal lines
            lines = text.splitlines()
            return "\n".join(line for n, line in enumerate(lines) if n != int(number))

        _without_text(file, drop)
    elif kind == "rule":
        _rule(name)
    mean, sample = dev_scores(shared)
    print(json.dumps({"mean": mean, "sample": sample}))


def _run(shared: Path, switch: str) -> dict[str, dict[str, float]]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.ablation", "--shared", str(shared), "--child", switch],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, dict[str, float]] = json.loads(out.stdout)
    return result


def _row(label: str, scores: dict[str, dict[str, float]], base: dict[str, float] | None) -> str:
    mean = scores["mean"]
    cells = []
    for key in FIGURES:
        value = mean[key]
        delta = f"{value - base[key]:+.3f}" if base is not None else "      "
        cells.append(f"{value:6.3f} {delta:6}")
    return f"  {label:34}" + "  ".join(cells) + f"   sample F1 {scores['sample']['link_f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--lines", action="store_true", help="switch off each alias line")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.shared, args.child)
        return
    switches: list[tuple[str, str]] = []
    if args.lines:
        from tui.engine._data import data_text

        for file in LINE_FILES:
            for n, line in enumerate(data_text(file).splitlines()):
                if line.strip() and not line.startswith("#"):
                    switches.append((f"{file}: {line[:24]}", f"line:{file}#{n}"))
    else:
        switches += [(f"without {name}", f"file:{name}") for name in DATA_FILES]
        switches += [(f"without {name}", f"rule:{name}") for name in RULES]
    base = _run(args.shared, "none:")
    # Each cell is "0.563 -0.008": thirteen characters, like its heading.
    header = "  ".join(f"{key.replace('_', ' ')[:13]:<13}" for key in FIGURES)
    print("Dev mean with each piece switched off (change against everything on):")
    print(f"  {'':34} {header}")
    print(_row("everything on", base, None))
    for label, switch in switches:
        print(_row(label, _run(args.shared, switch), base["mean"]), flush=True)


if __name__ == "__main__":
    main()
