"""Proving card files against the sources: each card file's cards by every card rule, then all
the deck's cards by the deck rules. A large deck's card files are checked on every core."""

from __future__ import annotations

import functools
import os
import pickle
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from citedeck.check import CARD_RULES, DECK_RULES
from citedeck.load.cards import Card, Citable, Proven, Sighting, load_cards
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic
from citedeck.text.fragment import text_directive
from citedeck.text.names import name_span
from citedeck.text.numbers import numbers_in

# Card files of fewer bytes than this, in all, check sooner in this process than a pool of
# processes starts.
PARALLEL_BYTES = 1 << 20


@dataclass(frozen=True)
class FileCheck:
    """One card file, checked: the findings; how many cards it holds (sound or not: a file of
    three cards, one of them broken, holds three); its cards as each deck rule compares them
    (`sightings[i]` for DECK_RULES[i]); and `proof`, its cards of sound shape and, when it
    has no errors, what was proved of each, pickled (cards and proven give them back): a check
    that only reports needs none of it."""

    diagnostics: tuple[Diagnostic, ...]
    written: int
    sightings: tuple[tuple[Sighting, ...], ...]
    proof: bytes

    @functools.cached_property
    def _proved(self) -> tuple[tuple[Card, ...], tuple[Proven, ...]]:
        proved: tuple[tuple[Card, ...], tuple[Proven, ...]] = pickle.loads(self.proof)
        return proved

    @property
    def cards(self) -> tuple[Card, ...]:
        return self._proved[0]

    @property
    def proven(self) -> tuple[Proven, ...]:
        return self._proved[1]

    @classmethod
    def unread(cls, diagnostics: Iterable[Diagnostic]) -> FileCheck:
        """A card file that could not be read."""
        return cls(tuple(diagnostics), 0, tuple(() for _ in DECK_RULES), pickled(((), ())))


def check_file(shown: str, data: bytes, catalogue: Catalogue, citable: Citable) -> FileCheck:
    """Check the card file `shown`, which holds `data`, by every card rule."""
    cards, diagnostics, written = load_cards(shown, data, citable)
    for card in cards:
        for rule in CARD_RULES:
            diagnostics.extend(rule.check(card, catalogue))
    proven: tuple[Proven, ...] = ()
    if not any(d.is_error for d in diagnostics):
        proven = tuple(_proven(card, catalogue) for card in cards)
    return FileCheck(
        tuple(diagnostics), written, sightings(cards), pickled((tuple(cards), proven))
    )


def check_files(
    files: Sequence[tuple[str, bytes]], catalogue: Catalogue, citable: Citable
) -> list[bytes]:
    """Each card file, given by its path as findings show it and its bytes, checked
    (check_file), its FileCheck pickled: as a cache keeps it."""
    if len(files) > 1 and sum(len(data) for _, data in files) >= PARALLEL_BYTES and _can_fork():
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        catalogue.words  # noqa: B018 - made once, here, not in each process
        try:
            with ProcessPoolExecutor(
                _cores(),
                mp_context=multiprocessing.get_context("fork"),
                initializer=_share,
                initargs=(catalogue, citable),
            ) as pool:
                return list(
                    pool.map(_check_shared, files, chunksize=max(1, len(files) // (4 * _cores())))
                )
        except BrokenProcessPool:  # a process was killed (out of memory): the work is done here
            pass
    return [pickled(check_file(shown, data, catalogue, citable)) for shown, data in files]


def sightings(cards: Sequence[Card]) -> tuple[tuple[Sighting, ...], ...]:
    """`cards` as each deck rule compares them."""
    found = []
    for rule in DECK_RULES:
        seen = []
        for card in cards:
            for key, at in rule.claims(card):
                seen.append(Sighting(key, card.id, card.path, at.line, at.col))
        found.append(tuple(seen))
    return tuple(found)


def check_deck(files: Iterable[FileCheck]) -> list[Diagnostic]:
    """The findings of the deck rules on the cards of every card file, in order."""
    found = []
    for index, rule in enumerate(DECK_RULES):
        first: dict[str, Sighting] = {}
        for file in files:
            for card in file.sightings[index]:
                if card.key not in first:
                    first[card.key] = card
                elif (diagnostic := rule.finding(card, first[card.key])) is not None:
                    found.append(diagnostic)
    return found


def proven_marks(
    kind: str, answer: str, quote: str, language: str = "en"
) -> tuple[tuple[int, int], ...]:
    """Where in fold(quote) the answer was proved: a who card's name, whole, where the rule
    found it; each of a figure card's numbers, whole ("14-fold", "$5.6 million"), once; nothing
    for a source card, whose answer names the article."""
    if kind == "who":
        span = name_span(answer, quote)
        return (span,) if span else ()
    if kind != "figure":
        return ()
    spans: list[tuple[int, int]] = []
    found = numbers_in(quote, language)
    for wanted in numbers_in(answer, language):
        match = next((n for n in found if wanted.matches(n)), None)
        if match is not None and (match.start, match.end) not in spans:
            spans.append((match.start, match.end))
    return tuple(spans)


def _proven(card: Card, catalogue: Catalogue) -> Proven:
    match = catalogue.locate(card.source, card.quote)
    assert match is not None, f"card {card.id} passed the check with its quote unfound"
    marks = proven_marks(card.type, card.answer, card.quote, catalogue.language(card.source))
    source = catalogue[card.source]
    passage = text_directive(source.text, match.spans) if source.url else None
    return Proven(card, match.line, marks, passage)


def pickled(value: object) -> bytes:
    """`value` pickled, as the cache keeps it and a pool's process hands it back."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    """Whether the pool's processes may be forked, sharing the catalogue loaded here: on Linux
    (macOS's system libraries are not safe across fork), with more than one core."""
    return sys.platform.startswith("linux") and _cores() > 1


_shared: tuple[Catalogue, Citable] | None = None


def _share(catalogue: Catalogue, citable: Citable) -> None:
    global _shared
    _shared = (catalogue, citable)


def _check_shared(file: tuple[str, bytes]) -> bytes:
    assert _shared is not None
    return pickled(check_file(*file, *_shared))
