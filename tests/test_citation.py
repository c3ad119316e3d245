"""What a card's back cites, and the deck's description of its articles."""

from __future__ import annotations

from citedeck.load.catalogue import SourceInfo
from citedeck.output.citation import citation_html, deck_description
from citedeck.text.fragment import TextDirective


def test_the_citation_names_what_the_catalogue_knows_and_where() -> None:
    full = SourceInfo("nyt", "nyt.txt", "A <Title>", "The Times", "Jo Lee", "2025-01-02")
    assert citation_html(full, 7) == (
        '<span class="title">A &lt;Title&gt;</span> · <span class="publisher">The Times</span> · '
        '<span class="author">by Jo Lee</span> · <span class="date">2025-01-02</span> · '
        '<span class="where">seeds/nyt.txt, line 7</span>'
    )
    assert citation_html(SourceInfo("x", "x.txt"), None) == '<span class="where">seeds/x.txt</span>'


def test_the_deck_description_lists_each_article_by_the_name_it_is_recalled_by() -> None:
    one = {"x": SourceInfo("x", "x.txt", title="T & U: a long story", short="T & U")}
    assert deck_description(one) == (
        "<p>Every card is proven against this article, and its back cites it.</p><ul>"
        '<li><span class="name">T &amp; U</span> · <span class="title">T &amp; U: a long story'
        '</span> · <span class="where">seeds/x.txt</span></li></ul>'
    )
    two = {**one, "y": SourceInfo("y", "y.txt")}
    assert deck_description(two) == (
        "<p>Every card is proven against one of these articles, and its back cites it.</p><ul>"
        '<li><span class="name">T &amp; U</span> · <span class="title">T &amp; U: a long story'
        '</span> · <span class="where">seeds/x.txt</span></li>'
        '<li><span class="name unnamed">an article that names no title, publisher or author'
        '</span> · <span class="where">seeds/y.txt</span></li></ul>'
    )


def test_a_source_is_named_by_the_names_it_gives_itself_never_by_its_key() -> None:
    source = SourceInfo("nyt", "nyt.txt", title="T", publisher="The Times", author="Jo Lee")
    assert source.names == ("The Times", "T", "Jo Lee")
    assert source.recalled_as == "The Times"
    short = SourceInfo("c", "c.txt", title="Comeback Amid Exodus", short="Comeback")
    assert short.names == ("Comeback", "Comeback Amid Exodus")
    assert SourceInfo("x", "x.txt").names == ()
    assert SourceInfo("x", "x.txt").recalled_as is None
    assert source.label == "'nyt' (nyt.txt)"


def test_a_source_with_a_url_links_each_card_to_its_quote_in_the_article() -> None:
    source = SourceInfo("x", "x.txt", title="T", url="https://x.example/story?id=1&p=2")
    words = TextDirective("the lab hired", "sign-on bonuses")
    assert citation_html(source, 3, words) == (
        '<span class="title">T</span> · <span class="where">seeds/x.txt, line 3</span> · '
        '<a class="link" href="https://x.example/story?id=1&amp;p=2#:~:text=the%20lab%20hired,'
        'sign%2Don%20bonuses">the passage in the article</a>'
    )
    # No words single the quote out: the link is to the article; no url, no link.
    assert citation_html(source, 3, None).endswith(
        ' · <a class="link" href="https://x.example/story?id=1&amp;p=2">the article</a>'
    )
    assert "href" not in citation_html(SourceInfo("x", "x.txt"), 3, words)
