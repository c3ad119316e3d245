"""What a note shows: the quote with the answer marked, the citation, the escaped fields, its
tags, and its GUID."""

from __future__ import annotations

import genanki
import pytest
from conftest import REPO, proven

from citedeck.check.runner import proven_marks
from citedeck.commands.check import check_project
from citedeck.load.cards import Card, Proven
from citedeck.load.catalogue import Catalogue, SourceInfo
from citedeck.load.identity import FIELDS, GUID_NAMESPACE, DeckConfig
from citedeck.load.project import Project
from citedeck.output.notes import Note, card_fields, card_tags, highlight_quote, render_deck


def marked(kind: str, answer: str, quote: str) -> str:
    return highlight_quote(quote, proven_marks(kind, answer, quote))


def test_a_who_answer_is_marked_whole_once_as_the_rule_found_it() -> None:
    assert marked("who", "Liang Wenfeng", "Founded by hedge fund manager Liang Wenfeng in 2023") == (
        "Founded by hedge fund manager <mark>Liang Wenfeng</mark> in 2023"
    )
    # Names with parts of two letters are marked whole, in either order.
    assert marked("who", "Zhiding Yu", "Zhiding Yu, a senior research scientist at Nvidia") == (
        "<mark>Zhiding Yu</mark>, a senior research scientist at Nvidia"
    )
    assert marked("who", "Damien Ma", "said Ma Damien, who") == "said <mark>Ma Damien</mark>, who"
    # A hyphenated name is one mark; a common word of the answer elsewhere is none.
    assert marked("who", "High-Flyer", "its parent, High-Flyer, and the fund") == (
        "its parent, <mark>High-Flyer</mark>, and the fund"
    )


def test_a_number_is_marked_whole_in_whatever_style_the_quote_writes_it() -> None:
    assert marked("figure", "5,600,000 dollars", "It cost $5.6 million, not 5.6 billion") == (
        "It cost <mark>$5.6 million</mark>, not 5.6 billion"
    )
    assert marked("figure", "14-fold", "grown more than 14-fold since") == "grown more than <mark>14-fold</mark> since"
    # Once: the first place the rule proved it.
    assert marked("figure", "12", "12 labs and 12 funds") == "<mark>12</mark> labs and 12 funds"


def test_the_quote_is_shown_as_written_and_escaped() -> None:
    assert marked("who", "Liang Wenfeng", "“We <b>won’t</b> stop,” said Liang Wenfeng") == (
        "“We &lt;b&gt;won’t&lt;/b&gt; stop,” said <mark>Liang Wenfeng</mark>"
    )


def test_nothing_proved_marks_nothing() -> None:
    assert highlight_quote("The New York Times said 2,048 <chips>", []) == (
        "The New York Times said 2,048 &lt;chips&gt;"
    )


def test_a_source_cards_quote_is_not_marked_for_its_answer() -> None:
    card = Card("c", "source", "Which outlet?", "The New York Times", "the New York lab", "nyt", "c.yaml")
    assert proven_marks(card.type, card.answer, card.quote) == ()
    proof = Proven(card, 3, proven_marks(card.type, card.answer, card.quote))
    fields = dict(zip(FIELDS, card_fields(proof, SourceInfo("nyt", "nyt.txt")), strict=True))
    assert fields["Quote"] == "the New York lab"
    assert fields["Kind"] == "Which source?"
    assert fields["Source"] == "nyt"


def test_a_clean_check_renders_every_cards_note_as_the_check_proved_it(catalogue: Catalogue) -> None:
    result = check_project(Project(REPO))
    deck = proven(result)
    assert len(deck.notes) == len(result.proven) == len(result.cards) >= 100
    for card, proof, note in zip(result.cards, result.proven, deck.notes, strict=True):
        # The line of its source the quote stands on, and the answer marked where it was proved.
        line = catalogue.locate(card.source, card.quote).line  # type: ignore[union-attr]
        assert proof == (card, line, proven_marks(card.type, card.answer, card.quote), None)
        assert result.sources[card.source] == catalogue[card.source].info
        assert note == Note(
            card.id,
            genanki.guid_for(GUID_NAMESPACE, card.id),
            card.source,
            card_tags(card),
            card_fields(proof, result.sources[card.source]),
        )


def test_a_notes_tags_are_its_type_its_source_and_its_own_once_each() -> None:
    card = Card("c", "who", "Who?", "Liang", "Liang said", "nyt", "c.yaml", tags=("ai", "source::nyt", "ai2"))
    assert card_tags(card) == ("type::who", "source::nyt", "ai", "ai2")
    sources = {"nyt": SourceInfo("nyt", "nyt.txt", title="T")}
    (note,) = render_deck([Proven(card, 7, ())], sources, DeckConfig()).notes
    assert (note.id, note.source, note.tags) == ("c", "nyt", ("type::who", "source::nyt", "ai", "ai2"))
    assert "line 7" in note.fields[FIELDS.index("Citation")]


@pytest.mark.parametrize("namespace", [GUID_NAMESPACE, "citedeck-1472455319", "reading", "Lesen über KI 读书 🚀", ""])
def test_a_notes_guid_is_genankis_of_the_deck_namespace_and_the_card_id_alone(namespace: str) -> None:
    # The card's id alone: an edit to its text updates the same note in Anki.
    ids = ["lp-founder", "nyt-stem-graduates", "a", "0", *(f"card-{n}" for n in range(5000))]
    sources = {"nyt": SourceInfo("nyt", "nyt.txt")}
    config = DeckConfig(guid_namespace=namespace)
    cards = [Proven(Card(i, "who", f"Who {i}?", "Liang", "Liang said", "nyt", "c.yaml"), 1, ()) for i in ids]
    edited = [Proven(Card(i, "figure", "How many?", "2", "2 of them", "nyt", "d.yaml"), 9, ()) for i in ids]
    guids = [note.guid for note in render_deck(cards, sources, config).notes]
    assert guids == [genanki.guid_for(namespace, card_id) for card_id in ids]
    assert [note.guid for note in render_deck(edited, sources, config).notes] == guids
    assert len(set(guids)) == len(ids)


def test_the_shipped_decks_guids_never_change() -> None:
    # The GUIDs learners' collections already hold: a change would duplicate every note.
    assert genanki.guid_for("citedeck", "lp-founder") == "mzs^Aoa>rQ"
    card = Card("lp-founder", "who", "Who?", "Liang Wenfeng", "Liang Wenfeng said", "nyt", "c.yaml")
    (note,) = render_deck([Proven(card, 1, ())], {"nyt": SourceInfo("nyt", "nyt.txt")}, DeckConfig()).notes
    assert note.guid == "mzs^Aoa>rQ"
