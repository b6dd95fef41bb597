"""Properties of the whole pipeline (compare_texts) on random and hostile text.

Whatever the segmentation and matching rules become, these hold for any input:
offsets index the text and no word falls outside a sentence, every body
sentence is shared or only-here, links join body sentences and are symmetric
under swapping the articles, the result is deterministic, and quotes lie inside
their sentence's paragraph.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine import Article, Comparison, compare_texts

# Derandomized so that the suite is the same on every run and on CI; the
# examples still cover hostile text broadly. No database: nothing written.
PROPERTY_SETTINGS = settings(
    max_examples=75,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# One string keeps the vocabulary readable; a list literal would run to 50 lines.
WORDS = (  # noqa: SIM905
    "Ankara Turkey Türkiye Erdoğan Erdogan Zelensky Zelenskyy Kyiv Kiev minister troops "
    "peacekeeping mission Ukraine Russia ceasefire Monday August three four 2,000 $250,000 "
    "said officials defense ministry sources deploy deployment would will the a of to in on "
    "and agreed talks border plan proposal U.S. Gen. Mr. Rep. a.m. 3.5 It’s Trump’s"
).split()

# Pieces that have broken text pipelines before: markup, terminal escapes,
# control characters, lone and curly quote marks, odd line breaks, bullets.
HOSTILE = [
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "[red]x[/red]",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200b",
    "\ufeff",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\n\n\n\n\n\n",
    "\t",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "—",
    "–",
    "…",
    "...",
    ". ",
    "? ",
    "! ",
    "• ",
    "- ",
    "(",
    ")",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "日本の首相は言った。",
    "🇹🇷",
    "e\u0301",
    "Ⅻ",
    "x" * 400,
    "Connect with us",
    "(Reuters Photo)",
    "Published",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A plausible news sentence, sometimes quoted, sometimes with a hostile piece inside."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(HOSTILE)))
    body = " ".join(words)
    opening, closing = draw(st.sampled_from([("", ""), ("“", "”"), ('"', '"'), ("‘", "’")]))
    if opening:
        body = f"{opening}{body},{closing} {draw(st.sampled_from(WORDS))} said"
    return body[:1].upper() + body[1:] + draw(st.sampled_from([".", ".", "?", "!", ".”", ""]))


def _layout(draw: st.DrawFn, parts: list[str]) -> str:
    separators = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n\r\n", "\n \n", "\n\n\n"])
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(separators))
    return "".join(out)


SAMPLES = Path(__file__).resolve().parents[2] / "sample_articles"
SAMPLE_TEXTS = tuple(
    (SAMPLES / f"turkey-peacekeeping.{side}.txt").read_text(encoding="utf-8")
    for side in ("left", "right")
)


@st.composite
def damaged_samples(draw: st.DrawFn) -> str:
    """A real article cut short (mid-quote, mid-sentence) with hostile pieces spliced in."""
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    text = text[: draw(st.integers(0, len(text)))] if draw(st.booleans()) else text
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
    return text


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Random and hostile text: from plain junk to sentences with hostile pieces."""
    kind = draw(st.sampled_from(["unicode", "hostile", "news", "damaged-sample"]))
    if kind == "damaged-sample":
        return draw(damaged_samples())
    if kind == "unicode":
        return draw(st.text(max_size=300))
    if kind == "hostile":
        pieces = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(WORDS), st.text(max_size=12))
        return "".join(draw(st.lists(pieces, max_size=60)))
    return _layout(draw, draw(st.lists(sentences(), min_size=1, max_size=12)))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two articles; often they carry some of the same sentences, as two outlets would."""
    kind = draw(st.sampled_from(["random", "overlapping", "damaged-samples"]))
    if kind == "random":
        return draw(articles()), draw(articles())
    if kind == "damaged-samples":
        return draw(damaged_samples()), draw(damaged_samples())
    pool = draw(st.lists(sentences(), min_size=1, max_size=10))
    left = draw(st.permutations(pool))[: draw(st.integers(1, len(pool)))]
    right = draw(st.permutations(pool))[: draw(st.integers(1, len(pool)))]
    left += draw(st.lists(sentences(), max_size=3))
    right += draw(st.lists(sentences(), max_size=3))
    return _layout(draw, left), _layout(draw, right)


sensitivities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def _assert_sentences_index_the_text(article: Article, text: str) -> None:
    assert article.text == text
    assert [s.id for s in article.sentences] == list(range(len(article.sentences)))
    previous_end = 0
    previous_paragraph = -1
    for s in article.sentences:
        assert 0 <= previous_end <= s.start < s.end <= len(text), (s, previous_end)
        assert text[s.start : s.end] == s.text
        assert s.kind in ("title", "body", "caption", "furniture")
        assert s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph


def _body_ids(article: Article) -> set[int]:
    return {s.id for s in article.sentences if s.kind == "body"}


def _assert_links_join_body_sentences(comparison: Comparison) -> None:
    left_body, right_body = _body_ids(comparison.left), _body_ids(comparison.right)
    pairs_seen = set()
    for link in comparison.links:
        assert link.left in left_body and link.right in right_body, link
        assert 0.0 <= link.score <= 1.0, link
        assert link.strength in ("strong", "partial")
        pairs_seen.add((link.left, link.right))
    assert len(pairs_seen) == len(comparison.links), "a pair of sentences is linked twice"


@PROPERTY_SETTINGS
@given(pairs(), st.booleans(), sensitivities)
def test_sentence_offsets_index_the_text_in_order(
    pair: tuple[str, str], furniture: bool, sensitivity: float
) -> None:
    left, right = pair
    comparison = compare_texts(left, right, furniture=furniture, sensitivity=sensitivity)
    _assert_sentences_index_the_text(comparison.left, left)
    _assert_sentences_index_the_text(comparison.right, right)


@PROPERTY_SETTINGS
@given(articles(), st.booleans())
def test_no_word_is_lost(text: str, furniture: bool) -> None:
    # Titles, captions and furniture are sentences too, so every letter and
    # digit of the article lies in some sentence: nothing silently vanishes.
    comparison = compare_texts(text, "Officials met on Monday.", furniture=furniture)
    covered = bytearray(len(text))
    for s in comparison.left.sentences:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    lost = [i for i, ch in enumerate(text) if ch.isalnum() and not covered[i]]
    assert not lost, [text[max(0, i - 10) : i + 10] for i in lost[:3]]


@PROPERTY_SETTINGS
@given(articles())
def test_without_furniture_detection_every_sentence_is_body(text: str) -> None:
    comparison = compare_texts(text, text, furniture=False)
    assert all(s.kind == "body" for s in comparison.left.sentences)
    assert all(s.kind == "body" for s in comparison.right.sentences)


@PROPERTY_SETTINGS
@given(pairs(), st.booleans(), sensitivities)
def test_every_body_sentence_is_shared_or_only_here(
    pair: tuple[str, str], furniture: bool, sensitivity: float
) -> None:
    comparison = compare_texts(*pair, furniture=furniture, sensitivity=sensitivity)
    _assert_links_join_body_sentences(comparison)
    summary = comparison.summary()
    for side, body_count, shared_count, only_count in (
        ("left", summary.left_body, summary.left_shared, summary.left_only),
        ("right", summary.right_body, summary.right_shared, summary.right_only),
    ):
        body = _body_ids(comparison.article(side))
        linked = {getattr(link, side) for link in comparison.links}
        shared = {i for i in body if comparison.is_shared(side, i)}
        assert shared == linked
        assert body_count == len(body)
        assert shared_count == len(shared)
        assert only_count == len(body - shared)
        assert shared_count + only_count == body_count
    assert summary.links == len(comparison.links)


@PROPERTY_SETTINGS
@given(pairs(), st.booleans(), sensitivities)
def test_swapping_the_articles_mirrors_the_links(
    pair: tuple[str, str], furniture: bool, sensitivity: float
) -> None:
    left, right = pair
    forward = compare_texts(left, right, furniture=furniture, sensitivity=sensitivity)
    backward = compare_texts(right, left, furniture=furniture, sensitivity=sensitivity)
    assert forward.left.sentences == backward.right.sentences
    assert forward.right.sentences == backward.left.sentences
    mirrored = {(link.right, link.left): (link.score, link.strength) for link in backward.links}
    assert {(link.left, link.right): (link.score, link.strength) for link in forward.links} == (
        mirrored
    )
    # A conflict's sides swap with the articles: "three" vs "four" becomes "four" vs "three".
    conflicts = {
        (link.right, link.left): sorted((c.right, c.left, c.type) for c in link.conflicts)
        for link in backward.links
    }
    for link in forward.links:
        expected = sorted((c.left, c.right, c.type) for c in link.conflicts)
        assert conflicts[(link.left, link.right)] == expected, link


@PROPERTY_SETTINGS
@given(pairs(), st.booleans(), sensitivities)
def test_the_same_input_gives_the_same_comparison(
    pair: tuple[str, str], furniture: bool, sensitivity: float
) -> None:
    first = compare_texts(*pair, furniture=furniture, sensitivity=sensitivity)
    second = compare_texts(*pair, furniture=furniture, sensitivity=sensitivity)
    assert first.to_dict(include_text=True) == second.to_dict(include_text=True)


@PROPERTY_SETTINGS
@given(pairs(), sensitivities)
def test_quotes_lie_inside_their_sentences_paragraph(
    pair: tuple[str, str], sensitivity: float
) -> None:
    comparison = compare_texts(*pair, sensitivity=sensitivity)
    for article in (comparison.left, comparison.right):
        by_id = {s.id: s for s in article.sentences}
        for quote in article.quotes:
            assert quote.sentence in by_id, quote
            sentence = by_id[quote.sentence]
            assert sentence.kind == "body"
            paragraph = [s for s in article.sentences if s.paragraph == sentence.paragraph]
            first, last = min(s.start for s in paragraph), max(s.end for s in paragraph)
            assert 0 <= first <= quote.start <= quote.end <= last <= len(article.text), quote
            assert article.text[quote.start : quote.end] == quote.text
            assert quote.status in ("shared", "paraphrased", "only-here")


@PROPERTY_SETTINGS
@given(sentences(), sensitivities)
def test_identical_sentences_with_a_rare_word_link_strongly(
    sentence: str, sensitivity: float
) -> None:
    # Whatever the thresholds, a sentence carrying rare words links to its
    # identical copy, strongly, even at sensitivity 0 (near-identical only).
    text = f"{sentence} Zyxwvut Qponmlk."
    comparison = compare_texts(text, text, furniture=False, sensitivity=sensitivity)
    _assert_links_join_body_sentences(comparison)
    rare = [s for s in comparison.left.body if "Zyxwvut" in s.text]
    assert rare, comparison.left.sentences
    strengths = {(link.left, link.right): link.strength for link in comparison.links}
    for s in rare:
        assert strengths.get((s.id, s.id)) == "strong", (s, comparison.links)
