"""Where articles come from: text files and standard input, turned into Documents."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from tui.engine import DEFAULT_MAX_BYTES, Document, InputError, decode_bytes, read_text_file


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document ready to compare, and anything the user should be told about it."""

    document: Document
    warnings: tuple[str, ...] = field(default=())


def load_document(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load one article named on the command line.

    Args:
        spec: A path to a text file, or ``-`` for standard input.
        max_bytes: The largest input accepted.

    Raises:
        InputError: with a one-line message for the user.
    """
    if spec == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"-: standard input is over the {max_bytes / 1e6:.1f} MB limit")
        text, _encoding, warning = decode_bytes(data, name="-")
        if not text.strip():
            raise InputError("-: standard input is empty")
        return Loaded(Document(text, source="-"), (warning,) if warning else ())
    read = read_text_file(spec, max_bytes=max_bytes)
    return Loaded(Document(read.text, source=read.path), (read.warning,) if read.warning else ())
