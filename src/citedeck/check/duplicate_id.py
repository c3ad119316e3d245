"""card-id-duplicate (error): two cards share an id. The id is what makes a card's note the
same note from build to build (its GUID), so two cards with one id would be one note in Anki.

    passes:  "lp-founder" and "lp-gpus"
    fails:   "lp-founder" in cards/lp.yaml and "lp-founder" again in cards/nyt.yaml
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from citedeck.load.cards import Card
from citedeck.load.diagnostics import Diagnostic, error

CODE = "card-id-duplicate"


def check_deck(cards: Iterable[Card]) -> Iterator[Diagnostic]:
    first: dict[str, Card] = {}
    for card in cards:
        if card.id in first:
            other = first[card.id]
            place = other.at("id")
            yield error(
                card.path,
                card.at("id"),
                CODE,
                f"duplicate id '{card.id}': also used at {other.path}:{place.line}:{place.col}",
            )
        else:
            first[card.id] = card
