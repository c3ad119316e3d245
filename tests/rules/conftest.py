"""Run one card through the real catalogue and return the text a user sees for its findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from citedeck.cards import load_card_file
from citedeck.project import Project
from citedeck.report import format_text
from citedeck.rules import CARD_RULES
from citedeck.sources import Catalogue, load_catalogue

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(Project(REPO))
    assert problems == []
    return loaded


@pytest.fixture
def findings(tmp_path: Path, catalogue: Catalogue):  # type: ignore[no-untyped-def]
    """findings(rule, card_yaml) -> the formatted findings of `rule` on that one card."""

    def run(rule, card: str) -> str:  # type: ignore[no-untyped-def]
        path = tmp_path / "c.yaml"
        path.write_text("cards:\n" + textwrap.indent(textwrap.dedent(card), "  "), encoding="utf-8")
        cards, problems = load_card_file(path, "c.yaml", set(catalogue.sources))
        assert problems == [] and len(cards) == 1
        return format_text(rule.check(cards[0], catalogue))

    return run


def test_every_card_rule_is_registered() -> None:
    assert {r.__name__.rsplit(".", 1)[-1] for r in CARD_RULES} == {
        "quote", "who", "figure", "source", "answer_in_question"
    }
