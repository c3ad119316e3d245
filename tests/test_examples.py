"""The example deck in other languages (examples/languages): a Chinese and a German article,
checked and built as a user would."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO

from citedeck.cli import main
from citedeck.commands.check import check_project
from citedeck.commands.find import find_passages
from citedeck.load.catalogue import load_catalogue
from citedeck.load.project import Project

EXAMPLE = REPO / "examples" / "languages"


def test_the_example_deck_in_chinese_and_german_checks_clean() -> None:
    result = check_project(Project(EXAMPLE))
    assert result.diagnostics == []
    assert sorted(card.id for card in result.cards) == [
        "nordlicht-founder", "nordlicht-revenue", "nordlicht-round", "nordlicht-staff",
        "xinghe-founder", "xinghe-researchers", "xinghe-revenue", "xinghe-round",
    ]


def test_the_example_deck_builds(tmp_path: Path) -> None:
    deck = tmp_path / "languages"
    shutil.copytree(EXAMPLE, deck)
    result = CliRunner().invoke(main, ["build", "--root", str(deck), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output == f"built 8 cards from 2 sources into {deck.as_posix()}/build/citedeck.apkg\n"
    assert (deck / "build" / "citedeck.apkg").is_file()


def test_find_finds_a_name_inside_a_run_of_han() -> None:
    catalogue, _ = load_catalogue(Project(EXAMPLE))
    (hit,) = find_passages(catalogue, "张伟")
    assert hit.passage.line == 3
    assert hit.marked.startswith("公司创始人»张伟«说")
