"""The rules a deck must pass, one module each, each with its codes and a docstring showing a
passing and a failing example.

A card rule is `check(card, catalogue)`, yielding the Diagnostics of one card. A deck rule
compares every card with the others: `claims(card)` yields what no two cards may share, each
with where it stands in the card, and `finding(card, first)` the Diagnostic (or None, when
the rule lets it be) of a claim a card shares with an earlier one. No rule raises for user
input.
"""

from citedeck.check import (
    answer_in_question,
    duplicate_id,
    duplicate_question,
    figure,
    quote,
    renamed,
    source,
    source_elsewhere,
    who,
)

CARD_RULES = (quote, who, figure, source, source_elsewhere, answer_in_question)
DECK_RULES = (duplicate_id, duplicate_question, renamed)
