"""The status line's words, long and compact, from one builder."""

from __future__ import annotations

import pytest

from tui.app.navigation import Navigator, Position
from tui.app.widgets.status_line import Realign, SearchState, status_content

from .conftest import handmade

COUNTS = (
    "left 2 shared, 2 only · right 3 shared, 2 only · lone quotes left 1, right 0 · "
    "sensitivity 0.50"
)
COMPACT_COUNTS = "shared/only L2/2 R3/2 · lone quotes L1 R0 · sens 0.50"


@pytest.mark.parametrize(
    ("selection", "search", "realign", "long", "compact"),
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
            Realign(0.55),
            f"re-aligning to 0.55: 0%… · {COUNTS}",
            f"re-aligning 0.55 0%… · {COMPACT_COUNTS}",
            id="re-aligning",
        ),
        pytest.param(
            None,
            None,
            Realign(0.55, 0.404),
            f"re-aligning to 0.55: 40%… · {COUNTS}",
            f"re-aligning 0.55 40%… · {COMPACT_COUNTS}",
            id="re-aligning-progress",
        ),
        pytest.param(
            None,
            None,
            Realign(0.45, 0.7, cancelled=True),
            f"re-align to 0.45 cancelled · {COUNTS}",
            f"re-align to 0.45 cancelled · {COMPACT_COUNTS}",
            id="re-align-cancelled",
        ),
    ],
)
def test_status_words(
    selection: Position | None,
    search: SearchState | None,
    realign: Realign | None,
    long: str,
    compact: str,
) -> None:
    navigator = Navigator(handmade(), furniture=True)
    assert status_content(navigator, selection, search, realign).plain == long
    assert status_content(navigator, selection, search, realign, compact=True).plain == compact


def test_a_sentence_count_reads_against_its_own_columns_total() -> None:
    """From either column, "shared k of n" and that column's "n shared" are the same n."""
    navigator = Navigator(handmade())
    for side in ("left", "right"):
        shared = navigator.shared(side)  # type: ignore[arg-type]
        for k, sentence in enumerate(shared, start=1):
            text = status_content(navigator, Position(side, sentence)).plain  # type: ignore[arg-type]
            assert f"{side}: shared {k} of {len(shared)}" in text
            assert f"{side} {len(shared)} shared" in text
