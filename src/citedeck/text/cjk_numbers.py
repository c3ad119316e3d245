"""Numbers written the Chinese, Japanese or Korean way: Chinese numerals ("三千五百"), digits with a
scale character ("2万", "3.2亿", "30억"), and what follows one: a currency ("80万元" is yuan,
"500円" yen, "3억 원" won), "%", "倍" (times), "个百分点" (percentage points), or "年" (a year).
"百分之三十" is 30%. Four digits from 1500 to 2100 before "年" are a year; other years ("3年") a
count of them.

Chinese numerals are read by cn2an, whole: a run it does not read as one number ("千万", "by all
means", alone) is no number. A single numeral character with nothing after it that makes it a
figure ("一" of "统一") is no number either: it is as often part of a word.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from citedeck.text.scripts import CJK_NUMERALS

# Traditional and Japanese forms of the numerals cn2an reads in their simplified form.
_SIMPLIFIED = str.maketrans({"萬": "万", "億": "亿", "兩": "两"})
_SCALES = {"만": Decimal(10) ** 4, "억": Decimal(10) ** 8, "조": Decimal(10) ** 12}
_CURRENCIES = {
    "元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "日元": "JPY",
    "円": "JPY", "港元": "HKD", "港币": "HKD", "韩元": "KRW", "英镑": "GBP", "원": "KRW",
    "달러": "USD", "유로": "EUR", "ドル": "USD", "ユーロ": "EUR",
}
# What a number read here may be besides a count or money, by what follows it.
PERCENT, POINTS, MULTIPLIER, YEAR = "%", "percentage points", "×", "year"
_KINDS = {"个百分点": POINTS, "%ポイント": POINTS, "%포인트": POINTS, "倍": MULTIPLIER,
          "배": MULTIPLIER, "年": YEAR, "년": YEAR}
_NUMERALS = "".join(CJK_NUMERALS)
# After a number, "块" is yuan ("100块钱") or a measure word ("2048块GPU"): no telling.
_UNSURE = {"块"}
_FOLLOWERS = "|".join(re.escape(w) for w in sorted({*_CURRENCIES, *_KINDS, *_UNSURE}, key=len, reverse=True))
_CJK_NUMBER = re.compile(
    rf"""
    (?P<percent_of>百分之)?
    (?<![\d.])(?<!\d,)(?P<run>[\d{_NUMERALS}](?:[\d{_NUMERALS}]|[.,](?=\d))*)
    (?P<korean>(?:\s?[만억조])+)?
    (?P<follower>\s?(?:{_FOLLOWERS}))?
    """,
    re.VERBOSE,
)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# cn2an reads through a float: past this many digits its value would not be exact.
_MAX_DIGITS = 15


@functools.lru_cache(maxsize=4096)
def _run_value(run: str) -> Decimal | None:
    """The value of a run of digits and Chinese numerals ("三千五百", "3.2亿", "1亿2千万"), read
    whole by cn2an; None when it is not one number."""
    import cn2an

    if sum(c.isdigit() for c in run) > _MAX_DIGITS:
        return None
    try:
        value = cn2an.cn2an(run.translate(_SIMPLIFIED).replace(",", ""), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value)).normalize()


def cjk_numbers(text: str) -> list[tuple[int, int, Decimal | None, str | None]]:
    """(start, end, value, unit) of each number of `text` written the CJK way; the value is None
    for a run of digits and numerals that reads as no one number, which is then no number at
    all. Digits with nothing CJK after them are left to the reader of English numbers."""
    found: list[tuple[int, int, Decimal | None, str | None]] = []
    for match in _CJK_NUMBER.finditer(text):
        run = match.group("run")
        follower = (match.group("follower") or "").strip()
        unit = _CURRENCIES.get(follower) or _KINDS.get(follower)
        value: Decimal | None
        if _DIGITS.fullmatch(run):
            if not (match.group("korean") or follower or match.group("percent_of")):
                continue
            value = Decimal(run.replace(",", ""))
            for char in "".join((match.group("korean") or "").split()):
                value *= _SCALES[char]
        elif len(run) == 1 and not (follower or match.group("percent_of")):
            continue
        else:
            value = None if match.group("korean") else _run_value(run)
        if follower in _UNSURE:
            value = None
        if match.group("percent_of"):
            if unit is not None:
                value = None  # "百分之三十元": no figure anyone writes
            unit = PERCENT
        if unit == YEAR and not (_DIGITS.fullmatch(run) and len(run) == 4 and 1500 <= value <= 2100):  # type: ignore[operator]
            unit = None  # "3年", "二十年": a count of years; "2024年" is a year
        found.append((match.start(), match.end(), value if value is None else value.normalize(), unit))
    return found
