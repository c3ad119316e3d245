"""What a note shows: each field's HTML, every user string escaped, the quote with the answer
marked in it, the citation (citation.py), and its tags. No genanki here: a check renders its
cards' notes, and the build and the preview show them as the proof holds them (ProvenNote)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .cards import Card
from .citation import SourceInfo, citation_html
from .identity import FIELD_SEPARATOR, FIELDS, GUID_NAMESPACE, note_guid
from .numbers import numbers_in
from .proof import ProvenNote
from .textnorm import fold, original_spans

KIND_LABELS = {"who": "Who?", "figure": "Figure", "source": "Which source?"}
_WORD_RE = re.compile(r"\w+")


def highlight_quote(quote: str, answer: str) -> str:
    """The quote as HTML, as written, with the answer's words and numbers marked."""
    text = fold(quote)
    said = fold(answer)
    wanted = numbers_in(answer) if answer else []
    # The answer's numbers are marked by value, below: their digits ("5" of "5,600,000") are
    # no words to mark wherever they stand ("5.6 billion").
    for number in reversed(wanted):
        said = f"{said[: number.start]} {said[number.end :]}"
    # An answer word matches a whole word of the quote, in any case: one pass over the quote's
    # words, not a regex compiled per answer word (thousands of cards thrash re's cache).
    words = {w.lower() for w in _WORD_RE.findall(said) if len(w) > 2 or w.isdigit()}
    spans = [m.span() for m in _WORD_RE.finditer(text) if m.group().lower() in words] if words else []
    if wanted:  # read from the quote as written, each stands where it does in `text`
        spans.extend(
            (n.start, n.end) for n in numbers_in(quote) if any(n.matches(w) for w in wanted)
        )
    if text != quote:  # shown as written: curly quotes, dashes and emoji joiners all kept
        spans, text = original_spans(quote, spans), quote
    pieces: list[str] = []
    cursor = 0
    for start, end in _merged(spans, text):
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def _merged(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping spans, and spans only whitespace apart ("Liang Wenfeng"), become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def card_fields(card: Card, source: SourceInfo, line: int | None) -> list[str]:
    """The note's field values, in FIELDS order, every user string HTML-escaped; `line` is
    where the card's quote stands in `source`."""
    values = {
        "Question": html.escape(card.question),
        "Answer": html.escape(card.answer),
        # A source card's answer names the article, not anything in the quote: a "the" in both
        # is no reason to mark the quote.
        "Quote": highlight_quote(card.quote, "" if card.type == "source" else card.answer),
        "Citation": citation_html(source, line),
        "Source": html.escape(source.key),
        "Note": html.escape(card.note),
        "CardId": html.escape(card.id),
        "Kind": KIND_LABELS[card.type],
    }
    return [values[name] for name in FIELDS]


def card_tags(card: Card) -> tuple[str, ...]:
    """The note's tags: its type and source, as citedeck tags every note, then the card's own."""
    return tuple(dict.fromkeys([f"type::{card.type}", f"source::{card.source}", *card.tags]))


def proven_note(card: Card, source: SourceInfo, line: int, namespace: str = GUID_NAMESPACE) -> ProvenNote:
    """The note of `card`, proven with its quote on `line` of `source`, its GUID in the deck's
    `namespace`."""
    flds = FIELD_SEPARATOR.join(card_fields(card, source, line))
    # What the user wrote, and the catalogue, hold no control characters (yamlio refuses them).
    assert flds.count(FIELD_SEPARATOR) == len(FIELDS) - 1, f"card {card.id} has a field holding U+001F"
    return ProvenNote(card.id, note_guid(card.id, namespace), card.source, card_tags(card), flds)
