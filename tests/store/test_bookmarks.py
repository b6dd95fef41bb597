"""The bookmark store: persistence, pair identity, re-anchoring, nothing created early."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.store import BookmarkStore, pair_identity, place
from tui.store.bookmarks import DB_NAME, SCHEMA_VERSION


def test_nothing_is_created_until_the_first_write(kit, tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = BookmarkStore(data)
    comparison = kit.compare()
    assert store.for_pair(pair_identity(comparison)) == []
    assert store.list_all() == []
    assert store.unwritable_reason() is None
    assert not data.exists()
    store.add(pair_identity(comparison), comparison, "left", kit.body_id(comparison, "left", "Aid"))
    assert (data / DB_NAME).is_file()


def test_bookmarks_survive_a_new_store(kit, tmp_path: Path) -> None:
    comparison = kit.compare()
    pair = pair_identity(comparison)
    first = BookmarkStore(tmp_path)
    sid = kit.body_id(comparison, "left", "The opposition")
    saved = first.add(pair, comparison, "left", sid, note="only left has the opposition")
    first.close()

    again = BookmarkStore(tmp_path).for_pair(pair)
    assert [(b.id, b.kind, b.side, b.sentence_id, b.note) for b in again] == [
        (saved.id, "sentence", "left", sid, "only left has the opposition")
    ]
    assert again[0].text == comparison.left.sentences[sid].text


def test_a_link_is_stored_left_first_whichever_side_was_selected(kit, tmp_path: Path) -> None:
    comparison = kit.compare()
    store = BookmarkStore(tmp_path)
    left_id = kit.body_id(comparison, "left", "Aid")
    right_id = kit.body_id(comparison, "right", "Aid")
    mark = store.add(pair_identity(comparison), comparison, "right", right_id, other_id=left_id)
    assert (mark.kind, mark.side, mark.sentence_id, mark.other_id) == (
        "link",
        "left",
        left_id,
        right_id,
    )
    assert mark.other_text == comparison.right.sentences[right_id].text


def test_edit_and_delete(kit, tmp_path: Path) -> None:
    comparison = kit.compare()
    pair = pair_identity(comparison)
    store = BookmarkStore(tmp_path)
    keep = store.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"), note="a")
    gone = store.add(pair, comparison, "right", kit.body_id(comparison, "right", "Observers"))
    store.set_note(keep.id, "edited note")
    store.delete(gone.id)
    store.delete(gone.id)  # already gone: not an error
    with pytest.raises(KeyError):
        store.set_note(gone.id, "too late")
    marks = BookmarkStore(tmp_path).for_pair(pair)
    assert [(b.id, b.note) for b in marks] == [(keep.id, "edited note")]
    assert marks[0].updated_at >= marks[0].created_at


def test_schema_version_is_recorded(kit, tmp_path: Path) -> None:
    comparison = kit.compare()
    BookmarkStore(tmp_path).add(
        pair_identity(comparison), comparison, "left", kit.body_id(comparison, "left", "Aid")
    )
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_disables_bookmarks_without_touching_the_file(kit, tmp_path: Path) -> None:
    comparison = kit.compare()
    BookmarkStore(tmp_path).add(
        pair_identity(comparison), comparison, "left", kit.body_id(comparison, "left", "Aid")
    )
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    before = (tmp_path / DB_NAME).read_bytes()
    store = BookmarkStore(tmp_path)
    from tui.store import BookmarksUnavailable

    with pytest.raises(BookmarksUnavailable, match="newer storydiff"):
        store.for_pair(pair_identity(comparison))
    assert not store.enabled
    assert (tmp_path / DB_NAME).read_bytes() == before


# -- pair identity -------------------------------------------------------------


def test_identity_is_content_not_paths(kit) -> None:
    here = pair_identity(kit.compare(left_source="a/x.txt", right_source="a/y.txt"))
    there = pair_identity(kit.compare(left_source="b/renamed.txt", right_source="b/z.txt"))
    assert here.key == there.key
    assert here.left_path != there.left_path


def test_identity_is_order_sensitive(kit) -> None:
    assert (
        pair_identity(kit.compare(kit.LEFT, kit.RIGHT)).key
        != pair_identity(kit.compare(kit.RIGHT, kit.LEFT)).key
    )


def test_identity_ignores_line_endings_and_trailing_whitespace(kit) -> None:
    crlf = kit.LEFT.replace("\n", "\r\n") + "   \n"
    assert (
        pair_identity(kit.compare(crlf, kit.RIGHT)).key
        == pair_identity(kit.compare(kit.LEFT, kit.RIGHT)).key
    )


def test_moved_and_renamed_files_keep_their_bookmarks(kit, tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    before = kit.compare(left_source="/old/left.txt", right_source="/old/right.txt")
    store.add(pair_identity(before), before, "left", kit.body_id(before, "left", "Aid"), note="n")
    after = kit.compare(left_source="/new/one.txt", right_source="/new/two.txt")
    assert [b.note for b in store.for_pair(pair_identity(after))] == ["n"]
    # Writing from the new place records the new paths for display.
    store.add(pair_identity(after), after, "right", kit.body_id(after, "right", "Observers"))
    (record, marks), *others = store.list_all()
    assert others == []
    assert (record.left_path, record.right_path) == ("/new/one.txt", "/new/two.txt")
    assert len(marks) == 2


def test_a_different_pair_does_not_see_them(kit, tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    comparison = kit.compare(left_source="/p/left.txt", right_source="/p/right.txt")
    store.add(pair_identity(comparison), comparison, "left", kit.body_id(comparison, "left", "Aid"))
    other = kit.compare(kit.RIGHT, kit.LEFT, left_source="/q/left.txt", right_source="/q/right.txt")
    assert store.for_pair(pair_identity(other)) == []


def test_an_article_edited_in_place_keeps_its_bookmarks(kit, tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path)
    before = kit.compare(left_source="/p/left.txt", right_source="/p/right.txt")
    sid = kit.body_id(before, "left", "The opposition")
    store.add(pair_identity(before), before, "left", sid, note="keep me")
    edited = kit.LEFT.replace("betrayal", "shameful betrayal")
    after = kit.compare(edited, kit.RIGHT, left_source="/p/left.txt", right_source="/p/right.txt")
    assert pair_identity(after).key != pair_identity(before).key
    marks = store.for_pair(pair_identity(after))
    assert [b.note for b in marks] == ["keep me"]
    (placed,) = place(marks, after)
    assert placed.sentence == kit.body_id(after, "left", "The opposition")
    assert not placed.exact


# -- re-anchoring --------------------------------------------------------------


def test_reattaches_after_a_sensitivity_change(kit, tmp_path: Path, sample_paths) -> None:  # type: ignore[no-untyped-def]
    from tui.engine import compare_files

    low = compare_files(*sample_paths, sensitivity=0.2)
    high = compare_files(*sample_paths, sensitivity=0.9)
    store = BookmarkStore(tmp_path)
    pair = pair_identity(low)
    assert pair.key == pair_identity(high).key
    assert low.links, "the sample pair should have links at a low sensitivity"
    saved = []
    for link in low.links[:3]:
        saved.append(store.add(pair, low, "left", link.left, other_id=link.right))
    for sentence in low.left.body[:3] + low.right.body[-3:]:
        side = "left" if sentence in low.left.body else "right"
        saved.append(store.add(pair, low, side, sentence.id))
    placed = place(store.for_pair(pair), high)
    assert len(placed) == len(saved)
    for item in placed:
        mark = item.bookmark
        assert not item.detached
        assert item.exact
        assert high.article(mark.side).sentences[item.sentence].text == mark.text
        if mark.kind == "link":
            assert high.right.sentences[item.other].text == mark.other_text


def test_reattaches_when_sentences_move(kit, tmp_path: Path) -> None:
    """An engine that segments differently shifts ids: the anchor text still finds them."""
    before = kit.compare()
    sid = kit.body_id(before, "left", "Aid")
    store = BookmarkStore(tmp_path)
    store.add(pair_identity(before), before, "left", sid)
    shifted = kit.compare(
        kit.LEFT.replace("\n\nAid", "\n\nThe talks ran late. Nobody slept.\n\nAid")
    )
    (item,) = place(store.for_pair(pair_identity(before)), shifted)
    assert item.sentence == kit.body_id(shifted, "left", "Aid")
    assert item.sentence != sid
    assert item.exact


def test_reattaches_to_an_edited_sentence(kit, tmp_path: Path) -> None:
    before = kit.compare()
    left_id = kit.body_id(before, "left", "Ministers agreed")
    right_id = kit.body_id(before, "right", "A ceasefire")
    store = BookmarkStore(tmp_path)
    store.add(pair_identity(before), before, "left", left_id, other_id=right_id, note="link")
    edited = kit.compare(
        kit.LEFT.replace("three days", "four days"),
        kit.RIGHT.replace("following", "after"),
    )
    (item,) = place(store.for_pair(pair_identity(before)), edited)
    assert item.sentence == kit.body_id(edited, "left", "Ministers agreed")
    assert item.other == kit.body_id(edited, "right", "A ceasefire")
    assert not item.exact


def test_a_vanished_sentence_is_detached_not_dropped(kit, tmp_path: Path) -> None:
    before = kit.compare()
    store = BookmarkStore(tmp_path)
    sid = kit.body_id(before, "left", "The opposition")
    store.add(pair_identity(before), before, "left", sid, note="still here")
    without = kit.compare(kit.LEFT.split("The opposition")[0])
    (item,) = place(store.for_pair(pair_identity(before)), without)
    assert item.detached
    assert item.sentence is None
    assert item.bookmark.note == "still here"
    assert item.bookmark.text.startswith("The opposition")


def test_duplicate_text_attaches_to_the_nearest_copy(kit, tmp_path: Path) -> None:
    text = "Officials said little.\n\nThe vote was close.\n\nOfficials said little.\n"
    comparison = kit.compare(text, kit.RIGHT)
    copies = [s.id for s in comparison.left.sentences if s.text == "Officials said little."]
    assert len(copies) == 2
    store = BookmarkStore(tmp_path)
    store.add(pair_identity(comparison), comparison, "left", copies[1])
    (item,) = place(store.for_pair(pair_identity(comparison)), comparison)
    assert item.sentence == copies[1]


def as_schema_1(db: Path) -> None:
    """Turn a database back into what the first schema wrote (no pair key in bookmarks)."""
    if sqlite3.sqlite_version_info < (3, 35):
        pytest.skip("dropping a column needs SQLite 3.35")
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE bookmarks DROP COLUMN pair_key")
        conn.execute("UPDATE schema_version SET version = 1")
    conn.execute("VACUUM")
    conn.close()


def test_schema_1_gains_the_pair_key_of_each_bookmark(kit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    comparison = kit.compare()
    pair = pair_identity(comparison)
    old = BookmarkStore(tmp_path)
    old.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"), note="v1")
    old.close()
    as_schema_1(tmp_path / DB_NAME)
    new = BookmarkStore(tmp_path)
    new.add(pair, comparison, "left", kit.body_id(comparison, "left", "The opposition"), note="v2")
    assert [b.note for b in new.for_pair(pair)] == ["v1", "v2"]
    new.close()
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("SELECT note, pair_key FROM bookmarks ORDER BY id").fetchall() == [
            ("v1", pair.key),
            ("v2", pair.key),
        ]


def test_a_later_migration_upgrades_in_place_and_keeps_bookmarks(
    kit,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.store import bookmarks as module

    comparison = kit.compare()
    pair = pair_identity(comparison)
    old = BookmarkStore(tmp_path)
    old.add(pair, comparison, "left", kit.body_id(comparison, "left", "Aid"), note="from v1")
    old.close()

    upgrade = ("ALTER TABLE bookmarks ADD COLUMN colour TEXT",)
    monkeypatch.setattr(module, "MIGRATIONS", (*module.MIGRATIONS, upgrade))
    monkeypatch.setattr(module, "SCHEMA_VERSION", len(module.MIGRATIONS))
    new = BookmarkStore(tmp_path)
    assert [b.note for b in new.for_pair(pair)] == ["from v1"]
    new.close()
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [
            (SCHEMA_VERSION + 1,)
        ]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(bookmarks)")]
    assert "colour" in columns
