"""Shared fixtures: a throwaway deck project built from the real seeds, and a real Anki import."""

from __future__ import annotations

import shutil
import signal
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from citedeck.cache import CACHE_ENV
from citedeck.check.runner import FileCheck, check_deck, sightings
from citedeck.commands.check import CheckResult
from citedeck.load.cards import Card, Citable, LoadedCards, load_cards
from citedeck.load.catalogue import Catalogue, load_catalogue
from citedeck.load.diagnostics import Diagnostic
from citedeck.load.identity import DeckConfig
from citedeck.load.project import Project
from citedeck.output.notes import Deck, render_deck
from citedeck.output.report import format_text

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# Two cards that pass the check, on the Liang Wenfeng profile: a figure and a who.
LP_CARDS = """\
source: liang-profile
tags: [compute]
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,048"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
  - id: lp-founder
    type: who
    question: Which hedge fund manager founded DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
"""

# A card file whose two cards cite two sources (a subdeck each, when the config asks).
TWO_SOURCE_CARDS = """\
cards:
  - id: lp-founder
    source: liang-profile
    type: who
    question: Which hedge fund manager founded DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
  - id: nyt-stem
    source: nyt
    type: figure
    question: How many times as many STEM graduates as the US did China produce in 2020?
    answer: more than four times
    quote: "produced more than four times as many STEM graduates in 2020 as the United States"
"""


@pytest.fixture(autouse=True)
def proof_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test stores proofs in a cache folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture(autouse=True)
def sigterm_handler() -> Iterator[None]:
    """A test that sets a SIGTERM handler of its own leaves the suite's as it found it."""
    before = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, before)


@pytest.fixture
def deck(tmp_path: Path) -> Callable[..., Path]:
    """Make a deck project in tmp_path with the real seeds; `deck(name=yaml, ...)` writes
    cards/<name>.yaml from dedented YAML text and returns the project root."""

    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "cards").mkdir()

    def write(**files: str) -> Path:
        for name, text in files.items():
            (tmp_path / "cards" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return write


def import_into_anki(collection_path: Path, package: Path):  # type: ignore[no-untyped-def]
    """Import `package` into the Anki collection at `collection_path`; return (collection, log)."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection_path))
    response = col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    )
    return col, response.log


def proven(result: CheckResult, config: DeckConfig | None = None) -> Deck:
    """The notes of a clean check; with `config`, of the same cards in another deck (their
    GUIDs in its namespace)."""
    assert result.ok and result.config is not None, result.diagnostics
    return render_deck(result.proven, result.sources, config or result.config)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(Project(REPO))
    assert problems == []
    return loaded


def citable(catalogue: Catalogue) -> Citable:
    """What a card may cite in `catalogue`."""
    return Citable(frozenset(catalogue.sources), catalogue.unreadable)


@pytest.fixture
def findings(tmp_path: Path, catalogue: Catalogue):  # type: ignore[no-untyped-def]
    """findings(rule, card_yaml) -> the formatted findings of `rule` on that one card."""

    def run(rule, card: str) -> str:  # type: ignore[no-untyped-def]
        path = tmp_path / "c.yaml"
        path.write_text("cards:\n" + textwrap.indent(textwrap.dedent(card), "  "), encoding="utf-8")
        cards, problems, _ = load_cards("c.yaml", path.read_bytes(), citable(catalogue))
        assert problems == [] and len(cards) == 1
        return format_text(rule.check(cards[0], catalogue))

    return run


def deck_cards(root, keys: set[str]) -> LoadedCards:  # type: ignore[no-untyped-def]
    """The cards of every card file in `root`, one file after another, as a check reads them."""
    project = Project(root)
    cards, problems, written = [], [], 0
    for path in project.card_files():
        loaded = load_cards(project.shown(path), path.read_bytes(), Citable(frozenset(keys)))
        cards += loaded.cards
        problems += loaded.diagnostics
        written += loaded.written
    return LoadedCards(cards, problems, written)


def deck_findings(rule, cards: list[Card]) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
    """What deck rule `rule` finds comparing `cards`, as the runner compares a file's cards."""
    return [d for d in check_deck([FileCheck((), len(cards), sightings(cards), b"")]) if d.code == rule.CODE]
