"""duplicate-question (warning): two cards ask the same question (ignoring case, spacing and
punctuation), so a learner cannot tell which answer is wanted.

    passes:  "Who founded DeepSeek?" and "Who funds DeepSeek?"
    fails:   "Who founded DeepSeek?" and "who founded  DeepSeek"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, warning
from ..textnorm import fold

CODE = "duplicate-question"


def _normal(question: str) -> str:
    return " ".join(re.findall(r"\w+", fold(question).casefold()))


def check_deck(cards: Iterable[Card]) -> Iterator[Diagnostic]:
    first: dict[str, Card] = {}
    for card in cards:
        key = _normal(card.question)
        if key in first:
            other = first[key]
            place = other.at("question")
            yield warning(
                card.path,
                card.at("question"),
                CODE,
                f"card '{card.id}' asks the same question as '{other.id}' "
                f"({other.path}:{place.line}:{place.col})",
            )
        else:
            first[key] = card
