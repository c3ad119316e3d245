import textwrap
from pathlib import Path

from conftest import citable

from citedeck.check import source
from citedeck.load.cards import load_cards
from citedeck.load.catalogue import Catalogue, Source
from citedeck.output.report import format_text
from citedeck.text.fold import FoldedText

CARD = """\
- id: c
  type: source
  question: Which outlet reported this?
  answer: {answer}
  source: {source}
  quote: "{quote}"
"""
NYT = "'nyt' (003_ab8ac3ee00bb6825.txt)"
NYT_NAMES = ("'The New York Times', 'What DeepSeek’s Success Says About China’s Ability to Nurture Talent', "
             "'Vivian Wang'")
CHURNING = "You're churning out all this talent over the last few years"


def test_named_publisher_and_unique_quote_pass(findings) -> None:
    assert findings(source, CARD.format(answer="Rest of World", source="restofworld",
                                        quote="Pan chose DeepSeek without much hesitation")) == ""


def test_author_title_or_publisher_names_the_source(findings) -> None:
    for answer in ("Vivian Wang", "new york times", "THE NEW YORK TIMES", "the New York Times",
                   "What DeepSeek's Success Says About China's Ability to Nurture Talent"):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=CHURNING)) == "", answer


def test_two_names_of_the_source_the_second_in_parentheses(findings) -> None:
    for answer in ("Vivian Wang (The New York Times)", "The New York Times (Vivian Wang)", "(Vivian Wang)"):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=CHURNING)) == "", answer


def test_the_catalogue_key_is_no_name_of_the_source(findings) -> None:
    for answer, wrong in (("The New York Times (nyt)", "nyt"), ("nyt (Vivian Wang)", "nyt")):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=CHURNING)) == (
            f"c.yaml:5:13: error[source-not-named]: answer '{answer}' does not name the cited source {NYT}: "
            f"'{wrong}' is not one of its names\n"
            f"  hint: answer with one of: {NYT_NAMES}\n"
        ), answer
    assert findings(source, CARD.format(answer="nyt", source="nyt", quote=CHURNING)) == (
        f"c.yaml:5:13: error[source-not-named]: answer 'nyt' does not name the cited source {NYT}\n"
        f"  hint: answer with one of: {NYT_NAMES}\n"
    )


def test_a_source_that_names_no_title_publisher_or_author_gets_no_source_cards(findings) -> None:
    out = findings(source, CARD.format(answer="liang-profile", source="liang-profile",
                                       quote="he was a very nerdy guy with a terrible hairstyle"))
    assert out == (
        "c.yaml:5:13: error[source-not-named]: the cited source 'liang-profile' "
        "(004_ebb659519f0ddc96.txt) names no title, publisher or author, so a learner has no name "
        "to recall it by ('liang-profile' is the catalogue's key, not its name)\n"
        "  hint: ask a who or figure question about this article, or give the catalogue the "
        "title, publisher or author the article states\n"
    )


def test_a_short_title_names_the_source(findings) -> None:
    quote = "In recent years, the dynamics"
    for answer in ("DeepSeek's Comeback", "deepseek’s comeback", "DeepSeek's Comeback Amid Silicon Valley Talent Exodus"):
        assert findings(source, CARD.format(answer=answer, source="comeback", quote=quote)) == "", answer


def test_a_name_in_parentheses_does_not_rescue_another_before_it(findings) -> None:
    for answer, wrong in (("Reuters (Vivian Wang)", "Reuters"), ("the Times's China piece (The New York Times)",
                          "the Times's China piece"), ("The New York Times (Reuters)", "Reuters"),
                          ("the Liang Wenfeng profile (Vivian Wang)", "the Liang Wenfeng profile")):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=CHURNING)) == (
            f"c.yaml:5:13: error[source-not-named]: answer '{answer}' does not name the cited source {NYT}: "
            f"'{wrong}' is not one of its names\n"
            f"  hint: answer with one of: {NYT_NAMES}\n"
        ), answer


def test_an_answer_merely_holding_a_name_does_not_name_the_source(findings) -> None:
    for answer in ("Not The New York Times", "The New York Times or Bloomberg Opinion",
                   "a New York Times reporter", "the nyt article", "The New York Times (Vivian Wang) piece"):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=CHURNING)) == (
            f"c.yaml:5:13: error[source-not-named]: answer '{answer}' does not name the cited source {NYT}\n"
            f"  hint: answer with one of: {NYT_NAMES}\n"
        ), answer


def test_wrong_outlet_fails(findings) -> None:
    out = findings(source, CARD.format(answer="Reuters", source="restofworld",
                                       quote="Pan chose DeepSeek without much hesitation"))
    assert out == (
        "c.yaml:5:13: error[source-not-named]: answer 'Reuters' does not name the cited source "
        "'restofworld' (000_06cf52921cbf3fe8.txt)\n"
        "  hint: answer with one of: 'Rest of World', 'DeepSeek’s rise shows why China’s top AI talent is "
        "skipping Silicon Valley'\n"
    )
    # Another catalogued source's name is no name of this one.
    out = findings(source, CARD.format(answer="Bloomberg Opinion", source="nyt", quote=CHURNING))
    assert out.startswith("c.yaml:5:13: error[source-not-named]: answer 'Bloomberg Opinion' does not name")


def test_quote_in_two_sources_is_ambiguous(findings) -> None:
    out = findings(source, CARD.format(answer="Rest of World", source="restofworld",
                                       quote="Tsinghua University and Peking University"))
    assert out == (
        "c.yaml:7:12: error[source-ambiguous]: quote also stands in 'nyt' (003_ab8ac3ee00bb6825.txt), "
        "so the question has more than one right answer\n"
        "  hint: quote a passage only 'restofworld' has\n"
    )


def test_quote_in_another_source_in_another_letter_case_is_ambiguous(findings) -> None:
    # Rest of World: "Less than two years after Pan joined"; the comeback post: "in less than two years".
    out = findings(source, CARD.format(answer="Rest of World", source="restofworld", quote="Less than two years"))
    assert out == (
        "c.yaml:7:12: error[source-ambiguous]: quote also stands in 'comeback' (001_290cb6f758a64024.txt), "
        "so the question has more than one right answer\n"
        "  hint: quote a passage only 'restofworld' has\n"
    )
    out = findings(source, CARD.format(answer="DeepSeek's Comeback", source="comeback", quote="In recent years, the dynamics"))
    assert out == ""
    out = findings(source, CARD.format(answer="DeepSeek's Comeback", source="comeback", quote="In recent years"))
    assert out.startswith(
        "c.yaml:7:12: error[source-ambiguous]: quote also stands in 'restofworld' (000_06cf52921cbf3fe8.txt), "
        f"{NYT}, so the question has more than one right answer\n"
    )
    # A longer quote with inner words (by which the catalogue finds its holders) and an elision.
    out = findings(source, CARD.format(answer="Rest of World", source="restofworld",
                                       quote="Less than two years after Pan joined DeepSeek ... the company"))
    assert out == ""


def _catalogue() -> Catalogue:
    def article(key: str, text: str, **meta: str) -> Source:
        return Source(key, f"{key}.txt", **meta, text=FoldedText.of(text))

    return Catalogue([
        article("chips", "Chip makers have had a year of scarcity.", title="The Chip Column",
                publisher="Bloomberg Opinion", author="Tim Culpan"),
        article("talent", "China could yet trump the US in a scramble for AI talent.",
                title="The Talent Column", publisher="Bloomberg Opinion", author="Tim Culpan"),
        article("times", "A China correspondent based in BEIJING, where she writes.",
                publisher="The New York Times"),
        article("other", "A china correspondent based in Beijing, where she writes often.",
                publisher="The Guardian"),
    ])


def run(catalogue: Catalogue, tmp_path: Path, answer: str, cited: str, quote: str) -> str:
    path = tmp_path / "c.yaml"
    card = CARD.format(answer=answer, source=cited, quote=quote)
    path.write_text("cards:\n" + textwrap.indent(textwrap.dedent(card), "  "), encoding="utf-8")
    cards, problems, _ = load_cards("c.yaml", path.read_bytes(), citable(catalogue))
    assert problems == []
    return format_text(source.check(cards[0], catalogue))


def test_a_name_two_sources_share_names_neither(tmp_path: Path) -> None:
    catalogue = _catalogue()
    quote = "could yet trump the US"
    for shared in ("Bloomberg Opinion", "bloomberg opinion", "Tim Culpan"):
        assert run(catalogue, tmp_path, shared, "talent", quote) == (
            f"c.yaml:5:13: error[source-name-shared]: answer '{shared}' names 'talent' (talent.txt) and "
            "'chips' (chips.txt) alike, so it identifies neither\n"
            "  hint: answer with a name only 'talent' has: 'The Talent Column'\n"
        ), shared
    assert run(catalogue, tmp_path, "Tim Culpan (Bloomberg Opinion)", "talent", quote).startswith(
        "c.yaml:5:13: error[source-name-shared]: answer 'Tim Culpan (Bloomberg Opinion)' names 'talent'"
    )
    for unique in ("The Talent Column", "talent column", "Bloomberg Opinion (The Talent Column)",
                   "The Talent Column (Tim Culpan)"):
        assert run(catalogue, tmp_path, unique, "talent", quote) == "", unique


def test_the_catalogue_finds_a_quote_in_any_letter_case(tmp_path: Path) -> None:
    catalogue = _catalogue()
    quote = "A China correspondent based in BEIJING, where she writes"
    assert catalogue.sources_containing(quote) == ["times"]
    assert catalogue.sources_containing_any_case(quote) == ["times", "other"]
    assert catalogue.sources_containing_any_case(quote, excluding="times") == ["other"]
    assert catalogue.sources_containing_any_case("a china correspondent ... where she writes often") == ["other"]
    # Each piece whole: "she write" is in no source.
    assert catalogue.sources_containing_any_case("based in beijing, where she write") == []
    assert run(catalogue, tmp_path, "The New York Times", "times", quote) == (
        "c.yaml:7:12: error[source-ambiguous]: quote also stands in 'other' (other.txt), so the "
        "question has more than one right answer\n"
        "  hint: quote a passage only 'times' has\n"
    )
