"""The JSON export: the comparison JSON v1 with the texts, plus the pair's bookmarks."""

from __future__ import annotations

import json

from tui.report.json_export import render_json


def test_is_comparison_json_plus_bookmarks(sample_comparison, bookmarks_for) -> None:  # type: ignore[no-untyped-def]
    marks = bookmarks_for(sample_comparison)
    data = json.loads(render_json(sample_comparison, marks))
    bookmarks = data.pop("bookmarks")
    assert data == json.loads(json.dumps(sample_comparison.to_dict(include_text=True)))
    assert data["left"]["text"] == sample_comparison.left.text
    assert data["format"] == "storydiff.comparison" and data["version"] == 1
    assert [b["id"] for b in bookmarks] == [m.id for m in marks]
    by_id = {b["id"]: b for b in bookmarks}
    attached = by_id[1]
    assert attached["detached"] is False
    assert attached["sentence"] == marks[0].sentence_id
    assert attached["note"] == "a *note* with <html> | pipes"  # JSON keeps the note as typed
    detached = by_id[3]
    assert detached["detached"] is True and detached["sentence"] is None
    assert detached["text"] == "A sentence that is no longer there."
    if 2 in by_id:
        link = by_id[2]
        assert (link["kind"], link["sentence"], link["other"]) == (
            "link",
            sample_comparison.links[0].left,
            sample_comparison.links[0].right,
        )


def test_no_bookmarks_is_an_empty_list(sample_comparison) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(render_json(sample_comparison))["bookmarks"] == []
