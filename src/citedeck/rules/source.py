"""source-not-named, source-ambiguous: a source card's answer is a name of the cited source, and
its quote stands in no other source, so the question has exactly one right answer.

The answer is one of the source's names (publisher, title, author, key), letter case and a
leading "the" aside, or ends with one in parentheses ("the Liang Wenfeng profile
(liang-profile)"). An answer that merely holds a name ("Not The New York Times", "the public
library" for the key "library") does not name the source.

    passes:  answer: The New York Times   quote: "You're churning out all this talent"
    passes:  answer: new york times
    fails:   answer: Reuters              (not the cited source's publisher, title, author or key)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..cards import Card
from ..diagnostics import Diagnostic, brief, error
from ..sources import Catalogue
from ..textnorm import fold

NOT_NAMED = "source-not-named"
AMBIGUOUS = "source-ambiguous"


def prepare(cards: Sequence[Card], catalogue: Catalogue) -> None:
    # Every source card's quote is looked for in the other sources.
    catalogue.expect(card.quote for card in cards if card.type == "source")


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "source":
        return
    source = catalogue[card.source]
    if not _names(card.answer, source.names):
        names = ", ".join(f"'{n}'" for n in source.names)
        yield error(
            card.path,
            card.at("answer"),
            NOT_NAMED,
            f"answer '{brief(card.answer)}' does not name the cited source {source.label}",
            f"answer with one of: {names}; or end the answer with one in parentheses",
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


_IN_PARENTHESES = re.compile(r".*\(([^()]+)\)")


def _names(answer: str, names: tuple[str, ...]) -> bool:
    """Whether `answer` is one of `names`, or ends with one in parentheses."""
    said = fold(answer)
    given = {_bare(said)}
    end = _IN_PARENTHESES.fullmatch(said)
    if end:
        given.add(_bare(end.group(1)))
    return any(_bare(fold(name)) in given for name in names)


def _bare(name: str) -> str:
    """A name as answers may write it: any letter case, with or without a leading "the"."""
    name = name.strip().casefold()
    return name.removeprefix("the ")
