"""add-source held to saved pages (tests/pages): each NAME.html is added to a fresh deck with
the real CLI, and must store exactly NAME.txt and catalogue exactly what NAME.yaml says, with
the warnings and the fields left out it names; a page warned of is refused with --strict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citedeck.cli import main

PAGES = Path(__file__).parent / "pages"
NAMES = sorted(page.stem for page in PAGES.glob("*.html"))
# The catalogue's fields a page gives; `file` is the key's.
FIELDS = ("key", "title", "publisher", "author", "date", "language", "url")
EXPECTATIONS = {"warnings", "left_out", "refused"}


def test_there_are_enough_pages_each_with_its_text_and_expectations() -> None:
    assert len(NAMES) >= 25
    for name in NAMES:
        assert (PAGES / f"{name}.yaml").is_file(), name
        expected = yaml.safe_load((PAGES / f"{name}.yaml").read_text(encoding="utf-8"))
        assert set(expected) <= {*FIELDS, *EXPECTATIONS}, name
        assert (PAGES / f"{name}.txt").is_file() != ("refused" in expected), name


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "deck"
    assert CliRunner().invoke(main, ["init", str(root), "--name", "Saved pages"]).exit_code == 0
    monkeypatch.chdir(root)
    return root


def sources() -> list[dict[str, str]]:
    return yaml.safe_load(Path("seeds/sources.yaml").read_text(encoding="utf-8"))["sources"]


@pytest.mark.parametrize("name", NAMES)
def test_a_saved_page_is_added_as_expected(deck: Path, name: str) -> None:
    expected = yaml.safe_load((PAGES / f"{name}.yaml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["add-source", str(PAGES / f"{name}.html")])
    if "refused" in expected:
        assert result.exit_code == 1, result.output
        assert expected["refused"] in result.output
        assert sources() == []
        return
    assert result.exit_code == 0, result.output
    [entry] = sources()
    assert entry == {
        "file": f"{expected['key']}.txt",
        **{field: expected[field] for field in FIELDS if field in expected},
    }
    stored = Path("seeds", entry["file"]).read_text(encoding="utf-8")
    assert stored == (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    left_out = re.findall(r"^  (\w+):\s+\(none: left out ", result.output, re.MULTILINE)
    assert left_out == expected.get("left_out", [])
    warnings = re.findall(r"^warning: (.*)$", result.output, re.MULTILINE)
    assert len(warnings) == len(expected.get("warnings", []))
    for warning, part in zip(warnings, expected.get("warnings", []), strict=True):
        assert part in warning
    if warnings:
        strict = CliRunner().invoke(
            main, ["add-source", str(PAGES / f"{name}.html"), "--strict", "--key", "strict"]
        )
        assert strict.exit_code == 1
        assert (
            expected["warnings"][0] in strict.output
            and "nothing was added (--strict)" in strict.output
        )
        assert len(sources()) == 1
