"""Split an article into sentences with kinds and paragraphs."""

from __future__ import annotations

import re

from ._model import Sentence

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def segment(text: str, *, furniture: bool = True) -> tuple[Sentence, ...]:
    """Return every sentence of ``text`` in reading order (interim splitter)."""
    out: list[Sentence] = []
    paragraph = -1
    for para in re.finditer(r"[^\n]+", text):
        paragraph += 1
        start = para.start()
        chunk = para.group()
        pos = 0
        for m in list(_SPLIT.finditer(chunk)) + [None]:
            end = m.start() if m else len(chunk)
            piece = chunk[pos:end]
            if piece.strip():
                s = start + pos + (len(piece) - len(piece.lstrip()))
                e = start + pos + len(piece.rstrip())
                kind = "title" if not out else "body"
                out.append(Sentence(len(out), s, e, kind, paragraph, text[s:e]))
            pos = m.end() if m else len(chunk)
    return tuple(out)
