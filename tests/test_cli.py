"""The check and build commands as a user sees them: exact output and exit codes."""

from __future__ import annotations

import errno
import json
import os
import pathlib
import shlex
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner
from conftest import LP_CARDS as GOOD
from conftest import REPO

from citedeck.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_check_clean_deck(deck) -> None:
    root = deck(lp=GOOD)
    result = run("check", "--root", str(root))
    assert result.exit_code == 0
    assert result.output == "checked 2 cards in 1 file against 5 sources: no problems\n"


# The suite may run as root, whom no permission refuses: these refuse as the system would a
# user without read or search permission on the folder.
def refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = Path.iterdir

    def iterdir(path: Path):  # type: ignore[no-untyped-def]
        if path == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)


def refuse_looking_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    # Python 3.10's pathlib calls os.stat through an accessor that holds its own reference to it.
    accessor = getattr(pathlib, "_NormalAccessor", None)
    for name in ("stat", "lstat"):
        real = getattr(os, name)

        def look(path, *args, real=real, **kwargs):  # type: ignore[no-untyped-def]
            if Path(os.path.abspath(os.fsdecode(path))).parent == folder:
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, look)
        if accessor is not None and hasattr(accessor, name):
            monkeypatch.setattr(accessor, name, staticmethod(look))


def test_a_card_folder_that_cannot_be_listed_is_a_finding(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=GOOD)
    refuse_listing(monkeypatch, root / "cards")
    result = run("check", "--root", str(root))
    assert (result.exit_code, result.output) == (1, (
        f"{root.as_posix()}/cards:1:1: error[io]: cannot list folder: Permission denied\n"
        "checked 0 cards in 0 files against 5 sources: 1 error\n"
    ))


def test_card_files_that_cannot_be_looked_at_are_findings(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=GOOD)
    refuse_looking_in(monkeypatch, root / "cards")
    result = run("check", "--root", str(root))
    assert (result.exit_code, result.output) == (1, (
        f"{root.as_posix()}/cards/lp.yaml:1:1: error[io]: cannot read file: Permission denied\n"
        "checked 0 cards in 1 file against 5 sources: 1 error\n"
    ))


def test_a_seed_folder_that_cannot_be_looked_in_is_a_finding(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=GOOD)
    refuse_looking_in(monkeypatch, root / "seeds")
    monkeypatch.chdir(root)
    result = run("check")
    assert (result.exit_code, result.output) == (1, (
        "cards/lp.yaml:1:9: error[source-unknown]: unknown source 'liang-profile'\n"
        "  hint: sources in seeds/sources.yaml: none\n"
        "seeds/sources.yaml:1:1: error[io]: cannot read file: Permission denied\n"
        "checked 2 cards in 1 file against 0 sources: 2 errors\n"
    ))


def test_a_card_citing_an_unreadable_article_is_sent_to_the_reason(deck) -> None:
    root = deck(lp=GOOD)
    seed = root / "seeds" / "004_ebb659519f0ddc96.txt"
    seed.write_bytes(b"A caf\xe9 in Hangzhou.\n")
    result = run("check", "--root", str(root))
    shown = root.as_posix()
    assert (result.exit_code, result.output) == (1, (
        f"{shown}/cards/lp.yaml:1:9: error[source-unknown]: source 'liang-profile' cannot be used: "
        f"its article could not be read (see {shown}/seeds/004_ebb659519f0ddc96.txt:1)\n"
        f"{shown}/seeds/004_ebb659519f0ddc96.txt:1:6: error[source-encoding]: file is not valid "
        "UTF-8 (byte 0xe9); save it as UTF-8\n"
        f"  hint: or take it out (its file and its entry in {shown}/seeds/sources.yaml) and add it again "
        "with citedeck add-source FILE --encoding NAME\n"
        "checked 2 cards in 1 file against 4 sources: 2 errors\n"
    ))


def test_check_reports_every_problem_with_location(deck) -> None:
    root = deck(
        lp=GOOD.replace('answer: "2,048"', 'answer: "2,049"').replace("quote: \"DeepSeek, founded", "qoute: \"DeepSeek, founded"),
        broken="cards: [\n",
    )
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    shown = f"{root.as_posix()}/cards"
    assert result.output == (
        f"{shown}/broken.yaml:2:1: error[yaml-syntax]: YAML syntax error: did not find expected node content "
        "(while parsing a flow node)\n"
        f"{shown}/lp.yaml:7:13: error[figure-mismatch]: the answer's '2,049' is not a number in the "
        "quote (the quote has '2,048')\n"
        f"{shown}/lp.yaml:9:5: error[schema-missing-key]: card 'lp-founder' has no 'quote'\n"
        f"{shown}/lp.yaml:13:5: error[schema-unknown-key]: unknown key 'qoute' in a card; did you mean 'quote'?\n"
        "  hint: allowed keys: id, type, question, answer, quote, source, tags, note, was\n"
        "checked 2 cards in 2 files against 5 sources: 4 errors\n"
    )


def test_check_of_named_card_files_reports_theirs_and_the_deck_s_own(deck, monkeypatch) -> None:
    root = deck(
        lp=GOOD.replace('answer: "2,048"', 'answer: "2,049"'),
        other=GOOD.replace("lp-", "other-").replace("type: who", "type: person"),
    )
    monkeypatch.chdir(root)
    result = run("check", "cards/other.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "cards/other.yaml:6:15: warning[duplicate-question]: card 'other-gpus' asks the same "
        "question as 'lp-gpus' (cards/lp.yaml:6:15)\n"
        "cards/other.yaml:10:11: error[card-type]: unknown type 'person'\n"
        "  hint: types: who, figure, source\n"
        "checked 2 cards in 1 file against 5 sources: 1 error, 1 warning\n"
    )
    # The catalogue's findings concern every card file; another card file's do not.
    with open("seeds/sources.yaml", "a", encoding="utf-8") as catalogue:
        catalogue.write("  - key: extra\n    file: extra.txt\n    url: ftp://example.com/extra\n")
    Path("seeds/extra.txt").write_text("An extra article.\n", encoding="utf-8")
    Path("cards/other.yaml").write_text(GOOD.replace("lp-", "other-"), encoding="utf-8")
    result = run("check", "cards/other.yaml", "--format", "json")
    assert result.exit_code == 1
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)] == [
        ("cards/other.yaml", "duplicate-question"),
        ("cards/other.yaml", "duplicate-question"),
        ("seeds/sources.yaml", "source-url"),
    ]
    # Named from another folder, and twice: one file.
    monkeypatch.chdir(root / "cards")
    result = run("check", "--root", "..", "other.yaml", "../cards/other.yaml")
    assert result.output.splitlines()[-1] == "checked 2 cards in 1 file against 6 sources: 1 error, 2 warnings"


@pytest.mark.parametrize("named", ["cards/missing.yaml", "seeds/sources.yaml", "cards"])
def test_check_refuses_a_file_that_is_no_card_file_of_the_deck(deck, monkeypatch, named: str) -> None:
    monkeypatch.chdir(deck(lp=GOOD))
    result = run("check", named)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for FILES: {named} is not a card file of the deck at . (a .yaml file in cards/)"
    )


def test_check_of_a_named_file_in_a_cards_folder_it_cannot_list(deck, monkeypatch) -> None:
    root = deck(lp=GOOD)
    monkeypatch.chdir(root)
    refuse_listing(monkeypatch, Path("cards"))
    result = run("check", "cards/lp.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for FILES: cannot list cards/ to find the files named: Permission denied"
    )


def test_check_from_the_deck_root_shows_relative_paths(deck, monkeypatch) -> None:
    root = deck(lp=GOOD.replace("type: who", "type: person"))
    monkeypatch.chdir(root)
    result = run("check")
    assert result.exit_code == 1
    assert result.output == (
        "cards/lp.yaml:10:11: error[card-type]: unknown type 'person'\n"
        "  hint: types: who, figure, source\n"
        "checked 2 cards in 1 file against 5 sources: 1 error\n"
    )


def test_warnings_do_not_fail(deck) -> None:
    root = deck(lp=GOOD.replace("Which hedge fund manager founded DeepSeek?", "Did Liang Wenfeng found DeepSeek?"))
    result = run("check", "--root", str(root))
    assert result.exit_code == 0
    assert result.output == (
        f"{root.as_posix()}/cards/lp.yaml:11:15: warning[answer-in-question]: the question gives "
        "the answer away: it contains 'Liang Wenfeng'\n"
        "checked 2 cards in 1 file against 5 sources: 1 warning\n"
    )


def test_usage_error_exits_2() -> None:
    result = run("check", "--bogus")
    assert result.exit_code == 2
    assert result.output == (
        "Usage: citedeck check [OPTIONS] [FILES]...\nTry 'citedeck check --help' for help.\n\n"
        "Error: No such option '--bogus'.\n"
    )


def test_an_interrupted_build_exits_130_and_keeps_the_old_package(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(lp=GOOD)
    out = root / "deck.apkg"
    assert run("build", "--root", str(root), "-o", str(out)).exit_code == 0
    before, ledger = out.read_bytes(), (root / "shipped-cards.txt").read_bytes()

    def ctrl_c(path: Path) -> None:  # Ctrl-C half way through writing the package
        path.write_bytes(b"half a package")
        raise KeyboardInterrupt

    monkeypatch.setattr("citedeck.output.package._write_zip", lambda decks, path, timestamp: ctrl_c(path))
    result = run("build", "--root", str(root), "-o", str(out))
    assert (result.exit_code, result.output) == (130, "\ninterrupted\n")
    assert (out.read_bytes(), (root / "shipped-cards.txt").read_bytes()) == (before, ledger)
    assert sorted(p.name for p in root.iterdir()) == ["cards", "deck.apkg", "seeds", "shipped-cards.txt"]


def test_ctrl_c_while_the_command_line_is_read_exits_130(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    # click would say "Aborted!" and exit 1, the code for problems found.
    def ctrl_c(ctx: object, args: list[str]) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(main, "parse_args", ctrl_c)
    result = run("check", "--root", str(deck(lp=GOOD)))
    assert (result.exit_code, result.output) == (130, "\ninterrupted\n")


def test_build_writes_package_and_summary(deck) -> None:
    root = deck(lp=GOOD)
    out = root / "out" / "deck.apkg"
    result = run("build", "--root", str(root), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"built 2 cards from 1 source into {out.as_posix()}\n"
    assert out.stat().st_size > 0
    assert [p.name for p in out.parent.iterdir()] == ["deck.apkg"]


def test_failed_build_leaves_previous_package_untouched(deck) -> None:
    root = deck(lp=GOOD)
    out = root / "deck.apkg"
    assert run("build", "--root", str(root), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    (root / "cards" / "lp.yaml").write_text(GOOD.replace("2,048", "4,096", 1), encoding="utf-8")
    result = run("build", "--root", str(root), "-o", str(out))
    assert result.exit_code == 1
    assert result.output == (
        f"{root.as_posix()}/cards/lp.yaml:7:13: error[figure-mismatch]: the answer's '4,096' "
        "is not a number in the quote (the quote has '2,048')\n"
        "checked 2 cards in 1 file against 5 sources: 1 error\n"
        "build aborted: fix the errors above; no package was written\n"
    )
    assert out.read_bytes() == before


def test_build_replaces_only_a_package(deck, tmp_path: Path) -> None:
    root = deck(lp=GOOD)
    notes = tmp_path / "notes.md"
    notes.write_text("my notes", encoding="utf-8")
    not_a_package = tmp_path / "deck.apkg"
    not_a_package.write_text("my notes, misnamed", encoding="utf-8")
    (tmp_path / "build").write_text("a file", encoding="utf-8")
    zipped = tmp_path / "photos.apkg"  # a zip, but no Anki collection inside
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("photo.jpg", b"...")
    their_own = tmp_path / "spanish.apkg"  # an Anki package, of someone else's note type
    model = genanki.Model(1607392319, "Basic", fields=[{"name": "Front"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Front}}"}])
    spanish = genanki.Deck(2059400110, "Spanish")
    spanish.add_note(genanki.Note(model=model, fields=["hola"]))
    genanki.Package(spanish).write_to_file(str(their_own))
    kept = their_own.read_bytes()
    option = "Error: Invalid value for '-o' / '--output'"
    for target, why in (
        (notes, "does not end in .apkg, as the package's name must"),
        (tmp_path / "build", "does not end in .apkg, as the package's name must"),
        (not_a_package, "exists and is not a package citedeck built; move it away or choose another name"),
        (zipped, "exists and is not a package citedeck built; move it away or choose another name"),
        (their_own, "exists and is not a package citedeck built; move it away or choose another name"),
        (tmp_path / ".apkg", "has no name before its .apkg"),
    ):
        result = run("build", "--root", str(root), "-o", str(target))
        assert (result.exit_code, result.output.splitlines()[-1]) == (
            2, f"{option}: {target.as_posix()} {why}"
        )
    result = run("build", "--root", str(root), "-o", str(tmp_path / "build" / "deck.apkg"))
    assert result.output.splitlines()[-1] == f"{option}: {(tmp_path / 'build').as_posix()} is a file, not a folder"
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert not_a_package.read_text(encoding="utf-8") == "my notes, misnamed"
    assert (tmp_path / "build").read_text(encoding="utf-8") == "a file"
    assert zipfile.ZipFile(zipped).namelist() == ["photo.jpg"]
    assert their_own.read_bytes() == kept


def test_an_anki_export_holding_the_decks_note_type_is_not_replaced(deck, tmp_path: Path) -> None:
    # An export of a collection the deck was imported into holds citedeck's note type and
    # notes; only the mark in the zip comment, which Anki never writes, tells a build's own.
    from anki.collection import ExportAnkiPackageOptions
    from conftest import import_into_anki

    root = deck(lp=GOOD)
    built = tmp_path / "built.apkg"
    assert run("build", "--root", str(root), "-o", str(built)).exit_code == 0
    col, log = import_into_anki(tmp_path / "mine.anki2", built)
    try:
        assert len(log.new) == 2
        exports = {}
        for legacy in (True, False):  # "Support older Anki versions", and not
            exports[legacy] = tmp_path / f"my-export-{legacy}.apkg"
            options = ExportAnkiPackageOptions(legacy=legacy, with_scheduling=True)
            assert col.export_anki_package(out_path=str(exports[legacy]), options=options, limit=None) == 2
    finally:
        col.close()
    unmarked = tmp_path / "unmarked.apkg"  # the build's own package, rewritten without the mark
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(unmarked, "w") as copy:
        for member in source.infolist():
            copy.writestr(member, source.read(member))
    for package in (exports[True], exports[False], unmarked):
        with zipfile.ZipFile(package) as archive:
            assert archive.comment == b""
        kept = package.read_bytes()
        result = run("build", "--root", str(root), "-o", str(package))
        assert (result.exit_code, result.output.splitlines()[-1]) == (2, (
            f"Error: Invalid value for '-o' / '--output': {package.as_posix()} exists and is not a "
            "package citedeck built; move it away or choose another name"
        ))
        assert package.read_bytes() == kept
    default = root / "build" / "citedeck.apkg"  # where a build writes without -o
    default.parent.mkdir()
    default.write_bytes(exports[True].read_bytes())
    result = run("build", "--root", str(root))
    assert (result.exit_code, result.output) == (1, (
        f"Error: {default.as_posix()} exists and is not a package citedeck built; move it away "
        "or choose another name\n"
    ))
    assert default.read_bytes() == exports[True].read_bytes()
    inode = built.stat().st_ino
    result = run("build", "--root", str(root), "-o", str(built))
    assert (result.exit_code, result.output) == (0, f"built 2 cards from 1 source into {built.as_posix()}\n")
    assert built.stat().st_ino != inode  # a build's own package is replaced (by a rename)


def test_a_package_at_the_default_place_that_cannot_be_read_is_not_replaced(
    deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=GOOD)
    assert run("build", "--root", str(root)).exit_code == 0
    package = root / "build" / "citedeck.apkg"
    before = package.read_bytes()

    def unreadable(path: object, mode: str) -> None:  # as 'chmod 000' does to a user who is not root
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("citedeck.output.package.open", unreadable, raising=False)
    result = run("build", "--root", str(root))
    assert (result.exit_code, result.output) == (1, (
        f"Error: cannot read {package.as_posix()} to tell whether it is a package citedeck "
        "built: Permission denied\n"
    ))
    assert package.read_bytes() == before


def test_a_deck_of_no_cards_builds_again_over_its_own_package(tmp_path: Path) -> None:
    # A package of no notes holds no note type to be told by: its zip comment marks it.
    root = tmp_path / "new-deck"
    assert run("init", str(root)).exit_code == 0
    (root / "cards" / "example.yaml").write_text("source: x\ncards: []\n", encoding="utf-8")
    (root / "seeds" / "x.txt").write_text("A first article.\n", encoding="utf-8")
    (root / "seeds" / "sources.yaml").write_text("sources:\n  - key: x\n    file: x.txt\n", encoding="utf-8")
    for _ in range(2):
        result = run("build", "--root", str(root))
        assert (result.exit_code, result.output) == (
            0, f"built 0 cards from 0 sources into {root.as_posix()}/build/citedeck.apkg\n"
        )


def test_a_package_that_reads_but_is_broken_is_not_ours_to_replace(
    deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=GOOD)
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x05\x06" + b"\xff" * 18)

    def bad_seek(file: object) -> None:  # what zipfile raises on some damaged archives
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr("citedeck.output.package.zipfile.ZipFile", bad_seek)
    result = run("build", "--root", str(root), "-o", str(broken))
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, (
        f"Error: Invalid value for '-o' / '--output': {broken.as_posix()} exists and is not a "
        "package citedeck built; move it away or choose another name"
    ))


def test_an_output_folder_that_cannot_be_looked_in_is_reported_by_the_write(
    deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=GOOD)
    (tmp_path / "locked").mkdir()
    refuse_looking_in(monkeypatch, tmp_path / "locked")
    target = tmp_path / "locked" / "deck.apkg"
    def refused(path: Path, write: object) -> None:  # as writing in that folder would be
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("citedeck.output.package.write_atomically", refused)
    result = run("build", "--root", str(root), "-o", str(target))
    assert (result.exit_code, result.output) == (
        1, f"Error: cannot write {target}: Permission denied\n"
    )


def test_a_folder_with_no_deck_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("not a deck", encoding="utf-8")
    for command in ("check", "build", "preview", "stats"):
        result = run(command, "--root", str(tmp_path))
        assert (result.exit_code, result.output.splitlines()[-1]) == (2, (
            f"Error: Invalid value for '--root': {tmp_path.as_posix()} holds no deck project (no "
            "cards/, seeds/ or citedeck.toml): run citedeck in the deck's folder, give that folder "
            "with --root, or start a deck with citedeck init"
        ))
    monkeypatch.chdir(tmp_path)
    assert run("check").output.splitlines()[-1].startswith(
        "Error: Invalid value for '--root': this folder holds no deck project"
    )


def test_missing_catalogue_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()  # a deck, with no cards yet and no catalogue
    result = run("check", "--root", str(tmp_path))
    assert result.exit_code == 1
    root = tmp_path.as_posix()
    assert result.output == (
        f"{root}/cards:1:1: error[schema-no-cards]: no card files (*.yaml) found\n"
        f"{root}/seeds/sources.yaml:1:1: error[source-catalogue]: source catalogue not found\n"
        "checked 0 cards in 0 files against 0 sources: 2 errors\n"
    )


def test_a_root_that_does_not_exist_is_a_usage_error(tmp_path) -> None:
    result = run("check", "--root", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: Invalid value for '--root': Directory '{tmp_path / 'nowhere'}' does not exist.\n"
    )


def test_a_broken_card_file_link_is_reported_not_skipped(deck) -> None:
    root = deck(lp=GOOD)
    (root / "cards" / "gone.yaml").symlink_to(root / "cards" / "moved-away.yaml")
    (root / "cards" / "folder.yaml").mkdir()
    result = run("check", "--root", str(root))
    assert result.output == (
        f"{root.as_posix()}/cards/gone.yaml:1:1: error[io]: cannot read file: No such file or directory\n"
        "checked 2 cards in 2 files against 5 sources: 1 error\n"
    )
    assert result.exit_code == 1


def test_card_files_in_any_case_are_read_and_those_in_folders_are_named(deck) -> None:
    root = deck()
    (root / "cards" / "LP.YAML").write_text(GOOD, encoding="utf-8")
    (root / "cards" / "drafts" / "deep").mkdir(parents=True)
    (root / "cards" / "drafts" / "deep" / "nyt.yml").write_text("cards: [\n", encoding="utf-8")
    (root / "cards" / "pictures").mkdir()
    (root / "cards" / "pictures" / "chart.png").write_bytes(b"\x89PNG")
    (root / "shared").mkdir()
    (root / "shared" / "bb.yaml").write_text("cards: []\n", encoding="utf-8")
    (root / "cards" / "shared").symlink_to(root / "shared")
    (root / "shared" / "loop").symlink_to(root / "shared")  # never walked into
    result = run("check", "--root", str(root))
    cards = f"{root.as_posix()}/cards"
    assert (result.exit_code, result.output) == (0, (
        f"{cards}/drafts:1:1: warning[card-folder]: card files in {cards}/drafts/ are not read; "
        f"card files go directly in {cards}/\n"
        f"{cards}/shared:1:1: warning[card-folder]: card files in {cards}/shared/ are not read; "
        f"card files go directly in {cards}/\n"
        "checked 2 cards in 1 file against 5 sources: 2 warnings\n"
    ))


def test_build_and_preview_never_write_over_the_decks_own_files(deck) -> None:
    root = deck(lp=GOOD)
    card_file = root / "cards" / "lp.yaml"
    for command, made in (("build", "package"), ("preview", "page")):
        for target in (card_file, root / "seeds" / "new.apkg", root / "citedeck.toml"):
            result = run(command, "--root", str(root), "-o", str(target))
            assert result.exit_code == 2
            assert result.output.endswith(
                f"Error: Invalid value for '-o' / '--output': {target.as_posix()} is among the "
                f"deck's own files (cards/, seeds/, citedeck.toml); write the {made} elsewhere\n"
            )
    assert card_file.read_text(encoding="utf-8") == GOOD
    assert not (root / "seeds" / "new.apkg").exists() and not (root / "citedeck.toml").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device always full")
@pytest.mark.parametrize("args", [["--help"], ["check"], ["stats"], ["find", "Liang Wenfeng"]])
def test_output_to_a_full_disk_is_an_error_not_a_traceback(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", "from citedeck.cli import run; run()", *args],
            check=False, cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    assert (done.returncode, done.stderr) == (1, "Error: cannot write the output: No space left on device\n")


def test_paths_and_values_the_user_gave_are_echoed_with_control_characters_escaped(deck, tmp_path: Path) -> None:
    root = deck(lp=GOOD)
    out = tmp_path / "x\x1b[2J.apkg"
    result = run("build", "--root", str(root), "-o", str(out))
    assert result.output == f"built 2 cards from 1 source into {tmp_path.as_posix()}/x\\x1b[2J.apkg\n"
    assert out.is_file()
    result = run("find", "--root", str(root), "--source", "nyt\x1b[31m", "Liang")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--source': unknown source 'nyt\\x1b[31m'" in result.output
    result = run("build", "--root", str(root), "-o", str(tmp_path / "y\x07.txt"))
    assert result.exit_code == 2
    assert f"': {tmp_path.as_posix()}/y\\x07.txt does not end in .apkg" in result.output
    assert "\x07" not in result.output


def test_an_os_error_that_is_not_the_outputs_keeps_its_traceback(deck, monkeypatch: pytest.MonkeyPatch) -> None:
    import citedeck.commands.check

    def broken(project, store=None):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(citedeck.commands.check, "check_project", broken)
    result = run("check", "--root", str(deck(lp=GOOD)))
    assert isinstance(result.exception, OSError) and result.exception.errno == errno.EIO
    assert "cannot write the output" not in result.output


def test_a_command_run_off_the_main_thread_works_and_leaves_sigterm_as_it_was(deck) -> None:
    root = deck(lp=GOOD)
    before = signal.getsignal(signal.SIGTERM)
    results = []
    thread = threading.Thread(target=lambda: results.append(run("check", "--root", str(root))))
    thread.start()
    thread.join()
    assert results[0].output == "checked 2 cards in 1 file against 5 sources: no problems\n"
    assert run("check", "--root", str(root)).exit_code == 0
    assert signal.getsignal(signal.SIGTERM) is before


# The installed `citedeck` (pip install puts it beside the interpreter), which runs
# citedeck.__main__.run(), and so run().
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("citedeck"))


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["check"], 0),  # a clean deck
        (["check", "--root", "{broken}"], 1),  # problems found
        (["check", "--format", "yaml"], 2),  # a usage error
        (["--version"], 0),
    ],
)
def test_the_console_script_exits_as_the_command_does_with_all_its_output(
    args: list[str], status: int, deck
) -> None:
    """run() leaves freeing memory to the OS (os._exit): the status and every line printed,
    to a pipe, must be what the command gave."""
    assert Path(CONSOLE_SCRIPT).read_text(encoding="utf-8").count("from citedeck.__main__ import run") == 1
    broken = deck(lp=GOOD.replace('"2,048"', '"2,049"'))
    args = [arg.format(broken=broken) for arg in args]
    expected = CliRunner().invoke(main, args)
    done = subprocess.run([CONSOLE_SCRIPT, *args], cwd=REPO, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (status, expected.stdout, expected.stderr)
    assert expected.exit_code == status and (done.stdout or done.stderr)


def test_the_console_script_reports_output_it_could_not_flush() -> None:
    # click.echo flushes what it writes, so the last flush fails only for output written some
    # other way: then, as when an echo fails, the run says so and fails.
    program = (
        "import io, sys\n"
        "from citedeck.cli import run\n"
        "class FailsSecondFlush(io.StringIO):\n"
        "    flushes = 0\n"
        "    def flush(self):\n"
        "        self.flushes += 1\n"
        "        if self.flushes > 1:\n"
        "            raise OSError(28, 'No space left on device')\n"
        "sys.stdout = FailsSecondFlush()\n"
        "sys.argv[1:] = ['--version']\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "Error: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("closed", [">&-", "2>&-"])
def test_the_console_script_run_with_an_output_closed_succeeds(closed: str) -> None:
    # Python gives no stream for a closed descriptor: there is nothing to flush, and no failure.
    done = subprocess.run(
        ["sh", "-c", f"{shlex.quote(CONSOLE_SCRIPT)} check {closed}"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
