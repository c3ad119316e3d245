from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import LP_CARDS, REPO

from citedeck.check import runner
from citedeck.check.parallel import can_fork
from citedeck.load.project import Project
from citedeck.output.report import format_text
from citedeck.check.runner import CheckResult, check_project

# Findings of every kind, spread over several files: a card id and questions other files share
# (found only with every part's cards), quotes no article holds, a figure the quote lacks, a
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
        result.written,
        result.files,
        list(result.inputs.items()),
        result.notes,
    )


def check_in_parts(root: Path, cores: int, monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    monkeypatch.setattr(validate, "cores", lambda: cores)
    monkeypatch.setattr(validate, "PART_BYTES", 1)
    return check_project(Project(root))


@pytest.mark.parametrize("cores", [2, 3, 8])
def test_a_deck_checked_in_parts_finds_all_one_check_would(
    cores: int, deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(**BROKEN)
    whole = check_in_parts(root, 1, monkeypatch)
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
    assert everything(check_in_parts(root, cores, monkeypatch)) == everything(whole)


@pytest.mark.parametrize("cores", [1, 2])
def test_a_clean_deck_checked_in_parts_proves_the_same_cards(cores: int, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = check_project(Project(REPO))
    assert whole.ok and len(whole.notes) == len(whole.cards) > 100
    assert everything(check_in_parts(REPO, cores, monkeypatch)) == everything(whole)


@pytest.mark.skipif(not can_fork(), reason="parts are worked in children only on Linux")
def test_the_parts_of_a_large_deck_are_checked_in_children(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(**BROKEN)
    parent, pids = os.getpid(), []
    check_cards = validate._check_cards

    def spy(project, files, catalogue, namespace):  # type: ignore[no-untyped-def]
        pids.append(os.getpid())  # a child's list is its own: the parent's shows its own parts
        return check_cards(project, files, catalogue, namespace)

    monkeypatch.setattr(validate, "_check_cards", spy)
    check_in_parts(root, 2, monkeypatch)
    assert pids == [parent]


def test_parts_are_runs_of_about_equal_size_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = [700, 300, 500, 500, 100, 1]
    files = []
    for number, size in enumerate(sizes):
        files.append(tmp_path / f"{number}.yaml")
        files[-1].write_bytes(b"#" * size)

    def names(parts: list[list[Path]]) -> list[list[str]]:
        return [[path.stem for path in part] for part in parts]

    monkeypatch.setattr(validate, "PART_BYTES", 100)
    assert names(validate._parts(files, 2)) == [["0", "1"], ["2", "3", "4", "5"]]
    assert names(validate._parts(files, 3)) == [["0"], ["1", "2"], ["3", "4", "5"]]
    assert names(validate._parts(files, 1)) == [["0", "1", "2", "3", "4", "5"]]
    # At most one part for each PART_BYTES (a child costs more than it saves), and none empty.
    assert names(validate._parts(files, 40)) == [["0"], ["1"], ["2"], ["3"], ["4", "5"]]
    # An empty file last (its middle is the very end) joins the last part.
    files.append(tmp_path / "6.yaml")
    files[-1].write_bytes(b"")
    assert names(validate._parts(files, 2)) == [["0", "1"], ["2", "3", "4", "5", "6"]]
    monkeypatch.setattr(validate, "PART_BYTES", 1_000)
    assert names(validate._parts(files, 8)) == [["0", "1"], ["2", "3", "4", "5", "6"]]
    monkeypatch.setattr(validate, "PART_BYTES", 3_000)
    assert names(validate._parts(files, 8)) == [["0", "1", "2", "3", "4", "5", "6"]]
    assert validate._parts([], 2) == [[]]
    # Files it cannot size count as empty: reading them will say why.
    for path in files:
        path.unlink()
    assert names(validate._parts(files, 2)) == [["0", "1", "2", "3", "4", "5", "6"]]
