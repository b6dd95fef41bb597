"""User aliases: `--aliases FILE` and the aliases.txt in storydiff's config directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LEFT = "Anatolia sends troops to the border region near the river today.\n"
RIGHT = "Turkey sends troops to the border region near the river today.\n"


def compare(
    tmp_path: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_text(LEFT, encoding="utf-8")
    right.write_text(RIGHT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tui", "compare", str(left), str(right), "--format", "json", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "STORYDIFF_CONFIG_DIR": str(tmp_path / "config"), **(env or {})},
        check=False,
    )


def shared_terms(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    links = json.loads(result.stdout)["links"]
    assert len(links) == 1
    return links[0]["shared_terms"]


def test_without_aliases_the_names_differ(tmp_path: Path) -> None:
    assert "Anatolia" not in shared_terms(compare(tmp_path))


def test_aliases_option_folds_names(tmp_path: Path) -> None:
    aliases = tmp_path / "mine.txt"
    aliases.write_text("# my names\nturkey: anatolia\n", encoding="utf-8")
    assert "Anatolia" in shared_terms(compare(tmp_path, "--aliases", str(aliases)))


def test_config_directory_file_is_read_by_default(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "aliases.txt").write_text("turkey: anatolia\n", encoding="utf-8")
    assert "Anatolia" in shared_terms(compare(tmp_path))


@pytest.mark.parametrize("name", ["missing.txt", "folder"])
def test_unusable_aliases_file_is_one_line(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    result = compare(tmp_path, "--aliases", str(tmp_path / name))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
