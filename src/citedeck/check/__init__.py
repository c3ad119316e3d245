"""The checks a card must pass, one module each. A card rule is `check(card, catalogue)`; a deck
rule is `check_deck(cards)`; both yield Diagnostics and never raise for user input. A card rule
may also have `prepare(cards, catalogue)`, called with every card before any is checked, to
tell the catalogue which lookups are coming (so that one pass over the sources serves them)."""

from . import answer_in_question, duplicate_id, duplicate_question, figure, quote, source, who

CARD_RULES = (quote, who, figure, source, answer_in_question)
DECK_RULES = (duplicate_id, duplicate_question)
