"""Bookmarks as saved: the record, and the SQLite database that keeps it.

- One database file, ``bookmarks.db`` in the data directory, in WAL mode so that
  two storydiff windows can read and write at once; every change is its own
  short ``BEGIN IMMEDIATE`` transaction, committed at once, and a busy timeout
  makes a writer wait for the other instead of failing.
- Nothing is created until the first write: listing bookmarks for a pair that
  has none, with no database yet, reads nothing and creates nothing.
- The schema moves up by numbered migrations, each in one transaction; a
  database from a newer storydiff is refused, not rewritten.
- A damaged database is moved aside (kept, named in :meth:`BookmarkStore.take_notices`)
  and a fresh one started; a data directory that cannot be written disables
  bookmarks with a clear message instead of stopping the app.

Which pair a comparison is lives in :mod:`tui.store.pairs`; finding a saved
bookmark's sentence in a new comparison, in :mod:`tui.store.anchoring`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tui.engine import Comparison, Side, other_side

from .pairs import PairIdentity, storable

BookmarkKind = Literal["sentence", "link"]

DB_NAME = "bookmarks.db"
# How long a writer waits for the other window's transaction before giving up.
BUSY_TIMEOUT_S = 30.0

# SQLite result codes that mean the file itself is damaged, not merely busy.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

# Each entry moves the schema one version up; never edit a released entry, add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE pairs (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            left_hash TEXT NOT NULL,
            right_hash TEXT NOT NULL,
            left_path TEXT NOT NULL,
            right_path TEXT NOT NULL,
            left_title TEXT,
            right_title TEXT,
            seen_at TEXT NOT NULL
        )""",
        "CREATE INDEX pairs_hashes ON pairs (left_hash, right_hash)",
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            pair_id INTEGER NOT NULL REFERENCES pairs (id),
            kind TEXT NOT NULL CHECK (kind IN ('sentence', 'link')),
            side TEXT NOT NULL CHECK (side IN ('left', 'right')),
            sentence_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            other_id INTEGER,
            other_text TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX bookmarks_pair ON bookmarks (pair_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class BookmarksUnavailable(Exception):
    """Bookmarks cannot be read or written; the message is one line for the user."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class PairRecord:
    """A pair as stored: its last seen paths and titles."""

    id: int
    key: str
    left_path: str
    right_path: str
    left_title: str | None
    right_title: str | None
    seen_at: str


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A saved bookmark, with the text it was anchored to when saved.

    Attributes:
        id: The database id.
        kind: ``sentence`` or ``link``.
        side: The side of ``sentence_id`` (always ``left`` for a link).
        sentence_id: The sentence's id when saved (a hint, not the anchor).
        text: The sentence's text when saved: the anchor.
        other_id: For a link, the other side's sentence id when saved.
        other_text: For a link, the other side's sentence text: its anchor.
        note: The user's note, possibly empty.
        created_at: When it was made (ISO 8601, UTC).
        updated_at: When its note last changed (ISO 8601, UTC).
    """

    id: int
    kind: BookmarkKind
    side: Side
    sentence_id: int
    text: str
    other_id: int | None
    other_text: str | None
    note: str
    created_at: str
    updated_at: str

    @property
    def other_side(self) -> Side:
        """The other article's side: where a link's second sentence is."""
        return other_side(self.side)


def _row_to_bookmark(row: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=row["id"],
        kind=row["kind"],
        side=row["side"],
        sentence_id=row["sentence_id"],
        text=row["text"],
        other_id=row["other_id"],
        other_text=row["other_text"],
        note=row["note"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _row_to_pair(row: sqlite3.Row) -> PairRecord:
    return PairRecord(
        id=row["id"],
        key=row["key"],
        left_path=row["left_path"],
        right_path=row["right_path"],
        left_title=row["left_title"],
        right_title=row["right_title"],
        seen_at=row["seen_at"],
    )


def _is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


class BookmarkStore:
    """The bookmarks database in one data directory.

    Creating a store does no I/O. The first read opens an existing database (and
    checks it); the first write creates the directory and the database. Every
    method raises :class:`BookmarksUnavailable` with a one-line message when
    bookmarks cannot be used, after which :attr:`enabled` is False.

    Args:
        directory: The data directory (see :func:`tui.store.paths.data_dir`).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self._conn: sqlite3.Connection | None = None
        self._disabled: str | None = None
        self._notices: list[str] = []

    # -- state -------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """False once bookmarks turned out unusable (read-only directory, ...)."""
        return self._disabled is None

    def take_notices(self) -> list[str]:
        """One-line messages for the user (a damaged database moved aside), once each."""
        notices, self._notices = self._notices, []
        return notices

    def unwritable_reason(self) -> str | None:
        """Why bookmarks could not be saved here, found without creating anything.

        Looks at the database file if it exists, else at the nearest existing
        ancestor of the data directory. Returns ``None`` when a write should work
        (the first write still has the last word), else a one-line message; in
        that case bookmarks are disabled.
        """
        if self._disabled is not None:
            return self._disabled
        reason: str | None = None
        if self.path.exists():
            if not os.access(self.path, os.W_OK) or not os.access(self.directory, os.W_OK):
                reason = f"{self.path} is read-only"
        else:
            ancestor = self.directory
            while not ancestor.exists() and ancestor != ancestor.parent:
                ancestor = ancestor.parent
            if not ancestor.is_dir():
                reason = f"cannot create the data directory {self.directory} ({ancestor} is a file)"
            elif not os.access(ancestor, os.W_OK | os.X_OK):
                reason = (
                    f"the data directory {self.directory} cannot be written "
                    f"({ancestor} is read-only)"
                )
        if reason is not None:
            self._disable(reason)
        return self._disabled

    def close(self) -> None:
        """Close the database connection, if open."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- connection --------------------------------------------------------

    def _disable(self, reason: str) -> BookmarksUnavailable:
        self.close()
        self._disabled = f"bookmarks are disabled: {reason}"
        return BookmarksUnavailable(self._disabled)

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        """The open connection; ``None`` when there is no database and ``create`` is False.

        With writes disabled (a read-only data directory) reading is still tried:
        the user's bookmarks stay visible even when no new one can be saved.
        """
        if self._disabled is not None and create:
            raise BookmarksUnavailable(self._disabled)
        if self._conn is not None:
            return self._conn
        if not create and not self.path.exists():
            return None
        if create:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._disable(
                    f"cannot create the data directory {self.directory} ({exc.strerror or exc})"
                ) from None
        for attempt in range(2):
            try:
                conn = self._open()
            except BookmarksUnavailable as exc:
                self._disabled = str(exc)
                raise
            except sqlite3.DatabaseError as exc:
                if _is_damage(exc) and attempt == 0:
                    self._move_aside(exc)
                    if not create:
                        return None
                    continue
                raise self._disable(f"cannot open {self.path} ({exc})") from None
            self._conn = conn
            return conn
        raise self._disable(f"cannot open {self.path}")  # pragma: no cover - loop returns

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so that a write
        # transaction takes its lock up front (no deadlock between two windows).
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # The check reads every page; a bookmarks file is small, and finding
            # damage now beats a failure in the middle of the user's work.
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(
                    f"database disk image is malformed: {result[0] if result else 'no answer'}"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if self._version(conn) == SCHEMA_VERSION:
            return
        with self._transaction(conn):
            # Read again inside the lock: another window may have migrated meanwhile.
            version = self._version(conn)
            if version > SCHEMA_VERSION:
                raise BookmarksUnavailable(
                    f"bookmarks are disabled: {self.path} was written by a newer storydiff "
                    f"(schema {version}, this one knows {SCHEMA_VERSION})"
                )
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if exists is None:
            return 0
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @staticmethod
    @contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _move_aside(self, exc: sqlite3.Error) -> None:
        """Keep a damaged database under a new name, so a fresh one can start."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{DB_NAME}.damaged-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{DB_NAME}.damaged-{stamp}-{counter}")
        try:
            # A rename keeps every byte of the damaged file; nothing is written over it.
            os.rename(self.path, target)
            for suffix in ("-wal", "-shm"):
                companion = self.path.with_name(DB_NAME + suffix)
                if companion.exists():
                    os.rename(companion, target.with_name(target.name + suffix))
        except OSError as err:
            raise self._disable(
                f"{self.path} is damaged ({exc}) and could not be moved aside "
                f"({err.strerror or err}); it was left untouched"
            ) from None
        self._notices.append(
            f"The bookmarks database was damaged ({exc}); it was kept as {target} "
            "and a new one was started."
        )

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect(create=True)
        assert conn is not None
        try:
            with self._transaction(conn):
                yield conn
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None

    def _fail(self, exc: sqlite3.Error) -> BookmarksUnavailable:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            # Another window held the lock past the timeout: this change failed,
            # but bookmarks still work; say so without disabling them.
            return BookmarksUnavailable(f"bookmarks are busy in another window, try again ({exc})")
        return self._disable(f"{self.path}: {exc}")

    def _reading(self) -> sqlite3.Connection | None:
        try:
            return self._connect(create=False)
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None

    # -- pairs -------------------------------------------------------------

    @staticmethod
    def _find_pair(conn: sqlite3.Connection, pair: PairIdentity) -> sqlite3.Row | None:
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM pairs WHERE key = ? OR (left_hash = ? AND right_hash = ?) "
            "ORDER BY key = ? DESC, seen_at DESC LIMIT 1",
            (pair.key, pair.left_hash, pair.right_hash, pair.key),
        ).fetchone()
        if row is not None:
            return row
        # An article edited in place: each side has the same content or the same path.
        row = conn.execute(
            "SELECT * FROM pairs WHERE (left_hash = ? OR left_path = ?) "
            "AND (right_hash = ? OR right_path = ?) ORDER BY seen_at DESC LIMIT 1",
            (pair.left_hash, pair.left_path, pair.right_hash, pair.right_path),
        ).fetchone()
        return row

    def _pair_id_for_write(self, conn: sqlite3.Connection, pair: PairIdentity) -> int:
        row = self._find_pair(conn, pair)
        if row is None:
            cursor = conn.execute(
                "INSERT INTO pairs (key, left_hash, right_hash, left_path, right_path, "
                "left_title, right_title, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pair.key,
                    pair.left_hash,
                    pair.right_hash,
                    pair.left_path,
                    pair.right_path,
                    pair.left_title,
                    pair.right_title,
                    _now(),
                ),
            )
            return int(cursor.lastrowid or 0)
        conn.execute(
            "UPDATE pairs SET left_hash = ?, right_hash = ?, left_path = ?, right_path = ?, "
            "left_title = ?, right_title = ?, seen_at = ? WHERE id = ?",
            (
                pair.left_hash,
                pair.right_hash,
                pair.left_path,
                pair.right_path,
                pair.left_title,
                pair.right_title,
                _now(),
                row["id"],
            ),
        )
        return int(row["id"])

    # -- public API --------------------------------------------------------

    def for_pair(self, pair: PairIdentity) -> list[Bookmark]:
        """This pair's bookmarks, oldest first. Creates nothing.

        Raises:
            BookmarksUnavailable: the database cannot be read.
        """
        conn = self._reading()
        if conn is None:
            return []
        try:
            row = self._find_pair(conn, pair)
            if row is None:
                return []
            rows = conn.execute(
                "SELECT * FROM bookmarks WHERE pair_id = ? ORDER BY created_at, id", (row["id"],)
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None
        return [_row_to_bookmark(r) for r in rows]

    def list_all(self) -> list[tuple[PairRecord, list[Bookmark]]]:
        """Every pair that has bookmarks, most recently seen first. Creates nothing.

        Raises:
            BookmarksUnavailable: the database cannot be read.
        """
        conn = self._reading()
        if conn is None:
            return []
        try:
            pairs = conn.execute(
                "SELECT * FROM pairs WHERE id IN (SELECT pair_id FROM bookmarks) "
                "ORDER BY seen_at DESC, id DESC"
            ).fetchall()
            out = []
            for row in pairs:
                marks = conn.execute(
                    "SELECT * FROM bookmarks WHERE pair_id = ? ORDER BY created_at, id",
                    (row["id"],),
                ).fetchall()
                out.append((_row_to_pair(row), [_row_to_bookmark(r) for r in marks]))
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None
        return out

    def seen(self, pair: PairIdentity) -> None:
        """Record where a pair with bookmarks was opened (its paths, for display).

        Writes only to a pair already in the database: a pair without bookmarks,
        or no database at all, is left alone, so opening files creates nothing.

        Raises:
            BookmarksUnavailable: the database cannot be written.
        """
        conn = self._reading()
        if conn is None:
            return
        try:
            if self._find_pair(conn, pair) is None:
                return
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from None
        with self._writing() as conn:
            self._pair_id_for_write(conn, pair)

    def add(
        self,
        pair: PairIdentity,
        comparison: Comparison,
        side: Side,
        sentence_id: int,
        *,
        other_id: int | None = None,
        note: str = "",
    ) -> Bookmark:
        """Bookmark a sentence, or a link when ``other_id`` is given; committed at once.

        Args:
            pair: The pair's identity (:func:`pair_identity`).
            comparison: The comparison the ids refer to (their text is the anchor).
            side: The side of ``sentence_id``.
            sentence_id: The selected sentence.
            other_id: The linked sentence on the other side, for a link bookmark.
            note: The user's note.

        Raises:
            BookmarksUnavailable: the bookmark could not be saved.
            IndexError: an id is not a sentence of the comparison.
        """
        kind: BookmarkKind = "sentence"
        other_text: str | None = None
        if other_id is not None:
            kind = "link"
            # A link is stored left first, whichever side the reader was on.
            if side == "right":
                side, sentence_id, other_id = "left", other_id, sentence_id
            other_text = storable(comparison.right.sentences[other_id].text)
        text = storable(comparison.article(side).sentences[sentence_id].text)
        note = storable(note)
        now = _now()
        with self._writing() as conn:
            pair_id = self._pair_id_for_write(conn, pair)
            cursor = conn.execute(
                "INSERT INTO bookmarks (pair_id, kind, side, sentence_id, text, other_id, "
                "other_text, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (pair_id, kind, side, sentence_id, text, other_id, other_text, note, now, now),
            )
            new_id = int(cursor.lastrowid or 0)
        return Bookmark(
            id=new_id,
            kind=kind,
            side=side,
            sentence_id=sentence_id,
            text=text,
            other_id=other_id,
            other_text=other_text,
            note=note,
            created_at=now,
            updated_at=now,
        )

    def set_note(self, bookmark_id: int, note: str) -> None:
        """Replace a bookmark's note; committed at once.

        Raises:
            BookmarksUnavailable: the change could not be saved.
            KeyError: no such bookmark (another window deleted it).
        """
        with self._writing() as conn:
            cursor = conn.execute(
                "UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?",
                (storable(note), _now(), bookmark_id),
            )
            if cursor.rowcount == 0:
                raise KeyError(bookmark_id)

    def delete(self, bookmark_id: int) -> None:
        """Delete a bookmark; committed at once. Deleting one already gone is not an error.

        Raises:
            BookmarksUnavailable: the change could not be saved.
        """
        with self._writing() as conn:
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
