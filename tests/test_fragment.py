"""Text fragments: the words of a quote that take a browser to it in the article's web page."""

from __future__ import annotations

import pytest

from citedeck.load.catalogue import _locate
from citedeck.text.fold import FoldedText
from citedeck.text.fragment import TextDirective, passage_link, text_directive


def directive(article: str, quote: str) -> TextDirective | None:
    text = FoldedText.of(article)
    match = _locate(text, quote)
    assert match is not None, quote
    return text_directive(text, match.spans)


LONG = "the lab hired young graduates from elite universities across the whole country"


def test_a_short_quote_is_its_own_start() -> None:
    found = directive("Before. The lab hired young graduates. After.", "hired young graduates")
    assert found == TextDirective("hired young graduates")
    assert found.fragment() == ":~:text=hired%20young%20graduates"


def test_a_long_quote_is_given_by_its_first_and_last_words() -> None:
    found = directive(f"Before it. {LONG}. After it.", LONG)
    assert found == TextDirective("the lab hired young", "across the whole country")


def test_a_start_the_article_has_earlier_takes_more_words_in_any_letter_case() -> None:
    article = f"THE LAB HIRED YOUNG people once. {LONG}."
    assert directive(article, LONG) == TextDirective("the lab hired young graduates", "across the whole country")


def test_an_end_the_article_has_between_takes_more_words() -> None:
    article = "the lab hired young graduates, across the whole country, from elite schools across the whole country"
    quote = article
    assert directive(article, quote) == TextDirective("the lab hired young", "schools across the whole country")


def test_a_word_inside_a_longer_one_is_no_earlier_match() -> None:
    article = f"Other labs hired younger staff. {LONG}."
    assert directive(article, "lab hired young graduates") == TextDirective("lab hired young graduates")


def test_a_quote_the_article_has_twice_is_told_by_the_words_before_it() -> None:
    # The check finds the quote where its letter case is the card's; a browser, the first copy.
    article = "IT PAYS WELL, Ma said. Later Zhou said it pays well."
    assert directive(article, "it pays well") == TextDirective("it pays well", prefix="said")
    assert directive(article, "IT PAYS WELL") == TextDirective("IT PAYS WELL")


def test_a_quote_no_words_single_out_gets_no_directive() -> None:
    eight = "one two three four five six seven eight"
    assert directive(f"{eight} end. {eight} END.", "END") is None


def test_an_accent_is_no_difference_a_browser_is_trusted_to_see() -> None:
    article = "The cafe opened. Then the café opened."
    assert directive(article, "café opened") == TextDirective("café opened", prefix="Then the")


def test_a_quote_ending_inside_glued_words_gets_no_directive() -> None:
    # A browser matches whole words: "cost" of "costThis" is none.
    assert directive("a thirty fold reduction in costThis capability", "reduction in cost") is None


def test_the_words_are_the_article_s_own_typography_and_all() -> None:
    article = "He said \u201cit\u2019s\u00a0a  big gap\u201d at Duke."
    found = directive(article, "\"it's a big gap\"")
    # A browser reads a no-break space, and a run of spaces, as one space.
    assert found == TextDirective("\u201cit\u2019s a big gap\u201d")
    assert found.fragment() == ":~:text=%E2%80%9Cit%E2%80%99s%20a%20big%20gap%E2%80%9D"


def test_an_elided_quote_spans_from_its_first_piece_to_its_last() -> None:
    article = "Pavel Durov, who founded Telegram, said last month that schools had fueled it all."
    found = directive(article, "Pavel Durov ... said last month that schools had fueled it all")
    assert found == TextDirective("Pavel Durov, who founded", "had fueled it all")


def test_a_start_an_end_and_the_words_before_each_stand_on_one_line() -> None:
    # A line may be a paragraph of the page, and a browser matches each term within one.
    article = "It is cheaper.\n\u201cBut the second mover can do it faster.\u201d\nGupta added that."
    found = directive(article, "\"But the second mover can do it faster.\" Gupta added")
    assert found == TextDirective("\u201cBut the second mover", "Gupta added")
    found = directive("GUPTA SAID IT.\nGupta said it.", "Gupta said it")
    assert found is None


def test_chinese_is_matched_a_character_at_a_time() -> None:
    article = "深度求索的团队很年轻。团队成员大多来自清华大学和北京大学。"
    found = directive(article, "团队成员大多来自清华大学和北京大学")
    assert found == TextDirective("团队成员", "北京大学")


@pytest.mark.parametrize(
    ("term", "encoded"),
    [
        ("sign-on bonuses", "sign%2Don%20bonuses"),
        ("Tsinghua, Peking & more", "Tsinghua%2C%20Peking%20%26%20more"),
        ("100% of #1", "100%25%20of%20%231"),
    ],
)
def test_dashes_commas_and_ampersands_are_percent_encoded(term: str, encoded: str) -> None:
    assert TextDirective(term).fragment() == f":~:text={encoded}"
    assert TextDirective(term, term, term).fragment() == f":~:text={encoded}-,{encoded},{encoded}"


def test_the_link_adds_the_directive_to_the_url_s_own_fragment() -> None:
    words = TextDirective("a", "b")
    assert passage_link("https://x.example/a", words) == "https://x.example/a#:~:text=a,b"
    assert passage_link("https://x.example/a#top", words) == "https://x.example/a#top:~:text=a,b"
