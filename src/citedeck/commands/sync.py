"""The sync command's work: a checked deck imported straight into an Anki collection by Anki's
own importer, then its retired cards suspended (or deleted), touching nothing else.

What the collection holds is read first, in one read transaction (which Anki, open in another
process, refuses): the plan counts what the collection has, and the package imported holds only
the notes that are new or changed, so a sync of a deck that barely changed is quick. The `anki`
package is imported here only, when a sync runs: it is an optional extra.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from citedeck.commands.build import proven_deck, shipped_ledger, write_ledger
from citedeck.commands.check import CheckResult
from citedeck.load.identity import RETIRED_TAG, DeckConfig
from citedeck.load.ledger import Ledger
from citedeck.load.project import Project
from citedeck.output.notes import Deck, Note
from citedeck.output.package import FIELD_SEPARATOR, build_package, note_model

COLLECTION = "collection.anki2"
INSTALL = "pip install 'citedeck[sync]'"


class SyncRefused(Exception):
    """The sync cannot go ahead (message says why); the collection was not written."""


def anki_data_folder(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> Path:
    """Where Anki keeps its profiles on `platform`, as Anki itself decides by default."""
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        return Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "Anki2"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Anki2"
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "Anki2"


def find_collection(collection: Path | None, profile: str | None, data: Path | None = None) -> Path:
    """The collection to sync into: `collection`, else `profile`'s in Anki's data folder, else
    the only profile's there. Raises SyncRefused saying what to give instead."""
    if collection is not None:
        if not collection.is_file():
            raise SyncRefused(f"{collection} is no Anki collection file (collection.anki2)")
        return collection
    data = anki_data_folder() if data is None else data
    try:
        profiles = sorted(p.name for p in data.iterdir() if (p / COLLECTION).is_file())
    except OSError:
        profiles = []
    if profile is not None:
        if profile not in profiles:
            found = f"profiles there: {', '.join(profiles)}" if profiles else "none there"
            raise SyncRefused(f"no Anki profile '{profile}' in {data} ({found})")
        return data / profile / COLLECTION
    if not profiles:
        raise SyncRefused(f"no Anki profile in {data}: give the collection with --collection PATH")
    if len(profiles) > 1:
        raise SyncRefused(
            f"{len(profiles)} Anki profiles in {data} ({', '.join(profiles)}): "
            "choose one with --profile NAME"
        )
    return data / profiles[0] / COLLECTION


@dataclass(frozen=True)
class StoredNote:
    """A note of the deck's, as the collection holds it."""

    id: int
    notetype: int
    mod: int
    fields: str
    tags: frozenset[str]


@dataclass(frozen=True)
class Held:
    """What a collection holds of a deck: its schema version; the notes of the deck's GUIDs;
    each such note's cards, as (deck id, queue); the ids of the deck and its subdecks; and the
    deck's note type as (css, [(front, back) of each template]), None when there is none."""

    schema: int
    notes: dict[str, StoredNote]
    cards: dict[int, list[tuple[int, int]]]
    decks: frozenset[int]
    notetype: tuple[str, list[tuple[str, str]]] | None


ANKI_OPEN = (
    "the collection is open in Anki (or its media are syncing): close Anki, then sync again; "
    "nothing was written"
)


def read_collection(path: Path, deck: Deck, schema: int) -> Held:
    """What the collection at `path` holds of `deck`, read in one transaction that takes the
    lock Anki holds while it is open. Raises SyncRefused when Anki has it open, or when its
    schema is not `schema`, the version the anki library writes (see check_schema)."""
    try:
        connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error as exc:
        raise SyncRefused(f"cannot open {path}: {exc}") from exc
    try:
        # A collection's text columns sort with Anki's own collation; only named here.
        connection.create_collation(
            "unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower())
        )
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise SyncRefused(ANKI_OPEN) from exc
        try:
            return _read(connection, deck, schema)
        finally:
            connection.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise SyncRefused(f"{path} is not an Anki collection Anki can open: {exc}") from exc
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, deck: Deck, schema: int) -> Held:
    (found,) = connection.execute("SELECT ver FROM col").fetchone()
    check_schema(found, schema)
    guids = {note.guid for note in [*deck.notes, *deck.retired]}
    notes = {
        guid: StoredNote(nid, mid, mod, flds, _tags(tags))
        for nid, guid, mid, mod, flds, tags in connection.execute(
            "SELECT id, guid, mid, mod, flds, tags FROM notes"
        )
        if guid in guids
    }
    ids = {note.id for note in notes.values()}
    cards: dict[int, list[tuple[int, int]]] = {}
    for nid, did, queue in connection.execute("SELECT nid, did, queue FROM cards"):
        if nid in ids:
            cards.setdefault(nid, []).append((did, queue))
    name = deck.config.name.replace("::", "\x1f").casefold()
    decks = frozenset(
        did
        for did, deck_name in connection.execute("SELECT id, name FROM decks")
        if deck_name.casefold() == name or deck_name.casefold().startswith(name + "\x1f")
    )
    return Held(found, notes, cards, decks, _notetype(connection, deck.config.model_id))


def _tags(stored: str) -> frozenset[str]:
    return frozenset(tag.casefold() for tag in stored.split())


def _notetype(
    connection: sqlite3.Connection, model_id: int
) -> tuple[str, list[tuple[str, str]]] | None:
    from anki import notetypes_pb2

    row = connection.execute("SELECT config FROM notetypes WHERE id = ?", (model_id,)).fetchone()
    if row is None:
        return None
    config = notetypes_pb2.Notetype.Config()
    config.ParseFromString(row[0])
    templates = []
    for (blob,) in connection.execute(
        "SELECT config FROM templates WHERE ntid = ? ORDER BY ord", (model_id,)
    ):
        template = notetypes_pb2.Notetype.Template.Config()
        template.ParseFromString(blob)
        templates.append((template.q_format, template.a_format))
    return config.css, templates


class SchemaOlder(SyncRefused):
    """The collection's schema is older than the anki library's: opening it would upgrade it."""

    def __init__(self, found: str) -> None:
        super().__init__(
            f"{found}: a sync would upgrade it, and the Anki that made it might no longer open "
            "it; update Anki, or sync with --upgrade-schema; nothing was written"
        )
        self.found = found


def check_schema(found: int, supported: int) -> None:
    """Refuse a collection of a schema newer than the anki library's (it cannot read it), or
    older (SchemaOlder: opening it would upgrade it)."""
    if found > supported:
        raise SyncRefused(
            f"the collection's schema ({found}) is newer than the anki library here supports "
            f"({supported}): upgrade it (pip install -U anki); nothing was written"
        )
    if found < supported:
        raise SchemaOlder(
            f"the collection's schema ({found}) is older than the anki library's ({supported})"
        )


@dataclass(frozen=True)
class Plan:
    """What a sync will do, by card id: the notes to add, to update and those unchanged; the
    retired cards' notes to suspend (or delete), those already suspended, and those restored
    (to unsuspend); and whether the note type's templates or CSS change."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retire: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)
    # Retired cards back in the YAML whose cards a sync suspended: unsuspended.
    restore: list[str] = field(default_factory=list)
    notetype_changed: bool = False
    delete: bool = False
    # What the package imported holds, and the newest date of a note it updates.
    shipped: Deck | None = None
    newest: int = 0
    # The project's ledger once the deck has shipped: what the sync writes.
    ledger: Ledger | None = None

    @property
    def writes(self) -> bool:
        return bool(
            self.new or self.updated or self.retire or self.restore or self.notetype_changed
        )


def plan_sync(deck: Deck, held: Held, delete: bool) -> Plan:
    """Compare `deck` with what the collection holds of it."""
    new: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    shipped: list[Note] = []
    newest = 0
    model = note_model(deck.config.model_id)
    wanted = (model.css, [(t["qfmt"], t["afmt"]) for t in model.templates])
    notetype_changed = held.notetype is not None and held.notetype != wanted
    restore: list[str] = []
    for note in deck.notes:
        stored = held.notes.get(note.guid)
        if stored is not None and RETIRED_TAG in stored.tags and _in_deck(held, stored, -1):
            restore.append(note.id)
        if stored is None:
            new.append(note.id)
        elif _same(note, stored, deck.config.model_id):
            unchanged.append(note.id)
            if not notetype_changed:
                continue
        else:
            updated.append(note.id)
        shipped.append(note)
        newest = max(newest, stored.mod if stored else 0)
    retire: list[str] = []
    suspended: list[str] = []
    gone: list[Note] = []
    for note in deck.retired:
        stored = held.notes.get(note.guid)
        if stored is None or stored.notetype != deck.config.model_id:
            continue  # never imported (or not citedeck's): nothing to retire
        cards = [queue for did, queue in held.cards.get(stored.id, []) if did in held.decks]
        if not cards:
            continue  # moved out of the deck: not ours to touch
        if delete or any(queue != -1 for queue in cards):
            retire.append(note.id)
        else:
            suspended.append(note.id)
        if notetype_changed or not _same(note, stored, deck.config.model_id):
            gone.append(note)
            newest = max(newest, stored.mod)
    deck_shipped = Deck(shipped, deck.sources, deck.config, gone)
    return Plan(
        new,
        updated,
        unchanged,
        retire,
        suspended,
        restore,
        notetype_changed,
        delete,
        deck_shipped,
        newest,
    )


def _in_deck(held: Held, stored: StoredNote, queue: int) -> bool:
    """Whether the note has a card in the deck (or a subdeck) in `queue` (-1: suspended)."""
    return any(
        did in held.decks and queued == queue for did, queued in held.cards.get(stored.id, [])
    )


def _same(note: Note, stored: StoredNote, model_id: int) -> bool:
    fields = unicodedata.normalize("NFC", FIELD_SEPARATOR.join(note.fields))
    return (
        stored.notetype == model_id
        and stored.fields == fields
        and stored.tags == frozenset(tag.casefold() for tag in note.tags)
    )


@dataclass(frozen=True)
class Synced:
    """What a sync did: the import's counts, and how many retired cards' notes it suspended
    or deleted; where the backup went."""

    new: int
    updated: int
    retired: int
    backup: Path | None  # None: nothing was written, so nothing backed up


def library_schema() -> int:
    """The schema version the anki library writes: that of a collection it makes afresh."""
    from anki.collection import Collection

    with tempfile.TemporaryDirectory(prefix="citedeck-") as folder:
        col = Collection(os.path.join(folder, COLLECTION))
        try:
            assert col.db is not None
            return int(col.db.scalar("SELECT ver FROM col"))
        finally:
            col.close()


def import_anki() -> Any:
    """The anki library's collection module; SyncRefused saying what to install without it."""
    try:
        import anki.collection
    except ImportError as exc:
        raise SyncRefused(
            f"citedeck sync needs Anki's Python library: {INSTALL} (or pip install anki)"
        ) from exc
    return anki.collection


def plan_for(
    result: CheckResult,
    collection: Path,
    timestamp: float,
    delete: bool = False,
    upgrade: bool = False,
    dry_run: bool = False,
) -> Plan:
    """The plan of syncing the deck `result` proved into `collection` at `timestamp`. With
    `upgrade` (and not `dry_run`), a collection of an older schema is upgraded first. Raises
    SyncRefused."""
    module = import_anki()
    ledger = shipped_ledger(result, timestamp)
    deck = proven_deck(result, ledger)
    schema = library_schema()
    try:
        held = read_collection(collection, deck, schema)
    except SchemaOlder as exc:
        if not upgrade:
            raise SyncRefused(str(exc)) from exc
        if dry_run:
            raise SyncRefused(
                f"{exc.found}: a dry run cannot read it without upgrading it; nothing was written"
            ) from exc
        _open(module, collection).close()  # the upgrade, asked for
        held = read_collection(collection, deck, schema)
    return replace(plan_sync(deck, held, delete), ledger=ledger)


def _open(module: Any, collection: Path) -> Any:
    from anki.errors import DBError

    try:
        return module.Collection(str(collection))
    except DBError as exc:
        raise SyncRefused(ANKI_OPEN) from exc


def run_sync(
    result: CheckResult,
    project: Project,
    collection: Path,
    plan: Plan,
    timestamp: float,
) -> Synced:
    """Carry out `plan`: back the collection up, import the changed notes, suspend or delete
    the retired ones, then write the project's ledger. Raises SyncRefused when Anki has the
    collection open."""
    ledger = plan.ledger if plan.ledger is not None else shipped_ledger(result, timestamp)
    if not plan.writes:
        write_ledger(project, ledger)
        return Synced(0, 0, 0, None)
    module = import_anki()
    col = _open(module, collection)
    backup = collection.parent / "backups"
    try:
        backup.mkdir(exist_ok=True)
        col.create_backup(backup_folder=str(backup), force=True, wait_for_completion=True)
        new = updated = 0
        assert plan.shipped is not None
        if plan.shipped.notes or plan.shipped.retired:
            with _scratch() as package:
                stamp = max(timestamp, plan.newest + 1)
                build_package(plan.shipped, package, stamp)
                request = module.ImportAnkiPackageRequest(
                    package_path=str(package), options=module.ImportAnkiPackageOptions()
                )
                log = col.import_anki_package(request).log
                new, updated = len(log.new), len(log.updated)
        retired = _retire(col, plan, result.config)
    finally:
        col.close()
    write_ledger(project, ledger)
    return Synced(new, updated, retired, backup)


def _retire(col: Any, plan: Plan, config: DeckConfig | None) -> int:
    """Suspend (or delete) the cards of the retired notes in the deck: only notes of the deck's
    note type, only their cards in the deck or its subdecks."""
    import genanki

    assert config is not None
    top = col.decks.id_for_name(config.name)
    decks = set(col.decks.deck_and_child_ids(top)) if top else set()

    def cards_of(keys: list[str]) -> list[tuple[int, int, int]]:
        """(card, note, deck) of the notes of `keys` of the deck's note type."""
        guids = [genanki.guid_for(config.guid_namespace, key) for key in keys]
        marks = ",".join("?" * len(guids))
        return [
            tuple(row)
            for row in col.db.all(
                "SELECT c.id, c.nid, c.did FROM cards c JOIN notes n ON n.id = c.nid "
                f"WHERE n.mid = ? AND n.guid IN ({marks})",
                config.model_id,
                *guids,
            )
        ]

    if plan.restore:
        col.sched.unsuspend_cards([cid for cid, _, did in cards_of(plan.restore) if did in decks])
    if not plan.retire:
        return 0
    rows = cards_of(plan.retire)
    if plan.delete:
        outside = {nid for _, nid, did in rows if did not in decks}
        notes = sorted({nid for _, nid, did in rows if nid not in outside})
        col.remove_notes(notes)
        return len(notes)
    cards = [cid for cid, _, did in rows if did in decks]
    col.sched.suspend_cards(cards)
    return len({nid for _, nid, did in rows if did in decks})


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="citedeck-sync-") as folder:
        yield Path(folder) / "citedeck.apkg"


def format_plan(plan: Plan, collection: str) -> str:
    """The plan as sync prints it: what each card's note will become, with ids."""
    action = "to delete" if plan.delete else "to suspend"
    rows = [
        ("new", plan.new, True),
        ("updated", plan.updated, True),
        ("unchanged", plan.unchanged, False),
        (f"retired, {action}", plan.retire, True),
        ("retired, already suspended", plan.suspended, True),
        ("restored, to unsuspend", plan.restore, True),
    ]
    lines = [f"sync into {collection}:"]
    for label, ids, named in rows:
        if ids or label in ("new", "updated", "unchanged"):
            lines.append(f"  {label}: {len(ids)}{_named(ids) if named else ''}")
    if plan.notetype_changed:
        lines.append("  note type: its templates or CSS changed; updated in place")
    return "\n".join(lines) + "\n"


def _named(ids: list[str], most: int = 10) -> str:
    if not ids:
        return ""
    shown = ", ".join(ids[:most])
    more = f", and {len(ids) - most} more" if len(ids) > most else ""
    return f" ({shown}{more})"
