"""Link the sentences of two articles that report the same fact (interim)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._model import Article, Link

_WORD = re.compile(r"\w+")


def quote_key(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if len(w) > 3)


def align(
    left: Article, right: Article, *, sensitivity: float, aliases: Mapping[str, str] | None = None
) -> tuple[Link, ...]:
    links = []
    for a in left.body:
        ka = quote_key(a.text)
        for b in right.body:
            kb = quote_key(b.text)
            if ka and kb:
                score = len(ka & kb) / len(ka | kb)
                if score > 0.2:
                    links.append(Link(a.id, b.id, score, "strong" if score > 0.4 else "partial"))
    return tuple(links)
