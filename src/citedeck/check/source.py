"""source-not-named, source-name-shared, source-ambiguous: a source card's answer names the
cited source and no other, and its quote stands in no other source, in any letter case, so the
question has exactly one right answer.

The answer is one of the names the article gives itself (its short title, publisher, title or
author), letter case and a leading "the" aside; or two of them, the second in parentheses
("Vivian Wang (The New York Times)"). Never the catalogue's key: a learner cannot recall a name
the deck made up, so an article that names no title, publisher or author gets no source cards.
An answer that merely holds a name ("Not The New York Times", "Reuters (The Times)") does not
name the source. A name two catalogued sources share (one publisher's two columns) names
neither.

    passes:  answer: The New York Times   quote: "You're churning out all this talent"
    passes:  answer: new york times
    fails:   answer: Reuters              (not the cited source's publisher, title or author)
    fails:   answer: nyt                  (the catalogue's key, a name the deck made up)
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, error
from citedeck.text.fold import fold

NOT_NAMED = "source-not-named"
SHARED = "source-name-shared"
AMBIGUOUS = "source-ambiguous"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "source":
        return
    yield from _check_answer(card, catalogue)
    if catalogue.locate(card.source, card.quote) is None:
        return  # the quote rule reports it; ambiguity is only meaningful for a proven quote
    others = catalogue.sources_containing_any_case(card.quote, excluding=card.source)
    if others:
        labels = ", ".join(catalogue[k].label for k in others)
        yield error(
            card.path,
            card.at("quote"),
            AMBIGUOUS,
            f"quote also stands in {labels}, so the question has more than one right answer",
            f"quote a passage only '{card.source}' has",
        )


def _check_answer(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    source = catalogue[card.source]
    holders = _holders(catalogue)
    named = [holders.get(_bare(part), ()) for part in _parts(card.answer)]
    if all(keys == (source.key,) for keys in named):
        return
    answer = brief(card.answer)
    if not source.names:
        yield error(
            card.path,
            card.at("answer"),
            NOT_NAMED,
            f"the cited source {source.label} names no title, publisher or author, so a learner "
            f"has no name to recall it by ('{source.key}' is the catalogue's key, not its name)",
            "ask a who or figure question about this article, or give the catalogue the title, "
            "publisher or author the article states",
        )
        return
    names = ", ".join(f"'{n}'" for n in source.names)
    unnamed = [
        part
        for part, keys in zip(_parts(card.answer), named, strict=True)
        if source.key not in keys
    ]
    if unnamed:
        message = f"answer '{answer}' does not name the cited source {source.label}"
        if len(named) > 1:
            message += f": '{brief(unnamed[0])}' is not one of its names"
        yield error(
            card.path, card.at("answer"), NOT_NAMED, message, f"answer with one of: {names}"
        )
        return
    both = set(named[0]).intersection(*named[1:])
    if len(both) > 1:
        others = ", ".join(catalogue[k].label for k in named[0] if k in both and k != source.key)
        own = [n for n in source.names if holders[_bare(n)] == (source.key,)]
        yield error(
            card.path,
            card.at("answer"),
            SHARED,
            f"answer '{answer}' names {source.label} and {others} alike, so it identifies neither",
            f"answer with a name only '{source.key}' has: {', '.join(repr(n) for n in own)}"
            if own
            else f"answer with two of its names, the second in parentheses: {names}",
        )


_IN_PARENTHESES = re.compile(r"(.*?)\s*\(([^()]+)\)")


def _parts(answer: str) -> list[str]:
    """The names an answer gives: itself, or what stands before parentheses and in them."""
    said = fold(answer).strip()
    end = _IN_PARENTHESES.fullmatch(said)
    if end is None:
        return [said]
    return [part for part in end.groups() if part.strip()]


def _bare(name: str) -> str:
    """A name as answers may write it: any letter case, with or without a leading "the"."""
    name = fold(name).strip().casefold()
    return name.removeprefix("the ")


# For each catalogue, each name its sources have (bare), and the keys of those having it.
_HOLDERS: weakref.WeakKeyDictionary[Catalogue, dict[str, tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def _holders(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    holders = _HOLDERS.get(catalogue)
    if holders is None:
        found: dict[str, dict[str, None]] = {}
        for key, source in catalogue.infos.items():
            for name in source.names:
                found.setdefault(_bare(name), {})[key] = None
        holders = _HOLDERS[catalogue] = {name: tuple(keys) for name, keys in found.items()}
    return holders
