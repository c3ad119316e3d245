"""quote-not-found: the quote stands in the cited source, typography aside.

Only curly/straight quotes, dash kinds, whitespace, line breaks and mojibake are forgiven;
"..." (or "…") elides text between fragments, which must appear in order.

    passes:  quote: "Pan chose DeepSeek without much hesitation"
    fails:   quote: "Pan chose DeepSeek without any hesitation"
    fails:   quote: "Pan chose DeepSeek without much hesit"   (cuts a word)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..cards import Card
from ..diagnostics import Diagnostic, error
from ..sources import Catalogue, closest_sentence, cut_words, first_missing_fragment, line_of

CODE = "quote-not-found"


def prepare(cards: Sequence[Card], catalogue: Catalogue) -> None:
    # A quote not in its source is looked for in the others.
    catalogue.expect(c.quote for c in cards if catalogue.locate(c.source, c.quote) is None)


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if catalogue.locate(card.source, card.quote) is not None:
        return
    source = catalogue[card.source]
    elsewhere = catalogue.sources_containing(card.quote, excluding=card.source)
    if elsewhere:
        other = catalogue[elsewhere[0]]
        match = catalogue.locate(other.key, card.quote)
        line = match.line if match else 1
        yield error(
            card.path,
            card.at("quote"),
            CODE,
            f"quote not found in {source.label}, but it is in {other.label} at line {line}",
            f"set source: {other.key}",
        )
        return
    missing = first_missing_fragment(source, card.quote)
    misplaced = line_of(source, missing)
    if misplaced is not None:  # there, but not after the piece before it
        yield error(
            card.path,
            card.at("quote"),
            CODE,
            f"quote not found in {source.label} in order: '{missing}' stands there (line "
            f"{misplaced}), but not after the piece before it",
            "the pieces between '...' keep the article's order",
        )
        return
    cut = cut_words(source, missing)
    if cut:
        line, whole = cut
        yield error(
            card.path,
            card.at("quote"),
            CODE,
            f"quote not found in {source.label} as whole words: '{missing}' stands there only "
            f"inside '{whole}' (line {line})",
            "a quote, and each piece between '...', starts and ends on a whole word",
        )
        return
    closest = closest_sentence(source, missing)
    message = f"quote not found in {source.label}"
    hint = None
    if closest:
        line, (start, end) = closest
        sentence = source.text.as_written(start, end).strip()
        message += f"; closest sentence (line {line}): \"{sentence}\""
        hint = sentence
    yield error(card.path, card.at("quote"), CODE, message, hint)
