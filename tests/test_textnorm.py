import re

import pytest
from conftest import REPO

import citedeck.text.fold
from citedeck.text.fold import (
    FoldedText,
    TokenText,
    find_word,
    fold,
    fold_with_offsets,
    fragments,
    sentence_spans,
)


def test_fold_forgives_typography_only() -> None:
    assert fold("“It’s\u00a0a  blitz—one\n that’s   new”Â") == "\"It's a blitz-one that's new\""
    assert fold("Âme") == "Âme"  # a real letter before a letter stays


def test_fold_with_offsets_agrees_and_points_back() -> None:
    text = "A\u00a0 “b”\n\nc—d Â"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text) == 'A "b" c-d'
    assert [text[i] for i in offsets] == ["A", "\u00a0", "“", "b", "”", "\n", "c", "—", "d"]


def test_find_word_respects_boundaries_and_glued_sentences() -> None:
    assert find_word("in 120 percent", "20 percent") == -1
    assert find_word("a short timeThis", "short time") == 2
    assert find_word("DeepSeeker", "DeepSeek") == -1
    # A seam inside a name is no boundary; one where two words that stand alone meet is.
    assert find_word("DeepSeek", "Deep") == -1
    assert find_word("TikTok said", "Tok said") == -1
    assert find_word("Times. China. TimesChina produced", "China produced") == 19
    assert find_word("an iPhone", "Phone") == -1


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("raised $7.5 million", "raised $7"),
        ("raised $7.5 million", "5 million"),
        ("sold 1,250 containers", "250 containers"),
        ("sold 1,250 containers", "sold 1"),
        ("they can't go", "they can"),
        ("High-Flyer said", "Flyer said"),
        ("a 14-fold rise", "a 14"),
        ("fell -7% in", "7% in"),
        ("fell 45% in", "fell 45"),
        ("paid S$7 each", "$7 each"),
        ("AT&T said", "T said"),
        ("Pan's mentor", "Pan"),
        ("Minimax, and 01.AI", "Minimax, and 01"),
        ("in A.I. programs", "in A"),
    ],
)
def test_a_quote_never_cuts_a_token(text: str, cut: str) -> None:
    assert TokenText(text).find(cut) == -1
    assert TokenText(text).find(text) == 0


def test_a_sentence_glued_on_after_a_full_stop_may_start_a_quote() -> None:
    assert TokenText("two decades.Credit said").find("Credit said") == 12
    assert TokenText("in 2020.The rest").find("The rest") == 8
    assert TokenText("is stable.A.I. has").find("is stable") == 0
    # A full stop with a lowercase word glued on may be a caption run on ("why.of") or a
    # name ("deepseek.com"): no quote ends there.
    assert TokenText("explain why.of Engineering").find("explain why.") == -1
    assert TokenText("see deepseek.com now").find("see deepseek.") == -1


def test_a_clause_dash_separates_and_a_hyphen_joins() -> None:
    folded = FoldedText.of("a recruitment blitz\u2014one that lasts, and a High-Flyer fund")
    assert folded.text == "a recruitment blitz-one that lasts, and a High-Flyer fund"
    assert folded.tokens.find("a recruitment blitz") == 0
    assert folded.tokens.find("High") == -1


def test_names_end_before_a_possessive() -> None:
    assert find_word("OpenAI's chief", "OpenAI") == 0
    assert TokenText("OpenAI's chief").find("OpenAI") == -1
    assert find_word("they can't", "can") == -1


def test_widen_shows_the_whole_token() -> None:
    text = TokenText("raised $7.5 million")
    assert text.widen(7, 9) == (7, 11)


def test_paragraphs_are_blank_line_blocks_or_else_lines() -> None:
    blocks = FoldedText.of("One. Two.\nThree.\n\nFour.")
    assert [blocks.paragraph_at(blocks.text.index(w)) for w in ("One", "Three", "Four")] == [0, 0, 1]
    lines = FoldedText.of("One.\nTwo.")
    assert [lines.paragraph_at(lines.text.index(w)) for w in ("One", "Two")] == [0, 1]


def test_fragments_split_on_both_ellipses() -> None:
    assert fragments(fold("a b ... c … d")) == ("a b", "c", "d")


def test_line_numbers_survive_folding() -> None:
    text = FoldedText.of("first line\n\n  second   line\nthird")
    assert text.text == "first line second line third"
    assert [text.line_at(text.text.index(w)) for w in ("first", "second", "third")] == [1, 3, 4]


def test_sentences_split_glued_text_but_not_abbreviations() -> None:
    text = "It grew.The U.S. firm, said Mr. Ma, ended in Ph.D. studies. Next one"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "It grew.",
        "The U.S. firm, said Mr. Ma, ended in Ph.D. studies.",
        "Next one",
    ]


def test_a_closing_quote_at_the_end_of_the_text_stays_with_its_sentence() -> None:
    text = FoldedText.of("He left. She said “I am done.”\n")
    assert [text.text[a:b] for a, b in text.sentences()] == ["He left.", 'She said "I am done."']
    # The Rest of World article ends so; its last sentence once lost its quote to a sentence of its own.
    row = FoldedText.of((REPO / "seeds" / "000_06cf52921cbf3fe8.txt").read_text(encoding="utf-8"))
    last = row.sentences()[-1]
    assert row.text[last[0] : last[1]] == (
        '"When you don\'t have resources, all you have is your brain power."'
    )


def test_closing_marks_are_never_split_from_their_sentence() -> None:
    text = '"Yes."-and he left. Why?" he asked. Then "no!"'
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        '"Yes."-and he left.',
        'Why?" he asked.',
        'Then "no!"',
    ]


def test_as_written_maps_every_sentence_of_every_seed_back_to_the_article() -> None:
    """Folding only the lines a span covers gives what folding the whole article would."""
    for path in sorted((REPO / "seeds").glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        text = FoldedText.of(original)
        folded, offsets = fold_with_offsets(original)
        assert folded == text.text
        for start, end in text.sentences():
            finish = offsets[end] if end < len(offsets) else len(original)
            whole = re.sub(r"\s*[\r\n]\s*", " ", original[offsets[start] : finish])
            assert text.as_written(start, end).rstrip() == whole.rstrip(), (path.name, start)


def test_lines_end_at_crlf_lf_or_a_lone_cr_as_editors_count_them() -> None:
    # An old Mac file (CR alone) was all "line 1"; U+2028 and U+0085 are no line ends to an
    # editor or grep -n, so they are none here either.
    text = FoldedText.of("one\rtwo\r\nthree\nfour\u2028still four\x85and four\nfive")
    words = ("one", "two", "three", "four", "still", "and", "five")
    assert [text.line_at(text.text.index(word)) for word in words] == [1, 2, 3, 4, 4, 4, 5]
    start = text.text.index("two")
    assert text.as_written(start, start + len("two three")) == "two three"


def test_passages_of_one_long_line_fold_that_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # find shows hundreds of sentences of an article written on a single line: folding the
    # whole line again for each made it quadratic (14 s for an 86 KB line).
    line = "“Liang said so.” " * 2000
    text = FoldedText.of(line)
    calls = []
    real = citedeck.text.fold.fold_with_offsets
    monkeypatch.setattr(citedeck.text.fold, "fold_with_offsets", lambda t: calls.append(t) or real(t))
    shown = [text.as_written(start, end) for start, end in text.sentences()[:500]]
    assert shown[:2] == ["“Liang said so.”", "“Liang said so.”"] and len(calls) == 1


def test_a_character_folding_drops_between_cr_and_lf_still_ends_two_lines() -> None:
    # Folded first, "\r\u200b\n" became one CRLF: the lines shifted, and the shown text with
    # them ("folding disagrees with itself").
    text = FoldedText.of("The seed library opened.\r\u200b\nIt was May.\nMaria Lopez grew tomatoes.\n")
    start = text.text.index("tomatoes")
    assert text.line_at(start) == 4
    assert text.as_written(start, start + len("tomatoes")) == "tomatoes"


@pytest.mark.parametrize("text", ["ÂÂ", "Â\u200b", "a Â\u200bÂ b", "x ÂÂ"])
def test_stray_nbsp_bytes_in_a_row_fold_away_at_once(text: str) -> None:
    # Found by the idempotence property: one fold must do what two do.
    assert fold(text) == fold(fold(text))
    assert "Â" not in fold(text)
