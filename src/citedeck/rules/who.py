"""who-not-in-quote: a who card's answer is a person or organisation named in the quote.

A single part of the name ("Allison", "Mr. Liang") in the quote is enough when the full
answer appears somewhere in the same source.

    passes:  answer: Graham Allison      quote: "Allison's remarks have drawn historical parallels"
    fails:   answer: Damien Ma           quote: "Pan chose DeepSeek without much hesitation"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, brief, error
from ..sources import Catalogue
from ..textnorm import contains_words, fold

CODE = "who-not-in-quote"
_GENERIC = {
    "the", "of", "and", "for", "at", "in", "on", "de", "van", "von", "mr", "mrs", "ms", "dr",
    "university", "college", "school", "inc", "co", "ltd", "group", "company", "lab", "labs",
    "institute", "team",
}


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "who":
        return
    answer, quote = fold(card.answer), fold(card.quote)
    if contains_words(quote, answer):
        return
    parts = [w for w in re.findall(r"\w+", answer) if len(w) > 1 and w.casefold() not in _GENERIC]
    named_part = next((p for p in parts if contains_words(quote, p)), None)
    source = catalogue[card.source]
    if named_part is not None:
        if contains_words(source.text.text, answer):
            return
        message = (
            f"the quote names only '{named_part}', and the full answer '{brief(card.answer)}' "
            f"appears nowhere in {source.label}"
        )
    else:
        message = f"answer '{brief(card.answer)}' does not appear in the quote"
    yield error(card.path, card.at("answer"), CODE, message)
