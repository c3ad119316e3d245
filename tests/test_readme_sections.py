"""The README's examples for find, check --format, preview and pre-commit are real output."""

from __future__ import annotations

import re
import shlex

import yaml
from click.testing import CliRunner
from conftest import REPO

from citedeck.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
GPU_CARD = """\
source: liang-profile
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,049"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
"""


def section(heading: str) -> str:
    return README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def blocks(heading: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section(heading), re.DOTALL)


def transcript(block: str) -> tuple[list[str], str]:
    """The arguments of a `$ citedeck ...` block's command, and the output shown under it."""
    command, output = block.split("\n", 1)
    program, *args = shlex.split(command.removeprefix("$ "))
    assert program == "citedeck"
    return args, output


def test_find_examples(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    examples = blocks("Finding passages", "console")
    assert len(examples) == 2
    for block, exit_code in zip(examples, (0, 1)):
        args, output = transcript(block)
        result = CliRunner().invoke(main, args)
        assert (result.output, result.exit_code) == (output, exit_code)


def test_github_format_example(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(lp=GPU_CARD))
    [block] = blocks("Findings for editors and CI", "console")
    args, output = transcript(block)
    assert args == ["check", "--format", "github"]
    assert CliRunner().invoke(main, args).output == output
    assert "[docs/codes.md](docs/codes.md)" in section("Findings for editors and CI")


def test_preview_section_names_the_real_default_and_options() -> None:
    text = section("Preview")
    assert "`build/preview.html`" in text and "`-o PATH.html`" in text and "`--open`" in text
    help_text = CliRunner().invoke(main, ["preview", "--help"]).output
    assert "ROOT/build/preview.html" in help_text and "--open" in help_text


def test_pre_commit_example(deck, monkeypatch) -> None:
    [config] = blocks("pre-commit", "yaml")
    [repo] = yaml.safe_load(config)["repos"]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [hooks[0]["id"]]
    # What the hook prints under pre-commit's header is what its command prints.
    [block] = blocks("pre-commit", "console")
    printed = block.split("- exit code: 1\n\n", 1)[1]
    monkeypatch.chdir(deck(lp=GPU_CARD))
    result = CliRunner().invoke(main, shlex.split(hooks[0]["entry"])[1:])
    assert (result.output, result.exit_code) == (printed, 1)
