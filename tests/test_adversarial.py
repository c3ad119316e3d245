"""The adversarial suite: cards as data (tests/adversarial/*.yaml), each run through every card
rule against the real seeds.

Each case is a card (as in cards/*.yaml, minus its id) with `expect`: "pass" (no finding of
severity error) or the code of an error that must be among the findings, and a one-line `why`.
Many cases document false passes and false failures of the rules as they stood when the suite
was written: they are the specification the stricter rules are held to.

tests/adversarial/languages/ is a deck project of its own: fixture articles in Chinese,
Japanese, Korean, German and French (seeds/, made up for these tests) and a family of cases for
each (zh.yaml, ...), run against them as the families above are run against the real seeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import citable

from citedeck.check import CARD_RULES
from citedeck.commands.check import check_project
from citedeck.load.cards import load_cards
from citedeck.load.catalogue import Catalogue, load_catalogue
from citedeck.load.project import Project
from citedeck.output.report import format_text

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "adversarial"
FAMILIES = ("quote", "figure", "who", "source", "elision")
MIN_CASES = 220
LANGUAGES = CASES / "languages"
LANGUAGE_FAMILIES = ("zh", "ja", "ko", "de", "fr")
# Each language's family holds at least this many cases that must pass, and as many that must fail.
MIN_LANGUAGE_CASES = 10


def _load(family: str, folder: Path = CASES) -> list[dict[str, Any]]:
    with (folder / f"{family}.yaml").open(encoding="utf-8") as stream:
        cases = yaml.safe_load(stream)
    assert isinstance(cases, list), f"{family}.yaml must be a YAML list of cases"
    return cases


ALL = {family: _load(family) for family in FAMILIES}
IN_LANGUAGES = {family: _load(family, LANGUAGES) for family in LANGUAGE_FAMILIES}
PARAMS = [
    pytest.param(family, n, case, id=f"{family}-{n}")
    for family, cases in (*ALL.items(), *IN_LANGUAGES.items())
    for n, case in enumerate(cases, start=1)
]


@pytest.fixture(scope="module")
def languages_catalogue() -> Catalogue:
    loaded, problems = load_catalogue(Project(LANGUAGES))
    assert problems == []
    return loaded


def _card_file(family: str, n: int, card: dict[str, Any]) -> str:
    body = {"id": f"adv-{family}-{n}", **card}
    return yaml.safe_dump({"cards": [body]}, allow_unicode=True, sort_keys=False, width=1_000_000)


@pytest.mark.parametrize(("family", "n", "case"), PARAMS)
def test_case(
    family: str, n: int, case: dict[str, Any], catalogue: Catalogue, languages_catalogue: Catalogue, tmp_path: Path
) -> None:
    if family in IN_LANGUAGES:
        catalogue = languages_catalogue
    path = tmp_path / f"{family}-{n}.yaml"
    path.write_text(_card_file(family, n, case["card"]), encoding="utf-8")
    cards, problems, _ = load_cards(path.name, path.read_bytes(), citable(catalogue))
    assert problems == [] and len(cards) == 1, f"the case's card does not load: {problems}"
    findings = []
    for rule in CARD_RULES:
        findings.extend(rule.check(cards[0], catalogue))
    errors = [f for f in findings if f.is_error]
    shown = format_text(findings) or "(no findings)\n"
    card = case["card"]
    context = (
        f"\nwhy: {case['why']}\nexpect: {case['expect']}\n"
        f"card: source={card.get('source')} type={card.get('type')} answer={card.get('answer')!r}\n"
        f"      quote={card.get('quote')!r}\nfindings:\n{shown}"
    )
    if case["expect"] == "pass":
        assert errors == [], "expected no error" + context
    else:
        assert any(f.code == case["expect"] for f in errors), f"expected error[{case['expect']}]" + context


def test_every_case_is_well_formed() -> None:
    for family, cases in (*ALL.items(), *IN_LANGUAGES.items()):
        for n, case in enumerate(cases, start=1):
            where = f"{family}-{n}"
            assert set(case) == {"why", "expect", "card"}, f"{where}: keys {sorted(case)}"
            assert isinstance(case["why"], str) and case["why"].strip(), f"{where}: no why"
            assert "\n" not in case["why"].strip(), f"{where}: the why is one line"
            assert isinstance(case["expect"], str) and case["expect"], f"{where}: no expect"
            card = case["card"]
            assert "id" not in card, f"{where}: the runner gives the id"
            assert {"source", "type", "question", "answer", "quote"} <= set(card), f"{where}: card keys {sorted(card)}"


def test_enough_cases_and_mostly_failures() -> None:
    cases = [case for family in ALL.values() for case in family]
    failing = [case for case in cases if case["expect"] != "pass"]
    assert len(cases) >= MIN_CASES, f"only {len(cases)} cases"
    assert 2 * len(failing) >= len(cases), f"only {len(failing)} of {len(cases)} cases expect a failure"
    for family, family_cases in ALL.items():
        expected = {case["expect"] for case in family_cases}
        assert "pass" in expected and expected - {"pass"}, f"{family}.yaml needs passes and failures"


def test_each_language_has_enough_cases_that_pass_and_that_fail() -> None:
    for family, cases in IN_LANGUAGES.items():
        passing = sum(case["expect"] == "pass" for case in cases)
        assert passing >= MIN_LANGUAGE_CASES, f"{family}.yaml: {passing} must-pass cases"
        assert len(cases) - passing >= MIN_LANGUAGE_CASES, f"{family}.yaml: {len(cases) - passing} must-fail cases"


def test_the_shipped_deck_is_a_must_pass_case_with_no_finding_at_all() -> None:
    result = check_project(Project(REPO))
    assert len(result.cards) >= 100
    assert result.diagnostics == []
