"""Report fixtures: the sample pair with stable sources, a hostile article, fixed bookmarks.

Golden files live in ``tests/report/golden/``. They follow the engine, whose
matching is still being tuned; after a deliberate engine change regenerate them
and review the diff:

    STORYDIFF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tui.engine import Comparison, Document, compare_documents
from tui.store import DATA_DIR_ENV, Bookmark

GOLDEN = Path(__file__).resolve().parent / "golden"

HOSTILE_LINES = (
    "# Not a heading",
    "| cell | injection |",
    "<script>alert('x')</script>",
    "[click me](javascript:alert(1))",
    "![tracker](http://evil.example/pixel.png)",
    '<img src=x onerror="alert(1)">',
    "**not bold** and _not italic_ and `not code`",
    "1. not a list",
    "> not a quote",
    "&lt;entity&gt; and \\ backslash",
    "[bold]rich markup[/bold] and \x1b[31mred\x1b[0m and a\rreturn",
)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No report test may read or write the user's real bookmarks."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env-data"))


@pytest.fixture
def sample_comparison(sample_paths: tuple[Path, Path]) -> Comparison:
    """The sample pair, with sources that do not depend on where the checkout is."""
    left, right = (
        Document(path.read_text(encoding="utf-8"), source=path.name) for path in sample_paths
    )
    return compare_documents(left, right)


@pytest.fixture
def hostile_comparison() -> Comparison:
    """An article whose every sentence tries to inject Markdown, HTML or terminal codes."""
    body = "\n\n".join(
        f"{line} The ministers met in Geneva on Monday to discuss the ceasefire number {n}."
        for n, line in enumerate(HOSTILE_LINES)
    )
    left = Document("# <b>Hostile</b> | title [x](javascript:1)\n\n" + body, source="<evil>.txt")
    right = Document(
        "Ministers met in Geneva on Monday to discuss the ceasefire, "
        'said "<b>Bob</b> | [x](y)".\n\n'
        "Nothing else happened.",
        source="right.txt",
        outlet="**Outlet** <i>",
    )
    return compare_documents(left, right, sensitivity=0.8)


@pytest.fixture
def hostile_lines() -> tuple[str, ...]:
    """The injection attempts the hostile article is made of."""
    return HOSTILE_LINES


def fixed_bookmarks(comparison: Comparison) -> list[Bookmark]:
    """Bookmarks with fixed times: one sentence, one link (if any), one detached."""
    first = comparison.left.body[0]
    marks = [
        Bookmark(
            1,
            "sentence",
            "left",
            first.id,
            first.text,
            None,
            None,
            "a *note* with <html> | pipes",
            "2025-03-07T10:00:00Z",
            "2025-03-07T10:00:00Z",
        ),
        Bookmark(
            3,
            "sentence",
            "right",
            99,
            "A sentence that is no longer there.",
            None,
            None,
            "detached but kept",
            "2025-03-07T10:02:00Z",
            "2025-03-07T10:02:00Z",
        ),
    ]
    if comparison.links:
        link = comparison.links[0]
        marks.insert(
            1,
            Bookmark(
                2,
                "link",
                "left",
                link.left,
                comparison.left.sentences[link.left].text,
                link.right,
                comparison.right.sentences[link.right].text,
                "",
                "2025-03-07T10:01:00Z",
                "2025-03-07T10:01:00Z",
            ),
        )
    return marks


@pytest.fixture
def bookmarks_for():  # type: ignore[no-untyped-def]
    """The :func:`fixed_bookmarks` builder, as a fixture."""
    return fixed_bookmarks


def check_golden(name: str, text: str, *, update: bool = False) -> None:
    """Compare ``text`` with ``golden/name``, or rewrite the file when ``update``."""
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"missing {path}; run STORYDIFF_UPDATE_GOLDEN=1 pytest tests/report"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from the golden file; if the engine changed on purpose, run "
        "STORYDIFF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report and review the diff"
    )


@pytest.fixture
def golden(update_golden: bool):  # type: ignore[no-untyped-def]
    """The :func:`check_golden` checker, as a fixture (``STORYDIFF_UPDATE_GOLDEN=1`` rewrites)."""
    return functools.partial(check_golden, update=update_golden)
