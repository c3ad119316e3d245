"""commands.saved_page: the furniture cleared from a page before it is read (ads labelled in any
language, a paywall's gate), a lead paragraph outside the article, the copyright lines at its
end, and what the page says of its language, captions and headings."""

from __future__ import annotations

import pytest

from citedeck.commands.saved_page import (
    STUB_WORDS,
    cleared,
    lead_paragraphs,
    paywall_stub,
    without_trailer,
)

STORY = (
    "<p>The library in Exampleton now lends 340 kinds of seeds alongside its books, and its "
    "borrowers return them by saving seeds from their harvest each autumn.</p>"
)


def page(body: str, head: str = "", html: str = "<html>") -> str:
    return f"{html}<head><title>Seeds</title>{head}</head><body>{body}</body></html>"


def test_an_ad_block_labelled_in_the_page_language_is_cleared() -> None:
    markup = page(
        f"<article>{STORY}<div><span>Anzeige</span><p>Jetzt Tarif wechseln!</p></div>{STORY}</article>"
    )
    result = cleared(markup)
    assert "Tarif" not in result.markup and "Anzeige" not in result.markup
    assert result.markup.count("340 kinds") == 2
    assert result.gate is None


@pytest.mark.parametrize("holder", ["div class='story'", "aside"])
def test_a_label_takes_only_the_box_it_heads(holder: str) -> None:
    # An ad slot at the end of a short story, or of a sidebar: the slot goes, not what holds it.
    tag = holder.split()[0]
    result = cleared(page(f"<article><{holder}>{STORY}<div>Advertisement</div></{tag}></article>"))
    assert "Advertisement" not in result.markup and "340 kinds" in result.markup


@pytest.mark.parametrize("name", ["ad-slot", "anzeige", "promo-block", "werbung", "publicite"])
def test_a_small_block_classed_as_an_ad_is_cleared(name: str) -> None:
    result = cleared(
        page(f"<article>{STORY}<div class='x {name}'>Book a cottage now</div></article>")
    )
    assert "cottage" not in result.markup and "340 kinds" in result.markup


def test_prose_is_never_cleared_as_an_ad_nor_as_a_gate() -> None:
    # More words than an ad or a gate holds: prose, whatever its class or what it mentions.
    long_story = "<div class='promo'>" + STORY * 3 + "</div>"
    mention = (
        "<p>The paper's site asks readers to subscribe to continue reading, which the "
        + "library's borrowers said they would not do, preferring the printed edition " * 5
        + "</p>"
    )
    markup = page(f"<article>{long_story}{mention}</article>")
    result = cleared(markup)
    assert result.markup == markup
    assert result.gate is None


def test_a_paywall_gate_is_cleared_up_to_its_box_and_named() -> None:
    gate = (
        "<div class='barrier'><h2>Subscribe to continue reading</h2>"
        "<p>Get unlimited access on any device.</p><p>Already a subscriber? <a>Sign in</a></p></div>"
    )
    result = cleared(page(f"<article><h1>Seeds</h1>{STORY}{gate}</article>"))
    assert result.gate == "Subscribe to continue reading"
    assert "unlimited" not in result.markup and "Sign in" not in result.markup
    assert "340 kinds" in result.markup


def test_a_gate_in_a_short_story_s_box_leaves_the_teaser() -> None:
    result = cleared(
        page(
            f"<article><div class='body'>{STORY}<p>Subscribe to continue reading</p></div></article>"
        )
    )
    assert result.gate == "Subscribe to continue reading"
    assert "Subscribe" not in result.markup and "340 kinds" in result.markup


@pytest.mark.parametrize(
    "words",
    [
        "Weiterlesen mit RR+",
        "Il vous reste 81 % de cet article à lire. La suite est réservée aux abonnés.",
        "Эта статья доступна только для подписчиков",
        "유료 회원 전용 기사입니다",
        "この記事は有料会員限定です",
        "本文为付费内容",
    ],
)
def test_a_gate_is_known_in_the_languages_of_the_pages_people_save(words: str) -> None:
    assert cleared(page(f"<article>{STORY}<div><p>{words}</p></div></article>")).gate == words


@pytest.mark.parametrize(
    ("html", "head", "language"),
    [
        ("<html lang='de-AT'>", "", "de"),
        ("<html>", "<meta property='og:locale' content='fr_FR'>", "fr"),
        (
            "<html>",
            '<script type="application/ld+json">{"@graph": [{"inLanguage": "nl"}]}</script>',
            "nl",
        ),
        ("<html lang='ru'>", "<meta property='og:locale' content='fr_FR'>", None),  # not read
        ("<html>", "", None),
    ],
)
def test_the_language_the_page_declares(html: str, head: str, language: str | None) -> None:
    assert cleared(page(STORY, head, html)).language == language


def test_captions_and_headings() -> None:
    result = cleared(
        page(
            "<h1>Seeds</h1><figure><img alt='A packet'><figcaption>Seeds, lent.</figcaption></figure>"
            "<h2>More</h2><h3>Less</h3>",
            "<meta property='og:image:alt' content='A shelf'>",
        )
    )
    assert (result.captions, result.headings) == (
        ("A shelf", "A packet", "Seeds, lent."),
        ("Seeds", "More"),
    )


def test_a_paywall_stub_is_a_teaser_and_a_gate() -> None:
    teaser = "word " * 64
    assert paywall_stub(teaser, "Subscribe to continue reading") == (
        (
            'looks like a paywall stub: 64 words of article text, and the page says "Subscribe to '
            'continue reading" (saved without a subscription?)'
        ),
    )
    assert paywall_stub(teaser, None) == ()
    assert paywall_stub("word " * (STUB_WORDS + 1), "Subscribe to continue reading") == ()


LEAD = (
    "<div class='lede-wrap'><p>The city will plant 12,000 street trees over the next five years, "
    "most of them in the hottest districts.</p></div>"
)


def test_a_lead_paragraph_outside_the_article_is_found() -> None:
    markup = page(f"<h1>Trees</h1>{LEAD}<article>{STORY}</article>")
    text = "The library in Exampleton now lends 340 kinds of seeds alongside its books, and its borrowers return them by saving seeds from their harvest each autumn."
    assert lead_paragraphs(markup, text) == [
        (
            "The city will plant 12,000 street trees over the next five years, most of them in "
            "the hottest districts."
        )
    ]
    assert (
        lead_paragraphs(
            markup,
            f"The city will plant 12,000 street trees over the next five years, most of them in the hottest districts.\n{text}",
        )
        == []
    )


@pytest.mark.parametrize(
    "before",
    [
        # Before the headline (a cookie notice), a byline, a standfirst that ends no sentence.
        "<p>We and our 212 partners store and access information on your device for ads and content.</p><h1>Trees</h1>",
        "<h1>Trees</h1><p class='byline'>By Ada Byline, who has covered the city's parks and trees for the paper since 2015.</p>",
        "<h1>Trees</h1><p>Single suppliers, branded blazers and logo socks have turned a shop into a three-figure bill</p>",
        "<h1>Trees</h1><nav><p>Home, News, Sport, Opinion, Culture, Weather, Puzzles, Obituaries, Jobs, Homes and more.</p></nav>",
    ],
)
def test_what_is_no_lead_paragraph(before: str) -> None:
    text = "The library in Exampleton now lends 340 kinds of seeds alongside its books, and its borrowers return them by saving seeds from their harvest each autumn."
    assert lead_paragraphs(page(f"{before}<article>{STORY}</article>"), text) == []


def test_without_an_h1_or_the_article_in_the_page_no_lead_is_known() -> None:
    assert (
        lead_paragraphs(page(f"{LEAD}<article>{STORY}</article>"), "The library lends seeds.") == []
    )
    assert lead_paragraphs(page(f"<h1>Trees</h1>{LEAD}"), "The library lends seeds.") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The library lends seeds.\n© L'Écho de Bretagne - Reproduction interdite",
            "The library lends seeds.",
        ),
        (
            "도서관이 문을 열었다.\n저작권자 © 한빛일보 무단전재 및 재배포 금지",
            "도서관이 문을 열었다.",
        ),
        ("图书馆开放了。\n（责任编辑：刘洋）", "图书馆开放了。"),
        (
            "The library lends seeds.\nCopyright 2023 West Coast Weekly\nAll rights reserved.",
            "The library lends seeds.",
        ),
        # An article's own last words about copyright, and a notice inside it, stay.
        ("The library lends seeds.\nCopyright law, she said, needs an update.", None),
        ("© 2024 The Gazette\nThe library lends seeds.", None),
    ],
)
def test_copyright_lines_ending_the_text_are_taken_off(text: str, kept: str | None) -> None:
    assert without_trailer(text) == (text if kept is None else kept)
