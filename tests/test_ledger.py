"""The ledger, shipped-cards.txt: what build writes, how it reads back, what retire forgets."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LP_CARDS, REPO

from citedeck.cli import main
from citedeck.commands.check import check_project
from citedeck.commands.stats import format_retired
from citedeck.load.ledger import HEADER, Ledger, build_day, load_ledger
from citedeck.load.project import Project
from citedeck.output.report import format_text

EPOCH = "1765065600"  # 2025-12-07 00:00 UTC
DAY = "2025-12-07"
ONLY_FOUNDER = LP_CARDS.split("  - id: lp-gpus")[0] + LP_CARDS.split("    quote: \"DeepSeek claimed to have used just 2,048 Nvidia H800s\"\n")[1]


def run(*args: str, epoch: str = EPOCH):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": epoch})


def ledger_lines(root: Path) -> list[str]:
    text = (root / "shipped-cards.txt").read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    return text[len(HEADER):].splitlines()


def read(root: Path, text: str) -> str:
    (root / "shipped-cards.txt").write_text(textwrap.dedent(text), encoding="utf-8")
    _, problems = load_ledger(Project(root))
    return format_text(problems).replace(root.as_posix() + "/", "")


def test_the_repositorys_ledger_is_up_to_date() -> None:
    # Every card's note is listed, and every line no card covers is dated: what a build of the
    # deck as it stands writes (after changing cards, build and commit shipped-cards.txt).
    result = check_project(Project(REPO))
    assert result.ok
    expected = result.ledger.after_build(result.cards, "0000-00-00")
    assert result.ledger == expected, "run citedeck build and commit shipped-cards.txt"
    assert {card.note_key for card in result.cards} <= set(result.ledger.shipped)


def test_build_writes_the_ledger_and_retires_a_removed_card_on_the_builds_day(deck) -> None:
    root = deck(lp=LP_CARDS)
    assert run("build", "--root", str(root)).output == (
        f"built 2 cards from 1 source into {root.as_posix()}/build/citedeck.apkg\n"
    )
    assert ledger_lines(root) == ["lp-founder", "lp-gpus"]
    deck(lp=ONLY_FOUNDER)
    assert run("build", "--root", str(root)).output == (
        f"built 1 card (and 1 retired) from 1 source into {root.as_posix()}/build/citedeck.apkg\n"
    )
    assert ledger_lines(root) == ["lp-founder", f"lp-gpus retired {DAY}"]
    # A later build keeps the day it was retired.
    assert run("build", "--root", str(root), epoch="1800000000").exit_code == 0
    assert ledger_lines(root) == ["lp-founder", f"lp-gpus retired {DAY}"]
    # Back in the YAML, it is a card again.
    deck(lp=LP_CARDS)
    assert run("build", "--root", str(root)).output.startswith("built 2 cards from 1 source")
    assert ledger_lines(root) == ["lp-founder", "lp-gpus"]


def test_a_renamed_card_keeps_its_notes_line_and_retires_nothing(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    deck(lp=LP_CARDS.replace("  - id: lp-gpus\n", "  - id: lp-h800s\n    was: lp-gpus\n"))
    assert run("build", "--root", str(root)).output.startswith("built 2 cards from 1 source")
    assert ledger_lines(root) == ["lp-founder", "lp-gpus"]
    stats = run("stats", "--root", str(root)).output
    assert "retired" not in stats


def test_a_failed_build_leaves_the_ledger_untouched(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    before = (root / "shipped-cards.txt").read_bytes()
    deck(lp=ONLY_FOUNDER.replace("Liang Wenfeng\"", "Liang Wenfang\""))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert (root / "shipped-cards.txt").read_bytes() == before


def test_an_unchanged_ledger_is_not_written_again(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    ledger = root / "shipped-cards.txt"
    ledger.chmod(0o444)
    before = ledger.stat().st_mtime_ns
    assert run("build", "--root", str(root), epoch="1800000000").exit_code == 0
    assert ledger.stat().st_mtime_ns == before


def test_a_new_decks_first_build_writes_its_ledger(tmp_path: Path) -> None:
    root = tmp_path / "my-deck"
    assert run("init", str(root), "--name", "Reading list").exit_code == 0
    assert not (root / "shipped-cards.txt").exists()
    assert run("build", "--root", str(root)).output == (
        f"built 0 cards from 0 sources into {root.as_posix()}/build/citedeck.apkg\n"
    )
    assert ledger_lines(root) == []


def test_the_retired_day_is_the_builds_day_in_utc() -> None:
    assert [build_day(t) for t in (0, 1765065599, 1765065600)] == ["1970-01-01", "2025-12-06", DAY]


def test_after_build() -> None:
    from citedeck.load.cards import Card

    def card(key: str, *was: str) -> Card:
        return Card(key, "who", "Q", "A", "q", "nyt", "c.yaml", was=was)

    ledger = Ledger({"a": None, "b": None, "c": "2025-01-01", "d": None, "z": "2025-02-02"})
    after = ledger.after_build([card("b2", "b"), card("c"), card("new")], DAY)
    assert after.shipped == {
        "a": DAY, "b": None, "c": None, "d": DAY, "new": None, "z": "2025-02-02"
    }
    assert after.text() == HEADER + f"a retired {DAY}\nb\nc\nd retired {DAY}\nnew\nz retired 2025-02-02\n"


def test_every_mistake_in_the_ledger_is_a_located_finding(tmp_path: Path) -> None:
    assert read(tmp_path, """\
        # a comment

        lp-gpus
          lp-founder   retired   2025-12-07
        Bad_Id
        lp-x removed
        lp-y retired 2025-13-01
        lp-z retired 2025-12-07 extra
        <<<<<<< HEAD
        =======
        >>>>>>> cards
        """) == (
        "shipped-cards.txt:5:1: error[ledger-line]: 'Bad_Id' is not a card id\n"
        "  hint: a line is 'ID' or 'ID retired YYYY-MM-DD'\n"
        "shipped-cards.txt:6:6: error[ledger-line]: unexpected 'removed' after the id\n"
        "  hint: a line is 'ID' or 'ID retired YYYY-MM-DD'\n"
        "shipped-cards.txt:7:14: error[ledger-line]: '2025-13-01' is not a day written YYYY-MM-DD\n"
        "shipped-cards.txt:8:6: error[ledger-line]: unexpected 'retired' after the id\n"
        "  hint: a line is 'ID' or 'ID retired YYYY-MM-DD'\n"
        "shipped-cards.txt:9:1: error[ledger-line]: a merge conflict's marker is left in\n"
        "  hint: keep the lines of both sides, drop the markers\n"
        "shipped-cards.txt:10:1: error[ledger-line]: a merge conflict's marker is left in\n"
        "  hint: keep the lines of both sides, drop the markers\n"
        "shipped-cards.txt:11:1: error[ledger-line]: a merge conflict's marker is left in\n"
        "  hint: keep the lines of both sides, drop the markers\n"
    )
    (tmp_path / "shipped-cards.txt").write_bytes(b"lp-gpus\nlp-\xe9\n")
    assert format_text(load_ledger(Project(tmp_path))[1]).replace(tmp_path.as_posix() + "/", "") == (
        "shipped-cards.txt:2:4: error[ledger-line]: not UTF-8: citedeck writes it as UTF-8\n"
    )


def test_a_mistake_in_the_ledger_stops_the_build_as_check_reports_it(deck) -> None:
    root = deck(lp=LP_CARDS)
    (root / "shipped-cards.txt").write_text("lp-gpus\nlp gpus\n", encoding="utf-8")
    result = run("build", "--root", str(root))
    assert (result.exit_code, result.stdout) == (1, (
        f"{root.as_posix()}/shipped-cards.txt:2:4: error[ledger-line]: unexpected 'gpus' after the id\n"
        "  hint: a line is 'ID' or 'ID retired YYYY-MM-DD'\n"
        "checked 2 cards in 1 file against 5 sources: 1 error\n"
    ))
    assert (root / "shipped-cards.txt").read_text(encoding="utf-8") == "lp-gpus\nlp gpus\n"


def test_the_docs_merge_example(tmp_path: Path) -> None:
    doc = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
    section = doc.split("### `ledger-line` · error\n")[1].split("\n## ")[0]
    failing, passing = re.findall(r"```text\n(.*?)```", section, re.DOTALL)
    assert "error[ledger-line]" in read(tmp_path, failing)
    assert read(tmp_path, passing) == ""
    # Two lines of one id, from a merge: retired where one says so, as a build decides afresh.
    assert load_ledger(Project(tmp_path))[0].shipped == {"lp-founder": "2026-12-07"}


def test_stats_counts_many_retired_cards_and_points_to_retire() -> None:
    retired = {f"c-{n}": "2026-12-07" for n in range(6)}
    assert format_retired(retired) == (
        "retired: 6 cards, removed from cards/ and shipped as removed (citedeck retire lists them)\n"
    )
    assert format_retired({}) == ""


def test_stats_and_retire_name_the_retired_cards(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    assert run("retire", "--root", str(root)).output == "no retired cards in " + (
        f"{root.as_posix()}/shipped-cards.txt\n"
    )
    deck(lp=ONLY_FOUNDER)
    assert run("stats", "--root", str(root)).output.splitlines()[-1] == (
        "retired: 1 card, removed from cards/ and shipped as removed: lp-gpus (at the next build)"
    )
    run("build", "--root", str(root))
    assert run("stats", "--root", str(root)).output.splitlines()[-1] == (
        f"retired: 1 card, removed from cards/ and shipped as removed: lp-gpus ({DAY})"
    )
    import json

    data = json.loads(run("stats", "--root", str(root), "--format", "json").output)
    assert data["retired"] == [{"id": "lp-gpus", "retired": DAY}]
    assert run("retire", "--root", str(root)).output == f"lp-gpus  retired {DAY}\n"


def test_retire_forget_refuses_live_and_unknown_ids_and_writes_nothing(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    deck(lp=ONLY_FOUNDER.replace("  - id: lp-founder\n", "  - id: lp-boss\n    was: lp-founder\n"))
    run("build", "--root", str(root))
    before = (root / "shipped-cards.txt").read_bytes()
    result = run("retire", "--root", str(root), "--forget", "lp-gpus", "lp-boss", "lp-founder", "lp-nope")
    assert (result.exit_code, result.output) == (1, (
        "Error: 'lp-boss' is a card's id, or a former id (was:), in cards/: not retired\n"
        "'lp-founder' is a card's id, or a former id (was:), in cards/: not retired\n"
        f"'lp-nope' is not in {root.as_posix()}/shipped-cards.txt: no card of that id has shipped\n"
        "nothing was forgotten\n"
    ))
    assert (root / "shipped-cards.txt").read_bytes() == before
    result = run("retire", "--root", str(root), "--forget", "lp-gpus")
    assert (result.exit_code, result.output) == (0, (
        "forgot 1 retired card: lp-gpus\n"
        "builds no longer ship their notes; in Anki they stay as they are\n"
    ))
    assert ledger_lines(root) == ["lp-founder"]
    assert run("build", "--root", str(root)).output.startswith("built 1 card from 1 source")


def test_retire_forget_all(deck) -> None:
    root = deck(lp=LP_CARDS)
    run("build", "--root", str(root))
    (root / "cards" / "lp.yaml").unlink()
    deck(other=ONLY_FOUNDER.replace("lp-founder", "lp-other"))
    run("build", "--root", str(root))
    assert ledger_lines(root) == [f"lp-founder retired {DAY}", f"lp-gpus retired {DAY}", "lp-other"]
    result = run("retire", "--root", str(root), "--forget", "--all")
    assert (result.exit_code, result.output) == (0, (
        "forgot 2 retired cards: lp-founder, lp-gpus\n"
        "builds no longer ship their notes; in Anki they stay as they are\n"
    ))
    assert ledger_lines(root) == ["lp-other"]
    assert run("retire", "--root", str(root), "--forget", "--all").output == "no retired cards to forget\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lp-gpus"], "ID... and --all go with --forget"),
        (["--all"], "ID... and --all go with --forget"),
        (["--forget"], "--forget takes the ids to forget, or --all (not both)"),
        (["--forget", "--all", "lp-gpus"], "--forget takes the ids to forget, or --all (not both)"),
    ],
)
def test_retire_usage_errors(deck, args: list[str], message: str) -> None:
    root = deck(lp=LP_CARDS)
    result = run("retire", "--root", str(root), *args)
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: {message}\n")


def test_find_suggests_no_id_the_deck_has_shipped(deck) -> None:
    root = deck(lp=LP_CARDS)
    (root / "shipped-cards.txt").write_text("liang-profile-2-048-nvidia retired 2025-01-01\n", encoding="utf-8")
    output = run("find", "--root", str(root), "2,048 Nvidia").output
    assert "  - id: liang-profile-2-048-nvidia-2\n" in output
