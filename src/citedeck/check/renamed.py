"""card-was-taken (error): a card's former id (`was:`) is another card's id, or another card's
former id too. A renamed card's note is its oldest id's, so one former id claimed twice would
make two cards of one note, and a former id that is a card's id again is a rename that loops
or was never finished.

    passes:  "lp-founder-name" was "lp-founder", and no other card is or was "lp-founder"
    fails:   "lp-founder-name" was "lp-founder", and a card "lp-founder" is still there
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card, Sighting
from citedeck.load.diagnostics import Diagnostic, Position, error

CODE = "card-was-taken"


def claims(card: Card) -> Iterator[tuple[str, Position]]:
    """The card's id and each id it was: a claim is a former id unless it is the card's id."""
    yield card.id, card.at("id")
    for index, former in enumerate(card.was):
        yield former, card.was_at(index)


def finding(card: Sighting, first: Sighting) -> Diagnostic | None:
    """A former id claimed twice, or a card's id: found at the former id (the later one when
    both are former ids). Two cards of one id are duplicate_id's finding, not this rule's."""
    if card.key == card.id and first.key == first.id:
        return None
    if card.key == card.id:  # the earlier card was what this one is
        formerly, other = first, card
    else:
        formerly, other = card, first
    where = f"{other.path}:{other.line}:{other.col}"
    if other.key == other.id:
        message = (
            f"card '{formerly.id}' was '{formerly.key}', which is the id of a card at {where}: "
            "a former id cannot be a card's id again"
        )
        hint = "to rename back, drop it from was:; to finish a rename, remove the old card"
    else:
        message = (
            f"card '{formerly.id}' was '{formerly.key}', and so was card '{other.id}' at {where}: "
            "one note cannot become two cards"
        )
        hint = "a former id belongs to the one card its note became"
    return error(formerly.path, Position(formerly.line, formerly.col), CODE, message, hint)
