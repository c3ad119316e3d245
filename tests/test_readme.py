"""The README's examples are real: its card example passes the checker as written."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import REPO

from citedeck.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_leads_with_install_build_and_test_commands() -> None:
    first_block = re.search(r"```console\n(.*?)```", README, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert first_block == "$ pip install . && citedeck build\n$ pip install '.[test]' && pytest\n"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q '.[test]' && pytest" in ci


def test_card_example_passes_check(deck) -> None:
    example = re.search(r"## Writing a card\n.*?```yaml\n(.*?)```", README, re.DOTALL).group(1)  # type: ignore[union-attr]
    root = deck(example=example)
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.output == "checked 1 card in 1 file against 5 sources: no problems\n"
    assert result.exit_code == 0


def test_check_example_is_real_output(deck, monkeypatch) -> None:
    section = README.split("\n## Checking\n", 1)[1].split("\n## ", 1)[0]
    cards = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    shown = re.search(r"```console\n\$ citedeck check\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    root = deck(nyt=cards)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.output == shown
    assert result.exit_code == 1


def test_stats_table_is_the_shipped_decks() -> None:
    section = README.split("\n## The deck\n", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```console\n\$ citedeck stats\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    result = CliRunner().invoke(main, ["stats", "--root", str(REPO)])
    assert result.exit_code == 0
    assert result.output == shown
    total = next(line for line in shown.splitlines() if line.startswith("total ")).split()
    assert f"The shipped deck holds {total[4]} cards" in section
