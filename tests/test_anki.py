"""The built package in real Anki: import, render, study, edit, rebuild, re-import."""

from __future__ import annotations

import html
import itertools
import os
import sqlite3
import zipfile
from pathlib import Path

import anki.collection  # noqa: F401  (must be imported before anki.cards)
import genanki
import pytest
from conftest import REPO, TWO_SOURCE_CARDS, import_into_anki, proven

from citedeck.commands.check import check_project
from citedeck.load.identity import FIELDS, GUID_NAMESPACE
from citedeck.load.project import Project
from citedeck.output.package import build_package

CARD = """\
source: liang-profile
tags: [compute]
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek say it trained on <script>alert(1)</script>?
    answer: "{answer}"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
    note: Export controls <b>limited</b> chips.
  - id: lp-founder
    type: who
    question: Which hedge fund manager founded DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
"""


def build(root: Path, out: Path, timestamp: float) -> None:
    result = check_project(Project(root))
    assert result.ok, result.diagnostics
    build_package(proven(result), out, timestamp)


def test_shipped_deck_imports_and_renders(tmp_path: Path) -> None:
    result = check_project(Project(REPO))
    assert result.ok and result.warnings == 0, result.diagnostics
    out = tmp_path / "citedeck.apkg"
    build_package(proven(result), out, 1_700_000_000)
    col, log = import_into_anki(tmp_path / "c.anki2", out)
    try:
        assert len(log.new) == len(result.cards) >= 30
        assert col.note_count() == len(result.cards)
        card = result.cards[0]
        note = col.get_note(col.find_notes(f'"CardId:{card.id}"')[0])
        rendered = note.cards()[0].render_output()
        back = rendered.answer_text
        assert f'<div class="answer">{html.escape(card.answer)}</div>' in back
        assert "<blockquote class=\"quote\">" in back
        source = result.sources[card.source]
        assert f"seeds/{source.file}, line " in back
        if source.title:
            assert f'<span class="title">{html.escape(source.title)}</span>' in back
        assert ".quote" in rendered.css
    finally:
        col.close()


def test_back_holds_answer_quote_citation_and_escapes_html(deck, tmp_path: Path) -> None:
    root = deck(lp=CARD.format(answer="2,048"))
    out = tmp_path / "d.apkg"
    build(root, out, 1_700_000_000)
    col, log = import_into_anki(tmp_path / "c.anki2", out)
    try:
        assert len(log.new) == 2
        note = col.get_note(col.find_notes('"CardId:lp-gpus"')[0])
        assert note.guid == genanki.guid_for(GUID_NAMESPACE, "lp-gpus")
        # The GUID is the card id's alone, the same in every build: learners' collections hold it.
        founder = col.get_note(col.find_notes('"CardId:lp-founder"')[0])
        assert founder.guid == genanki.guid_for("citedeck", "lp-founder") == "mzs^Aoa>rQ"
        assert sorted(note.tags) == ["compute", "source::liang-profile", "type::figure"]
        card = note.cards()[0]
        assert col.decks.name(card.did) == "DeepSeek and China's AI Talent"
        out_html = card.render_output()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out_html.question_text
        assert "<script>" not in out_html.question_text
        back = out_html.answer_text
        assert '<div class="answer">2,048</div>' in back
        assert (
            '<blockquote class="quote">DeepSeek claimed to have used just <mark>2,048</mark> '
            "Nvidia H800s</blockquote>" in back
        )
        assert '<span class="where">seeds/004_ebb659519f0ddc96.txt, line 20</span>' in back
        assert '<div class="note">Export controls &lt;b&gt;limited&lt;/b&gt; chips.</div>' in back
    finally:
        col.close()


def test_edit_and_reimport_updates_in_place_and_keeps_history(deck, tmp_path: Path) -> None:
    root = deck(lp=CARD.format(answer="2,048"))
    first = tmp_path / "v1.apkg"
    build(root, first, 1_700_000_000)
    col, _ = import_into_anki(tmp_path / "c.anki2", first)
    note_id = col.find_notes('"CardId:lp-gpus"')[0]
    card = col.get_note(note_id).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    col.close()

    (root / "cards" / "lp.yaml").write_text(CARD.format(answer="2048 GPUs"), encoding="utf-8")
    second = tmp_path / "v2.apkg"
    build(root, second, 1_700_000_500)
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(tmp_path / "c.anki2"))
    try:
        log = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(second), options=ImportAnkiPackageOptions())
        ).log
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 2, 0)
        assert col.note_count() == 2
        note = col.get_note(note_id)
        assert note["Answer"] == "2048 GPUs"
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        assert col.get_card(card.id).reps == 1
    finally:
        col.close()


def test_the_deck_overview_lists_the_articles_by_the_names_cards_use(deck, tmp_path: Path) -> None:
    root = deck(lp=CARD.format(answer="2,048"))
    out = tmp_path / "d.apkg"
    build(root, out, 1_700_000_000)
    col, _ = import_into_anki(tmp_path / "c.anki2", out)
    try:
        description = col.decks.by_name("DeepSeek and China's AI Talent")["desc"]
    finally:
        col.close()
    items = description.split("<li>")
    assert items[0] == (
        "<p>Every card is proven against one of these articles, and its back cites it.</p><ul>"
    )
    assert len(items) == 6
    assert items[2] == (
        '<span class="name">DeepSeek&#x27;s Comeback</span> · <span class="title">DeepSeek&#x27;s '
        "Comeback Amid Silicon Valley Talent Exodus</span> · <span class=\"where\">"
        "seeds/001_290cb6f758a64024.txt</span></li>"
    )
    assert items[4] == (
        '<span class="name">The New York Times</span> · <span class="title">What DeepSeek’s Success Says About '
        'China’s Ability to Nurture Talent</span> · <span class="publisher">The New York '
        'Times</span> · <span class="author">by Vivian Wang</span> · <span class="where">'
        "seeds/003_ab8ac3ee00bb6825.txt</span></li>"
    )
    assert items[5] == (
        '<span class="name unnamed">an article that names no title, publisher or author</span> · '
        '<span class="where">seeds/004_ebb659519f0ddc96.txt</span></li></ul>'
    )


def test_note_type_is_fixed(tmp_path: Path, deck) -> None:
    root = deck(lp=CARD.format(answer="2,048"))
    out = tmp_path / "d.apkg"
    build(root, out, 1_700_000_000)
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "col.db").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "col.db") as db:
        mods = {row[0] for row in db.execute("select mod from notes")}
    assert mods == {1_700_000_000}
    assert FIELDS == ("Question", "Answer", "Quote", "Citation", "Source", "Note", "CardId", "Kind")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_zip_entries_carry_the_build_date(deck, tmp_path: Path) -> None:
    root = deck(lp=CARD.format(answer="2,048"))
    out = tmp_path / "d.apkg"
    build(root, out, 1_700_000_000)
    with zipfile.ZipFile(out) as archive:
        assert [(i.filename, i.date_time) for i in archive.infolist()] == [
            ("collection.anki2", (2023, 11, 14, 22, 13, 20)),
            ("media", (2023, 11, 14, 22, 13, 20)),
        ]


# Cards of two sources in turn: with subdecks genanki numbers the notes deck by deck, not in
# card order, and citedeck must too.
INTERLEAVED = TWO_SOURCE_CARDS + """\
  - id: lp-gpus
    source: liang-profile
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,048"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
"""


@pytest.mark.parametrize("subdecks", [False, True])
@pytest.mark.parametrize("which", ["repository", "interleaved"])
def test_the_collection_holds_what_genanki_writes(tmp_path: Path, deck, subdecks: bool, which: str) -> None:
    # citedeck inserts the notes and cards itself, all at once: every row, id and all, and
    # the decks and note types, must be what genanki's own writer makes of the same notes,
    # each added to its deck in card order.
    from citedeck.load.identity import DeckConfig
    from citedeck.output.package import _write_collection, package_contents, subdeck_id

    result = check_project(Project(REPO if which == "repository" else deck(c=INTERLEAVED)))
    config = DeckConfig(subdecks=subdecks)
    proof = proven(result, config)
    contents = package_contents(proof)
    timestamp = 1_700_000_000

    def by_genanki(cursor: sqlite3.Cursor) -> None:
        decks = {}
        for made in contents.decks:
            decks[made.deck_id] = genanki.Deck(made.deck_id, made.name, description=made.description)
            decks[made.deck_id].add_model(contents.model)
        for note in proof.notes:
            deck_id = subdeck_id(config.deck_id, note.source) if subdecks else config.deck_id
            guid = genanki.guid_for(config.guid_namespace, note.id)
            decks[deck_id].add_note(genanki.Note(contents.model, note.fields, tags=note.tags, guid=guid))
        genanki.Package(list(decks.values())).write_to_db(cursor, timestamp, itertools.count(timestamp * 1000))

    tables = {}
    for name, write in (("genanki", by_genanki), ("citedeck", lambda c: _write_collection(c, contents, timestamp))):
        connection = sqlite3.connect(tmp_path / f"{name}.anki2")
        try:
            write(connection.cursor())
            tables[name] = {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("col", "notes", "cards")
            }
            # The same indexes too (citedeck builds those on notes and cards after their rows).
            tables[name]["indexes"] = connection.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
            ).fetchall()
        finally:
            connection.close()
    assert len(tables["citedeck"]["notes"]) == len(tables["citedeck"]["cards"]) == len(result.cards)
    assert len(tables["citedeck"]["indexes"]) == 7
    assert tables["citedeck"] == tables["genanki"]
