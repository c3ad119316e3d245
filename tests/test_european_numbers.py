"""Numbers in German, French, Spanish, Italian, Portuguese and Dutch: their formats and words."""

from __future__ import annotations

import pytest

from citedeck.text.numbers import numbers_in


def read(text: str, language: str) -> list[tuple[str, str]]:
    return [(n.text, str(n)) for n in numbers_in(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2.048 Mitarbeiter, 2,5 Milliarden Euro", "de", [("2.048", "2,048"), ("2,5 Milliarden Euro", "2,500,000,000 EUR")]),
        ("zwei Millionen Euro, zwölf Prozent, 500 €", "de", [("zwei Millionen Euro", "2,000,000 EUR"), ("zwölf Prozent", "12%"), ("500 €", "500 EUR")]),
        ("eine Milliarde, dreihundertzwölf Stellen, 3 Mrd. Euro", "de", [("eine Milliarde", "1,000,000,000"), ("dreihundertzwölf", "312"), ("3 Mrd. Euro", "3,000,000,000 EUR")]),
        # German separators that settle nothing: no number.
        ("2.5 Punkte, am 3.10.2024", "de", []),
        ("vingt et un pour cent, 2\u202f048 salariés", "fr", [("vingt et un pour cent", "21%"), ("2 048", "2,048")]),
        ("1,5 milliard d'euros, un million, la une", "fr", [("1,5 milliard d'euros", "1,500,000,000 EUR"), ("un million", "1,000,000")]),
        # A French "." between digits says nothing sure; digits of a year and a count stay two.
        ("2.048 salariés, en 2019 100 personnes", "fr", [("2019", "2019"), ("100", "100")]),
        ("dos millones de euros", "es", [("dos millones de euros", "2,000,000 EUR")]),
        ("due milioni di euro", "it", [("due milioni di euro", "2,000,000 EUR")]),
        ("dois milhões de euros", "pt", [("dois milhões de euros", "2,000,000 EUR")]),
        ("twee miljoen euro", "nl", [("twee miljoen euro", "2,000,000 EUR")]),
        # English reads "2.048" as a decimal, as it always has.
        ("2.048 GPUs", "en", [("2.048", "2.048")]),
    ],
)
def test_european_numbers(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert read(text, language) == expected
