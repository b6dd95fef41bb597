"""Quotes: which marks open and close, multi-sentence and multi-paragraph quotes, speakers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import Quote, compare_texts
from tui.engine._quotes import find_quotes
from tui.engine._segment import segment

ROOT = Path(__file__).resolve().parents[2]
GOLD = "eval/gold/turkey-peacekeeping.json"


def quotes_of(text: str) -> tuple[Quote, ...]:
    sentences = segment(text, furniture=False)
    quotes = find_quotes(text, sentences)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        where = sentences[q.sentence]
        assert where.start <= q.start < where.end
        assert q.status == "only-here"
    return quotes


def pairs(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes_of(text)]


# ---------------------------------------------------------------- speakers

SPEAKERS = [
    pytest.param(
        "‘The concept has not yet been clearly defined,’ the source stated.",
        [("The concept has not yet been clearly defined,", "the source")],
        id="after-speaker-verb-curly-single",
    ),
    pytest.param(
        '"The issue will be evaluated with all parties," Defense Ministry sources said '
        "on Thursday.",
        [("The issue will be evaluated with all parties,", "Defense Ministry sources")],
        id="after-speaker-verb-time-phrase",
    ),
    pytest.param(
        '"We will support all initiatives for peace," sources said.',
        [("We will support all initiatives for peace,", "sources")],
        id="after-bare-sources-said",
    ),
    pytest.param(
        "The minister said: “We will not send troops to the region.”",
        [("We will not send troops to the region.", "The minister")],
        id="before-said-colon",
    ),
    pytest.param(
        'The minister told reporters, "We will not send troops there."',
        [("We will not send troops there.", "The minister")],
        id="before-told-reporters",
    ),
    pytest.param(
        "In a statement on Friday, the ministry said: “Talks will continue next week.”",
        [("Talks will continue next week.", "the ministry")],
        id="before-said-after-adverbial",
    ),
    pytest.param(
        "A Ukrainian soldier expressed that the pause has been detrimental, stating, "
        "‘It’s going to be very hard.’",
        [("It’s going to be very hard.", "A Ukrainian soldier")],
        id="before-participle-stating",
    ),
    pytest.param(
        "The mayor of the city described the storm as the worst in decades, saying: "
        "“We have never seen anything like it.”",
        [("We have never seen anything like it.", "The mayor of the city")],
        id="before-participle-after-other-verb",
    ),
    pytest.param(
        "The ministry issued a short note. “Talks will resume on Monday in Ankara,” it said.",
        [("Talks will resume on Monday in Ankara,", "it")],
        id="pronoun-it-kept-as-written",
    ),
    pytest.param(
        "“We are ready to help our neighbours,” said Defense Minister Yasar Guler on Thursday.",
        [("We are ready to help our neighbours,", "Defense Minister Yasar Guler")],
        id="after-said-name",
    ),
    pytest.param(
        "“We are ready to help our neighbours” — Yasar Guler, defense minister.",
        [("We are ready to help our neighbours", "Yasar Guler")],
        id="after-em-dash-name",
    ),
    pytest.param(
        "“Troops will stay until the end of the year,” according to a senior official.",
        [("Troops will stay until the end of the year,", "a senior official")],
        id="after-according-to",
    ),
    pytest.param(
        'According to a senior official, "troops will stay until the end of the year."',
        [("troops will stay until the end of the year.", "a senior official")],
        id="before-according-to",
    ),
    pytest.param(
        "“It will be hard for everyone,” he added.",
        [("It will be hard for everyone,", "he")],
        id="pronoun-kept-as-written",
    ),
    pytest.param(
        "“First we talk,” Erdogan said. “Then we decide what to do next.”",
        [("First we talk,", "Erdogan"), ("Then we decide what to do next.", "Erdogan")],
        id="unattributed-takes-previous-speaker",
    ),
    pytest.param(
        "Erdogan said that Turkey “will not hesitate to act” if needed.",
        [("will not hesitate to act", "Erdogan")],
        id="partial-quote-in-reported-speech",
    ),
    pytest.param(
        "“We will win this game,” the coach said. The team agreed.",
        [("We will win this game,", "the coach")],
        id="attribution-then-new-sentence",
    ),
    pytest.param(
        "“It is over for us now.” The minister said nothing more after that.",
        [("It is over for us now.", None)],
        id="quote-ending-its-sentence-has-no-after-attribution",
    ),
    pytest.param(
        "“It is a huge black eye,” Arthur Sulzberger, the newspaper’s publisher, said of it.",
        [("It is a huge black eye,", "Arthur Sulzberger")],
        id="after-speaker-with-appositive",
    ),
    pytest.param(
        "“This will be a marathon, not a sprint,” said Jimmy D. Staton, a vice president.",
        [("This will be a marathon, not a sprint,", "Jimmy D. Staton")],
        id="after-said-name-with-initial",
    ),
    pytest.param(
        "“We will go there together,” said Mr. Powell on Monday.",
        [("We will go there together,", "Mr. Powell")],
        id="after-said-title-abbreviation",
    ),
    pytest.param(
        "“He may not have been there,” said a defence official speaking on condition of anonymity.",
        [("He may not have been there,", "a defence official")],
        id="after-said-speaking-on-condition",
    ),
    pytest.param(
        "Strong Financial released a statement on Wednesday: “We are reviewing everything.”",
        [("We are reviewing everything.", "Strong Financial")],
        id="before-statement-colon",
    ),
    pytest.param(
        "The statement was short. “We will continue to monitor the situation.”",
        [("We will continue to monitor the situation.", None)],
        id="no-speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_quotes_and_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text) == expected


# ---------------------------------------------------------------- marks

MARKS = [
    pytest.param(
        "It’s clear that Türkiye’s role and Trump’s plan matter, as in the ’90s and rock ’n’ roll.",
        [],
        id="curly-apostrophes",
    ),
    pytest.param(
        "The students' union met. It's the union's view that they'd strike in the '90s style.",
        [],
        id="straight-apostrophes",
    ),
    pytest.param(
        "‘The students’ union is strong and united,’ he said.",
        [("The students’ union is strong and united,", "he")],
        id="plural-possessive-inside-single-quote",
    ),
    pytest.param(
        "They call it 'rock 'n' roll' but the 'em word is '90s slang.",
        [],
        id="straight-elisions",
    ),
    pytest.param("The minister called the plan “absurd” and left.", [], id="scare-quote-one-word"),
    pytest.param("A man described as “the witness” spoke.", [], id="scare-quote-two-words"),
    pytest.param("“No,” he said.", [("No,", "he")], id="short-quote-with-punctuation-and-speaker"),
    pytest.param(
        "He said: “I told them ‘never again’ and I meant it.”",
        [("I told them ‘never again’ and I meant it.", "He")],
        id="nested-single-inside-double",
    ),
    pytest.param(
        "«We will not give up on this,» the mayor said.",
        [("We will not give up on this,", "the mayor")],
        id="guillemets",
    ),
    pytest.param(
        'Let \'em say "we will keep going no matter what," the mayor said.',
        [("we will keep going no matter what,", "the mayor")],
        id="stray-single-does-not-hide-double-quote",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MARKS)
def test_marks(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text) == expected


def test_multi_sentence_quote_is_one_quote() -> None:
    text = (
        '"Our belief remains that peace can be achieved. Our country will continue to support '
        'all initiatives. We are coordinating closely," sources said.'
    )
    sentences = segment(text, furniture=False)
    quotes = find_quotes(text, sentences)
    assert len(sentences) == 3
    assert len(quotes) == 1
    assert quotes[0].sentence == sentences[0].id
    assert quotes[0].text.startswith("Our belief") and quotes[0].text.endswith("closely,")
    assert quotes[0].speaker == "sources"


def test_quote_reopened_in_next_paragraph_continues() -> None:
    """News style: a paragraph that leaves the quote open, the next one reopens it."""
    text = (
        "“We will stay here for as long as it takes.\n\n"
        "“Nobody can force us to leave this place,” the mayor said.\n"
    )
    sentences = segment(text, furniture=False)
    quotes = find_quotes(text, sentences)
    assert [q.text for q in quotes] == [
        "We will stay here for as long as it takes.",
        "Nobody can force us to leave this place,",
    ]
    assert [sentences[q.sentence].paragraph for q in quotes] == [0, 1]
    assert {q.speaker for q in quotes} == {"the mayor"}


def test_quote_closed_in_next_paragraph_without_reopening_continues() -> None:
    text = (
        'The leader said the decision was overdue.\n\n"For two years, families have lived with '
        'lorries at their doors.\n\nTonight we have finally put that right."\n\n'
        "The money comes from a grant.\n"
    )
    sentences = segment(text, furniture=False)
    quotes = find_quotes(text, sentences)
    assert [q.text for q in quotes] == [
        "For two years, families have lived with lorries at their doors.",
        "Tonight we have finally put that right.",
    ]
    assert [sentences[q.sentence].paragraph for q in quotes] == [1, 2]


UNBALANCED = [
    pytest.param(
        "He said “this will never end and walked away from the podium.\n\n"
        "The next paragraph is plain news text. It has “no quotes” in it.",
        id="unclosed-curly",
    ),
    pytest.param(
        'He said "this will never end and walked away from the podium.\n\n'
        "The next paragraph is plain news text. It has no quotes in it.",
        id="unclosed-straight",
    ),
    pytest.param(
        "He said ‘this will never end and walked away from the podium.\n\n"
        "The next paragraph is plain news text. It has no quotes in it.",
        id="unclosed-single",
    ),
    pytest.param(
        "The podium was empty” and the hall was quiet for a long while.\n\n"
        "The next paragraph is plain news text. It has no quotes in it.",
        id="stray-closer",
    ),
]


@pytest.mark.parametrize("text", UNBALANCED)
def test_unbalanced_marks_stay_in_their_paragraph(text: str) -> None:
    sentences = segment(text, furniture=False)
    first_paragraph_end = max(s.end for s in sentences if s.paragraph == 0)
    for q in find_quotes(text, sentences):
        assert q.end <= first_paragraph_end
        assert "\n" not in q.text


def test_unclosed_double_quote_is_kept_up_to_its_paragraph_end() -> None:
    text = "He said “this will never end and walked away.\n\nA plain paragraph follows."
    assert [q.text for q in quotes_of(text)] == ["this will never end and walked away."]


def test_sample_pair_quotes_match_the_gold(shared: Callable[[str], Path]) -> None:
    gold = json.loads(shared(GOLD).read_text(encoding="utf-8"))
    for side in ("left", "right"):
        text = (ROOT / "sample_articles" / f"turkey-peacekeeping.{side}.txt").read_text(
            encoding="utf-8"
        )
        sentences = segment(text)
        body = [s for s in sentences if s.kind == "body"]
        quotes = find_quotes(text, sentences)
        got = [(body.index(sentences[q.sentence]), q.text, q.speaker) for q in quotes]
        want = [(g["sentence"], g["text"], g["speaker"]) for g in gold[f"{side}_quotes"]]
        assert got == want


def test_quotes_only_on_body_sentences_through_the_pipeline() -> None:
    left = "A headline about the talks\n\n“We will talk again next week,” the envoy said.\n"
    right = "Another headline about talks\n\nThe envoy said talks would resume next week.\n"
    comparison = compare_texts(left, right)
    body_ids = {s.id for s in comparison.left.sentences if s.kind == "body"}
    assert [q.speaker for q in comparison.left.quotes] == ["the envoy"]
    assert all(q.sentence in body_ids for q in comparison.left.quotes)


# ---------------------------------------------------------------- properties

PIECES = [
    *"ab AZ.!?…,;:-—•*\"'“”‘’«»()\n\r\t\x00\x07\x0b\x0c\x1b\x1c\x85\u2028",
    *["U.S.", " said ", " the source said", "according to ", " — X", "\r\n", "\n\n", "’s"],
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=150).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(HOSTILE, st.text(max_size=200)), furniture=st.booleans())
def test_find_quotes_never_crashes_and_stays_inside(text: str, furniture: bool) -> None:
    sentences = segment(text, furniture=furniture)
    quotes = find_quotes(text, sentences)
    ids = {s.id for s in sentences}
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.text == q.text.strip()
        assert q.sentence in ids
        paragraph = sentences[q.sentence].paragraph
        # A quote piece never runs past its paragraph.
        assert q.end <= max(s.end for s in sentences if s.paragraph == paragraph)
        assert q.speaker is None or q.speaker.strip() == q.speaker != ""
