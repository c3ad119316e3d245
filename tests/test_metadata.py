"""commands.metadata: what a page says of its author and publisher, cleaned, or left out with
the reason when still doubtful."""

from __future__ import annotations

import doctest

import pytest

from citedeck.commands import metadata
from citedeck.commands.metadata import Cleaned, clean_author, clean_publisher


@pytest.mark.parametrize(
    ("author", "site", "cleaned"),
    [
        ("Ada Byline", None, Cleaned("Ada Byline")),
        ("Written by Ada Byline", None, Cleaned("Ada Byline")),
        ("By Ada Byline, Bo Chen", None, Cleaned("Ada Byline, Bo Chen")),
        ("Ada Byline, Staff Writer", None, Cleaned("Ada Byline")),
        ("Ada Byline - Senior Correspondent", None, Cleaned("Ada Byline")),
        ("Story by Ada Byline | Photos by Bo Chen", None, Cleaned("Ada Byline")),
        ("Autor: Jana Müller", None, Cleaned("Jana Müller")),
        ("Par Jean Dupont", None, Cleaned("Jean Dupont")),
        ("Von Hans Müller", None, Cleaned("Hans Müller")),
        ("Автор: Иван Петров", None, Cleaned("Иван Петров")),
        ("Ada Byline; The Gazette", "The Gazette", Cleaned("Ada Byline")),
        ("EXAMPLE MEDIA GROUP; Ada Byline", None, Cleaned("Ada Byline")),
        ("Ada Byline 2 May 2024", None, Cleaned("Ada Byline")),
        ("Ada Byline, 2024-05-02", None, Cleaned("Ada Byline")),
        # Names that look like labels or dates are kept, or left out, never cut short.
        ("Di Maria", None, Cleaned("Di Maria")),
        ("Jean-Luc Picard", None, Cleaned("Jean-Luc Picard")),
        (
            "Ada Byline March",
            None,
            Cleaned(None, "it ends in a month's name (March), perhaps of a date glued on"),
        ),
        ("Maria May", None, Cleaned(None, "it ends in a month's name (May), perhaps of a date glued on")),
        ("the gazette", "The Gazette", Cleaned(None, "it is the site's name")),
        ("Reuters Staff", None, Cleaned(None, "it names an organisation or a role, not a person")),
        ("https://example.com/ada", None, Cleaned(None, "it holds an address, not a name")),
        (None, "The Gazette", Cleaned(None)),
        ("  ", None, Cleaned(None)),
    ],
)
def test_clean_author(author: str | None, site: str | None, cleaned: Cleaned) -> None:
    assert clean_author(author, site) == cleaned


@pytest.mark.parametrize(
    ("publisher", "cleaned"),
    [
        ("The Example Gazette", Cleaned("The Example Gazette")),
        ("example.com", Cleaned("example.com")),
        ("WordPress", Cleaned(None, "WordPress is the platform the page is hosted on")),
        ("Substack", Cleaned(None, "Substack is the platform the page is hosted on")),
        ("gazette_online", Cleaned(None, "it looks like a slug (gazette_online), not a name")),
        (None, Cleaned(None)),
    ],
)
def test_clean_publisher(publisher: str | None, cleaned: Cleaned) -> None:
    assert clean_publisher(publisher) == cleaned


def test_the_docstring_examples_hold() -> None:
    assert doctest.testmod(metadata).failed == 0
