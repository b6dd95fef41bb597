"""Saved bookmarks as a listing for ``storydiff bookmarks``: plain text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.engine import SIDES, Comparison, Side
from tui.report.json_export import export_dict
from tui.report.places import place_label, reading_places
from tui.sanitize import printable
from tui.store import Bookmark, PairRecord, place

#: Indent of a note's and a sentence's lines under their bookmark.
_INDENT = "      "


def _flat(text: str) -> str:
    """Text on one line, safe for a terminal, whole."""
    return " ".join(printable(text, keep_newlines=True).split())


def _note_lines(note: str, indent: str) -> list[str]:
    """A note whole, its own line breaks kept (a note is the reader's words)."""
    if not note.strip():
        return [f"{indent}(no note)"]
    lines = printable(note, keep_newlines=True).splitlines()
    return [f"{indent}note: {lines[0]}", *(f"{indent}      {line}" for line in lines[1:])]


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
    places = {side: reading_places(comparison.article(side)) for side in SIDES}

    def where(side: Side, sentence: int | None) -> str:
        if sentence is None:
            return f"{side} (detached)"
        return f"{side} {place_label(places[side], comparison.article(side), sentence)}"

    lines = []
    for item in place(bookmarks, comparison):
        mark = item.bookmark
        at = where(mark.side, item.sentence)
        if mark.kind == "link":
            at += f" ↔ {where(mark.other_side, item.other)}"
        lines.append(f"#{mark.id}  {mark.kind:<8} {at}  {_when(mark.created_at)}")
        lines += _note_lines(mark.note, _INDENT)
        lines.append(f"{_INDENT}{_flat(mark.text)}")
        if mark.other_text is not None:
            lines.append(f"{_INDENT}↔ {_flat(mark.other_text)}")
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
        titles = f"{_flat(pair.left_title or 'untitled')} / {_flat(pair.right_title or 'untitled')}"
        lines.append(f"  {titles} · {len(marks)} bookmark(s), last seen {_when(pair.seen_at)}")
        for mark in marks:
            lines.append(f"  #{mark.id}  {mark.kind:<8} {_when(mark.created_at)}")
            lines += _note_lines(mark.note, "  " + _INDENT)
            lines.append(f"  {_INDENT}{_flat(mark.text)}")
    return "\n".join(lines) + "\n"
