"""Read an article file into text, with the checks a user deserves."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Files are read a piece at a time: asking for the whole limit at once makes
# Python allocate it up front (a MemoryError with --max-size 200000).
_READ_CHUNK = 1024 * 1024
# What an OSError on opening an article means, for a user.
_WHY = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file (a part of the path is not a folder)",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENAMETOOLONG: "file name too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}

# Control bytes other than tab, newline, form feed, carriage return and escape.
# A NUL, or more than a few of the others, means binary data; a stray one is the
# scar of a bad conversion (MRPC has "Treasury\x12s") and is shown, not refused.
_CONTROL_BYTES = bytes(sorted(frozenset(range(32)) - {9, 10, 12, 13, 27}))
_MAX_CONTROL_SHARE = 0.01


class InputError(Exception):
    """Input that cannot be compared; the message is one line meant for the user."""


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded article file."""

    path: str
    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(data: bytes, *, name: str) -> tuple[str, str, str | None]:
    """Decode an article's bytes: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252.

    Returns:
        The text, the encoding used and a warning for the user, if any.

    Raises:
        InputError: the bytes are binary or cannot be read as text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", name), "utf-8-sig", None
    # UTF-32 first: its little-endian BOM (FF FE 00 00) begins with UTF-16's (FF FE).
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32", name), "utf-32", None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16", None
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or controls > max(2, _MAX_CONTROL_SHARE * len(sample)):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: cannot decode as UTF-8 (byte {utf8_error.start}) or cp1252"
        ) from None
    return text, "cp1252", f"{name}: not valid UTF-8, read as cp1252 (Windows-1252)"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot decode as {encoding} (byte {exc.start})") from None


def _size(n: int) -> str:
    """A byte count in the unit ``--max-size`` takes (MB of 2**20 bytes), or KB when small.

    Plain MB with one decimal made a 0.001 MB limit read "over the 0.0 MB limit".
    """
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    return f"{n / 2**10:.1f} KB"


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Read a stream to its end, or None as soon as it passes ``max_bytes``.

    Memory grows with what is read, never with the limit.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_READ_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return None
    return b"".join(chunks)


def read_file_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read an article file's bytes, with the checks every kind of article file needs.

    Raises:
        InputError: empty path, missing, a directory, a symbolic link loop, a
            name too long, unreadable, too large or empty. The message names
            the file and says what is wrong.
    """
    name = str(path)
    if not name:
        # Path("") is the current directory; say what really happened (an unset variable?).
        raise InputError("an article path is empty")
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(f"{name}: {_why(exc)}") from None
    except ValueError:
        raise InputError(f"{name}: not a usable file name (it holds a NUL character)") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory, not an article file")
    if info.st_size > max_bytes:
        raise InputError(
            f"{name}: file is {_size(info.st_size)}, over the {_size(max_bytes)} limit "
            "(raise it with --max-size)"
        )
    try:
        with open(name, "rb") as handle:
            data = read_capped(handle, max_bytes)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({_why(exc)})") from None
    if data is None:
        raise InputError(f"{name}: file is over the {_size(max_bytes)} limit")
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    return data


def _why(exc: OSError) -> str:
    if exc.errno in _WHY:
        return _WHY[exc.errno]
    return (exc.strerror or str(exc)).lower()


def read_text_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read one article file.

    Raises:
        InputError: missing, a directory, unreadable, too large, empty, binary
            or undecodable. The message names the file and says what is wrong.
    """
    name = str(path)
    data = read_file_bytes(path, max_bytes=max_bytes)
    text, encoding, warning = decode_bytes(data, name=name)
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return TextFile(name, text, encoding, warning)
