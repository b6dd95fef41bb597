"""Segmentation: sentence ends, paragraphs, and the kind of each line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import Sentence
from tui.engine._segment import segment

ROOT = Path(__file__).resolve().parents[2]
BULLET_MARKERS = "•‣◦▪▫●○■□∙-–—*·"
GOLD = "eval/gold/turkey-peacekeeping.json"


def assert_well_formed(text: str, sentences: tuple[Sentence, ...]) -> None:
    """Offsets valid, in order, non-overlapping, stripped, and matching the text."""
    previous_end = 0
    previous_paragraph = -1
    for n, s in enumerate(sentences):
        assert s.id == n
        assert 0 <= previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.kind in ("title", "body", "caption", "furniture")
        assert s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph


def texts(text: str, *, furniture: bool = False) -> list[str]:
    return [s.text for s in segment(text, furniture=furniture)]


# ---------------------------------------------------------------- sentence ends

SPLITS = [
    pytest.param(
        "The U.S. has sent aid. Officials confirmed it.",
        ["The U.S. has sent aid.", "Officials confirmed it."],
        id="abbrev-US-lowercase-next",
    ),
    pytest.param(
        "He met U.S. President Donald Trump. They talked.",
        ["He met U.S. President Donald Trump.", "They talked."],
        id="abbrev-US-before-name",
    ),
    pytest.param(
        "Support fell from the U.S. A soldier said so.",
        ["Support fell from the U.S.", "A soldier said so."],
        id="abbrev-US-ends-sentence",
    ),
    pytest.param(
        "Ukrainians worry about less support from the U.S.\n\nA soldier said so.",
        ["Ukrainians worry about less support from the U.S.", "A soldier said so."],
        id="abbrev-US-end-of-paragraph",
    ),
    pytest.param(
        "The U.K. government agreed. It was late.",
        ["The U.K. government agreed.", "It was late."],
        id="abbrev-UK",
    ),
    pytest.param(
        "Gen. Mark Milley spoke. He left.", ["Gen. Mark Milley spoke.", "He left."], id="abbrev-Gen"
    ),
    pytest.param(
        "Mr. Smith and Mrs. Jones met Dr. Brown. They ate.",
        ["Mr. Smith and Mrs. Jones met Dr. Brown.", "They ate."],
        id="abbrev-Mr-Mrs-Dr",
    ),
    pytest.param(
        "Rep. Adam Schiff, D-Calif., spoke. Sen. Ted Cruz replied.",
        ["Rep. Adam Schiff, D-Calif., spoke.", "Sen. Ted Cruz replied."],
        id="abbrev-Rep-Sen-party-state",
    ),
    pytest.param(
        "The bill came from Rep. Nancy Pelosi, D-Calif. The vote passed.",
        ["The bill came from Rep. Nancy Pelosi, D-Calif.", "The vote passed."],
        id="abbrev-R-Calif-ends-sentence",
    ),
    pytest.param(
        "Sen. Chuck Schumer, D-N.Y. The vote passed.",
        ["Sen. Chuck Schumer, D-N.Y.", "The vote passed."],
        id="abbrev-D-NY",
    ),
    pytest.param(
        "Talks start at 9 a.m. Monday in Ankara. They end at 5 p.m. The talks resume later.",
        [
            "Talks start at 9 a.m. Monday in Ankara.",
            "They end at 5 p.m.",
            "The talks resume later.",
        ],
        id="abbrev-am-pm",
    ),
    pytest.param(
        "It happened on Aug. 15, 2024. Nobody came.",
        ["It happened on Aug. 15, 2024.", "Nobody came."],
        id="abbrev-Aug",
    ),
    pytest.param(
        "The deal closed in Sept. 2023 after talks. Shares rose.",
        ["The deal closed in Sept. 2023 after talks.", "Shares rose."],
        id="abbrev-Sept",
    ),
    pytest.param(
        "Apple Inc. said profits rose. The rival is Microsoft Corp. The rival said nothing.",
        [
            "Apple Inc. said profits rose.",
            "The rival is Microsoft Corp.",
            "The rival said nothing.",
        ],
        id="abbrev-Inc-Corp",
    ),
    pytest.param(
        "He lives at No. 10 Downing Street. It is old.",
        ["He lives at No. 10 Downing Street.", "It is old."],
        id="abbrev-No",
    ),
    pytest.param(
        "It was Smith vs. Jones in court. The judge ruled.",
        ["It was Smith vs. Jones in court.", "The judge ruled."],
        id="abbrev-vs",
    ),
    pytest.param(
        "Apples, pears, etc. The list goes on.",
        ["Apples, pears, etc.", "The list goes on."],
        id="abbrev-etc",
    ),
    pytest.param(
        "John F. Kennedy was shot in 1963. He died.",
        ["John F. Kennedy was shot in 1963.", "He died."],
        id="initial-middle",
    ),
    pytest.param(
        "J.K. Rowling wrote it. It sold well.",
        ["J.K. Rowling wrote it.", "It sold well."],
        id="initials-joined",
    ),
    pytest.param(
        "Growth was 2.5 percent. Costs rose $1.8 billion. Prices fell.",
        ["Growth was 2.5 percent.", "Costs rose $1.8 billion.", "Prices fell."],
        id="decimals",
    ),
    pytest.param(
        "The issue of a mission ... will be evaluated. Then it ends.",
        ["The issue of a mission ... will be evaluated.", "Then it ends."],
        id="ellipsis-inside",
    ),
    pytest.param(
        "A mission … Turkey will weigh it. Then it ends.",
        ["A mission … Turkey will weigh it.", "Then it ends."],
        id="ellipsis-spaced-before-capital",
    ),
    pytest.param(
        "He paused... Then he left.", ["He paused...", "Then he left."], id="ellipsis-trailing"
    ),
    pytest.param(
        "“It is over.” He left the room.",
        ["“It is over.”", "He left the room."],
        id="close-curly-double-after-stop",
    ),
    pytest.param(
        "‘The concept is unclear.’ The source said so.",
        ["‘The concept is unclear.’", "The source said so."],
        id="close-curly-single-after-stop",
    ),
    pytest.param(
        '"It is over." He left.', ['"It is over."', "He left."], id="close-straight-after-stop"
    ),
    pytest.param(
        '"Why now?" he asked. Nobody answered.',
        ['"Why now?" he asked.', "Nobody answered."],
        id="question-in-quote-then-lowercase",
    ),
    pytest.param(
        "“Is this fair to us?” Defense Minister Guler asked. Nobody answered.",
        ["“Is this fair to us?” Defense Minister Guler asked.", "Nobody answered."],
        id="question-in-quote-then-named-speaker",
    ),
    pytest.param(
        "“Is this fair?” the minister asked. “Is this fair?” The minister asked again.",
        ["“Is this fair?” the minister asked.", "“Is this fair?” The minister asked again."],
        id="question-in-quote-then-the-speaker",
    ),
    pytest.param(
        "“Is this fair?” The minister left the room.",
        ["“Is this fair?”", "The minister left the room."],
        id="question-in-quote-then-new-sentence",
    ),
    pytest.param(
        '"Our belief remains. Our country will help," sources said.',
        ['"Our belief remains.', 'Our country will help," sources said.'],
        id="quote-spanning-sentences",
    ),
    pytest.param(
        "ANKARA, Turkey — Turkey is ready. It said so.",
        ["ANKARA, Turkey — Turkey is ready.", "It said so."],
        id="dateline",
    ),
    pytest.param(
        "The plan — which failed — was old. Nobody cared.",
        ["The plan — which failed — was old.", "Nobody cared."],
        id="em-dashes",
    ),
    pytest.param(
        "Key points:\n• First point here.\n- Second point here.\n* Third point here.",
        ["Key points:", "First point here.", "Second point here.", "Third point here."],
        id="bullets",
    ),
    pytest.param(
        "Sales slowed in 2024. 2025 will be better.",
        ["Sales slowed in 2024.", "2025 will be better."],
        id="number-starts-sentence",
    ),
    pytest.param("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."], id="question-exclamation"),
    pytest.param(
        "A list of AFI's 100 Years . . . 100 Heroes aired on CBS. It won.",
        ["A list of AFI's 100 Years . . . 100 Heroes aired on CBS.", "It won."],
        id="ellipsis-spaced-dots",
    ),
    pytest.param(
        '"We will keep on building," he vowed. "\n\nNext paragraph.',
        ['"We will keep on building," he vowed. "', "Next paragraph."],
        id="detached-closing-mark-stays",
    ),
    pytest.param(
        "U.S. Army Pfc. Jessica Lynch and police Lieut. Mothana Ali spoke. They left.",
        ["U.S. Army Pfc. Jessica Lynch and police Lieut. Mothana Ali spoke.", "They left."],
        id="abbrev-military-ranks",
    ),
    pytest.param(
        "Green drives the Dale Earnhardt Inc. No. 1 Chevrolet next week. He is ready.",
        ["Green drives the Dale Earnhardt Inc. No. 1 Chevrolet next week.", "He is ready."],
        id="abbrev-Inc-before-No",
    ),
    pytest.param(
        "The plan has steps. 1.) First item here. 2.) Second item there.",
        ["The plan has steps.", "First item here.", "Second item there."],
        id="list-numbered-paren-inline",
    ),
    pytest.param(
        "The order was 1.) First item 2.) Second item 3.) Third item",
        ["The order was", "First item", "Second item", "Third item"],
        id="list-numbered-without-stops",
    ),
    pytest.param(
        "The plan has two steps:\n1. Raise the wall.\n2. Paint the wall.",
        ["The plan has two steps:", "Raise the wall.", "Paint the wall."],
        id="list-numbered-lines",
    ),
    pytest.param(
        "Options were: a. first option b. second option",
        ["Options were:", "first option", "second option"],
        id="list-lettered-inline",
    ),
    pytest.param(
        "• 9. The ninth item is here.\n• 10. The tenth item is here.",
        ["The ninth item is here.", "The tenth item is here."],
        id="list-bullet-and-number",
    ),
    pytest.param(
        "He was ranked No. 1. Then he lost the final.",
        ["He was ranked No. 1.", "Then he lost the final."],
        id="a-lone-number-is-no-list",
    ),
    pytest.param(
        "Read the report at https://example.com/report.html. Officials declined to comment.",
        ["Read the report at https://example.com/report.html.", "Officials declined to comment."],
        id="url-ends-sentence",
    ),
    pytest.param(
        "Read it at www.example.org. Officials declined to comment.",
        ["Read it at www.example.org.", "Officials declined to comment."],
        id="bare-domain-ends-sentence",
    ),
    pytest.param(
        "Send tips to tips@example.com. The paper will respond.",
        ["Send tips to tips@example.com.", "The paper will respond."],
        id="email-ends-sentence",
    ),
    pytest.param(
        "The meeting ended at 6 P.M. Mr. Smith then left the building.",
        ["The meeting ended at 6 P.M.", "Mr. Smith then left the building."],
        id="abbrev-pm-ends-sentence-before-title",
    ),
    pytest.param(
        "The vote is at 6 p.m. Eastern on Friday. It may be late.",
        ["The vote is at 6 p.m. Eastern on Friday.", "It may be late."],
        id="abbrev-pm-before-time-zone",
    ),
    pytest.param(
        "He said it was not I. The others agreed with him.",
        ["He said it was not I.", "The others agreed with him."],
        id="pronoun-I-ends-sentence",
    ),
    pytest.param(
        "He trailed off. . . . Then he left the room.",
        ["He trailed off. . . .", "Then he left the room."],
        id="four-dot-ellipsis-ends-sentence",
    ),
    pytest.param(
        "It was over . . . . The crowd went home.",
        ["It was over . . . .", "The crowd went home."],
        id="spaced-four-dot-ellipsis-ends-sentence",
    ),
    pytest.param(
        "It was over . . . The crowd went home.",
        ["It was over . . . The crowd went home."],
        id="three-dot-ellipsis-inside-sentence",
    ),
    pytest.param(
        'She called it "a turning point." (Smith 55). The debate went on.',
        ['She called it "a turning point." (Smith 55).', "The debate went on."],
        id="citation-after-closing-quote",
    ),
    pytest.param(
        "It is over. (He left.) Then it rained.",
        ["It is over.", "(He left.)", "Then it rained."],
        id="parenthetical-sentence-stands-alone",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    sentences = segment(text, furniture=False)
    assert_well_formed(text, sentences)
    assert [s.text for s in sentences] == expected


# ---------------------------------------------------------------- paragraphs

PARAGRAPHS = [
    pytest.param("One. Two.\n\nThree.", [0, 0, 1], id="blank-line"),
    pytest.param("One. Two.\nThree.\nFour.", [0, 0, 1, 2], id="single-newlines"),
    pytest.param("One. Two.\r\n\r\nThree.\r\nFour.", [0, 0, 1, 2], id="crlf"),
    pytest.param("One.\n \t \nTwo.", [0, 1], id="whitespace-only-line-is-blank"),
    pytest.param(
        "The minister said the talks would\ncontinue next week. Nobody objected.",
        [0, 0],
        id="soft-wrap-lowercase-continuation",
    ),
    pytest.param(
        "Turkey is considering contributing troops to a potential mission in\n"
        "Ukraine, according to an official speaking on Thursday in the capital\n"
        "Ankara. The source said any contribution depended on regional needs\n"
        "and talks.",
        [0, 0],
        id="hard-wrapped-block",
    ),
    pytest.param(
        "Turkey weighs troops for a Ukraine peace mission\n"
        "Turkey may send troops to a peace mission in Ukraine, officials said.\n"
        "The decision depends on a ceasefire being declared first, they added.\n"
        "Ankara has kept good relations with both Kyiv and Moscow since 2022.\n",
        [0, 1, 2, 3],
        id="even-width-lines-each-a-sentence",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraphs(text: str, expected: list[int]) -> None:
    sentences = segment(text, furniture=False)
    assert_well_formed(text, sentences)
    assert [s.paragraph for s in sentences] == expected


def test_hard_wrapped_sentence_spans_the_line_break() -> None:
    text = "The minister said the talks would\ncontinue next week. Nobody objected."
    first = segment(text, furniture=False)[0]
    assert first.text == "The minister said the talks would\ncontinue next week."


def test_crlf_offsets_index_the_text_as_given() -> None:
    text = "Headline here for the story\r\n\r\nBody sentence one. Body two.\r\n"
    sentences = segment(text)
    assert_well_formed(text, sentences)
    assert [s.kind for s in sentences] == ["title", "body", "body"]
    assert all("\r" not in s.text for s in sentences)


def test_blank_text_has_no_sentences() -> None:
    assert segment("") == ()
    assert segment(" \n\r\n\t ") == ()


# ---------------------------------------------------------------- kinds

HEADERS = [
    pytest.param(
        "Skip to main content\nBusiness\n\nOil prices climb as OPEC weighs output cut\n\n"
        "By Jane Doe and Ahmed Ali\n\nMarch 6, 2025 10:12 AM GMT\n\n"
        "LONDON, March 6 (Reuters) - Oil prices rose on Thursday as producers weighed a cut. "
        "Brent crude gained 2%.\n\nTraders said demand was firm.\n\n"
        "Reporting by Jane Doe; Editing by Ahmed Ali\n",
        {
            "Skip to main content": "furniture",
            "Business": "furniture",
            "Oil prices climb as OPEC weighs output cut": "title",
            "By Jane Doe and Ahmed Ali": "furniture",
            "March 6, 2025 10:12 AM GMT": "furniture",
            "Brent crude gained 2%.": "body",
            "Traders said demand was firm.": "body",
            "Reporting by Jane Doe; Editing by Ahmed Ali": "furniture",
        },
        id="wire-byline-dateline-credits",
    ),
    pytest.param(
        "Floods sweep through southern towns\n"
        "Residents wade through a flooded street in Valencia, Spain, Wednesday, Oct. 30, 2024. "
        "(AP Photo/Alberto Saiz)\n\n"
        "VALENCIA, Spain (AP) — Flash floods killed dozens of people, officials said.\n\n"
        "Share this article\nAdvertisement\n© 2024 The Associated Press. All rights reserved.\n",
        {
            "Floods sweep through southern towns": "title",
            "Residents wade through a flooded street in Valencia, Spain, Wednesday, Oct. 30, 2024. "
            "(AP Photo/Alberto Saiz)": "caption",
            "VALENCIA, Spain (AP) — Flash floods killed dozens of people, officials said.": "body",
            "Share this article": "furniture",
            "Advertisement": "furniture",
            "© 2024 The Associated Press. All rights reserved.": "furniture",
        },
        id="caption-credit-in-parentheses-and-footer",
    ),
    pytest.param(
        "Election results delayed in three states\n\nImage source, Getty Images\n"
        "Image caption, Voters queue outside a polling station in Atlanta\n\n"
        "Updated 2 hours ago\n\n"
        "Officials say counting will take several more days because of mail-in ballots.\n\n"
        "Read more: How the count works\n\n"
        "The delay has angered both campaigns.\n",
        {
            "Election results delayed in three states": "title",
            "Image source, Getty Images": "caption",
            "Image caption, Voters queue outside a polling station in Atlanta": "caption",
            "Updated 2 hours ago": "furniture",
            "Read more: How the count works": "furniture",
            "The delay has angered both campaigns.": "body",
        },
        id="caption-labels-updated-read-more",
    ),
    pytest.param(
        "Parliament approves the budget\n\n"
        "Lawmakers vote in the chamber on Tuesday. Photo: Getty Images\n\n"
        "The parliament approved the budget by 230 votes to 190 on Tuesday evening.\n",
        {
            "Parliament approves the budget": "title",
            "Lawmakers vote in the chamber on Tuesday. Photo: Getty Images": "caption",
        },
        id="caption-photo-credit-suffix",
    ),
    pytest.param(
        "Wildfire forces thousands to flee\nPublished on 12 July 2024\n"
        "A wildfire in the hills forced thousands of residents to leave their homes overnight.\n"
        "Follow us on Twitter\n",
        {
            "Wildfire forces thousands to flee": "title",
            "Published on 12 July 2024": "furniture",
            "Follow us on Twitter": "furniture",
        },
        id="single-newline-file",
    ),
    pytest.param(
        "Connect with us\n\nWorld\n\nCentral Bank Holds Rates Steady Amid Inflation Fears\n\n"
        "Published\n\non\n\nEconomy Inflation Central Bank Interest Rates\n\n"
        "The central bank kept its key rate unchanged on Tuesday, citing stubborn inflation.\n\n"
        "2.4k shares\n\n1x\n",
        {
            "Connect with us": "furniture",
            "World": "furniture",
            "Central Bank Holds Rates Steady Amid Inflation Fears": "title",
            "Published": "furniture",
            "on": "furniture",
            "Economy Inflation Central Bank Interest Rates": "furniture",
            "2.4k shares": "furniture",
            "1x": "furniture",
        },
        id="site-chrome-before-headline-tag-line-counters",
    ),
    pytest.param(
        "Will the central bank cut rates again?\n\n"
        "The central bank meets on Tuesday, and markets expect a quarter-point cut.\n",
        {"Will the central bank cut rates again?": "title"},
        id="question-headline",
    ),
    pytest.param(
        "The central bank cut rates on Tuesday. Markets rose.\n\nAnalysts expected the move.\n",
        {
            "The central bank cut rates on Tuesday.": "body",
            "Markets rose.": "body",
            "Analysts expected the move.": "body",
        },
        id="no-headline",
    ),
    pytest.param(
        "Home › World › Europe › Turkey\n\nTurkey weighs sending troops to Ukraine\n\n"
        "Turkey is considering a deployment, an official said on Thursday.\n\n"
        "He declined.\n\n“No.”\n\nThe talks continue.\n\n1x\n",
        {
            "Home › World › Europe › Turkey": "furniture",
            "Turkey weighs sending troops to Ukraine": "title",
            "He declined.": "body",
            "“No.”": "body",
            "The talks continue.": "body",
            "1x": "furniture",
        },
        id="breadcrumb-and-short-body-paragraphs",
    ),
    pytest.param(
        "Talks resume in Ankara\n\n"
        "Negotiators will meet again next week, officials said on Friday.\n\n"
        "He posted an image: a burning car outside the hotel.\n\n"
        "The talks continue on Monday. (Reporting by Jane Doe/Ahmed Ali)\n",
        {
            "He posted an image: a burning car outside the hotel.": "body",
            "The talks continue on Monday.": "body",
        },
        id="body-lines-that-mention-images-or-slashes-are-not-captions",
    ),
    pytest.param(
        "Talks resume in Ankara\n\nDelegates arrive at the venue. (Reuters/Umit Bektas)\n\n"
        "Negotiators will meet again next week, officials said on Friday.\n",
        {"Delegates arrive at the venue. (Reuters/Umit Bektas)": "caption"},
        id="caption-agency-slash-photographer",
    ),
    pytest.param(
        "Flood toll rises in the south\n\n"
        "Rescuers searched through the night for survivors, officials said.\n\n"
        "By Thursday, officials expect a decision.\n\n"
        "Updated figures show 40 people died.\n\n"
        "Related matters were discussed on Monday.\n\n"
        "By Jane Doe, Reuters\n\nUpdated 2 hours ago\n",
        {
            "By Thursday, officials expect a decision.": "body",
            "Updated figures show 40 people died.": "body",
            "Related matters were discussed on Monday.": "body",
            "By Jane Doe, Reuters": "furniture",
            "Updated 2 hours ago": "furniture",
        },
        id="sentences-that-start-like-furniture-labels",
    ),
    pytest.param(
        "Markets rally after rate cut\n\n"
        "By the end of the day, stocks had gained 3% on the main index.\n",
        {"By the end of the day, stocks had gained 3% on the main index.": "body"},
        id="sentence-starting-with-by-is-not-a-byline",
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_kinds(text: str, expected: dict[str, str]) -> None:
    sentences = segment(text)
    assert_well_formed(text, sentences)
    kinds = {s.text: s.kind for s in sentences}
    for line, kind in expected.items():
        assert kinds.get(line) == kind, line
    assert sum(s.kind == "title" for s in sentences) <= 1
    assert any(s.kind == "body" for s in sentences)


def test_without_furniture_every_line_is_body() -> None:
    text = "Connect with us\n\nWorld\n\nA headline without a stop\nPublished\n1x\n"
    sentences = segment(text, furniture=False)
    assert [s.kind for s in sentences] == ["body"] * 5


def test_a_bare_headline_is_body_so_there_is_something_to_compare() -> None:
    sentences = segment("Turkey weighs troop deployment")
    assert [s.kind for s in sentences] == ["body"]


def test_sample_pair_matches_the_gold(shared: Callable[[str], Path]) -> None:
    """The body sentences, title and furniture of the sample pair are the gold's."""
    gold = json.loads(shared(GOLD).read_text(encoding="utf-8"))
    for side in ("left", "right"):
        path = ROOT / "sample_articles" / f"turkey-peacekeeping.{side}.txt"
        text = path.read_bytes().decode("utf-8")
        sentences = segment(text)
        assert_well_formed(text, sentences)
        assert [s.text for s in sentences if s.kind == "body"] == gold[f"{side}_sentences"]
        assert [s.text for s in sentences if s.kind == "title"] == [gold[f"{side}_title"]]
        for line in gold[f"{side}_furniture"]:
            assert any(s.text == line and s.kind != "body" for s in sentences), line


def test_word_lists_load_on_first_use_not_at_import() -> None:
    code = (
        "import tui.engine, tui.engine._segment as s, tui.engine._phrases as q\n"
        "loaders = [s._abbreviations, s._starters, s._furniture_phrases, s._shapes, q.lexicon]\n"
        "assert all(f.cache_info().currsize == 0 for f in loaders)\n"
        "s.segment('Mr. Smith said so. He left.')\n"
        "assert s._abbreviations.cache_info().currsize == 1\n"
        "assert s._shapes.cache_info().currsize == 1\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- properties

# Pieces of hostile text: control characters, lone and curly quote marks, line
# breaks of every kind, abbreviations, bullets and caption credits.
PIECES = [
    *"ab AZ.!?…,;:-—•*\"'“”‘’()\n\r\t\x00\x07\x0b\x0c\x1b\x1c\x85\u2028",
    *["U.S.", "Mr.", "...", " — ", "\r\n", "\n\n", "1.5", "’s", "Photo: X", "(AP Photo)"],
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(HOSTILE, st.text(max_size=200)), furniture=st.booleans())
def test_offsets_are_valid_on_any_text(text: str, furniture: bool) -> None:
    sentences = segment(text, furniture=furniture)
    assert_well_formed(text, sentences)
    if not furniture:
        assert all(s.kind == "body" for s in sentences)
    # No text is dropped: every character outside the sentences is whitespace
    # or a bullet marker.
    inside = [False] * len(text)
    for s in sentences:
        inside[s.start : s.end] = [True] * (s.end - s.start)
    dropped = {c for c, kept in zip(text, inside, strict=True) if not kept and not c.isspace()}
    assert dropped <= set(BULLET_MARKERS)
