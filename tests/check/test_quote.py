import unicodedata

from citedeck.check import quote

CARD = """\
- id: c
  type: who
  question: Who chose DeepSeek over Nvidia?
  answer: Zizheng Pan
  source: {source}
  quote: "{quote}"
"""


def test_verbatim_quote_passes(findings) -> None:
    assert findings(quote, CARD.format(source="restofworld", quote="Pan chose DeepSeek without much hesitation")) == ""


def test_typography_is_forgiven(findings) -> None:
    # Straight apostrophe for the source's curly one, a line break and doubled spaces.
    text = "Pan's choice reflects a growing trend among\\n China's  AI elite"
    assert findings(quote, CARD.format(source="restofworld", quote=text)) == ""


def test_elided_fragments_must_appear_in_order(findings) -> None:
    ok = "Pan chose DeepSeek ... recalled on X last month"
    assert findings(quote, CARD.format(source="restofworld", quote=ok)) == ""
    swapped = "recalled on X last month … Pan chose DeepSeek"
    assert findings(quote, CARD.format(source="restofworld", quote=swapped)) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt) in order: 'Pan chose DeepSeek' stands there (line 7), but not "
        "after the piece before it\n"
        "  hint: the pieces between '...' keep the article's order\n"
    )


def test_one_changed_word_fails_and_names_the_closest_sentence(findings) -> None:
    out = findings(quote, CARD.format(source="restofworld", quote="Pan chose DeepSeek without any hesitation"))
    assert out == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt); closest sentence (line 7): \"Pan chose DeepSeek without much "
        "hesitation, Zhiding Yu, a senior research scientist at Nvidia and Pan’s mentor during the "
        "internship, recalled on X last month.\"\n"
    )


def test_a_misquote_sharing_one_word_names_the_sentence_holding_it(findings) -> None:
    # Once the eight sentences sharing the most words were shortlisted even when only one
    # shared any, and a short sentence sharing none could win on likeness and hide the hint.
    card = CARD.format(source="bloomberg", quote="recruitment drive")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'bloomberg' "
        "(002_0c42aba78143f44b.txt); closest sentence (line 36): \"DeepSeek is nonetheless in the "
        "midst of a recruitment blitz—one that’s trying to attract overseas Chinese AI researchers to "
        "come back home.\"\n"
    )


def test_a_misquote_sharing_no_word_names_no_sentence(findings) -> None:
    card = CARD.format(source="bloomberg", quote="xyzzy plugh")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'bloomberg' (002_0c42aba78143f44b.txt)\n"
    )


def test_a_quote_from_another_source_names_it(findings) -> None:
    out = findings(quote, CARD.format(source="nyt", quote="Pan chose DeepSeek without much hesitation"))
    assert out == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'nyt' (003_ab8ac3ee00bb6825.txt), "
        "but it is in 'restofworld' (000_06cf52921cbf3fe8.txt) at line 7\n"
        "  hint: set source: restofworld\n"
    )


def test_a_quote_must_not_cut_a_word(findings) -> None:
    out = findings(quote, CARD.format(source="restofworld", quote="an chose DeepSeek"))
    assert "error[quote-not-found]" in out


def test_changed_number_fails(findings) -> None:
    out = findings(quote, CARD.format(source="liang-profile", quote="just 2,049 Nvidia H800s"))
    assert "error[quote-not-found]" in out


def test_mojibake_and_glued_sentences(findings) -> None:
    # The Rest of World article ends in a stray "Â"; the comeback post glues sentences.
    assert findings(quote, CARD.format(source="restofworld", quote="all you have is your brain power.")) == ""
    assert findings(quote, CARD.format(source="comeback", quote="in a remarkably short time")) == ""


def test_a_quote_cutting_a_word_names_the_word(findings) -> None:
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek without much hesit")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt) as whole words: 'Pan chose DeepSeek without much hesit' "
        "stands there only inside 'Pan chose DeepSeek without much hesitation' (line 7)\n"
        "  hint: a quote, and each piece between '...', starts and ends on a whole word or number\n"
    )
    # A piece after '...' too, shown as the article writes it (curly apostrophe and all).
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek ... an’s mentor")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt) as whole words: 'an's mentor' stands there only inside "
        "'Pan’s mentor' (line 7)\n"
        "  hint: a quote, and each piece between '...', starts and ends on a whole word or number\n"
    )


def test_a_quote_typed_with_combining_accents_is_found(findings) -> None:
    typed = unicodedata.normalize("NFD", "Gilles Sabrié for The New York")
    assert "\u0301" in typed
    assert findings(quote, CARD.format(source="nyt", quote=typed)) == ""


def test_elided_pieces_in_two_paragraphs_fail(findings) -> None:
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek without much hesitation ... wiped nearly $600 billion off Nvidia's market value")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-elision]: quote's pieces are not one passage of 'restofworld' "
        "(000_06cf52921cbf3fe8.txt): 'wiped nearly $600 billion off Nvidia's market value' (line 9) "
        "stands in another paragraph than 'Pan chose DeepSeek without much hesitation' (line 7)\n"
        "  hint: '...' joins pieces of one paragraph, within the sentence the first piece starts in "
        "and the two after it; quote the passages as cards of their own\n"
    )


def test_elided_pieces_too_many_sentences_apart_fail_in_a_one_line_article(findings) -> None:
    card = CARD.format(source="nyt", quote="China produced more than four times ... the United States")
    out = findings(quote, card)
    assert "error[quote-elision]" in out or "error[quote-not-found]" in out


def test_a_short_piece_fails_unless_it_holds_the_answer(findings) -> None:
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek ... much hesitation")
    assert findings(quote, CARD.format(source="restofworld", quote="Pan chose ... without much hesitation")) == ""
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-elision]: quote's piece 'much hesitation' holds fewer than 3 words: "
        "cut out of its passage, it may say something else\n"
        "  hint: quote the words around it too, or leave out the '...'\n"
    )


def test_a_changed_letter_from_another_script_is_named(findings) -> None:
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek without much hesit\u0430tion")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt): its '\u0430' in 'hesit\u0430tion' is U+0430 CYRILLIC SMALL "
        "LETTER A, which looks like the Latin 'a' (LATIN SMALL LETTER A) the article has\n"
    )


def test_a_case_only_difference_is_named(findings) -> None:
    card = CARD.format(source="restofworld", quote="pan chose deepseek without much hesitation")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt): it differs from the article only in letter case: the article "
        "has 'Pan chose DeepSeek without much hesitation' (line 7)\n"
    )


def test_a_trailing_full_stop_the_article_lacks_is_named(findings) -> None:
    card = CARD.format(source="restofworld", quote="Pan chose DeepSeek without much hesitation.")
    assert findings(quote, card) == (
        "c.yaml:7:12: error[quote-not-found]: quote not found in 'restofworld' "
        "(000_06cf52921cbf3fe8.txt): the article has no '.' after 'chose DeepSeek without much "
        "hesitation' (line 7): it goes on ', Zhiding Yu, a senior…'; leave the mark out\n"
    )


def test_the_closest_sentence_of_a_one_line_article_is_cut_to_its_likest_part(findings) -> None:
    card = CARD.format(source="nyt", quote="the Chinese government has sought to push more students into science and engineering")
    out = findings(quote, card)
    shown = out.split('closest sentence (line 1): "', 1)[1].rsplit('"', 1)[0]
    assert len(shown) <= 202, shown
