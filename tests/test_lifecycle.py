"""A deck's life in real Anki: renames keep their note and its history, removed cards are
retired (the note updated to say so, tagged), a retired card restored is a card again, and a
new template or CSS updates the note type in place."""

from __future__ import annotations

from pathlib import Path

import anki.collection  # noqa: F401  (must be imported before anki.cards)
import pytest
from click.testing import CliRunner
from conftest import LP_CARDS, import_into_anki

from citedeck.cli import main

FIRST = 1_765_065_600  # 2025-12-07
GPUS = "  - id: lp-gpus\n"
WITHOUT_GPUS = LP_CARDS.split(GPUS)[0] + "  - id: lp-founder\n" + LP_CARDS.split("  - id: lp-founder\n")[1]


def build(root: Path, out: Path, epoch: int) -> None:
    result = CliRunner().invoke(
        main, ["build", "--root", str(root), "-o", str(out)], env={"SOURCE_DATE_EPOCH": str(epoch)}
    )
    assert result.exit_code == 0, result.output


def imported(root: Path, collection: Path, epoch: int):  # type: ignore[no-untyped-def]
    """Build the deck at `root` dated `epoch` and import it into `collection`: (col, log)."""
    package = root.parent / f"deck-{epoch}.apkg"
    build(root, package, epoch)
    return import_into_anki(collection, package)


def study(col, card_id: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Answer the card of `card_id` once ("good"); its note's id and the card's id."""
    note_id = col.find_notes(f'"CardId:{card_id}"')[0]
    card = col.get_note(note_id).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    return note_id, card.id


def history(col, card_id: int) -> int:  # type: ignore[no-untyped-def]
    return col.db.scalar("select count() from revlog where cid = ?", card_id)


def test_a_rename_keeps_the_note_and_its_review_history(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = tmp_path / "c.anki2"
    col, _ = imported(root, collection, FIRST)
    note_id, card_id = study(col, "lp-gpus")
    col.close()
    deck(lp=LP_CARDS.replace(GPUS, "  - id: lp-h800s\n    was: lp-gpus\n"))
    col, log = imported(root, collection, FIRST + 100)
    try:
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 2, 0)
        assert col.note_count() == 2
        assert col.find_notes('"CardId:lp-h800s"') == [note_id]
        assert history(col, card_id) == 1 and col.get_card(card_id).reps == 1
    finally:
        col.close()
    # Renamed again, the whole chain listed: still the same note.
    deck(lp=LP_CARDS.replace(GPUS, "  - id: lp-chips\n    was: [lp-gpus, lp-h800s]\n"))
    col, log = imported(root, collection, FIRST + 200)
    try:
        assert (len(log.new), col.note_count()) == (0, 2)
        assert col.find_notes('"CardId:lp-chips"') == [note_id]
    finally:
        col.close()


def test_a_removed_card_is_retired_and_a_restored_one_is_a_card_again(deck, tmp_path: Path) -> None:
    root = deck(lp=LP_CARDS)
    collection = tmp_path / "c.anki2"
    col, _ = imported(root, collection, FIRST)
    note_id, card_id = study(col, "lp-gpus")
    col.close()

    deck(lp=WITHOUT_GPUS)
    col, log = imported(root, collection, FIRST + 100)
    try:
        assert (len(log.new), len(log.updated), col.note_count()) == (0, 2, 2)
        # The studied card stays in its deck; the package files it in "Removed cards".
        assert col.decks.name(col.get_card(card_id).did) == "DeepSeek and China's AI Talent"
        note = col.get_note(note_id)
        assert note.tags == ["citedeck::retired"]
        assert col.find_notes("tag:citedeck::retired") == [note_id]
        rendered = col.get_card(card_id).render_output()
        assert "This card was removed from the deck on 2025-12-07." in rendered.question_text
        assert "Removed from the deck on 2025-12-07: delete this note, or leave it suspended." in (
            rendered.answer_text
        )
        assert note["CardId"] == "lp-gpus" and note["Kind"] == "Removed"
        assert history(col, card_id) == 1
        description = col.decks.by_name("DeepSeek and China's AI Talent")["desc"]
        assert description.endswith(
            "<p>Cards removed from the deck are tagged citedeck::retired: search "
            "<code>tag:citedeck::retired</code> in the browser to find them.</p>"
        )
    finally:
        col.close()

    # A learner new to the deck gets the removed card in a subdeck of its own, to delete at once.
    col, log = imported(root, tmp_path / "new.anki2", FIRST + 150)
    try:
        [removed] = col.find_cards("tag:citedeck::retired")
        assert col.decks.name(col.get_card(removed).did) == (
            "DeepSeek and China's AI Talent::Removed cards"
        )
        assert col.find_cards('"deck:DeepSeek and China\'s AI Talent::Removed cards"') == [removed]
    finally:
        col.close()

    deck(lp=LP_CARDS)
    col, log = imported(root, collection, FIRST + 200)
    try:
        assert (len(log.new), col.note_count()) == (0, 2)
        note = col.get_note(note_id)
        assert sorted(note.tags) == ["compute", "source::liang-profile", "type::figure"]
        assert note["Answer"] == "2,048"
        assert history(col, card_id) == 1 and col.get_card(card_id).reps == 1
    finally:
        col.close()


def test_a_new_template_and_css_update_the_note_type_in_place(
    deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = deck(lp=LP_CARDS)
    collection = tmp_path / "c.anki2"
    col, _ = imported(root, collection, FIRST)
    note_id, card_id = study(col, "lp-gpus")
    names = sorted(m["name"] for m in col.models.all())
    col.close()

    from citedeck.output import package

    template = package._template

    def next_version(name: str) -> str:
        text = template(name)
        if name == "style.css":
            return text + "\n.citedeck .kind { letter-spacing: 0.1em; }\n"
        if name == "front.html":
            return text.replace('<div class="kind">', '<div class="kind next">')
        return text

    monkeypatch.setattr(package, "_template", next_version)
    col, log = imported(root, collection, FIRST + 100)
    try:
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 2, 0)
        assert sorted(m["name"] for m in col.models.all()) == names  # no "citedeck card+"
        model = col.models.by_name("citedeck card")
        assert model["css"].endswith(".citedeck .kind { letter-spacing: 0.1em; }\n")
        assert '<div class="kind next">' in model["tmpls"][0]["qfmt"]
        assert col.get_note(note_id).mid == model["id"]
        assert '<div class="kind next">' in col.get_card(card_id).render_output().question_text
        assert history(col, card_id) == 1
    finally:
        col.close()
