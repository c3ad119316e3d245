"""The retire command's work: forgetting retired cards, whose notes builds then stop shipping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citedeck.commands.build import write_ledger
from citedeck.load.cards import card_ids
from citedeck.load.diagnostics import Diagnostic
from citedeck.load.ledger import Ledger, load_ledger
from citedeck.load.project import Project


class LedgerBroken(Exception):
    """The ledger has mistakes: fix them first; nothing was forgotten."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics


class NotRetired(Exception):
    """Some ids asked for are no retired cards: each with why; nothing was forgotten."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(reasons)
        self.reasons = reasons


@dataclass(frozen=True)
class Forgotten:
    ids: tuple[str, ...]


def forget_retired(project: Project, ids: Sequence[str], every: bool = False) -> Forgotten:
    """Take `ids` (with `every`, every retired id) out of the project's ledger, so builds no
    longer ship their notes. Raises LedgerBroken, or NotRetired when an id is a card's (or a
    card's former id) or not in the ledger at all; then nothing is written."""
    ledger, problems = load_ledger(project)
    if problems:
        raise LedgerBroken(problems)
    live = card_ids(project)
    retired = ledger.retired(live)
    reasons = []
    for key in dict.fromkeys(ids):
        if key in live:
            reasons.append(f"'{key}' is a card's id, or a former id (was:), in cards/: not retired")
        elif key not in ledger.shipped:
            reasons.append(
                f"'{key}' is not in {project.shown(project.ledger)}: no card of that id has shipped"
            )
    if reasons:
        raise NotRetired(reasons)
    gone = tuple(retired) if every else tuple(dict.fromkeys(ids))
    if gone:
        kept = {key: day for key, day in ledger.shipped.items() if key not in gone}
        write_ledger(project, Ledger(kept))
    return Forgotten(gone)
