import time

import pytest

from citedeck.text.numbers import numbers_in


def read(text: str) -> list[str]:
    return [str(n) for n in numbers_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,048 GPUs", ["2,048"]),
        ("$5.6 million", ["5,600,000 USD"]),
        ("5.6 million dollars", ["5,600,000 USD"]),
        ("42%", ["42%"]),
        ("42 percent", ["42%"]),
        ("eight of the 12", ["8", "12"]),
        ("twenty-five", ["25"]),
        ("a million GPUs", ["1,000,000"]),
        ("1.54 million yuan (just under $215,000)", ["1,540,000 CNY", "215,000 USD"]),
        ("14-fold", ["14×"]),
        ("R1, H800s, 36Kr and GPT-4", []),
        ("by 2025.But", ["2025"]),
        ("us$100 million or Us$2", ["100,000,000 USD", "2 USD"]),
        # Both ends of a range or a score; a name's digits (COVID-19) stay a name.
        ("voted 7-2, in 18-24 months, from 2019-2022; COVID-19", ["7", "2", "18", "24", "2019", "2022"]),
        ("a dozen homes, two dozen, dozens; half a dozen, half a million", ["12", "24"]),
        ("$1.5b, 1.5 bn, 1.5bn, $5b; 5 m away", ["1,500,000,000 USD", "1,500,000,000", "1,500,000,000", "5,000,000,000 USD", "5"]),
        # A b after a whole number is a label, not billions.
        ("a Phase 2b trial, section 5b, a 7B model", []),
        # A minus sign belongs to the number, so -8 is not 8.
        ("fell to -8 degrees, or (-3.5%)", ["-8", "-3.5%"]),
        ("a loss of -$5 million, or $-5; X-$5", ["-5,000,000 USD", "-5 USD", "5 USD"]),
        # A dash that sets off or joins never negates, and a word after it stays a word.
        ("$10 million —$5 million more; 18–24; a blitz—one that", ["10,000,000 USD", "5,000,000 USD", "18", "24"]),
        ("fell to −8 (a true minus sign)", ["-8"]),
        # The low end of a range shares the scale (and percent) only the high end states.
        ("$1.5-2 billion, 1.5–2.0%, 5-10%, 1-2-3 million", [
            "1,500,000,000 USD", "2,000,000,000 USD", "1.5%", "2%", "5%", "10%",
            "1,000,000", "2,000,000", "3,000,000",
        ]),
        # Not across a spaced dash, nor from an end that is no lower, or states its own percent,
        # scale or thousands, or another kind of number ("rose 12% to $3.4 billion"): those are
        # no such ranges.
        ("$10 million — 5 million more; rose 12% to $3.4 billion; rose 4% to 120", [
            "10,000,000 USD", "5,000,000", "12%", "3,400,000,000 USD", "4%", "120",
        ]),
        ("from 800,000 to 1.2 million; 5 to 10 million; in 2019—5 million; won 3-1; 2,000-3,000 km", [
            "800,000", "1,200,000", "5,000,000", "10,000,000", "2019", "5,000,000", "3", "1", "2,000", "3,000",
        ]),
    ],
)
def test_numbers_in(text: str, expected: list[str]) -> None:
    assert read(text) == expected


def test_four_digits_in_an_answer_are_a_year_or_the_count_a_quote_writes_with_a_comma() -> None:
    bare, grouped = numbers_in("2048")[0], numbers_in("2,048")[0]
    assert bare.matches(bare) and bare.matches(grouped)
    assert not grouped.matches(bare)


def test_numbers_match_only_of_one_kind() -> None:
    dollars, plain, percent, also_dollars = (numbers_in(t)[0] for t in ("$42", "42", "42%", "42 dollars"))
    assert dollars.matches(also_dollars)
    assert not dollars.matches(plain) and not plain.matches(percent) and not dollars.matches(percent)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each kind of number: percentage, points, multiplier, year, ordinal, fraction, money.
        ("45%, 45 engineers, 45-fold, 5 percentage points", ["45%", "45", "45×", "5 percentage points"]),
        ("6x, 6×, 6-fold, six times, sixfold, nine-fold", ["6×", "6×", "6×", "6×", "6×", "9×"]),
        ("S$5, HK$5, US$5, $5, €5, £5, ¥5", ["5 SGD", "5 HKD", "5 USD", "5 USD", "5 EUR", "5 GBP", "5 ¥"]),
        ("5 rupees, 5 won, 5 francs, 5 yen, 5 Singapore dollars, RMB 5", [
            "5 INR", "5 KRW", "5 CHF", "5 JPY", "5 SGD", "5 CNY",
        ]),
        ("in 2019, 2,019 people, 2048 or 2,048, 1499 and 2101", ["2019", "2,019", "2048", "2,048", "1,499", "2,101"]),
        ("two-fifths, one third, a quarter, a half", ["2/5", "1/3", "1/4", "1/2"]),
        ("the second, 2nd, twenty-first, 21st, third", [
            "2 (ordinal)", "2 (ordinal)", "21 (ordinal)", "21 (ordinal)", "3 (ordinal)",
        ]),
        # A minus, an en dash or U+2212 before a number is its sign; a hyphen in a name is not.
        ("fell -7%, \u20137%, \u22127%; COVID-19, COVID\u201319", ["-7%", "-7%", "-7%"]),
        # Number words read whole, never split or summed.
        ("three hundred and twelve; twelve hundred; one thousand two hundred and fifty", ["312", "1,200", "1,250"]),
        ("five six; nineteen eighty-four; five hundred and six thousand", ["506,000"]),
        # Ranges said in words: the low end takes the high end's scale and currency.
        ("between €2 and €3 billion; 5 to 6 million people; between five and six", [
            "2,000,000,000 EUR", "3,000,000,000 EUR", "5,000,000", "6,000,000", "5", "6",
        ]),
        ("five and six million", ["5", "6,000,000"]),
    ],
)
def test_numbers_by_kind(text: str, expected: list[str]) -> None:
    assert read(text) == expected


def test_a_number_is_read_exactly_to_thirty_digits_and_a_longer_run_is_none() -> None:
    assert [str(n) for n in numbers_in("9" * 30)] == [f"{int('9' * 30):,}"]
    assert [str(n) for n in numbers_in("999,999,999,999,999 trillion")] == [f"{999_999_999_999_999 * 10**12:,}"]
    # A million digits is no figure: not read, and no overflow reading it.
    assert numbers_in("9" * 31) == numbers_in("1" + "0" * 1_000_001) == []
    assert [n.text for n in numbers_in("The count was " + "1" * 40 + " or 12.")] == ["12"]


def test_reading_a_long_run_of_digits_and_commas_takes_linear_time() -> None:
    # Each backtrack into a comma-grouped run looks past all of it: unbounded, that was
    # quadratic (30 s for a 200 KB answer).
    start = time.perf_counter()
    assert numbers_in("1,11" * 50_000) == numbers_in("x " + "1,111" * 40_000) == []
    assert time.perf_counter() - start < 2
