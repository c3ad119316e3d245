"""Cards to an Anki package: one fixed note type, one fixed deck (or a subdeck per source),
stable GUIDs, and each note's fields as notes.py renders them."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import math
import operator
import os
import re
import sqlite3
import time
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import genanki

from citedeck.load.catalogue import SourceInfo
from citedeck.load.identity import FIELDS, MODEL_ID, MODEL_NAME, TEMPLATE_NAME, DeckConfig
from citedeck.output.atomicfile import write_atomically
from citedeck.output.citation import deck_description
from citedeck.output.notes import Deck, Note

# How Anki stores a note's fields: one string, parted by this (no field may hold it).
FIELD_SEPARATOR = "\x1f"
# Zip cannot store dates before 1980, nor after 2107 (2107-12-31 23:59:59 UTC).
_ZIP_EPOCH = 315532800
_ZIP_LAST = 4354819199
# A package's zip comment: a build replaces a file carrying it and no other. Anki's exporter
# writes none, and a user's export of a collection holding the deck holds its note type too.
_PACKAGE_MARK = b"citedeck"
# How far ahead of the clock rebuilds may have dated a package, one second for each build in
# the same second: a day's worth is no burst any script makes, and a date further ahead is
# someone else's doing (touch -d 2099), which notes must not inherit.
_REBUILD_LEAD = 24 * 3600


def _template(name: str) -> str:
    return (resources.files("citedeck") / "templates" / name).read_text(encoding="utf-8")


def note_model(model_id: int = MODEL_ID) -> genanki.Model:
    return genanki.Model(
        model_id,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": TEMPLATE_NAME, "qfmt": _template("front.html"), "afmt": _template("back.html")}
        ],
        css=_template("style.css"),
    )


def subdeck_names(config: DeckConfig, sources: Mapping[str, SourceInfo]) -> dict[str, str]:
    """Each source's subdeck: `<deck>::<title, else publisher, else key>`. Sources that would
    share a name are told apart by their keys; a "::" inside a title would nest a deck deeper."""
    labels = {
        key: " ".join(re.sub(":{2,}", ":", s.title or s.publisher or key).split())
        for key, s in sources.items()
    }
    shared = {label for label, count in Counter(labels.values()).items() if count > 1}
    return {
        key: f"{config.name}::{label} ({key})" if label in shared else f"{config.name}::{label}"
        for key, label in labels.items()
    }


def subdeck_id(deck_id: int, source_key: str) -> int:
    """A subdeck's id, the same in every build: drawn from the deck's id and the source's key
    ("" for the retired cards' subdeck). (On import Anki files cards by deck name; the id must only be stable within the package.)"""
    digest = hashlib.sha256(f"{deck_id}:{source_key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


class PackageNote(NamedTuple):
    """A note as a package files it: in which deck."""

    deck_id: int
    note: Note


@dataclass(frozen=True)
class Contents:
    """What a package holds: the note type, the decks (the config's first, then a subdeck for
    each source with cards, when the config asks for them), each holding the note type but no
    notes, and the notes, deck by deck (as genanki writes them), in card order in each."""

    model: genanki.Model
    decks: list[genanki.Deck]
    notes: list[PackageNote]


# The subdeck a fresh import files retired cards' notes in, so a new learner can delete them at
# once. An import that updates a note leaves its cards in whatever deck they stand in.
REMOVED_DECK = "Removed cards"


def package_contents(proven: Deck) -> Contents:
    """Every note in the config's deck; with subdecks, each card's note goes to its source's
    subdeck. Retired cards' notes go to the deck's "Removed cards" subdeck."""
    config = proven.config
    model = note_model(config.model_id)
    description = deck_description(proven.sources, retired=bool(proven.retired))
    deck = genanki.Deck(config.deck_id, config.name, description=description)
    deck.add_model(model)
    names = subdeck_names(config, proven.sources) if config.subdecks else {}
    subdecks: dict[str | None, genanki.Deck] = {}
    # The notes of each deck, by source key (None: the config's deck; "" retired notes'), in the
    # decks' order.
    filed: dict[str | None, list[PackageNote]] = {None: []}
    guids = set()
    for note in [*proven.notes, *proven.retired]:
        # Anki imports two notes sharing a GUID as two notes; ids are checked unique before this.
        assert note.guid not in guids, f"GUID collision for card {note.id}"
        guids.add(note.guid)
        key = note.source if config.subdecks or not note.source else None
        if key is not None and key not in subdecks:
            if key:
                name, about = names[key], deck_description({key: proven.sources[key]})
            else:  # a retired card's note has no source
                name, about = f"{config.name}::{REMOVED_DECK}", _REMOVED_ABOUT
            subdecks[key] = genanki.Deck(subdeck_id(config.deck_id, key), name, description=about)
            subdecks[key].add_model(model)
        target = deck if key is None else subdecks[key]
        filed.setdefault(key, []).append(PackageNote(target.deck_id, note))
    notes = [note for deck_notes in filed.values() for note in deck_notes]
    return Contents(model, [deck, *subdecks.values()], notes)


_REMOVED_ABOUT = (
    "<p>Cards removed from the deck since they were first shipped. Each says when it was "
    "removed; delete them, or this whole subdeck. A card you studied before it was removed "
    "stays where it was, tagged citedeck::retired.</p>"
)


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH holds something that is not a time a package can be stamped with."""


def build_timestamp(replacing: Path | None = None) -> float:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now (so re-imports update): and
    at least a second after the package being replaced is dated, for Anki takes a note only
    when it is newer in whole seconds, and a rebuild within the second would not be.

    Set but not whole seconds since 1970 (as `date +%s` prints them) that a zip file can date,
    it raises BadEpoch: a reproducible build must not quietly become a dated one. Set to
    nothing but spaces, it counts as unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = value.strip()
    if not epoch:
        now = time.time()
        if replacing is not None:
            with contextlib.suppress(OSError):
                # A package's file is dated as its notes are (write_package). One dated ahead
                # by more than such rebuilds could have done is someone else's doing: ignored.
                after = math.floor(replacing.stat().st_mtime) + 1
                if now < after <= now + _REBUILD_LEAD:
                    now = after
        return now
    # str.isdigit alone admits "²" and other digits int() refuses or reads differently.
    if not (epoch.isascii() and epoch.isdigit()):
        raise BadEpoch(
            f"'{value}' is not a whole number of seconds since 1970-01-01 UTC (as 'date +%s' prints)"
        )
    seconds = epoch.lstrip("0") or "0"  # int() refuses a string of over 4,300 digits, zeros too
    if len(seconds) > len(str(_ZIP_LAST)) or int(seconds) > _ZIP_LAST:
        raise BadEpoch(f"'{value}' is after 2107-12-31, the last day a zip file can date")
    return float(seconds)


def write_package(contents: Contents, output: Path, timestamp: float) -> None:
    """Write `contents` to `output` atomically, with every date in the file, and the file's own,
    fixed by `timestamp`."""

    def write(temp: Path) -> None:
        _write_zip(contents, temp, timestamp)
        os.utime(temp, (timestamp, timestamp))

    write_atomically(output, write)


def _write_zip(contents: Contents, path: Path, timestamp: float) -> None:
    # The collection is built in `path` itself, read back, and replaced by the zip holding it:
    # the atomic write's one temp file is the only scratch file, so a killed build leaves
    # nothing the next build does not clean up. Without a journal no second file appears.
    path.unlink(missing_ok=True)  # left by a killed process that had our pid: start afresh
    # Created here, so a folder we may not write to is an OSError naming why, not SQLite's
    # "unable to open database file".
    path.open("xb").close()
    try:
        connection = sqlite3.connect(path)
        try:
            # Pages of 16 KiB, not 4: a large deck's rows go in a little faster (SQLite and Anki
            # read any page size a file states).
            connection.execute("PRAGMA page_size = 16384")
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            _write_collection(connection.cursor(), contents, timestamp)
            connection.commit()
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:  # the disk filled up, or the file went away
        raise OSError(f"the collection could not be written ({exc})") from exc
    collection = path.read_bytes()
    date = time.gmtime(max(int(timestamp), _ZIP_EPOCH))[:6]
    with zipfile.ZipFile(path, "w") as archive:
        archive.comment = _PACKAGE_MARK
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            # Dated by the timestamp, not the clock: a reproducible build's bytes are the same.
            member = zipfile.ZipInfo(name, date)
            member.external_attr = 0o644 << 16
            archive.writestr(member, data, zipfile.ZIP_DEFLATED, compresslevel=1)


def _write_collection(cursor: sqlite3.Cursor, contents: Contents, timestamp: float) -> None:
    """What genanki's Package.write_to_db writes, ids and all: genanki writes the collection,
    its decks and note type; the notes and their cards go in as genanki's Note would write
    them, but in one statement for all notes and one for all cards, not two for each note (0.1 s
    of a build of 20,000 cards), and with no genanki Note made for each (another 0.1 s)."""
    ids = itertools.count(int(timestamp * 1000))
    model, model_id, sort_field = (
        contents.model,
        contents.model.model_id,
        contents.model.sort_field_index,
    )
    genanki.Package(contents.decks).write_to_db(cursor, timestamp, ids)
    mod = int(timestamp)
    notes: list[tuple[object, ...]] = []
    cards: list[tuple[object, ...]] = []
    # Which cards a note gets (their ords, whether suspended) depends on which of its fields
    # are empty: genanki works it out once for each such kind of note (whose due, 0, is
    # genanki's default for all).
    kinds: dict[tuple[bool, ...], tuple[list[tuple[int, int]], int]] = {}
    for deck_id, note in contents.notes:
        fields = note.fields
        kind = tuple(map(operator.not_, fields))
        made = kinds.get(kind)
        if made is None:
            like = genanki.Note(model=model, fields=fields)
            made = kinds[kind] = (
                [(card.ord, -1 if card.suspend else 0) for card in like.cards],
                like.due,
            )
        note_cards, due = made
        note_id = next(ids)
        notes.append(
            (
                note_id,
                note.guid,
                model_id,
                mod,
                -1,
                " " + " ".join(note.tags) + " ",
                FIELD_SEPARATOR.join(fields),
                fields[sort_field],
                0,
                0,
                "",
            )
        )
        for card_ord, queue in note_cards:
            cards.append(
                (
                    next(ids),
                    note_id,
                    deck_id,
                    card_ord,
                    mod,
                    -1,
                    0,
                    queue,
                    due,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    "",
                )
            )
    # The rows go in before the indexes on them, which are then built once, whole: faster
    # than keeping them up to date row by row.
    indexes = cursor.execute(
        "SELECT name, sql FROM sqlite_master"
        " WHERE type = 'index' AND tbl_name IN ('notes', 'cards') AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", notes)
    cursor.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
    for _, sql in indexes:
        cursor.execute(sql)


@dataclass(frozen=True)
class BuildResult:
    cards: int
    sources: int
    output: Path
    retired: int = 0


PACKAGE_SUFFIXES = (".apkg",)  # Anki's File > Import goes by the name


def is_package(path: Path) -> bool:
    """Whether `path` is a package a build may replace: one citedeck built (for any config),
    which its zip comment says. Anki's exporter writes no comment, so an export of the user's
    own, even of a collection holding citedeck's note type, is never replaced. Raises OSError
    when it cannot be read to tell."""
    if not os.path.isfile(path):  # nor wait on a pipe
        return False
    with open(path, "rb") as package:  # unreadable: the caller says so
        try:
            with zipfile.ZipFile(package) as archive:
                return archive.comment == _PACKAGE_MARK
        except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError):
            return False  # broken, or not a zip a build of ours wrote


def build_package(proven: Deck, output: Path, timestamp: float) -> BuildResult:
    write_package(package_contents(proven), output, timestamp)
    used = {note.source for note in proven.notes}
    return BuildResult(len(proven.notes), len(used), output, len(proven.retired))
