"""Reproducible, safe builds: the same inputs and SOURCE_DATE_EPOCH give the same bytes; without
it, notes carry the build time; a build killed while writing leaves the previous package as it
was and, once it has unwound or the next build has run, no temp file behind."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LP_CARDS as CARDS
from conftest import REPO

from citedeck.cache import CACHE_ENV
from citedeck.cli import main

sys.path.insert(0, str(REPO / "benchmarks"))
import scale  # the benchmark's deck generator

EPOCH = "1700000000"
CLI = [sys.executable, "-c", "from citedeck.cli import run; run()"]


def build(root: Path, out: Path, epoch: str | None = EPOCH) -> None:
    env = {"SOURCE_DATE_EPOCH": epoch}
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output


def collection(package: Path, tmp_path: Path) -> sqlite3.Connection:
    """The package's collection, opened read-only from a copy."""
    db = tmp_path / f"{package.stem}.anki2"
    with zipfile.ZipFile(package) as archive:
        db.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def test_same_inputs_and_epoch_give_byte_identical_packages(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    first, second = tmp_path / "one" / "deck.apkg", tmp_path / "two" / "other.apkg"
    build(root, first)
    build(root, second)
    assert first.read_bytes() == second.read_bytes()
    # In another process, with another hash seed, too: no set or dict order leaks into it.
    third = tmp_path / "three.apkg"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "12345"}
    subprocess.run([*CLI, "build", "--root", str(root), "-o", str(third)], env=env, check=True,
                   capture_output=True)
    assert third.read_bytes() == first.read_bytes()


def shipped_deck(folder: Path) -> Path:
    """A copy of the shipped deck project (its cards, seeds and citedeck.toml) in `folder`."""
    for name in ("cards", "seeds"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy2(REPO / "citedeck.toml", folder / "citedeck.toml")
    return folder


def test_the_shipped_deck_built_apart_in_time_and_place_has_one_sha256(tmp_path: Path) -> None:
    # Two builds of the shipped deck, each in a folder and cache of its own, in another
    # process, time zone and hash seed, seconds apart on the clock (a zip dates its members to
    # two seconds): with the same SOURCE_DATE_EPOCH, the same SHA-256.
    packages: list[Path] = []
    started: list[float] = []
    for name, zone, seed in (("one", "UTC", "1"), ("two", "Asia/Shanghai", "2")):
        if started:
            time.sleep(max(0.0, started[0] + 2.5 - time.time()))
        root = shipped_deck(tmp_path / name / "deck")
        cache, out = tmp_path / name / "cache", tmp_path / name / "out" / "citedeck.apkg"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, CACHE_ENV: str(cache), "TZ": zone,
               "PYTHONHASHSEED": seed}
        started.append(time.time())
        built = subprocess.run([*CLI, "build", "--root", str(root), "-o", str(out)], env=env,
                               capture_output=True, text=True, check=False)
        assert built.returncode == 0, built.stdout + built.stderr
        assert re.fullmatch(rf"built \d+ cards from 5 sources into {re.escape(out.as_posix())}\n", built.stdout)
        assert any(cache.iterdir())  # its own cache, filled by its own check
        packages.append(out)
    assert started[1] - started[0] >= 2
    digests = [hashlib.sha256(package.read_bytes()).hexdigest() for package in packages]
    assert digests[0] == digests[1]
    # Built again from the first build's cache, warm now: the same bytes still.
    again = tmp_path / "one" / "out" / "again.apkg"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, CACHE_ENV: str(tmp_path / "one" / "cache")}
    subprocess.run([*CLI, "build", "--root", str(tmp_path / "one" / "deck"), "-o", str(again)],
                   env=env, check=True, capture_output=True)
    assert hashlib.sha256(again.read_bytes()).hexdigest() == digests[0]

    # Every member of the zip is dated SOURCE_DATE_EPOCH (in UTC), not today; the file too.
    with zipfile.ZipFile(packages[1]) as archive:
        assert archive.testzip() is None
        members = [(info.filename, info.date_time) for info in archive.infolist()]
    assert members == [
        ("collection.anki2", (2023, 11, 14, 22, 13, 20)),
        ("media", (2023, 11, 14, 22, 13, 20)),
    ]
    assert time.gmtime(int(EPOCH))[:6] == (2023, 11, 14, 22, 13, 20)
    assert time.localtime()[:3] != (2023, 11, 14)
    assert [package.stat().st_mtime for package in packages] == [int(EPOCH), int(EPOCH)]


def test_epoch_fixes_every_date_in_the_package(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    early, late = tmp_path / "early.apkg", tmp_path / "late.apkg"
    build(root, early)
    build(root, late, epoch=str(int(EPOCH) + 86_400))
    assert early.read_bytes() != late.read_bytes()
    with zipfile.ZipFile(early) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    with collection(early, tmp_path) as db:
        assert set(db.execute("select mod from notes union select mod from cards")) == {(1_700_000_000,)}
        assert db.execute("select min(id), count() from notes").fetchone() == (1_700_000_000_000, 2)


def test_without_epoch_notes_carry_the_build_time(deck, tmp_path: Path, monkeypatch) -> None:
    root = deck(lp=CARDS)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "now.apkg"
    before = int(time.time())
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
    after = time.time()
    assert result.exit_code == 0, result.output
    with collection(out, tmp_path) as db:
        ((oldest, newest),) = db.execute("select min(mod), max(mod) from notes")
    assert before <= oldest == newest <= after


def test_a_rebuild_within_the_second_is_still_newer_than_the_package_it_replaces(
    deck, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Anki takes an incoming note only when its mod, in whole seconds, is newer than the one it
    # has: a rebuild in the same second would leave an edit out of the collection.
    root = deck(lp=CARDS)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr("citedeck.output.package.time.time", lambda: 1_800_000_000.25)  # the clock stands still
    out = tmp_path / "deck.apkg"

    def built_mod() -> int:
        result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
        assert result.exit_code == 0, result.output
        with collection(out, tmp_path) as db:
            return int(db.execute("select max(mod) from notes").fetchone()[0])

    assert built_mod() == 1_800_000_000
    assert built_mod() == 1_800_000_001  # each within that same second
    assert built_mod() == 1_800_000_002
    assert out.stat().st_mtime == 1_800_000_002  # the file is dated as its notes are
    # A package dated far ahead (touch -d 2099) is not followed there: notes dated 2099 would
    # refuse every real update until then.
    os.utime(out, (4_070_908_800, 4_070_908_800))
    assert built_mod() == 1_800_000_000


NOT_SECONDS = "is not a whole number of seconds since 1970-01-01 UTC (as 'date +%s' prints)"


@pytest.mark.parametrize(
    ("epoch", "problem"),
    [
        ("abc", NOT_SECONDS),
        ("-5", NOT_SECONDS),
        ("1e9", NOT_SECONDS),
        ("1700000000.5", NOT_SECONDS),
        ("\u00b2", NOT_SECONDS),  # a digit to str.isdigit, not to int()
        ("4354819200", "is after 2107-12-31, the last day a zip file can date"),
        ("9" * 5000, "is after 2107-12-31, the last day a zip file can date"),
    ],
    ids=["word", "negative", "exponent", "fraction", "superscript", "past-2107", "5000-digits"],
)
def test_an_invalid_epoch_is_a_usage_error_and_nothing_is_written(
    deck, tmp_path: Path, epoch: str, problem: str
) -> None:
    # Once ignored: the build went on stamped with the current time, so not reproducible.
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(
        main, ["build", "--root", str(deck(lp=CARDS)), "-o", str(out)], env={"SOURCE_DATE_EPOCH": epoch}
    )
    assert (result.exit_code, result.output) == (2, (
        "Usage: citedeck build [OPTIONS]\n"
        "Try 'citedeck build --help' for help.\n\n"
        f"Error: Invalid value for SOURCE_DATE_EPOCH: '{epoch}' {problem}\n"
    ))
    assert not out.exists()


@pytest.mark.parametrize(("epoch", "stamp"), [(" 0 ", 0), ("04354819199", 4354819199)])
def test_epochs_from_1970_to_the_last_second_a_zip_can_date_are_valid(
    deck, tmp_path: Path, epoch: str, stamp: int
) -> None:
    out = tmp_path / "deck.apkg"
    build(deck(lp=CARDS), out, epoch=epoch)
    with collection(out, tmp_path) as db:
        assert list(db.execute("select distinct mod from notes")) == [(stamp,)]


@pytest.fixture(scope="module")
def big_deck(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A deck large enough that writing its package takes a while: 12,000 cards."""
    root = tmp_path_factory.mktemp("big") / "deck"
    scale.generate(root, 12_000, 12)
    return root


def _kill_mid_write(root: Path, out: Path, scratch: Path, sig: signal.Signals):  # type: ignore[no-untyped-def]
    """Start a build into `out`, send `sig` once its temp file exists beside `out`; return
    the finished process and the temp file's name."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(EPOCH) + 60), "TMPDIR": str(scratch)}
    process = subprocess.Popen([*CLI, "build", "--root", str(root), "-o", str(out)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    temp = out.with_name(f".{out.name}.partial-{process.pid}")
    deadline = time.monotonic() + 120
    while not temp.exists():
        assert process.poll() is None, "the build ended before its temp file appeared"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr, temp.name


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_build_killed_mid_write_keeps_the_previous_package(big_deck: Path, tmp_path: Path, sig) -> None:  # type: ignore[no-untyped-def]
    out, scratch = tmp_path / "out" / "deck.apkg", tmp_path / "scratch"
    scratch.mkdir()
    build(big_deck, out)
    previous = out.read_bytes()

    returncode, stderr, temp = _kill_mid_write(big_deck, out, scratch, sig)

    assert out.read_bytes() == previous
    assert list(scratch.iterdir()) == []
    temps = [p.name for p in out.parent.iterdir() if p.name != "deck.apkg"]
    if sig is signal.SIGTERM:
        # The handler unwinds the build: the temp file goes, no traceback, exit 128 + 15.
        assert (returncode, temps) == (128 + signal.SIGTERM, [])
        assert b"Traceback" not in stderr
    else:
        # Nothing runs after SIGKILL: the temp file stays until the next build sweeps it away.
        assert (returncode, temps) == (-signal.SIGKILL, [temp])
        build(big_deck, out, epoch=str(int(EPOCH) + 120))
        assert [p.name for p in out.parent.iterdir()] == ["deck.apkg"]
        assert out.read_bytes() != previous
        with collection(out, tmp_path) as db:
            assert db.execute("select count() from notes").fetchone() == (12_000,)



def test_a_collection_sqlite_cannot_write_is_an_error_and_keeps_the_previous_package(
    deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk reaches SQLite first: it must end as a plain error, not a traceback, and
    # the package built before must stay as it was, with no temp file beside it.
    root = deck(lp=CARDS)
    out = tmp_path / "deck.apkg"
    build(root, out)
    before = out.read_bytes()

    def full(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", full)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1,
        f"Error: cannot write {out}: the collection could not be written (database or disk is full)",
    )
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".deck.apkg")] == []
