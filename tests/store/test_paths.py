"""The data directory: one function decides it, and nothing is created by asking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.store import DATA_DIR_ENV, data_dir


def test_override_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "from-arg") == (tmp_path / "from-arg").resolve()


def test_environment_beats_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir() == (tmp_path / "from-env").resolve()


def test_platform_default_names_storydiff_without_author(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    expected = Path(platformdirs.user_data_dir("storydiff", appauthor=False)).resolve()
    assert data_dir() == expected
    assert data_dir("") == expected  # an empty --data-dir is no override


@pytest.mark.parametrize("where", ["loop", "below-a-loop", "unknown-user"])
def test_a_folder_that_cannot_be_resolved_is_kept_as_written(tmp_path: Path, where: str) -> None:
    """Resolving a symbolic link loop or ~nobody raises; the store says what is wrong instead."""
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    given = {
        "loop": tmp_path / "one",
        "below-a-loop": tmp_path / "one" / "data",
        "unknown-user": Path("~no-such-user-storydiff/data"),
    }[where]
    found = data_dir(given)
    assert found.is_absolute()
    assert found.name == given.name
    from tui.store import BookmarkStore, BookmarksUnavailable

    if where == "unknown-user":
        # Taken literally, as a shell leaves it: a folder of that name, not there yet.
        assert found.parent.name == "~no-such-user-storydiff"
        assert BookmarkStore(found).list_all() == []
        return
    with pytest.raises(BookmarksUnavailable, match="bookmarks are disabled") as info:
        BookmarkStore(found).list_all()
    assert "Too many levels of symbolic links" in str(info.value)


def test_asking_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "not" / "yet"
    assert data_dir(target) == target.resolve()
    assert not (tmp_path / "not").exists()


def test_importing_the_store_does_no_io_and_no_ui_imports(tmp_path: Path) -> None:
    """Importing tui.store creates no directory and pulls in neither textual nor rich."""
    target = tmp_path / "data"
    code = (
        "import sys, tui.store\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"STORYDIFF_DATA_DIR": str(target), "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""
    assert not target.exists()


def test_tests_never_see_the_users_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The suite's fixture gives every test its own data, config and cache folders."""
    from tui.store.paths import aliases_file, cache_dir

    scratch = tmp_path_factory.getbasetemp().resolve()
    for path in (data_dir(), aliases_file(), cache_dir()):
        assert scratch in path.resolve().parents, path
