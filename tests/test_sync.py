"""citedeck sync into real Anki collections: the plan, the import, retired cards suspended or
deleted and nothing else touched, and every refusal leaving the collection as it was."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import anki.collection  # noqa: F401  (must be imported before anki.cards)
import pytest
from anki.collection import Collection
from click.testing import CliRunner
from conftest import LP_CARDS, TWO_SOURCE_CARDS, import_into_anki
from test_lifecycle import GPUS, WITHOUT_GPUS, history, study

from citedeck.cli import main
from citedeck.commands.sync import SyncRefused, anki_data_folder, find_collection

EPOCH = "1765065600"  # 2025-12-07


def fresh(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Collection(str(path)).close()
    return path


def sync(root: Path, collection: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main,
        ["sync", "--root", str(root), "--collection", str(collection), *args],
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )


def plan(collection: Path, *lines: str) -> str:
    return f"sync into {collection.as_posix()}:\n" + "".join(f"  {line}\n" for line in lines)


def done(collection: Path, *lines: str) -> str:
    return f"backed up the collection into {collection.parent.as_posix()}/backups\n" + "".join(
        f"{line}\n" for line in lines
    )


def test_first_sync_then_nothing_to_do(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "User 1" / "collection.anki2")
    result = sync(root, collection)
    assert (result.exit_code, result.output) == (0, (
        plan(collection, "new: 2 (lp-gpus, lp-founder)", "updated: 0", "unchanged: 0")
        + done(collection, "imported: 2 new, 0 updated")
    ))
    assert len(list((collection.parent / "backups").iterdir())) == 1
    assert (root / "shipped-cards.txt").exists()
    result = sync(root, collection)
    assert (result.exit_code, result.output) == (0, (
        plan(collection, "new: 0", "updated: 0", "unchanged: 2")
        + "the collection is up to date: nothing was written\n"
    ))
    col = Collection(str(collection))
    try:
        assert col.note_count() == 2
    finally:
        col.close()


def test_an_edit_and_a_rename_update_their_notes_keeping_history(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    sync(root, collection)
    col = Collection(str(collection))
    note_id, card_id = study(col, "lp-gpus")
    col.close()
    renamed = LP_CARDS.replace(GPUS, "  - id: lp-h800s\n    was: lp-gpus\n")
    deck(lp=renamed.replace("Which hedge fund manager", "Which fund manager"))
    result = sync(root, collection)
    assert result.output == plan(
        collection, "new: 0", "updated: 2 (lp-h800s, lp-founder)", "unchanged: 0"
    ) + done(collection, "imported: 0 new, 2 updated")
    col = Collection(str(collection))
    try:
        assert col.note_count() == 2
        assert col.find_notes('"CardId:lp-h800s"') == [note_id]
        assert history(col, card_id) == 1
    finally:
        col.close()


def snapshot(collection: Path, but: set[str]) -> list[tuple[object, ...]]:
    """Every note and card of the collection but those of the card ids `but`."""
    with sqlite3.connect(collection) as db:
        rows = db.execute(
            "SELECT n.id, n.guid, n.mid, n.mod, n.tags, n.flds, c.id, c.did, c.queue, c.mod "
            "FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.id"
        ).fetchall()
    return [row for row in rows if not any(f"\x1f{key}\x1f" in row[5] for key in but)]


def crowded(tmp_path: Path, deck) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A collection holding another deck's note and a second citedeck deck (its own
    citedeck.toml, the same cards): and the deck project to sync."""
    collection = fresh(tmp_path / "collection.anki2")
    col = Collection(str(collection))
    other = col.decks.id("Other")
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "lp-gpus", "not citedeck's"
    col.add_note(note, other)
    col.close()
    second = tmp_path / "second"
    (second / "cards").mkdir(parents=True)
    (second / "cards" / "lp.yaml").write_text(LP_CARDS, encoding="utf-8")
    (second / "citedeck.toml").write_text(
        '[deck]\nname = "Second"\ndeck_id = 1472455319\nmodel_id = 1625104058\n'
        'guid_namespace = "citedeck-1472455319"\n',
        encoding="utf-8",
    )
    root = deck(lp=LP_CARDS)
    (second / "seeds").symlink_to(root / "seeds")
    package = tmp_path / "second.apkg"
    assert CliRunner().invoke(main, ["build", "--root", str(second), "-o", str(package)]).exit_code == 0
    import_into_anki(collection, package)[0].close()
    return root, collection


def test_a_removed_card_is_suspended_then_deleted_and_nothing_else_is_touched(deck, tmp_path: Path) -> None:
    root, collection = crowded(tmp_path, deck)
    sync(root, collection)
    col = Collection(str(collection))
    [note_id] = col.find_notes('"CardId:lp-gpus" "deck:DeepSeek and China\'s AI Talent"')
    card = col.get_note(note_id).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    card_id = card.id
    col.close()
    others = snapshot(collection, but=set())
    others = [row for row in others if row[0] != note_id]
    deck(lp=WITHOUT_GPUS)
    result = sync(root, collection)
    assert (result.exit_code, result.output) == (0, (
        plan(collection, "new: 0", "updated: 0", "unchanged: 1", "retired, to suspend: 1 (lp-gpus)")
        + done(collection, "imported: 0 new, 1 updated", "suspended 1 retired card")
    ))
    col = Collection(str(collection))
    try:
        assert col.get_card(card_id).queue == -1
        assert col.get_note(note_id).tags == ["citedeck::retired"]
        assert history(col, card_id) == 1
    finally:
        col.close()
    assert [row for row in snapshot(collection, but=set()) if row[0] != note_id] == others
    result = sync(root, collection, "--delete-retired")
    assert (result.exit_code, result.output) == (0, (
        plan(collection, "new: 0", "updated: 0", "unchanged: 1", "retired, to delete: 1 (lp-gpus)")
        + done(collection, "imported: 0 new, 0 updated", "deleted 1 retired card")
    ))
    col = Collection(str(collection))
    try:
        assert col.find_notes(f"nid:{note_id}") == []
        assert col.note_count() == 4  # another deck's note, the second deck's two, our lp-founder
    finally:
        col.close()
    assert snapshot(collection, but=set()) == others


def test_a_retired_card_restored_is_a_card_again_with_its_history(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    sync(root, collection)
    col = Collection(str(collection))
    note_id, card_id = study(col, "lp-gpus")
    studied = col.get_card(card_id).queue
    col.close()
    deck(lp=WITHOUT_GPUS)
    sync(root, collection)
    deck(lp=LP_CARDS)
    result = sync(root, collection)
    assert result.output == plan(
        collection, "new: 0", "updated: 1 (lp-gpus)", "unchanged: 1", "restored, to unsuspend: 1 (lp-gpus)"
    ) + done(collection, "imported: 0 new, 1 updated", "unsuspended 1 restored card")
    col = Collection(str(collection))
    try:
        card = col.get_card(card_id)
        assert (card.queue, card.reps, history(col, card_id)) == (studied, 1, 1)
        assert "citedeck::retired" not in col.get_note(note_id).tags
    finally:
        col.close()
    assert (root / "shipped-cards.txt").read_text(encoding="utf-8").endswith("lp-founder\nlp-gpus\n")


def test_an_open_collection_is_refused_and_nothing_is_written(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    holder = Collection(str(collection))  # as Anki holds it while it runs
    try:
        before = collection.read_bytes()
        result = sync(root, collection)
        assert (result.exit_code, result.output) == (1, (
            plan(collection, "new: 2 (lp-gpus, lp-founder)", "updated: 0", "unchanged: 0")
            + "Error: the collection is open in Anki (or its media are syncing): close Anki, "
            "then sync again; nothing was written\n"
        ))
        assert collection.read_bytes() == before
        assert not (collection.parent / "backups").exists()
        assert not (root / "shipped-cards.txt").exists()
        assert holder.note_count() == 0
    finally:
        holder.close()


def test_a_dry_run_leaves_the_collection_byte_for_byte(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    sync(root, collection)
    deck(lp=WITHOUT_GPUS)
    files = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
    ledger = (root / "shipped-cards.txt").read_bytes()
    result = sync(root, collection, "--dry-run", "--delete-retired")
    assert (result.exit_code, result.output) == (0, (
        plan(collection, "new: 0", "updated: 0", "unchanged: 1", "retired, to delete: 1 (lp-gpus)")
        + "dry run: nothing was written\n"
    ))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()} == files
    assert (root / "shipped-cards.txt").read_bytes() == ledger


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (19, ("the collection's schema (19) is newer than the anki library here supports (18): "
              "upgrade it (pip install -U anki); nothing was written")),
        (17, ("the collection's schema (17) is older than the anki library's (18): a sync would "
              "upgrade it, and the Anki that made it might no longer open it; update Anki, or "
              "sync with --upgrade-schema; nothing was written")),
    ],
)
def test_another_schema_is_refused(deck, tmp_path: Path, version: int, message: str) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    with sqlite3.connect(collection) as db:
        db.execute("UPDATE col SET ver = ?", (version,))
    db.close()
    before = collection.read_bytes()
    result = sync(root, collection)
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    assert collection.read_bytes() == before


def test_an_older_schema_is_upgraded_only_when_asked(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    with sqlite3.connect(collection) as db:
        db.execute("UPDATE col SET ver = 17")
    db.close()
    result = sync(root, collection, "--upgrade-schema")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(collection) as db:
        assert db.execute("SELECT ver FROM col").fetchone() == (18,)
    db.close()


def test_without_anki_sync_says_what_to_install(deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "anki.collection", None)
    result = sync(deck(lp=LP_CARDS), tmp_path / "collection.anki2")
    assert (result.exit_code, result.output) == (1, (
        "Error: citedeck sync needs Anki's Python library: pip install 'citedeck[sync]' "
        "(or pip install anki)\n"
    ))


def test_the_data_folder_is_ankis_own_on_each_platform() -> None:
    env = {"HOME": "/home/ada", "APPDATA": "C:/Users/ada/AppData/Roaming"}
    assert anki_data_folder("linux", env) == Path("/home/ada/.local/share/Anki2")
    assert anki_data_folder("linux", {**env, "XDG_DATA_HOME": "/data"}) == Path("/data/Anki2")
    assert anki_data_folder("darwin", env) == Path("/home/ada/Library/Application Support/Anki2")
    assert anki_data_folder("win32", env) == Path("C:/Users/ada/AppData/Roaming/Anki2")


def test_a_profile_is_found_by_name_or_as_the_only_one(tmp_path: Path) -> None:
    data = tmp_path / "Anki2"
    with pytest.raises(SyncRefused, match=r"^no Anki profile in .*: give the collection with --collection PATH$"):
        find_collection(None, None, data)
    fresh(data / "User 1" / "collection.anki2")
    (data / "addons21").mkdir()
    assert find_collection(None, None, data) == data / "User 1" / "collection.anki2"
    fresh(data / "Ada" / "collection.anki2")
    with pytest.raises(SyncRefused) as refused:
        find_collection(None, None, data)
    assert str(refused.value) == f"2 Anki profiles in {data} (Ada, User 1): choose one with --profile NAME"
    assert find_collection(None, "Ada", data) == data / "Ada" / "collection.anki2"
    with pytest.raises(SyncRefused) as refused:
        find_collection(None, "Bob", data)
    assert str(refused.value) == f"no Anki profile 'Bob' in {data} (profiles there: Ada, User 1)"


def test_collection_and_profile_together_are_a_usage_error(deck, tmp_path: Path) -> None:
    result = sync(deck(lp=LP_CARDS), tmp_path / "c.anki2", "--profile", "Ada")
    assert result.exit_code == 2
    assert result.output.endswith("Error: give --collection or --profile, not both\n")


def test_subdecks_and_a_new_template_sync_in_place(deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = deck(two=TWO_SOURCE_CARDS)
    collection = fresh(tmp_path / "collection.anki2")
    sync(root, collection)
    from citedeck.output import package

    template = package._template
    monkeypatch.setattr(package, "_template", lambda name: template(name) + ("\n.x {}\n" if name == "style.css" else ""))
    result = sync(root, collection)
    assert result.output == plan(
        collection, "new: 0", "updated: 0", "unchanged: 2", "note type: its templates or CSS changed; updated in place"
    ) + done(collection, "imported: 0 new, 2 updated")
    col = Collection(str(collection))
    try:
        assert [m["name"] for m in col.models.all() if m["name"].startswith("citedeck")] == ["citedeck card"]
        assert col.models.by_name("citedeck card")["css"].endswith("\n.x {}\n")
    finally:
        col.close()


def test_the_readmes_sync_transcript(deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_readme_sections import blocks, transcript

    [block] = blocks("Keeping Anki in step", "console")
    args, output = transcript(block)
    home = tmp_path / "home" / "ada"
    collection = fresh(home / ".local" / "share" / "Anki2" / "User 1" / "collection.anki2")
    root = deck(lp=LP_CARDS)
    sync(root, collection)
    renamed = LP_CARDS.replace(GPUS, "  - id: lp-h800s\n    was: lp-gpus\n")
    deck(lp=renamed.split("  - id: lp-founder\n")[0])  # and lp-founder removed
    monkeypatch.chdir(root)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0
    assert result.output == output.replace("/home/ada", home.as_posix())
