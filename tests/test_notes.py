"""What a note shows: the quote with the answer marked, the citation, the escaped fields, and the
fields a stored proof carries."""

from __future__ import annotations

from conftest import REPO, proven

from citedeck.load.cards import Card
from citedeck.output.citation import SourceInfo
from citedeck.load.identity import FIELDS
from citedeck.output.notes import card_fields, card_tags, highlight_quote, proven_note, proven_spans
from citedeck.load.project import Project
from citedeck.check.runner import check_project


def marked(kind: str, answer: str, quote: str) -> str:
    return highlight_quote(quote, proven_spans(kind, answer, quote))


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
    fields = dict(zip(FIELDS, card_fields(card, SourceInfo("nyt", "nyt.txt"), 3), strict=True))
    assert fields["Quote"] == "the New York lab"
    assert fields["Kind"] == "Which source?"
    assert fields["Source"] == "nyt"


def test_a_clean_check_renders_every_cards_note_for_the_proof() -> None:
    result = check_project(Project(REPO))
    proof = proven(result)
    assert len(proof.notes) == len(result.cards) > 100
    for card, note in zip(result.cards, proof.notes, strict=True):
        line = result.catalogue.locate(card.source, card.quote).line  # type: ignore[union-attr]
        assert note == proven_note(card, proof.sources[card.source], line)
        assert note.fields == card_fields(card, proof.sources[card.source], line)


def test_a_notes_tags_are_its_type_its_source_and_its_own_once_each() -> None:
    card = Card("c", "who", "Who?", "Liang", "Liang said", "nyt", "c.yaml", tags=("ai", "source::nyt", "ai2"))
    assert card_tags(card) == ("type::who", "source::nyt", "ai", "ai2")
    note = proven_note(card, SourceInfo("nyt", "nyt.txt", title="T"), 7)
    assert (note.id, note.source, note.tags) == ("c", "nyt", ("type::who", "source::nyt", "ai", "ai2"))
    assert "line 7" in note.fields[FIELDS.index("Citation")]
