"""Where a sentence is, as a reader counts: paragraph and sentence of the article's body.

Sentence ids count every sentence, titles and site furniture included, so the
first body sentence of a page may be id 6. A reader counts what they read:
the body's paragraphs, and the sentences inside each.
"""

from __future__ import annotations

from tui.engine import Article


def reading_places(article: Article) -> dict[int, tuple[int, int]]:
    """Every body sentence's ``(paragraph, sentence)``, both counted from 1 over the body.

    A paragraph is counted when it holds a body sentence; titles, captions and
    furniture are not counted, and have no place here.
    """
    places: dict[int, tuple[int, int]] = {}
    paragraph, current, within = 0, None, 0
    for sentence in article.sentences:
        if sentence.kind != "body":
            continue
        if sentence.paragraph != current:
            paragraph, current, within = paragraph + 1, sentence.paragraph, 0
        within += 1
        places[sentence.id] = (paragraph, within)
    return places


def place_label(
    places: dict[int, tuple[int, int]],
    article: Article,
    sentence_id: int,
    *,
    long: bool = False,
) -> str:
    """A sentence's place: ``¶3 s2`` (``paragraph 3, sentence 2`` when ``long``).

    A sentence outside the body is named by its kind ("title", "caption").

    Args:
        places: The article's :func:`reading_places`.
        article: The article.
        sentence_id: The sentence.
        long: Spell the words out, for a heading.
    """
    place = places.get(sentence_id)
    if place is None:
        return article.sentences[sentence_id].kind
    paragraph, sentence = place
    return f"paragraph {paragraph}, sentence {sentence}" if long else f"¶{paragraph} s{sentence}"
