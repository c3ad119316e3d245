"""citedeck init: a ready deck project with ids drawn once, and no overwriting of a deck."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citedeck.cli import main
from citedeck.commands.init import (
    EMPTY_CATALOGUE,
    EXAMPLE_CARDS,
    ID_RANGE,
    BadName,
    create_deck_project,
    default_name,
)
from citedeck.load.config import load_config
from citedeck.load.project import Project
from citedeck.output.package import DeckConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NEXT = "next: add an article (a saved web page, .txt or .md) with: citedeck add-source FILE"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_the_next_command_pastes_whatever_the_folder_is_called(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("init", "My Deck")
    assert result.output.splitlines()[-1] == f"{NEXT} --root 'My Deck'"


def test_init_makes_a_project(tmp_path: Path) -> None:
    root = tmp_path / "reading"
    result = run("init", str(root), "--name", "Reading list")
    shown = root.as_posix()
    assert result.output == (
        'created the deck "Reading list":\n'
        f"  {shown}/citedeck.toml\n"
        f"  {shown}/seeds/sources.yaml\n"
        f"  {shown}/cards/example.yaml\n"
        f"{NEXT} --root {shown}\n"
    )
    assert result.exit_code == 0
    assert (root / "seeds" / "sources.yaml").read_text(encoding="utf-8") == EMPTY_CATALOGUE
    assert (root / "cards" / "example.yaml").read_text(encoding="utf-8") == EXAMPLE_CARDS
    toml = (root / "citedeck.toml").read_text(encoding="utf-8")
    deck = tomllib.loads(toml)["deck"]
    assert sorted(deck) == ["deck_id", "guid_namespace", "model_id", "name", "subdecks"]
    assert deck["name"] == "Reading list"
    assert deck["subdecks"] is False
    assert deck["guid_namespace"] == f"citedeck-{deck['deck_id']}"
    for key in ("deck_id", "model_id"):
        assert ID_RANGE[0] <= deck[key] < ID_RANGE[1]
    config, problems = load_config(Project(root))
    assert problems == []
    assert config == DeckConfig(
        "Reading list", deck["deck_id"], deck["model_id"], deck["guid_namespace"]
    )


def test_ids_are_drawn_once_and_written_down(tmp_path: Path) -> None:
    created = create_deck_project(Project(tmp_path / "a"), "A", random.Random(7))
    again = create_deck_project(Project(tmp_path / "b"), "A", random.Random(7))
    assert (created.deck_id, created.model_id) == (again.deck_id, again.model_id)
    assert (tmp_path / "a" / "citedeck.toml").read_text(encoding="utf-8") == (
        "# This deck's identity in Anki. The ids were drawn at random when the deck was made; never\n"
        "# change them, nor guid_namespace: Anki knows the deck's note type and notes by them, so a\n"
        "# rebuilt deck updates the cards a learner is studying instead of adding copies beside them.\n"
        "[deck]\n"
        'name = "A"\n'
        f"deck_id = {created.deck_id}\n"
        f"model_id = {created.model_id}\n"
        f'guid_namespace = "citedeck-{created.deck_id}"\n'
        '# true: each card goes in a subdeck named for its source, "<name>::<source title>".\n'
        "subdecks = false\n"
    )
    other = create_deck_project(Project(tmp_path / "c"), "A")
    assert other.deck_id != created.deck_id


def test_init_here_is_named_for_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "my-articles"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = run("init")
    assert result.output == (
        'created the deck "my-articles":\n'
        "  citedeck.toml\n"
        "  seeds/sources.yaml\n"
        "  cards/example.yaml\n"
        f"{NEXT}\n"
    )
    assert result.exit_code == 0


def test_a_fresh_project_checks_clean_with_no_cards(tmp_path: Path) -> None:
    """An empty deck is not an error: the example file holds an empty list of cards."""
    run("init", str(tmp_path))
    result = run("check", "--root", str(tmp_path))
    assert result.output == "checked 0 cards in 1 file against 0 sources: no problems\n"
    assert result.exit_code == 0


def test_the_commented_example_card_passes_check(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    page = Path(__file__).resolve().parent.parent / "docs" / "example-article.html"
    assert run("add-source", str(page), "--key", "my-article", "--root", str(tmp_path)).exit_code == 0
    example = tmp_path / "cards" / "example.yaml"
    text = example.read_text(encoding="utf-8")
    card = re.search(r"^# (source: my-article.*?)\n#\n", text, re.DOTALL | re.MULTILINE).group(1)  # type: ignore[union-attr]
    example.write_text(re.sub(r"^# ?", "", card, flags=re.MULTILINE) + "\n", encoding="utf-8")
    result = run("check", "--root", str(tmp_path))
    assert result.output == "checked 1 card in 1 file against 1 source: no problems\n"
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("existing", "named"),
    [
        (["citedeck.toml"], "citedeck.toml"),
        (["seeds/sources.yaml"], "seeds/sources.yaml"),
        (["cards/nyt.yaml"], "cards/nyt.yaml"),
        (
            ["citedeck.toml", "seeds/sources.yaml", "cards/a.yml", "cards/b.yaml"],
            "citedeck.toml, seeds/sources.yaml, cards/a.yml, cards/b.yaml",
        ),
    ],
)
def test_init_refuses_an_existing_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: list[str], named: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in existing:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text("# mine\n", encoding="utf-8")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = run("init")
    assert result.output == f"Error: . already holds a deck project ({named}); nothing was written\n"
    assert result.exit_code == 1
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    for name in existing:
        assert Path(name).read_text(encoding="utf-8") == "# mine\n"


def test_init_refuses_the_shipped_deck() -> None:
    repo = Path(__file__).resolve().parent.parent
    result = run("init", str(repo))
    assert result.output.startswith(f"Error: {repo.as_posix()} already holds a deck project (")
    assert result.exit_code == 1


def test_init_keeps_articles_already_in_seeds(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "article.txt").write_text("An article.\n", encoding="utf-8")
    assert run("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / "seeds" / "article.txt").read_text(encoding="utf-8") == "An article.\n"


def test_init_refuses_a_blank_name(tmp_path: Path) -> None:
    result = run("init", str(tmp_path), "--name", "  ")
    assert result.exit_code == 2
    assert result.output.endswith("Error: Invalid value for '--name': it is empty (give the deck a name)\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "code"), [("two\x1fparts", "001F"), ("\x1b[2Jcleared", "001B"), ("two\nlines", "000A"), ("a\rb", "000D")]
)
def test_init_refuses_a_name_with_a_control_character(tmp_path: Path, name: str, code: str) -> None:
    result = run("init", str(tmp_path), "--name", name)
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: Invalid value for '--name': it holds U+{code}, a control character or line break "
        "(a name is one line of text, without control characters)\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["::", "Reading:: ::list", "Reading::"])
def test_init_refuses_a_name_with_an_empty_part_between_double_colons(tmp_path: Path, name: str) -> None:
    result = run("init", str(tmp_path), "--name", name)
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--name': it has an empty part between '::' (Anki would name that deck "
        "'blank') ('::' names a subdeck: write a name on each side (Reading::Chapter one))\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_library_refuses_a_name_its_check_would_refuse_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(BadName, match="empty part between '::'"):
        create_deck_project(Project(tmp_path), "Reading::")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_name_gives_the_deck_its_name_without_control_characters(tmp_path: Path) -> None:
    assert default_name(tmp_path / "my\x1b deck\x7f") == "my deck"
    assert default_name(tmp_path / "two\nlines\tand\u2028more") == "two lines and more"
    assert default_name(tmp_path / "::reading:: ::list::") == "reading::list"
    assert default_name(tmp_path / "\x01\x02") == "citedeck"


def test_init_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run("init", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: Invalid value for '[DIRECTORY]': Directory '{tmp_path / 'notes.txt'}' is a file.\n"
    )


def test_a_file_where_a_folder_goes_leaves_no_half_project(tmp_path: Path) -> None:
    (tmp_path / "cards").write_text("not a folder", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == "Error: cannot create the deck project: File exists\n"
    # Not even an empty seeds/: it alone would make the folder a deck project to every command.
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["cards"]
    (tmp_path / "cards").unlink()
    assert run("init", str(tmp_path)).exit_code == 0


def test_a_failed_write_takes_back_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import citedeck.commands.init

    real_open = open

    def open_until_the_cards(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).parent.name == "cards":
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(citedeck.commands.init, "open", open_until_the_cards, raising=False)
    result = run("init", str(tmp_path))
    assert result.output == "Error: cannot create the deck project: No space left on device\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == []
