"""The build and preview commands' work: a clean check's cards rendered as notes, written as an
Anki package or as a preview page."""

from __future__ import annotations

from pathlib import Path

from citedeck.commands.check import CheckResult
from citedeck.output.notes import Deck, render_deck
from citedeck.output.package import BuildResult, build_package
from citedeck.output.preview import Preview, write_preview


def proven_deck(result: CheckResult) -> Deck:
    """The notes of a check without errors."""
    if not result.ok or result.config is None:
        raise ValueError("only a check without errors proves a deck")
    return render_deck(result.proven, result.sources, result.config)


def write_package(result: CheckResult, output: Path, timestamp: float) -> BuildResult:
    """The deck `result` proved, written to `output` as an Anki package dated `timestamp`."""
    return build_package(proven_deck(result), output, timestamp)


def write_preview_page(result: CheckResult, output: Path) -> Preview:
    """The deck `result` proved, written to `output` as one HTML page."""
    return write_preview(proven_deck(result), output)
