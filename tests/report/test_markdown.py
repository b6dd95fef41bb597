"""The Markdown report: golden output for the sample pair, and no injection."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from tui.report.markdown import escape, render_markdown


def _html(markdown: str) -> str:
    """Render as GitHub-like Markdown (CommonMark plus tables) would."""
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_sample_pair_matches_golden(sample_comparison, bookmarks_for, golden) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(sample_comparison, bookmarks_for(sample_comparison))
    golden("sample.md", report)


def test_report_has_every_section_and_count(sample_comparison) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(sample_comparison)
    s = sample_comparison.summary()
    for heading in (
        "## Shared facts",
        "## Only in the left article",
        "## Only in the right article",
        "## Quotes",
    ):
        assert heading in report
    assert "## Bookmarks" not in report
    assert f"| Body sentences | {s.left_body} | {s.right_body} |" in report
    assert f"| Only here | {s.left_only} | {s.right_only} |" in report
    assert report.count("link** (score") == s.links
    only_left = report.split("## Only in the left article")[1].split("## Only in the right")[0]
    assert only_left.count("\n- L") == s.left_only


def test_conflicts_are_flagged() -> None:
    from tui.engine import compare_texts

    comparison = compare_texts(
        "The war has lasted three years, the minister said on Monday in Ankara.",
        "The war has lasted four years, the minister said on Monday in Ankara.",
        furniture=False,
    )
    report = render_markdown(comparison)
    for link in comparison.links:
        for conflict in link.conflicts:
            assert f"**Conflict** ({conflict.type})" in report
            assert escape(conflict.left) in report and escape(conflict.right) in report
    assert sum(len(k.conflicts) for k in comparison.links) == report.count("**Conflict**")


def test_bookmarks_section_lists_notes_and_detached_text(sample_comparison, bookmarks_for) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(sample_comparison, bookmarks_for(sample_comparison))
    section = report.split("## Bookmarks")[1]
    assert "a \\*note\\* with \\<html\\> \\| pipes" in section
    assert "**Detached sentence**" in section
    assert "A sentence that is no longer there." in section
    assert "*(no note)*" in section or not sample_comparison.links


def test_hostile_article_cannot_inject(hostile_comparison) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(hostile_comparison)
    html = _html(report)
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<b>" not in html and "<i>" not in html
    # Emphasis only where the report itself puts it.
    assert set(re.findall(r"<em>(.*?)</em>", html)) <= {
        "None.",
        "unattributed",
        "(no note)",
        "untitled",
        "none found",
    }
    assert "<strong>" not in html.replace("<strong>Conflict</strong>", "").replace(
        "<strong>Strong link</strong>", ""
    ).replace("<strong>Partial link</strong>", "")
    assert "<code>" not in html and "<blockquote>" not in html
    assert "<ol" not in html
    # Exactly the report's own headings: one title, four sections.
    assert html.count("<h1>") == 1
    assert html.count("<h2>") == 4
    assert html.count("<h3>") == 0
    # The summary table keeps its three columns on every row.
    for row in html.split("<tr>")[1:]:
        assert row.count("<td>") + row.count("<th>") == 3
    assert "\x1b" not in report and "\r" not in report
    # The text is still all there, shown literally.
    for fragment in (
        "&lt;script&gt;alert",
        "javascript:alert(1)",
        "# Not a heading",
        "**not bold**",
        "[bold]rich markup[/bold]",
        "&amp;lt;entity&amp;gt;",
    ):
        assert fragment in html, fragment


def test_escape_is_one_line_and_neutral() -> None:
    assert escape("a\nb\n\n# c") == "a b \\# c"
    assert escape("1. first") == "1\\. first"
    assert escape("- item") == "\\- item"
    assert escape("\x1b[2J") == "␛\\[2J"
