"""card-id-duplicate (error): two cards share an id. The id is what makes a card's note the
same note from build to build (its GUID), so two cards with one id would be one note in Anki.

    passes:  "lp-founder" and "lp-gpus"
    fails:   "lp-founder" in cards/lp.yaml and "lp-founder" again in cards/nyt.yaml
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card, Sighting
from citedeck.load.diagnostics import Diagnostic, Position, error

CODE = "card-id-duplicate"


def claims(card: Card) -> Iterator[tuple[str, Position]]:
    """What no two cards may share, and where each stands."""
    yield card.id, card.at("id")


def finding(card: Sighting, first: Sighting) -> Diagnostic:
    return error(
        card.path,
        Position(card.line, card.col),
        CODE,
        f"duplicate id '{card.id}': also used at {first.path}:{first.line}:{first.col}",
    )
