"""Split an article into sentences with kinds and paragraphs.

Three passes, each linear in the text:

1. Lines. Blank lines separate paragraphs; a single line break separates them
   too unless the break is a soft wrap (the next line continues the sentence, or
   the block is hard-wrapped prose of even width). Bullets always start a
   paragraph.
2. Kinds, per paragraph: photo captions and site furniture by general rules
   (credit in parentheses, "Published", bylines, dates, counters, short lines
   without punctuation), the headline as the first headline-like line before the
   body, and everything else as body.
3. Sentences, per paragraph: a stop ends a sentence unless the word before it is
   an abbreviation, an initial or a dotted acronym that goes on into a name
   ("U.S. President"), or the next word starts in lower case. Closing quotes and
   brackets after the stop stay with the sentence.

Word lists live in ``data/`` and are read on first use, not at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from ._data import data_lines
from ._model import Kind, Sentence

# Every character Python's str.splitlines() breaks on; "\r\n" is one break.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# A bullet at the start of a line, with the number of a numbered bullet ("•",
# "- ", "• 9. "): the marker is not part of the sentence.
_BULLET = re.compile(r"(?:[•‣◦▪▫●○■□∙]\s*|[-–—*·]\s+)(?:\d{1,3}(?:\.\)|[.)])\s+)?")
# A list marker starting a line ("1. ", "2.) ", "b) "): one only when the lines
# around it count up (see _counting_up); "1. Not a list" alone is a sentence.
_LINE_MARKER = re.compile(r"(\d{1,3}|[a-z])(?:\.\)|[.)])\s+")
# A list marker inside a paragraph: "1.) First item 2.) Second item", "a. one b. two".
# Only a run of them counting up from 1 or a is a list (see _list_markers).
_INLINE_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-z])(?:\.\)|[.)])(?=\s+\S)")
# A stop after these ends a sentence before any capitalised word but a time zone.
_TIMES = frozenset({"a.m", "p.m", "am", "pm"})
_TIME_ZONES = frozenset(
    {"eastern", "central", "mountain", "pacific", "et", "ct", "mt", "pt", "est", "edt", "cst",
     "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "local", "moscow"}
)  # fmt: skip
# A citation after a quote: '... a turning point." (Smith 55).' stays with its sentence.
_CITATION = re.compile(r"\([^()\n]{1,60}\)[.!?]")
_URL_OR_MAIL = re.compile(r"://|^www\.|@\w")

# A candidate sentence end: the stop, then closing quotes or brackets that
# belong to the sentence, then whitespace. The word before it is read by looking
# back a few characters, which keeps the scan a single pass of a character class
# (a lazy token group here cost about 3x on long articles).
_CANDIDATE = re.compile(r"(?P<stop>\.{2,}|…|[.!?]+)(?P<close>[\"”’'»)\]]*)(?=\s)")
# Abbreviations are short: a token is looked for this far back from its stop.
_TOKEN_LOOKBACK = 40
_NEXT = re.compile(r"\s+(\S+)")
_HEAD_WORD = re.compile(r"[\w’'\-]*")
_OPENERS = "\"“‘'«([¿¡"
_SPACED_DOTS = re.compile(r"(?:\.\s*)+$")

_LEADING_PUNCT = "\"“‘'«([{<¿¡"

_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")
# A paragraph reads as prose when it ends like a sentence.
_PROSE_END = re.compile(r"[.!?…:;][\"”’'»)\]]*$")


@dataclass(frozen=True, slots=True)
class _Shapes:
    """Patterns for captions and site furniture, compiled on first use.

    Only ``furniture=True`` needs them; compiling them at import cost about 7 ms.
    """

    # Captions: a photo credit at the end of the line, or a caption label at its start.
    caption_end: re.Pattern[str]
    caption_start: re.Pattern[str]
    # Site furniture recognised by shape rather than wording.
    byline: re.Pattern[str]
    date_line: re.Pattern[str]
    counter: re.Pattern[str]
    copyright: re.Pattern[str]
    # Navigation trails: "Home › World › Europe", "News | Politics | Turkey".
    breadcrumb: re.Pattern[str]


def _alternatives(name: str) -> str:
    """A data file's entries as one regex alternation, each matched literally."""
    return "|".join(re.escape(entry) for entry in data_lines(name))


@cache
def _shapes() -> _Shapes:
    # Month names and their abbreviations, longest first so "june" wins over "jun".
    months = sorted(data_lines("months.txt"), key=len, reverse=True)
    month = r"(?:" + "|".join(months) + r")\.?"
    return _Shapes(
        caption_end=re.compile(
            r"(?:\([^()]*(?:\b(?:photos?|photograph|images?|pictures?|pic|credit|illustration|"
            r"graphic|getty|shutterstock|file)\b"
            r"|\b(?:" + _alternatives("news_agencies.txt") + r")\s*/)[^()]*\)"
            # "Photo: Getty Images", "Photograph by Jane Doe": a credit is a name.
            r"|\b(?:photo|photograph|image|picture)s?\s*(?:by\b|:)\s*(?-i:[A-Z])[^.!?]{0,60}"
            r"|\bgetty images|\bfile photo)\s*\.?$",
            re.IGNORECASE,
        ),
        caption_start=re.compile(
            r"^(?:photo|photograph|image|picture|pictured|caption|image source|image caption|"
            r"file photo|credit)\s*[:,|–—-]",
            re.IGNORECASE,
        ),
        byline=re.compile(
            r"^(?:[Bb]y|[Ww]ritten by|[Ww]ords by)\s+[A-Z][\w.'’\-]*"
            r"(?:\s+(?:[A-Z][\w.'’\-]*|de|van|von|al|bin|and|&))*"
            r"\s*(?:[,|/•·–—-].*)?$"
        ),
        date_line=re.compile(
            r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
            r"(?:" + month + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
            r"|\d{1,2}(?:st|nd|rd|th)?\s+" + month + r",?\s+\d{4}"
            r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
            r"(?:[\s,|•·–—-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?$",
            re.IGNORECASE,
        ),
        counter=re.compile(
            r"^(?:(?:\d+(?:[.,]\d+)?\s*[kKmM]?\s*(?:x|shares?|views?|comments?|likes?|reads?|"
            r"min(?:ute)?s?(?:\s+read)?)?)\s*)+$"
        ),
        copyright=re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE),
        breadcrumb=re.compile(r"(?:\s[›>|»/•·]\s(?:[^›>|»/•·]+)){2,}$"),
    )


_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*$")
_FURNITURE_NORMALISE = re.compile(r"[^\w\s*]+")

_MAX_FURNITURE_WORDS = 12
_MAX_TITLE_WORDS = 30


@cache
def _abbreviations() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in data_lines("abbreviations.txt"):
        word, _, cls = line.partition(" ")
        out[word] = cls.strip()
    return out


@cache
def _attribution() -> re.Pattern[str]:
    """A name and a speech verb right after a quote: '“Why now?” Erdogan asked.'"""
    verbs = "|".join(map(re.escape, data_lines("speech_verbs.txt")))
    return re.compile(rf"[A-Z][\w.'’\-]*\s+(?:[\w.'’\-]+\s+){{0,3}}(?:{verbs})\b")


@cache
def _after_times() -> frozenset[str]:
    """Capitalised words that go on a sentence after "a.m." or "p.m."."""
    return _TIME_ZONES | frozenset(data_lines("weekdays.txt")) | frozenset(data_lines("months.txt"))


@cache
def _starters() -> frozenset[str]:
    return frozenset(data_lines("sentence_starters.txt"))


@cache
def _furniture_phrases() -> tuple[frozenset[str], tuple[str, ...]]:
    exact: set[str] = set()
    prefixes: list[str] = []
    for line in data_lines("furniture.txt"):
        if line.endswith("*"):
            prefixes.append(line[:-1].strip() + " ")
        else:
            exact.add(line)
    return frozenset(exact), tuple(prefixes)


def segment(text: str, *, furniture: bool = True) -> tuple[Sentence, ...]:
    """Split an article into sentences, in reading order.

    Args:
        text: The article text. Offsets index into it as given (no newline
            translation), so ``text[s.start:s.end] == s.text``.
        furniture: Detect the title, photo captions and site furniture. With
            ``False`` every non-blank line is body text.

    Returns:
        Every sentence, with ids ``0..n-1``, no leading or trailing whitespace,
        a kind and a paragraph index. Empty when the text is blank.
    """
    paragraphs = _paragraphs(text)
    kinds: list[Kind] = _kinds(text, paragraphs) if furniture else ["body"] * len(paragraphs)
    out: list[Sentence] = []
    for number, ((start, end), kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        # A headline, a caption with its credit, a furniture line: one unit each,
        # whatever their punctuation.
        spans = [(start, end)] if kind != "body" else _sentences(text, start, end)
        for s, e in spans:
            out.append(Sentence(len(out), s, e, kind, number, text[s:e]))
    return tuple(out)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs, stripped of whitespace and bullet markers."""
    # (start, end, blank line before, is a bullet) for each non-blank line.
    lines: list[tuple[int, int, bool, bool]] = []
    # The label and end of each line's list marker, if it starts with one.
    markers: list[tuple[str, int] | None] = []
    previous_end = 0
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.start() + len(raw.rstrip())
        gap = text[previous_end : m.start()]
        blank_before = not lines or len(_BREAK.findall(gap)) >= 2
        bullet = _BULLET.match(text, start, end)
        is_bullet = bullet is not None and bullet.end() < end
        if is_bullet and bullet is not None:
            start = bullet.end()
        marker = None if is_bullet else _LINE_MARKER.match(text, start, end)
        markers.append((marker.group(1), marker.end()) if marker and marker.end() < end else None)
        lines.append((start, end, blank_before, is_bullet))
        previous_end = m.end()
    for n in _counting_up([m[0] if m else None for m in markers]):
        _, end, blank_before, _ = lines[n]
        item_start = markers[n]
        if item_start is not None:
            lines[n] = (item_start[1], end, blank_before, True)

    # Blocks of lines with no blank line between them.
    blocks: list[list[tuple[int, int, bool, bool]]] = []
    for line in lines:
        if line[2]:
            blocks.append([line])
        else:
            blocks[-1].append(line)

    out: list[tuple[int, int]] = []
    for block in blocks:
        wrapped = _hard_wrapped(text, block)
        start, end = block[0][0], block[0][1]
        for prev, line in pairwise(block):
            if not line[3] and (wrapped or _continues(text, prev, line)):
                end = line[1]
            else:
                out.append((start, end))
                start, end = line[0], line[1]
        out.append((start, end))
    return out


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _counting_up(labels: list[str | None]) -> list[int]:
    """Indexes of the lines whose markers are items of a list: runs that count up.

    A run is two or more marked lines in a row whose labels go 1, 2, 3 (or a, b,
    c), from wherever they start ("9.", "10." on a page that shows the end of a
    list).
    """
    out: list[int] = []
    run: list[int] = []
    for n, label in enumerate(labels):
        previous = labels[run[-1]] if run else None
        if label is not None and previous is not None and label == _next_label(previous):
            run.append(n)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = [n] if label is not None else []
    if len(run) >= 2:
        out.extend(run)
    return out


def _hard_wrapped(text: str, block: list[tuple[int, int, bool, bool]]) -> bool:
    """A block of three or more lines of even width is prose wrapped at a column."""
    if len(block) < 3:
        return False
    widths = [end - start for start, end, _, _ in block[:-1]]
    widest = max(widths)
    if not (40 <= widest <= 100 and min(widths) >= 0.6 * widest):
        return False
    # Wrapped prose breaks mostly inside sentences; a file of one short
    # sentence per line has even widths too, but every line ends with a stop.
    inside = sum(
        _PROSE_END.search(text, max(start, end - 4), end) is None for start, end, _, _ in block[:-1]
    )
    return inside * 2 >= len(block) - 1


def _continues(
    text: str, prev: tuple[int, int, bool, bool], line: tuple[int, int, bool, bool]
) -> bool:
    """The line break between two lines is a soft wrap inside one sentence."""
    if _PROSE_END.search(text, max(prev[0], prev[1] - 4), prev[1]):
        return False
    first = text[line[0]]
    return first.islower() or first in ",;)"


def _words(text: str, start: int, end: int, cap: int = 60) -> int:
    """How many words the span has, up to ``cap``.

    Spans longer than any headline or furniture line count as ``cap`` uncounted:
    every rule that looks at the count only tells short lines apart.
    """
    if end - start > 300:
        return cap
    return min(cap, len(_WORD.findall(text, start, end)))


def _is_prose(text: str, start: int, end: int, words: int) -> bool:
    ends_like_sentence = _PROSE_END.search(text, max(start, end - 4), end) is not None
    return (ends_like_sentence and words >= 5) or words >= 15


def _is_caption(line: str) -> bool:
    shapes = _shapes()
    # A credit sits in the last few words: searching only the tail keeps this
    # cheap on every paragraph of a long article.
    return bool(
        shapes.caption_end.search(line, max(0, len(line) - 120)) or shapes.caption_start.match(line)
    )


def _is_furniture(line: str, words: int) -> bool:
    """Site chrome recognised by its wording or shape, wherever it appears."""
    shapes = _shapes()
    if words <= 30 and shapes.copyright.search(line):
        return True
    if words > _MAX_FURNITURE_WORDS:
        return False
    if shapes.date_line.match(line) or shapes.counter.match(line) or shapes.breadcrumb.search(line):
        return True
    normal = " ".join(_FURNITURE_NORMALISE.sub(" ", line.lower()).split())
    exact, prefixes = _furniture_phrases()
    if normal in exact:
        return True
    # A byline or a labelled line ("Updated 2 hours ago", "Read more: ...") does
    # not read as a sentence of six words or more: "Updated figures show 40
    # people died." and "By Thursday, officials expect a decision." are body.
    if words >= 6 and _SENTENCE_END.search(line):
        return False
    return bool(shapes.byline.match(line)) or any(normal.startswith(p) for p in prefixes)


def _is_headline(text: str, start: int, end: int, words: int) -> bool:
    """One line of a few words that does not end like a statement."""
    if not 2 <= words <= _MAX_TITLE_WORDS:
        return False
    last = text[start:end].rstrip("\"”’'»)] ")[-1:]
    return last not in (".", ":", ";", ",")


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _kinds(text: str, paragraphs: list[tuple[int, int]]) -> list[Kind]:
    """The kind of each paragraph."""
    kinds: list[Kind | None] = []
    words: list[int] = []
    for start, end in paragraphs:
        n = _words(text, start, end)
        words.append(n)
        line = text[start:end] if end - start <= 400 else ""
        if line and _is_caption(line):
            kinds.append("caption")
        elif line and _is_furniture(line, n):
            kinds.append("furniture")
        else:
            kinds.append(None)

    # The header: what comes before the first paragraph of prose. A headline may
    # end with "?" or "!", so the first candidate is tried as a headline first.
    header: list[int] = []
    body_from = len(paragraphs)
    for i, (start, end) in enumerate(paragraphs):
        if kinds[i] is not None:
            continue
        if _is_prose(text, start, end, words[i]) and not (
            not header
            and _is_headline(text, start, end, words[i])
            and text[start:end].rstrip("\"”’'»)] ")[-1:] in "?!"
        ):
            body_from = i
            break
        header.append(i)

    title: int | None = None
    for minimum in (4, 2):
        title = next(
            (
                i
                for i in header
                if words[i] >= minimum and _is_headline(text, *paragraphs[i], words[i])
            ),
            None,
        )
        if title is not None:
            break
    for i in header:
        kinds[i] = "title" if i == title else "furniture"

    for i in range(body_from, len(paragraphs)):
        if kinds[i] is not None:
            continue
        start, end = paragraphs[i]
        if _is_prose(text, start, end, words[i]) or _SENTENCE_END.search(
            text, max(start, end - 4), end
        ):
            # Inside the article a short sentence is still a sentence: "He declined."
            kinds[i] = "body"
        elif words[i] <= 3 or (words[i] <= _MAX_FURNITURE_WORDS and _title_case(text[start:end])):
            # Short labels and tag lists between or after the paragraphs: "1x",
            # "Related Topics Turkey Ukraine".
            kinds[i] = "furniture"
        else:
            kinds[i] = "body"

    result: list[Kind] = [k if k is not None else "body" for k in kinds]
    if "body" not in result:
        # Nothing reads as an article body (a bare headline, a few labels): what
        # the rules only guessed at becomes body so there is something to compare.
        result = [
            "body" if k in ("title", "furniture") and not _explicit(text, p, n) else k
            for k, p, n in zip(result, paragraphs, words, strict=True)
        ]
    return result


def _explicit(text: str, span: tuple[int, int], words: int) -> bool:
    """Furniture named by wording or shape, not merely by position."""
    line = text[span[0] : span[1]]
    return len(line) <= 400 and _is_furniture(line, words)


def _list_markers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of inline list markers that count up (1, 2, 3 or a, b, c), two or more."""
    found = [(m.start(), m.end(), m.group(1)) for m in _INLINE_MARKER.finditer(text, start, end)]
    best: list[tuple[int, int]] = []
    for k, (_, _, label) in enumerate(found):
        if label not in ("1", "a"):
            continue
        run = [found[k]]
        for candidate in found[k + 1 :]:
            previous = run[-1][2]
            wanted = str(int(previous) + 1) if previous.isdigit() else chr(ord(previous) + 1)
            if candidate[2] == wanted:
                run.append(candidate)
        if len(run) >= 2 and len(run) > len(best):
            best = [(s, e) for s, e, _ in run]
    return best


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph, stripped of whitespace.

    An inline list ("1.) First item 2.) Second item") is split at its markers,
    which belong to no sentence.
    """
    markers = _list_markers(text, start, end)
    if not markers:
        return _sentences_between(text, start, end)
    out: list[tuple[int, int]] = []
    cut = start
    for marker_start, marker_end in [*markers, (end, end)]:
        out.extend(_strip(text, s, e) for s, e in _sentences_between(text, cut, marker_start))
        cut = marker_end
    return [(s, e) for s, e in out if s < e]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trailing_dots(text: str) -> int:
    """How many dots end ``text``, spaces between them allowed (". . . ." is 4)."""
    found = _SPACED_DOTS.search(text)
    return found.group().count(".") if found else 0


def _sentences_between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans between two offsets of one paragraph."""
    start, end = _strip(text, start, end)
    if start >= end:
        return []
    out: list[tuple[int, int]] = []
    cur = start
    for m in _CANDIDATE.finditer(text, start, end):
        nxt = _NEXT.match(text, m.end(), end)
        if nxt is None:
            continue
        at = m.start()
        stop, close = m.group("stop"), m.group("close")
        before = text[max(cur, at - _TOKEN_LOOKBACK) : at]
        if not before or before[-1].isspace():
            # A spaced ellipsis: three dots leave words out inside a sentence;
            # a fourth (". . . .") is the sentence's own full stop.
            if before.rstrip()[-1:] in (".", "…") and _trailing_dots(before + stop) < 4:
                continue
            tok = ""
        else:
            tok = before.split()[-1]
        if not _ends_sentence(tok, stop, nxt.group(1)):
            continue
        if (
            close
            and stop[-1] in "?!"
            and _attribution().match(text, nxt.start(1), min(end, nxt.start(1) + 80))
        ):
            continue  # the quote's attribution follows: '“Why now?” Erdogan asked.'
        if close and close[-1] in "\"”’'»" and _CITATION.match(text, nxt.start(1), end):
            continue  # its citation follows: '... a turning point." (Smith 55).'

        out.append((cur, m.end()))
        cur = nxt.start(1)
    out.append((cur, end))
    return [(s, e) for s, e in out if s < e]


def _ends_sentence(tok: str, stop: str, following: str) -> bool:
    """Whether ``tok`` + ``stop`` ends a sentence, given the next word."""
    first = following[0]
    if first.islower():
        return False
    if not any(c.isalnum() for c in following):
        return False  # a detached closing mark or a dash: 'he said. "'
    if not (first.isalnum() or first in _OPENERS or first in "$€£¥#@•"):
        return False
    head = _HEAD_WORD.match(following.lstrip(_LEADING_PUNCT))
    word = head.group() if head else ""
    if "." not in stop and "…" not in stop:
        return True
    if stop != ".":
        # An ellipsis with a space on both sides marks words left out of a
        # sentence; glued to a word it trails off the sentence.
        return tok != ""
    tok = tok.lstrip(_LEADING_PUNCT)
    if not tok:
        return True
    starters = _starters()
    if following.startswith("No."):
        word = ""  # "Inc. No. 1 Chevrolet": a number, not the word "No"
    if len(tok) == 1 and tok.isalpha() and tok.isupper():
        return word in starters  # an initial: "John F. Kennedy"
    base = tok.rsplit("-", 1)[-1]  # "R-Calif." is "Calif."
    if base.lower() in _TIMES and "." in base:
        # "at 6 p.m. Mr. Smith left" ends; "6 p.m. Eastern", "9 a.m. Monday" go on.
        return word.lower() not in _after_times()
    if _URL_OR_MAIL.search(base):
        return True  # "at example.com/report.html. Officials said"
    if "." in base:
        return word in starters  # a dotted acronym: "U.S.", "J.K."
    cls = _abbreviations().get(base)
    if cls == "prefix":
        return False
    if cls == "number":
        return not first.isdigit()
    if cls == "end":
        return word in starters
    return True
