"""The checks a card must pass, one module each. A card rule is `check(card, catalogue)`; a deck
rule is `check_deck(cards)`; both yield Diagnostics and never raise for user input."""

from . import answer_in_question, duplicate_question, figure, quote, source, who

CARD_RULES = (quote, who, figure, source, answer_in_question)
DECK_RULES = (duplicate_question,)
