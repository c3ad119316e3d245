"""What a card's back cites, and the deck's description of its articles."""

from __future__ import annotations

from citedeck.load.catalogue import SourceInfo
from citedeck.output.citation import citation_html, deck_description


def test_the_citation_names_what_the_catalogue_knows_and_where() -> None:
    full = SourceInfo("nyt", "nyt.txt", "A <Title>", "The Times", "Jo Lee", "2025-01-02")
    assert citation_html(full, 7) == (
        '<span class="title">A &lt;Title&gt;</span> · <span class="publisher">The Times</span> · '
        '<span class="author">by Jo Lee</span> · <span class="date">2025-01-02</span> · '
        '<span class="where">seeds/nyt.txt, line 7</span>'
    )
    assert citation_html(SourceInfo("x", "x.txt"), None) == '<span class="where">seeds/x.txt</span>'


def test_the_deck_description_lists_each_article_by_key_and_citation() -> None:
    one = {"x": SourceInfo("x", "x.txt", title="T & U")}
    assert deck_description(one) == (
        "<p>Every card is proven against this article, and its back cites it.</p><ul>"
        '<li><span class="key">x</span> · <span class="title">T &amp; U</span> · '
        '<span class="where">seeds/x.txt</span></li></ul>'
    )
    two = {**one, "y": SourceInfo("y", "y.txt")}
    assert deck_description(two).startswith("<p>Every card is proven against one of these articles")
    assert deck_description(two).count("<li>") == 2


def test_a_source_is_named_every_way_a_card_may_name_it() -> None:
    source = SourceInfo("nyt", "nyt.txt", title="T", publisher="The Times", author="Jo Lee")
    assert source.names == ("The Times", "T", "Jo Lee", "nyt")
    assert source.label == "'nyt' (nyt.txt)"
