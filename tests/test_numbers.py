import time

import pytest

from citedeck.numbers import numbers_in


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
        ("14-fold", ["14"]),
        ("R1, H800s, 36Kr and GPT-4", []),
        ("by 2025.But", ["2,025"]),
        ("us$100 million or Us$2", ["100,000,000 USD", "2 USD"]),
        # Both ends of a range or a score; a name's digits (COVID-19) stay a name.
        ("voted 7-2, in 18-24 months, from 2019-2022; COVID-19", ["7", "2", "18", "24", "2,019", "2,022"]),
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
        # Not across a spaced dash, nor "to" (where a figure went), nor from an end that is no
        # lower, or states its own percent, scale or thousands: those are no such ranges.
        ("$10 million — 5 million more; rose 12% to $3.4 billion; rose 4% to 120", [
            "10,000,000 USD", "5,000,000", "12%", "3,400,000,000 USD", "4%", "120",
        ]),
        ("from 800,000 to 1.2 million; 5 to 10 million; in 2019—5 million; won 3-1; 2,000-3,000 km", [
            "800,000", "1,200,000", "5", "10,000,000", "2,019", "5,000,000", "3", "1", "2,000", "3,000",
        ]),
    ],
)
def test_numbers_in(text: str, expected: list[str]) -> None:
    assert read(text) == expected


def test_units_must_agree_only_when_both_given() -> None:
    dollars, plain, percent = (numbers_in(t)[0] for t in ("$42", "42", "42%"))
    assert dollars.matches(plain) and plain.matches(percent)
    assert not dollars.matches(percent)


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
