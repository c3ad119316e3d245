"""The cache: a check keeps the catalogue and each card file's check by digests of what they were
worked out from, and proves again exactly the card files whose inputs changed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LP_CARDS as CARDS
from conftest import REPO

import citedeck.check.runner
from citedeck import cache
from citedeck.cache import CACHE_ENV, Cache
from citedeck.cli import main

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


@pytest.fixture
def proved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The card files each check from here on proves, as findings name them."""
    files: list[str] = []
    real = citedeck.check.runner.check_file

    def watched(shown, data, catalogue, citable):  # type: ignore[no-untyped-def]
        files.append(shown)
        return real(shown, data, catalogue, citable)

    monkeypatch.setattr(citedeck.check.runner, "check_file", watched)
    return files


def test_get_gives_back_what_put_kept(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache")
    key = cache.key("a", b"b")
    assert store.get(key) is None
    store.put(key, b"value")
    assert store.get(key) == b"value"
    assert Cache(tmp_path / "cache", reuse=False).get(key) is None
    assert Cache(None).get(key) is None


def test_a_key_depends_on_every_part_and_where_one_ends() -> None:
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key("a") == cache.key(b"a") != cache.key("b")
    assert re.fullmatch(r"[0-9a-f]{64}", cache.key("a"))


def test_a_check_after_a_check_proves_nothing_again(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    first = run("check", "--root", str(root))
    assert proved == [f"{root.as_posix()}/cards/lp.yaml", f"{root.as_posix()}/cards/nyt.yaml"]
    proved.clear()
    again = run("check", "--root", str(root))
    assert (again.exit_code, again.output) == (first.exit_code, first.output) == (
        0,
        "checked 3 cards in 2 files against 5 sources: no problems\n",
    )
    assert proved == []


def test_an_edited_card_file_alone_is_proved_again(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    run("check", "--root", str(root))
    proved.clear()
    path = root / "cards" / "lp.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2,048"', '"2,049"'), encoding="utf-8")
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert "error[figure-mismatch]" in result.output
    assert proved == [f"{root.as_posix()}/cards/lp.yaml"]


def test_findings_come_back_from_the_cache_as_they_were(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS.replace('"2,048"', '"2,049"'), nyt=NYT_CARD)
    first = run("check", "--root", str(root), "--format", "json")
    proved.clear()
    again = run("check", "--root", str(root), "--format", "json")
    assert proved == []
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert '"code": "figure-mismatch"' in again.output


def test_build_after_check_proves_nothing_and_writes_what_a_fresh_build_does(
    deck, proved: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("check", "--root", str(root)).exit_code == 0
    proved.clear()
    result = run("build", "--root", str(root), "-o", str(root / "reused.apkg"))
    assert result.output == f"built 3 cards from 2 sources into {(root / 'reused.apkg').as_posix()}\n"
    assert proved == []
    fresh = run("build", "--root", str(root), "-o", str(root / "fresh.apkg"), "--no-cache")
    assert fresh.exit_code == 0, fresh.output
    assert len(proved) == 2
    assert (root / "reused.apkg").read_bytes() == (root / "fresh.apkg").read_bytes()


def test_preview_after_check_proves_nothing(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    run("check", "--root", str(root))
    proved.clear()
    assert run("preview", "--root", str(root)).exit_code == 0
    assert proved == []
    assert 'data-card-id="nyt-stem"' in (root / "build" / "preview.html").read_text(encoding="utf-8")


def test_no_cache_proves_every_file_again(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    run("check", "--root", str(root))
    for args in (["check"], ["build"], ["preview"]):
        proved.clear()
        assert run(*args, "--root", str(root), "--no-cache").exit_code == 0
        assert len(proved) == 2, args


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
def test_any_changed_input_is_seen_by_the_next_build(deck, edit: Callable[[Path], None], finding: str) -> None:
    """Each edit breaks the deck: a build that trusted the cache wrongly would succeed."""
    root = deck(lp=CARDS, nyt=NYT_CARD)
    assert run("check", "--root", str(root)).exit_code == 0
    edit(root)
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert finding in result.output
    assert not (root / "build").exists()


def test_a_changed_article_proves_every_card_file_again(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS, nyt=NYT_CARD)
    run("check", "--root", str(root))
    proved.clear()
    seed = root / "seeds" / "004_ebb659519f0ddc96.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run("check", "--root", str(root)).exit_code == 0
    assert len(proved) == 2


def test_a_renamed_card_file_is_proved_under_its_new_name(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS.replace('"2,048"', '"2,049"'))
    run("check", "--root", str(root))
    proved.clear()
    (root / "cards" / "lp.yaml").rename(root / "cards" / "renamed.yaml")
    result = run("check", "--root", str(root))
    assert proved == [f"{root.as_posix()}/cards/renamed.yaml"]
    assert f"{root.as_posix()}/cards/renamed.yaml:" in result.output


def test_findings_name_files_as_the_root_was_named(deck, proved: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=CARDS.replace('"2,048"', '"2,049"'))
    run("check", "--root", str(root))
    monkeypatch.chdir(root)
    result = run("check")
    assert result.output.startswith("cards/lp.yaml:")


def test_build_from_the_cache_shows_the_checks_warnings(deck, proved: list[str]) -> None:
    root = deck(lp=CARDS.replace("Which hedge fund manager founded DeepSeek?", "Did Liang Wenfeng found DeepSeek?"))
    checked_output = run("check", "--root", str(root)).output
    proved.clear()
    result = run("build", "--root", str(root))
    assert proved == []
    warning = (
        f"{root.as_posix()}/cards/lp.yaml:11:15: warning[answer-in-question]: the question gives "
        "the answer away: it contains 'Liang Wenfeng'\n"
    )
    assert checked_output == warning + "checked 2 cards in 1 file against 5 sources: 1 warning\n"
    assert result.output == warning + f"built 2 cards from 1 source into {root.as_posix()}/build/citedeck.apkg\n"


def test_a_folder_of_card_files_appearing_or_going_is_seen(deck) -> None:
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


def test_a_card_file_is_judged_by_the_bytes_read_not_its_date(deck, proved: list[str]) -> None:
    """An edit of the same size that even keeps the modification time is seen."""
    root = deck(lp=CARDS)
    run("check", "--root", str(root))
    card_file = root / "cards" / "lp.yaml"
    before = card_file.stat()
    _edit_card(root)
    os.utime(card_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card_file.stat().st_size == before.st_size
    assert "error[figure-mismatch]" in run("build", "--root", str(root)).output


def test_a_config_that_is_no_longer_absent_nor_a_file_is_seen(deck) -> None:
    root = deck(lp=CARDS)
    run("check", "--root", str(root))
    (root / "citedeck.toml").mkdir()
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert "citedeck.toml:1:1: error[io]: cannot read file: Is a directory" in result.output


def test_a_card_file_that_is_no_regular_file_is_refused_unread(deck, tmp_path: Path, proved: list[str]) -> None:
    root = deck(lp=CARDS)
    fifo = tmp_path / "cards.fifo"
    os.mkfifo(fifo)
    (root / "cards" / "piped.yaml").symlink_to(fifo)
    for _ in range(2):
        result = run("check", "--root", str(root))
        assert f"{root.as_posix()}/cards/piped.yaml:1:1: error[io]: cannot read file: not a regular file" in result.output
    assert proved == [f"{root.as_posix()}/cards/lp.yaml"]


def test_odd_file_names_do_not_stop_the_check_or_the_cache(deck, proved: list[str]) -> None:
    root = deck()
    (root / "cards" / os.fsdecode(b"caf\xe9.yaml")).write_text(CARDS, encoding="utf-8")
    assert run("check", "--root", str(root)).exit_code == 0
    assert run("check", "--root", str(root)).exit_code == 0
    assert len(proved) == 1


def test_a_pipe_where_an_entry_should_be_is_not_waited_on(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    key = cache.key("x")
    os.mkfifo(tmp_path / key)
    assert store.get(key) is None


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])  # the last: the int 1
def test_damaged_entries_are_worked_out_again(deck, proof_cache: Path, proved: list[str], damage: bytes) -> None:
    root = deck(lp=CARDS.replace('"2,048"', '"2,049"'), nyt=NYT_CARD)
    first = run("check", "--root", str(root))
    for entry in proof_cache.iterdir():
        entry.write_bytes(damage)
    proved.clear()
    again = run("check", "--root", str(root))
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert len(proved) == 2


def test_an_unwritable_cache_changes_nothing(deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
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
    for folder in (
        root / "cards",
        root / "cards" / "cache",
        root / "seeds",
        root / "seeds" / "a" / "b",
        link / "cache",  # by a link, in cards/
        Path("cards"),  # from the working folder, the deck's
    ):
        monkeypatch.setenv(CACHE_ENV, str(folder))
        for args in (["check"], ["build"], ["build", "--no-cache"], ["preview"]):
            result = run(*args)
            usage = "[OPTIONS] [FILES]..." if args[0] == "check" else "[OPTIONS]"
            assert (result.exit_code, result.output) == (2, (
                f"Usage: citedeck {args[0]} {usage}\nTry 'citedeck {args[0]} --help' for help.\n\n"
                f"Error: Invalid value for CITEDECK_CACHE_DIR: {folder.as_posix()} is "
                "among the deck's own files (cards/, seeds/, citedeck.toml); keep citedeck's "
                "cache elsewhere\n"
            ))
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == files
    beside = root / "cards-cache"  # named like cards/, but not in it
    monkeypatch.setenv(CACHE_ENV, str(beside))
    assert run("check").output == "checked 2 cards in 1 file against 5 sources: no problems\n"
    assert all(re.fullmatch("[0-9a-f]{64}", p.name) for p in beside.iterdir())


def test_without_the_setting_the_cache_is_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_path

    monkeypatch.delenv(CACHE_ENV)
    assert cache.cache_dir() == user_cache_path("citedeck", appauthor=False)


def test_a_retargeted_seeds_folder_is_seen(tmp_path: Path) -> None:
    """A catalogue can name seeds by paths that climb out of seeds/ and back in; whether they
    land inside depends on where seeds/ leads, which the cache records."""
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
    result = run("build", "--root", str(project))
    assert result.exit_code == 1
    assert "is outside seeds/" in result.output


def test_a_seed_grown_huge_is_not_read_whole_to_tell_it_changed(
    deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=CARDS)
    run("check", "--root", str(root))
    grown = root / "seeds" / "004_ebb659519f0ddc96.txt"
    with open(grown, "r+b") as seed:
        seed.truncate(4 * 1024**3)  # sparse
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert "is 4096.0 MiB; articles are limited to 20 MiB" in result.output


def test_a_check_terminated_while_keeping_an_entry_leaves_no_temp_file(
    deck, proof_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def terminated_meanwhile(source: str, target: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        real(source, target)

    monkeypatch.setattr(cache.os, "replace", terminated_meanwhile)
    signal.signal(signal.SIGTERM, lambda signum, frame: None)  # what citedeck must replace
    result = run("check", "--root", str(deck(lp=CARDS)))
    assert result.exit_code == 128 + signal.SIGTERM
    assert [p.name for p in proof_cache.iterdir() if not re.fullmatch("[0-9a-f]{64}", p.name)] == []


def test_old_entries_go_and_nothing_else_in_the_folder(deck, proof_cache: Path) -> None:
    month_ago = time.time() - 31 * 24 * 3600
    old = [proof_cache / ("0" * 64), proof_cache / ".entry-abc123.partial"]
    others = [proof_cache / "settings.json", proof_cache / ("2" * 63)]  # another tool's
    recent = [proof_cache / ("1" * 64), proof_cache / ".entry-new456.partial"]
    # A temp file a killed put left goes after an hour; one newer may still be written.
    killed = proof_cache / ".entry-def789.partial"
    for path in [*old, *others, *recent, killed]:
        path.write_text("{}", encoding="utf-8")
    for path in [*old, *others]:
        os.utime(path, (month_ago, month_ago))
    os.utime(killed, (time.time() - 3700, time.time() - 3700))
    os.utime(recent[1], (time.time() - 3500, time.time() - 3500))
    run("check", "--root", str(deck(lp=CARDS)))
    assert all(path.exists() for path in [*others, *recent])
    assert not any(path.exists() for path in [*old, killed])


def test_an_entry_in_use_is_dated_afresh(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    key = cache.key("x")
    store.put(key, b"value")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(tmp_path / key, (week_ago, week_ago))
    assert store.get(key) == b"value"
    assert (tmp_path / key).stat().st_mtime > time.time() - 60
