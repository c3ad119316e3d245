"""The proof a clean check stores: build and preview reuse it while every file it was proven from
is unchanged, and check afresh the moment any one of them is not."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from conftest import LP_CARDS as CARDS
from conftest import REPO

import citedeck.commands.check
import citedeck.check.runner
from citedeck.cli import main
from citedeck.load.identity import FIELDS
from citedeck.output.notes import card_fields
from citedeck.load.project import Project
from citedeck.check.proof import Proof
from citedeck.commands.check import check_and_store, stored_proof
from citedeck.check.runner import check_project

NYT_CARD = """\
source: nyt
cards:
  - id: nyt-stem
    type: figure
    question: How many times as many STEM graduates as the US did China produce in 2020?
    answer: more than four times
    quote: "produced more than four times as many STEM graduates in 2020 as the United States"
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def forbid_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, any check fails the test: a build that succeeds used the stored proof."""

    def no_second_check(project: Project) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(citedeck.check.runner, "check_project", no_second_check)


@pytest.fixture
def checked(deck, monkeypatch: pytest.MonkeyPatch) -> Callable[[], Path]:
    """A deck project `check` has just passed, which no one may check again."""

    def make() -> Path:
        root = deck(lp=CARDS, nyt=NYT_CARD)
        result = run("check", "--root", str(root))
        assert result.exit_code == 0, result.output
        forbid_checking(monkeypatch)
        return root

    return make


def test_build_after_check_uses_the_proof_and_writes_the_same_package(
    checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = checked()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run("build", "--root", str(root), "-o", str(root / "reused.apkg"))
    assert result.exit_code == 0, result.output
    assert result.output == f"built 3 cards from 2 sources into {(root / 'reused.apkg').as_posix()}\n"
    monkeypatch.setattr(citedeck.check.runner, "check_project", check_project)
    fresh = run("build", "--root", str(root), "-o", str(root / "fresh.apkg"), "--no-cache")
    assert fresh.exit_code == 0, fresh.output
    assert (root / "reused.apkg").read_bytes() == (root / "fresh.apkg").read_bytes()


def test_preview_after_check_uses_the_proof(checked) -> None:
    root = checked()
    result = run("preview", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert 'data-card-id="nyt-stem"' in (root / "build" / "preview.html").read_text(encoding="utf-8")


def test_no_cache_checks_afresh(checked) -> None:
    root = checked()
    with pytest.raises(AssertionError, match="checked again"):
        CliRunner().invoke(main, ["build", "--root", str(root), "--no-cache"], catch_exceptions=False)


def _edit_card(root: Path) -> None:
    path = root / "cards" / "lp.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2,048"', '"2,049"'), encoding="utf-8")


def _edit_seed(root: Path) -> None:
    path = root / "seeds" / "003_ab8ac3ee00bb6825.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("four times", "five times"), encoding="utf-8")


def _edit_catalogue(root: Path) -> None:
    path = root / "seeds" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("key: nyt", "key: times"), encoding="utf-8")


def _add_config(root: Path) -> None:
    (root / "citedeck.toml").write_text('name = "Reading list"\n', encoding="utf-8")  # no ids


def _add_card_file(root: Path) -> None:
    (root / "cards" / "more.yaml").write_text("cards: [\n", encoding="utf-8")


def _rename_card_file(root: Path) -> None:
    (root / "cards" / "nyt.yaml").rename(root / "cards" / "times.yaml")


@pytest.mark.parametrize(
    ("edit", "finding"),
    [
        (_edit_card, "error[figure-mismatch]"),
        (_edit_seed, "error[quote-not-found]"),
        (_edit_catalogue, "error[source-unknown]"),
        (_add_config, "citedeck.toml"),
        (_add_card_file, "error[yaml-syntax]"),
    ],
)
def test_any_changed_input_makes_build_check_afresh(
    deck, edit: Callable[[Path], None], finding: str
) -> None:
    """Each edit breaks the deck: a build that trusted the old proof would succeed."""
    root = deck(lp=CARDS, nyt=NYT_CARD)
    assert run("check", "--root", str(root)).exit_code == 0
    assert stored_proof(Project(root)) is not None
    edit(root)
    assert stored_proof(Project(root)) is None
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert finding in result.output
    assert not (root / "build").exists()


def test_a_renamed_card_file_is_a_change(deck) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    check_and_store(Project(root))
    _rename_card_file(root)
    assert stored_proof(Project(root)) is None


def test_the_proof_is_per_project_folder_as_named(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings name files as the user named the root, so `--root x` and `cd x` differ."""
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    monkeypatch.chdir(root)
    assert stored_proof(Project(Path("."))) is None
    assert stored_proof(Project(root)) is not None


def test_a_stored_proof_holds_what_the_check_proved(deck) -> None:
    root = deck(lp=CARDS.replace("Which hedge fund manager founded DeepSeek?", "Did Liang Wenfeng found DeepSeek?"), nyt=NYT_CARD)
    result = check_and_store(Project(root))
    stored = stored_proof(Project(root))
    assert stored is not None
    proved = Proof.of(result)
    assert stored.notes == proved.notes
    assert [note.tags for note in stored.notes] == [
        ("type::figure", "source::liang-profile", "compute"),
        ("type::who", "source::liang-profile", "compute"),
        ("type::figure", "source::nyt"),
    ]
    assert stored.config == proved.config
    assert stored.warnings == proved.warnings and len(stored.warnings) == 1
    # The check rendered each note's fields for the build, and the store kept them.
    lines = {"lp-gpus": 20, "lp-founder": 2, "nyt-stem": 1}
    assert [note.fields for note in stored.notes] == [
        card_fields(card, proved.sources[card.source], lines[card.id]) for card in result.cards
    ]
    assert "<mark>2,048</mark>" in stored.notes[0].fields[FIELDS.index("Quote")]
    assert {k: dataclasses.asdict(s) for k, s in stored.sources.items()} == {
        k: {f.name: getattr(s, f.name) for f in dataclasses.fields(s) if f.name != "text"}
        for k, s in proved.sources.items()
    }


def test_build_from_the_proof_shows_the_checks_warnings(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=CARDS.replace("Which hedge fund manager founded DeepSeek?", "Did Liang Wenfeng found DeepSeek?"))
    checked_output = run("check", "--root", str(root)).output
    forbid_checking(monkeypatch)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0
    warning = (
        f"{root.as_posix()}/cards/lp.yaml:11:15: warning[answer-in-question]: the question gives "
        "the answer away: it contains 'Liang Wenfeng'\n"
    )
    assert checked_output == warning + "checked 2 cards in 1 file against 5 sources: 1 warning\n"
    assert result.output == warning + f"built 2 cards from 1 source into {root.as_posix()}/build/citedeck.apkg\n"


def test_a_folder_of_card_files_appearing_or_going_is_a_change(deck) -> None:
    # Its card-folder warning is one of the proof's findings: a build must not lose or keep it
    # wrongly by trusting a proof made before.
    root = deck(lp=CARDS)
    warning = (
        f"{root.as_posix()}/cards/drafts:1:1: warning[card-folder]: card files in "
        f"{root.as_posix()}/cards/drafts/ are not read; card files go directly in {root.as_posix()}/cards/\n"
    )
    built = f"built 2 cards from 1 source into {root.as_posix()}/build/citedeck.apkg\n"
    assert run("check", "--root", str(root)).exit_code == 0
    (root / "cards" / "drafts").mkdir()
    (root / "cards" / "drafts" / "more.yaml").write_text(CARDS, encoding="utf-8")
    assert run("build", "--root", str(root)).output == warning + built
    shutil.rmtree(root / "cards" / "drafts")
    assert run("build", "--root", str(root)).output == built


def test_a_folder_of_card_files_made_during_the_check_is_not_taken_as_warned_of(
    deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=CARDS)
    real = citedeck.check.runner.check_project

    def check_then_add_a_folder(project: Project):  # type: ignore[no-untyped-def]
        result = real(project)
        (root / "cards" / "drafts").mkdir()
        (root / "cards" / "drafts" / "more.yaml").write_text(CARDS, encoding="utf-8")
        return result

    monkeypatch.setattr(citedeck.check.runner, "check_project", check_then_add_a_folder)
    assert run("check", "--root", str(root)).output.endswith(": no problems\n")
    monkeypatch.setattr(citedeck.check.runner, "check_project", real)
    assert "warning[card-folder]" in run("build", "--root", str(root)).output


def test_a_check_with_errors_stores_nothing(deck, proof_cache: Path) -> None:
    root = deck(lp=CARDS.replace('"2,048"', '"2,049"'))
    assert run("check", "--root", str(root)).exit_code == 1
    assert list(proof_cache.iterdir()) == []


def test_a_file_changed_while_it_was_checked_is_checked_again(
    deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proof records the bytes the check parsed, not the file as it is afterwards: an edit
    of the same size that even keeps the modification time is caught."""
    root = deck(lp=CARDS)
    card_file = root / "cards" / "lp.yaml"

    def check_then_edit(project: Project):  # type: ignore[no-untyped-def]
        result = check_project(project)
        stat = card_file.stat()
        _edit_card(root)  # the check read the file before this edit
        os.utime(card_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        return result

    monkeypatch.setattr(citedeck.check.runner, "check_project", check_then_edit)
    assert check_and_store(Project(root)).ok
    assert stored_proof(Project(root)) is None
    monkeypatch.setattr(citedeck.check.runner, "check_project", check_project)
    assert "error[figure-mismatch]" in run("build", "--root", str(root)).output


def test_a_config_that_is_no_longer_absent_nor_a_file_is_a_change(deck) -> None:
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    (root / "citedeck.toml").mkdir()
    assert stored_proof(Project(root)) is None
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "citedeck.toml:1:1: error[io]: cannot read file: Is a directory" in result.output
    (root / "citedeck.toml").rmdir()
    check_and_store(Project(root))
    (root / "citedeck.toml").symlink_to("nowhere.toml")  # dangling: present, and unreadable
    assert stored_proof(Project(root)) is None


def test_a_card_file_that_is_no_regular_file_is_never_taken_as_proven(
    deck, proof_cache: Path, tmp_path: Path
) -> None:
    # A pipe may say something else at each reading: it is refused unread, and nothing stored.
    root = deck(lp=CARDS)
    fifo = tmp_path / "cards.fifo"
    os.mkfifo(fifo)
    (root / "cards" / "piped.yaml").symlink_to(fifo)
    result = check_and_store(Project(root))
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("io", "cannot read file: not a regular file (a named pipe or a device?)")
    ]
    assert list(proof_cache.iterdir()) == []


def test_odd_file_names_do_not_stop_the_check_or_the_proof(deck, proof_cache: Path) -> None:
    root = deck()
    (root / "cards" / os.fsdecode(b"caf\xe9.yaml")).write_text(CARDS, encoding="utf-8")
    result = run("check", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert stored_proof(Project(root)) is not None


def test_a_pipe_where_the_proof_should_be_is_not_waited_on(deck, proof_cache: Path) -> None:
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    [entry] = proof_cache.iterdir()
    entry.unlink()
    os.mkfifo(entry)
    assert stored_proof(Project(root)) is None


MADE_FROM = ("code", "root", "card_files", "card_folders", "inputs", "resolutions")


def loaded(entry: bytes) -> dict[str, object]:
    """A stored entry's two lines, what the proof was made from and the proof, as one mapping."""
    made_from, proven = entry.split(b"\n")
    return {**json.loads(made_from), **json.loads(proven)}


def stored(entry: dict[str, object]) -> bytes:
    """`entry` as a store writes it, in its two lines."""
    made_from = {key: value for key, value in entry.items() if key in MADE_FROM}
    proven = {key: value for key, value in entry.items() if key not in MADE_FROM}
    return f"{json.dumps(made_from)}\n{json.dumps(proven)}".encode()


def test_the_store_helpers_give_an_entry_back_as_it_was(deck, proof_cache: Path) -> None:
    # So that a damaged entry above is refused for its damage, not for how the test wrote it.
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    [entry] = proof_cache.iterdir()
    as_stored = stored_proof(Project(root))
    assert as_stored is not None
    entry.write_bytes(stored(loaded(entry.read_bytes())))
    assert stored_proof(Project(root)) == as_stored


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: b"{not json",
        lambda entry: b"",
        lambda entry: stored({**loaded(entry), "root": "elsewhere"}),
        lambda entry: stored({**loaded(entry), "code": "another citedeck"}),
        lambda entry: stored({**loaded(entry), "notes": [["lp-gpus"]]}),
        # A note's stored fields: one short, one too many, or not text.
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[*row[:-1], row[-1].rpartition("\x1f")[0]] for row in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[*row[:-1], row[-1] + "\x1fmore"] for row in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[*row[:-1], 1] for row in e["notes"]]}
        ),
        # ... the eight fields as a list, or as keys, where the one string belongs.
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[*row[:-1], row[-1].split("\x1f")] for row in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[*row[:-1], dict.fromkeys(row[-1].split("\x1f"), "")] for row in e["notes"]]}
        ),
        # A GUID not text, or one GUID for two notes (a namespace, a card id changed by hand).
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[i, [g], s, t, f] for i, g, s, t, f in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[i, "one guid", s, t, f] for i, g, s, t, f in e["notes"]]}
        ),
        # Tags as one string; an id not text; a source the proof does not hold, or unhashable.
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[i, g, s, " ".join(t), f] for i, g, s, t, f in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[7, g, s, t, f] for i, g, s, t, f in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[i, g, "nyt2", t, f] for i, g, s, t, f in e["notes"]]}
        ),
        lambda entry: stored(
            {**(e := loaded(entry)), "notes": [[i, g, [s], t, f] for i, g, s, t, f in e["notes"]]}
        ),
        # Whole and consistent, but not what a check stores: one card twice; a source whose key
        # (in the sources and the notes alike) is a number.
        lambda entry: stored({**(e := loaded(entry)), "notes": e["notes"] + e["notes"][:1]}),
        lambda entry: stored(
            {
                **(e := loaded(entry)),
                "sources": [{**info, "key": 7 if info["key"] == "liang-profile" else info["key"]} for info in e["sources"]],
                "notes": [[i, g, 7, t, f] for i, g, s, t, f in e["notes"]],
            }
        ),
        lambda entry: entry.replace(b'"config": {', b'"config": {"extra": 1, '),
        lambda entry: b"[" * 100_000,
        # Its two lines swapped, one of them alone, a third after them, or one JSON document.
        lambda entry: b"\n".join(reversed(entry.split(b"\n"))),
        lambda entry: entry.split(b"\n")[0],
        lambda entry: entry.split(b"\n")[1],
        lambda entry: entry + b"\n{}",
        lambda entry: json.dumps(loaded(entry)).encode(),
    ],
)
def test_a_damaged_or_foreign_store_is_ignored(deck, proof_cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    [entry] = proof_cache.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert stored_proof(Project(root)) is None
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.output


def test_an_unwritable_cache_changes_nothing(deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(citedeck.commands.check.CACHE_ENV, str(blocker / "cache"))
    root = deck(lp=CARDS)
    result = run("check", "--root", str(root))
    assert (result.exit_code, result.output) == (0, "checked 2 cards in 1 file against 5 sources: no problems\n")
    assert run("build", "--root", str(root)).exit_code == 0


def test_a_cache_folder_in_the_decks_own_folders_is_a_usage_error_and_nothing_is_written(
    deck, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=CARDS)
    link = tmp_path_factory.mktemp("elsewhere") / "cards"
    link.symlink_to(root / "cards")
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    monkeypatch.chdir(root)
    usage = {
        "check": "Usage: citedeck check [OPTIONS]\nTry 'citedeck check --help' for help.\n\n",
        "build": "Usage: citedeck build [OPTIONS]\nTry 'citedeck build --help' for help.\n\n",
        "preview": "Usage: citedeck preview [OPTIONS]\nTry 'citedeck preview --help' for help.\n\n",
    }
    for cache in (
        root / "cards",
        root / "cards" / "cache",
        root / "seeds",
        root / "seeds" / "a" / "b",
        link / "cache",  # by a link, in cards/
        Path("cards"),  # from the working folder, the deck's
    ):
        monkeypatch.setenv(citedeck.commands.check.CACHE_ENV, str(cache))
        for args in (["check"], ["build"], ["build", "--no-cache"], ["preview"]):
            result = run(*args)
            assert (result.exit_code, result.output) == (2, (
                f"{usage[args[0]]}Error: Invalid value for CITEDECK_CACHE_DIR: {cache.as_posix()} is "
                "among the deck's own files (cards/, seeds/, citedeck.toml); keep the proofs "
                "citedeck stores elsewhere\n"
            ))
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == files
    beside = root / "cards-cache"  # named like cards/, but not in it
    monkeypatch.setenv(citedeck.commands.check.CACHE_ENV, str(beside))
    assert run("check").output == "checked 2 cards in 1 file against 5 sources: no problems\n"
    assert [p.name.startswith("proof-") for p in beside.iterdir()] == [True]


def test_without_the_setting_the_store_is_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_path

    monkeypatch.delenv(citedeck.commands.check.CACHE_ENV)
    assert citedeck.commands.check.cache_dir() == user_cache_path("citedeck", appauthor=False)


def test_a_retargeted_seeds_folder_is_a_change(tmp_path: Path) -> None:
    """A catalogue can name seeds by paths that climb out of seeds/ and back in; whether they
    land inside depends on where seeds/ leads, which the proof records."""
    articles, other, project = tmp_path / "articles", tmp_path / "other", tmp_path / "deck"
    shutil.copytree(REPO / "seeds", articles)
    other.mkdir()
    (project / "cards").mkdir(parents=True)
    (project / "seeds").symlink_to(articles)
    climb = "../" * len(articles.parts) + str(articles)[1:]
    catalogue = (articles / "sources.yaml").read_text(encoding="utf-8")
    for name in re.findall(r"file: (\S+)", catalogue):
        catalogue = catalogue.replace(f"file: {name}", f"file: {climb}/{name}")
    (articles / "sources.yaml").write_text(catalogue, encoding="utf-8")
    (other / "sources.yaml").symlink_to(articles / "sources.yaml")
    (project / "cards" / "lp.yaml").write_text(CARDS, encoding="utf-8")
    assert run("check", "--root", str(project)).exit_code == 0
    (project / "seeds").unlink()
    (project / "seeds").symlink_to(other)
    assert stored_proof(Project(project)) is None
    result = run("build", "--root", str(project))
    assert result.exit_code == 1
    assert "is outside seeds/" in result.output


def test_a_file_is_judged_by_the_bytes_read_not_an_earlier_look(
    deck, proof_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A citedeck.toml that grows between its size being taken and its reading is refused
    on what was read (and so is never stored as proven)."""
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text("#" * (1024 * 1024 + 10), encoding="utf-8")
    real_stat = Path.stat

    def looked_small(path: Path, *args, **kwargs) -> os.stat_result:  # type: ignore[no-untyped-def]
        found = real_stat(path, *args, **kwargs)
        if path.name != "citedeck.toml":
            return found
        return os.stat_result((found.st_mode, found.st_ino, found.st_dev, found.st_nlink,
                               found.st_uid, found.st_gid, 10, 0, 0, 0))

    monkeypatch.setattr(Path, "stat", looked_small)
    result = check_and_store(Project(root))
    assert [d.code for d in result.diagnostics] == ["config-syntax"]
    assert result.diagnostics[0].message == (
        "file is over 1,048,576 bytes; citedeck.toml holds a few lines"
    )
    assert list(proof_cache.iterdir()) == []


def test_a_seed_grown_huge_is_not_read_to_tell_it_changed(
    deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=CARDS)
    check_and_store(Project(root))
    grown = root / "seeds" / "004_ebb659519f0ddc96.txt"
    with open(grown, "r+b") as seed:
        seed.truncate(4 * 1024**3)  # sparse
    opened: list[Path] = []

    def watched_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(Path(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(citedeck.commands.check, "open", watched_open, raising=False)
    assert stored_proof(Project(root)) is None
    assert grown.resolve() not in [path.resolve() for path in opened]


def test_a_check_terminated_while_storing_its_proof_leaves_no_temp_file(
    deck, proof_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def terminated_meanwhile(entry: object, **options: bool) -> str:
        os.kill(os.getpid(), signal.SIGTERM)
        return json.dumps(entry, **options)

    monkeypatch.setattr(citedeck.commands.check, "json", SimpleNamespace(dumps=terminated_meanwhile, loads=json.loads))
    signal.signal(signal.SIGTERM, lambda signum, frame: None)  # what citedeck must replace
    result = run("check", "--root", str(deck(lp=CARDS)))
    assert result.exit_code == 128 + signal.SIGTERM
    assert list(proof_cache.iterdir()) == []


def test_old_proofs_go_and_nothing_else_in_the_folder(deck, proof_cache: Path) -> None:
    month_ago = time.time() - 31 * 24 * 3600
    old = [proof_cache / f"proof-{'0' * 32}.json", proof_cache / ".proof-abc123.partial"]
    others = [proof_cache / "settings.json", proof_cache / f"{'2' * 32}.json"]  # another tool's
    recent = [proof_cache / f"proof-{'1' * 32}.json", proof_cache / ".proof-new456.partial"]
    # A temp file a killed store left goes after an hour; one this old may still be written.
    killed = proof_cache / ".proof-def789.partial"
    for path in [*old, *others, *recent, killed]:
        path.write_text("{}", encoding="utf-8")
    for path in [*old, *others]:
        os.utime(path, (month_ago, month_ago))
    os.utime(killed, (time.time() - 3700, time.time() - 3700))
    os.utime(recent[1], (time.time() - 3500, time.time() - 3500))
    check_and_store(Project(deck(lp=CARDS)))
    assert all(path.exists() for path in [*others, *recent])
    assert not any(path.exists() for path in [*old, killed])
    assert len(list(proof_cache.glob("proof-*.json"))) == 2  # the recent one, and this check's


def test_a_build_from_the_stored_proof_loads_none_of_the_checker(deck) -> None:
    """The proof holds all the build needs: its imports stop at the proof, the citation and
    genanki, so a build after a check starts quickly."""
    root = deck(lp=CARDS)
    assert run("check", "--root", str(root)).exit_code == 0
    program = (
        "import json, sys; from citedeck.cli import main\n"
        f"try: main(['build', '--root', {str(root)!r}])\n"
        "except SystemExit as exit: assert exit.code == 0, exit.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('citedeck.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert done.stderr == ""
    built, loaded = done.stdout.splitlines()
    assert built == f"built 2 cards from 1 source into {root.as_posix()}/build/citedeck.apkg"
    assert json.loads(loaded) == [
        "citedeck.output.package",
        "citedeck.output.atomicfile",
        "citedeck.output.citation",
        "citedeck.cli",
        "citedeck.load.diagnostics",
        "citedeck.load.identity",
        "citedeck.output.packagezip",
        "citedeck.check.parallel",  # to verify the stored inputs in a child while the proof is read
        "citedeck.load.project",
        "citedeck.check.proof",
        "citedeck.commands.check",
        "citedeck.output.report",
        "citedeck.text.fold",
    ]
