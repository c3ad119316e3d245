"""Text in scripts written without spaces: word boundaries, folding, sentences."""

from __future__ import annotations

from citedeck.text.fold import (
    TokenText,
    find_word,
    fold,
    fold_with_offsets,
    sentence_spans,
    word_set,
)
from citedeck.text.scripts import is_unspaced, language_by_script, spaced, word_count


def _cuts(text: str) -> list[int]:
    tokens = TokenText(text)
    return [pos for pos in range(len(text) + 1) if not tokens.is_boundary(pos)]


def test_a_word_ends_at_any_character_of_han_and_kana_but_inside_a_number_or_katakana() -> None:
    assert _cuts("公司创始人张伟说") == []
    # "80万元": the digits, their scale and their currency are one token.
    assert _cuts("营收达到80万元。") == [5, 6, 7]
    assert _cuts("三千五百名") == [1, 2, 3]
    # A run of Katakana is one word ("テンセント"); Hiragana after it is not part of it.
    assert _cuts("テンセントの") == [1, 2, 3, 4]


def test_spaced_scripts_keep_whole_tokens() -> None:
    assert _cuts("TikTok") == [1, 2, 3, 4, 5]
    assert _cuts("김민수의 회사") == [1, 2, 3, 6]
    assert is_unspaced("张") and is_unspaced("の") and is_unspaced("ก") and not is_unspaced("김")


def test_a_name_is_found_inside_a_run_and_before_a_korean_particle() -> None:
    assert find_word("创始人张伟说", "张伟") == 3
    assert find_word("田中さんによると", "田中") == 0
    assert find_word("김민수의 회사", "김민수") == 0
    assert find_word("김민수 씨는", "김민수") == 0
    assert find_word("김민수다", "김민수") == -1  # not a particle: part of another word
    assert find_word("テンセントの", "テン") == -1


def test_full_width_forms_fold_to_ascii_and_keep_their_place() -> None:
    text = "「ＡＩ」は２０４８個、５０％"
    assert fold(text) == '"AI"は2048個、50%'
    assert fold_with_offsets(text) == (fold(text), list(range(len(text))))


def test_french_and_german_quotation_marks_fold_to_straight_ones() -> None:
    assert fold("Il a dit : «\u202fOui\u202f» hier") == 'Il a dit : "Oui" hier'
    assert fold_with_offsets("«\u202fOui\u202f»") == ('"Oui"', [0, 2, 3, 4, 6])
    assert fold("„Ja“, sagte er") == '"Ja", sagte er'
    assert fold("« Oui »") == '" Oui "'  # a plain space stays: '"' and '«' fold alike


def test_sentences_end_at_cjk_full_stops_and_marks() -> None:
    text = fold("张伟说：「公司很好。」他很高兴！营收达到８０万元？是的。Then English. Okay")
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        '张伟说:"公司很好。"', "他很高兴!", "营收达到80万元?", "是的。", "Then English.", "Okay"
    ]


def test_each_character_of_an_unspaced_script_is_a_word_of_a_sentence() -> None:
    assert word_set("张伟说 DeepSeek 2024年") == {"张", "伟", "说", "deepseek", "2024", "年"}


def test_a_language_is_told_by_its_script_only_where_the_script_says_it() -> None:
    assert language_by_script("创始人张伟说，营收达到80万元。") == "zh"
    assert language_by_script("田中さんによると、売上高は500円です。") == "ja"
    assert language_by_script("김민수의 회사는 30억 원을 벌었다.") == "ko"
    assert language_by_script("Der Umsatz stieg auf zwei Millionen Euro.") is None


def test_words_of_an_unspaced_script_count_a_character_each() -> None:
    assert word_count("星河智能 共有 DeepSeek的 can't stop") == 4 + 2 + 2 + 1 + 1
    assert spaced("割合は35%だ") == "   35% "
