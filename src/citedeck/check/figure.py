"""figure-no-number, figure-mismatch: a figure card's answer states numbers the quote holds.

Numbers compare by value and kind: "2,048" = "2048", "$5.6 million" = "5.6 million dollars",
"42%" = "42 percent", "eight" = "8", "9x" = "9-fold" = "nine times"; but a percentage is no
count, S$ no $, a year no count ("in 2019" is not "2,019"), a fraction no count ("two-fifths" is
not 2), an ordinal no count ("second" is not 2). Number words are read whole ("three hundred
and twelve" is 312, never 300 and 12).

    passes:  answer: "$5.6 million"     quote: "... just 2,048 Nvidia H800s and $5.6 million ..."
    fails:   answer: "$5.6 billion"     (same quote)
    fails:   answer: "2,048%"           (same quote: the quote's 2,048 is a count)
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, error
from citedeck.text.numbers import YEAR, Number, numbers_in

NO_NUMBER = "figure-no-number"
MISMATCH = "figure-mismatch"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "figure":
        return
    language = catalogue.language(card.source)
    wanted = numbers_in(card.answer, language)
    if not wanted:
        yield error(
            card.path,
            card.at("answer"),
            NO_NUMBER,
            f"answer '{brief(card.answer)}' holds no number; a figure card's answer states the figure",
        )
        return
    found = numbers_in(card.quote, language)
    for number in wanted:
        if any(number.matches(other) for other in found):
            continue
        alike = next((other for other in found if other.value == number.value), None)
        hint = None
        if alike is not None:
            message = (
                f"the answer's '{number.text}' is {number.kind}, but the quote's '{alike.text}' is "
                f"{alike.kind}"
            )
            if alike.unit == YEAR and number.unit is None:
                hint = "a number of four digits from 1500 to 2100 without a comma reads as a year"
        else:
            held = "; ".join(f"'{n.text}'" for n in found) or "no numbers"
            message = (
                f"the answer's '{number.text}'{_value_if_unlike(number)} is not a number in the "
                f"quote (the quote has {held})"
            )
        yield error(card.path, card.at("answer"), MISMATCH, message, hint)


def _value_if_unlike(number: Number) -> str:
    """ " (its value)" where the answer wrote it otherwise ('$5.6 million': 5,600,000 USD;
    'eight': 8); nothing where it wrote it so ('41%'), or in plain digits, which a year's
    '(2,020)' would only garble."""
    plain = number.unit is None and number.text.replace(",", "") == f"{number.value:f}"
    return "" if plain or number.text == str(number) else f" ({number})"
