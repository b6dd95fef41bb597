"""The package's layers: each reaches the engine through its public API only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tui.engine

PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def _modules_outside_the_engine() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if PACKAGE / "engine" not in path.parents)


def _imported(path: Path) -> set[str]:
    """Every module (and ``module.name``) an import names, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path", _modules_outside_the_engine(), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_outside_the_engine_imports_its_private_modules(path: Path) -> None:
    private = sorted(name for name in _imported(path) if name.startswith("tui.engine._"))
    assert private == [], f"{path.name} imports {private}: export what it needs from tui.engine"


def test_every_public_engine_name_is_importable() -> None:
    for name in tui.engine.__all__:
        assert hasattr(tui.engine, name), name


def test_one_module_decides_user_paths() -> None:
    """Only tui.store.paths asks platformdirs where the user's folders are."""
    asking = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "platformdirs" for name in _imported(path))
    )
    assert asking == ["store/paths.py"]
