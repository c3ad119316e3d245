"""Runs every check over a deck project: its config, catalogue, card shapes, then each rule.
A large deck's card files are checked in parts, one for each core (see parallel.py), read
while the catalogue loads."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from citedeck.load.cards import Card, CardFile, cards_in, list_card_files, read_card_files
from citedeck.load.config import load_config
from citedeck.load.diagnostics import Diagnostic, sort_key
from citedeck.load.identity import DeckConfig
from citedeck.output.notes import proven_note
from citedeck.check.parallel import cores, map_parts
from citedeck.load.project import Project, Read
from citedeck.check.proof import ProvenNote
from citedeck.check import CARD_RULES, DECK_RULES
from citedeck.load.catalogue import Catalogue, load_catalogue

# A deck is cut into at most one part for each this much of its YAML: a few hundred cards
# check in less time than a child process costs.
PART_BYTES = 1 << 20
# Reading and folding the articles costs about as much for each this many bytes of them as
# checking a byte of card files (measured over 500 articles and 20,000 cards).
ARTICLE_BYTES_PER_CARD_BYTE = 40


@dataclass(frozen=True)
class CheckResult:
    cards: list[Card]
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    files: int
    # The cards the files hold, sound or not: `cards` leaves out those of broken shape.
    written: int
    # The deck build and preview fill; None when citedeck.toml has mistakes (they are among
    # the diagnostics, so the result is not ok).
    config: DeckConfig | None
    # What the result was proven from: every file the check read, as it read it, and every
    # path it resolved, with where it led (see Project).
    inputs: Mapping[Path, Read | None]
    resolutions: Mapping[Path, str]
    # The folders in cards/ it warned of (card-folder): the proof holds their warnings.
    card_folders: list[Path]
    # For a result without errors, each card's note, in card order: rendered with the check's
    # lookups still warm. Empty when there are errors.
    notes: list[ProvenNote]

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def ok(self) -> bool:
        return self.errors == 0


def check_project(project: Project) -> CheckResult:
    config, diagnostics = load_config(project)
    folders = project.card_folders()
    files, listing_diagnostics = list_card_files(project, folders)
    diagnostics.extend(listing_diagnostics)

    def read_part(part: list[Path]) -> list[CardFile]:
        return read_card_files(project, part)

    def load_sources() -> tuple[Catalogue, list[Diagnostic]]:
        return load_catalogue(project)

    namespace = (config or DeckConfig()).guid_namespace

    def check_part(read: list[CardFile], loaded: tuple[Catalogue, list[Diagnostic]]) -> _Checked:
        return _check_cards(project, read, loaded[0], namespace)

    # The card files are read while the catalogue loads: it is all the rules wait for.
    (catalogue, catalogue_diagnostics), checked = map_parts(
        read_part, load_sources, check_part, _parts(files, cores(), _catalogue_lead(project))
    )
    diagnostics.extend(catalogue_diagnostics)
    cards, notes, written = [], [], 0
    for part in checked:
        cards.extend(part.cards)
        diagnostics.extend(part.diagnostics)
        written += part.written
        project.reads.update(part.reads)
        notes.extend(part.notes)
    for deck_rule in DECK_RULES:
        diagnostics.extend(deck_rule.check_deck(cards))
    diagnostics.sort(key=sort_key)
    if any(d.is_error for d in diagnostics):  # a part without errors rendered its notes anyway
        notes = []
    return CheckResult(
        cards,
        catalogue,
        diagnostics,
        len(files),
        written,
        config,
        dict(project.reads),
        dict(project.resolutions),
        folders,
        notes,
    )


@dataclass(frozen=True)
class _Checked:
    """What checking some of the card files found: as CheckResult, and what they read."""

    cards: list[Card]
    diagnostics: list[Diagnostic]
    written: int
    reads: dict[Path, Read | None]
    notes: list[ProvenNote]


def _check_cards(project: Project, files: list[CardFile], catalogue: Catalogue, namespace: str) -> _Checked:
    """Check each card in the card `files` read against `catalogue` by every card rule; a
    clean part's notes get their GUIDs in `namespace`."""
    cards, diagnostics, written = cards_in(project, files, set(catalogue.sources), catalogue.unreadable)
    for rule in CARD_RULES:
        prepare = getattr(rule, "prepare", None)
        if prepare is not None:
            prepare(cards, catalogue)
    for card in cards:
        for rule in CARD_RULES:
            diagnostics.extend(rule.check(card, catalogue))
    notes = []
    if not any(d.is_error for d in diagnostics):  # else the check proves nothing
        for card in cards:
            match = catalogue.locate(card.source, card.quote)
            assert match is not None, f"card {card.id} passed the check with its quote unfound"
            notes.append(proven_note(card, catalogue.sources[card.source], match.line, namespace))
    reads = {file.path: project.reads[file.path] for file in files if file.path in project.reads}
    return _Checked(cards, diagnostics, written, reads, notes)


def _catalogue_lead(project: Project) -> int:
    """What loading the catalogue, and handing it to the children, costs the process that does
    it, in bytes of card files that cost as much to check: its part is cut that much shorter."""
    articles = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(project.seeds):
            with contextlib.suppress(OSError):
                if entry.is_file():
                    articles += entry.stat().st_size
    return articles // ARTICLE_BYTES_PER_CARD_BYTE


def _parts(files: list[Path], count: int, lead: int = 0) -> list[list[Path]]:
    """`files` cut into at most `count` runs of about equal size, in order (findings and cards
    keep the order one part would give them), the first `lead` bytes shorter (at most half
    its share); one run for a small deck."""
    sizes = []
    for path in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:  # its reading will say why
            sizes.append(0)
    total = sum(sizes)
    count = min(count, total // PART_BYTES)
    if count < 2:
        return [files]
    lead = min(lead, total // count // 2)
    parts: list[list[Path]] = [[] for _ in range(count)]
    done = lead
    for path, size in zip(files, sizes, strict=True):
        # By where its middle falls (an empty file last falls at the very end).
        parts[min((done + size // 2) * count // (total + lead), count - 1)].append(path)
        done += size
    return [part for part in parts if part]
