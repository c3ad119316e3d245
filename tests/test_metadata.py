"""commands.metadata: what a page says of its title, author and publisher, cleaned, or left out
with the reason when still doubtful."""

from __future__ import annotations

import doctest

import pytest

from citedeck.commands import metadata
from citedeck.commands.metadata import (
    Cleaned,
    byline_author,
    clean_author,
    clean_publisher,
    clean_title,
)


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
        # Trafilatura gives "Story by X | Photos by Y" as "Story by X; Photos by Y".
        ("Story by Ada Byline; Photos by Bo Chen", None, Cleaned("Ada Byline")),
        ("Ada Byline; Fotos: Bo Chen", None, Cleaned("Ada Byline")),
        ("Photos by Bo Chen", None, Cleaned(None, "it names an organisation or a role, not a person")),
        ("Opinion by Ada Byline, Columnist", None, Cleaned("Ada Byline")),
        ("김서연 기자", None, Cleaned("김서연")),
        ("记者 陈晓雯", None, Cleaned("陈晓雯")),
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


@pytest.mark.parametrize(
    ("title", "site", "cleaned"),
    [
        ("Seeds Are Lent | The Gazette", "The Gazette", Cleaned("Seeds Are Lent")),
        ("Seeds Are Lent - The Gazette", "The Gazette", Cleaned("Seeds Are Lent")),
        ("Seeds Are Lent — The Gazette", "The Gazette", Cleaned("Seeds Are Lent")),
        ("Seeds Are Lent – the gazette", "The Gazette", Cleaned("Seeds Are Lent")),
        ("The Gazette | Seeds Are Lent", "The Gazette", Cleaned("Seeds Are Lent")),
        ("种子图书馆_城市新报", "城市新报", Cleaned("种子图书馆")),
        ("Seeds Are Lent | by Ada Byline | Medium", "Medium", Cleaned("Seeds Are Lent")),
        ("Opinion | Lend Seeds, Not Books", "The Gazette", Cleaned("Lend Seeds, Not Books")),
        # What is not the site's name stays: a tail naming something else, a colon's headline.
        ("Seeds Are Lent | Exampleton", "The Gazette", Cleaned("Seeds Are Lent | Exampleton")),
        ("Review: Seeds Are Lent", "The Gazette", Cleaned("Review: Seeds Are Lent")),
        ("Lend - Borrow - Return", None, Cleaned("Lend - Borrow - Return")),
        ("snake_case in seed catalogues", "The Gazette", Cleaned("snake_case in seed catalogues")),
        ("The Gazette", "The Gazette", Cleaned(None, "it is the site's name")),
        ("The Gazette | the_gazette", "The Gazette", Cleaned(None, "it is the site's name")),
        (None, "The Gazette", Cleaned(None)),
    ],
)
def test_clean_title(title: str | None, site: str | None, cleaned: Cleaned) -> None:
    assert clean_title(title, site) == cleaned


CAPTION = "Crowds gather on the quay as tall ships arrive. Photograph: Ledger staff"


@pytest.mark.parametrize(
    ("headings", "cleaned"),
    [
        ((), Cleaned(None, "it is an image's caption or alt text, not a headline of the page")),
        (("Top stories",), Cleaned(None, "it is an image's caption or alt text, not a headline of the page")),
        # An article whose image is described by its headline: the heading says it is one.
        (("Crowds gather on the quay as tall ships arrive",), Cleaned("Crowds gather on the quay as tall ships arrive")),
    ],
)
def test_a_title_taken_from_an_image_is_left_out(headings: tuple[str, ...], cleaned: Cleaned) -> None:
    title = "Crowds gather on the quay as tall ships arrive"
    assert clean_title(title, "The Ledger", [CAPTION], headings) == cleaned
    assert clean_title(title, "The Ledger", [title], headings) == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("By Ada Byline\nPacific Gazette\nThe library lends seeds.", Cleaned("Ada Byline")),
        ("Seeds Are Lent\nBy Ada Byline · July 23, 2024\nThe library lends seeds.", Cleaned("Ada Byline")),
        ("Von Jana Müller\nDie Bibliothek verleiht Saatgut.", Cleaned("Jana Müller")),
        ("By The Gazette\nThe library lends seeds.", Cleaned(None, "it is the site's name")),
        # A sentence beginning "By", and a byline past the article's head, name no author.
        ("By noon the library had lent 340 packets of seeds to its borrowers.", Cleaned(None)),
        ("By Monday, all was lost.\nThe library lends seeds.", Cleaned(None)),
        ("Door de storm vielen veertig bomen om\nDe bibliotheek.", Cleaned(None)),
        ("Seeds\nThe library lends seeds.\nIts borrowers return them.\nBy Ada Byline", Cleaned(None)),
        ("The library lends seeds.", Cleaned(None)),
    ],
)
def test_byline_author(text: str, cleaned: Cleaned) -> None:
    assert byline_author(text, "The Gazette") == cleaned


def test_the_docstring_examples_hold() -> None:
    assert doctest.testmod(metadata).failed == 0
