"""JSON text written in parts, so that a large comparison never exists as one string.

Two 4.5 MB articles make about 60 MB of comparison JSON; ``json.dumps`` builds
it as one string from a list of millions of small pieces, which doubled the
peak memory of ``compare --format json``. :func:`json_parts` yields the same
text in pieces a few hundred kilobytes long, each made by json's C encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Items of a long list encoded together: large enough for the C encoder to do
# the work, small enough that a piece stays small.
BATCH = 1000
# The comparison's top level and each article's fields are opened; what lies
# deeper (a sentence, a link) is encoded whole.
_OPENED_DEPTH = 2


def json_parts(value: Any, *, batch: int = BATCH) -> Iterator[str]:
    """Pieces whose concatenation is ``json.dumps(value, ensure_ascii=False)``."""
    yield from _parts(value, 0, batch)


def _parts(value: Any, depth: int, batch: int) -> Iterator[str]:
    if isinstance(value, dict) and depth < _OPENED_DEPTH:
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("" if n == 0 else ", ") + _dumps(key) + ": "
            yield from _parts(item, depth + 1, batch)
        yield "}"
    elif isinstance(value, list) and len(value) > batch:
        yield "["
        for start in range(0, len(value), batch):
            piece = _dumps(value[start : start + batch])
            yield ("" if start == 0 else ", ") + piece[1:-1]
        yield "]"
    else:
        yield _dumps(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
