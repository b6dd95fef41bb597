"""What can still be read from a damaged database.

Two readers, the first preferred:

- Through SQLite. A table is a b-tree: a damaged page stops a scan where it
  lies, but the rows on the other pages are still reachable by seeking past
  it. Each table is scanned in id order; when a read fails, seeks go ever
  further ahead (1, 2, 4 ... ids) until one succeeds, and the ids jumped over
  are read by halving the range, so only the rows on damaged pages are lost.
- Page by page, for a table that lost rows that way. A damaged first page
  (the file header and the list of tables) or a damaged branch page hides
  every row below it from SQLite, though the leaf pages holding the rows are
  whole. Every leaf page of the file is then decoded (SQLite's file format is
  documented and stable: https://www.sqlite.org/fileformat2.html), and a
  record is kept when the table's own check accepts it. Pages on the free list
  (deleted rows) are skipped.

The damaged file is never opened in place: SQLite reads a private copy (with
its write-ahead log, which holds the latest changes), so the file kept for the
user stays byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = dict[str, Any]

# Reads allowed per table before giving up on the rest: a damaged file could
# otherwise send the halving over billions of ids. A table that reaches it has
# far more rows than any reader makes.
_BUDGET = 50_000
# storydiff's ids start at 1 (SQLite's own choice for a new row); the largest
# a row id can be is a signed 64-bit integer's.
_LAST_ID = 2**63 - 1
_MAGIC = b"SQLite format 3\x00"
_TABLE_LEAF = 0x0D
# The largest file read back (with its log): a bookmarks database of this size
# holds tens of thousands of long notes, and a larger "database" is most likely
# something else, not worth copying and holding in memory.
MAX_BYTES = 64 * 2**20
# Page sizes tried, most likely first, when the header that says it is damaged.
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)


@dataclass(frozen=True)
class Table:
    """A table to salvage.

    Attributes:
        name: Its name.
        columns: Its columns in order, the first an ``INTEGER PRIMARY KEY``
            (stored as the row id).
        valid: Whether a row read back is one (a record of another table, or
            one bent by the damage, is not).
        newest: The column that says which of two copies of a row is newer.
        least: The fewest values a record of it holds: a row written before a
            column was added has no value for it (read as None). Every column
            by default.
    """

    name: str
    columns: Sequence[str]
    valid: Callable[[Row], bool]
    newest: str
    least: int = 0


@dataclass
class Salvage:
    """The rows read back from a damaged database, by table name, in id order.

    Attributes:
        rows: The rows of each table that read and passed its check.
        complete: True when SQLite read every table whole: nothing was lost.
        error: Why nothing at all could be read (the file could not be copied).
    """

    rows: dict[str, list[Row]] = field(default_factory=dict)
    complete: bool = True
    error: str | None = None


def read_damaged(path: Path, tables: Sequence[Table]) -> Salvage:
    """Read every row of ``tables`` that a damaged database still gives.

    Args:
        path: The damaged database; its ``-wal`` companion is read too when present.
        tables: The tables to read.

    Returns:
        What was read. Nothing is raised for damage, however bad.
    """
    salvage = Salvage(rows={table.name: [] for table in tables})
    wal = path.with_name(path.name + "-wal")
    try:
        size = path.stat().st_size + (wal.stat().st_size if wal.is_file() else 0)
        if size > MAX_BYTES:
            salvage.error = (
                f"the file is too large ({size / 2**20:.0f} MB, more than {MAX_BYTES // 2**20} MB)"
            )
            salvage.complete = False
            return salvage
        with tempfile.TemporaryDirectory(prefix="storydiff-salvage-") as folder:
            copy = Path(folder) / "damaged.db"
            shutil.copyfile(path, copy)
            if wal.is_file():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            partial = _read_with_sqlite(copy, tables, salvage)
            if partial:
                salvage.complete = False
                # The pages are the damaged file's own bytes: whatever they hold
                # ends this reader, never the caller.
                with contextlib.suppress(_Damaged, IndexError, struct.error, ValueError):
                    _read_pages(copy, [t for t in tables if t.name in partial], salvage)
    except OSError as exc:
        salvage.error = f"the file could not be copied to be read ({exc.strerror or exc})"
        salvage.complete = False
    return salvage


# --- through SQLite -------------------------------------------------------------------


def _read_with_sqlite(copy: Path, tables: Sequence[Table], salvage: Salvage) -> set[str]:
    """Fill ``salvage`` through SQLite; returns the names of the tables that lost rows."""
    partial: set[str] = set()
    try:
        conn = sqlite3.connect(copy, isolation_level=None)
    except sqlite3.Error:
        return {table.name for table in tables}
    try:
        for table in tables:
            rows: list[Row] = []
            if not _scan(conn, table.name, rows):
                partial.add(table.name)
            salvage.rows[table.name] = _checked(table, rows)
        if partial:
            # Write the log's pages into the copy, so the page reader sees the
            # latest version of each; a copy too damaged for it is read as it is.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return partial


def _checked(table: Table, rows: list[Row]) -> list[Row]:
    kept = []
    for row in rows:
        row.pop("salvage_rowid", None)
        if table.valid(row):
            kept.append(row)
    return kept


class _Reader:
    """Reads of one table, counted against the budget."""

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        self.conn = conn
        self.table = table
        self.left = _BUDGET

    def rows(self, after: int, upto: int | None = None) -> Iterator[Row]:
        """Rows with ``after < id (<= upto)``, in id order; raises on damage."""
        self.left -= 1
        sql = f'SELECT rowid AS salvage_rowid, * FROM "{self.table}" WHERE rowid > ?'
        args: tuple[int, ...] = (after,)
        if upto is not None:
            sql += " AND rowid <= ?"
            args = (after, upto)
        cursor = self.conn.execute(sql + " ORDER BY rowid", args)
        names = [column[0] for column in cursor.description]
        for values in cursor:
            yield dict(zip(names, values, strict=True))

    def seeks_past(self, after: int) -> bool:
        """Whether a seek just past ``after`` reads (finding a row, or the end)."""
        self.left -= 1
        try:
            self.conn.execute(
                f'SELECT rowid FROM "{self.table}" WHERE rowid > ? ORDER BY rowid LIMIT 1',
                (after,),
            ).fetchall()
        except sqlite3.DatabaseError:
            return False
        return True


def _scan(conn: sqlite3.Connection, table: str, out: list[Row]) -> bool:
    """Append every row of ``table`` SQLite can read to ``out``; True when none was lost."""
    reader = _Reader(conn, table)
    after = 0
    whole = True
    while reader.left > 0:
        try:
            # Row by row, so that the rows before a damaged page are kept.
            for row in reader.rows(after):
                out.append(row)
                after = row["salvage_rowid"]
            return whole
        except sqlite3.DatabaseError:
            whole = False
        jump = 1
        while after + jump < _LAST_ID and not reader.seeks_past(after + jump):
            jump *= 2
        if after + jump >= _LAST_ID:
            break  # nothing past here reads
        _fill(reader, after, after + jump, out)
        after += jump
    return False


def _fill(reader: _Reader, after: int, upto: int, out: list[Row]) -> None:
    """Append the readable rows with ``after < id <= upto``, halving the range where it fails."""
    if reader.left <= 0:
        return
    try:
        rows = list(reader.rows(after, upto))
    except sqlite3.DatabaseError:
        if upto - after <= 1:
            return  # this row is on a damaged page
        middle = after + (upto - after) // 2
        _fill(reader, after, middle, out)
        _fill(reader, middle, upto, out)
        return
    out.extend(rows)


# --- page by page ---------------------------------------------------------------------


class _Damaged(Exception):
    """A page, cell or record that does not decode."""


def _read_pages(copy: Path, tables: Sequence[Table], salvage: Salvage) -> None:
    """Add to ``salvage`` the rows of ``tables`` found by decoding every leaf page."""
    data = copy.read_bytes()
    header_ok = data[:16] == _MAGIC and len(data) >= 100
    sizes: Sequence[int] = _PAGE_SIZES
    reserved = 0
    if header_ok:
        declared = struct.unpack(">H", data[16:18])[0]
        declared = 65536 if declared == 1 else declared
        if declared in _PAGE_SIZES:
            sizes = (declared,)
            reserved = data[20]
    best: dict[str, dict[int, Row]] = {}
    for size in sizes:
        free = _free_pages(data, size, reserved) if header_ok else set()
        found = _records(data, size, size - reserved, free, tables)
        if sum(map(len, found.values())) > sum(map(len, best.values())):
            best = found
    for table in tables:
        have = {row[table.columns[0]] for row in salvage.rows[table.name]}
        more = [row for key, row in best.get(table.name, {}).items() if key not in have]
        key = table.columns[0]
        salvage.rows[table.name] = sorted(salvage.rows[table.name] + more, key=lambda r: r[key])


def _records(
    data: bytes, size: int, usable: int, free: set[int], tables: Sequence[Table]
) -> dict[str, dict[int, Row]]:
    found: dict[str, dict[int, Row]] = {table.name: {} for table in tables}
    for number in range(1, len(data) // size + 1):
        if number in free:
            continue
        start = (number - 1) * size
        page = data[start : start + size]
        offset = 100 if number == 1 else 0
        if page[offset] != _TABLE_LEAF:
            continue
        for rowid, values in _leaf_cells(data, page, offset, size, usable):
            for table in tables:
                if len(values) < (table.least or len(table.columns)) or values[0] is not None:
                    continue
                row = dict.fromkeys(table.columns)
                row.update(zip(table.columns, values, strict=False))
                row[table.columns[0]] = rowid
                if not table.valid(row):
                    continue
                kept = found[table.name].get(rowid)
                if kept is None or str(row[table.newest]) > str(kept[table.newest]):
                    found[table.name][rowid] = row
    return found


def _leaf_cells(
    data: bytes, page: bytes, offset: int, size: int, usable: int
) -> Iterator[tuple[int, list[Any]]]:
    """Each cell of a table leaf page that decodes: its row id and its values."""
    count = struct.unpack(">H", page[offset + 3 : offset + 5])[0]
    pointers = offset + 8
    for index in range(count):
        at = pointers + 2 * index
        if at + 2 > size:
            return
        cell = struct.unpack(">H", page[at : at + 2])[0]
        try:
            yield _cell(data, page, cell, size, usable)
        except (_Damaged, IndexError, struct.error, OverflowError):
            continue


def _cell(data: bytes, page: bytes, at: int, size: int, usable: int) -> tuple[int, list[Any]]:
    length, at = _varint(page, at)
    rowid, at = _varint(page, at)
    if rowid >= 2**63:
        rowid -= 2**64
    payload = _payload(data, page, at, length, size, usable)
    return rowid, _record(payload)


def _payload(data: bytes, page: bytes, at: int, length: int, size: int, usable: int) -> bytes:
    """A cell's payload: the part on its page, then its overflow pages."""
    most = usable - 35
    if length <= most:
        local = length
    else:
        least = (usable - 12) * 32 // 255 - 23
        local = least + (length - least) % (usable - 4)
        if local > most:
            local = least
    if at + local > size:
        raise _Damaged
    parts = [page[at : at + local]]
    got = local
    if length > local:
        (overflow,) = struct.unpack(">I", page[at + local : at + local + 4])
        seen: set[int] = set()
        while got < length:
            if overflow in seen or not 1 <= overflow <= len(data) // size:
                raise _Damaged
            seen.add(overflow)
            start = (overflow - 1) * size
            (overflow,) = struct.unpack(">I", data[start : start + 4])
            piece = data[start + 4 : start + usable][: length - got]
            parts.append(piece)
            got += len(piece)
    return b"".join(parts)


def _record(payload: bytes) -> list[Any]:
    """The values of a record (https://www.sqlite.org/fileformat2.html#record_format)."""
    header_size, at = _varint(payload, 0)
    if not 1 <= header_size <= len(payload):
        raise _Damaged
    types = []
    while at < header_size:
        kind, at = _varint(payload, at)
        types.append(kind)
    body = header_size
    values: list[Any] = []
    for kind in types:
        value, body = _value(payload, body, kind)
        values.append(value)
    if body != len(payload):
        raise _Damaged
    return values


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(payload: bytes, at: int, kind: int) -> tuple[Any, int]:
    if kind == 0:
        return None, at
    if kind in _INT_SIZES:
        width = _INT_SIZES[kind]
        if at + width > len(payload):
            raise _Damaged
        return int.from_bytes(payload[at : at + width], "big", signed=True), at + width
    if kind == 7:
        if at + 8 > len(payload):
            raise _Damaged
        return struct.unpack(">d", payload[at : at + 8])[0], at + 8
    if kind in (8, 9):
        return kind - 8, at
    if kind < 12:
        raise _Damaged
    width = (kind - 12) // 2
    if at + width > len(payload):
        raise _Damaged
    raw = payload[at : at + width]
    if kind % 2 == 0:
        return raw, at + width
    # Text bent by the damage is still the user's: kept, with stand-ins.
    return raw.decode("utf-8", "replace"), at + width


def _varint(buffer: bytes, at: int) -> tuple[int, int]:
    value = 0
    for _ in range(8):
        byte = buffer[at]
        at += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at
    return (value << 8) | buffer[at], at + 1


def _free_pages(data: bytes, size: int, reserved: int) -> set[int]:
    """The pages on the free list, as far as its chain reads."""
    pages = len(data) // size
    free: set[int] = set()
    (trunk,) = struct.unpack(">I", data[32:36])
    while 1 <= trunk <= pages and trunk not in free:
        free.add(trunk)
        start = (trunk - 1) * size
        following, count = struct.unpack(">II", data[start : start + 8])
        count = min(count, max(0, (size - reserved - 8) // 4))
        for index in range(count):
            at = start + 8 + 4 * index
            (leaf,) = struct.unpack(">I", data[at : at + 4])
            if 1 <= leaf <= pages:
                free.add(leaf)
        trunk = following
    return free
