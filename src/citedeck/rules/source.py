"""source-not-named, source-ambiguous: a source card's answer names the cited source, and its
quote stands in no other source, so the question has exactly one right answer.

    passes:  answer: The New York Times   quote: "You're churning out all this talent"
    fails:   answer: Reuters              (not the cited source's publisher, title, author or key)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, error
from ..sources import Catalogue
from ..textnorm import contains_words, fold

NOT_NAMED = "source-not-named"
AMBIGUOUS = "source-ambiguous"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "source":
        return
    source = catalogue[card.source]
    answer = fold(card.answer)
    if not any(contains_words(answer, fold(name)) for name in source.names):
        names = ", ".join(f"'{n}'" for n in source.names)
        yield error(
            card.path,
            card.at("answer"),
            NOT_NAMED,
            f"answer '{card.answer}' does not name the cited source {source.label}",
            f"name one of: {names}",
        )
    if catalogue.locate(card.source, card.quote) is None:
        return  # the quote rule reports it; ambiguity is only meaningful for a proven quote
    others = catalogue.sources_containing(card.quote, excluding=card.source)
    if others:
        labels = ", ".join(catalogue[k].label for k in others)
        yield error(
            card.path,
            card.at("quote"),
            AMBIGUOUS,
            f"quote also stands in {labels}, so the question has more than one right answer",
            f"quote a passage only '{card.source}' has",
        )
