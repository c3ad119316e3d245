from citedeck.rules import source

CARD = """\
- id: c
  type: source
  question: Which outlet reported this?
  answer: {answer}
  source: {source}
  quote: "{quote}"
"""


def test_named_publisher_and_unique_quote_pass(findings) -> None:
    assert findings(source, CARD.format(answer="Rest of World", source="restofworld",
                                        quote="Pan chose DeepSeek without much hesitation")) == ""


def test_author_or_key_names_the_source(findings) -> None:
    quote = "You're churning out all this talent over the last few years"
    for answer in ("Vivian Wang", "nyt", "new york times", "THE NEW YORK TIMES",
                   "the Times's China piece (The New York Times)"):
        assert findings(source, CARD.format(answer=answer, source="nyt", quote=quote)) == "", answer
    assert findings(source, CARD.format(answer="the Liang Wenfeng profile (liang-profile)",
                                        source="liang-profile",
                                        quote="a very nerdy guy with a terrible hairstyle")) == ""


def test_an_answer_merely_holding_a_name_does_not_name_the_source(findings) -> None:
    quote = "You're churning out all this talent over the last few years"
    for answer in ("Not The New York Times", "The New York Times or Bloomberg Opinion",
                   "a New York Times reporter", "the nyt article", "The New York Times (Reuters)"):
        out = findings(source, CARD.format(answer=answer, source="nyt", quote=quote))
        assert out.startswith(
            f"c.yaml:5:13: error[source-not-named]: answer '{answer}' does not name the cited source"
        ), answer


def test_wrong_outlet_fails(findings) -> None:
    out = findings(source, CARD.format(answer="Reuters", source="restofworld",
                                       quote="Pan chose DeepSeek without much hesitation"))
    assert out == (
        "c.yaml:5:13: error[source-not-named]: answer 'Reuters' does not name the cited source "
        "'restofworld' (000_06cf52921cbf3fe8.txt)\n"
        "  hint: answer with one of: 'Rest of World', 'DeepSeek’s rise shows why China’s top AI talent is "
        "skipping Silicon Valley', 'restofworld'; or end the answer with one in parentheses\n"
    )


def test_quote_in_two_sources_is_ambiguous(findings) -> None:
    out = findings(source, CARD.format(answer="Rest of World", source="restofworld",
                                       quote="Tsinghua University and Peking University"))
    assert out == (
        "c.yaml:7:12: error[source-ambiguous]: quote also stands in 'nyt' (003_ab8ac3ee00bb6825.txt), "
        "so the question has more than one right answer\n"
        "  hint: quote a passage only 'restofworld' has\n"
    )
