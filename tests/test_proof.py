"""A proof is made only of a clean check, and holds what build and preview need."""

from __future__ import annotations

import pytest
from conftest import LP_CARDS

from citedeck.identity import DeckConfig
from citedeck.project import Project
from citedeck.proof import Proof
from citedeck.validate import check_project


def test_a_clean_check_proves_its_cards_with_each_quotes_line(deck) -> None:
    result = check_project(Project(deck(lp=LP_CARDS)))
    proof = Proof.of(result)
    assert [card.id for card in proof.cards] == ["lp-gpus", "lp-founder"]
    assert proof.lines == {"lp-gpus": 20, "lp-founder": 2}
    assert proof.config == DeckConfig()
    assert proof.warnings == []
    assert proof.sources["liang-profile"].file == "004_ebb659519f0ddc96.txt"


def test_a_check_with_errors_proves_nothing(deck) -> None:
    result = check_project(Project(deck(lp=LP_CARDS.replace('"2,048"', '"2,049"'))))
    with pytest.raises(ValueError, match="only a check without errors proves a deck"):
        Proof.of(result)
