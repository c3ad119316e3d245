"""subdecks = true: a subdeck per source, with ids fixed by the deck and the source; and what
real Anki does with cards already studied when a deck is rebuilt with subdecks."""

from __future__ import annotations

from pathlib import Path

import anki.collection  # noqa: F401  (must be imported before anki.cards)
from conftest import TWO_SOURCE_CARDS as CARDS
from conftest import import_into_anki, proven

from citedeck.commands.check import check_project
from citedeck.load.catalogue import Catalogue, Source
from citedeck.load.config import name_problem
from citedeck.load.identity import DeckConfig
from citedeck.load.project import Project
from citedeck.output.package import build_package, package_contents, subdeck_id, subdeck_names
from citedeck.text.fold import FoldedText

CONFIG = DeckConfig("Reading list", 1472455319, 1625104058, "citedeck-1472455319", subdecks=True)
NEW_CARD = """\
  - id: bb-talent
    source: bloomberg
    type: source
    question: Which opinion column said China could yet trump the US in the scramble for AI talent?
    answer: Bloomberg Opinion
    quote: "China could yet trump the US in a global scramble for AI talent"
"""
NYT = "Reading list::What DeepSeek’s Success Says About China’s Ability to Nurture Talent"


def source(key: str, title: str | None = None, publisher: str | None = None) -> Source:
    return Source(key, f"{key}.txt", title=title, publisher=publisher, text=FoldedText.of("text"))


def test_a_subdeck_is_named_for_its_source_title_else_publisher_else_key() -> None:
    catalogue = Catalogue(
        [
            source("a", "A Title", "A Press"),
            source("b", None, "B Press"),
            source("c"),
            source("d", "Same  title"),
            source("e", "Same title"),
            source("f", "Part one :: part two"),
            source("g", "one:::two"),
            source("h", "::::"),
        ]
    )
    assert subdeck_names(CONFIG, catalogue.sources) == {
        "a": "Reading list::A Title",
        "b": "Reading list::B Press",
        "c": "Reading list::c",
        "d": "Reading list::Same title (d)",
        "e": "Reading list::Same title (e)",
        "f": "Reading list::Part one : part two",
        # No run of colons nests a deck, nor leaves a part between '::' empty.
        "g": "Reading list::one:two",
        "h": "Reading list:::",
    }
    assert all(name_problem(name) is None for name in subdeck_names(CONFIG, catalogue.sources).values())


def test_subdeck_ids_are_fixed_by_the_deck_and_the_source() -> None:
    assert subdeck_id(1472455319, "nyt") == subdeck_id(1472455319, "nyt") == 1191296009
    assert subdeck_id(1472455319, "bloomberg") == 1870183692
    assert subdeck_id(1786951981, "nyt") == 1184874560
    assert all((1 << 30) <= subdeck_id(1472455319, k) < (1 << 31) for k in ("a", "b", "nyt"))


def test_package_contents_file_each_card_under_its_source(deck) -> None:
    result = check_project(Project(deck(c=CARDS)))
    assert result.ok, result.diagnostics
    contents = package_contents(proven(result, CONFIG))
    assert [(d.deck_id, d.name) for d in contents.decks] == [
        (1472455319, "Reading list"),
        (subdeck_id(1472455319, "liang-profile"), "Reading list::liang-profile"),
        (subdeck_id(1472455319, "nyt"), NYT),
    ]
    assert [(n.deck_id, n.note.id) for n in contents.notes] == [
        (subdeck_id(1472455319, "liang-profile"), "lp-founder"),
        (subdeck_id(1472455319, "nyt"), "nyt-stem"),
    ]
    flat = package_contents(proven(result, DeckConfig()))
    assert [d.name for d in flat.decks] == ["DeepSeek and China's AI Talent"]
    assert [(n.deck_id, n.note.id) for n in flat.notes] == [(1786951981, "lp-founder"), (1786951981, "nyt-stem")]


def deck_of(col, card_id: str) -> str:  # type: ignore[no-untyped-def]
    card = col.get_card(col.find_cards(f'"CardId:{card_id}"')[0])
    return col.decks.name(card.did)


def test_a_fresh_import_files_cards_in_subdecks(deck, tmp_path: Path) -> None:
    result = check_project(Project(deck(c=CARDS)))
    out = tmp_path / "d.apkg"
    build_package(proven(result, CONFIG), out, 1_700_000_000)
    col, log = import_into_anki(tmp_path / "c.anki2", out)
    try:
        assert len(log.new) == 2
        assert deck_of(col, "lp-founder") == "Reading list::liang-profile"
        assert deck_of(col, "nyt-stem") == NYT
        # A subdeck's overview names its own article.
        assert col.decks.by_name("Reading list::liang-profile")["desc"] == (
            "<p>Every card is proven against this article, and its back cites it.</p>"
            '<ul><li><span class="name unnamed">an article that names no title, publisher or '
            'author</span> · <span class="where">seeds/004_ebb659519f0ddc96.txt</span></li></ul>'
        )
    finally:
        col.close()


def test_turning_subdecks_on_keeps_history_and_the_cards_where_they_are(deck, tmp_path: Path) -> None:
    """Anki keeps an updated card in the deck it is in (so a learner's own moves survive an
    update): switching subdecks on files only new cards under their sources. Moving the old
    ones (Browse → Change Deck, here col.set_deck) keeps their history too."""
    root = deck(c=CARDS)
    flat = DeckConfig("Reading list", 1472455319, 1625104058, "citedeck-1472455319")
    result = check_project(Project(root))
    build_package(proven(result, flat), tmp_path / "v1.apkg", 1_700_000_000)
    col, log = import_into_anki(tmp_path / "c.anki2", tmp_path / "v1.apkg")
    try:
        assert len(log.new) == 2
        card = col.get_card(col.find_cards('"CardId:nyt-stem"')[0])
        card.start_timer()
        col.sched.answerCard(card, 3)
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    finally:
        col.close()

    (root / "cards" / "c.yaml").write_text(CARDS + NEW_CARD, encoding="utf-8")
    result = check_project(Project(root))
    assert result.ok, result.diagnostics
    build_package(proven(result, CONFIG), tmp_path / "v2.apkg", 1_700_000_500)
    col, log = import_into_anki(tmp_path / "c.anki2", tmp_path / "v2.apkg")
    try:
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (1, 2, 0)
        assert col.note_count() == 3
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        assert col.get_card(card.id).reps == 1
        assert deck_of(col, "nyt-stem") == "Reading list"
        assert deck_of(col, "lp-founder") == "Reading list"
        assert deck_of(col, "bb-talent") == (
            "Reading list::China could yet trump the US in a global scramble for AI talent"
        )
        col.set_deck([card.id], col.decks.id_for_name(NYT))  # type: ignore[arg-type]
        assert deck_of(col, "nyt-stem") == NYT
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        assert col.get_card(card.id).reps == 1
    finally:
        col.close()

    # A later update keeps the moved card where it now is, history and all.
    build_package(proven(result, CONFIG), tmp_path / "v3.apkg", 1_700_001_000)
    col, log = import_into_anki(tmp_path / "c.anki2", tmp_path / "v3.apkg")
    try:
        assert col.note_count() == 3
        assert deck_of(col, "nyt-stem") == NYT
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    finally:
        col.close()
