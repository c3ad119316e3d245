"""duplicate-question (warning): two cards ask the same question (ignoring case, spacing and
punctuation), so a learner cannot tell which answer is wanted.

    passes:  "Who founded DeepSeek?" and "Who funds DeepSeek?"
    fails:   "Who founded DeepSeek?" and "who founded  DeepSeek"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from citedeck.load.cards import Card
from citedeck.load.diagnostics import Diagnostic, warning
from citedeck.text.fold import fold

CODE = "duplicate-question"


_WORD = re.compile(r"\w+")


def _normal(question: str) -> str:
    # Folding ASCII only collapses its spaces, which the words leave out anyway: most
    # questions are ASCII, and this runs over every card of the deck in one process.
    return " ".join(_WORD.findall((question if question.isascii() else fold(question)).casefold()))


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
