"""File names that are not valid UTF-8: bookmarks still save, list and come back.

On Linux a file name is bytes; Python hands one that is not valid UTF-8 over
with each bad byte as a lone surrogate, which SQLite refuses. The store keeps
the byte spelled out (``\\xff``) instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.engine import compare_files
from tui.store import BookmarkStore, pair_identity
from tui.store.pairs import storable

BAD_NAME = b"caf\xe9-\xff.txt"  # Latin-1 bytes: not UTF-8


def bytes_named_copy(folder: Path, source: Path) -> str:
    """A copy of ``source`` whose file name is not valid UTF-8 (skip where the system refuses)."""
    target = os.path.join(os.fsencode(folder), BAD_NAME)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:  # some file systems (APFS) take only valid UTF-8 names
        pytest.skip(f"this file system refuses a name that is not UTF-8 ({exc.strerror})")
    return os.fsdecode(target)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        pytest.param("plain.txt", "plain.txt", id="valid-unchanged"),
        pytest.param("caf\udce9-\udcff.txt", "caf\\xe9-\\xff.txt", id="undecodable-bytes"),
        pytest.param("café-\udcff.txt", "café-\\xff.txt", id="valid-and-bad-bytes"),
        pytest.param("x\ud800y", "x\\ud800y", id="surrogate-standing-for-no-byte"),
    ],
)
def test_storable_spells_bad_bytes_out(text: str, stored: str) -> None:
    assert storable(text) == stored
    stored.encode("utf-8")  # SQLite takes it


def test_a_bookmark_on_a_file_named_in_bytes_saves_and_comes_back(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    left = bytes_named_copy(tmp_path, sample_paths[0])
    comparison = compare_files(left, sample_paths[1])
    pair = pair_identity(comparison)
    assert pair.left_path == str(tmp_path) + "/caf\\xe9-\\xff.txt"
    sentence = comparison.left.body[0].id
    BookmarkStore(tmp_path / "data").add(pair, comparison, "left", sentence, note="on a bytes name")

    again = BookmarkStore(tmp_path / "data")
    assert [
        b.note for b in again.for_pair(pair_identity(compare_files(left, sample_paths[1])))
    ] == ["on a bytes name"]
    ((record, marks),) = again.list_all()
    assert record.left_path == pair.left_path
    assert [b.sentence_id for b in marks] == [sentence]


def test_a_note_with_a_lone_surrogate_is_kept_spelled_out(
    tmp_path: Path, sample_paths: tuple[Path, Path]
) -> None:
    comparison = compare_files(*sample_paths)
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    mark = store.add(pair, comparison, "left", comparison.left.body[0].id, note="a\udcffb")
    assert mark.note == "a\\xffb"
    store.set_note(mark.id, "c\ud800d")
    assert [b.note for b in BookmarkStore(tmp_path).for_pair(pair)] == ["c\\ud800d"]
