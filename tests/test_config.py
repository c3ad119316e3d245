"""citedeck.toml: the shipped deck's ids, every mistake as a located finding that check, build
and preview all report alike, and the build filling the deck the file names."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner
from conftest import REPO

from citedeck.cli import main
from citedeck.load.config import config_toml, load_config
from citedeck.load.identity import DECK_ID, DECK_NAME, GUID_NAMESPACE, MODEL_ID, DeckConfig
from citedeck.load.project import Project
from citedeck.output.report import format_text

GOOD = """\
[deck]
name = "Reading list"
deck_id = 1472455319
model_id = 1625104058
"""
CARDS = """\
source: liang-profile
cards:
  - id: lp-founder
    type: who
    question: Which hedge fund manager founded DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
"""


def findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> str:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "citedeck.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    config, problems = load_config(Project(Path(".")))
    assert (config is None) == bool(problems)
    return format_text(problems)


def test_shipped_config_holds_the_ids_the_deck_always_had() -> None:
    config, problems = load_config(Project(REPO))
    assert problems == []
    assert config == DeckConfig(
        name="DeepSeek and China's AI Talent",
        deck_id=1786951981,
        model_id=1727810184,
        guid_namespace="citedeck",
        subdecks=False,
    )
    assert config == DeckConfig() == DeckConfig(DECK_NAME, DECK_ID, MODEL_ID, GUID_NAMESPACE)


def test_without_the_file_a_project_builds_the_shipped_deck(tmp_path: Path) -> None:
    assert load_config(Project(tmp_path)) == (DeckConfig(), [])


def test_a_full_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD + 'guid_namespace = "reading"\nsubdecks = true\n'
    assert findings(tmp_path, monkeypatch, text) == ""
    assert load_config(Project(tmp_path)) == (
        DeckConfig("Reading list", 1472455319, 1625104058, "reading", True),
        [],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[deck]\nname = Reading list\n",
            (
                "citedeck.toml:2:8: error[config-syntax]: TOML syntax error: invalid value\n"
                "  hint: text is quoted (name = \"Reading list\"); numbers and true or false are not\n"
            ),
        ),
        (
            "[deck]\nname",
            (
                "citedeck.toml:2:5: error[config-syntax]: TOML syntax error: expected '=' after a key "
                "in a key/value pair\n"
            ),
        ),
        (
            '[deck]\nname = "x"\nname = "y"\n',
            "citedeck.toml:3:11: error[config-syntax]: TOML syntax error: cannot overwrite a value\n",
        ),
        (
            "a = " + "[" * 5000,
            "citedeck.toml:1:1: error[config-syntax]: TOML syntax error: nesting too deep\n",
        ),
        (
            b'[deck]\nname = "caf\xe9"\n',
            (
                "citedeck.toml:2:12: error[config-syntax]: file is not valid UTF-8 (byte 0xe9); save "
                "it as UTF-8\n"
            ),
        ),
        (
            "# nothing yet\n",
            (
                "citedeck.toml:1:1: error[config-key]: citedeck.toml has no [deck] table\n"
                "  hint: [deck] holds name, deck_id and model_id (citedeck init writes them)\n"
            ),
        ),
        (
            '# a misspelt table\n[dek]\nname = "x"\n',
            (
                "citedeck.toml:2:1: error[config-key]: unknown table 'dek' in citedeck.toml; did you "
                "mean 'deck'?\n"
                "  hint: citedeck.toml holds one table, [deck]\n"
                "citedeck.toml:1:1: error[config-key]: citedeck.toml has no [deck] table\n"
                "  hint: [deck] holds name, deck_id and model_id (citedeck init writes them)\n"
            ),
        ),
        (
            '# the deck\n[deck]\nname = "x"\n',
            (
                "citedeck.toml:2:1: error[config-key]: [deck] has no 'deck_id'\n"
                "  hint: [deck] holds name, deck_id and model_id (citedeck init writes them)\n"
                "citedeck.toml:2:1: error[config-key]: [deck] has no 'model_id'\n"
                "  hint: [deck] holds name, deck_id and model_id (citedeck init writes them)\n"
            ),
        ),
        (
            GOOD + "  subdeck = true\n",
            (
                "citedeck.toml:5:3: error[config-key]: unknown key 'subdeck' in [deck]; did you mean "
                "'subdecks'?\n"
                "  hint: allowed keys: name, deck_id, model_id, guid_namespace, subdecks\n"
            ),
        ),
        (
            GOOD.replace("1472455319", '"1472455319"'),
            (
                "citedeck.toml:3:1: error[config-value]: 'deck_id' must be a whole number, not a string\n"
                "  hint: write it without quotes: deck_id = 1472455319\n"
            ),
        ),
        (
            GOOD.replace("1472455319", "1").replace("1625104058", "1.5"),
            (
                "citedeck.toml:3:1: error[config-value]: 'deck_id' must be a whole number from 2 to "
                "9223372036854775807, not 1\n"
                "citedeck.toml:4:1: error[config-value]: 'model_id' must be a whole number, not a "
                "decimal number\n"
            ),
        ),
        (
            GOOD.replace('"Reading list"', '"  "') + "guid_namespace = 3\nsubdecks = \"yes\"\n",
            (
                "citedeck.toml:2:1: error[config-value]: 'name' is empty\n"
                "citedeck.toml:5:1: error[config-value]: 'guid_namespace' must be a string, not a "
                "whole number\n"
                "citedeck.toml:6:1: error[config-value]: 'subdecks' must be true or false, not a string\n"
            ),
        ),
        (
            # A GUID namespace is only hashed: it may hold anything, as it always could.
            GOOD.replace('"Reading list"', '"Reading\\u001flist"') + 'guid_namespace = "two\\nlines"\n',
            (
                "citedeck.toml:2:1: error[config-value]: 'name' holds U+001F, a control character or "
                "line break\n"
                "  hint: a name is one line of text, without control characters\n"
            ),
        ),
        (
            GOOD.replace('"Reading list"', '"Reading:: ::list"'),
            (
                "citedeck.toml:2:1: error[config-value]: 'name' has an empty part between '::' (Anki "
                "would name that deck 'blank')\n"
                "  hint: '::' names a subdeck: write a name on each side (Reading::Chapter one)\n"
            ),
        ),
        (
            GOOD.replace('"Reading list"', "[1, 2]"),
            "citedeck.toml:2:1: error[config-value]: 'name' must be a string, not an array\n",
        ),
        (
            '# the [deck] line forgotten\nname = "x"\ndeck_id = 1472455319\n',
            (
                "citedeck.toml:2:1: error[config-key]: 'name' stands outside any table\n"
                "  hint: put it under [deck]\n"
                "citedeck.toml:3:1: error[config-key]: 'deck_id' stands outside any table\n"
                "  hint: put it under [deck]\n"
                "citedeck.toml:1:1: error[config-key]: citedeck.toml has no [deck] table\n"
                "  hint: [deck] holds name, deck_id and model_id (citedeck init writes them)\n"
            ),
        ),
        (
            "deck = 5\n",
            (
                "citedeck.toml:1:1: error[config-value]: 'deck' must be a table ([deck]), not a whole "
                "number\n"
            ),
        ),
    ],
)
def test_each_mistake_is_a_located_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes, expected: str
) -> None:
    assert findings(tmp_path, monkeypatch, text) == expected


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("true", "a boolean"),
        ("3", "a whole number"),
        ("1.5", "a decimal number"),
        ("[1, 2]", "an array"),
        ("{ a = 1 }", "a table"),
        ("2025-01-02", "a date or time"),
        ("07:30:00", "a date or time"),
        ("2025-01-02T07:30:00Z", "a date or time"),
    ],
)
def test_a_finding_names_a_values_kind_in_tomls_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, kind: str
) -> None:
    assert findings(tmp_path, monkeypatch, GOOD.replace('"Reading list"', value)) == (
        f"citedeck.toml:2:1: error[config-value]: 'name' must be a string, not {kind}\n"
    )


def test_a_number_too_long_to_read_is_a_located_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After citedeck's words comes Python's, which it rewords: "Exceeds the limit (4300 digits)
    # for integer string conversion: …" from 3.11, "(4300)" on 3.10.
    assert re.fullmatch(
        r"citedeck\.toml:1:1: error\[config-syntax\]: TOML value error: [^\n]+\n",
        findings(tmp_path, monkeypatch, "[deck]\ndeck_id = " + "9" * 5000 + "\n"),
    )


def test_a_huge_or_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings(tmp_path, monkeypatch, "#" * (1024 * 1024 + 1)) == (
        "citedeck.toml:1:1: error[config-syntax]: file is 1,048,577 bytes; citedeck.toml holds "
        "a few lines\n"
    )
    (tmp_path / "citedeck.toml").unlink()
    (tmp_path / "citedeck.toml").mkdir()
    config, problems = load_config(Project(Path(".")))
    assert config is None
    assert format_text(problems) == "citedeck.toml:1:1: error[io]: cannot read file: Is a directory\n"
    # A config that cannot be reached is reported, never taken for no config (and the ids of
    # the shipped deck).
    (tmp_path / "citedeck.toml").rmdir()
    (tmp_path / "citedeck.toml").symlink_to("citedeck.toml")
    config, problems = load_config(Project(Path(".")))
    assert config is None
    assert format_text(problems) == (
        "citedeck.toml:1:1: error[io]: cannot read file: Too many levels of symbolic links\n"
    )
    (tmp_path / "citedeck.toml").unlink()
    (tmp_path / "citedeck.toml").symlink_to("moved-away.toml")
    config, problems = load_config(Project(Path(".")))
    assert config is None
    assert format_text(problems) == "citedeck.toml:1:1: error[io]: cannot read file: No such file or directory\n"


def doc_examples() -> list[tuple[str, str, str]]:
    """(code, Fails|Passes, TOML) for each citedeck.toml example in docs/codes.md."""
    doc = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
    section = doc.split("\n## The deck's config\n")[1]
    examples = []
    flags = re.DOTALL | re.MULTILINE
    for code, text in re.findall(r"^### `([a-z-]+)` · error\n(.*?)(?=^### |\Z)", section, flags):
        for kind in ("Fails", "Passes"):
            block = re.search(rf"^{kind}:\n\n```toml\n# citedeck.toml\n(.*?)```", text, flags)
            assert block, f"{code} has no {kind} example"
            examples.append((code, kind, block.group(1)))
    return examples


EXAMPLES = doc_examples()


def test_the_doc_shows_every_config_code() -> None:
    assert sorted({code for code, _, _ in EXAMPLES}) == ["config-key", "config-syntax", "config-value"]


@pytest.mark.parametrize(("code", "kind", "text"), EXAMPLES)
def test_doc_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, kind: str, text: str
) -> None:
    found = findings(tmp_path, monkeypatch, text)
    if kind == "Fails":
        assert f"error[{code}]" in found
    else:
        assert found == ""


@pytest.mark.parametrize(
    "name", ["Reading list", 'Say "hi"\\ back', "non\u00a0breaking and\u200bzero width", "Liang’s 梁 🐋"]
)
def test_written_config_reads_back(tmp_path: Path, name: str) -> None:
    (tmp_path / "citedeck.toml").write_text(
        config_toml(name, 1472455319, 1625104058, "citedeck-1472455319"), encoding="utf-8"
    )
    assert load_config(Project(tmp_path)) == (
        DeckConfig(name, 1472455319, 1625104058, "citedeck-1472455319"),
        [],
    )


def package_identity(package: Path, tmp_path: Path) -> tuple[list[str], list[int], list[str]]:
    """The package's deck names, note type ids and note GUIDs."""
    db = tmp_path / "collection.anki2"
    with zipfile.ZipFile(package) as archive:
        db.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(db) as connection:
        decks_json, models_json = connection.execute("select decks, models from col").fetchone()
        guids = [row[0] for row in connection.execute("select guid from notes")]
    decks = sorted(d["name"] for d in json.loads(decks_json).values() if d["name"] != "Default")
    return decks, sorted(int(m) for m in json.loads(models_json)), guids


def test_build_fills_the_deck_the_config_names(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(GOOD + 'guid_namespace = "reading"\n', encoding="utf-8")
    out = tmp_path / "out" / "d.apkg"
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
    assert result.output == f"built 1 card from 1 source into {out.as_posix()}\n"
    assert result.exit_code == 0
    assert package_identity(out, tmp_path) == (
        ["Reading list"],
        [1625104058],
        [genanki.guid_for("reading", "lp-founder")],
    )


def test_build_without_config_fills_the_shipped_deck(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    out = tmp_path / "out" / "d.apkg"
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
    assert result.exit_code == 0
    assert package_identity(out, tmp_path) == (
        [DECK_NAME],
        [MODEL_ID],
        [genanki.guid_for(GUID_NAMESPACE, "lp-founder")],
    )


def test_build_stops_on_a_config_mistake(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(GOOD + "subdeck = true\n", encoding="utf-8")
    out = tmp_path / "d.apkg"
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
    assert result.output == (
        f"{root.as_posix()}/citedeck.toml:5:1: error[config-key]: unknown key 'subdeck' in [deck]; "
        "did you mean 'subdecks'?\n"
        "  hint: allowed keys: name, deck_id, model_id, guid_namespace, subdecks\n"
        "checked 1 card in 1 file against 5 sources: 1 error\n"
        "build aborted: fix the errors above; no package was written\n"
    )
    assert result.exit_code == 1
    assert not out.exists()


def test_check_reports_every_config_mistake_with_the_card_findings(deck) -> None:
    root = deck(lp=CARDS.replace("type: who", "type: person"))
    (root / "citedeck.toml").write_text(
        GOOD.replace("1472455319", '"1472455319"') + "subdeck = true\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    shown = root.as_posix()
    assert result.output == (
        f"{shown}/cards/lp.yaml:4:11: error[card-type]: unknown type 'person'\n"
        "  hint: types: who, figure, source\n"
        f"{shown}/citedeck.toml:3:1: error[config-value]: 'deck_id' must be a whole number, not a "
        "string\n"
        "  hint: write it without quotes: deck_id = 1472455319\n"
        f"{shown}/citedeck.toml:5:1: error[config-key]: unknown key 'subdeck' in [deck]; did you "
        "mean 'subdecks'?\n"
        "  hint: allowed keys: name, deck_id, model_id, guid_namespace, subdecks\n"
        "checked 1 card in 1 file against 5 sources: 3 errors\n"
    )
    assert result.exit_code == 1


def test_check_reports_a_toml_syntax_error_in_every_format(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(lp=CARDS))
    Path("citedeck.toml").write_text("[deck]\nname = Reading list\n", encoding="utf-8")
    summary = "checked 1 card in 1 file against 5 sources: 1 error\n"

    def check(fmt: str):  # type: ignore[no-untyped-def]
        result = CliRunner().invoke(main, ["check", "--format", fmt])
        assert result.exit_code == 1
        return result

    assert check("text").output == (
        "citedeck.toml:2:8: error[config-syntax]: TOML syntax error: invalid value\n"
        "  hint: text is quoted (name = \"Reading list\"); numbers and true or false are not\n" + summary
    )
    assert check("github").output == (
        "::error file=citedeck.toml,line=2,col=8,title=citedeck config-syntax::TOML syntax "
        "error: invalid value%0Ahint: text is quoted (name = \"Reading list\"); numbers and true or false are not\n" + summary
    )
    as_json = check("json")
    assert json.loads(as_json.stdout) == [
        {
            "path": "citedeck.toml",
            "line": 2,
            "column": 8,
            "end_line": None,
            "end_column": None,
            "code": "config-syntax",
            "severity": "error",
            "message": "TOML syntax error: invalid value",
            "hint": 'text is quoted (name = "Reading list"); numbers and true or false are not',
        }
    ]
    assert as_json.stderr == summary


@pytest.mark.parametrize(("command", "made"), [("build", "package"), ("preview", "page")])
def test_build_and_preview_stop_on_exactly_what_check_reports(
    deck, tmp_path: Path, command: str, made: str
) -> None:
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(GOOD.replace('"Reading list"', '""'), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert checked.output == (
        f"{root.as_posix()}/citedeck.toml:2:1: error[config-value]: 'name' is empty\n"
        "checked 1 card in 1 file against 5 sources: 1 error\n"
    )
    out = tmp_path / "out" / ("written.apkg" if command == "build" else "written.html")
    result = CliRunner().invoke(main, [command, "--root", str(root), "-o", str(out)])
    assert result.output == (
        checked.output + f"{command} aborted: fix the errors above; no {made} was written\n"
    )
    assert (checked.exit_code, result.exit_code) == (1, 1)
    assert not out.parent.exists()


def test_check_reads_the_config_without_importing_genanki(deck) -> None:
    """load/identity.py holds DeckConfig apart from output/, so that check, run on every commit
    by the pre-commit hook, loads no more than it needs: genanki (and the asyncio it pulls in)
    is for build and preview alone."""
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(GOOD, encoding="utf-8")
    program = (
        "import sys; from citedeck.cli import main\n"
        f"try: main(['check', '--root', {str(root)!r}])\n"
        "except SystemExit as exit: assert exit.code == 0, exit.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'genanki'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert (result.stdout, result.stderr) == (
        "checked 1 card in 1 file against 5 sources: no problems\n[]\n",
        "",
    )


def test_two_decks_live_side_by_side_in_one_collection(deck, tmp_path: Path) -> None:
    """Each deck's own ids and GUID namespace keep its notes apart, even for the same card
    ids; Anki names the second deck's note type "citedeck card+", and updates still find it."""
    from anki.collection import Collection
    from conftest import import_into_anki, proven

    from citedeck.commands.check import check_project
    from citedeck.output.package import build_package

    result = check_project(Project(deck(lp=CARDS)))
    mine = DeckConfig("Reading list", 1472455319, 1625104058, "citedeck-1472455319")
    build_package(proven(result, DeckConfig()), tmp_path / "shipped.apkg", 1_700_000_000)
    build_package(proven(result, mine), tmp_path / "mine.apkg", 1_700_000_000)
    build_package(proven(result, mine), tmp_path / "mine2.apkg", 1_700_000_500)
    collection = tmp_path / "c.anki2"
    for package, counts in (("shipped", (1, 0)), ("mine", (1, 0)), ("mine2", (0, 1))):
        col, log = import_into_anki(collection, tmp_path / f"{package}.apkg")
        try:
            assert (len(log.new), len(log.updated), len(log.conflicting)) == (*counts, 0)
        finally:
            col.close()
    col = Collection(str(collection))
    try:
        assert col.note_count() == 2
        names = {m["id"]: m["name"] for m in col.models.all()}
        assert (names[MODEL_ID], names[1625104058]) == ("citedeck card", "citedeck card+")
        decks = sorted(col.decks.name(col.get_card(c).did) for c in col.find_cards('"CardId:lp-founder"'))
        assert decks == [DECK_NAME, "Reading list"]
    finally:
        col.close()
