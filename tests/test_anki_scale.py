"""A 1,000-card deck in real Anki: study some cards, edit the YAML, rebuild later, re-import.
Every card keeps its review history, edited notes change, and nothing is duplicated."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import anki.collection  # before anything imports anki.cards
import genanki
from click.testing import CliRunner
from conftest import REPO, import_into_anki

from citedeck.cli import main
from citedeck.load.identity import GUID_NAMESPACE

sys.path.insert(0, str(REPO / "benchmarks"))
import scale  # the benchmark's deck generator

CARDS = 1_000


def build(root: Path, out: Path, epoch: int) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)],
                                env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.exit_code == 0, result.output
    assert result.output == f"built {CARDS:,} cards from 10 sources into {out.as_posix()}\n".replace(",", "")


def history(col: anki.collection.Collection) -> dict[int, list[tuple[object, ...]]]:
    """Each card's review log, and its scheduling state, by card id."""
    state = {cid: [row] for cid, *row in col.db.all("select id, type, queue, due, ivl, factor, reps, lapses from cards")}
    for cid, *row in col.db.all("select cid, id, ease, ivl, lastIvl, factor, type from revlog order by id"):
        state[cid].append(tuple(row))
    return {cid: [tuple(r) for r in rows] for cid, rows in state.items()}


def test_rebuilt_deck_keeps_every_review_and_duplicates_nothing(tmp_path: Path) -> None:
    root = tmp_path / "deck"
    scale.generate(root, CARDS, 10)
    first, second = tmp_path / "v1.apkg", tmp_path / "v2.apkg"
    build(root, first, 1_700_000_000)

    collection = tmp_path / "collection.anki2"
    col, log = import_into_anki(collection, first)
    assert (len(log.new), col.note_count(), col.card_count()) == (CARDS, CARDS, CARDS)
    # Study 30 cards, five of them twice, through the scheduler, as a learner would.
    studied = sorted(col.find_cards(""))[::33][:30]
    for index, card_id in enumerate(studied):
        for ease in ((1, 3) if index % 6 == 0 else (3,)):
            card = col.get_card(card_id)
            card.start_timer()
            col.sched.answerCard(card, ease)
    before = history(col)
    assert sum(len(rows) - 1 for rows in before.values()) == 35
    col.close()

    # Edit the YAML: the answers of one file's source cards, and five who questions.
    card_file = min((root / "cards").glob("*.yaml"))
    text = card_file.read_text(encoding="utf-8")
    text, answers = re.subn(r'answer: "The ', 'answer: "the ', text)
    text, questions = re.subn(r'question: "Who is named in passage (\w+)\?"',
                              r'question: "Which person does passage \1 name?"', text, count=5)
    assert answers > 10 and questions == 5
    card_file.write_text(text, encoding="utf-8")
    build(root, second, 1_700_086_400)

    col, log = import_into_anki(collection, second)
    try:
        assert (len(log.new), len(log.duplicate), len(log.conflicting)) == (0, 0, 0)
        assert len(log.updated) == CARDS
        assert (col.note_count(), col.card_count()) == (CARDS, CARDS)
        assert col.db.scalar("select count(distinct guid) from notes") == CARDS
        assert history(col) == before
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        assert all(note.guid == genanki.guid_for(GUID_NAMESPACE, note["CardId"]) for note in notes)
        assert sum(note["Answer"].startswith("the ") for note in notes) == answers
        assert sum(note["Question"].startswith("Which person does passage ") for note in notes) == 5
    finally:
        col.close()
