"""The engine's shipped data files (tui/engine/data/), read on first use, never at import."""

from __future__ import annotations

from functools import cache
from importlib import resources


def data_text(name: str) -> str:
    """The whole text of one data file."""
    return resources.files("tui.engine").joinpath("data", name).read_text(encoding="utf-8")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment (``#``) lines of one data file, stripped."""
    return tuple(
        line.strip()
        for line in data_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )
