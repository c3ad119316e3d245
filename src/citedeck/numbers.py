"""Reading numbers out of prose by value: "2,048", "$5.6 million", "42 percent", "eight"."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from .textnorm import fold_for_numbers

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "dozen": Decimal(12), "hundred": Decimal(100), "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
}
_SCALE_ABBREVIATIONS = {"k": "thousand", "m": "million", "mn": "million", "b": "billion",
                        "bn": "billion", "tn": "trillion"}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
    "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "yuan": "CNY", "rmb": "CNY",
    "renminbi": "CNY", "cny": "CNY",
}
PERCENT = "%"

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_ABBREVIATION = "|".join(sorted(_SCALE_ABBREVIATIONS, key=len, reverse=True))
_CURRENCY_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
# Where a number can start, asserted first: it changes no match, but the scan skips every
# other place without trying each alternative there. A digit, a minus or a currency sign;
# whitespace before a digit, a minus or the first letter of a number word or of "a"/"an";
# "US$" anywhere; and such a letter where a word starts (inside a word, the lookbehinds of
# the number's token refuse it anyway). Letters inside words were a third of the reading time.
_FIRST = "".join(sorted({"a", *(word[0] for word in (*_UNITS, *_TENS))}))

# A number is at most 30 digits and as many decimals: a longer run of digits is no figure anyone
# cites, and bounding it keeps the reading linear (the look past a run is taken a bounded number
# of times) and every value within what Decimal can hold.
_NUMBER_RE = re.compile(
    rf"""
    (?=[\d$€£¥-]|\s[-\d{_FIRST}]|US\$|(?<!\w)[{_FIRST}])
    (?P<signed>(?<![\w.,-])-(?=US\$|[$€£¥]))?  # -$5 million: the minus before the currency
    (?P<sign>US\$|[$€£¥])?\s?
    (?:
        (?<![\w.,])(?<![^\W\d]-)(?P<minus>-)?(?P<digits>\d{{1,3}}(?:,\d{{3}}){{1,10}}|\d{{1,30}})(?P<fraction>\.\d{{1,30}})?(?![\d,]*\.?\d)
      | (?<![\w~-])(?P<words>(?:{_WORD})(?:[\s-](?:{_WORD}))?)(?![\w])
      | (?<![\w])(?<!half\s)(?P<article>an?)(?=\s+(?:{_SCALE})\b)  # not "half a dozen"
    )
    (?:
        (?:[\s-](?P<scale>(?:{_SCALE})(?:\s(?:{_SCALE}))?)\b)
      | (?:\s(?=(?:bn|mn|tn)\b))?(?P<abbreviation>{_ABBREVIATION})\b  # 1.5bn, 1.5 bn; not 5 m
    )?
    (?P<percent>\s?%|\s(?:percent|per\scent)\b)?
    (?P<currency>\s(?:{_CURRENCY_WORD})\b)?
    (?![A-Za-z0-9])
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number read from text: its value, its unit ('%', 'USD', ...) if any, where it stood."""

    value: Decimal
    unit: str | None
    start: int
    end: int
    text: str

    def __str__(self) -> str:
        shown = f"{self.value:,f}"
        if self.unit == PERCENT:
            return f"{shown}%"
        return f"{shown} {self.unit}" if self.unit else shown

    def matches(self, other: Number) -> bool:
        """Equal by value; where both carry a unit, the units agree too."""
        if self.value != other.value:
            return False
        return self.unit is None or other.unit is None or self.unit == other.unit


def _word_value(words: str) -> int:
    total = 0
    for word in re.split(r"[\s-]", words.lower()):
        total += _UNITS.get(word, 0) + _TENS.get(word, 0)
    return total


def numbers_in(text: str) -> list[Number]:
    """Every number in `text`, in order, read from its folded form: each stands where it does
    in fold(text). Digits glued to letters (R1, H800s, 36Kr) are names, not numbers, and are
    skipped."""
    return list(_read_numbers(fold_for_numbers(text)))


# The check reads each figure card's quote and answer, and the build reads them again to
# highlight them: remembering the (immutable) results halves the work of a build.
@functools.lru_cache(maxsize=65536)
def _read_numbers(text: str) -> tuple[Number, ...]:
    with localcontext() as context:
        # Exact for every number the pattern reads: 30 digits, 30 decimals, two scale words.
        context.prec = 100
        return _read_numbers_exactly(text)


def _read_numbers_exactly(text: str) -> tuple[Number, ...]:
    found: list[Number] = []
    scales: list[Decimal | None] = []  # what each number was multiplied by, if anything
    for match in _NUMBER_RE.finditer(text):
        if match.group("digits"):
            value = Decimal(match.group("digits").replace(",", "") + (match.group("fraction") or ""))
            if match.group("minus"):
                value = -value
        elif match.group("words"):
            value = Decimal(_word_value(match.group("words")))
        else:
            value = Decimal(1)
        scale = match.group("scale")
        if match.group("abbreviation"):
            scale = _SCALE_ABBREVIATIONS[match.group("abbreviation").lower()]
        factor = None
        if scale:
            factor = Decimal(1)
            for word in scale.lower().split():
                factor *= _SCALES[word]
            value *= factor
        unit = None
        if match.group("percent"):
            unit = PERCENT
        elif match.group("sign"):
            unit = _CURRENCY_SIGNS[match.group("sign").upper()]  # the pattern ignores case: us$
        elif match.group("currency"):
            unit = _CURRENCY_WORDS[match.group("currency").strip().lower()]
        if match.group("article") and not scale:
            continue
        # "1.5b" and "$5b" are billions; "Phase 2b" and "section 5b" are labels.
        if (match.group("abbreviation") or "").lower() == "b" and not (
            match.group("fraction") or match.group("sign")
        ):
            continue
        if match.group("signed"):
            value = -value
        if match.group("sign"):
            start = match.start("signed" if match.group("signed") else "sign")
        else:
            first = "minus" if match.group("minus") else "digits"
            start = match.start(
                first if match.group("digits") else "words" if match.group("words") else "article"
            )
        end = match.end()
        found.append(Number(value.normalize(), unit, start, end, text[start:end].strip()))
        scales.append(factor)
    return tuple(_ranges_shared(text, found, scales))


# Between the two ends of a range: a hyphen or a dash (folded to "~"), with no space around it.
# A spaced dash sets a clause off ("$10 million — 5 million more"), and "to" says where a
# figure went ("rose 12% to $3.4 billion"), not where a range ends.
_RANGE_JOINER = re.compile(r"[-~]")


def _ranges_shared(text: str, found: list[Number], scales: list[Decimal | None]) -> list[Number]:
    """Numbers where the low end of a range shares what only the high end states: the scale
    of "$1.5-2 billion" (1.5 billion dollars, not 1.5 dollars) and the percent of "5-10%". The
    low end must read as less than the high end before its scale, and state no scale, percent
    or thousands of its own: "3-1", "2,000-3,000 km" and "2023-24" are no such ranges."""
    for i in range(len(found) - 1, 0, -1):  # from the right: "1-2-3 million" scales both
        low, high = found[i - 1], found[i]
        scale = scales[i]
        if (
            not _RANGE_JOINER.fullmatch(text, low.end, high.start)
            or scales[i - 1] is not None
            or low.unit == PERCENT
            or "," in low.text
            or low.value >= high.value / (scale or 1)
        ):
            continue
        value = (low.value * scale).normalize() if scale is not None else low.value
        unit = low.unit or (high.unit if high.unit == PERCENT or scale is not None else None)
        found[i - 1] = replace(low, value=value, unit=unit)
        scales[i - 1] = scale
        if high.unit is None and low.unit is not None and low.unit != PERCENT:
            found[i] = replace(high, unit=low.unit)  # "$1.5-2 billion": dollars both
    return found
