"""quote-not-found, quote-elision: the quote stands in the cited source, typography aside, as
whole tokens; an elided quote's pieces make one passage.

Only curly/straight quotes, dash kinds, whitespace, line breaks and mojibake are forgiven. A
quote, and each piece of it, starts and ends on a whole token: never inside a word or a name
("Tok" of "TikTok"), a number ("$7" of "$7.5 million", "250" of "1,250") or a word joined by a
hyphen or an apostrophe ("can" of "can't"). "..." (or "…") joins pieces of one passage: in
order, in one paragraph, within the sentence the first piece starts in and the two after it;
each piece holds three words or more (in Chinese and Japanese, three characters), but for the one
holding a who or figure card's answer.

    passes:  quote: "Pan chose DeepSeek without much hesitation"
    fails:   quote: "Pan chose DeepSeek without any hesitation"
    fails:   quote: "Pan chose DeepSeek without much hesit"   (cuts a word)
    fails:   quote: "Pan chose DeepSeek ... Nvidia's market value"   (two paragraphs apart)
"""

from __future__ import annotations

from collections.abc import Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import (
    Catalogue,
    Source,
    closest_passage,
    cut_words,
    first_missing_fragment,
    invisible_difference,
    line_of,
    passage_gap,
)
from citedeck.load.diagnostics import Diagnostic, error
from citedeck.text.fold import fold, fragments
from citedeck.text.names import name_span, names_whole
from citedeck.text.numbers import numbers_in
from citedeck.text.scripts import word_count

CODE = "quote-not-found"
ELISION = "quote-elision"
# A piece between "..." shorter than this says too little to be quoted on its own.
MIN_PIECE_WORDS = 3


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if catalogue.locate(card.source, card.quote) is not None:
        yield from _elision_problems(card, catalogue.language(card.source))
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
    if missing is None:
        yield error(
            card.path,
            card.at("quote"),
            ELISION,
            f"quote's pieces are not one passage of {source.label}: {passage_gap(source, card.quote)}",
            "'...' joins pieces of one paragraph, within the sentence the first piece starts in "
            "and the two after it; quote the passages as cards of their own",
        )
        return
    yield _not_found(card, source, missing)


def _not_found(card: Card, source: Source, missing: str) -> Diagnostic:
    misplaced = line_of(source, missing)
    if misplaced is not None:  # there, but not after the piece before it
        return error(
            card.path,
            card.at("quote"),
            CODE,
            f"quote not found in {source.label} in order: '{missing}' stands there (line "
            f"{misplaced}), but not after the piece before it",
            "the pieces between '...' keep the article's order",
        )
    cut = cut_words(source, missing)
    if cut:
        line, whole = cut
        return error(
            card.path,
            card.at("quote"),
            CODE,
            f"quote not found in {source.label} as whole words: '{missing}' stands there only "
            f"inside '{whole}' (line {line})",
            "a quote, and each piece between '...', starts and ends on a whole word or number",
        )
    difference = invisible_difference(source, missing)
    if difference:
        return error(
            card.path, card.at("quote"), CODE, f"quote not found in {source.label}: {difference}"
        )
    message = f"quote not found in {source.label}"
    closest = closest_passage(source, missing)
    if closest:
        line, passage = closest
        message += f'; closest sentence (line {line}): "{passage}"'
    return error(card.path, card.at("quote"), CODE, message)


def _elision_problems(card: Card, language: str) -> Iterator[Diagnostic]:
    """What is wrong with the pieces of a found quote: an answer only across '...', or a piece
    too short to stand alone."""
    pieces = fragments(fold(card.quote))
    if len(pieces) < 2:
        return
    straddling = _straddling_answer(card, pieces, language)
    if straddling:
        yield error(
            card.path,
            card.at("quote"),
            ELISION,
            f"the answer's '{straddling}' stands in the quote only across '...': no piece holds it whole",
            "quote the answer whole, in one piece",
        )
        return
    for piece in pieces:
        if word_count(piece) < MIN_PIECE_WORDS and not _holds_answer(card, piece, language):
            yield error(
                card.path,
                card.at("quote"),
                ELISION,
                f"quote's piece '{piece}' holds fewer than {MIN_PIECE_WORDS} words: cut out of "
                "its passage, it may say something else",
                "quote the words around it too, or leave out the '...'",
            )
            return


def _straddling_answer(card: Card, pieces: tuple[str, ...], language: str) -> str | None:
    """What of a who or figure card's answer the pieces of its quote hold only when joined
    ("University of ... California", "twenty ... fold"), if anything."""
    joined = " ".join(pieces)
    if card.type == "figure":
        held = [n for piece in pieces for n in numbers_in(piece, language)]
        for wanted in numbers_in(card.answer, language):
            if not any(wanted.matches(n) for n in held) and any(
                wanted.matches(n) for n in numbers_in(joined, language)
            ):
                return wanted.text
    elif (
        card.type == "who"
        and not any(names_whole(card.answer, piece) for piece in pieces)
        and names_whole(card.answer, joined)
    ):
        return card.answer
    return None


def _holds_answer(card: Card, piece: str, language: str) -> bool:
    """Whether `piece` holds (part of) a who or figure card's answer: that piece may be short."""
    if card.type == "figure":
        wanted = numbers_in(card.answer, language)
        return any(w.matches(n) for n in numbers_in(piece, language) for w in wanted)
    if card.type == "who":
        return name_span(card.answer, piece) is not None
    return False
