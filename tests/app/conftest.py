"""Fixtures for the app's pilot and snapshot tests.

Two kinds of input: the sample pair through the real engine (whose tuning
changes, so tests compute expectations from the Comparison), and small
comparisons built by hand (``handmade``) where the right answer is fixed:
which sentence links to which, which quote is only on one side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

from tui.app.screens.main import Recompare
from tui.engine import (
    Article,
    Comparison,
    Conflict,
    Link,
    Progress,
    Quote,
    Sentence,
    compare_files,
)

# (text, kind); kind defaults to body.
Para = Sequence[str | tuple[str, str]]


def build_article(
    paragraphs: Sequence[Para],
    *,
    source: str,
    title: str | None,
    quotes: Iterable[tuple[int, str, str | None, str]] = (),
) -> Article:
    """An Article whose sentence ids run in reading order over ``paragraphs``.

    ``quotes`` are (sentence id, quoted words, speaker, status); the words
    must appear in that sentence.
    """
    text = ""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        if text:
            text += "\n\n"
        for index, item in enumerate(paragraph):
            body, kind = (item, "body") if isinstance(item, str) else item
            if index:
                text += " "
            start = len(text)
            text += body
            sentences.append(Sentence(len(sentences), start, len(text), kind, number, body))  # type: ignore[arg-type]
    found: list[Quote] = []
    for sentence_id, words, speaker, status in quotes:
        sentence = sentences[sentence_id]
        start = sentence.start + sentence.text.index(words)
        found.append(Quote(sentence_id, start, start + len(words), words, speaker, status))  # type: ignore[arg-type]
    return Article(source, title, None, text + "\n", tuple(sentences), tuple(found))


def handmade(sensitivity: float = 0.5) -> Comparison:
    """A small comparison with every category and a one-to-many link.

    Left (ids): 0 title, 1 furniture | 2 shared strong with right 1 and 3,
    3 only here | 4 quote only here, 5 shared partial with right 4 (conflict).
    Right: 0 title | 1, 2 only here, 3 | 4 with a shared quote, 5 only here.
    """
    left = build_article(
        [
            [("Harbour reopens after storm", "title")],
            [("Share this article", "furniture")],
            [
                "The harbour reopened on Monday after a three-day closure.",
                "Fishermen lost a week of catch.",
            ],
            [
                '"We will rebuild the pier," the mayor said.',
                "Repairs will cost three million dollars, officials said.",
            ],
        ],
        source="/home/reader/news/gazette.txt",
        title="Harbour reopens after storm",
        quotes=[(4, "We will rebuild the pier,", "the mayor", "only-here")],
    )
    right = build_article(
        [
            [("Port back in business", "title")],
            [
                "The port opened again on Monday.",
                "Tourists cancelled their bookings.",
                "It had been closed for three days by the storm.",
            ],
            [
                'Officials put the repairs at four million dollars, saying "the damage is severe".',
                "The ferry timetable is unchanged.",
            ],
        ],
        source="/home/reader/news/courier.txt",
        title="Port back in business",
        quotes=[(4, "the damage is severe", "Officials", "shared")],
    )
    links = (
        Link(2, 1, 0.9, "strong", (), ("harbour", "monday")),
        Link(2, 3, 0.7, "strong", (), ("three", "closure")),
        Link(
            5,
            4,
            0.45,
            "partial",
            (Conflict("three million", "four million", "number"),),
            ("repairs", "dollars"),
        ),
    )
    return Comparison(left, right, links, sensitivity)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every app test's bookmarks in its own folder, never the user's."""
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(name="build_article")
def _build_article() -> Callable[..., Article]:
    """The :func:`build_article` helper, for tests that need their own articles."""
    return build_article


@pytest.fixture
def make_handmade() -> Recompare:
    """The factory of the hand-built comparison, usable as an app's ``recompare``."""

    def recompare(sensitivity: float, *, progress: Progress | None = None) -> Comparison:
        return handmade(sensitivity)

    return recompare


@pytest.fixture
def hostile_pair() -> tuple[str, str]:
    """Two article texts full of markup, escape sequences and invisible characters."""
    return HOSTILE_LEFT, HOSTILE_RIGHT


@pytest.fixture
def handmade_comparison() -> Comparison:
    """The hand-built comparison (see :func:`handmade`)."""
    return handmade()


@pytest.fixture(scope="session")
def sample_comparison() -> Comparison:
    """The sample pair through the engine as it is today."""
    root = Path(__file__).resolve().parents[2] / "sample_articles"
    return compare_files(
        root / "turkey-peacekeeping.left.txt", root / "turkey-peacekeeping.right.txt"
    )


HOSTILE_LEFT = (
    "Markup [bold]test[/] in the news\n\n"
    "Click [@click=app.quit]x[/] now, or visit [link=http://x]y[/link] today. "
    "Colour \x1b[31mred\x1b[0m text and a carriage\rreturn here. "
    "Zero\u200bwidth and bidi \u202eoverride\u202c inside.\n"
)
HOSTILE_RIGHT = (
    "A calm title\n\n"
    "Click [@click=app.quit]x[/] now, or visit [link=http://x]y[/link] today. "
    "Nothing else happened.\n"
)
