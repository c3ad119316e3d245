"""What a clean check proves: all that build and preview need, without the article text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from citedeck.output.citation import SourceInfo
from citedeck.load.diagnostics import Diagnostic
from citedeck.load.identity import FIELD_SEPARATOR, DeckConfig

if TYPE_CHECKING:  # a proof is made from a check's result, but using one needs no checker
    from citedeck.check.runner import CheckResult


class ProvenNote(NamedTuple):
    """A proven card as its note shows it: its id, the note's GUID (identity.note_guid), its
    source's key, the note's tags, and the note's fields in FIELDS order, rendered by the check
    (notes.card_fields), as Anki stores them: one string, the fields parted by FIELD_SEPARATOR
    (a large deck's notes go between processes, into the proof store and out again the quicker
    for it). The card's own text is in the fields; nothing after the check needs it again."""

    id: str
    guid: str
    source: str
    tags: tuple[str, ...]
    flds: str

    @property
    def fields(self) -> list[str]:
        return self.flds.split(FIELD_SEPARATOR)


@dataclass(frozen=True)
class Proof:
    """The proven notes, in card order, the sources' metadata, the deck's config and the
    check's warnings."""

    notes: list[ProvenNote]
    sources: Mapping[str, SourceInfo]
    config: DeckConfig
    warnings: list[Diagnostic]

    @classmethod
    def of(cls, result: CheckResult) -> Proof:
        if not result.ok or result.config is None:
            raise ValueError("only a check without errors proves a deck")
        return cls(result.notes, result.catalogue.sources, result.config, result.diagnostics)
