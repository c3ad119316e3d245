"""figure-no-number, figure-mismatch: a figure card's answer states numbers the quote holds.

Numbers compare by value: "2,048" = "2048", "$5.6 million" = "5.6 million dollars",
"42%" = "42 percent", "eight" = "8"; where both sides carry a unit, the units agree.

    passes:  answer: "$5.6 million"     quote: "... just 2,048 Nvidia H800s and $5.6 million ..."
    fails:   answer: "$5.6 billion"     (same quote)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, brief, error
from ..numbers import Number, numbers_in
from ..sources import Catalogue

NO_NUMBER = "figure-no-number"
MISMATCH = "figure-mismatch"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "figure":
        return
    wanted = numbers_in(card.answer)
    if not wanted:
        yield error(
            card.path,
            card.at("answer"),
            NO_NUMBER,
            f"answer '{brief(card.answer)}' holds no number; a figure card's answer states the figure",
        )
        return
    found = numbers_in(card.quote)
    for number in wanted:
        if not any(number.matches(other) for other in found):
            held = "; ".join(f"'{n.text}'" for n in found) or "no numbers"
            yield error(
                card.path,
                card.at("answer"),
                MISMATCH,
                f"the answer's '{number.text}'{_value_if_unlike(number)} is not a number in the "
                f"quote (the quote has {held})",
            )


def _value_if_unlike(number: Number) -> str:
    """" (its value)" where the answer wrote it otherwise ('$5.6 million': 5,600,000 USD;
    'eight': 8); nothing where it wrote it so ('41%'), or in plain digits, which a year's
    '(2,020)' would only garble."""
    plain = number.unit is None and number.text.replace(",", "") == f"{number.value:f}"
    return "" if plain or number.text == str(number) else f" ({number})"
