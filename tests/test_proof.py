"""A proof is made only of a clean check, and holds what build and preview need."""

from __future__ import annotations

import pytest
from conftest import LP_CARDS

from citedeck.load.identity import FIELDS, DeckConfig
from citedeck.load.project import Project
from citedeck.check.proof import Proof
from citedeck.check.runner import check_project


def test_a_clean_check_proves_its_cards_with_each_quotes_line(deck) -> None:
    result = check_project(Project(deck(lp=LP_CARDS)))
    proof = Proof.of(result)
    assert [(note.id, note.source) for note in proof.notes] == [
        ("lp-gpus", "liang-profile"),
        ("lp-founder", "liang-profile"),
    ]
    citations = [note.fields[FIELDS.index("Citation")] for note in proof.notes]
    assert [c[c.index("seeds/") :] for c in citations] == [
        "seeds/004_ebb659519f0ddc96.txt, line 20</span>",
        "seeds/004_ebb659519f0ddc96.txt, line 2</span>",
    ]
    assert proof.config == DeckConfig()
    assert proof.warnings == []
    assert proof.sources["liang-profile"].file == "004_ebb659519f0ddc96.txt"


def test_a_check_with_errors_proves_nothing(deck) -> None:
    result = check_project(Project(deck(lp=LP_CARDS.replace('"2,048"', '"2,049"'))))
    with pytest.raises(ValueError, match="only a check without errors proves a deck"):
        Proof.of(result)
