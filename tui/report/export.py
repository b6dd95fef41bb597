"""Exporting a comparison to a file: formats, the default name, writes that never overwrite.

Shared by ``storydiff export`` and the app's export key; imports no textual.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from tui.engine import Comparison
from tui.store import Bookmark
from tui.store.atomic import write_atomic

FORMATS = ("markdown", "json", "html")
EXTENSIONS = {"markdown": "md", "json": "json", "html": "html"}


def render(fmt: str, comparison: Comparison, bookmarks: Sequence[Bookmark] = ()) -> str:
    """Render a comparison and its bookmarks in one of :data:`FORMATS`.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "markdown":
        from tui.report.markdown import render_markdown

        return render_markdown(comparison, bookmarks)
    if fmt == "json":
        from tui.report.json_export import render_json

        return render_json(comparison, bookmarks)
    if fmt == "html":
        from tui.report.html import render_html

        return render_html(comparison, bookmarks)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _stem(source: str) -> str:
    if source == "-":
        return "stdin"
    name = Path(source.rstrip("/")).name
    for suffix in (".txt", ".html", ".htm", ".md"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    # Keep names portable: letters, digits, dot, dash and underscore only.
    name = re.sub(r"[^\w.-]+", "-", name, flags=re.ASCII).strip("-.")
    return name[:60] or "article"


def default_name(comparison: Comparison, fmt: str) -> str:
    """A file name that says which pair it is: ``storydiff-<left>-vs-<right>.<ext>``."""
    return (
        f"storydiff-{_stem(comparison.left.source)}-vs-{_stem(comparison.right.source)}"
        f".{EXTENSIONS[fmt]}"
    )


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path``; refuse to replace an existing file unless ``force``.

    The write is atomic (:func:`tui.store.atomic.write_atomic`): on failure (a full
    disk) nothing is left behind and a file being replaced is intact. Without
    ``force`` the check and the creation are one step, so a file that appears
    meanwhile is not overwritten either.

    Raises:
        FileExistsError: ``path`` exists and ``force`` is False.
        OSError: the file cannot be written.
    """
    write_atomic(path, text.encode("utf-8"), replace=force)


def _candidates(name: str) -> list[str]:
    """``name``, then ``name-2``, ``name-3``... (the number before the extension)."""
    base, dot, ext = name.rpartition(".")
    if not dot:
        base, ext = name, ""
    return [name if n == 1 else f"{base}-{n}{dot}{ext}" for n in range(1, 1000)]


def free_name(directory: Path, name: str) -> str:
    """``name``, or ``name-2``, ``-3``... : the first that no file in ``directory`` has."""
    for candidate in _candidates(name):
        if not os.path.lexists(directory / candidate):
            return candidate
    return name


def write_unique(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to a new file in ``directory`` named ``name``, or ``name-2``, ``-3``...

    Never replaces an existing file; returns the path written.

    Raises:
        OSError: the directory cannot be written.
    """
    for candidate in _candidates(name):
        path = directory / candidate
        try:
            write_new(path, text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(os.path.join(directory, name))
