from citedeck.check import CARD_RULES, DECK_RULES


def test_every_rule_is_registered() -> None:
    assert [r.__name__.rsplit(".", 1)[-1] for r in CARD_RULES] == [
        "quote", "who", "figure", "source", "source_elsewhere", "answer_in_question"
    ]
    assert [r.__name__.rsplit(".", 1)[-1] for r in DECK_RULES] == [
        "duplicate_id", "duplicate_question", "renamed"
    ]
