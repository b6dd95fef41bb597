"""Speakers in the reports: the name with the words as written, and for a shared
quote who each outlet says said it. The articles are invented for the test."""

from __future__ import annotations

import html as html_lib

import pytest

from tui.engine import Comparison, compare_texts
from tui.report.html import render_html
from tui.report.markdown import render_markdown
from tui.report.text import build_text_report

LEFT = (
    "Harbour plan\n\n"
    "Ann Lowe, the harbour master, spoke to the council on Monday.\n\n"
    "“We will rebuild the harbour,” she said.\n"
)
RIGHT = (
    "Harbour news\n\n"
    "Iowa Gov. Ray Tan spoke to the council on Monday.\n\n"
    "“We will rebuild the harbour,” the governor said.\n"
)


@pytest.fixture
def comparison() -> Comparison:
    found = compare_texts(LEFT, RIGHT)
    (left,) = found.left.quotes
    (right,) = found.right.quotes
    assert (left.who, right.who) == ("Ann Lowe (she)", "Ray Tan (the governor)")
    assert (left.status, right.status) == ("shared", "shared")
    return found


def test_markdown_names_each_outlets_speaker(comparison: Comparison) -> None:
    report = render_markdown(comparison)
    assert "— Ann Lowe (she) (shared; right: Ray Tan (the governor))" in report
    assert "— Ray Tan (the governor) (shared; left: Ann Lowe (she))" in report
    assert "**Conflict** (speaker): left “Ann Lowe”, right “Ray Tan”" in report


def test_text_report_names_each_outlets_speaker(comparison: Comparison) -> None:
    lines = [line.plain for line in build_text_report(comparison)]
    assert any(line.endswith("— Ann Lowe (she) (right: Ray Tan (the governor))") for line in lines)
    assert any("≠ speaker: Ann Lowe / Ray Tan" in line for line in lines)


def test_html_names_each_outlets_speaker(comparison: Comparison) -> None:
    page = html_lib.unescape(render_html(comparison))
    assert "said by Ann Lowe (she); right: Ray Tan (the governor), shared" in page
    assert "said by Ray Tan (the governor); left: Ann Lowe (she), shared" in page
