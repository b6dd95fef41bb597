"""Saved bookmarks as a listing for ``storydiff bookmarks``: plain text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.engine import Comparison
from tui.report.json_export import export_dict
from tui.sanitize import printable
from tui.store import Bookmark, PairRecord, place

_WIDTH = 60


def _clip(text: str, width: int = _WIDTH) -> str:
    flat = " ".join(printable(text, keep_newlines=True).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _when(stamp: str) -> str:
    return stamp.replace("T", " ").removesuffix("Z")


def _saved_dict(mark: Bookmark) -> dict[str, Any]:
    return {
        "id": mark.id,
        "kind": mark.kind,
        "side": mark.side,
        "saved_sentence": mark.sentence_id,
        "saved_other": mark.other_id,
        "note": mark.note,
        "text": mark.text,
        "other_text": mark.other_text,
        "created_at": mark.created_at,
        "updated_at": mark.updated_at,
    }


def pair_listing(comparison: Comparison, bookmarks: Sequence[Bookmark], fmt: str) -> str:
    """One pair's bookmarks, placed in its comparison.

    Args:
        comparison: The pair's comparison (bookmarks are re-attached to it).
        bookmarks: The pair's saved bookmarks.
        fmt: ``text`` or ``json``.
    """
    if fmt == "json":
        data = export_dict(comparison, bookmarks)
        out = {
            "left": {"source": comparison.left.source, "title": comparison.left.title},
            "right": {"source": comparison.right.source, "title": comparison.right.title},
            "bookmarks": data["bookmarks"],
        }
        return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if not bookmarks:
        return "No bookmarks for this pair.\n"
    lines = []
    for item in place(bookmarks, comparison):
        mark = item.bookmark
        letter = "L" if mark.side == "left" else "R"
        if item.detached:
            where = "detached"
        elif mark.kind == "link":
            other = f"R{item.other}" if item.other is not None else "R?"
            where = f"{letter}{item.sentence}↔{other}"
        else:
            where = f"{letter}{item.sentence}"
        lines.append(
            f"#{mark.id}  {mark.kind:<8} {where:<10} {_when(mark.created_at)}  "
            f"{_clip(mark.note) or '(no note)'}"
        )
        lines.append(f"      {_clip(mark.text)}")
        if mark.other_text is not None:
            lines.append(f"      {_clip(mark.other_text)}")
    return "\n".join(lines) + "\n"


def all_listing(pairs: Sequence[tuple[PairRecord, Sequence[Bookmark]]], fmt: str) -> str:
    """Every pair's bookmarks with their saved text (no comparison needed).

    Args:
        pairs: As returned by :meth:`tui.store.BookmarkStore.list_all`.
        fmt: ``text`` or ``json``.
    """
    if fmt == "json":
        data = [
            {
                "left": {"path": pair.left_path, "title": pair.left_title},
                "right": {"path": pair.right_path, "title": pair.right_title},
                "last_seen": pair.seen_at,
                "bookmarks": [_saved_dict(mark) for mark in marks],
            }
            for pair, marks in pairs
        ]
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if not pairs:
        return "No bookmarks saved.\n"
    lines: list[str] = []
    for pair, marks in pairs:
        if lines:
            lines.append("")
        lines.append(f"{printable(pair.left_path)}  vs  {printable(pair.right_path)}")
        left_title = _clip(pair.left_title or "untitled", 40)
        titles = f"{left_title} / {_clip(pair.right_title or 'untitled', 40)}"
        lines.append(f"  {titles} · {len(marks)} bookmark(s), last seen {_when(pair.seen_at)}")
        for mark in marks:
            lines.append(
                f"  #{mark.id}  {mark.kind:<8} {_when(mark.created_at)}  "
                f"{_clip(mark.note) or '(no note)'}"
            )
            lines.append(f"        {_clip(mark.text)}")
    return "\n".join(lines) + "\n"
