from conftest import deck_cards, deck_findings

from citedeck.check import renamed
from citedeck.output.report import format_text

CARD = """\
source: nyt
cards:
  - id: {id}
    was: {was}
    type: who
    question: Q{n}?
    answer: A
    quote: q
"""


def run(deck, *cards: tuple[str, str]) -> str:  # type: ignore[no-untyped-def]
    files = {f"f{n}": CARD.format(id=card_id, was=was, n=n) for n, (card_id, was) in enumerate(cards)}
    root = deck(**files)
    loaded, problems, _ = deck_cards(root, {"nyt"})
    assert problems == []
    return format_text(deck_findings(renamed, loaded)).replace(root.as_posix() + "/", "")


def test_a_rename_and_a_chain_of_renames_pass(deck) -> None:
    assert run(deck, ("nyt-b", "nyt-a"), ("nyt-e", "[nyt-c, nyt-d]")) == ""


def test_a_former_id_that_is_another_cards_id(deck) -> None:
    root = deck(
        f0=CARD.format(id="nyt-b", was="nyt-a", n=0),
        f1=CARD.replace("    was: {was}\n", "").format(id="nyt-a", n=1),
    )
    loaded, problems, _ = deck_cards(root, {"nyt"})
    assert problems == []
    assert format_text(deck_findings(renamed, loaded)).replace(root.as_posix() + "/", "") == (
        "cards/f0.yaml:4:10: error[card-was-taken]: card 'nyt-b' was 'nyt-a', which is the id of a "
        "card at cards/f1.yaml:3:9: a former id cannot be a card's id again\n"
        "  hint: to rename back, drop it from was:; to finish a rename, remove the old card\n"
    )
    # The card holding the id comes first: the finding still stands at the former id.
    loaded.reverse()
    assert format_text(deck_findings(renamed, loaded)).replace(root.as_posix() + "/", "") == (
        "cards/f0.yaml:4:10: error[card-was-taken]: card 'nyt-b' was 'nyt-a', which is the id of a "
        "card at cards/f1.yaml:3:9: a former id cannot be a card's id again\n"
        "  hint: to rename back, drop it from was:; to finish a rename, remove the old card\n"
    )


def test_a_loop_is_refused_at_both_former_ids(deck) -> None:
    assert run(deck, ("nyt-a", "nyt-b"), ("nyt-b", "nyt-a")) == (
        "cards/f0.yaml:4:10: error[card-was-taken]: card 'nyt-a' was 'nyt-b', which is the id of a "
        "card at cards/f1.yaml:3:9: a former id cannot be a card's id again\n"
        "  hint: to rename back, drop it from was:; to finish a rename, remove the old card\n"
        "cards/f1.yaml:4:10: error[card-was-taken]: card 'nyt-b' was 'nyt-a', which is the id of a "
        "card at cards/f0.yaml:3:9: a former id cannot be a card's id again\n"
        "  hint: to rename back, drop it from was:; to finish a rename, remove the old card\n"
    )


def test_one_former_id_claimed_by_two_cards(deck) -> None:
    assert run(deck, ("nyt-b", "nyt-a"), ("nyt-c", "[nyt-x, nyt-a]")) == (
        "cards/f1.yaml:4:18: error[card-was-taken]: card 'nyt-c' was 'nyt-a', and so was card "
        "'nyt-b' at cards/f0.yaml:4:10: one note cannot become two cards\n"
        "  hint: a former id belongs to the one card its note became\n"
    )


def test_two_cards_of_one_id_are_left_to_duplicate_id(deck) -> None:
    assert run(deck, ("nyt-b", "nyt-a"), ("nyt-b", "nyt-c")) == ""
