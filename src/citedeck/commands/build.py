"""The build and preview commands' work: a clean check's cards rendered as notes, with the
notes of its retired cards, written as an Anki package (and the ledger updated) or as a
preview page."""

from __future__ import annotations

from pathlib import Path

from citedeck.commands.check import CheckResult
from citedeck.load.ledger import Ledger, build_day, covered_ids
from citedeck.load.project import Project
from citedeck.output.atomicfile import write_atomically
from citedeck.output.notes import Deck, render_deck
from citedeck.output.package import BuildResult, build_package
from citedeck.output.preview import Preview, write_preview


def proven_deck(result: CheckResult, ledger: Ledger | None = None) -> Deck:
    """The notes of a check without errors; with `ledger`, the notes of its retired cards too."""
    if not result.ok or result.config is None:
        raise ValueError("only a check without errors proves a deck")
    retired = {}
    if ledger is not None:
        covered = covered_ids(result.cards)
        retired = {key: day for key, day in ledger.retired(covered).items() if day}
    return render_deck(result.proven, result.sources, result.config, retired)


def shipped_ledger(result: CheckResult, timestamp: float) -> Ledger:
    """The ledger once the deck `result` proved has shipped at `timestamp`: a card no longer
    in cards/ retired that day, if it was not already."""
    return result.ledger.after_build(result.cards, build_day(timestamp))


def write_package(
    result: CheckResult, project: Project, output: Path, timestamp: float
) -> BuildResult:
    """The deck `result` proved, with its retired cards' notes, written to `output` as an Anki
    package dated `timestamp`; then the project's ledger, if it changed."""
    ledger = shipped_ledger(result, timestamp)
    built = build_package(proven_deck(result, ledger), output, timestamp)
    try:
        write_ledger(project, ledger)
    except OSError as exc:
        raise LedgerNotWritten(project.shown(project.ledger), exc.strerror or str(exc)) from exc
    return built


class LedgerNotWritten(Exception):
    """The package was written, the ledger (`path`) not, for `reason`."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


def write_ledger(project: Project, ledger: Ledger) -> None:
    """Write `ledger` to the project's ledger file atomically; one already holding it is left
    as it is."""
    text = ledger.text().encode("utf-8")
    try:
        if project.ledger.read_bytes() == text:
            return
    except OSError:
        pass  # absent, or unreadable: the write says so
    def write(temp: Path) -> None:
        temp.write_bytes(text)

    write_atomically(project.ledger, write)


def write_preview_page(result: CheckResult, output: Path) -> Preview:
    """The deck `result` proved, written to `output` as one HTML page."""
    return write_preview(proven_deck(result), output)
