"""Bookmarks as saved: the record, and the SQLite database that keeps it.

- One database file, ``bookmarks.db`` in the data directory, in WAL mode so that
  two storydiff windows can read and write at once; every change is its own
  short ``BEGIN IMMEDIATE`` transaction, committed at once, and a busy timeout
  makes a writer wait for the other instead of failing.
- Nothing is created until the first write: listing bookmarks for a pair that
  has none, with no database yet, reads nothing and creates nothing.
- The schema moves up by numbered migrations, each in one transaction; a
  database from a newer storydiff is refused, not rewritten.
- A damaged database is kept under a new name (named in
  :meth:`BookmarkStore.take_notices`) and what can still be read from it
  (:mod:`tui.store.salvage`) goes into a new one, which says how many bookmarks
  came back.
- A data directory that cannot be written (a read-only disk) turns saving off,
  not reading: the database is opened read-only, so saved bookmarks still show,
  list and export. One that cannot be used at all (a file where the folder
  should be) says what is wrong instead of listing nothing.
- A full disk, an I/O error or the other window's lock fails that one change
  with a message and leaves saving on, so the next try can succeed.

Which pair a comparison is lives in :mod:`tui.store.pairs`; finding a saved
bookmark's sentence in a new comparison, in :mod:`tui.store.anchoring`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from tui.engine import Comparison, Side, other_side

from .pairs import PairIdentity, storable
from .salvage import Row, Salvage, Table, read_damaged

BookmarkKind = Literal["sentence", "link"]

DB_NAME = "bookmarks.db"
# How long a writer waits for the other window's transaction before giving up.
BUSY_TIMEOUT_S = 30.0

# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
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
    (
        # Each bookmark names its pair by key too, so that a repair can give it
        # back to its pair when the pair's own row was on a damaged page.
        "ALTER TABLE bookmarks ADD COLUMN pair_key TEXT",
        "UPDATE bookmarks SET pair_key = "
        "(SELECT key FROM pairs WHERE pairs.id = bookmarks.pair_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# The columns as the latest migration leaves them (a migration that adds one adds
# it here too): what a repair carries from a damaged database into a new one.
PAIR_COLUMNS = (
    "id",
    "key",
    "left_hash",
    "right_hash",
    "left_path",
    "right_path",
    "left_title",
    "right_title",
    "seen_at",
)
BOOKMARK_COLUMNS = (
    "id",
    "pair_id",
    "kind",
    "side",
    "sentence_id",
    "text",
    "other_id",
    "other_text",
    "note",
    "created_at",
    "updated_at",
    "pair_key",
)
# How many of BOOKMARK_COLUMNS the first schema had: a row saved then holds no more.
_FIRST_BOOKMARK_COLUMNS = 11
# Where a bookmark whose pair was lost with a damaged page is listed.
LOST_PAIR_PATH = "(unknown: its record was in the damaged part of an old database)"


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


Failure = Literal["damage", "busy", "full", "io", "read-only", "other"]


def _failure(exc: BaseException) -> Failure:
    """What an error means for the store.

    ``damage``: the file is not a sound database; ``busy``: the other window
    holds the lock; ``full`` and ``io``: this write failed, the next may not;
    ``read-only``: no write will work here; ``other``: anything else.
    """
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if exc.errno == errno.EIO:
            return "io"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read-only"
        return "other"
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    message = str(exc).lower()
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
        primary is None and ("not a database" in message or "malformed" in message)
    ):
        return "damage"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in message:
        return "busy"
    if primary == _SQLITE_FULL or "disk is full" in message:
        return "full"
    if primary == _SQLITE_IOERR or "disk i/o error" in message:
        return "io"
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM) or "readonly" in message:
        return "read-only"
    return "other"


def _is_damage(exc: BaseException) -> bool:
    return _failure(exc) == "damage"


def _str_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _int_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _valid_pair(row: Row) -> bool:
    return (
        isinstance(row.get("id"), int)
        and all(
            isinstance(row.get(name), str) and row[name]
            for name in ("key", "left_path", "right_path", "seen_at")
        )
        and all(isinstance(row.get(name), str) for name in ("left_hash", "right_hash"))
        and all(_str_or_none(row.get(name)) for name in ("left_title", "right_title"))
    )


def _valid_bookmark(row: Row) -> bool:
    return (
        isinstance(row.get("id"), int)
        and isinstance(row.get("pair_id"), int)
        and row.get("kind") in ("sentence", "link")
        and row.get("side") in ("left", "right")
        and isinstance(row.get("sentence_id"), int)
        and isinstance(row.get("text"), str)
        and _int_or_none(row.get("other_id"))
        and _str_or_none(row.get("other_text"))
        and _str_or_none(row.get("note"))
        and isinstance(row.get("created_at"), str)
        and _str_or_none(row.get("updated_at"))
        and _str_or_none(row.get("pair_key"))
    )


_SALVAGED = (
    Table("pairs", PAIR_COLUMNS, _valid_pair, newest="seen_at"),
    Table(
        "bookmarks",
        BOOKMARK_COLUMNS,
        _valid_bookmark,
        newest="updated_at",
        least=_FIRST_BOOKMARK_COLUMNS,
    ),
)

T = TypeVar("T")


class BookmarkStore:
    """The bookmarks database in one data directory.

    Creating a store does no I/O. The first read opens an existing database (and
    checks it): read-write when saving is possible, else read-only. The first
    write creates the directory and the database. Every method raises
    :class:`BookmarksUnavailable` with a one-line message when it cannot do its
    job; :attr:`enabled` says whether saving is still possible, :attr:`readable`
    whether reading is.

    Args:
        directory: The data directory (see :func:`tui.store.paths.data_dir`).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self._conn: sqlite3.Connection | None = None
        # Whether _conn is the database file opened for writing (not read-only,
        # not a copy in memory), and which file it opened (device, inode).
        self._conn_writes = False
        self._conn_file: tuple[int, int] | None = None
        # Why saving is off for good (a read-only disk), and why even reading is
        # impossible (a file where the folder should be); one line each.
        self._write_off: str | None = None
        self._unusable: str | None = None
        self._notices: list[str] = []

    # -- state -------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """Whether bookmarks can be saved (False on a read-only disk, and the like)."""
        return self._write_off is None and self._unusable is None

    @property
    def readable(self) -> bool:
        """Whether saved bookmarks can be read (False when the data directory is unusable)."""
        return self._unusable is None

    def take_notices(self) -> list[str]:
        """One-line messages for the user (a damaged database repaired), once each."""
        notices, self._notices = self._notices, []
        return notices

    def unwritable_reason(self) -> str | None:
        """Why bookmarks cannot be saved here, found without creating anything.

        Looks at the database file if it exists, else at the nearest existing
        ancestor of the data directory. Returns ``None`` when a write should work
        (the first write still has the last word), else a one-line message; in
        that case saving is off (:attr:`enabled` is False).
        """
        if self._unusable is not None:
            return self._unusable
        if self._write_off is not None:
            return self._write_off
        problem = self._folder_problem()
        if problem is not None:
            self._unusable = problem
            return problem
        reason: str | None = None
        if self.path.exists():
            if not os.access(self.directory, os.W_OK | os.X_OK):
                reason = f"{self.directory} is read-only"
            elif not os.access(self.path, os.W_OK):
                reason = f"{self.path} is read-only"
        else:
            ancestor = self.directory
            while not ancestor.exists() and ancestor != ancestor.parent:
                ancestor = ancestor.parent
            if not os.access(ancestor, os.W_OK | os.X_OK):
                reason = (
                    f"{ancestor} is read-only"
                    if ancestor == self.directory
                    else f"the data directory {self.directory} cannot be created "
                    f"({ancestor} is read-only)"
                )
        if reason is not None:
            self._write_off = f"saving bookmarks is off: {reason}"
        return self._write_off

    def close(self) -> None:
        """Close the database connection, if open."""
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._conn_writes = False
        self._conn_file = None

    # -- the data directory ------------------------------------------------

    def _folder_problem(self) -> str | None:
        """Why the data directory or its database cannot be used at all, or None.

        A missing directory is no problem (the first write creates it), unless
        a file stands where it or one of its folders should be.
        """
        try:
            found = os.stat(self.directory)
        except (FileNotFoundError, NotADirectoryError):
            in_the_way = self._file_in_the_way()
            if in_the_way is None:
                return None
            return (
                f"bookmarks are disabled: the data directory {self.directory} cannot be "
                f"created ({in_the_way} is a file, not a folder)"
            )
        except OSError as exc:
            return (
                f"bookmarks are disabled: cannot use the data directory {self.directory} "
                f"({exc.strerror or exc})"
            )
        if not stat.S_ISDIR(found.st_mode):
            return (
                f"bookmarks are disabled: the data directory {self.directory} "
                "is a file, not a folder"
            )
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"bookmarks are disabled: cannot use {self.path} ({exc.strerror or exc})"
        if stat.S_ISDIR(found.st_mode):
            return f"bookmarks are disabled: {self.path} is a folder, not a database"
        if not stat.S_ISREG(found.st_mode):
            # A pipe or a device: opening one can wait forever, or read without end.
            return f"bookmarks are disabled: {self.path} is not a regular file"
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(DB_NAME + suffix)
            try:
                found = os.stat(companion)
            except FileNotFoundError:
                continue
            except OSError as exc:
                return f"bookmarks are disabled: cannot use {companion} ({exc.strerror or exc})"
            if not stat.S_ISREG(found.st_mode):
                return (
                    f"bookmarks are disabled: {companion} is not a regular file "
                    "(SQLite keeps the database's log there)"
                )
        return None

    def _file_in_the_way(self) -> Path | None:
        """The nearest existing ancestor of the data directory when it is not a folder."""
        for ancestor in self.directory.parents:
            try:
                found = os.stat(ancestor)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                return None
            return None if stat.S_ISDIR(found.st_mode) else ancestor
        return None

    def _unusable_now(self, reason: str) -> BookmarksUnavailable:
        self.close()
        self._unusable = f"bookmarks are disabled: {reason}"
        return BookmarksUnavailable(self._unusable)

    def _saving_off(self, reason: str) -> BookmarksUnavailable:
        self._write_off = f"saving bookmarks is off: {reason}"
        return BookmarksUnavailable(self._write_off)

    # -- opening -----------------------------------------------------------

    def _current(self) -> sqlite3.Connection | None:
        """The open connection, unless its file was moved away (by the other window's repair)."""
        if self._conn is None or self._conn_file is None:
            return self._conn
        try:
            found = os.stat(self.path)
        except OSError:
            found = None
        if found is None or (found.st_dev, found.st_ino) != self._conn_file:
            self.close()
        return self._conn

    def _use(
        self, conn: sqlite3.Connection, *, writes: bool, file: Path | None
    ) -> sqlite3.Connection:
        self.close()
        self._conn = conn
        self._conn_writes = writes
        if file is not None:
            found = os.stat(file)
            self._conn_file = (found.st_dev, found.st_ino)
        return conn

    def _reading(self) -> sqlite3.Connection | None:
        """A connection to read from; None when there is no database (nothing saved)."""
        if self._unusable is not None:
            raise BookmarksUnavailable(self._unusable)
        conn = self._current()
        if conn is not None:
            return conn
        problem = self._folder_problem()
        if problem is not None:
            self._unusable = problem
            raise BookmarksUnavailable(problem)
        if not self.path.exists():
            return None
        self.unwritable_reason()
        return self._open_existing()

    def _open_existing(self) -> sqlite3.Connection | None:
        """Open the database there is: for writing when saving is on, else read-only."""
        if self._write_off is None:
            try:
                conn = self._open_file()
            except sqlite3.DatabaseError as exc:
                failure = _failure(exc)
                if failure == "damage":
                    return self._repair(exc)
                if failure == "read-only":
                    self._saving_off(f"{self.path} cannot be written ({exc})")
                elif failure not in ("busy", "full", "io"):
                    raise self._unusable_now(f"cannot open {self.path} ({exc})") from None
                # Busy, full or failing: read it read-only meanwhile; a write tries again.
            else:
                return self._use(conn, writes=True, file=self.path)
        try:
            conn = self._open_read_only()
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                return self._repair(exc)
            raise self._unusable_now(f"cannot read {self.path} ({exc})") from None
        version = self._version(conn)
        if version == 0:
            conn.close()  # a file with no tables yet: nothing was saved in it
            return None
        if version != SCHEMA_VERSION:
            conn.close()
            if version > SCHEMA_VERSION:
                raise self._unusable_now(self._newer(version))
            raise self._unusable_now(
                f"{self.path} needs an upgrade (schema {version} to {SCHEMA_VERSION}), "
                f"which cannot be written ({self._write_off or 'the file is busy'})"
            )
        return self._use(conn, writes=False, file=None if self._in_memory(conn) else self.path)

    @staticmethod
    def _in_memory(conn: sqlite3.Connection) -> bool:
        return any(row[2] == "" for row in conn.execute("PRAGMA database_list"))

    def _newer(self, version: int) -> str:
        return (
            f"{self.path} was written by a newer storydiff "
            f"(schema {version}, this one knows {SCHEMA_VERSION})"
        )

    @staticmethod
    def _configure(conn: sqlite3.Connection, *, check: bool = True) -> None:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not check:
            return
        # The check reads every page; a bookmarks file is small, and finding
        # damage now beats a failure in the middle of the user's work.
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise sqlite3.DatabaseError(
                f"database disk image is malformed: {result[0] if result else 'no answer'}"
            )

    def _open_file(self) -> sqlite3.Connection:
        """The database file opened for writing, checked and migrated."""
        self._probe()
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so that a write
        # transaction takes its lock up front (no deadlock between two windows).
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self._configure(conn, check=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # A deleted bookmark is overwritten, not left in a free page where a
            # repair reading page by page could bring it back.
            conn.execute("PRAGMA secure_delete = ON")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _probe(self) -> None:
        """Check the database file through a read-only connection before writing to it.

        Closing the last writing connection merges the write-ahead log into the
        file: done to a damaged file, that would change the copy kept for the
        user. A read-only connection never does. Anything but damage (a
        folder that cannot take the log's index, the other window busy) is
        left to the writing connection to meet.
        """
        if not self.path.exists():
            return
        try:
            conn = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
            )
        except sqlite3.Error:
            return
        try:
            self._configure(conn)
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                raise
        finally:
            conn.close()

    def _open_read_only(self) -> sqlite3.Connection:
        """The database opened for reading only: saving is off, reading must still work.

        In a folder that cannot be written, SQLite cannot make the files a
        write-ahead-log database is read with; a database with no pending log
        is then opened as immutable, and one with a log is read from a private
        copy of both, in memory.
        """
        uri = self.path.absolute().as_uri()
        wal = self.path.with_name(DB_NAME + "-wal")
        try:
            return self._checked(
                sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            )
        except sqlite3.DatabaseError as exc:
            if _failure(exc) not in ("read-only", "io"):
                raise
        try:
            pending = wal.stat().st_size > 0
        except OSError:
            pending = False
        if not pending:
            return self._checked(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True))
        return self._snapshot()

    def _checked(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _snapshot(self) -> sqlite3.Connection:
        """The database and its log, copied into memory (the folder cannot be written)."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            with tempfile.TemporaryDirectory(prefix="storydiff-read-") as folder:
                copy = Path(folder) / DB_NAME
                shutil.copyfile(self.path, copy)
                shutil.copyfile(
                    self.path.with_name(DB_NAME + "-wal"), copy.with_name(DB_NAME + "-wal")
                )
                source = sqlite3.connect(copy)
                try:
                    self._configure(source)
                    source.backup(memory)
                finally:
                    source.close()
        except OSError as exc:
            memory.close()
            raise sqlite3.OperationalError(
                f"cannot copy it to read it ({exc.strerror or exc})"
            ) from None
        except BaseException:
            memory.close()
            raise
        memory.row_factory = sqlite3.Row
        return memory

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if self._version(conn) == SCHEMA_VERSION:
            return
        with self._transaction(conn):
            # Read again inside the lock: another window may have migrated meanwhile.
            version = self._version(conn)
            if version > SCHEMA_VERSION:
                raise self._unusable_now(self._newer(version))
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
            # A full disk often shows only here, when the log is written.
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    # -- writing -----------------------------------------------------------

    def _connect_for_write(self) -> sqlite3.Connection:
        if self._unusable is not None:
            raise BookmarksUnavailable(self._unusable)
        if self._write_off is not None:
            raise BookmarksUnavailable(self._write_off)
        conn = self._current()
        if conn is not None and self._conn_writes:
            return conn
        self.close()  # a read-only connection: writing needs the file itself
        problem = self._folder_problem()
        if problem is not None:
            self._unusable = problem
            raise BookmarksUnavailable(problem)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._write_failed(
                exc, f"cannot create the data directory {self.directory}"
            ) from None
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        pause = 0.01
        attempt = 0
        while attempt < 2:
            try:
                conn = self._open_file()
            except sqlite3.DatabaseError as exc:
                # Opening can meet the other window's lock where SQLite's own wait
                # does not apply (the first window creating the file, switching it
                # to WAL, migrating): wait and try again, as the busy timeout would.
                if _failure(exc) == "busy" and time.monotonic() + pause < deadline:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.5)
                    continue
                if _is_damage(exc) and attempt == 0:
                    self._repair(exc)
                    if self._conn is not None and not self._conn_writes:
                        # Repaired in memory only (this folder cannot take the new file).
                        raise BookmarksUnavailable(
                            self._write_off or f"not saved: {self.path} is damaged; try again"
                        ) from None
                    self.close()
                    attempt += 1
                    continue
                raise self._write_failed(exc, f"cannot open {self.path}") from None
            return self._use(conn, writes=True, file=self.path)
        raise self._unusable_now(f"cannot open {self.path}")  # pragma: no cover - loop returns

    def _write_failed(self, exc: BaseException, what: str) -> BookmarksUnavailable:
        """The error for a change that failed; only a lasting cause turns saving off."""
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        failure = _failure(exc)
        if failure == "busy":
            return BookmarksUnavailable(
                f"bookmarks are busy in another window, try again ({detail})"
            )
        if failure == "full":
            return BookmarksUnavailable(
                f"not saved: {what}: {detail}; free some space and try again"
            )
        if failure == "io":
            return BookmarksUnavailable(f"not saved: {what}: {detail}; try again")
        if failure == "read-only":
            return self._saving_off(f"{what} ({detail})")
        self.close()
        return self._saving_off(f"{what} ({detail})")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect_for_write()
        try:
            with self._transaction(conn):
                yield conn
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                self.close()
                self._repair(exc)
                told = self._notices.pop() if self._notices else f"{self.path} is damaged."
                raise BookmarksUnavailable(f"not saved: {told} Try again.") from None
            raise self._write_failed(exc, f"cannot write {self.path}") from None

    def _read(self, query: Callable[[sqlite3.Connection], T], empty: T) -> T:
        """Run a read; a database found damaged meanwhile is repaired and read again."""
        for attempt in range(2):
            conn = self._reading()
            if conn is None:
                return empty
            try:
                return query(conn)
            except sqlite3.DatabaseError as exc:
                failure = _failure(exc)
                if failure == "damage" and attempt == 0 and self._conn_file is not None:
                    self._repair(exc)
                    continue
                if failure in ("busy", "full", "io"):
                    raise BookmarksUnavailable(
                        f"cannot read {self.path} now ({exc}); try again"
                    ) from None
                raise self._unusable_now(f"cannot read {self.path} ({exc})") from None
        return empty  # pragma: no cover - the second attempt returns or raises

    # -- damage ------------------------------------------------------------

    def _repair(self, exc: sqlite3.Error) -> sqlite3.Connection | None:
        """Keep the damaged database aside and carry what still reads into a new one.

        Returns the connection to read from next: the new database, the
        bookmarks read back held in memory when this folder cannot take a new
        file (the damaged one is then left as it was), or None when nothing
        came back and no database is left (the next write starts one).
        """
        # Closing a connection that found the damage mid-session merges its log
        # into the file first: the copy kept then holds the latest changes too.
        self.close()
        salvage = read_damaged(self.path, _SALVAGED)
        built: Path | None = None
        marks = 0
        moved: Path | None = None
        target = self._aside_name()
        try:
            if self._write_off is not None:
                raise OSError(errno.EROFS, self._write_off)
            if salvage.rows["bookmarks"]:
                built, marks = self._build(salvage)
            self._move_aside(target)
            moved = target
            if built is not None:
                os.replace(built, self.path)
                built = None
        except FileNotFoundError:
            if built is not None:
                self._remove(built)
            # The other window moved it first (and repairs it): read what it leaves.
            return None
        except (OSError, sqlite3.Error) as err:
            if built is not None:
                self._remove(built)
            return self._repair_in_memory(exc, err, salvage, moved)
        self._notices.append(self._repaired(exc, target, salvage, marks))
        if not marks:
            return None
        try:
            conn = self._open_file()
        except sqlite3.DatabaseError as err:
            raise self._unusable_now(f"cannot open the repaired {self.path} ({err})") from None
        return self._use(conn, writes=True, file=self.path)

    @staticmethod
    def _repaired(exc: sqlite3.Error, target: Path, salvage: Salvage, marks: int) -> str:
        said = f"The bookmarks database was damaged ({exc}); it was kept as {target}"
        if marks:
            came = "1 bookmark came" if marks == 1 else f"{marks} bookmarks came"
            more = "" if salvage.complete else " (its damaged part may have held more)"
            return f"{said}, and {came} back into a new one{more}."
        if salvage.complete:
            return f"{said} and a new one was started (it held no bookmarks)."
        why = f": {salvage.error}" if salvage.error else ""
        return f"{said} and a new one was started; none of its bookmarks could be read back{why}."

    def _repair_in_memory(
        self, exc: sqlite3.Error, err: BaseException, salvage: Salvage, moved: Path | None
    ) -> sqlite3.Connection:
        """What was read back, shown from memory: no new database could be written here.

        The damaged file stays as it was (or under ``moved``, if it was moved
        aside before the failure).
        """
        if self._write_off is not None:
            reason = self._write_off.removeprefix("saving bookmarks is off: ")
        else:
            reason = (err.strerror if isinstance(err, OSError) else None) or str(err)
        if _failure(err) == "read-only" and self._write_off is None:
            self._saving_off(f"{self.path} is damaged and cannot be repaired here ({reason})")
        memory = sqlite3.connect(":memory:", isolation_level=None)
        memory.row_factory = sqlite3.Row
        self._migrate(memory)
        marks = self._fill(memory, salvage)
        more = "" if salvage.complete else " (its damaged part may have held more)"
        kept = "it was left as it was" if moved is None else f"it was kept as {moved}"
        self._notices.append(
            f"The bookmarks database {self.path} is damaged ({exc}) and could not be "
            f"repaired ({reason}); {kept}. {marks} of its bookmarks could be "
            f"read and are shown{more}; saving works again once it can be repaired."
        )
        return self._use(memory, writes=False, file=None)

    def _aside_name(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{DB_NAME}.damaged-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{DB_NAME}.damaged-{stamp}-{counter}")
        return target

    def _move_aside(self, target: Path) -> None:
        """Keep a damaged database under a new name: a rename keeps every byte of it."""
        os.rename(self.path, target)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(DB_NAME + suffix)
            if companion.exists():
                os.rename(companion, target.with_name(target.name + suffix))

    def _build(self, salvage: Salvage) -> tuple[Path, int]:
        """A new database, beside the damaged one, holding what was read back.

        Returns:
            Its path (a hidden name until it takes the damaged one's place) and
            how many bookmarks it holds.
        """
        temp = self.directory / f".{DB_NAME}.repair-{secrets.token_hex(4)}"
        try:
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.row_factory = sqlite3.Row
                self._migrate(conn)
                marks = self._fill(conn, salvage)
            finally:
                conn.close()
        except BaseException:
            self._remove(temp)
            raise
        return temp, marks

    @staticmethod
    def _remove(temp: Path) -> None:
        for path in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(OSError):
                os.unlink(path)

    @staticmethod
    def _fill(conn: sqlite3.Connection, salvage: Salvage) -> int:
        """Insert what was read back; returns how many bookmarks went in.

        A bookmark whose pair's row was lost gets a stand-in pair (see
        :meth:`_lost_pairs`); a row the schema refuses is left out.
        """
        now = _now()
        marks = 0
        with BookmarkStore._transaction(conn):
            pairs: set[int] = set()
            for row in salvage.rows["pairs"]:
                values = [
                    storable(value) if isinstance(value, str) else value
                    for value in (row.get(name) for name in PAIR_COLUMNS)
                ]
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO pairs ({', '.join(PAIR_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(PAIR_COLUMNS))})",
                    values,
                )
                if cursor.rowcount:
                    pairs.add(row["id"])
            owner = BookmarkStore._lost_pairs(conn, salvage, pairs, now)
            for row in salvage.rows["bookmarks"]:
                mark = dict(row)
                mark["pair_id"] = owner.get(mark["pair_id"], mark["pair_id"])
                mark["note"] = mark.get("note") or ""
                mark["updated_at"] = mark.get("updated_at") or mark["created_at"]
                if mark["kind"] == "link" and mark.get("other_id") is None:
                    mark["kind"] = "sentence"
                values = [
                    storable(value) if isinstance(value, str) else value
                    for value in (mark.get(name) for name in BOOKMARK_COLUMNS)
                ]
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO bookmarks ({', '.join(BOOKMARK_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(BOOKMARK_COLUMNS))})",
                    values,
                )
                marks += cursor.rowcount
        return marks

    @staticmethod
    def _lost_pairs(
        conn: sqlite3.Connection, salvage: Salvage, pairs: set[int], now: str
    ) -> dict[int, int]:
        """A pair for the bookmarks whose pair's row did not come back: its id for each.

        A bookmark saved since pairs were named in bookmarks (schema 2) knows its
        pair's key, and the pair is found again when its articles are next
        opened; one saved before gets a pair of its own, listed as unknown.
        """
        lost: dict[int, list[Row]] = {}
        for row in salvage.rows["bookmarks"]:
            if row["pair_id"] not in pairs:
                lost.setdefault(row["pair_id"], []).append(row)
        owner: dict[int, int] = {}
        for pair_id, marks in lost.items():
            keys = [
                m["pair_key"]
                for m in sorted(marks, key=lambda m: m["created_at"])
                if m.get("pair_key")
            ]
            key = storable(keys[-1]) if keys else f"lost-{pair_id}-{secrets.token_hex(4)}"
            found = conn.execute("SELECT id FROM pairs WHERE key = ?", (key,)).fetchone()
            if found is None:
                cursor = conn.execute(
                    "INSERT INTO pairs (key, left_hash, right_hash, left_path, right_path, "
                    "seen_at) VALUES (?, '', '', ?, ?, ?)",
                    (key, LOST_PAIR_PATH, LOST_PAIR_PATH, now),
                )
                owner[pair_id] = int(cursor.lastrowid or 0)
            else:
                owner[pair_id] = int(found[0])
        return owner

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

        def query(conn: sqlite3.Connection) -> list[Bookmark]:
            row = self._find_pair(conn, pair)
            if row is None:
                return []
            rows = conn.execute(
                "SELECT * FROM bookmarks WHERE pair_id = ? ORDER BY created_at, id", (row["id"],)
            ).fetchall()
            return [_row_to_bookmark(r) for r in rows]

        return self._read(query, [])

    def list_all(self) -> list[tuple[PairRecord, list[Bookmark]]]:
        """Every pair that has bookmarks, most recently seen first. Creates nothing.

        Raises:
            BookmarksUnavailable: the database cannot be read.
        """

        def query(conn: sqlite3.Connection) -> list[tuple[PairRecord, list[Bookmark]]]:
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
            return out

        return self._read(query, [])

    def seen(self, pair: PairIdentity) -> None:
        """Record where a pair with bookmarks was opened (its paths, for display).

        Writes only to a pair already in the database: a pair without bookmarks,
        or no database at all, is left alone, so opening files creates nothing.
        Best effort: when it cannot be written (saving is off, the disk is full,
        the other window is busy) nothing is recorded and nothing is raised.
        """
        if not self.enabled:
            return
        with contextlib.suppress(BookmarksUnavailable):
            if not self._read(lambda conn: self._find_pair(conn, pair) is not None, False):
                return
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
                "other_text, note, created_at, updated_at, pair_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pair_id,
                    kind,
                    side,
                    sentence_id,
                    text,
                    other_id,
                    other_text,
                    note,
                    now,
                    now,
                    pair.key,
                ),
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
