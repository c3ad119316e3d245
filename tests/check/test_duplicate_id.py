from citedeck.check import duplicate_id
from citedeck.check.runner import FileCheck, check_deck, sightings
from citedeck.load.cards import Card, Citable, LoadedCards, load_cards
from citedeck.load.diagnostics import Diagnostic
from citedeck.load.project import Project
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


def deck_cards(root, keys: set[str]) -> LoadedCards:  # type: ignore[no-untyped-def]
    """The cards of every card file in `root`, one file after another, as a check reads them."""
    project = Project(root)
    cards, problems, written = [], [], 0
    for path in project.card_files():
        loaded = load_cards(project.shown(path), path.read_bytes(), Citable(frozenset(keys)))
        cards += loaded.cards
        problems += loaded.diagnostics
        written += loaded.written
    return LoadedCards(cards, problems, written)


def deck_findings(rule, cards: list[Card]) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
    """What `rule` finds comparing `cards`, as the runner compares a file's cards."""
    return [d for d in check_deck([FileCheck((), len(cards), sightings(cards), b"")]) if d.code == rule.CODE]
