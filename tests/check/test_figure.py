import pytest

from citedeck.check import figure

CARD = """\
- id: c
  type: figure
  question: How much?
  answer: "{answer}"
  source: liang-profile
  quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"
"""


@pytest.mark.parametrize("answer", ["2048", "2,048", "$5.6 million", "5.6 million dollars", "2,048 GPUs and $5.6 million"])
def test_numbers_equal_by_value_pass(findings, answer: str) -> None:
    assert findings(figure, CARD.format(answer=answer)) == ""


def test_wrong_scale_fails(findings) -> None:
    assert findings(figure, CARD.format(answer="$5.6 billion")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '$5.6 billion' (5,600,000,000 USD) is not "
        "a number in the quote (the quote has '2,048'; '$5.6 million')\n"
    )


def test_answer_without_number_fails(findings) -> None:
    assert findings(figure, CARD.format(answer="a lot")) == (
        "c.yaml:5:13: error[figure-no-number]: answer 'a lot' holds no number; "
        "a figure card's answer states the figure\n"
    )


def test_number_words_and_percent(findings) -> None:
    card = CARD.replace(
        'quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"',
        'quote: "only twenty percent of that of OpenAI"',
    ).replace("liang-profile", "comeback")
    assert findings(figure, card.format(answer="20%")) == ""
    # Written as the value reads, it is not repeated: "'30%'", not "'30%' (30%)".
    assert findings(figure, card.format(answer="30%")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '30%' is not a number in the quote "
        "(the quote has 'twenty percent')\n"
    )


def test_years_count(findings) -> None:
    card = CARD.replace(
        'quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"',
        'quote: "In 2021, Liang began purchasing thousands of Nvidia graphics processing units"',
    )
    assert findings(figure, card.format(answer="2021")) == ""
    # Written as plain digits, a number is shown as written: no "(2,023)".
    assert findings(figure, card.format(answer="2023")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '2023' is not a number in the quote "
        "(the quote has '2021')\n"
    )
    assert "'thirty' (30) is not" in findings(figure, card.format(answer="thirty"))


def test_every_number_of_a_range_and_its_sign_count(findings) -> None:
    card = CARD.replace(
        'quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"',
        'quote: "the number of university graduates each year, once minuscule, has grown more than 14-fold"',
    ).replace("liang-profile", "nyt")
    assert findings(figure, card.format(answer="14-fold")) == ""
    # A range in the answer must hold in full: its second number was once never read.
    assert findings(figure, card.format(answer="14-20-fold")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '20-fold' (20×) is not a number in the "
        "quote (the quote has '14-fold')\n"
    )
    assert findings(figure, card.format(answer="-14-fold")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '-14-fold' (-14×) is not a number in the "
        "quote (the quote has '14-fold')\n"
    )
    # What the number is counts, not just its digits.
    assert findings(figure, card.format(answer="14")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '14' is a count, but the quote's "
        "'14-fold' is a multiplier\n"
    )
    assert findings(figure, card.format(answer="fourteen times")) == ""


def test_a_year_is_no_count(findings) -> None:
    card = CARD.replace(
        'quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"',
        'quote: "In 2021, Liang began purchasing thousands of Nvidia graphics processing units"',
    )
    assert findings(figure, card.format(answer="2,021")) == (
        "c.yaml:5:13: error[figure-mismatch]: the answer's '2,021' is a count, but the quote's "
        "'2021' is a year\n"
        "  hint: a number of four digits from 1500 to 2100 without a comma reads as a year\n"
    )


def test_a_megabyte_answer_is_quoted_by_its_start(findings) -> None:  # type: ignore[no-untyped-def]
    # A finding quotes the answer: a million digits were printed whole.
    huge = "1" + "0" * 1_000_000
    assert findings(figure, CARD.format(answer=huge)) == (
        f"c.yaml:5:13: error[figure-no-number]: answer '{huge[:99]}…' holds no number; "
        "a figure card's answer states the figure\n"
    )
