"""Reading numbers out of prose by value and kind: "2,048", "$5.6 million", "42 percent",
"three hundred and twelve", "6-fold", "two-fifths", "2nd", "in 2019".

A number is its value and its kind (`Number.unit`): a count (None), a percentage, percentage
points, a multiplier, a year, an ordinal, a fraction, or money in one currency. Two numbers
match only when both agree: 45% is no 45 engineers, S$5 is no $5, 2019 is no 2,019.
"""

from __future__ import annotations

import fractions
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from citedeck.text.cjk_numbers import cjk_numbers
from citedeck.text.european_numbers import LANGUAGES as EUROPEAN_LANGUAGES
from citedeck.text.european_numbers import as_english_digits, european_numbers, unit_after
from citedeck.text.fold import EN_DASH, fold_for_numbers
from citedeck.text.scripts import spaced

PERCENT = "%"
POINTS = "percentage points"
MULTIPLIER = "×"
YEAR = "year"
ORDINAL = "ordinal"
FRACTION = "fraction"
# What a kind is called in a finding; money is named by its currency.
KIND_NAMES = {
    None: "a count", PERCENT: "a percentage", POINTS: "percentage points",
    MULTIPLIER: "a multiplier", YEAR: "a year", ORDINAL: "an ordinal", FRACTION: "a fraction",
}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "dozen": Decimal(12), "hundred": Decimal(100), "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
}
_BIG_SCALES = ("hundred", "thousand", "million", "billion", "trillion")
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}
_SCALE_ABBREVIATIONS = {"k": "thousand", "m": "million", "mn": "million", "b": "billion",
                        "bn": "billion", "tn": "trillion"}
# Money: a sign or code before the number, or a currency named after it. "$" and "dollars"
# are US dollars; other dollars are named (S$, HK$, Singapore dollars); "¥" is yen or yuan,
# so it is a currency of its own.
_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "S$": "SGD", "HK$": "HKD", "A$": "AUD", "C$": "CAD",
    "NT$": "TWD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "¥", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY", "rmb": "CNY",
    "jpy": "JPY", "inr": "INR", "krw": "KRW", "sgd": "SGD", "hkd": "HKD", "chf": "CHF",
}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "american dollars": "USD", "singapore dollars": "SGD", "hong kong dollars": "HKD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "yen": "JPY", "rupee": "INR", "rupees": "INR", "won": "KRW", "franc": "CHF",
    "francs": "CHF", "swiss francs": "CHF", "peso": "MXN", "pesos": "MXN", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rand": "ZAR", "ringgit": "MYR",
    "baht": "THB", "lira": "TRY", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY",
    "jpy": "JPY", "inr": "INR", "krw": "KRW", "sgd": "SGD", "hkd": "HKD", "chf": "CHF",
}


def _either(words: Iterable[str]) -> str:
    """A regex matching any of `words` (the longest where several do), any run of spaces between
    their words: a trie of them, so a place where none starts is left after a letter or two
    instead of trying each word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return either
    return f"(?:{either})?" if len(branches) == 1 else either + "?"


_CARDINAL = _either([*_UNITS, *_TENS])
_TEN = _either(_TENS)
_RUN_WORD = _either([*_UNITS, *_TENS, *_BIG_SCALES])
_SCALE = _either(_SCALES)
_ABBREVIATION = _either(_SCALE_ABBREVIATIONS)
_CURRENCY_SIGN = "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True) if not s.isalpha())
_CURRENCY_CODE = _either(s for s in _CURRENCY_SIGNS if s.isalpha())
_CURRENCY_WORD = _either(_CURRENCY_WORDS)
_ORDINAL_WORD = _either([*_ORDINAL_UNITS, *_ORDINAL_TENS])
_DENOMINATOR = _either(_DENOMINATORS)
# A number starts with a digit, a sign, a currency, a number word, or a currency code in
# capitals: asserted first, so the scan skips every other place without trying each alternative.
_CODE_FIRST = "".join(sorted({s[0].upper() for s in _CURRENCY_SIGNS if s[0].isalpha()}))
# A text holding none of these holds no number: most quotes, found at a glance.
_MAY_HOLD_A_NUMBER = re.compile(
    r"\d|(?<![^\W\d])(?:" + _either([*_UNITS, *_TENS, *_ORDINAL_UNITS, *_ORDINAL_TENS, *_SCALES, *_DENOMINATORS]) + ")",
    re.IGNORECASE,
)

# A number is at most 30 digits and as many decimals: a longer run of digits is no figure anyone
# cites, and bounding it keeps the reading linear and every value within what Decimal holds.
_NUMBER_RE = re.compile(
    rf"""
    (?=[\d$€£¥₹₩₽{EN_DASH}-]|(?<!\w)(?:{_CARDINAL}|{_ORDINAL_WORD}|an?[\s-]+(?:{_SCALE}|{_DENOMINATOR})|[a-z]{{1,2}}\$)|(?-i:(?<!\w)[{_CODE_FIRST}][A-Z]))
    (?P<signed>(?<![\w.,-])[-{EN_DASH}](?=(?:{_CURRENCY_SIGN})\d))?  # -$5 million
    (?:(?<![\w$])(?P<sign>{_CURRENCY_SIGN})|(?<![\w])(?P<code>{_CURRENCY_CODE})\s)?\s?
    (?:
        (?<![\w.])(?<!\d,)(?<![^\W\d]-)(?<![^\W\d]{EN_DASH})(?P<minus>-|{EN_DASH}(?=\d))?
          (?P<digits>\d{{1,3}}(?:,\d{{3}}){{1,10}}|\d{{1,30}})(?P<decimals>\.\d{{1,30}})?(?![\d,]*\.?\d)
          (?P<suffix>st|nd|rd|th)?
      | (?<![\w~{EN_DASH}-])(?P<numerator>{_CARDINAL}|an?)[\s-](?P<denominator>{_DENOMINATOR})\b
      | (?<![\w~{EN_DASH}-])(?P<ordinal>(?:(?:{_TEN})[\s-])?(?:{_ORDINAL_WORD}))\b
      | (?<![\w~{EN_DASH}-])(?P<words>(?:{_CARDINAL})(?:(?:[\s-]|\s+and\s+)(?:{_RUN_WORD}))*)(?P<glued>fold)?(?![\w])
      | (?<![\w])(?<!half\s)(?P<article>an?)(?=\s+(?:{_SCALE})\b)  # not "half a dozen"
    )
    (?:
        (?:[\s-](?P<scale>(?:{_SCALE})(?:\s(?:{_SCALE}))?)\b)
      | (?:\s(?=(?:bn|mn|tn)\b))?(?P<abbreviation>{_ABBREVIATION})\b  # 1.5bn, 1.5 bn; not 5 m
    )?
    (?P<percent>\s?%|\s(?:percent|per\scent)\b)?
    (?P<points>\spercentage\spoints?\b)?
    (?P<times>\s?[x×](?![A-Za-z0-9])|[\s-]?fold\b|\stimes\b)?
    (?P<currency>\s(?:{_CURRENCY_WORD})\b)?
    (?![A-Za-z0-9])
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number read from text: its value, its kind (see the module), where it stood."""

    value: Decimal
    unit: str | None
    start: int
    end: int
    text: str
    # A year written as four bare digits, which may as well be a count ("2048 GPUs"); not one
    # the text calls a year ("the year 2048").
    bare: bool = False

    def __str__(self) -> str:
        if self.unit == YEAR:
            return f"{self.value:f}"
        shown = f"{self.value:,f}"
        if self.unit == PERCENT:
            return f"{shown}%"
        if self.unit == MULTIPLIER:
            return f"{shown}×"
        if self.unit == ORDINAL:
            return f"{shown} (ordinal)"
        if self.unit == FRACTION:
            return str(fractions.Fraction(self.value).limit_denominator(1000))
        return f"{shown} {self.unit}" if self.unit else shown

    @property
    def kind(self) -> str:
        """What the number is, as a finding names it: "a percentage", "money in SGD"."""
        return KIND_NAMES.get(self.unit) or f"money in {self.unit}"

    def matches(self, other: Number) -> bool:
        """Whether this number, read from an answer, is `other`, read from a quote: equal by
        value and of one kind (money: in one currency). Four digits without a comma may be a
        year or a count, so the answer's also match the count a quote writes with a comma
        ("2048" is "2,048 GPUs"); a count written with a comma is never a year."""
        if self.value != other.value:
            return False
        return self.unit == other.unit or (self.unit == YEAR and self.bare and other.unit is None)


def numbers_in(text: str, language: str = "en") -> list[Number]:
    """Every number in `text`, in order, read from its folded form as `language` writes
    numbers: each stands where it does in fold(text). Digits glued to letters (R1, H800s, 36Kr)
    are names, not numbers, and are skipped; so is a run of number words that is not one
    number ("five six"), and digits whose separators the language does not settle ("2.5" in
    German). Numbers written the CJK way ("80万元") are read in any language; number words
    in English, and in German, French, Spanish, Italian, Portuguese and Dutch in their own."""
    return list(_read_numbers(fold_for_numbers(text), language))


# The figure rule reads each figure card's quote and answer, and the marks of what it proved
# read them again.
@functools.lru_cache(maxsize=65536)
def _read_numbers(text: str, language: str = "en") -> tuple[Number, ...]:
    reading, unsure = as_english_digits(text, language)
    own: list[Number] = []
    if not text.isascii():
        for start, end, value, unit in cjk_numbers(reading):
            if value is None:
                unsure.append((start, end))
            else:
                own.append(Number(value, unit, start, end, _as_written(text[start:end])))
    if language in EUROPEAN_LANGUAGES:
        own.extend(
            Number(value, unit, start, end, _as_written(text[start:end]))
            for start, end, value, unit in european_numbers(reading, language, unsure)
        )
    if not _MAY_HOLD_A_NUMBER.search(reading):
        return tuple(sorted(own, key=lambda n: n.start))
    with localcontext() as context:
        # Exact for every number the pattern reads: 30 digits, 30 decimals, two scale words.
        context.prec = 100
        english = _read_numbers_exactly(spaced(reading), text)
    taken = unsure + [(n.start, n.end) for n in own]
    for number in english:
        if any(number.start < end and start < number.end for start, end in taken):
            continue
        if language in EUROPEAN_LANGUAGES and number.unit in (None, YEAR):
            unit, end = unit_after(reading, number.end, language)
            if unit is not None:
                number = replace(number, unit=unit, end=end, text=_as_written(text[number.start : end]), bare=False)
        own.append(number)
    return tuple(sorted(own, key=lambda n: n.start))


@functools.lru_cache(maxsize=4096)
def _cardinal(words: str) -> int | None:
    """The value of a run of English number words read whole, or None when it is not one number."""
    from text_to_num import text2num

    try:
        return int(text2num(" ".join(words.lower().split()), "en"))
    except ValueError:
        return None


def _word_parts(match: re.Match[str]) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of each number a run of number words holds: the run whole, when it
    reads as one ("three hundred and twelve"); else its parts between "and", when the first
    has no scale word and each reads as one ("five and six"); else none."""
    start = match.start("words")
    run = match.group("words")
    whole = _cardinal(run)
    if whole is not None:
        return [(start, match.end("words"), Decimal(whole))]
    parts = []
    cursor = 0
    for piece in re.split(r"(\s+and\s+)", run):
        if piece.strip().lower() != "and":
            value = _cardinal(piece)
            if value is None:
                return []
            parts.append((start + cursor, start + cursor + len(piece), Decimal(value)))
        cursor += len(piece)
    first = run[: parts[0][1] - start].lower()
    if len(parts) < 2 or any(scale in first for scale in _BIG_SCALES):
        return []
    return parts


def _read_numbers_exactly(text: str, shown: str) -> tuple[Number, ...]:
    """The numbers of `text` read the English way; each one's text as `shown` (of the same
    length) writes it."""
    found: list[Number] = []
    scales: list[Decimal | None] = []  # what each number was multiplied by, if anything
    for match in _NUMBER_RE.finditer(text):
        unit: str | None = None
        bare = False
        factor: Decimal | None = None
        leading: list[tuple[int, int, Decimal]] = []
        if match.group("digits"):
            digits = match.group("digits")
            value = Decimal(digits.replace(",", "") + (match.group("decimals") or ""))
            if match.group("minus"):
                value = -value
            if match.group("suffix"):
                if match.group("decimals"):
                    continue  # "2.5th": no number anyone writes
                unit = ORDINAL
            elif not match.group("decimals") and not match.group("minus") and not _qualified(match):
                before = match.start("digits")
                if "," not in digits and _YEAR_WORD.search(text, max(0, before - 16), before):
                    unit, bare = YEAR, False
                elif len(digits) == 4 and 1500 <= value <= 2100:
                    unit, bare = YEAR, True
        elif match.group("denominator"):
            numerator = match.group("numerator").lower()
            top = 1 if numerator in ("a", "an") else _UNITS.get(numerator, _TENS.get(numerator))
            if top is None:
                continue
            value = Decimal(top) / Decimal(_DENOMINATORS[match.group("denominator").lower()])
            unit = FRACTION
        elif match.group("ordinal"):
            value = Decimal(_ordinal_value(match.group("ordinal")))
            unit = ORDINAL
        elif match.group("words"):
            parts = _word_parts(match)
            if not parts:
                continue
            *leading, (_, _, value) = parts
            last_word = match.group("words").split()[-1].lower().rsplit("-", 1)[-1]
            if last_word in _BIG_SCALES:
                factor = _SCALES[last_word]
        else:
            value = Decimal(1)
        if unit in (ORDINAL, FRACTION) and _qualified(match):
            continue  # "second million", "a third percent": no such figure
        scale = match.group("scale")
        if match.group("abbreviation"):
            scale = _SCALE_ABBREVIATIONS[match.group("abbreviation").lower()]
        if scale:
            factor = Decimal(1)
            for word in scale.lower().split():
                factor *= _SCALES[word]
            value *= factor
        if match.group("percent"):
            unit = PERCENT
        elif match.group("points"):
            unit = POINTS
        elif match.group("times") or match.group("glued"):
            unit = MULTIPLIER
        elif match.group("sign"):
            unit = _CURRENCY_SIGNS[_sign_key(match.group("sign"))]
        elif match.group("code"):
            unit = _CURRENCY_SIGNS[match.group("code").lower()]
        elif match.group("currency"):
            unit = _CURRENCY_WORDS[" ".join(match.group("currency").lower().split())]
        if match.group("article") and not scale:
            continue
        # "1.5b" and "$5b" are billions; "Phase 2b" and "section 5b" are labels.
        if (match.group("abbreviation") or "").lower() == "b" and not (
            match.group("decimals") or match.group("sign") or match.group("code")
        ):
            continue
        if match.group("signed"):
            value = -value
        for part_start, part_end, part_value in leading:
            found.append(Number(part_value, None, part_start, part_end, _as_written(shown[part_start:part_end])))
            scales.append(None)
        start = _start(match) if not leading else parts[-1][0]
        end = match.end()
        found.append(Number(value.normalize(), unit, start, end, _as_written(shown[start:end]), bare))
        scales.append(factor)
    return tuple(_ranges_shared(text, found, scales))


# "the year 2300", "in the year of 1066": what a text calls a year is one, whatever its digits.
_YEAR_WORD = re.compile(r"\byear(?:\s+of)?\s+$", re.IGNORECASE)


def _as_written(text: str) -> str:
    """A number's text as a finding shows it: dashes as dashes again."""
    return text.strip().replace(EN_DASH, "\u2013").replace("~", "\u2014")


def _qualified(match: re.Match[str]) -> bool:
    """Whether a scale, percent, multiplier or currency goes with the number matched."""
    return any(
        match.group(name)
        for name in ("scale", "abbreviation", "percent", "points", "times", "currency", "sign", "code", "signed")
    )


def _sign_key(sign: str) -> str:
    return sign if sign in _CURRENCY_SIGNS else sign.upper()


def _start(match: re.Match[str]) -> int:
    for name in ("signed", "sign", "code", "minus", "digits", "numerator", "ordinal", "words", "article"):
        if match.group(name):
            return match.start(name)
    return match.start()


def _ordinal_value(words: str) -> int:
    *tens, last = re.split(r"[\s-]", words.lower())
    return sum(_TENS.get(w, 0) for w in tens) + _ORDINAL_UNITS.get(last, _ORDINAL_TENS.get(last, 0))


# Between the two ends of a range: a hyphen or a dash with no space around it ("18–24",
# "$1.5-2 billion"), "to" ("5 to 6 million"), or "and" after "between" ("between €2 and €3
# billion"). A spaced dash sets a clause off ("$10 million — 5 million more").
_RANGE_JOINER = re.compile(rf"[-~{EN_DASH}]|\s+to\s+|\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)


def _ranges_shared(text: str, found: list[Number], scales: list[Decimal | None]) -> list[Number]:
    """Numbers where the low end of a range shares what only the high end states: the scale
    of "$1.5-2 billion" (1.5 billion dollars, not 1.5 dollars) and "5 to 6 million", the
    percent of "5-10%". The low end must read as less than the high end before its scale, and
    state no scale, thousands or other kind of its own: "3-1", "2,000-3,000 km", "2023-24" and
    "rose 12% to $3.4 billion" are no such ranges."""
    for i in range(len(found) - 1, 0, -1):  # from the right: "1-2-3 million" scales both
        low, high = found[i - 1], found[i]
        scale = scales[i]
        joiner = _RANGE_JOINER.fullmatch(text, low.end, high.start)
        if (
            joiner is None
            or (joiner.group().strip().lower() == "and" and not _BETWEEN.search(text, 0, low.start))
            or scales[i - 1] is not None
            or (low.unit is not None and high.unit is not None and low.unit != high.unit)
            or (low.unit == PERCENT and high.unit is None)
            or YEAR in (low.unit, high.unit)
            or high.unit in (ORDINAL, FRACTION)
            or "," in low.text
            or low.value >= high.value / (scale or 1)
        ):
            continue
        value = (low.value * scale).normalize() if scale is not None else low.value
        found[i - 1] = replace(low, value=value, unit=low.unit or high.unit)
        scales[i - 1] = scale
        if high.unit is None and low.unit is not None:
            found[i] = replace(high, unit=low.unit)  # "$1.5-2 billion": dollars both
    return found
