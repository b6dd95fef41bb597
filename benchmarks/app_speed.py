"""Speed figures for the reading app, printed beside their targets (never asserted).

Run with ``python -m benchmarks.app_speed --shared ../shared``; ``make bench``
calls :func:`main` after the engine's figures.

- cold start: a fresh process, from its launch to the first frame in which
  both columns' titles are on screen (headless, 120x40), sample pair;
- the 2,000-sentence synthetic pair: the engine's comparison, then the app's
  open time (mount to first full frame);
- a key press (n, j, enter) on that pair: press to repainted frame, median;
- two 4.5 MB articles (repeated sentences, random words) opened as `storydiff LEFT
  RIGHT` opens them: the first frame, the first frame with the comparison's
  progress and the reading screen, against the engine alone (what the reader
  waited for with no sign of life before the app opened at once); then ``j``
  while a re-alignment runs, against ``j`` with none, and how soon escape stops it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.synthetic import random_words_article, repeated_article, synthetic_pair

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LEFT = ROOT / "sample_articles" / "turkey-peacekeeping.left.txt"
SAMPLE_RIGHT = ROOT / "sample_articles" / "turkey-peacekeeping.right.txt"
SIZE = (120, 40)

# A fresh interpreter that opens the app headless on the sample pair and, once
# a frame with both titles has been composed, prints the wall-clock time and exits.
_COLD_SCRIPT = """
import sys, time
from pathlib import Path
from tui.engine import compare_files
from tui.app import app as app_module

class Timed(app_module.StorydiffApp):
    # A class defined in -c has no file to resolve a relative CSS_PATH against.
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def on_ready(self):
        # on_ready runs once the first frame has reached the (headless) screen.
        titles = [str(self.screen.query_one(f"#{s}-title").content) for s in ("left", "right")]
        if all(titles):
            print(time.time(), flush=True)
        self.exit()

comparison = compare_files(sys.argv[1], sys.argv[2])
Timed(comparison).run(headless=True, size=(120, 40))
"""


# The naive peer: a bare Textual app with one line of text, started and timed the same
# way. Textual's own start-up and frame cost is the floor under any app built on it.
_PEER_SCRIPT = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("left title   right title")

    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""


def _line(
    label: str, value: str, detail: str = "", target: str = "", ok: bool | None = None
) -> None:
    verdict = "" if ok is None else ("  ok" if ok else "  OVER")
    print(f"  {label:<46} {value:>10}  {detail:<28} {target}{verdict}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def cold_start(runs: int = 5, script: str = _COLD_SCRIPT) -> float | None:
    """Median seconds from process launch to the first frame with both titles."""
    times: list[float] = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-c", script, str(SAMPLE_LEFT), str(SAMPLE_RIGHT)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not done.stdout.strip():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"  cold start failed: {last}")
            return None
        times.append(float(done.stdout.split()[0]) - start)
    return statistics.median(times)


async def _peer_press(presses: int) -> float:
    """Median press-to-frame time of a bare Textual app whose key changes one line."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App[None]):
        BINDINGS = [("j", "step", "Step")]  # noqa: RUF012
        count = 0

        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("0", id="line")

        def action_step(self) -> None:
            self.count += 1
            self.query_one("#line", Static).update(str(self.count))

    app = Bare()
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(presses):
            began = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.perf_counter() - began)
    return statistics.median(times)


async def _open_and_press(comparison: object, presses: int) -> tuple[float, dict[str, float]]:
    from tui.app.app import StorydiffApp

    app = StorydiffApp(comparison)  # type: ignore[arg-type]
    start = time.perf_counter()
    medians: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - start
        for key in ("n", "j", "enter"):
            times: list[float] = []
            for _ in range(presses):
                began = time.perf_counter()
                await pilot.press(key)
                # Wait for the refresh the key caused to be composed and written.
                await pilot.pause()
                times.append(time.perf_counter() - began)
            medians[key] = statistics.median(times)
        medians.update(_direct(app, presses))
    return opened, medians


def _direct(app: object, presses: int) -> dict[str, float]:
    """The app's own cost per key: the action, then every visible line of both columns.

    The pilot's press-to-frame time includes Textual's event loop waits (the
    bare peer shows that floor); this times only the work the key causes,
    with every line repainted (more than a real key press redraws).
    """
    from tui.app.widgets.article_view import ArticleView

    screen = app.screen  # type: ignore[attr-defined]
    views = list(screen.query(ArticleView))
    actions = {"n": "next_shared", "j": "move", "enter": "counterpart"}
    found: dict[str, float] = {}
    for key, action in actions.items():
        times: list[float] = []
        for _ in range(presses):
            began = time.perf_counter()
            method = getattr(screen, f"action_{action}")
            method(1) if action == "move" else method()
            for view in views:
                view._strips.clear()  # no cache: the worst case
                for y in range(view.size.height):
                    view.render_line(y)
            times.append(time.perf_counter() - began)
        found[f"{key} (action + full repaint, direct)"] = statistics.median(times)
    return found


#: The long articles' length in characters: under the 5 MB input limit, as in bench.py.
LONG = 4_500_000


class _Frames:
    """When each frame was composed for the terminal, and what it showed then.

    Frames are caught where Textual hands a composed update to the terminal
    (``App._display``; headless, nothing is written after it). Times come from
    these, not from the pilot's ``pause``, which waits for the whole process to
    idle: up to a second per call while a comparison keeps a core busy.
    """

    def __init__(self, app: Any, probe: Callable[[], Any]) -> None:
        self.seen: list[tuple[float, Any]] = []
        display = app._display

        def recorded(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.seen.append((time.perf_counter(), probe()))

        app._display = recorded

    async def first(self, shows: Callable[[Any], bool], after: float, limit: float = 600) -> float:
        """The time of the first frame after ``after`` for which ``shows(probe)``."""
        deadline = time.monotonic() + limit
        checked = 0
        while time.monotonic() < deadline:
            for when, state in self.seen[checked:]:
                if when >= after and shows(state):
                    return when
            checked = len(self.seen)
            await asyncio.sleep(0.001)
        raise TimeoutError("no such frame")


async def _key_to_frame(app: Any, frames: _Frames, key: str) -> float:
    """Seconds from a key event reaching the app to the first frame with the selection moved."""
    from textual import events

    before = frames.seen[-1][1] if frames.seen else None
    began = time.perf_counter()
    app.post_message(events.Key(key, key))
    shown = await frames.first(lambda state: state != before, after=began)
    return shown - began


async def _long_pair(left: Path, right: Path, presses: int) -> dict[str, float | int]:
    """Open a long pair in the app as the command does, then press j while it re-aligns."""
    from textual import events

    from tui.app.app import StorydiffApp
    from tui.app.loading import Opening
    from tui.app.screens.main import MainScreen
    from tui.cli import compare_loaded
    from tui.engine import Cancelled, Comparison, Progress
    from tui.sources import Loaded, load_documents

    specs = (str(left), str(right))

    def load(progress: Callable[[str, str], None]) -> Sequence[Loaded]:
        return load_documents(specs, progress=progress)

    compared: list[float] = []

    def compare(loaded: Sequence[Loaded], progress: Progress) -> Comparison:
        comparison = compare_loaded(loaded, sensitivity=0.5, progress=progress)
        compared.append(time.perf_counter())
        return comparison

    def probe() -> tuple[str, object]:
        """What a frame shows: the opening's stage, or the reading screen's selection."""
        screen = app.screen
        if isinstance(screen, MainScreen):
            return ("reading", screen.selection)
        found = screen.query("#stage")
        return ("opening", str(found.first().render()) if found else "")

    found: dict[str, float | int] = {}
    start = time.perf_counter()
    app = StorydiffApp(Opening(specs, load, compare))
    frames = _Frames(app, probe)
    async with app.run_test(size=SIZE):
        first = await frames.first(lambda state: True, after=start)
        found["first frame"] = first - start
        progress = await frames.first(lambda state: ":" in str(state[1]), after=start)
        found["first frame with the comparison's progress"] = progress - start
        reading = await frames.first(
            lambda state: state[0] == "reading" and state[1] is not None, after=start
        )
        found["reading screen's first frame"] = reading - start
        laying_out = await frames.first(lambda state: "Laying out" in str(state[1]), after=start)
        found["  comparison done to a frame saying 'Laying out'"] = laying_out - compared[0]
        found["  comparison done to the reading screen's frame"] = reading - compared[0]
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await asyncio.sleep(0.5)
        idle = []
        for _ in range(presses):
            idle.append(await _key_to_frame(app, frames, "j"))
            await asyncio.sleep(0.05)

        stopped: list[float] = []
        recompare = screen.recompare

        def timed(sensitivity: float, *, progress: Progress | None = None) -> Comparison:
            try:
                return recompare(sensitivity, progress=progress)
            except Cancelled:
                stopped.append(time.perf_counter())
                raise

        screen.recompare = timed

        def realigning() -> bool:
            return screen.realign is not None and not screen.realign.cancelled

        app.post_message(events.Key("plus", "+"))
        await frames.first(lambda state: True, after=time.perf_counter())
        busy = []
        while realigning() and len(busy) < presses:
            await asyncio.sleep(0.1)
            if realigning():
                busy.append(await _key_to_frame(app, frames, "j"))
        if realigning():
            began = time.perf_counter()
            app.post_message(events.Key("escape", None))
            while not stopped and time.monotonic() - began < 60:
                await asyncio.sleep(0.001)
            if stopped:
                found["escape to the engine stopped"] = stopped[0] - began
        found["j, no re-alignment (median)"] = statistics.median(idle)
        if busy:
            found["j, while re-aligning (median)"] = statistics.median(busy)
            found["j, while re-aligning (max)"] = max(busy)
        found["presses while re-aligning"] = len(busy)
        app.exit()
    return found


def long_pairs(shared: Path, presses: int) -> None:
    """Print the long pairs' figures (see the module's docstring)."""
    from tui.engine import compare_texts

    print("Two 4.5 MB articles in the app (`storydiff LEFT RIGHT`, headless, 120x40)")
    for label, make in (
        ("repeated sentences", repeated_article),
        ("random dictionary words", random_words_article),
    ):
        left_text, right_text = make(LONG, shared, 1), make(LONG, shared, 2)
        began = time.perf_counter()
        compare_texts(left_text, right_text)
        engine = time.perf_counter() - began
        with tempfile.TemporaryDirectory() as folder:
            left, right = Path(folder) / "left.txt", Path(folder) / "right.txt"
            left.write_text(left_text, encoding="utf-8")
            right.write_text(right_text, encoding="utf-8")
            found = asyncio.run(_long_pair(left, right, presses))
        _line(f"{label}: engine alone (no sign of life before)", _ms(engine), "one run")
        for key, value in found.items():
            if isinstance(value, int):
                _line(f"{label}: {key}", str(value))
            elif key.startswith("j,"):
                _line(f"{label}: {key}", _ms(value), "key event to frame")
            else:
                _line(f"{label}: {key}", _ms(value), "one run")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the app's speed figures.

    Args:
        argv: ``--shared DIR`` (the folder holding data/mrpc), ``--presses N``.

    Returns:
        0 (figures only; nothing is asserted).
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app_speed")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument(
        "--long-only", action="store_true", help="only the two 4.5 MB pairs in the app"
    )
    args = parser.parse_args(argv)
    if args.long_only:
        long_pairs(args.shared, args.presses)
        return 0

    print("Reading app (headless, 120x40)")
    cold = cold_start()
    peer_cold = cold_start(script=_PEER_SCRIPT)
    if peer_cold is not None:
        _line("peer: bare Textual app, first frame", _ms(peer_cold), "median of 5")
    if cold is not None:
        _line(
            "cold start to first full paint",
            _ms(cold),
            "sample pair, median of 5",
            "<= 800 ms",
            cold <= 0.8,
        )

    from tui.engine import compare_texts

    left, right = synthetic_pair(2000, args.shared)
    began = time.perf_counter()
    comparison = compare_texts(left, right)
    engine = time.perf_counter() - began
    opened, medians = asyncio.run(_open_and_press(comparison, args.presses))
    _line("N=2000: engine compare_texts", _ms(engine), "one run")
    _line("N=2000: app open to first frame", _ms(opened), "one run")
    total = engine + opened
    _line("N=2000: compare + open", _ms(total), "", "<= 2500 ms", total <= 2.5)
    peer = asyncio.run(_peer_press(args.presses))
    _line("peer: bare Textual app, key to frame", _ms(peer), f"median of {args.presses}")
    for key, median in medians.items():
        if "direct" in key:
            _line(
                f"N=2000: {key}",
                _ms(median),
                f"median of {args.presses}",
                "<= 30 ms",
                median <= 0.030,
            )
            continue
        _line(
            f"N=2000: key {key!r} to repainted frame",
            _ms(median),
            f"median of {args.presses}, pilot",
            "<= 30 ms",
            median <= 0.030,
        )
        _line(f"  ratio to the peer ({key!r})", f"{median / peer:.1f}x")
    long_pairs(args.shared, args.presses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
