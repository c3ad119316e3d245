"""What a note shows: each field's HTML, every user string escaped, the quote with what the
check proved marked in it, the citation (citation.py), and its tags. No genanki here: a check renders its
cards' notes, and the build and the preview show them as the proof holds them (ProvenNote)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from citedeck.load.cards import Card
from citedeck.output.citation import SourceInfo, citation_html
from citedeck.load.identity import FIELD_SEPARATOR, FIELDS, GUID_NAMESPACE, note_guid
from citedeck.text.names import name_span
from citedeck.text.numbers import numbers_in
from citedeck.check.proof import ProvenNote
from citedeck.text.fold import fold, original_spans

KIND_LABELS = {"who": "Who?", "figure": "Figure", "source": "Which source?"}


def proven_spans(kind: str, answer: str, quote: str) -> list[tuple[int, int]]:
    """Where in fold(quote) the check proved the answer: a who card's name, whole, where the rule
    found it; each of a figure card's numbers, whole ("14-fold", "$5.6 million"), once; nothing
    for a source card, whose answer names the article."""
    if kind == "who":
        span = name_span(answer, quote)
        return [span] if span else []
    if kind != "figure":
        return []
    spans: list[tuple[int, int]] = []
    found = numbers_in(quote)
    for wanted in numbers_in(answer):
        match = next((n for n in found if wanted.matches(n)), None)
        if match is not None and (match.start, match.end) not in spans:
            spans.append((match.start, match.end))
    return spans


def highlight_quote(quote: str, spans: Iterable[tuple[int, int]]) -> str:
    """The quote as HTML, as written, with `spans` of fold(quote) marked."""
    text = fold(quote)
    spans = sorted(spans)
    if spans and text != quote:  # shown as written: curly quotes, dashes and emoji joiners all kept
        spans, text = original_spans(quote, spans), quote
    elif text != quote:
        text = quote
    pieces: list[str] = []
    cursor = 0
    for start, end in _merged(spans):
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
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
        "Quote": highlight_quote(card.quote, proven_spans(card.type, card.answer, card.quote)),
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
