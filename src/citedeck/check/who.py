"""who-not-a-name, who-not-in-quote: a who card's answer is the name of a person or
organisation, and the quote names that party.

The answer is a name: a pronoun or a description ("they", "the board", "Chinese officials")
names no one. The quote holds the whole name, as whole words in its letter case, in one piece
between "..." (a person's names in either order). For a person, the first or last name alone
("Mr. Liang", "Allison's remarks") is enough when the article names them in full, joins no
other name to it in the quote, and names no one else by it.

    passes:  answer: Graham Allison      quote: "Allison's remarks have drawn historical parallels"
    fails:   answer: Damien Ma           quote: "Pan chose DeepSeek without much hesitation"
    fails:   answer: the researchers     (who-not-a-name)
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, error
from citedeck.text.fold import fold
from citedeck.text.names import (
    Name,
    is_common_word,
    missing_words,
    names_whole,
    other_names_with,
    read_quote,
    why_not_a_name,
)

NOT_A_NAME = "who-not-a-name"
CODE = "who-not-in-quote"


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "who":
        return
    answer = brief(card.answer)
    why = why_not_a_name(card.answer)
    if why is not None:
        yield error(
            card.path,
            card.at("answer"),
            NOT_A_NAME,
            f"answer '{answer}' is not a name: {why}",
            "a who card's answer is the name of the person or organisation the quote names",
        )
        return
    problem = _problem(card, catalogue)
    if problem is not None:
        message, hint = problem
        yield error(card.path, card.at("answer"), CODE, message, hint)


def _problem(card: Card, catalogue: Catalogue) -> tuple[str, str | None] | None:
    """Why the quote does not name the answer, and a hint; None when it does. In the order
    names.name_span follows."""
    answer, article = brief(card.answer), catalogue[card.source]
    reading = read_quote(card.answer, card.quote)
    found = reading.whole
    if found is None and reading.longer is not None:
        said, longer = reading.longer
        if said in Name.of(card.answer).parts:
            return f"the quote's '{said}' is '{longer}', not '{answer}'", None
        return (
            f"the quote's '{said}' is part of the name '{longer}'",
            "answer with the whole name the quote gives",
        )
    if found is None and missing_words(card.answer, card.quote).across_pieces:
        return (
            f"the quote names '{answer}' only across '...': a name stands whole in one piece",
            None,
        )
    found = found or reading.part
    if found is None:
        return _not_named(card)
    said = fold(card.quote)[found.span[0] : found.span[1]]
    if (
        " " not in said
        and found.starts_sentence
        and is_common_word(said, article.text.original, card.quote)
    ):
        return (
            f"the quote's '{said}' starts a sentence, where it may be the common word "
            f"'{said.lower()}'",
            "quote a passage that names them where no sentence starts",
        )
    if found.part is None:
        return None
    if not names_whole(card.answer, article.text.original):
        lacking = _listed(missing_words(card.answer, card.quote).lacking)
        return (
            f"the quote names '{found.part}' but not '{lacking}', and the full answer "
            f"'{answer}' appears nowhere in {article.label}",
            None,
        )
    others = other_names_with(card.answer, found.part, article.text.original)
    if others:
        return (
            f"the quote's '{found.part}' alone cannot say who: {article.label} names "
            f"'{_listed(tuple(others))}' as well as '{answer}'",
            "quote a passage that gives the full name",
        )
    return None


def _not_named(card: Card) -> tuple[str, str | None]:
    """Why the quote names neither the answer nor a part of it that may stand for it."""
    answer = brief(card.answer)
    missing = missing_words(card.answer, card.quote)
    if not missing.lacking:
        return f"the quote holds '{_listed(missing.held)}', but not as the name '{answer}'", None
    hint = None
    if missing.held:
        message = (
            f"the quote names '{_listed(missing.held)}' but not '{_listed(missing.lacking)}' "
            f"of answer '{answer}'"
        )
        if not Name.of(card.answer).person:
            hint = "an organisation is named whole: only a person's first or last name stands alone"
    else:
        message = f"answer '{answer}' does not appear in the quote"
    for word, written in missing.other_case:
        message += f"; the quote's '{written}' is not '{word}': a name keeps its capitals"
    return message, hint


def _listed(words: tuple[str, ...]) -> str:
    return "', '".join(words)
