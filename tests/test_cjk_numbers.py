"""Numbers written the Chinese, Japanese and Korean way, read by value and kind."""

from __future__ import annotations

import pytest

from citedeck.text.numbers import numbers_in


def read(text: str, language: str) -> list[tuple[str, str]]:
    return [(n.text, str(n)) for n in numbers_in(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("营收达到80万元，增长百分之三十", "zh", [("80万元", "800,000 CNY"), ("百分之三十", "30%")]),
        ("共三千五百名员工，３．２亿美元", "zh", [("三千五百", "3,500"), ("3.2亿美元", "320,000,000 USD")]),
        ("2万人，5倍，30%，2024年，3年", "zh", [("2万", "20,000"), ("5倍", "5×"), ("30%", "30%"), ("2024年", "2024"), ("3年", "3")]),
        ("增长2.5个百分点", "zh", [("2.5个百分点", "2.5 percentage points")]),
        ("売上高は500円、1億2千万円", "ja", [("500円", "500 JPY"), ("1億2千万円", "120,000,000 JPY")]),
        ("매출은 30억 원, 3만명, 2.5배", "ko", [("30억 원", "3,000,000,000 KRW"), ("3만", "30,000"), ("2.5배", "2.5×")]),
        # Not numbers: a numeral inside a word, a run cn2an reads as none, "块" (yuan or a measure word).
        ("统一，千万不要，2048块GPU", "zh", []),
    ],
)
def test_cjk_numbers(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert read(text, language) == expected


def test_a_number_after_a_full_width_comma_is_read() -> None:
    assert read("增长了，30%", "zh") == [("30%", "30%")]
