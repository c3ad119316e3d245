"""Card values built from the card files, with every shape mistake reported where it stands."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from citedeck.load.diagnostics import Diagnostic, Position, error, warning
from citedeck.load.project import CATALOGUE, Project
from citedeck.load.schema import KEY_RE, ShapeChecker, kind_name, suggestion, tag_problem
from citedeck.load.yamlfile import YMap, YNode, YScalar, YSeq, parse_yaml, read_yaml
from citedeck.text.fold import fold
from citedeck.text.fragment import TextDirective

CARD_TYPES = ("who", "figure", "source")
FILE_KEYS = ("source", "tags", "cards")
CARD_KEYS = ("id", "type", "question", "answer", "quote", "source", "tags", "note", "was")
_NOWHERE = (0, 0, 0, 0)  # the span of a key a card does not hold
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # what str.isalnum takes: a word character but "_"


@dataclass(frozen=True)
class Card:
    id: str
    type: str
    question: str
    answer: str
    quote: str
    source: str
    path: str
    tags: tuple[str, ...] = ()
    note: str = ""
    # The ids the card had before, oldest first: its note is the oldest one's.
    was: tuple[str, ...] = ()
    # Where each of CARD_KEYS' values stands, then the card itself: line and column, one after
    # another (0, 0 for a key the card does not hold); then where each id in `was` stands.
    positions: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def note_key(self) -> str:
        """What the card's note is known by in Anki (its GUID is made from it): the oldest id
        the card has had, so a renamed card keeps its note."""
        return self.was[0] if self.was else self.id

    def at(self, key: str) -> Position:
        """Where `key`'s value stands in the card file (the card's start if it is inherited)."""
        index = 2 * CARD_KEYS.index(key)
        if index < len(self.positions) and self.positions[index]:
            return Position(self.positions[index], self.positions[index + 1])
        return self.start

    @property
    def start(self) -> Position:
        """Where the card's mapping starts."""
        index = 2 * len(CARD_KEYS)
        return Position(self.positions[index], self.positions[index + 1])

    def was_at(self, index: int) -> Position:
        """Where the `index`th id of `was` stands."""
        first = 2 * len(CARD_KEYS) + 2 + 2 * index
        if first + 1 < len(self.positions):
            return Position(self.positions[first], self.positions[first + 1])
        return self.at("was")


class Proven(NamedTuple):
    """A card as a check proved it: the line of its source its quote stands on, where in
    fold(quote) the answer was proved (a who card's name, a figure card's numbers), and, for a
    source with a url, the words that take a browser to the quote in the article's page (None
    when no words single it out, or the source has no url)."""

    card: Card
    line: int
    marks: tuple[tuple[int, int], ...]
    passage: TextDirective | None = None


class Sighting(NamedTuple):
    """A card as a deck rule compares it with the others: the rule's key for it, its id, its
    file as findings show it, and where the field the rule looks at stands."""

    key: str
    id: str
    path: str
    line: int
    col: int


def list_card_files(project: Project, folders: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The project's card files, or a finding saying why there are none; and a warning for each
    of `folders`, the project's card_folders."""
    shown = project.shown(project.cards)
    try:
        files = project.card_files()
    except OSError as exc:
        return [], [
            error(shown, Position(1, 1), "io", f"cannot list folder: {exc.strerror or exc}")
        ]
    # Card files in a folder under cards/ are never read: say so, or their cards go missing
    # from the deck without a word.
    nested = [
        warning(
            project.shown(folder),
            Position(1, 1),
            "card-folder",
            f"card files in {project.shown(folder)}/ are not read; card files go directly in {shown}/",
        )
        for folder in folders
    ]
    if not files:
        return [], [
            error(shown, Position(1, 1), "schema-no-cards", "no card files (*.yaml) found"),
            *nested,
        ]
    return files, nested


class LoadedCards(NamedTuple):
    """The cards of sound shape, the findings on the rest, and how many cards were written
    (sound or not: a file of three cards, one of them broken, holds three)."""

    cards: list[Card]
    diagnostics: list[Diagnostic]
    written: int


@dataclass(frozen=True)
class Citable:
    """The sources a card may cite: the catalogue's keys; those it names whose article could not
    be read, each with where its finding says why ("seeds/sources.yaml:12"); and the
    catalogue's path as findings show it."""

    keys: frozenset[str]
    unreadable: Mapping[str, str] = field(default_factory=dict)
    catalogue: str = CATALOGUE


def load_cards(shown: str, data: bytes, citable: Citable) -> LoadedCards:
    """The cards of one card file's bytes; `shown` is its path as findings show it."""
    root, diagnostics = parse_yaml(data, shown)
    return _cards_of(shown, root, diagnostics, citable)


def card_ids(project: Project) -> set[str]:
    """The ids the project's card files give their cards, and their former ids (`was:`), read
    leniently (a file that does not read, or a card without an id, is passed over): ids a new
    card must not take."""
    ids: set[str] = set()
    try:
        files = project.card_files()
    except OSError:
        return ids
    for path in files:
        root, _ = read_yaml(path, project.shown(path))
        items = root.get("cards") if isinstance(root, YMap) else None
        for item in items.value.items if items and isinstance(items.value, YSeq) else ():
            for key in ("id", "was"):
                entry = item.get(key) if isinstance(item, YMap) else None
                node = entry.value if entry else None
                for value in node.items if isinstance(node, YSeq) else (node,):
                    if isinstance(value, YScalar) and isinstance(value.value, str):
                        ids.add(value.value)
    return ids


def _cards_of(
    shown: str, root: YNode | None, diagnostics: list[Diagnostic], citable: Citable
) -> LoadedCards:
    if root is None:
        if not diagnostics:
            diagnostics.append(
                error(
                    shown,
                    Position(1, 1),
                    "schema-top",
                    "file is empty: expected a mapping with a 'cards' list",
                )
            )
        return LoadedCards([], diagnostics, 0)
    shape = ShapeChecker(shown)
    top = shape.mapping(root, "a card file")
    cards: list[Card] = []
    written = 0
    if top is not None:
        shape.unknown_keys(top, FILE_KEYS, "a card file")
        default_source = _source_key(shape, top, citable)
        keys = {entry.key for entry in top.entries}
        file_tags = shape.string_list(top, "tags", tag_problem, "tag")
        items = shape.sequence(top, "cards", "a card file")
        written = len(items.items) if items else 0
        for item in items.items if items else ():
            card_map = shape.mapping(item, "each card")
            if card_map is not None:
                card = _card(
                    shape,
                    card_map,
                    shown,
                    default_source,
                    "source" in keys,
                    file_tags,
                    citable,
                )
                if card is not None:
                    cards.append(card)
    diagnostics.extend(shape.diagnostics + shape.untold_finding())
    return LoadedCards(cards, diagnostics, written)


def _former_ids(shape: ShapeChecker, mapping: YMap, card_id: str | None) -> list[YScalar]:
    """The ids under `was:` (one, or a list, oldest first), each a well-formed id other than
    the card's own, listed once; each mistake is reported."""
    entry = mapping.get("was")
    if entry is None:
        return []
    node = entry.value
    items = node.items if isinstance(node, YSeq) else (node,)
    if isinstance(node, YSeq) and not items:
        shape.fail(node, "schema-empty", "'was' is an empty list")
        return []
    found: list[YScalar] = []
    for item in items:
        if shape.unreadable_value(item):
            continue
        if not isinstance(item, YScalar) or not isinstance(item.value, str):
            what = "'was'" if item is node else "each of 'was'"
            shape.fail(
                item,
                "schema-type",
                f"{what} must be a card's former id (a string), not {kind_name(item)}",
                "was: old-id, or a list, oldest first: was: [oldest-id, old-id]",
            )
        elif not KEY_RE.match(item.value):
            shape.fail(
                item,
                "card-was",
                f"former id '{item.value}' must be lowercase letters, digits and hyphens, "
                "as an id is",
            )
        elif item.value == card_id:
            shape.fail(item, "card-was", f"former id '{item.value}' is the card's own id")
        elif any(item.value == seen.value for seen in found):
            shape.fail(item, "card-was", f"former id '{item.value}' is listed twice")
        else:
            found.append(item)
    return found


def _source_key(shape: ShapeChecker, mapping: YMap, citable: Citable) -> str | None:
    source_keys, unreadable, catalogue = citable.keys, citable.unreadable, citable.catalogue
    key = shape.string(mapping, "source", "a card", required=False)
    if key is not None and key in unreadable:
        shape.fail(
            mapping.get("source").value,  # type: ignore[union-attr]
            "source-unknown",
            f"source '{key}' cannot be used: its article could not be read (see {unreadable[key]})",
        )
        return None
    if key is not None and key not in source_keys:
        node = mapping.get("source").value  # type: ignore[union-attr]
        known = ", ".join(sorted(source_keys)) or "none"
        shape.fail(
            node,
            "source-unknown",
            f"unknown source '{key}'{suggestion(key, source_keys)}",
            f"sources in {catalogue}: {known}",
        )
        return None
    return key


def _card(
    shape: ShapeChecker,
    mapping: YMap,
    shown: str,
    default_source: str | None,
    file_sets_source: bool,
    file_tags: tuple[str, ...],
    citable: Citable,
) -> Card | None:
    before = shape.problems
    shape.unknown_keys(mapping, CARD_KEYS, "a card")
    card_id = shape.string(mapping, "id", "card", required=True)
    where = f"card '{card_id}'" if card_id else "card"
    if card_id is not None and not KEY_RE.match(card_id):
        shape.fail(
            mapping.get("id").value,  # type: ignore[union-attr]
            "card-id",
            f"id '{card_id}' must be lowercase letters, digits and hyphens (e.g. nyt-stem-graduates)",
        )
    card_type = shape.string(mapping, "type", where, required=True)
    if card_type is not None and card_type not in CARD_TYPES:
        shape.fail(
            mapping.get("type").value,  # type: ignore[union-attr]
            "card-type",
            f"unknown type '{card_type}'{suggestion(card_type, CARD_TYPES)}",
            f"types: {', '.join(CARD_TYPES)}",
        )
    values = {
        k: shape.string(mapping, k, where, required=True) for k in ("question", "answer", "quote")
    }
    for key, value in values.items():
        # "." is found in any article, and names nothing: a zero-width space is not a question.
        if value is not None and not _LETTER_OR_DIGIT.search(fold(value)):
            shape.fail(
                mapping.get(key).value,  # type: ignore[union-attr]
                "schema-empty",
                f"'{key}' holds no letters or digits",
            )
    note = shape.string(mapping, "note", where, required=False)
    tags = shape.string_list(mapping, "tags", tag_problem, "tag")
    source = default_source
    if mapping.get("source") is not None:
        source = _source_key(shape, mapping, citable)
    elif not file_sets_source:
        shape.fail(
            mapping, "schema-missing-key", f"{where} has no 'source' (and the file sets none)"
        )
    was = _former_ids(shape, mapping, card_id)
    if shape.problems > before or source is None:
        return None
    spans = {entry.key: entry.value.span for entry in mapping.entries}
    positions: list[int] = []
    for key in CARD_KEYS:
        positions += spans.get(key, _NOWHERE)[:2]
    positions += mapping.span[:2]
    for node in was:
        positions += node.span[:2]
    return Card(
        id=card_id,  # type: ignore[arg-type]
        type=card_type,  # type: ignore[arg-type]
        question=values["question"],  # type: ignore[arg-type]
        answer=values["answer"],  # type: ignore[arg-type]
        quote=values["quote"],  # type: ignore[arg-type]
        source=source,
        path=shown,
        tags=tuple(dict.fromkeys([*file_tags, *tags])),
        note=note or "",
        was=tuple(node.value for node in was),  # type: ignore[misc]
        positions=tuple(positions),
    )
