"""The matcher: normalisation, links, strength, sensitivity, conflicts, word diff."""

from __future__ import annotations

import pytest

from tui.engine import Conflict, compare_texts, word_diff
from tui.engine._text import alias_table, parse_aliases, tokenize


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text, alias_table()) if t.content]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Erdoğan", "Erdogan", id="diacritics"),
        pytest.param("Zelensky", "Zelenskyy", id="name-spelling-tail"),
        pytest.param("Türkiye", "Turkey", id="alias-turkiye"),
        pytest.param("Mexican", "Mexico's", id="alias-demonym"),
        pytest.param("F.B.I.", "FBI", id="dotted-abbreviation"),
        pytest.param("apology", "apologized", id="derivation-apology"),
        pytest.param("resign", "resignation", id="derivation-resign"),
        pytest.param("U.S.", "United States", id="alias-us-phrase"),
        pytest.param("Türkiye’s", "Turkey", id="possessive-curly"),
        pytest.param("Trump's", "Trump", id="possessive-straight"),
        pytest.param("deployed", "deploying", id="inflection-verb"),
        pytest.param("contribution", "contributing", id="derivation"),
        pytest.param("defenses", "defense", id="plural"),
        pytest.param("three", "3", id="number-word"),
        pytest.param("cease-fire", "ceasefire", id="hyphenated-compound"),
        pytest.param("250,000", "250000", id="thousands-separator"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert keys(a) == keys(b)
    assert keys(a), "a content word must produce a key"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("military", "militant", id="military-militant"),
        pytest.param("three", "four", id="numbers"),
        pytest.param("Austria", "Australia", id="countries"),
        pytest.param("international", "internet", id="shared-prefix"),
        pytest.param("international", "internal", id="international-internal"),
        pytest.param("policy", "police", id="policy-police"),
        pytest.param("general", "generation", id="general-generation"),
        pytest.param("university", "universe", id="university-universe"),
    ],
)
def test_different_key(a: str, b: str) -> None:
    assert keys(a) != keys(b)


def test_us_pronoun_is_not_the_country() -> None:
    assert keys("They told us") != keys("They told the US")
    assert keys("the US said") == keys("the United States said")


def test_three_year_splits_number_and_unit() -> None:
    assert keys("three-year war") == ["3", "year", "war"]


def test_user_aliases_extend_the_table() -> None:
    table = parse_aliases("# comment\nbritish broadcasting corporation: bbc, beeb\n")
    left = "The BBC reported the strike on Tuesday evening."
    right = "The British Broadcasting Corporation reported the strike on Tuesday evening."
    assert compare_texts(left, right, furniture=False, aliases=table).links
    assert table["beeb"] == table["bbc"]


LEFT = (
    "Heavy rain flooded the northern city of Riverton on Monday, forcing 2,000 residents "
    "from their homes.\n\n"
    "The mayor, Ana Costa, declared a state of emergency and opened three shelters in "
    "school buildings.\n\n"
    "Local farmers said the harvest was already lost."
)

RIGHT = (
    "Mayor Ana Costa declared an emergency in Riverton after heavy rains flooded the city, "
    "opening three school shelters.\n\n"
    "About 2,000 people left their homes on Monday as the water rose.\n\n"
    "Weather forecasters expect more storms next week."
)


def body_index(comparison, side: str) -> dict[int, int]:
    return {s.id: n for n, s in enumerate(comparison.article(side).body)}


def test_reworded_and_reordered_sentences_link() -> None:
    comparison = compare_texts(LEFT, RIGHT, furniture=False)
    li, ri = body_index(comparison, "left"), body_index(comparison, "right")
    pairs = {(li[link.left], ri[link.right]) for link in comparison.links}
    assert (1, 0) in pairs, "the mayor's emergency is one fact in both"
    assert (0, 1) in pairs, "2,000 residents leaving their homes is one fact in both"
    assert not any(left == 2 for left, _ in pairs), "the farmers are only in the left"
    assert not any(right == 2 for _, right in pairs), "the forecast is only in the right"


def test_one_sentence_covering_two_links_to_both() -> None:
    left = (
        "The mayor declared a state of emergency in Riverton. "
        "Two thousand residents were evacuated from the flooded district."
    )
    right = (
        "Declaring a state of emergency in Riverton, the mayor ordered two thousand "
        "residents evacuated from the flooded district."
    )
    comparison = compare_texts(left, right, furniture=False)
    linked_left = {link.left for link in comparison.links}
    assert len(linked_left) == 2
    assert len({link.right for link in comparison.links}) == 1


def test_strong_for_a_paraphrase_partial_for_one_shared_fact() -> None:
    left = "Ana Costa declared a state of emergency in Riverton on Monday."
    paraphrase = "On Monday Ana Costa declared a state of emergency in Riverton."
    one_fact = (
        "Ana Costa, who declared a state of emergency in Riverton, also asked the national "
        "government for army engineers, emergency funds, pumps and sandbags for farmers."
    )
    strong = compare_texts(left, paraphrase, furniture=False).links
    assert [link.strength for link in strong] == ["strong"]
    partial = compare_texts(left, one_fact, furniture=False).links
    assert partial, "the shared fact links"
    assert partial[0].score < strong[0].score


def test_unrelated_sentences_do_not_link() -> None:
    comparison = compare_texts(
        "The central bank raised interest rates by half a point.",
        "The football team won its third match in a row.",
        furniture=False,
    )
    assert comparison.links == ()


def test_sensitivity_widens_and_narrows_the_links() -> None:
    counts = [
        len(compare_texts(LEFT, RIGHT, furniture=False, sensitivity=s).links)
        for s in (0.0, 0.5, 1.0)
    ]
    assert counts[0] <= counts[1] <= counts[2]
    assert counts[0] < counts[2]


def test_swapping_articles_swaps_links() -> None:
    forward = compare_texts(LEFT, RIGHT, furniture=False)
    backward = compare_texts(RIGHT, LEFT, furniture=False)
    assert {(k.left, k.right, k.strength, k.score) for k in forward.links} == {
        (k.right, k.left, k.strength, k.score) for k in backward.links
    }


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        pytest.param(
            "Trump wants to end the three-year war in Ukraine quickly.",
            "Trump wants to end the four-year war in Ukraine quickly.",
            Conflict("three-year", "four-year", "number"),
            id="number-words",
        ),
        pytest.param(
            "The city paid $250,000 for the new bridge design last year.",
            "The city paid $200,000 for the new bridge design last year.",
            Conflict("$250,000", "$200,000", "number"),
            id="money",
        ),
        pytest.param(
            "Police said 40 people were hurt when the stand collapsed at the stadium.",
            "Police said 45 people were hurt when the stand collapsed at the stadium.",
            Conflict("40", "45", "number"),
            id="count-of-the-same-thing",
        ),
        pytest.param(
            "The summit will open in Geneva on March 6 with both delegations.",
            "The summit will open in Geneva on April 6 with both delegations.",
            Conflict("March 6", "April 6", "date"),
            id="month",
        ),
        pytest.param(
            "The committee met on Tuesday to vote on the budget for the schools.",
            "The committee met on Wednesday to vote on the budget for the schools.",
            Conflict("Tuesday", "Wednesday", "date"),
            id="weekday",
        ),
        pytest.param(
            "President Joe Biden met the delegation in Geneva on Monday.",
            "President Donald Trump met the delegation in Geneva on Monday.",
            Conflict("Joe Biden", "Donald Trump", "name"),
            id="name-after-title",
        ),
        pytest.param(
            "The budget was approved by Sen. Lisa Marsh after a long debate on the floor.",
            "The budget was approved by Sen. Karen Ortiz after a long debate on the floor.",
            Conflict("Lisa Marsh", "Karen Ortiz", "name"),
            id="name-after-abbreviated-title",
        ),
        pytest.param(
            "Ohio Rep. Dana Kell voted against the bridge budget at the council meeting.",
            "Representative Sam Ortiz voted against the bridge budget at the council meeting.",
            Conflict("Dana Kell", "Sam Ortiz", "name"),
            id="one-title-written-two-ways-after-a-place",
        ),
        pytest.param(
            "But Mr. Kell on Tuesday refused to leave the race for the open seat.",
            "Sam Ortiz had also vowed to stay in the race, speaking on a radio show.",
            Conflict("Kell", "Sam Ortiz", "name"),
            id="the-subjects-of-one-action",
        ),
    ],
)
def test_conflicts(left: str, right: str, expected: Conflict) -> None:
    links = compare_texts(left, right, furniture=False).links
    assert len(links) == 1
    assert expected in links[0].conflicts


@pytest.mark.parametrize(
    ("left", "right"),
    [
        pytest.param(
            "Mexican officials closed the border crossing at Nogales on Friday.",
            "Mexico's officials closed the border crossing at Nogales on Friday.",
            id="demonym-and-country",
        ),
        pytest.param(
            "Two officers were hurt in the clash outside the court house.",
            "2 officers were hurt in the clash outside the court house.",
            id="number-word-and-digit",
        ),
        pytest.param(
            "The F.B.I. opened an inquiry into the campaign donations in May.",
            "The FBI opened an inquiry into the campaign donations in May.",
            id="dotted-abbreviation",
        ),
        pytest.param(
            "Representative Michael Grimm denied the charges in a statement.",
            "Rep. Grimm denied the charges in a statement on the steps.",
            id="full-name-and-surname",
        ),
        pytest.param(
            "Three days later the company paid $10,000 to the city in fines.",
            "The company paid $10,000 to the city in fines after two weeks.",
            id="different-units-are-different-slots",
        ),
        pytest.param(
            "Flynn pleaded guilty on Friday to lying to the investigators about the calls.",
            "On Monday the president said Flynn had been treated unfairly by the investigators.",
            id="weekdays-beside-different-events",
        ),
        pytest.param(
            "The Congressional District he represents voted for him by 20 points.",
            "The Congressional Committee he chairs held hearings on his 20 points.",
            id="organisations-are-not-people",
        ),
        pytest.param(
            "Mayor Dana Kell said the new bridge over the river would open in the spring.",
            "The new bridge over the river would open in the spring, residents told Sam Ortiz.",
            id="a-subject-and-a-name-in-another-role",
        ),
        pytest.param(
            "Dana Kell, the mayor, praised it warmly as the new bridge over the river opened.",
            "Sam Ortiz cut a ribbon as the new bridge over the river opened.",
            id="two-subjects-with-different-words-around-them",
        ),
        pytest.param(
            "Turkish President Tayyip Erdogan spoke about the talks in Ankara on the troops.",
            "U.S. President Donald Trump spoke about the talks in Ankara on the troops.",
            id="one-title-of-two-countries",
        ),
    ],
)
def test_no_conflict(left: str, right: str) -> None:
    links = compare_texts(left, right, furniture=False).links
    assert links, "the two sentences must link for the test to mean anything"
    assert links[0].conflicts == ()


def test_no_conflict_when_values_agree() -> None:
    text = "The city paid $250,000 for the new bridge design on March 6."
    links = compare_texts(text, text.replace("paid", "spent"), furniture=False).links
    assert links and links[0].conflicts == ()


def test_word_diff_marks_common_and_one_sided_words() -> None:
    diff = word_diff("Türkiye will send three ships.", "Turkey will send four ships soon.")
    assert [(t.op, t.text) for t in diff] == [
        ("=", "Türkiye"),
        ("=", "will"),
        ("=", "send"),
        ("-", "three"),
        ("+", "four"),
        ("=", "ships"),
        ("+", "soon"),
    ]


def test_word_diff_of_identical_sentences_is_all_common() -> None:
    diff = word_diff("Same words here.", "Same words here.")
    assert {t.op for t in diff} == {"="}


def test_shared_terms_name_the_rare_shared_words() -> None:
    links = compare_texts(
        "Ana Costa declared a state of emergency in Riverton.",
        "In Riverton, Ana Costa declared an emergency.",
        furniture=False,
    ).links
    assert links
    assert "Riverton" in links[0].shared_terms
    assert "a" not in links[0].shared_terms
