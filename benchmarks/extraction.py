"""Extraction time per web page, beside a naive peer, and what the web libraries cost to import.

Run with ``python -m benchmarks.extraction`` (``make bench`` runs it after the
engine's figures). It prints figures and never asserts. Each time is the
median of several runs after one warm-up; the naive peer (parse the page with
lxml and take all its visible text) is timed in the same run, so the ratio
holds even when the machine is busy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "sources" / "fixtures"
# Pages expected to be refused (paywall, script-only): timed up to the refusal.
_REFUSED = {"paywall.html", "script-only.html"}


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: lazy imports and caches are not what is measured
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _long_page() -> bytes:
    """The gazette page with its body repeated 40 times: a long-read's size."""
    page = (FIXTURES / "gazette.html").read_text(encoding="utf-8")
    start = page.index('<div class="story-body">') + len('<div class="story-body">')
    end = page.index("</div>", start)
    return (page[:start] + page[start:end] * 40 + page[end:]).encode("utf-8")


def _pages() -> list[tuple[str, bytes]]:
    pages = [(path.name, path.read_bytes()) for path in sorted(FIXTURES.glob("*.html"))]
    pages.append(("gazette x40 (synthetic long read)", _long_page()))
    return pages


def _import_ms(module: str, repeat: int = 3) -> float:
    """Best wall time of a fresh interpreter importing ``module``, less a bare start."""

    def fresh(code: str) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            best = min(best, time.perf_counter() - start)
        return best

    return (fresh(f"import {module}") - fresh("pass")) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    """Print extraction time per fixture page, and import costs.

    Args:
        argv: Command-line arguments; ``--repeat N`` sets the runs per page.
            ``--shared`` is accepted (and unused) so ``make bench`` can pass it.

    Returns:
        The exit code, 0.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--repeat", type=int, default=15, help="runs per page (default 15)")
    parser.add_argument("--shared", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from lxml import html as lxml_html

    from tui.engine import InputError
    from tui.sources.html import decode_html, extract_article

    def naive(text: str) -> str:
        tree = lxml_html.document_fromstring(text)
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        return " ".join(tree.body.text_content().split()) if tree.body is not None else ""

    print(f"extraction, median of {args.repeat} runs per page (ms):")
    header = (
        f"  {'page':<36} {'KB':>6} {'decode':>7} {'extract':>8} {'naive':>7} {'ratio':>6}  words"
    )
    print(header)
    for name, data in _pages():
        text, _encoding, _warning = decode_html(data, name=name)

        def extract(text: str = text, name: str = name) -> object:
            try:
                return extract_article(text, source=name)
            except InputError as exc:
                return exc

        decode_ms = _median_ms(
            lambda data=data, name=name: decode_html(data, name=name), args.repeat
        )
        extract_ms = _median_ms(extract, args.repeat)
        naive_ms = _median_ms(lambda text=text: naive(text), args.repeat)
        result = extract()
        words = "refused" if isinstance(result, InputError) else len(result.text.split())  # type: ignore[attr-defined]
        expected = " (expected)" if name in _REFUSED and words == "refused" else ""
        print(
            f"  {name:<36} {len(data) / 1024:>6.1f} {decode_ms:>7.2f} {extract_ms:>8.2f} "
            f"{naive_ms:>7.2f} {extract_ms / naive_ms:>5.1f}x  {words}{expected}"
        )
    print("one-time import cost in a fresh interpreter (best of 3, ms):")
    for module in ("tui.cli", "tui.sources", "trafilatura", "urllib3"):
        print(f"  {module:<36} {_import_ms(module):>7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
