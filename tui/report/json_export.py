"""The comparison JSON (version 1, see DESIGN.md) with the pair's bookmarks added."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.engine import Comparison
from tui.store import Bookmark, Placed, place


def _bookmark_dict(item: Placed) -> dict[str, Any]:
    mark = item.bookmark
    return {
        "id": mark.id,
        "kind": mark.kind,
        "side": mark.side,
        # Ids in this comparison; null when the saved text is no longer found.
        "sentence": item.sentence,
        "other": item.other if mark.kind == "link" else None,
        "detached": item.detached,
        "note": mark.note,
        "text": mark.text,
        "other_text": mark.other_text,
        "created_at": mark.created_at,
        "updated_at": mark.updated_at,
    }


def export_dict(comparison: Comparison, bookmarks: Sequence[Bookmark] = ()) -> dict[str, Any]:
    """The comparison JSON v1 plus a ``bookmarks`` list.

    Each bookmark gives its kind, the ids it re-attached to in this comparison
    (``null`` and ``"detached": true`` when its text is gone), its note and its
    saved anchor text.

    Args:
        comparison: The comparison.
        bookmarks: This pair's saved bookmarks.
    """
    # The text is included as in `compare --format json`: offsets index into it.
    out = comparison.to_dict(include_text=True)
    out["bookmarks"] = [_bookmark_dict(item) for item in place(bookmarks, comparison)]
    return out


def render_json(comparison: Comparison, bookmarks: Sequence[Bookmark] = ()) -> str:
    """:func:`export_dict` as indented JSON text, ending with a newline."""
    return json.dumps(export_dict(comparison, bookmarks), ensure_ascii=False, indent=1) + "\n"
