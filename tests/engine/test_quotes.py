"""Quotes: which marks open and close, multi-sentence and multi-paragraph quotes, speakers.

Every article here is invented for the test.
"""

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


def named(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.speaker_name) for q in quotes_of(text)]


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


# ---------------------------------------------------------------- speakers as noun phrases

# The speaker as written is always a noun phrase: never a verb or a clause fragment.
PHRASES = [
    pytest.param(
        "Mr. Vance said over the weekend that farmers were facing a “perfect storm,” remarks "
        "that have been widely criticised.",
        [("perfect storm,", "Mr. Vance")],
        id="relative-clause-after-quote-is-no-speaker",
    ),
    pytest.param(
        "After the reporter asked his question, Mr. Okafor stood up, leaned over the table "
        "and said, “That is enough for today.”",
        [("That is enough for today.", "Mr. Okafor")],
        id="coordinated-verbs-take-the-clause-subject",
    ),
    pytest.param(
        "Ms. Dahl later confirmed that the mayor, Tom Reyes, had called her and told her to "
        "“think very hard about resigning.”",
        [("think very hard about resigning.", "the mayor")],
        id="nearest-speech-verb-inside-that-clause",
    ),
    pytest.param(
        "A young woman approached the senator on the steps and asked if he backed the "
        "“harbour plan.”",
        [("harbour plan.", "A young woman")],
        id="subject-before-object-and-verb",
    ),
    pytest.param(
        "Maria Ortiz, the chairwoman of the Port Authority, tried to calm the room, saying "
        "that “the port is not for sale.”",
        [("the port is not for sale.", "Maria Ortiz")],
        id="participle-takes-the-main-subject",
    ),
    pytest.param(
        "On Sunday, Sen. Ruth Calder, D-Ore., the senior member of the panel, said on local "
        "radio that she saw “a pattern of obstruction” in the case.",
        [("a pattern of obstruction", "Sen. Ruth Calder")],
        id="several-appositives-between-subject-and-verb",
    ),
    pytest.param(
        "“We will appeal,” Mr. Lind, a Republican, said in an interview.",
        [("We will appeal,", "Mr. Lind")],
        id="after-speaker-appositive-then-verb",
    ),
    pytest.param(
        "The guard, speaking in a low voice as he walked away, said the prisoner was "
        "“not dangerous at all” and added: “He will be free soon.”",
        [
            ("not dangerous at all", "The guard"),
            ("He will be free soon.", "The guard"),
        ],
        id="parenthetical-participle-and-coordinated-added",
    ),
    pytest.param(
        "Mr. Haas tried to explain on Monday that the memo showed the inspector telling "
        "his staff that the bridge was “perfectly safe to use.”",
        [("perfectly safe to use.", "Mr. Haas")],
        id="participle-after-a-noun-is-no-attribution",
    ),
    pytest.param(
        "The ministry’s lawyer, Ana Ruiz, said the ruling was “deeply flawed.”",
        [("deeply flawed.", "The ministry’s lawyer")],
        id="possessive-description",
    ),
    pytest.param(
        "“Nobody told us anything,” the tweets read.",
        [("Nobody told us anything,", "the tweets")],
        id="document-speaks",
    ),
    pytest.param(
        "“The files were lost,” according to a statement released by the Interior Ministry "
        "on Friday.",
        [("The files were lost,", "a statement released by the Interior Ministry")],
        id="according-to-a-statement-released-by",
    ),
    pytest.param(
        "Ms. Park, 41, calmly told the court, “I was not there that night.”",
        [("I was not there that night.", "Ms. Park")],
        id="age-appositive",
    ),
    pytest.param(
        "Veldt Bureau of Statistics spokesman Ian Moss said the figures were “a warning.”",
        [("a warning.", "Veldt Bureau of Statistics spokesman Ian Moss")],
        id="organisation-then-role-then-name",
    ),
    pytest.param(
        "Mr Lowe rebuked Mr Tan, saying his remarks were “inappropriate.”",
        [("inappropriate.", "Mr Lowe")],
        id="a-verb-between-two-names-ends-the-first",
    ),
    pytest.param(
        "Price & Lang has denied the claims, and called the report “irresponsible.”",
        [("irresponsible.", "Price & Lang")],
        id="firm-name-with-ampersand",
    ),
    pytest.param(
        "The Treasury’s Office of the Inspector General described “serious gaps” in the audit.",
        [("serious gaps", "The Treasury’s Office of the Inspector General")],
        id="possessed-body-name-with-of",
    ),
    pytest.param(
        "He said the inspectors found that the crane was “poorly maintained.”",
        [("poorly maintained.", "He")],
        id="thing-subject-yields-to-earlier-speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_speaker_is_a_noun_phrase(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text) == expected


# ---------------------------------------------------------------- short quotes

# Short quoted fragments are quotes when someone is said to have said them; titles,
# names, nicknames and scare quotes are not.
SHORT = [
    pytest.param(
        "The governor called the indictment “politically motivated.”",
        [("politically motivated.", "The governor")],
        id="called-it",
    ),
    pytest.param(
        "Her lawyer accused the prosecutor of “wild fantasies” in court.",
        [("wild fantasies", "Her lawyer")],
        id="accused-of",
    ),
    pytest.param(
        "The coach said he felt “terrible” about the loss.",
        [("terrible", "The coach")],
        id="reported-speech-fragment",
    ),
    pytest.param(
        "Ms. Ito described the deal as a “milestone” for the region.",
        [("milestone", "Ms. Ito")],
        id="described-as-by-a-speaker",
    ),
    pytest.param(
        "The board said the offer “undervalues the company” and “ignores the risks.”",
        [
            ("undervalues the company", "The board"),
            ("ignores the risks.", "The board"),
        ],
        id="second-fragment-shares-the-speaker",
    ),
    pytest.param(
        "The senator appeared on “Meet the Voters” on Sunday and said little.",
        [],
        id="title-of-a-show",
    ),
    pytest.param(
        "He wrote a column for “The Harbour Herald” for years.", [], id="title-of-a-paper"
    ),
    pytest.param(
        "She said it was like a “Late Night Live” sketch gone wrong.",
        [],
        id="title-case-inside-reported-speech",
    ),
    pytest.param("The video was posted online by “RiverCam99” last week.", [], id="user-name"),
    pytest.param(
        "Supporters of the so-called “bridge bill” marched on Friday.", [], id="so-called"
    ),
    pytest.param("The striker, known as “the Wall,” signed on Monday.", [], id="nickname-known-as"),
    pytest.param("A man described as “the witness” spoke.", [], id="described-as-by-nobody"),
    pytest.param("Members of a group called “the watchers” met.", [], id="a-group-called"),
    pytest.param("They call it “rock and roll” in the south.", [], id="what-people-call-it"),
    pytest.param(
        "Mr. Lowe branded the plan a “mistake” and blamed “bad advice.”",
        [("mistake", "Mr. Lowe"), ("bad advice.", "Mr. Lowe")],
        id="branded-and-blamed",
    ),
    pytest.param(
        "The panel took up what the organizers called the “streaming question.”",
        [("streaming question.", "the organizers")],
        id="what-they-called",
    ),
    pytest.param(
        "Her first film, which one reviewer dismissed as “beautiful but empty,” flopped.",
        [("beautiful but empty,", "one reviewer")],
        id="which-they-dismissed-as",
    ),
    pytest.param(
        "The word “refugee” was painted on the door, he said.", [], id="the-word-as-a-word"
    ),
    pytest.param(
        "She is accused of being the “mastermind” of the scheme.",
        [],
        id="passive-is-no-attribution",
    ),
    pytest.param(
        "“No,” she said. “Absolutely not.”",
        [("No,", "she"), ("Absolutely not.", "she")],
        id="short-sentences-of-one-speech",
    ),
    pytest.param(
        "The coach was blunt.\n\n“We lost.”", [("We lost.", None)], id="whole-sentence-quote"
    ),
    pytest.param("The plan was “dead.” He left.", [], id="fragment-ending-a-sentence"),
]


@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_short_quotes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text) == expected


# ---------------------------------------------------------------- names

# Speakers resolved to the name the article gives them: (quote, as written, name).
NAMES = [
    pytest.param(
        "Rep. Walter Brandt has served four terms.\n\n"
        "“I did nothing wrong,” the four-term congressman said.",
        [("I did nothing wrong,", "the four-term congressman", "Walter Brandt")],
        id="description-by-title-rep",
    ),
    pytest.param(
        "Iowa Gov. Ellen Marsh vetoed the bill on Friday.\n\n"
        "“This is a rush to judgment,” the governor said.",
        [("This is a rush to judgment,", "the governor", "Ellen Marsh")],
        id="description-by-title-gov",
    ),
    pytest.param(
        "Hal Ferris, the chairman of the water board, spoke first.\n\n"
        "“We need rain,” the chairman said.",
        [("We need rain,", "the chairman", "Hal Ferris")],
        id="description-by-appositive",
    ),
    pytest.param(
        "The council met with reporter Dana Wolfe on Tuesday.\n\n"
        "“The vote was rigged,” the reporter said.",
        [("The vote was rigged,", "the reporter", "Dana Wolfe")],
        id="description-by-premodifier",
    ),
    pytest.param(
        "Duncan Hale won the seat in 2010. Voters liked him.\n\n"
        "“I will serve again,” Mr. Hale said.",
        [("I will serve again,", "Mr. Hale", "Duncan Hale")],
        id="surname-is-the-full-name",
    ),
    pytest.param(
        "The first lady, Nora Vance, met the envoy. Mr. Vance stayed home.\n\n"
        "“It was a quiet day,” Mr. Vance said.",
        [("It was a quiet day,", "Mr. Vance", "Vance")],
        id="honorific-keeps-two-people-apart",
    ),
    pytest.param(
        "Sam Ortega runs the shelter. He opened it in 2015.\n\n“We are full every night,” he said.",
        [("We are full every night,", "he", "Sam Ortega")],
        id="pronoun-previous-subject",
    ),
    pytest.param(
        "The first lady, Nora Vance, criticised Ms. Duval’s remarks on Monday. "
        "“That is not who we are,” she said.",
        [("That is not who we are,", "she", "Nora Vance")],
        id="pronoun-subject-outranks-object",
    ),
    pytest.param(
        "Near the harbour, where Tom Price once worked, Mr. Adler wrote that the plan was a "
        "“betrayal” of the town.\n\n"
        "“They lied to us,” he wrote.",
        [
            ("betrayal", "Mr. Adler", "Adler"),
            ("They lied to us,", "he", "Adler"),
        ],
        id="pronoun-main-subject-over-leading-phrase",
    ),
    pytest.param(
        "Lena Fox went on the radio to apologise. “I was wrong,” she said. “I am sorry.”\n\n"
        "She said she had called her critics. “I listened to them,” she added.",
        [
            ("I was wrong,", "she", "Lena Fox"),
            ("I am sorry.", "she", "Lena Fox"),
            ("I listened to them,", "she", "Lena Fox"),
        ],
        id="pronoun-chain-through-pronoun-subjects",
    ),
    pytest.param(
        "Mayor Ada Kim spoke on Monday.\n\n"
        "“We will rebuild,” Ms. Kim said.\n\n"
        "“Every house, every street.”",
        [
            ("We will rebuild,", "Ms. Kim", "Ada Kim"),
            ("Every house, every street.", "Ms. Kim", "Ada Kim"),
        ],
        id="paragraph-of-quote-continues-the-speaker",
    ),
    pytest.param(
        "“We are disappointed,” said the statement from the club’s lawyer, Rosa Diaz. "
        "“We will appeal.”\n\n"
        "“The club has done nothing wrong,” the statement said.",
        [
            ("We are disappointed,", "the statement from the club’s lawyer", "Rosa Diaz"),
            ("We will appeal.", "the statement from the club’s lawyer", "Rosa Diaz"),
            ("The club has done nothing wrong,", "the statement", "Rosa Diaz"),
        ],
        id="statement-speaks-for-its-author",
    ),
    pytest.param(
        "The Interior Ministry opened an inquiry.\n\n“No files were lost,” the ministry said.",
        [("No files were lost,", "the ministry", "Interior Ministry")],
        id="organisation-description",
    ),
    pytest.param(
        "Officials with the Green Party called the plan a “land grab.”",
        [("land grab.", "Officials with the Green Party", "Officials with the Green Party")],
        id="officials-with-an-organisation",
    ),
    pytest.param(
        "A Department for Transport spokeswoman said the figures were ‘out of date’.",
        [
            (
                "out of date",
                "A Department for Transport spokeswoman",
                "A Department for Transport spokeswoman",
            )
        ],
        id="body-name-as-a-modifier",
    ),
    pytest.param(
        "Speaking in Leeds, Ms Hughes said: ‘This is the biggest plan in a generation.’\n\n"
        "‘They promised us trains,’ said Peter Grant, a rival.\n\n"
        "‘It is a disgrace.\n\n"
        "‘People deserve better,’ he added.",
        [
            ("This is the biggest plan in a generation.", "Ms Hughes", "Hughes"),
            ("They promised us trains,", "Peter Grant", "Peter Grant"),
            ("It is a disgrace.", "he", "Peter Grant"),
            ("People deserve better,", "he", "Peter Grant"),
        ],
        id="single-marks-and-a-quote-over-two-paragraphs",
    ),
    pytest.param(
        "“We are watching closely,” a spokesman said.",
        [("We are watching closely,", "a spokesman", "a spokesman")],
        id="unnamed-description-is-its-own-name",
    ),
    pytest.param(
        "An unidentified young man approached the minister. Another man filmed them.\n\n"
        "When the man asked for a comment, the minister walked away. "
        "The man shouted, “Answer the question!”",
        [("Answer the question!", "The man", "An unidentified young man")],
        id="the-man-is-not-another-man",
    ),
    pytest.param(
        "“Please stop,” a woman in the crowd shouted.\n\n“Let us through,” the woman said.",
        [
            ("Please stop,", "a woman in the crowd", "a woman in the crowd"),
            ("Let us through,", "the woman", "a woman in the crowd"),
        ],
        id="the-woman-is-the-woman-before",
    ),
    pytest.param(
        "Nina Holt posted the photo on Tuesday.\n\n“I went too far,” the comedian said.",
        [("I went too far,", "the comedian", "Nina Holt")],
        id="description-of-the-person-named-before",
    ),
    pytest.param(
        "Mayor Tom Reyes arrived later.\n\n“Nobody was hurt,” the officer said.",
        [("Nobody was hurt,", "the officer", "the officer")],
        id="an-often-unnamed-role-is-not-the-person-before",
    ),
    pytest.param(
        "“The water is safe,” said Dr. Irene Blum, the city’s health officer.",
        [("The water is safe,", "Dr. Irene Blum", "Irene Blum")],
        id="title-is-not-part-of-the-name",
    ),
    pytest.param(
        "Mayor Tom Albright praised the council in a statement.\n\n"
        "“Today the city chose stability,” the statement said.",
        [("Today the city chose stability,", "the statement", "Tom Albright")],
        id="statement-of-someone-who-spoke-in-a-statement",
    ),
    pytest.param(
        "The Interior Ministry issued a short note. “Talks will resume on Monday,” it said.",
        [("Talks will resume on Monday,", "it", "Interior Ministry")],
        id="pronoun-it-is-a-body",
    ),
    pytest.param(
        "Officials at the port spoke on Monday. “We are ready for the ships,” they said.",
        [("We are ready for the ships,", "they", "Officials")],
        id="pronoun-they-is-a-plural",
    ),
    pytest.param(
        "The statement was short. “We will continue to monitor the situation.”",
        [("We will continue to monitor the situation.", None, None)],
        id="nothing-to-know",
    ),
    pytest.param(
        "“It is over,” he said.",
        [("It is over,", "he", None)],
        id="pronoun-with-no-one-before",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_speaker_names(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert named(text) == expected


def test_quote_after_a_fragment_paragraph_does_not_continue_its_speaker() -> None:
    """A paragraph's last quote is a fragment: the next paragraph's quote is not theirs."""
    text = (
        "“I have been threatened before,” he added, saying the night was a “long one.”\n\n"
        "“His conduct is unacceptable for an official of this rank.”\n"
    )
    assert named(text)[-1] == (
        "His conduct is unacceptable for an official of this rank.",
        None,
        None,
    )


def test_closing_mark_without_opener_closes_at_its_sentence_start() -> None:
    text = (
        '“I did not send it,” the mayor said. Was it a fake? I cannot say for sure" '
        "she told the paper."
    )
    assert [q.text for q in quotes_of(text)] == ["I did not send it,", "I cannot say for sure"]


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
    pytest.param(
        "The plan, unveiled on Monday, was “absurd” in places.", [], id="scare-quote-one-word"
    ),
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
    *["Shields’ ", " Mr. Lowe", ", a spokesman,", " he added", " called it ", "(D-N.Y.)"],
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


# Pieces of invented news copy: who, how they said it, what they said.
WHO = [
    "Rep. Ann Lowe",
    "Ann Lowe",
    "Mr. Lowe",
    "Ms. Lowe",
    "Iowa Gov. Ray Tan",
    "the governor",
    "he",
    "she",
    "they",
    "a spokesman",
    "the statement",
    "Officials with the Tan Group",
    "The four-term congresswoman",
    "Lowe’s lawyer, Jo Park,",
    "the man",
    "An unnamed aide",
]
SAID = ["said", "told reporters", "added", "wrote", "called it", "accused him of", "insisted"]
WORDS = ["“We will win,”", '"not guilty"', "‘absurd’", "“It is over.”", '"a rush to judgment."']
SENTENCES = st.one_of(
    st.builds(lambda q, w, v: f"{q} {w} {v}.", *map(st.sampled_from, (WORDS, WHO, SAID))),
    st.builds(lambda w, v, q: f"{w} {v} {q}", *map(st.sampled_from, (WHO, SAID, WORDS))),
    st.builds(lambda w, v: f"{w} {v} that the plan failed.", *map(st.sampled_from, (WHO, SAID))),
    st.builds(lambda w: f"{w} spoke on Monday.", st.sampled_from(WHO)),
)
NEWS = st.lists(st.tuples(SENTENCES, st.sampled_from([" ", "\n\n"])), min_size=1, max_size=12).map(
    lambda parts: "".join(s + gap for s, gap in parts).strip()
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(NEWS, HOSTILE))
def test_speakers_are_words_of_the_article(text: str) -> None:
    """A speaker is a span of the article; its name is a span or a name found in it."""
    for q in find_quotes(text, segment(text, furniture=False)):
        if q.speaker is None:
            assert q.speaker_name is None
            continue
        assert q.speaker in text
        assert q.speaker.strip() == q.speaker != ""
        assert q.speaker_name is None or (q.speaker_name in text and q.speaker_name.strip())


# ---------------------------------------------------------------- attribution conflicts

CONFLICTS = [
    pytest.param(
        "Gov. Ray Tan spoke on Friday.\n\n“This is a rush to judgment,” the governor said.\n",
        "Mayor Li Wen spoke on Friday.\n\n“This is a rush to judgment,” Ms. Wen said.\n",
        [("Ray Tan", "Li Wen")],
        id="same-words-two-people",
    ),
    pytest.param(
        "Gov. Ray Tan spoke on Friday.\n\n“This is a rush to judgment,” the governor said.\n",
        "Ray Tan spoke on Friday.\n\n“This is a rush to judgment,” Tan said.\n",
        [],
        id="same-person-two-forms",
    ),
    pytest.param(
        "Gov. Ray Tan spoke on Friday.\n\n“This is a rush to judgment,” the governor said.\n",
        "The governor spoke on Friday.\n\n“This is a rush to judgment,” a spokesman said.\n",
        [],
        id="a-description-may-be-anyone",
    ),
    pytest.param(
        "Gov. Ray Tan spoke on Friday.\n\n“This is a rush to judgment,” the governor said.\n",
        "Mayor Li Wen spoke on Friday.\n\n“We will appeal the ruling at once,” Ms. Wen said.\n",
        [],
        id="different-words",
    ),
]


@pytest.mark.parametrize(("left", "right", "expected"), CONFLICTS)
def test_attribution_conflicts(left: str, right: str, expected: list[tuple[str, str]]) -> None:
    comparison = compare_texts(left, right)
    found = [
        (c.left, c.right)
        for link in comparison.links
        for c in link.conflicts
        if c.type == "speaker"
    ]
    assert found == expected
    if expected:
        (link,) = [
            link for link in comparison.links if any(c.type == "speaker" for c in link.conflicts)
        ]
        left_quote = comparison.left.quotes_in(link.left)[0]
        right_quote = comparison.right.quotes_in(link.right)[0]
        assert (left_quote.status, right_quote.status) == ("shared", "shared")


WHO = [
    pytest.param(
        Quote(0, 0, 1, "x", "he", speaker_name="Blake Farenthold"),
        "Blake Farenthold (he)",
        id="resolved",
    ),
    pytest.param(
        Quote(0, 0, 1, "x", "a spokesman", speaker_name="a spokesman"), "a spokesman", id="same"
    ),
    pytest.param(
        Quote(0, 0, 1, "x", "The source", speaker_name="the source"), "the source", id="case-only"
    ),
    pytest.param(Quote(0, 0, 1, "x", "he"), "he", id="unresolved"),
    pytest.param(Quote(0, 0, 1, "x", None), None, id="unknown"),
]


@pytest.mark.parametrize(("quote", "expected"), WHO)
def test_who_shows_the_name_and_the_words_as_written(quote: Quote, expected: str | None) -> None:
    assert quote.who == expected


def test_shared_quotes_point_at_each_other() -> None:
    left = (
        "Harbour plan\n\nAnn Lowe, the harbour master, spoke to the council on Monday.\n\n"
        "“We will rebuild the harbour,” she said.\n"
    )
    right = (
        "Harbour news\n\nRain fell on the town for a third day on Monday.\n\n"
        "“We will rebuild the harbour,” a spokesman said.\n"
    )
    comparison = compare_texts(left, right)
    (lq,) = comparison.left.quotes
    (rq,) = comparison.right.quotes
    assert (lq.status, rq.status) == ("shared", "shared")
    assert comparison.quote_counterpart("left", lq) == rq
    assert comparison.quote_counterpart("right", rq) == lq
    assert (lq.who, rq.who) == ("Ann Lowe (she)", "a spokesman")
