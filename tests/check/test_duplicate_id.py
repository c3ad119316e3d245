from conftest import deck_cards, deck_findings

from citedeck.check import duplicate_id
from citedeck.output.report import format_text

CARD = """\
source: nyt
cards:
  - id: {id}
    type: who
    question: Q{n}?
    answer: A
    quote: q
"""


def run(deck, *ids: str) -> str:  # type: ignore[no-untyped-def]
    root = deck(**{f"f{n}": CARD.format(id=card_id, n=n) for n, card_id in enumerate(ids)})
    cards, problems, _ = deck_cards(root, {"nyt"})
    assert problems == []
    return format_text(deck_findings(duplicate_id, cards)).replace(root.as_posix() + "/", "")


def test_different_ids_pass(deck) -> None:
    assert run(deck, "nyt-a", "nyt-b") == ""


def test_a_shared_id_names_both_places_once_for_each_later_card(deck) -> None:
    assert run(deck, "same", "other", "same", "same") == (
        "cards/f2.yaml:3:9: error[card-id-duplicate]: duplicate id 'same': also used at cards/f0.yaml:3:9\n"
        "cards/f3.yaml:3:9: error[card-id-duplicate]: duplicate id 'same': also used at cards/f0.yaml:3:9\n"
    )
