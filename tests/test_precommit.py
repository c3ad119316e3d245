"""The pre-commit hook this repository ships: a valid hook definition whose command works."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import REPO

from citedeck.cli import main

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
# What pre-commit's manifest schema requires of every hook, and the types it checks.
REQUIRED = {"id": str, "name": str, "entry": str, "language": str}
OPTIONAL = {"description": str, "files": str, "exclude": str, "pass_filenames": bool,
            "always_run": bool, "require_serial": bool, "types": list, "args": list}


def hook() -> dict[str, object]:
    [only] = [h for h in HOOKS if h["id"] == "citedeck-check"]
    return only


def test_hooks_file_is_a_list_of_valid_hook_definitions() -> None:
    assert isinstance(HOOKS, list) and HOOKS
    for definition in HOOKS:
        for key, kind in REQUIRED.items():
            assert isinstance(definition.get(key), kind), f"{key} must be a {kind.__name__}"
        for key, value in definition.items():
            assert key in REQUIRED or key in OPTIONAL, f"unknown key {key}"
            assert isinstance(value, {**REQUIRED, **OPTIONAL}[key]), key


def test_citedeck_check_hook() -> None:
    assert hook() == {
        "id": "citedeck-check",
        "name": "citedeck check",
        "description": "Prove every card's quote, answer and source against the seed articles.",
        "entry": "citedeck check",
        "language": "python",
        "files": "^((cards|seeds)/|citedeck\\.toml$)",
        "pass_filenames": False,
    }


def test_hook_runs_when_what_check_reads_changes_only() -> None:
    files = re.compile(str(hook()["files"]))
    for path in ("cards/nyt.yaml", "cards/new.yml", "seeds/sources.yaml", "seeds/003_abc.txt", "citedeck.toml"):
        assert files.search(path), path
    for path in ("README.md", "src/citedeck/cli.py", "build/citedeck.apkg", "tests/cards/x.yaml",
                 "old/citedeck.toml", "citedeck.toml.bak"):
        assert not files.search(path), path


def test_hook_entry_is_the_installed_citedeck_command() -> None:
    program, *args = shlex.split(str(hook()["entry"]))
    [script] = entry_points(group="console_scripts", name=program)
    assert script.value == "citedeck.__main__:run"
    assert args == ["check"]


def test_hook_command_passes_this_repository_as_pre_commit_runs_it() -> None:
    # pre-commit runs `entry` from the repository root with no file names (pass_filenames: false).
    program, *args = shlex.split(str(hook()["entry"]))
    # pre-commit installs the package into its own environment, which puts the script on PATH.
    where = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    installed = shutil.which(program, path=where)
    assert installed, f"{program} is not installed"
    done = subprocess.run(
        [installed, *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "checked 100 cards in 5 files against 5 sources: no problems\n"


def test_hook_command_fails_a_commit_with_a_broken_card(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(broken="cards:\n  - id: x\n"))
    result = CliRunner().invoke(main, shlex.split(str(hook()["entry"]))[1:])
    assert result.exit_code == 1
    assert result.output == "".join(
        f"cards/broken.yaml:2:5: error[schema-missing-key]: card 'x' has no {what}\n"
        for what in ("'type'", "'question'", "'answer'", "'quote'", "'source' (and the file sets none)")
    ) + "checked 1 card in 1 file against 5 sources: 5 errors\n"
