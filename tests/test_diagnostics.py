"""Findings as values: where an undecodable byte stands, and a file's findings capped."""

from __future__ import annotations

from citedeck.load.diagnostics import (
    MAX_FINDINGS,
    FileFindings,
    Position,
    brief,
    byte_position,
    error,
)


def test_a_bytes_line_ends_at_crlf_lf_or_a_lone_cr_as_text_lines_do() -> None:
    data = b"one\r\ntwo\rthree\nfo\xffur"
    assert byte_position(data, data.index(b"\xff")) == Position(4, 3)
    assert byte_position(b"\xff", 0) == Position(1, 1)


def test_a_file_keeps_its_first_findings_and_counts_the_rest() -> None:
    found = FileFindings("cards/a.yaml")
    assert found.untold_finding() == []
    for line in range(1, MAX_FINDINGS + 6):
        found.report(error("cards/a.yaml", Position(line, 3), "schema-empty", "'x' is empty"))
    assert len(found.diagnostics) == MAX_FINDINGS and found.untold == 5
    [told] = found.untold_finding()
    assert (told.line, told.col, told.code) == (MAX_FINDINGS + 1, 3, "too-many-findings")
    assert told.message == "5 more problems from here on are not listed (only the first 1,000 in a file are)"


def test_a_message_quotes_a_long_value_by_its_start() -> None:
    assert brief("Liang Wenfeng") == "Liang Wenfeng"
    assert brief("x" * 100) == "x" * 100
    assert brief("1" + "0" * 1_000_000) == "1" + "0" * 98 + "…"
