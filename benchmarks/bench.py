"""Speed and memory figures for the engine, printed beside their targets.

Run with ``python -m benchmarks.bench --shared ../shared`` (``make bench``).
It prints figures and never asserts: machines are shared and noisy, so every
time is a best-of or a median, and the naive peer is measured in the same run
so that the ratio means something even when the absolute times wander.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import inspect
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.synthetic import random_words_article, repeated_article, synthetic_pair
from tui.engine import Comparison, compare_texts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LEFT = ROOT / "sample_articles" / "turkey-peacekeeping.left.txt"
SAMPLE_RIGHT = ROOT / "sample_articles" / "turkey-peacekeeping.right.txt"

# Other benchmark modules that, when present, print their own figures after ours.
_EXTRA_MODULES = ("benchmarks.extraction", "benchmarks.app_speed")

# A fresh interpreter that compares the N=4000 pair and reports its peak
# memory in MiB. ru_maxrss is a high-water mark, so the figure before comparing
# is printed too: what the interpreter, the imports and the input text cost.
# On Linux the kernel carries the parent's high-water mark across vfork and
# exec into the child's ru_maxrss (a child of a 125 MB parent reported 125 MB
# before doing anything), so there the process's own VmHWM is read instead.
_RSS_SCRIPT = """
import resource, sys, time
from pathlib import Path
from benchmarks.synthetic import random_words_article, repeated_article, synthetic_pair
from tui.engine import compare_texts

def peak_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024

left, right = synthetic_pair(int(sys.argv[1]), Path(sys.argv[2]))
before = peak_mib()
start = time.perf_counter()
compare_texts(left, right)
seconds = time.perf_counter() - start
print(before, peak_mib(), seconds)
"""


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The best wall time of ``repeat`` calls, and the last result."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _line(
    label: str, figure: str, note: str = "", target: str = "", met: bool | None = None
) -> None:
    verdict = "" if met is None else ("  met" if met else "  MISSED")
    target_text = f"target {target}{verdict}" if target else ""
    print(f"  {label:<34} {figure:>12}  {note:<22} {target_text}".rstrip())


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"


def _body_texts(comparison: Comparison) -> tuple[list[str], list[str]]:
    return (
        [s.text for s in comparison.left.body],
        [s.text for s in comparison.right.body],
    )


def _peer(left: list[str], right: list[str], workers: int = 1) -> tuple[str, Callable[[], Any]]:
    """The naive peer: every left sentence scored against every right one.

    rapidfuzz's ``cdist`` needs numpy, which storydiff does not depend on.
    Without it the same scorer runs over the same pairs one row at a time with
    ``process.extract``; on 1000x1000 MRPC sentences that took 5.2 s against
    cdist's 4.3 s, so the ratio it gives flatters storydiff by about a fifth,
    and the label says so. ``workers=-1`` runs cdist on every core, as a user
    would.
    """
    from rapidfuzz import fuzz, process

    try:
        import numpy  # noqa: F401  # cdist returns a numpy matrix
    except ImportError:
        return "naive peer (extract per row)*", lambda: [
            process.extract(query, right, scorer=fuzz.token_sort_ratio, limit=None)
            for query in left
        ]
    cores = "every core" if workers == -1 else f"{workers} core"
    return f"naive peer (cdist, {cores})", lambda: process.cdist(
        left, right, scorer=fuzz.token_sort_ratio, workers=workers
    )


def _tokenizer() -> tuple[str, Callable[[list[str]], Any]] | None:
    """The matcher's tokeniser over a list of sentences, if it exposes one."""
    match = importlib.import_module("tui.engine._match")
    for name in ("tokenize_sentences", "tokenise_sentences"):
        batch = getattr(match, name, None)
        if callable(batch):
            return f"tokenise only ({name})", batch
    tokenize = getattr(match, "tokenize", None)
    alias_table = getattr(match, "alias_table", None)
    if callable(tokenize) and callable(alias_table):
        table = alias_table()
        return "tokenise only", lambda texts: [tokenize(text, table) for text in texts]
    return None


def _floor(
    text_left: str, text_right: str, comparison: Comparison
) -> tuple[str, Callable[[], Any]]:
    """The tokenise-only floor, or the segmenter alone when no tokeniser is exposed.

    No matcher can be faster than turning both articles' body sentences into
    tokens, so that time is the floor under ``compare_texts``.
    """
    left, right = _body_texts(comparison)
    found = _tokenizer()
    if found is not None:
        label, tokenize_all = found
        try:
            # The matcher is being reshaped: check the call still fits before timing it.
            tokenize_all(left[:3])
        except TypeError:
            pass
        else:
            return label, lambda: (tokenize_all(left), tokenize_all(right))
    from tui.engine._segment import segment

    return "segment only", lambda: (segment(text_left), segment(text_right))


def _synthetic(shared: Path, repeat: int) -> float:
    print("Synthetic pair, N=2000 (MRPC train, right side shuffled, seed 0)")
    left, right = synthetic_pair(2000, shared)
    t2000, comparison = _best(lambda: compare_texts(left, right), repeat)
    summary = comparison.summary()
    _line("compare_texts", _seconds(t2000), f"best of {repeat}", "<= 1.0 s", t2000 <= 1.0)
    print(
        f"    body sentences {summary.left_body} / {summary.right_body}, "
        f"links {summary.links}, shared {summary.left_shared} / {summary.right_shared}"
    )
    left_body, right_body = _body_texts(comparison)
    peer_label, peer = _peer(left_body, right_body)
    t_peer, _ = _best(peer, repeat)
    _line(peer_label, _seconds(t_peer), f"best of {repeat}, {len(left_body)}x{len(right_body)}")
    _line("peer / compare_texts", f"{t_peer / t2000:.1f}x", "", ">= 5x", t_peer / t2000 >= 5)
    all_label, all_cores = _peer(left_body, right_body, workers=-1)
    if all_label != peer_label:
        t_all, _ = _best(all_cores, repeat)
        _line(all_label, _seconds(t_all), f"best of {repeat}")
        ratio = t_all / t2000
        _line("peer on every core / compare_texts", f"{ratio:.1f}x", "", ">= 8x", ratio >= 8)
    else:
        print("    * numpy is not installed, so not cdist: about 20% slower than cdist")
    label, floor = _floor(left, right, comparison)
    t_floor, _ = _best(floor, repeat)
    _line(label, _seconds(t_floor), f"best of {repeat}, the floor")
    above = t2000 / t_floor
    _line("compare_texts / floor", f"{above:.1f}x", "", "<= 3x", above <= 3)
    print()
    return t2000


# A fresh interpreter that runs `storydiff compare --format json` on two files
# (output to /dev/null) and reports its wall time and peak memory in MiB.
_CLI_SCRIPT = """
import contextlib, io, os, sys, time
from tui.cli import main
start = time.perf_counter()
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    status = main(["compare", sys.argv[1], sys.argv[2], "--format", "json"])
seconds = time.perf_counter() - start
peak = 0.0
with open("/proc/self/status") as proc:
    for line in proc:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
print(status, seconds, peak)
"""


def _cli_run(left: str, right: str) -> tuple[float, float] | None:
    """Seconds and peak MiB of `compare --format json` on two texts, in a fresh process."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "left.txt", Path(folder) / "right.txt"]
        for path, text in zip(paths, (left, right), strict=True):
            path.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", _CLI_SCRIPT, *map(str, paths)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
    if done.returncode != 0 or not done.stdout.strip():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  compare failed: {last}")
        return None
    status, seconds, peak = done.stdout.split()
    if status != "0":
        print(f"  compare exited with {status}: {done.stderr.strip()[:200]}")
        return None
    return float(seconds), float(peak)


def _huge(shared: Path) -> None:
    """Two 4.5 MB articles (under the 5 MB limit), repeated and random, and how time grows."""
    print("Two 4.5 MB articles, `compare --format json` in a fresh process")
    makers = (
        ("repeated sentences", repeated_article),
        ("random dictionary words", random_words_article),
    )
    for label, make in makers:
        small = _cli_run(make(500_000, shared, 1), make(500_000, shared, 2))
        large = _cli_run(make(4_000_000, shared, 1), make(4_000_000, shared, 2))
        full = _cli_run(make(4_500_000, shared, 1), make(4_500_000, shared, 2))
        if full is not None:
            _line(f"{label}: time", _seconds(full[0]), "one run", "<= 6 s", full[0] <= 6)
            _line(f"{label}: peak RSS", f"{full[1]:.0f} MB", "", "<= 400 MB", full[1] <= 400)
        if small is not None and large is not None:
            growth = large[0] / small[0]
            _line(f"{label}: t(4 MB) / t(500 KB)", f"{growth:.1f}", "8.0 is linear")
    print()


def _large(shared: Path, repeat: int, t2000: float) -> None:
    print("Synthetic pair, N=4000")
    # The fresh process measures peak RSS and also times its comparison; that
    # run counts among the timed runs so that N=4000 costs `repeat` runs in all.
    done = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, "4000", str(shared)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    times: list[float] = []
    peak_line: tuple[str, str, str, str, bool] | None = None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  peak RSS: the fresh process failed ({last})")
    else:
        before, peak, seconds = (float(x) for x in done.stdout.split())
        times.append(seconds)
        peak_line = (
            "peak RSS, fresh process",
            f"{peak:.0f} MB",
            f"{before:.0f} MB before compare",
            "<= 250 MB",
            peak <= 250,
        )
    left, right = synthetic_pair(4000, shared)
    in_process = repeat - len(times)
    if in_process > 0:
        best, _ = _best(lambda: compare_texts(left, right), in_process)
        times.append(best)
    t4000 = min(times)
    _line("compare_texts", _seconds(t4000), f"best of {repeat}", "<= 3 s", t4000 <= 3)
    _line("t(4000) / t(2000)", f"{t4000 / t2000:.2f}", "2.0 is linear, 4.0 quadratic")
    if peak_line is not None:
        _line(*peak_line)
    print()


def _sample() -> None:
    print(f"Sample pair ({SAMPLE_LEFT.name}, {SAMPLE_RIGHT.name})")
    left = SAMPLE_LEFT.read_text(encoding="utf-8")
    right = SAMPLE_RIGHT.read_text(encoding="utf-8")
    compare_texts(left, right)  # warm: imports done, caches filled
    warm = _median(lambda: compare_texts(left, right), 20)
    _line("warm compare_texts", _seconds(warm), "median of 20", "<= 20 ms", warm <= 0.020)
    command = [sys.executable, "-m", "tui", "compare", str(SAMPLE_LEFT), str(SAMPLE_RIGHT)]
    command += ["--format", "json"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            last = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
            print(f"  cold compare: exit {done.returncode} ({last})")
            return
    cold = statistics.median(times)
    _line("cold `compare --format json`", _seconds(cold), "median of 5", "<= 0.4 s", cold <= 0.4)
    print()


def _extras(shared: Path) -> None:
    for name in _EXTRA_MODULES:
        if importlib.util.find_spec(name) is None:
            print(f"{name}: not present, skipped")
            continue
        module = importlib.import_module(name)
        entry = getattr(module, "main", None)
        if not callable(entry):
            print(f"{name}: has no main(), skipped")
            continue
        print(f"{name}:")
        sys.stdout.flush()
        # The modules own their argument parsing; they are handed the same
        # --shared this run was given, as if run on their own.
        takes_argv = bool(inspect.signature(entry).parameters)
        argv = ["--shared", str(shared)]
        try:
            status = entry(argv) if takes_argv else entry()
        except SystemExit as exc:
            status = exc.code
        except Exception as exc:  # one broken extra must not hide the figures above
            print(f"  {name} failed: {type(exc).__name__}: {exc}")
            continue
        if status not in (None, 0):
            print(f"  {name} exited with {status}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the engine's speed and memory figures beside their targets.

    Args:
        argv: Command-line arguments; ``sys.argv[1:]`` when ``None``.

    Returns:
        0, or 2 when the shared folder lacks the MRPC data.
    """
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description="Speed and memory figures (no assertions)."
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared folder with data/mrpc (default ../shared)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per synthetic timing; the best counts"
    )
    args = parser.parse_args(argv)
    mrpc = args.shared / "data" / "mrpc" / "msr_paraphrase_train.txt"
    if not mrpc.is_file():
        print(f"bench: {mrpc}: no such file (pass --shared)", file=sys.stderr)
        return 2
    if args.repeat < 1:
        print("bench: --repeat must be at least 1", file=sys.stderr)
        return 2
    print(
        f"storydiff benchmarks: Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; figures only, nothing asserted"
    )
    print()
    t2000 = _synthetic(args.shared, args.repeat)
    _large(args.shared, args.repeat, t2000)
    _huge(args.shared)
    _sample()
    _extras(args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
