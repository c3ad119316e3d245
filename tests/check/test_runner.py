"""The runner: each card file by the card rules, all cards by the deck rules, on every core for
a large deck, with the same findings and proofs as one process gives."""

from __future__ import annotations

import concurrent.futures
import pickle
from pathlib import Path

import pytest
from conftest import LP_CARDS, REPO

from citedeck.check import runner
from citedeck.commands.check import CheckResult, check_project
from citedeck.load.project import Project
from citedeck.output.report import format_text

# Findings of every kind, spread over several files: a card id and questions other files share
# (found only with every file's cards), quotes no article holds, a figure the quote lacks, a
# shape mistake, a file that does not parse.
BROKEN = {
    "a-lp": LP_CARDS,
    "b-copy": LP_CARDS.replace("lp-gpus", "copy-gpus").replace("2,048", "2048"),
    "c-unfound": LP_CARDS.replace("lp-", "un-").replace("just 2,048", "just 2,049"),
    "d-shape": LP_CARDS.replace("lp-", "sh-").replace("    type: who\n", "    type: whom\n"),
    "e-syntax": "cards: [\n",
}


def everything(result: CheckResult) -> tuple[object, ...]:
    return (
        format_text(result.diagnostics),
        result.cards,
        [card.positions for card in result.cards],
        result.proven,
        result.written,
        result.files,
    )


def check_on_every_core(root: Path, monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    monkeypatch.setattr(runner, "PARALLEL_BYTES", 1)
    return check_project(Project(root))


def test_a_deck_checked_on_every_core_finds_all_one_process_would(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(**BROKEN)
    whole = check_project(Project(root))
    assert [d.code for d in whole.diagnostics] == [
        "duplicate-question",  # b-copy
        "quote-not-found",
        "card-id-duplicate",
        "duplicate-question",
        "duplicate-question",  # c-unfound
        "figure-mismatch",
        "quote-not-found",
        "duplicate-question",
        "duplicate-question",  # d-shape
        "card-type",
        "yaml-syntax",  # e-syntax
    ], format_text(whole.diagnostics)
    assert everything(check_on_every_core(root, monkeypatch)) == everything(whole)


def test_a_clean_deck_checked_on_every_core_proves_the_same_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = check_project(Project(REPO))
    assert whole.ok and len(whole.proven) == len(whole.cards) >= 100
    assert everything(check_on_every_core(REPO, monkeypatch)) == everything(whole)


def test_a_small_deck_is_checked_in_this_process(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert check_project(Project(deck(**BROKEN))).errors == 6


def test_a_file_check_is_what_a_cache_keeps(deck) -> None:
    root = deck(lp=LP_CARDS)
    [value] = runner.check_files(
        [("cards/lp.yaml", (root / "cards" / "lp.yaml").read_bytes())],
        *_catalogue_and_citable(),
    )
    checked = pickle.loads(value)
    assert isinstance(checked, runner.FileCheck)
    assert [card.id for card in checked.cards] == ["lp-gpus", "lp-founder"]
    assert checked.written == 2 and checked.diagnostics == ()
    assert [(p.card.id, p.line, p.marks) for p in checked.proven] == [
        ("lp-gpus", 20, ((35, 40),)),
        ("lp-founder", 2, ((40, 53),)),
    ]


def test_proven_marks_are_the_spans_the_rules_proved() -> None:
    assert runner.proven_marks("who", "Liang Wenfeng", "founded by hedge fund manager Liang Wenfeng") == ((30, 43),)
    assert runner.proven_marks("figure", "2048", "used just 2,048 Nvidia H800s") == ((10, 15),)
    assert runner.proven_marks("source", "Bloomberg", "anything at all") == ()


def _catalogue_and_citable():  # type: ignore[no-untyped-def]
    from conftest import citable

    from citedeck.load.catalogue import load_catalogue

    catalogue, _ = load_catalogue(Project(REPO))
    return catalogue, citable(catalogue)
