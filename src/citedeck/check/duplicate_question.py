"""duplicate-question (warning): two cards ask the same question (ignoring case, spacing and
punctuation), so a learner cannot tell which answer is wanted.

    passes:  "Who founded DeepSeek?" and "Who funds DeepSeek?"
    fails:   "Who founded DeepSeek?" and "who founded  DeepSeek"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citedeck.load.cards import Card, Sighting
from citedeck.load.diagnostics import Diagnostic, Position, warning
from citedeck.text.fold import fold

CODE = "duplicate-question"


_WORD = re.compile(r"\w+")


def _normal(question: str) -> str:
    # Folding ASCII only collapses its spaces, which the words leave out anyway.
    return " ".join(_WORD.findall((question if question.isascii() else fold(question)).casefold()))


def claims(card: Card) -> Iterator[tuple[str, Position]]:
    """What no two cards may share, and where each stands."""
    yield _normal(card.question), card.at("question")


def finding(card: Sighting, first: Sighting) -> Diagnostic:
    return warning(
        card.path,
        Position(card.line, card.col),
        CODE,
        f"card '{card.id}' asks the same question as '{first.id}' ({first.path}:{first.line}:{first.col})",
    )
