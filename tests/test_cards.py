"""Card file shapes: every mistake a finding at the offending key or value."""

from __future__ import annotations

from citedeck.load.cards import Card, Citable, LoadedCards, load_cards
from citedeck.load.diagnostics import Diagnostic, Position, sort_key
from citedeck.load.project import Project
from citedeck.output.report import format_text

SOURCES = frozenset({"nyt", "restofworld", "liang-profile"})


def loaded(root) -> LoadedCards:  # type: ignore[no-untyped-def]
    """The cards of every card file of the project at `root`, one file after another."""
    project = Project(root)
    citable = Citable(SOURCES, catalogue=project.shown(project.catalogue))
    cards: list[Card] = []
    problems: list[Diagnostic] = []
    written = 0
    for path in project.card_files():
        found = load_cards(project.shown(path), path.read_bytes(), citable)
        cards += found.cards
        problems += found.diagnostics
        written += found.written
    return LoadedCards(cards, problems, written)


def findings(root) -> str:  # type: ignore[no-untyped-def]
    _, problems, _ = loaded(root)
    return format_text(sorted(problems, key=sort_key))


def test_file_source_is_the_default_and_tags_merge(deck) -> None:
    root = deck(a="""\
        source: nyt
        tags: [education]
        cards:
          - id: nyt-a
            type: who
            question: Q?
            answer: A
            quote: q
            tags: [talent, education]
          - id: row-b
            type: source
            source: restofworld
            question: Q2?
            answer: A
            quote: q
        """)
    cards, problems, _ = loaded(root)
    assert problems == []
    assert [(c.id, c.source, c.tags) for c in cards] == [
        ("nyt-a", "nyt", ("education", "talent")),
        ("row-b", "restofworld", ("education",)),
    ]


def test_shape_mistakes(deck) -> None:
    root = deck(a="""\
        source: nty
        extra: 1
        cards:
          - id: Bad_Id
            type: figur
            question: ""
            answer: 2048
            quote: [a]
            tags: [two words]
          - just a string
          - id: ok-card
            type: who
            question: Q?
            answer: A
            quote: q
        """)
    shown = f"{root.as_posix()}/cards/a.yaml"
    assert findings(root) == "".join(
        f"{shown}:{line}\n"
        for line in [
            ("1:9: error[source-unknown]: unknown source 'nty'; did you mean 'nyt'?\n"
            f"  hint: sources in {root.as_posix()}/seeds/sources.yaml: liang-profile, nyt, restofworld"),
            ("2:1: error[schema-unknown-key]: unknown key 'extra' in a card file\n"
            "  hint: allowed keys: source, tags, cards"),
            "4:9: error[card-id]: id 'Bad_Id' must be lowercase letters, digits and hyphens (e.g. nyt-stem-graduates)",
            ("5:11: error[card-type]: unknown type 'figur'; did you mean 'figure'?\n"
            "  hint: types: who, figure, source"),
            "6:15: error[schema-empty]: 'question' is empty",
            ("7:13: error[schema-type]: 'answer' must be a string, not a number\n"
            '  hint: quote it to make it text: answer: "2048"'),
            "8:12: error[schema-type]: 'quote' must be a string, not a list",
            ("9:12: error[schema-format]: tag 'two words' is not valid: a tag holds no spaces or "
             "double quotes (Anki splits tags at spaces)"),
            "10:5: error[schema-type]: each card must be a mapping, not a string",
        ]
    )


def test_a_tag_must_be_a_word_and_not_one_citedeck_adds(deck) -> None:
    root = deck(a="""\
        source: nyt
        tags: ["", type::source, Source::NYT, talent, "::", "people::", talent::people]
        cards: []
        """)
    shown = f"{root.as_posix()}/cards/a.yaml"
    blank = "is not valid: each part of a tag between '::' needs a name (Anki would call it 'blank')"
    assert findings(root) == (
        f"{shown}:2:8: error[schema-format]: tag '' is not valid: a tag cannot be empty\n"
        f"{shown}:2:12: error[schema-format]: tag 'type::source' is not valid: citedeck adds the "
        "type:: and source:: tags itself, from the card's type and source\n"
        f"{shown}:2:26: error[schema-format]: tag 'Source::NYT' is not valid: citedeck adds the "
        "type:: and source:: tags itself, from the card's type and source\n"
        f"{shown}:2:47: error[schema-format]: tag '::' {blank}\n"
        f"{shown}:2:53: error[schema-format]: tag 'people::' {blank}\n"
    )


def test_card_without_any_source(deck) -> None:
    root = deck(a="cards:\n  - {id: x, type: who, question: Q?, answer: A, quote: q}\n")
    assert findings(root) == (
        f"{root.as_posix()}/cards/a.yaml:2:5: error[schema-missing-key]: "
        "card 'x' has no 'source' (and the file sets none)\n"
    )


def test_top_level_must_be_a_mapping_with_cards(deck) -> None:
    root = deck(a="- 1\n", b="# only a comment\n", c="source: nyt\n")
    shown = f"{root.as_posix()}/cards"
    assert findings(root) == (
        f"{shown}/a.yaml:1:1: error[schema-type]: a card file must be a mapping, not a list\n"
        f"{shown}/b.yaml:1:1: error[schema-top]: file is empty: expected a mapping with a 'cards' list\n"
        f"{shown}/c.yaml:1:1: error[schema-missing-key]: a card file has no 'cards' list\n"
    )


def test_a_question_answer_or_quote_without_a_letter_or_digit_is_empty(deck) -> None:
    # "." stands in any article and names nothing; a zero-width space, a soft hyphen and
    # mojibake for an apostrophe fold away to no text at all.
    root = deck(a="""\
        source: nyt
        cards:
          - id: dots
            type: who
            question: "\\u200b\\u00ad"
            answer: "..."
            quote: "."
          - id: mojibake
            type: who
            question: Who is R1's maker?
            answer: "DeepSeek"
            quote: "â€™"
          - id: fine
            type: figure
            question: "?"
            answer: "2"
            quote: "2 ... 3"
        """)
    shown = f"{root.as_posix()}/cards/a.yaml"
    assert findings(root) == (
        f"{shown}:5:15: error[schema-empty]: 'question' holds no letters or digits\n"
        f"{shown}:6:13: error[schema-empty]: 'answer' holds no letters or digits\n"
        f"{shown}:7:12: error[schema-empty]: 'quote' holds no letters or digits\n"
        f"{shown}:12:12: error[schema-empty]: 'quote' holds no letters or digits\n"
        f"{shown}:15:15: error[schema-empty]: 'question' holds no letters or digits\n"
    )


def test_an_id_ending_in_a_line_break_is_no_id(deck) -> None:
    # "$" in a pattern matches before a final line break: "abc\n" passed as an id and a key.
    root = deck(a="""\
        source: nyt
        cards:
          - id: "abc\\n"
            type: who
            question: Q?
            answer: A
            quote: q
        """)
    shown = f"{root.as_posix()}/cards/a.yaml"
    assert findings(root) == (
        # The line break shown as its escape: the finding stays on one line.
        f"{shown}:3:9: error[card-id]: id 'abc\\n' must be lowercase letters, digits and hyphens "
        "(e.g. nyt-stem-graduates)\n"
    )


def test_former_ids_are_read_oldest_first_with_where_each_stands(deck) -> None:
    root = deck(a="""\
        source: nyt
        cards:
          - id: nyt-c
            was: [nyt-a, nyt-b]
            type: who
            question: Q?
            answer: A
            quote: q
          - id: nyt-e
            was: nyt-d
            type: who
            question: Q2?
            answer: A
            quote: q
          - id: nyt-f
            type: who
            question: Q3?
            answer: A
            quote: q
        """)
    cards, problems, _ = loaded(root)
    assert problems == []
    assert [(c.id, c.was, c.note_key) for c in cards] == [
        ("nyt-c", ("nyt-a", "nyt-b"), "nyt-a"),
        ("nyt-e", ("nyt-d",), "nyt-d"),
        ("nyt-f", (), "nyt-f"),
    ]
    assert [cards[0].was_at(0), cards[0].was_at(1), cards[1].was_at(0)] == [
        Position(4, 11), Position(4, 18), Position(10, 10)
    ]


def test_former_id_mistakes(deck) -> None:
    root = deck(a="""\
        source: nyt
        cards:
          - id: nyt-c
            was: [nyt-a, Old_Id, nyt-a, nyt-c, 7]
            type: who
            question: Q?
            answer: A
            quote: q
          - id: nyt-d
            was: []
            type: who
            question: Q2?
            answer: A
            quote: q
          - id: nyt-e
            was: {a: 1}
            type: who
            question: Q3?
            answer: A
            quote: q
        """)
    shown = f"{root.as_posix()}/cards/a.yaml"
    cards, _, _ = loaded(root)
    assert cards == []
    assert findings(root) == "".join(
        f"{shown}:{line}\n"
        for line in [
            "4:18: error[card-was]: former id 'Old_Id' must be lowercase letters, digits and hyphens, as an id is",
            "4:26: error[card-was]: former id 'nyt-a' is listed twice",
            "4:33: error[card-was]: former id 'nyt-c' is the card's own id",
            ("4:40: error[schema-type]: each of 'was' must be a card's former id (a string), not a number\n"
             "  hint: was: old-id, or a list, oldest first: was: [oldest-id, old-id]"),
            "10:10: error[schema-empty]: 'was' is an empty list",
            ("16:10: error[schema-type]: 'was' must be a card's former id (a string), not a mapping\n"
             "  hint: was: old-id, or a list, oldest first: was: [oldest-id, old-id]"),
        ]
    )
