"""citedeck find: passages found with the checker's folding, shown as they stand, and the card
each hit suggests."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from citedeck.cli import main
from citedeck.commands.find import (
    Passage,
    card_skeleton,
    find_passages,
    format_hits,
    guess_type,
    suggest_id,
)
from citedeck.load.catalogue import Catalogue, Source
from citedeck.text.fold import FoldedText, fold

BLITZ = (
    "DeepSeek is nonetheless in the midst of a recruitment blitz—one that’s trying to attract "
    "overseas Chinese AI researchers to come back home."
)


def find(root, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["find", "--root", str(root), *args])


def test_a_hyphen_finds_a_dash_and_prints_a_card_to_paste(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck())
    result = CliRunner().invoke(main, ["find", "recruitment", "blitz-one"])
    assert result.exit_code == 0
    assert result.output == (
        "seeds/002_0c42aba78143f44b.txt:36: DeepSeek is nonetheless in the midst of a "
        "»recruitment blitz—one« that’s trying to attract overseas Chinese AI researchers to come "
        "back home.\n"
        "  - id: bloomberg-recruitment-blitz-one\n"
        "    type: who\n"
        '    question: ""\n'
        '    answer: ""\n'
        f'    quote: "{BLITZ}"\n'
        "    source: bloomberg\n"
        "\n"
        "1 hit in 1 source\n"
    )


def test_a_suggested_id_steps_aside_for_a_card_already_in_the_deck(deck, monkeypatch) -> None:
    taken = (
        "source: bloomberg\ncards:\n"
        "  - {id: bloomberg-recruitment-blitz-one, type: who, question: Q?, answer: A, quote: q}\n"
        "  - {id: bloomberg-recruitment-blitz-one-2, type: who, question: Q?, answer: A, quote: q}\n"
    )
    monkeypatch.chdir(deck(bb=taken))
    result = CliRunner().invoke(main, ["find", "recruitment", "blitz-one"])
    assert "  - id: bloomberg-recruitment-blitz-one-3\n" in result.output.splitlines(keepends=True)


def test_paths_are_shown_under_the_root_given(deck) -> None:
    root = deck()
    result = find(root, "recruitment blitz-one")
    assert result.output.startswith(f"{root.as_posix()}/seeds/002_0c42aba78143f44b.txt:36: ")


def test_straight_quotes_find_curly_ones(catalogue: Catalogue) -> None:
    [hit] = find_passages(catalogue, "didn't take it seriously,\" said one")
    assert hit.marked == (
        "We »didn’t take it seriously,” said one« of Liang’s business partners."
    )
    assert (hit.passage.source, hit.passage.line) == ("liang-profile", 7)


def test_a_phrase_across_a_line_break_is_found_and_shown_on_one_line(catalogue: Catalogue) -> None:
    [hit] = find_passages(catalogue, "Rest of World This post was")
    assert hit.passage.line == 1
    assert hit.marked == (
        "DeepSeek’s rise shows why China’s top AI talent is skipping Silicon Valley – "
        "»Rest of World This post was« originally published on this site."
    )


def test_lowercase_matches_any_case_and_a_capital_matches_exactly(catalogue: Catalogue) -> None:
    assert [h.passage.line for h in find_passages(catalogue, "deepseek claimed")] == [20]
    assert find_passages(catalogue, "Deepseek claimed") == []


def test_matches_start_and_end_at_word_boundaries(catalogue: Catalogue) -> None:
    assert find_passages(catalogue, "recruitment blit") == []
    assert find_passages(catalogue, "ecruitment blitz") == []


def test_no_hit_exits_1_with_the_closest_sentence(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck())
    result = CliRunner().invoke(main, ["find", "recruitment blitz-too"])
    assert result.exit_code == 1
    assert result.output == (
        'not found in 5 sources: "recruitment blitz-too"\n'
        f"closest sentence: seeds/002_0c42aba78143f44b.txt:36: {BLITZ}\n"
    )


def test_a_phrase_sharing_one_word_with_a_source_gets_its_sentence(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck())
    result = CliRunner().invoke(main, ["find", "recruitment drive"])
    assert result.exit_code == 1
    assert result.output == (
        'not found in 5 sources: "recruitment drive"\n'
        f"closest sentence: seeds/002_0c42aba78143f44b.txt:36: {BLITZ}\n"
    )


def test_a_wrong_capital_says_how_many_hits_any_case_would_give(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck())
    result = CliRunner().invoke(main, ["find", "Recruitment Blitz"])
    assert result.exit_code == 1
    assert result.output == (
        'not found in 5 sources: "Recruitment Blitz"\n'
        '1 hit in any case: search "recruitment blitz" to see it\n'
        f"closest sentence: seeds/002_0c42aba78143f44b.txt:36: {BLITZ}\n"
    )


def test_no_hit_and_nothing_close(deck) -> None:
    result = find(deck(), "xyzzy")
    assert result.exit_code == 1
    assert result.output == 'not found in 5 sources: "xyzzy"\n'


def test_source_option_limits_the_search(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck())
    result = CliRunner().invoke(main, ["find", "--source", "nyt", "attract overseas researchers"])
    assert result.exit_code == 1
    assert result.output == (
        "not found in 'nyt' (003_ab8ac3ee00bb6825.txt): \"attract overseas researchers\"\n"
        "closest sentence: seeds/003_ab8ac3ee00bb6825.txt:1: Acclaim has even poured in from overseas.\n"
    )
    result = CliRunner().invoke(main, ["find", "--source", "bloomberg", "recruitment", "blitz"])
    assert result.exit_code == 0
    assert result.output.endswith("1 hit in 1 source\n")


def test_unknown_source_is_a_usage_error(deck) -> None:
    result = find(deck(), "--source", "nyc", "talent")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--source': unknown source 'nyc'; did you mean 'nyt'? "
        "(sources: restofworld, comeback, bloomberg, nyt, liang-profile)\n"
    )


def test_blank_phrase_is_a_usage_error(deck) -> None:
    result = find(deck(), "  ")
    assert result.exit_code == 2
    assert result.output.endswith("Error: Invalid value for PHRASE: it is blank\n")
    assert find(deck()).exit_code == 2


def test_missing_catalogue_is_reported_not_raised(tmp_path) -> None:
    (tmp_path / "seeds").mkdir()
    result = find(tmp_path, "talent")
    assert result.exit_code == 1
    assert result.output == (
        f"{tmp_path.as_posix()}/seeds/sources.yaml:1:1: error[source-catalogue]: source catalogue not found\n"
        'not found in 0 sources: "talent"\n'
    )


def test_several_hits_in_a_source_get_distinct_ids(catalogue: Catalogue) -> None:
    hits = find_passages(catalogue, "silicon valley", source="restofworld")
    assert len(hits) > 2
    ids = [line.split(": ")[1] for line in format_hits(hits, "silicon valley").splitlines() if "- id:" in line]
    assert ids[:3] == ["restofworld-silicon-valley", "restofworld-silicon-valley-2", "restofworld-silicon-valley-3"]


def test_type_is_figure_when_the_sentence_has_a_number() -> None:
    assert guess_type("DeepSeek claimed to have used just 2,048 Nvidia H800s") == "figure"
    assert guess_type("Liang founded DeepSeek, backed by High-Flyer") == "who"


def test_the_type_follows_what_was_searched_for_before_the_sentence() -> None:
    sentence = "Two years later, Liang Wenfeng spoke to 2,048 students"
    assert guess_type(sentence, "Liang Wenfeng") == "who"  # a name, in a sentence of numbers
    assert guess_type(sentence, "2,048 students") == "figure"
    assert guess_type(sentence, "spoke to") == "figure"  # nothing to go by: the sentence's number
    assert guess_type("Liang spoke", "spoke") == "who"
    # "The" has its capital for starting the sentence: no name in that.
    assert guess_type("The company hired 40 people", "The company") == "figure"
    assert guess_type("Liang hired 40 people", "Liang hired") == "figure"
    assert guess_type("Liang hired 40 people", "Liang") == "figure"
    assert guess_type("In May Liang hired 40 people", "In May Liang") == "who"


def test_suggested_ids_are_valid_card_ids() -> None:
    assert suggest_id("nyt", "Didn’t  Pérez—say it, twice?") == "nyt-didnt-perez-say-it"
    assert suggest_id("nyt", "“…”") == "nyt-card"


def test_skeleton_survives_yaml_for_any_text() -> None:
    text = 'a "quoted" back\\slash, tab\t, and # no comment: here'
    card = yaml.safe_load(card_skeleton(Passage("no", "f.txt", 1, text), "yes"))
    assert card == [
        {"id": "yes", "type": "who", "question": "", "answer": "", "quote": text, "source": "no"}
    ]


def test_a_suggested_quote_leaves_control_characters_out() -> None:
    def quote(text: str) -> str:
        return yaml.safe_load(card_skeleton(Passage("a", "a.txt", 1, text), "x"))[0]["quote"]

    assert quote("a\x1fb\x0bc") == "a b c"  # whitespace: a space
    assert quote("Wid\x07\x07get") == "Wid"  # any other: a gap between fragments, each of
    assert quote("one two three\x07four five six") == "one two three ... four five six"  # 3 words
    assert quote("one two three\x07four five") == "one two three"  # or more
    assert quote("\x07Alice founded\x1b") == "Alice founded"  # none at either end


def test_an_article_with_control_characters_is_shown_escaped_and_its_card_proves(tmp_path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "cards").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "Alice Smith founded the Widget\x1f Company, and the Wid\x07get \x1b[2JInc.\n", encoding="utf-8"
    )
    (tmp_path / "seeds" / "sources.yaml").write_text("sources:\n  - {key: a, file: a.txt}\n", encoding="utf-8")
    result = find(tmp_path, "founded the")
    assert result.output == (
        f"{tmp_path.as_posix()}/seeds/a.txt:1: Alice Smith »founded the« Widget\\x1f Company, and the Wid\\x07get \\x1b[2JInc.\n"
        "  - id: a-founded-the\n"
        "    type: who\n"
        '    question: ""\n'
        '    answer: ""\n'
        '    quote: "Alice Smith founded the Widget Company, and the Wid"\n'
        "    source: a\n"
        "\n"
        "1 hit in 1 source\n"
    )
    card = result.output.split("\n", 1)[1].split("\n\n")[0]
    card = card.replace('question: ""', "question: Who founded the Widget Company?")
    (tmp_path / "cards" / "a.yaml").write_text(
        "cards:\n" + card.replace('answer: ""', "answer: Alice Smith") + "\n", encoding="utf-8"
    )
    checked = CliRunner().invoke(main, ["check", "--root", str(tmp_path)])
    assert checked.output == "checked 1 card in 1 file against 1 source: no problems\n"


def test_every_sentence_of_every_source_is_found_and_its_card_quote_proves(catalogue: Catalogue) -> None:
    for key, source in catalogue.sources.items():
        for start, end in source.text.sentences():
            sentence = source.text.text[start:end].strip()
            hit = next(
                h for h in find_passages(catalogue, sentence, key) if h.passage.line == source.text.line_at(start)
            )
            assert fold(hit.passage.text[hit.start : hit.end]) == sentence
            [card] = yaml.safe_load(card_skeleton(hit.passage, "x"))
            assert catalogue.locate(key, card["quote"]) is not None, card["quote"]


def test_an_endless_sentence_is_shown_as_the_words_around_each_hit() -> None:
    # An article without a full stop is one sentence: 3,000 hits in it each printed it whole
    # (1.4 GB for a 70 KB article). Each shows up to 200 characters either side, cut at a
    # word, and its card's quote is still a passage of the article.
    article = "“zorbix” said the " * 1000 + "end"
    catalogue = Catalogue([Source("z", "z.txt", text=FoldedText.of(article))])
    hits = find_passages(catalogue, "zorbix")
    assert len(hits) == 1000
    middle = hits[500].passage.text
    assert len(middle) <= 2 * 200 + len("“zorbix”") and middle.startswith("“zorbix”")
    assert hits[500].marked.count("»") == 1
    assert all(catalogue.locate("z", hit.passage.text) for hit in hits[::50])
    ids = [line.split(": ")[1] for line in format_hits(hits, "zorbix").splitlines() if "- id:" in line]
    assert ids[:2] == ["z-zorbix", "z-zorbix-2"] and ids[-1] == "z-zorbix-1000" and len(set(ids)) == 1000
