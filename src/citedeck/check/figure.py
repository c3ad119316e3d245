"""figure-no-number, figure-mismatch: a figure card's answer states numbers the quote holds.

Numbers compare by value and kind: "2,048" = "2048", "$5.6 million" = "5.6 million dollars",
"42%" = "42 percent", "eight" = "8", "9x" = "9-fold" = "nine times"; but a percentage is no
count, S$ no $, a year no count ("in 2019" is not "2,019"), a fraction no count ("two-fifths" is
not 2), an ordinal no count ("second" is not 2). Number words are read whole ("three hundred
and twelve" is 312, never 300 and 12).

    passes:  answer: "$5.6 million"     quote: "... just 2,048 Nvidia H800s and $5.6 million ..."
    fails:   answer: "$5.6 billion"     (same quote)
    fails:   answer: "2,048%"           (same quote: the quote's 2,048 is a count)
    fails:   answer: "48"  quote: "048 salariés"   (in French, the article's "2 048": cut apart)
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, error
from citedeck.text.fold import fold
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
    cut = _number_cut(card, catalogue, language)
    if cut is not None:
        said, whole = cut
        yield error(
            card.path,
            card.at("quote"),
            MISMATCH,
            f"the quote's '{said}' is the end of the article's number '{whole}'",
            "quote the number whole",
        )
        return
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


# How much of the article before a piece of the quote is read with it, to find a number the
# piece starts inside of.
_CONTEXT = 24


def _number_cut(card: Card, catalogue: Catalogue, language: str) -> tuple[str, str] | None:
    """The quote's number and the article's, when a piece of the quote starts inside a number
    that only the article's language makes one ("048" of the French "2 048"); None if none."""
    match = catalogue.locate(card.source, card.quote)
    if match is None:
        return None
    text = catalogue[card.source].text.text
    for start, end in match.spans:
        piece, context = fold(text[start:end]), fold(text[max(0, start - _CONTEXT) : end])
        first = next(iter(numbers_in(piece, language)), None)
        if first is None or first.start != 0:
            continue
        at = len(context) - len(piece)  # the piece ends the context
        whole = next((n for n in numbers_in(context, language) if n.start < at < n.end), None)
        if whole is not None:
            return first.text, whole.text
    return None


def _value_if_unlike(number: Number) -> str:
    """ " (its value)" where the answer wrote it otherwise ('$5.6 million': 5,600,000 USD;
    'eight': 8); nothing where it wrote it so ('41%'), or in plain digits, which a year's
    '(2,020)' would only garble."""
    plain = number.unit is None and number.text.replace(",", "") == f"{number.value:f}"
    return "" if plain or number.text == str(number) else f" ({number})"
