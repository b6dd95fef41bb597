"""Store fixtures: every test gets its own data directory, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine import Comparison, Document, compare_documents
from tui.store import DATA_DIR_ENV

LEFT = (
    "Ministers agreed a ceasefire on Monday after three days of talks in Geneva.\n\n"
    "The agreement covers the northern border region and starts at midnight.\n\n"
    "Aid convoys will be allowed through two crossings, officials said.\n\n"
    "The opposition called the deal a betrayal of the displaced families.\n"
)
RIGHT = (
    "A ceasefire was agreed by ministers on Monday following three days of talks in Geneva.\n\n"
    "Observers from four countries will monitor the northern border region.\n\n"
    "Aid convoys will be allowed through two crossings, according to officials.\n"
)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point STORYDIFF_DATA_DIR at a fresh folder so no test touches real user data."""
    folder = tmp_path / "env-data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


class Kit:
    """Small hand-made articles and helpers, as a fixture (tests cannot import conftest)."""

    LEFT = LEFT
    RIGHT = RIGHT

    @staticmethod
    def compare(*args: str, **kwargs: object) -> Comparison:
        return make_comparison(*args, **kwargs)  # type: ignore[arg-type]

    @staticmethod
    def body_id(comparison: Comparison, side: str, starts_with: str) -> int:
        return body_id(comparison, side, starts_with)


@pytest.fixture
def kit() -> type[Kit]:
    """The small articles and helpers."""
    return Kit


def make_comparison(
    left: str = LEFT,
    right: str = RIGHT,
    *,
    left_source: str = "left.txt",
    right_source: str = "right.txt",
    sensitivity: float = 0.5,
) -> Comparison:
    """Compare two small texts given their (display) sources."""
    return compare_documents(
        Document(left, source=left_source),
        Document(right, source=right_source),
        sensitivity=sensitivity,
    )


def body_id(comparison: Comparison, side: str, starts_with: str) -> int:
    """The id of the body sentence on ``side`` that starts with the given words."""
    article = comparison.left if side == "left" else comparison.right
    found = [s.id for s in article.sentences if s.text.startswith(starts_with)]
    assert len(found) == 1, f"expected one sentence starting {starts_with!r}, found {found}"
    return found[0]
