"""answer-in-question (warning): the answer is given away by the question.

passes:  question: Who founded DeepSeek?        answer: Liang Wenfeng
fails:   question: What did Liang Wenfeng found? answer: Liang Wenfeng
fails:   question: Was it $5.6m?                answer: $5.6 million  (a figure card)
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, warning
from citedeck.text.fold import contains_words, fold
from citedeck.text.numbers import numbers_in

CODE = "answer-in-question"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    question = fold(card.question)
    if contains_words(question, fold(card.answer)):
        yield warning(
            card.path,
            card.at("question"),
            CODE,
            f"the question gives the answer away: it contains '{brief(card.answer)}'",
        )
        return
    if card.type != "figure":
        return
    # A figure is given away in any style: "$5.6m" for "$5.6 million", "40 percent" for "40%".
    language = catalogue.language(card.source)
    wanted = numbers_in(card.answer, language)
    asked = numbers_in(card.question, language)
    if wanted and all(any(number.matches(other) for other in asked) for number in wanted):
        stated = "; ".join(f"'{n.text}'" for n in asked if any(n.matches(w) for w in wanted))
        yield warning(
            card.path,
            card.at("question"),
            CODE,
            f"the question gives the answer away: it states {stated}, the answer's figure",
        )
