"""The one shape every finding takes, whatever produced it: a located, coded message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import partial


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)  # one per YAML value: a large deck holds hundreds of thousands
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    end_line: int | None = None
    end_col: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def finding(
    severity: Severity,
    path: str,
    pos: Position,
    code: str,
    message: str,
    hint: str | None = None,
    end: Position | None = None,
) -> Diagnostic:
    """A finding at `pos`, spanning to `end` when it is given."""
    return Diagnostic(
        path,
        pos.line,
        pos.col,
        code,
        message,
        severity,
        hint,
        end.line if end else None,
        end.col if end else None,
    )


error = partial(finding, Severity.ERROR)
warning = partial(finding, Severity.WARNING)


# A file's findings listed at most: a 300 KB file of 100,000 empty cards holds 600,000
# mistakes, a list no one reads and gigabytes to print as JSON. The first ones tell what is wrong.
MAX_FINDINGS = 1000


class FileFindings:
    """One file's findings as they are made: the first MAX_FINDINGS kept, the rest counted."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.diagnostics: list[Diagnostic] = []
        self.untold = 0
        self._first_untold: Diagnostic | None = None

    def report(self, diagnostic: Diagnostic) -> None:
        if len(self.diagnostics) < MAX_FINDINGS:
            self.diagnostics.append(diagnostic)
        else:
            self.untold += 1
            self._first_untold = self._first_untold or diagnostic

    def untold_finding(self) -> list[Diagnostic]:
        """A finding where the findings not listed start, saying how many there are; or none."""
        first = self._first_untold
        if first is None:
            return []
        return [
            error(
                first.path,
                Position(first.line, first.col),
                "too-many-findings",
                f"{self.untold:,} more problems from here on are not listed (only the first "
                f"{MAX_FINDINGS:,} in a file are)",
                "fix those, and check again",
            )
        ]


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


# How much of a user's value a message quotes: an answer is a few words, and one of a
# megabyte would otherwise be printed whole in each finding about it.
_SHOWN_AT_MOST = 100


def brief(value: str) -> str:
    """`value` as a message quotes it: whole, or its start and an ellipsis if it is long."""
    return value if len(value) <= _SHOWN_AT_MOST else f"{value[: _SHOWN_AT_MOST - 1]}…"


def mebibytes(size: int) -> str:
    """A file's size as findings state it: '25.0 MiB'."""
    return f"{size / 1_048_576:.1f} MiB"


_BYTE_LINE_END = re.compile(rb"\r\n?|\n")


def byte_position(data: bytes, offset: int) -> Position:
    """The 1-based line and column (in bytes) of `offset` in `data`: where an undecodable byte
    stands, before there is any text to count characters in."""
    # Lines end as editors end them (text.fold.LINE_END): at CRLF, LF or a lone CR.
    ends = [end.end() for end in _BYTE_LINE_END.finditer(data, 0, offset)]
    line_start = ends[-1] if ends else 0
    return Position(len(ends) + 1, offset - line_start + 1)
