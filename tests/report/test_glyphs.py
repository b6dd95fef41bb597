"""The HTML export uses the app's gutter glyphs, so a printed page reads like the screen."""

from __future__ import annotations

from tui.app.navigation import GLYPHS as APP_GLYPHS
from tui.report.html import GLYPHS


def test_html_glyphs_match_the_app() -> None:
    for category, (glyph, _meaning) in GLYPHS.items():
        assert APP_GLYPHS[category] == glyph, category  # type: ignore[index]
