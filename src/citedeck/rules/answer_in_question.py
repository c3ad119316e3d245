"""answer-in-question (warning): the answer is given away by the question.

    passes:  question: Who founded DeepSeek?        answer: Liang Wenfeng
    fails:   question: What did Liang Wenfeng found? answer: Liang Wenfeng
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, warning
from ..sources import Catalogue
from ..textnorm import contains_words, fold

CODE = "answer-in-question"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if contains_words(fold(card.question), fold(card.answer)):
        yield warning(
            card.path,
            card.at("question"),
            CODE,
            f"the question gives the answer away: it contains '{card.answer}'",
        )
