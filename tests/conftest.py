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


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test keeps bookmarks in a fresh folder: the app reads them at start, and no
    test may read or write the user's real data directory."""
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(tmp_path_factory.mktemp("storydiff-data")))
