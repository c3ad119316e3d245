"""The ledger, shipped-cards.txt: every note a deck has shipped, by the id it was first built
under, one a line, sorted; a card since removed from cards/ is *retired*, its line dated.

A build ships every note of the ledger: a live card's, or a retired one's, marked as removed,
so an import updates the learner's copy instead of leaving it scheduled. The file is the
deck's, committed with its cards like a lockfile; builds write it, and a merge of two branches
merges it line by line.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from citedeck.load.cards import Card
from citedeck.load.diagnostics import Diagnostic, Position, byte_position, error
from citedeck.load.project import Project, present, read_at_most
from citedeck.load.schema import KEY_RE

CODE = "ledger-line"
MAX_BYTES = 20 * 1024 * 1024
RETIRED = "retired"
HEADER = f"""\
# The notes this deck has shipped to Anki, one a line, by the id each was first built under.
# "{RETIRED} DATE" marks a card removed from cards/ on that day: builds still ship its note,
# marked as removed, until `citedeck retire --forget ID`. citedeck build writes this file;
# commit it with the cards, and edit it by hand only to resolve a merge (keep every line).
"""
_TOKEN = re.compile(r"\S+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MERGE_MARKS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


@dataclass(frozen=True)
class Ledger:
    """Each note's id, with the day it was retired (YYYY-MM-DD), or None while it is live."""

    shipped: Mapping[str, str | None] = field(default_factory=dict)

    def retired(self, covered: Collection[str]) -> dict[str, str | None]:
        """The ids not among `covered` (the ids cards are or were, covered_ids), with the day
        each was retired (None: not yet, when no build has shipped it retired), in order."""
        return {key: when for key, when in sorted(self.shipped.items()) if key not in covered}

    def after_build(self, cards: Iterable[Card], day: str) -> Ledger:
        """The ledger once `cards` have shipped on `day`: each card's note live, a former id
        kept live, a note no card is or was any longer retired (on `day`, if it was not yet)."""
        cards = list(cards)
        covered = covered_ids(cards)
        shipped: dict[str, str | None] = {card.note_key: None for card in cards}
        for key, when in self.shipped.items():
            if key not in shipped:
                shipped[key] = None if key in covered else (when or day)
        return Ledger(dict(sorted(shipped.items())))

    def text(self) -> str:
        """The file's text: the header, then a line for each id, sorted."""
        lines = [
            key if when is None else f"{key} {RETIRED} {when}" for key, when in self.shipped.items()
        ]
        return HEADER + "".join(f"{line}\n" for line in sorted(lines))


def covered_ids(cards: Iterable[Card]) -> set[str]:
    """The ids `cards` are or were: no ledger id among them is retired."""
    return {key for card in cards for key in (card.id, *card.was)}


def build_day(timestamp: float) -> str:
    """The day, in UTC, of a build at `timestamp`: the day its retired cards are dated."""
    return time.strftime("%Y-%m-%d", time.gmtime(timestamp))


def load_ledger(project: Project) -> tuple[Ledger, list[Diagnostic]]:
    """The project's ledger (empty when there is none yet), and a finding for each line that
    is not an id, or an id and the day it was retired."""
    path = project.ledger
    shown = project.shown(path)
    if not present(path):
        return Ledger(), []
    try:
        data = read_at_most(path, MAX_BYTES)
    except OSError as exc:
        return Ledger(), [
            error(shown, Position(1, 1), "io", f"cannot read file: {exc.strerror or exc}")
        ]
    if len(data) > MAX_BYTES:
        return Ledger(), [
            error(shown, Position(1, 1), CODE, "file is over 20 MiB; a ledger holds a line a card")
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Ledger(), [
            error(
                shown,
                byte_position(data, exc.start),
                CODE,
                "not UTF-8: citedeck writes it as UTF-8",
            )
        ]
    shipped: dict[str, str | None] = {}
    problems: list[Diagnostic] = []
    for number, line in enumerate(text.splitlines(), 1):
        tokens = list(_TOKEN.finditer(line))
        if not tokens or tokens[0].group().startswith("#"):
            continue
        problem = _line_problem(line, [t.group() for t in tokens])
        if problem is not None:
            index, message, hint = problem
            at = Position(number, tokens[index].start() + 1)
            problems.append(error(shown, at, CODE, message, hint))
            continue
        key = tokens[0].group()
        when = tokens[2].group() if len(tokens) == 3 else None
        # Two lines of one id come of a merge: retired is what a build would decide again.
        earlier = shipped.get(key)
        shipped[key] = min(filter(None, (earlier, when)), default=None)
    return Ledger(dict(sorted(shipped.items()))), problems


def _line_problem(line: str, tokens: list[str]) -> tuple[int, str, str | None] | None:
    """What is wrong with a line of `tokens`: which token, the message and a hint; or None."""
    if line.startswith(_MERGE_MARKS):
        return (
            0,
            "a merge conflict's marker is left in",
            "keep the lines of both sides, drop the markers",
        )
    if not KEY_RE.match(tokens[0]):
        return (
            0,
            f"'{tokens[0][:100]}' is not a card id",
            "a line is 'ID' or 'ID retired YYYY-MM-DD'",
        )
    if len(tokens) == 1:
        return None
    if tokens[1] != RETIRED or len(tokens) != 3:
        return (
            1,
            f"unexpected '{tokens[1][:100]}' after the id",
            "a line is 'ID' or 'ID retired YYYY-MM-DD'",
        )
    if _DAY.fullmatch(tokens[2]):
        with contextlib.suppress(ValueError):
            date.fromisoformat(tokens[2])
            return None
    return 2, f"'{tokens[2][:100]}' is not a day written YYYY-MM-DD", None
