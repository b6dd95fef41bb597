"""The status line's words, long and compact, from one builder."""

from __future__ import annotations

import pytest

from tui.app.navigation import Navigator, Position
from tui.app.widgets.status_line import SearchState, status_content

from .conftest import handmade

COUNTS = (
    "left 2 shared, 2 only · right 3 shared, 2 only · lone quotes left 1, right 0 · "
    "sensitivity 0.50"
)
COMPACT_COUNTS = "shared/only L2/2 R3/2 · lone quotes L1 R0 · sens 0.50"


@pytest.mark.parametrize(
    ("selection", "search", "pending", "long", "compact"),
    [
        pytest.param(None, None, None, COUNTS, COMPACT_COUNTS, id="nothing-selected"),
        pytest.param(
            Position("left", 2),
            None,
            None,
            f"left: shared 1 of 2 · {COUNTS}",
            f"L shared 1/2 · {COMPACT_COUNTS}",
            id="shared",
        ),
        pytest.param(
            Position("right", 2),
            None,
            None,
            f"right: only here · {COUNTS}",
            f"R only here · {COMPACT_COUNTS}",
            id="only-here",
        ),
        pytest.param(
            Position("left", 0),
            None,
            None,
            f"left: title · {COUNTS}",
            f"L title · {COMPACT_COUNTS}",
            id="title",
        ),
        pytest.param(
            None,
            SearchState("harbour", 3, 1),
            None,
            f"search “harbour” 2 of 3 · {COUNTS}",
            f"/harbour 2/3 · {COMPACT_COUNTS}",
            id="search",
        ),
        pytest.param(
            None,
            SearchState("nowhere", 0, None),
            None,
            f"search “nowhere” no match · {COUNTS}",
            f"/nowhere - · {COMPACT_COUNTS}",
            id="search-no-match",
        ),
        pytest.param(
            None,
            None,
            0.55,
            f"{COUNTS} → 0.55 re-aligning…",
            f"{COMPACT_COUNTS}→0.55…",
            id="re-aligning",
        ),
    ],
)
def test_status_words(
    selection: Position | None,
    search: SearchState | None,
    pending: float | None,
    long: str,
    compact: str,
) -> None:
    navigator = Navigator(handmade(), furniture=True)
    assert status_content(navigator, selection, search, pending).plain == long
    assert status_content(navigator, selection, search, pending, compact=True).plain == compact


def test_a_sentence_count_reads_against_its_own_columns_total() -> None:
    """From either column, "shared k of n" and that column's "n shared" are the same n."""
    navigator = Navigator(handmade())
    for side in ("left", "right"):
        shared = navigator.shared(side)  # type: ignore[arg-type]
        for k, sentence in enumerate(shared, start=1):
            text = status_content(navigator, Position(side, sentence)).plain  # type: ignore[arg-type]
            assert f"{side}: shared {k} of {len(shared)}" in text
            assert f"{side} {len(shared)} shared" in text
