from conftest import deck_cards, deck_findings

from citedeck.check import duplicate_question
from citedeck.output.report import format_text

CARDS = """\
source: liang-profile
cards:
  - id: a
    type: who
    question: Who founded DeepSeek?
    answer: Liang Wenfeng
    quote: "founded by hedge fund manager Liang Wenfeng"
  - id: b
    type: who
    question: "{question}"
    answer: Liang Wenfeng
    quote: "founded by hedge fund manager Liang Wenfeng"
"""


def run(deck, question: str) -> str:  # type: ignore[no-untyped-def]
    root = deck(c=CARDS.format(question=question))
    cards, problems, _ = deck_cards(root, {"liang-profile"})
    assert problems == []
    return format_text(deck_findings(duplicate_question, cards)).replace(root.as_posix() + "/", "")


def test_different_questions_pass(deck) -> None:
    assert run(deck, "Who funds DeepSeek?") == ""


def test_same_question_modulo_case_and_punctuation_warns(deck) -> None:
    assert run(deck, "who founded  DeepSeek") == (
        "cards/c.yaml:10:15: warning[duplicate-question]: card 'b' asks the same question as 'a' "
        "(cards/c.yaml:5:15)\n"
    )


def test_same_question_with_invisible_or_decomposed_characters_warns(deck) -> None:
    # A soft hyphen pasted inside a word, and an "é" written as "e" and an accent: folded, the
    # same words as "Who founded DeepSeek?" and its "é" spelt whole.
    assert run(deck, "Who founded Deep\\u00adSeek?") == (
        "cards/c.yaml:10:15: warning[duplicate-question]: card 'b' asks the same question as 'a' "
        "(cards/c.yaml:5:15)\n"
    )
    assert duplicate_question._normal("Who is Rene\u0301e?") == duplicate_question._normal("who is Renée")
    assert duplicate_question._normal("Who is Rene\u0301e?") != duplicate_question._normal("who is Renee")
