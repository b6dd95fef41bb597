"""Fixtures shared by every test tier."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"


@pytest.fixture
def sample_paths() -> tuple[Path, Path]:
    """The sample pair: (left, right)."""
    return SAMPLES / "turkey-peacekeeping.left.txt", SAMPLES / "turkey-peacekeeping.right.txt"
