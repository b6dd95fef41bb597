"""Fixtures shared by every test tier."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
#: The read-only evaluation data beside the checkout: gold alignments, the scorer, MRPC.
SHARED = ROOT.parent / "shared"
#: Set to 1 (CI does, in .ci/run) to fail, not skip, the tests that need SHARED.
REQUIRE_SHARED_ENV = "STORYDIFF_REQUIRE_SHARED"
#: Set to 1 to rewrite every golden file from the code as it is (then review the diff).
UPDATE_GOLDEN_ENV = "STORYDIFF_UPDATE_GOLDEN"


@pytest.fixture
def sample_paths() -> tuple[Path, Path]:
    """The sample pair: (left, right)."""
    return SAMPLES / "turkey-peacekeeping.left.txt", SAMPLES / "turkey-peacekeeping.right.txt"


@pytest.fixture(autouse=True)
def _private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets fresh data, config and cache folders.

    The app reads bookmarks at start and the CLI reads the user's aliases.txt:
    no test may read or write the user's real folders, or depend on what is in them.
    """
    for env, name in (
        ("STORYDIFF_DATA_DIR", "storydiff-data"),
        ("STORYDIFF_CONFIG_DIR", "storydiff-config"),
        ("STORYDIFF_CACHE_DIR", "storydiff-cache"),
    ):
        monkeypatch.setenv(env, str(tmp_path_factory.mktemp(name)))


def shared_path(relative: str) -> Path:
    """A file of the shared evaluation folder, for a test that cannot run without it.

    When it is missing the test is skipped, so the suite runs for someone without
    the folder; with ``STORYDIFF_REQUIRE_SHARED=1`` it fails instead, so a CI run
    cannot pass by skipping the quality tests.
    """
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing (the shared evaluation folder beside the checkout)"
        if os.environ.get(REQUIRE_SHARED_ENV) == "1":
            pytest.fail(f"{message}; {REQUIRE_SHARED_ENV}=1 requires it", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture
def shared() -> Callable[[str], Path]:
    """:func:`shared_path`, as a fixture: ``shared("eval/gold/x.json")``."""
    return shared_path


@pytest.fixture
def update_golden() -> bool:
    """Whether golden files are being rewritten (``STORYDIFF_UPDATE_GOLDEN=1``)."""
    return os.environ.get(UPDATE_GOLDEN_ENV) == "1"


class FullDisk(sqlite3.Connection):
    """A connection whose writes fail as on a full disk while ``full`` is set.

    SQLite's own error, code and all (SQLITE_FULL), for the tests that cannot
    mount a small disk; tests/store/test_unwritable.py also fills a real one.
    """

    full = False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        if type(self).full and sql.split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "COMMIT"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise error
        return super().execute(sql, *args)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> type[FullDisk]:
    """Every SQLite connection opened from now on; set ``.full`` to fill the disk."""
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        return real_connect(*args, factory=FullDisk, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    FullDisk.full = False
    return FullDisk
