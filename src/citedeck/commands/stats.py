"""Deck statistics: cards per source and type, and how much of each article the quotes cover."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass

from citedeck.commands.check import CheckResult, check_project
from citedeck.load.cards import CARD_TYPES, Card
from citedeck.load.catalogue import Catalogue, load_catalogue
from citedeck.load.project import Project


@dataclass(frozen=True)
class SourceStats:
    key: str
    counts: dict[str, int]
    sentences: int
    covered: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0


def project_stats(project: Project) -> tuple[list[SourceStats], CheckResult]:
    """The statistics of the cards in `project` that read, and the check they were read by."""
    result = check_project(project)
    return deck_stats(result.cards, load_catalogue(project)[0]), result


def deck_stats(cards: list[Card], catalogue: Catalogue) -> list[SourceStats]:
    """One row per catalogued source, in catalogue order; a sentence counts as covered when any
    card's quote overlaps it."""
    by_source: dict[str, list[Card]] = {key: [] for key in catalogue.sources}
    for card in cards:
        by_source[card.source].append(card)
    rows = []
    for key, source in catalogue.sources.items():
        mine = by_source[key]
        counts = {t: sum(c.type == t for c in mine) for t in CARD_TYPES}
        spans = source.text.sentences()
        starts = [start for start, _ in spans]
        touched: set[int] = set()
        for card in mine:
            match = catalogue.locate(key, card.quote)
            for start, end in match.spans if match else ():
                first = max(bisect.bisect_right(starts, start) - 1, 0)
                last = bisect.bisect_left(starts, end)
                touched.update(i for i in range(first, last) if spans[i][1] > start)
        rows.append(SourceStats(key, counts, len(spans), len(touched)))
    return rows


def format_table(rows: list[SourceStats]) -> str:
    headers = ["source", *CARD_TYPES, "total", "coverage"]
    body = [
        [
            r.key,
            *(str(r.counts[t]) for t in CARD_TYPES),
            str(r.total),
            f"{r.coverage:.0%} ({r.covered}/{r.sentences} sentences)",
        ]
        for r in rows
    ]
    totals = {t: sum(r.counts[t] for r in rows) for t in CARD_TYPES}
    covered, sentences = sum(r.covered for r in rows), sum(r.sentences for r in rows)
    coverage = covered / sentences if sentences else 0.0
    body.append(
        [
            "total",
            *(str(totals[t]) for t in CARD_TYPES),
            str(sum(totals.values())),
            f"{coverage:.0%} ({covered}/{sentences} sentences)",
        ]
    )
    widths = [max(len(row[i]) for row in [headers, *body]) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1])]
        return "  ".join([*cells, row[-1]]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *map(line, body[:-1]), rule, line(body[-1])]) + "\n"


# Past this many retired cards the line counts them and `citedeck retire` lists them.
NAMED_AT_MOST = 5


def format_retired(retired: dict[str, str | None]) -> str:
    """A line naming the retired cards (and the day each was retired), or, when there are many,
    counting them; or nothing."""
    if not retired:
        return ""
    cards = "card" if len(retired) == 1 else "cards"
    said = f"retired: {len(retired)} {cards}, removed from cards/ and shipped as removed"
    if len(retired) > NAMED_AT_MOST:
        return f"{said} (citedeck retire lists them)\n"
    named = ", ".join(f"{key} ({day or 'at the next build'})" for key, day in retired.items())
    return f"{said}: {named}\n"


def as_json_data(
    rows: list[SourceStats], retired: dict[str, str | None] | None = None
) -> dict[str, object]:
    totals = {t: sum(r.counts[t] for r in rows) for t in CARD_TYPES}
    covered, sentences = sum(r.covered for r in rows), sum(r.sentences for r in rows)
    return {
        "sources": [
            {**asdict(r), "total": r.total, "coverage": round(r.coverage, 4)} for r in rows
        ],
        "total": {
            "counts": totals,
            "total": sum(totals.values()),
            "sentences": sentences,
            "covered": covered,
            "coverage": round(covered / sentences, 4) if sentences else 0.0,
        },
        "retired": [{"id": key, "retired": day} for key, day in (retired or {}).items()],
    }
