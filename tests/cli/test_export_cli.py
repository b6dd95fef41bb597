"""`storydiff export` and `storydiff bookmarks`: files never overwritten, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.store import DATA_DIR_ENV, BookmarkStore, pair_identity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data dir (via the environment) and a private working directory."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return folder


@pytest.fixture
def pair(sample_paths: tuple[Path, Path]) -> list[str]:
    return [str(p) for p in sample_paths]


def _bookmark(folder: Path, left: str, right: str, note: str) -> None:
    from tui.engine import compare_files

    comparison = compare_files(left, right)
    store = BookmarkStore(folder)
    store.add(pair_identity(comparison), comparison, "left", comparison.left.body[0].id, note=note)
    store.close()


def test_default_name_says_which_pair(data: Path, pair: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", *pair]) == 0
    written = Path("storydiff-turkey-peacekeeping.left-vs-turkey-peacekeeping.right.md")
    assert written.is_file()
    assert written.read_text(encoding="utf-8").startswith("# ")
    assert str(written) in capsys.readouterr().out
    assert not data.exists()  # exporting creates no data directory


def test_existing_file_is_refused_unless_forced(data: Path, pair: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    target = Path("report.md")
    target.write_text("the user's own file", encoding="utf-8")
    assert main(["export", *pair, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "the user's own file"
    assert main(["export", *pair, "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_each_format_to_stdout(data: Path, pair: list[str], fmt: str, capsys) -> None:  # type: ignore[no-untyped-def]
    _bookmark(data, *pair, note="remember this")
    assert main(["export", *pair, "--format", fmt, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "remember this" in out
    if fmt == "json":
        loaded = json.loads(out)
        assert loaded["version"] == 1
        assert [b["note"] for b in loaded["bookmarks"]] == ["remember this"]
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    assert list(Path().iterdir()) == []


def test_data_dir_option_beats_environment(
    data: Path, pair: list[str], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other-data"
    _bookmark(other, *pair, note="in the other dir")
    assert main(["export", *pair, "--format", "json", "-o", "-", "--data-dir", str(other)]) == 0
    assert [b["note"] for b in json.loads(capsys.readouterr().out)["bookmarks"]] == [
        "in the other dir"
    ]


def test_bad_input_is_one_line_and_exit_2(
    data: Path, tmp_path: Path, pair: list[str], capsys
) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", str(tmp_path / "missing.txt"), pair[1]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("storydiff: ")
    assert list(Path().iterdir()) == []


def test_unwritable_output_is_one_line(data: Path, pair: list[str], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", *pair, "-o", str(tmp_path / "no" / "such" / "dir" / "x.md")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err


def test_damaged_database_still_exports_and_says_so(data: Path, pair: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    data.mkdir()
    (data / "bookmarks.db").write_bytes(b"garbage" * 500)
    assert main(["export", *pair, "-o", "-"]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and "bookmarks.db.damaged-" in err
    assert any(p.name.startswith("bookmarks.db.damaged-") for p in data.iterdir())


def test_a_damaged_database_lists_what_came_back_and_says_how_many(
    data: Path, pair: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.engine import compare_files

    comparison = compare_files(*pair)
    store = BookmarkStore(data)
    for n in range(40):
        store.add(
            pair_identity(comparison),
            comparison,
            "left",
            comparison.left.body[0].id,
            note=f"note {n:02} " + "w" * 300,
        )
    store.close()
    db = data / "bookmarks.db"
    damaged = bytearray(db.read_bytes())
    damaged[0:4096] = b"\xee" * 4096  # the first page: header and the list of tables
    db.write_bytes(bytes(damaged))

    assert main(["bookmarks", *pair]) == 0
    captured = capsys.readouterr()
    (warning,) = captured.err.splitlines()
    assert warning.startswith("storydiff: warning: The bookmarks database was damaged")
    assert "40 bookmarks came back into a new one" in warning
    assert captured.out.count("note ") == 40
    kept = [p for p in data.iterdir() if p.name.startswith("bookmarks.db.damaged-")]
    assert [p.read_bytes() for p in kept if not p.name.endswith(("-wal", "-shm"))] == [
        bytes(damaged)
    ]
    assert main(["bookmarks", *pair]) == 0  # repaired: said once
    assert capsys.readouterr().err == ""


def test_bookmarks_lists_one_pair_and_all(data: Path, pair: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["bookmarks", *pair]) == 0
    assert "No bookmarks" in capsys.readouterr().out
    _bookmark(data, *pair, note="first note")
    assert main(["bookmarks", *pair]) == 0
    assert "first note" in capsys.readouterr().out
    assert main(["bookmarks", "--all"]) == 0
    out = capsys.readouterr().out
    assert "first note" in out and "turkey-peacekeeping.left.txt" in out
    assert main(["bookmarks", "--all", "--format", "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert [b["note"] for b in entry["bookmarks"]] == ["first note"]
    assert main(["bookmarks", *pair, "--format", "json"]) == 0
    assert [b["note"] for b in json.loads(capsys.readouterr().out)["bookmarks"]] == ["first note"]


def test_bookmarks_of_a_file_named_in_bytes_list_and_export(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    import os
    import shutil

    left = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.txt")
    try:
        shutil.copyfile(sample_paths[0], left)
    except OSError as exc:
        pytest.skip(f"this file system refuses a name that is not UTF-8 ({exc.strerror})")
    data = tmp_path / "data"
    _bookmark(data, os.fsdecode(left), str(sample_paths[1]), note="bytes note")
    right = os.fsencode(sample_paths[1])
    runs = {
        "pair": [b"bookmarks", left, right],
        "all": [b"bookmarks", b"--all"],
        "export": [b"export", left, right, b"-o", b"-"],
    }
    for name, args in runs.items():
        done = subprocess.run(
            [sys.executable, "-m", "tui", *args, b"--data-dir", os.fsencode(data)],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, b""), name
        assert b"bytes note" in done.stdout, name
        if name == "all":
            assert b"caf\\xe9-\\xff.txt" in done.stdout


def test_bookmarks_needs_a_pair_or_all(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        main(["bookmarks"])
    assert info.value.code == 2
    assert "give two articles, or --all" in capsys.readouterr().err


def test_export_never_imports_textual(tmp_path: Path, pair: list[str]) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"rc = main(['export', {pair[0]!r}, {pair[1]!r}, '--format', 'html', '-o', '-'])\n"
        "sys.stdout.flush()\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO-TEXTUAL', rc, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={DATA_DIR_ENV: str(tmp_path / "d"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.strip().endswith("NO-TEXTUAL 0")
