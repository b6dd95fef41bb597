"""The news agencies in data/news_agencies.txt mark a photo credit as a caption."""

from __future__ import annotations

import pytest

from tui.engine._data import data_lines
from tui.engine._segment import segment


@pytest.mark.parametrize("agency", data_lines("news_agencies.txt"))
def test_a_credit_naming_the_agency_is_a_caption(agency: str) -> None:
    credit = f"Delegates arrive at the venue. ({agency}/Jane Doe)"
    text = f"Talks resume in Ankara\n\n{credit}\n\nThe talks resumed on Monday in Ankara.\n"
    kinds = {s.text: s.kind for s in segment(text)}
    assert kinds[credit] == "caption"
    assert kinds["The talks resumed on Monday in Ankara."] == "body"


def test_an_unknown_name_before_a_slash_is_not_a_credit() -> None:
    line = "Delegates arrive at the venue. (Monday/Tuesday)"
    text = f"Talks resume in Ankara\n\n{line}\n\nThe talks resumed on Monday in Ankara.\n"
    assert {s.text: s.kind for s in segment(text)}[line] != "caption"
