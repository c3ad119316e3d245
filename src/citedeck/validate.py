"""Runs every check over a deck project: its config, catalogue, card shapes, then each rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .cards import Card, list_card_files, load_cards
from .config import load_config
from .diagnostics import Diagnostic, sort_key
from .identity import DeckConfig
from .project import Project, Read
from .rules import CARD_RULES, DECK_RULES
from .sources import Catalogue, load_catalogue


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
    catalogue, catalogue_diagnostics = load_catalogue(project)
    diagnostics.extend(catalogue_diagnostics)
    folders = project.card_folders()
    files, listing_diagnostics = list_card_files(project, folders)
    diagnostics.extend(listing_diagnostics)
    cards, card_diagnostics, written = load_cards(project, files, set(catalogue.sources), catalogue.unreadable)
    diagnostics.extend(card_diagnostics)
    for rule in CARD_RULES:
        prepare = getattr(rule, "prepare", None)
        if prepare is not None:
            prepare(cards, catalogue)
    for card in cards:
        for rule in CARD_RULES:
            diagnostics.extend(rule.check(card, catalogue))
    for deck_rule in DECK_RULES:
        diagnostics.extend(deck_rule.check_deck(cards))
    diagnostics.sort(key=sort_key)
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
    )
