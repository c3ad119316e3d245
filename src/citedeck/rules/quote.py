"""quote-not-found: the quote stands in the cited source, typography aside.

Only curly/straight quotes, dash kinds, whitespace, line breaks and mojibake are forgiven;
"..." (or "…") elides text between fragments, which must appear in order.

    passes:  quote: "Pan chose DeepSeek without much hesitation"
    fails:   quote: "Pan chose DeepSeek without any hesitation"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..cards import Card
from ..diagnostics import Diagnostic, error
from ..sources import Catalogue, Source
from ..textnorm import find_word, fold, fragments

CODE = "quote-not-found"
_WORD_RE = re.compile(r"\w+")


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
    closest = closest_sentence(source, missing)
    message = f"quote not found in {source.label}"
    hint = None
    if closest:
        line, sentence = closest
        message += f"; closest sentence (line {line}): \"{sentence}\""
        hint = sentence
    yield error(card.path, card.at("quote"), CODE, message, hint)


def first_missing_fragment(source: Source, quote: str) -> str:
    """The first fragment of `quote` that cannot be found, in order, in `source`."""
    start = 0
    pieces = fragments(fold(quote))
    for piece in pieces:
        pos = find_word(source.text.text, piece, start)
        if pos < 0:
            return piece
        start = pos + len(piece)
    return pieces[-1] if pieces else ""


def closest_sentence(source: Source, fragment: str) -> tuple[int, str] | None:
    """The source sentence most like `fragment`, with the line it starts on; None when no
    sentence shares a word with it."""
    text = source.text.text
    words = set(_WORD_RE.findall(fragment.casefold()))
    if not words:
        return None
    sharing: list[tuple[int, tuple[int, int]]] = []
    for span in source.text.sentences():
        shared = len(words & set(_WORD_RE.findall(text[span[0] : span[1]].casefold())))
        if shared:
            sharing.append((shared, span))
    if not sharing:
        return None
    # A sentence sharing no word is no hint, however alike its letters; and the letter-by-letter
    # comparison is too slow for every sentence, so only those sharing the most words get it.
    shortlist = [span for _, span in sorted(sharing, key=lambda found: found[0], reverse=True)[:8]]

    def likeness(span: tuple[int, int]) -> float:
        return difflib.SequenceMatcher(None, fragment, text[span[0] : span[1]]).ratio()

    best = max(shortlist, key=likeness)
    return source.text.line_at(best[0]), text[best[0] : best[1]]
