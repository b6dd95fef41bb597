"""Repeated sentences: identical text always links, however often it repeats.

Live blogs, wire updates and pages with boilerplate repeat sentences. Twenty
distinct sentences, each repeated R times in both articles (shuffled, four to a
paragraph): every sentence has an identical copy on the other side, so none may
be "only here", at any R.
"""

from __future__ import annotations

import random

import pytest

from tui.engine import compare_texts

SENTENCES = [
    "The city council approved a new budget for the harbour district on Monday.",
    "Firefighters contained the blaze near the old textile mill after six hours.",
    "The central bank kept its main interest rate at four percent.",
    "Nothing happened to her.",
    "Two hikers were rescued from the ridge by a helicopter crew.",
    "The museum will reopen its west wing after a two-year renovation.",
    "Union leaders said the strike would continue until wages rise.",
    "A court in Lyon sentenced the former mayor to three years in prison.",
    "Heavy snow closed the mountain pass for the second time this week.",
    "The team signed a young striker from a second-division club.",
    "Officials said the bridge would carry traffic again by the spring.",
    "It was not clear who had sent the letter.",
    "Shares in the airline fell sharply after the profit warning.",
    "The festival drew more than forty thousand visitors over the weekend.",
    "Doctors warned that the flu season had started early.",
    "The minister declined to comment on the report.",
    "A new ferry route will link the two islands from June.",
    "Farmers blocked the motorway with tractors to protest fuel prices.",
    "The school board voted to extend the lunch break by ten minutes.",
    "Police are still searching for the missing painting.",
]


def _article(sentences: list[str], repeats: int, seed: int) -> str:
    copies = sentences * repeats
    random.Random(seed).shuffle(copies)
    return "\n\n".join(" ".join(copies[i : i + 4]) for i in range(0, len(copies), 4))


@pytest.mark.parametrize("repeats", [1, 10, 50])
def test_every_copy_of_a_repeated_sentence_links(repeats: int) -> None:
    left = _article(SENTENCES, repeats, seed=1)
    right = _article(SENTENCES, repeats, seed=2)
    comparison = compare_texts(left, right, furniture=False)
    summary = comparison.summary()
    assert summary.left_body == summary.right_body == 20 * repeats
    assert summary.left_only == 0
    assert summary.right_only == 0
    # Each copy links to a copy of itself, not only to other sentences.
    for link in comparison.links:
        if link.strength == "strong" and link.score == 1.0:
            assert (
                comparison.left.sentences[link.left].text
                == comparison.right.sentences[link.right].text
            )


def test_copies_pair_in_reading_order() -> None:
    sentence = "The minister declined to comment on the report."
    other = "Heavy snow closed the mountain pass for the second time this week."
    left = " ".join([sentence, other, sentence, other, sentence])
    right = " ".join([sentence, sentence, sentence])
    comparison = compare_texts(left, right, furniture=False)
    pairs = sorted((link.left, link.right) for link in comparison.links if link.score == 1.0)
    assert pairs == [(0, 0), (2, 1), (4, 2)]


def test_near_copies_differing_in_case_and_punctuation_link() -> None:
    left = "The minister declined to comment on the report. " * 3
    right = "the Minister declined to comment, on the report! " * 3
    summary = compare_texts(left, right, furniture=False).summary()
    assert summary.left_only == 0 and summary.right_only == 0
