"""What a clean check proves: all that build and preview need, without the article text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cards import Card
from .diagnostics import Diagnostic
from .identity import DeckConfig
from .sources import SourceInfo

if TYPE_CHECKING:  # a proof is made from a check's result, but using one needs no checker
    from .validate import CheckResult


@dataclass(frozen=True)
class Proof:
    """The cards, the line of its source each card's quote stands on, the sources' metadata,
    the deck's config, the check's warnings, and each card's note fields as the check rendered
    them (notes.card_fields), by card id.

    Cards read back from the proof store carry no positions: nothing reports on a proven card."""

    cards: list[Card]
    sources: Mapping[str, SourceInfo]
    lines: Mapping[str, int]  # card id -> line
    config: DeckConfig
    warnings: list[Diagnostic]
    fields: Mapping[str, list[str]]

    @classmethod
    def of(cls, result: CheckResult) -> Proof:
        if not result.ok or result.config is None:
            raise ValueError("only a check without errors proves a deck")
        return cls(
            result.cards, result.catalogue.sources, result.lines, result.config, result.diagnostics, result.fields
        )
