"""JSON in parts: the same text as one json.dumps, in pieces that stay small."""

from __future__ import annotations

import json

import pytest

from tui.engine import compare_texts
from tui.report.json_stream import json_parts
from tui.samples import default_pair

VALUES = [
    pytest.param({}, id="empty-object"),
    pytest.param([], id="empty-list"),
    pytest.param({"a": [1, 2, 3], "b": {"c": list(range(7)), "d": None}}, id="nested"),
    pytest.param(
        {"text": "Türkiye \u201cquoted\u201d \x1b[2J", "n": 0.5, "flag": True}, id="non-ascii"
    ),
    pytest.param(list(range(10)), id="list-of-exactly-two-batches"),
    pytest.param(list(range(11)), id="list-with-a-short-last-batch"),
    pytest.param({"a": {"b": {"c": [{"d": [1] * 12}]}}}, id="deep-values-whole"),
]


@pytest.mark.parametrize("value", VALUES)
def test_the_parts_join_to_one_dumps(value: object) -> None:
    assert "".join(json_parts(value, batch=5)) == json.dumps(value, ensure_ascii=False)


def test_a_comparison_is_the_same_text_in_small_pieces() -> None:
    pair = default_pair()
    left, right = (path.read_text(encoding="utf-8") for path in (pair.left, pair.right))
    # The sample pair, each article eight times: hundreds of sentences and links.
    data = compare_texts("\n\n".join([left] * 8), "\n\n".join([right] * 8)).to_dict(
        include_text=True
    )
    whole = json.dumps(data, ensure_ascii=False)
    parts = list(json_parts(data, batch=50))
    assert "".join(parts) == whole
    # No piece is more than a batch of links or sentences, or one article's text.
    longest_text = max(len(json.dumps(data[side]["text"])) for side in ("left", "right"))
    assert max(map(len, parts)) <= max(longest_text + 2, len(whole) // 10)
