"""Progress reports from a comparison, and stopping one from its report."""

from __future__ import annotations

import pytest

from tui.engine import Cancelled, compare_texts

ARTICLE = " ".join(
    f"Sentence number {n} reports that the council met on day {n} to discuss item {n}."
    for n in range(12_000)
)


def test_reports_climb_from_zero_to_one_through_named_stages() -> None:
    seen: list[tuple[str, float]] = []
    compare_texts(ARTICLE, ARTICLE, progress=lambda stage, done: seen.append((stage, done)))
    fractions = [done for _, done in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions), "progress never goes back"
    stages = [stage for stage, _ in seen]
    for expected in ("reading the left article", "matching sentences", "linking sentences"):
        assert expected in stages
    # Inside the long stages the reports come while the work goes on, not only at its ends.
    assert sum(stage == "linking sentences" for stage in stages) > 1


def test_an_exception_from_the_report_stops_the_comparison() -> None:
    calls: list[str] = []

    def stop_when_matching(stage: str, done: float) -> None:
        calls.append(stage)
        if stage == "matching sentences":
            raise Cancelled

    with pytest.raises(Cancelled):
        compare_texts(ARTICLE, ARTICLE, progress=stop_when_matching)
    assert calls[-1] == "matching sentences"
    assert "linking sentences" not in calls


def test_without_a_report_the_result_is_the_same() -> None:
    left = "The council met on Monday. It approved the budget."
    right = "On Monday the council met and approved a budget."
    quiet = compare_texts(left, right)
    watched = compare_texts(left, right, progress=lambda stage, done: None)
    assert quiet.to_dict() == watched.to_dict()


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_left_as_it_was(collecting: bool) -> None:
    import gc

    (gc.enable if collecting else gc.disable)()
    try:
        comparison = compare_texts("The council met.", "The council met on Monday.")
        assert gc.isenabled() is collecting
        comparison.to_dict(include_text=True)
        assert gc.isenabled() is collecting
        with pytest.raises(Cancelled):
            compare_texts("a b c.", "a b c.", progress=lambda stage, done: _raise(Cancelled()))
        assert gc.isenabled() is collecting
    finally:
        gc.enable()


def _raise(exc: Exception) -> None:
    raise exc
