"""Words as the matcher sees them: tokens, normalised keys, aliases, stop words.

A key folds case, diacritics (Erdoğan = Erdogan), possessives, inflections and
derivations (a Snowball stemmer: apology = apologized), dots (F.B.I. = FBI) and
spelling tails (Zelensky = Zelenskyy) into one string; an alias table folds
names (Türkiye = Turkey, Mexican = Mexico); numbers written as words become
digits. Everything is cached per distinct word, because
news vocabularies are small next to their token counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import NamedTuple, cast

from ._data import data_lines

# A token: a run of letters/digits, with inner apostrophes, hyphens, dots or
# commas (U.S., 250,000, three-year, Türkiye's, cease-fire).
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[’'.,\-‐–]\w+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    # Imported on first use: the engine must import fast. PyStemmer is the
    # Snowball project's own C build: about 20x faster than its pure-Python one.
    import Stemmer  # type: ignore[import-not-found]  # ships no type stubs

    return cast("Callable[[str], str]", Stemmer.Stemmer("english").stemWord)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, str]:
    """Numbers written as words -> their key ("three" -> "3"), from data/number_words.txt."""
    return dict(line.split() for line in data_lines("number_words.txt"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words that carry no fact on their own."""
    return frozenset(word for line in data_lines("stopwords.txt") for word in line.split())


@lru_cache(maxsize=1)
def shipped_aliases() -> dict[str, str]:
    """The shipped alias tables: folded phrase -> canonical key phrase."""
    table: dict[str, str] = {}
    for line in data_lines("countries.txt") + data_lines("aliases.txt"):
        canonical, _, rest = line.partition(":")
        # The canonical name is one key too: "united states" as one word.
        table[fold(canonical.strip())] = _canonical(canonical)
        for alias in rest.split(","):
            if alias.strip():
                table[fold(alias.strip())] = _canonical(canonical)
    return table


def _canonical(phrase: str) -> str:
    """The key a canonical name gets: folded and stemmed like any token."""
    return " ".join(stem(word) for word in fold(phrase.strip()).split())


def parse_aliases(text: str) -> dict[str, str]:
    """Read a user alias file in the shipped format (``canonical: alias, alias``)."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        canonical, _, rest = line.partition(":")
        for alias in rest.split(","):
            if alias.strip() and canonical.strip():
                table[fold(alias.strip())] = fold(canonical.strip())
    return table


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without diacritics: ``Erdoğan`` -> ``erdogan``."""
    lowered = word.lower().replace("’", "'").replace("ı", "i")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter2) English stem: apology = apologized, resign = resignation.

    Unlike cutting words to a fixed length, it keeps international apart from
    internal and policy apart from police.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    # Doubled transliteration tails meet single ones (Zelenskyy = Zelensky).
    if word.endswith("yy"):
        word = word[:-1]
    return _stemmer()(word)


class Token(NamedTuple):
    """One word of a sentence: where it is, what it says, and its matching key.

    A named tuple, not a frozen dataclass: articles make hundreds of thousands
    of tokens and a tuple is built several times faster.
    """

    start: int
    end: int
    raw: str
    key: str
    content: bool
    number: bool
    capitalized: bool


@lru_cache(maxsize=65536)
def _word_parts(raw: str) -> tuple[tuple[str, bool], ...]:
    """Fold one raw token into (key, is_number) parts, before aliases and stop words."""
    word = fold(raw).rstrip(".")
    if word.endswith(("'s", "'")) and len(word) > 2:
        word = word[:-2] if word.endswith("'s") else word[:-1]
    if any(c.isdigit() for c in word):
        # 250,000 -> 250000; 3-year -> 3, year; 2.5 stays.
        parts = re.split(r"[-‐–]", word)
        out: list[tuple[str, bool]] = []
        for part in parts:
            if not part:
                continue
            if part[0].isdigit():
                out.append((part.replace(",", ""), True))
            else:
                out.append((stem(part), False))
        return tuple(out)
    numbers = _number_words()
    pieces = [p for p in re.split(r"[-‐–]", word) if p]
    if len(pieces) > 1 and any(p in numbers for p in pieces):
        return tuple((numbers[p], True) if p in numbers else (stem(p), False) for p in pieces)
    if len(pieces) > 1:
        # cease-fire = ceasefire; U.S.-led keeps its parts apart below via dots.
        word = "".join(pieces)
    if word in numbers:
        return ((numbers[word], True),)
    if "." in word:
        # Dotted abbreviations: the alias table has already had its chance at the
        # dotted form (u.s., u.n.); otherwise F.B.I. is FBI.
        return ((word.replace(".", ""), False),)
    return ((stem(word), False) if word.isalpha() else (word, False),)


class _TableInfo(NamedTuple):
    """What tokenising needs from one alias table, computed once per table."""

    table: Mapping[str, str]
    starts: dict[str, int]  # first word of a multi-word alias -> its most words
    words: dict[str, tuple[tuple[str, bool, bool, bool], ...]]  # raw word -> parts
    # raw word -> (most words of an alias it may start, its parts)
    scanned: dict[str, tuple[int, tuple[tuple[str, bool, bool, bool], ...]]]


_TABLE_CACHE: dict[int, _TableInfo] = {}


def _table_info(aliases: Mapping[str, str]) -> _TableInfo:
    cached = _TABLE_CACHE.get(id(aliases))
    if cached is not None and cached.table is aliases:
        return cached
    starts: dict[str, int] = {}
    for phrase in aliases:
        words = phrase.split(" ")
        if len(words) > 1:
            starts[words[0]] = max(starts.get(words[0], 0), len(words))
    if len(_TABLE_CACHE) > 8:
        _TABLE_CACHE.clear()
    info = _TableInfo(aliases, starts, {}, {})
    _TABLE_CACHE[id(aliases)] = info
    return info


def _parts(raw: str, aliases: Mapping[str, str]) -> tuple[tuple[str, bool, bool, bool], ...]:
    """(key, content, number, capitalised) for each part of one written word."""
    folded = fold(raw)
    canonical = aliases.get(folded) or aliases.get(folded.rstrip("."))
    if raw == "US":
        # Capitalised, the country; folded, it would be the pronoun "us".
        canonical = aliases.get("u.s.", canonical)
    if canonical is not None:
        return ((canonical, True, False, True),)
    stops = stopwords()
    capitalized = raw[:1].isupper()
    out = []
    for key, is_number in _word_parts(raw):
        key = aliases.get(key, key)
        content = is_number or (key not in stops and len(key) > 1 and folded not in stops)
        out.append((key, content, is_number, capitalized))
    return tuple(out)


def word_keys(word: str, aliases: Mapping[str, str]) -> tuple[str, ...]:
    """The keys of one written word, as :func:`tokenize` would give them (cached)."""
    known = _table_info(aliases).words
    parts = known.get(word)
    if parts is None:
        parts = known[word] = _parts(word, aliases)
    return tuple(key for key, _, _, _ in parts)


Part = tuple[str, bool, bool, bool]  # key, content, number, capitalised


def scan(text: str, aliases: Mapping[str, str]) -> list[Part]:
    """The (key, content, number, capitalised) of each token, without positions.

    What :func:`tokenize` gives, less the offsets: the matcher compares keys
    and makes positioned tokens only for the sentences that link. About twice
    as fast as tokenising.
    """
    info = _table_info(aliases)
    words = TOKEN.findall(text)
    scanned = info.scanned
    out: list[Part] = []
    extend = out.extend
    i = 0
    n = len(words)
    while i < n:
        raw = words[i]
        entry = scanned.get(raw)
        if entry is None:
            entry = _scanned(raw, aliases, info)
        widest, parts = entry
        if widest:
            # The longest multi-word alias starting here, as tokenize finds it.
            for width in range(min(widest, n - i), 1, -1):
                phrase = " ".join(fold(w).rstrip(".") for w in words[i : i + width])
                canonical = aliases.get(phrase)
                if canonical is not None:
                    out.append((canonical, True, False, True))
                    i += width
                    break
            else:
                widest = 0
            if widest:
                continue
        extend(parts)
        i += 1
    return out


def _scanned(
    raw: str, aliases: Mapping[str, str], info: _TableInfo
) -> tuple[int, tuple[Part, ...]]:
    parts = info.words.get(raw)
    if parts is None:
        parts = info.words[raw] = _parts(raw, aliases)
    entry = info.scanned[raw] = (info.starts.get(fold(raw).rstrip("."), 0), parts)
    return entry


def tokenize(
    text: str,
    aliases: Mapping[str, str],
    *,
    offset: int = 0,
) -> list[Token]:
    """Split text into tokens with keys; multi-word aliases are folded into one key.

    Args:
        text: The sentence.
        aliases: Folded alias phrase -> canonical phrase (see :func:`alias_table`).
        offset: Added to every token's start and end.
    """
    info = _table_info(aliases)
    scanned = info.scanned
    # Token(...) goes through a Python-level __new__; tuple.__new__ builds the
    # same named tuple in C (this loop runs once per word of every article).
    new = tuple.__new__
    raw_tokens = [(*m.span(), m.group()) for m in TOKEN.finditer(text)]
    tokens: list[Token] = []
    append = tokens.append
    i = 0
    n = len(raw_tokens)
    while i < n:
        start, end, raw = raw_tokens[i]
        entry = scanned.get(raw)
        if entry is None:
            entry = _scanned(raw, aliases, info)
        widest, parts = entry
        # Longest alias phrase first ("united states of america"), tried only
        # where one can start: most words start none.
        if widest:
            for width in range(min(widest, n - i), 1, -1):
                words = (fold(raw_tokens[j][2]).rstrip(".") for j in range(i, i + width))
                canonical = aliases.get(" ".join(words))
                if canonical is not None:
                    end = raw_tokens[i + width - 1][1]
                    span = text[start:end]
                    append(
                        new(
                            Token,
                            (offset + start, offset + end, span, canonical, True, False, True),
                        )
                    )
                    i += width
                    break
            else:
                widest = 0
            if widest:
                continue
        for key, content, number, capitalized in parts:
            append(
                new(Token, (offset + start, offset + end, raw, key, content, number, capitalized))
            )
        i += 1
    return tokens


def alias_table(extra: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The shipped aliases with the user's on top; keys are stemmed like tokens."""
    # One table per distinct set of aliases: a comparison asks for it once per
    # article and once per quote, and tokenising caches its work per table.
    return _cached_alias_table(tuple(sorted(extra.items())) if extra else ())


@lru_cache(maxsize=8)
def _cached_alias_table(extra: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    return _build_alias_table(dict(extra))


def _build_alias_table(extra: Mapping[str, str]) -> dict[str, str]:
    table = dict(shipped_aliases())
    if extra:
        table.update({fold(k): _canonical(v) for k, v in extra.items()})
    # Single-word aliases also match after stemming (turkiye's -> turkiye).
    for alias, canonical in list(table.items()):
        if " " not in alias and alias.isalpha():
            table.setdefault(stem(alias), canonical)
    return table
