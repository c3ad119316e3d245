"""What a note shows: each field's HTML, every user string escaped, the quote with what the
check proved marked in it, the citation (citation.py), its tags and its GUID."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import genanki

from citedeck.load.cards import Card, Proven
from citedeck.load.catalogue import SourceInfo
from citedeck.load.identity import FIELDS, RETIRED_TAG, DeckConfig
from citedeck.output.citation import citation_html
from citedeck.text.fold import fold, original_spans

KIND_LABELS = {"who": "Who?", "figure": "Figure", "source": "Which source?"}


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


def card_fields(proven: Proven, source: SourceInfo) -> list[str]:
    """The note's field values, in FIELDS order, every user string HTML-escaped."""
    card = proven.card
    values = {
        "Question": html.escape(card.question),
        "Answer": html.escape(card.answer),
        "Quote": highlight_quote(card.quote, proven.marks),
        "Citation": citation_html(source, proven.line, proven.passage),
        "Source": html.escape(source.key),
        "Note": html.escape(card.note),
        "CardId": html.escape(card.id),
        "Kind": KIND_LABELS[card.type],
    }
    return [values[name] for name in FIELDS]


def card_tags(card: Card) -> tuple[str, ...]:
    """The note's tags: its type and source, as citedeck tags every note, then the card's own."""
    return tuple(dict.fromkeys([f"type::{card.type}", f"source::{card.source}", *card.tags]))


RETIRED_KIND = "Removed"


def retired_fields(key: str, day: str) -> list[str]:
    """A retired card's note's field values, in FIELDS order: it says, front and back, that the
    card was removed from the deck, and when."""
    values = {
        "Question": f"This card was removed from the deck on {day}.",
        "Answer": f"Removed from the deck on {day}: delete this note, or leave it suspended.",
        "Quote": "",
        "Citation": "",
        "Source": "",
        "Note": f"Search tag:{RETIRED_TAG} in Anki's browser to find every removed card.",
        "CardId": html.escape(key),
        "Kind": RETIRED_KIND,
    }
    return [values[name] for name in FIELDS]


class Note(NamedTuple):
    """A proven card as its note shows it: its id, the note's GUID, its source's key, the
    note's tags, and its fields in FIELDS order."""

    id: str
    guid: str
    source: str
    tags: tuple[str, ...]
    fields: list[str]


@dataclass(frozen=True)
class Deck:
    """A proven deck as Anki shows it: the notes in card order, the sources' metadata, the
    deck's config, and the notes of its retired cards, in id order."""

    notes: list[Note]
    sources: Mapping[str, SourceInfo]
    config: DeckConfig
    retired: list[Note] = field(default_factory=list)


def render_deck(
    proven: Iterable[Proven],
    sources: Mapping[str, SourceInfo],
    config: DeckConfig,
    retired: Mapping[str, str] | None = None,
) -> Deck:
    """The note of each proven card, its GUID in the config's namespace: it depends on the
    card's note key alone (its id, or the oldest it had), so edits to its text, or a rename,
    update the same note. With `retired`, ids and the day each was retired, a note for each
    saying so."""
    notes = []
    for each in proven:
        card = each.card
        fields = card_fields(each, sources[card.source])
        guid = genanki.guid_for(config.guid_namespace, card.note_key)
        notes.append(Note(card.id, guid, card.source, card_tags(card), fields))
    gone = [
        Note(
            key,
            genanki.guid_for(config.guid_namespace, key),
            "",
            (RETIRED_TAG,),
            retired_fields(key, day),
        )
        for key, day in (retired or {}).items()
    ]
    return Deck(notes, sources, config, gone)
