"""Numbers in German, French, Spanish, Italian, Portuguese and Dutch: their digit formats
("2.048" and "2,5" in German, "2 048" in French), number words read by text2num in the
language ("zwei Millionen", "deux milliards", "vingt et un"), scale words after digits
("1,5 Milliarden", "3 Mrd.", "2 millions"), and what follows a number there: "Prozent",
"pour cent", "Euro", "d'euros", a currency sign ("500 €").
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

# Which separator groups thousands and which marks decimals, by language. French groups by
# spaces (folded from narrow no-break ones); there a "." between digits says nothing sure.
_THOUSANDS = {"de": ".", "es": ".", "it": ".", "pt": ".", "nl": ".", "fr": " "}
LANGUAGES = frozenset(_THOUSANDS)

_SCALE_WORDS = {
    "de": {"tausend": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9, "milliarden": 9,
           "mrd": 9, "billion": 12, "billionen": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9, "md": 9,
           "mds": 9, "mrd": 9},
    "es": {"mil": 3, "millón": 6, "millones": 6, "millardo": 9, "millardos": 9},
    "it": {"mila": 3, "mille": 3, "milione": 6, "milioni": 6, "miliardo": 9, "miliardi": 9,
           "mln": 6, "mld": 9, "mrd": 9},
    "pt": {"mil": 3, "milhão": 6, "milhões": 6, "milhao": 6, "milhoes": 6, "bilhão": 9,
           "bilhões": 9, "bilião": 12, "biliões": 12, "mi": 6, "bi": 9},
    "nl": {"duizend": 3, "miljoen": 6, "miljard": 9, "mln": 6, "mld": 9, "mrd": 9},
}
_ABBREVIATIONS = frozenset("mio mrd md mds mln mld mi bi".split())
_PERCENT_WORDS = {
    "de": ["prozent"], "fr": ["pour cent", "pourcent"], "es": ["por ciento"],
    "it": ["per cento"], "pt": ["por cento"], "nl": ["procent"],
}
_POINT_WORDS = {
    "de": ["prozentpunkte", "prozentpunkten"], "fr": ["points de pourcentage", "points"],
    "es": ["puntos porcentuales"], "it": ["punti percentuali"], "pt": ["pontos percentuais"],
    "nl": ["procentpunt", "procentpunten"],
}
_CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "us-dollar": "USD",
    "dólares": "USD", "dólar": "USD", "dollari": "USD", "dollaro": "USD", "yuan": "CNY",
    "yuans": "CNY", "renminbi": "CNY", "yen": "JPY", "pfund": "GBP", "livres": "GBP",
    "sterline": "GBP", "libras": "GBP", "franken": "CHF", "francs": "CHF", "franchi": "CHF",
}
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "¥"}
# "a" or "one": read as 1 only before a scale word ("eine Million", "un milliard").
_ARTICLES = frozenset("ein eine einer einem einen un une uno una um uma een".split())
# Words of a run of number words in each language: those text2num reads alone, and the joiners.
_JOINERS = {"de": ["und"], "fr": ["et"], "es": ["y"], "it": [], "pt": ["e"], "nl": ["en"]}

_WORD = re.compile(r"[^\W\d_]+")
# Digits (written the English way) and one space, ending where a word starts: what a scale word
# multiplies ("2.5 Milliarden"); not digits glued to letters ("H100 Millionen").
_DIGITS_BEFORE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s$")


def _either(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def as_english_digits(text: str, language: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with its numbers' separators written the English way, character for character
    ("2.048,5" as "2,048.5"), and the spans of numbers whose separators the language does not
    settle ("2.5" and "3.10.2024" in German, "2.048" in French): those are no numbers."""
    thousands = _THOUSANDS.get(language)
    if thousands is None:
        return text, []
    grouped = re.escape(thousands) + r"\d{3}"
    token = r"(?<![\d.,])\d+(?:[.,]\d+" + (r"| \d{3}(?!\d)" if thousands == " " else "") + ")+"
    out = list(text)
    unsure = []
    for match in re.finditer(token, text):
        number = match.group()
        if re.fullmatch(rf"\d{{1,3}}(?:{grouped})+(?:,\d+)?|\d+,\d+", number):
            for i, char in enumerate(number, start=match.start()):
                out[i] = {".": ",", " ": ",", ",": "."}.get(char, char)
        elif "." in number or "," in number:
            unsure.append(match.span())
        # else French digits and a number of four digits or more apart: two numbers.
    return "".join(out), unsure


@functools.lru_cache(maxsize=4096)
def _word_value(words: str, language: str) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(" ".join(words.split()), language))
    except ValueError:
        return None


def _is_number_word(word: str, language: str, inside: bool = False) -> bool:
    """Whether `word` is a number word; "un", "eine" and the like only `inside` a run, after
    another ("vingt et un"), where they are "one" and not "a"."""
    lower = word.lower()
    return (inside or lower not in _ARTICLES) and _word_value(lower, language) is not None


def european_numbers(
    text: str, language: str, unsure: list[tuple[int, int]]
) -> list[tuple[int, int, Decimal, str | None]]:
    """(start, end, value, unit) of each number of `text` (written the English way by
    as_english_digits, digits at `unsure` spans left as they were) that only `language` reads:
    a run of its number words, or digits or an article before one of its scale words, with a
    percent or currency after it."""
    scales = _SCALE_WORDS[language]
    joiners = _JOINERS[language]
    found = []
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        word = words[i]
        start = word.start()
        value: Decimal | None = None
        end = word.end()
        lower = word.group().lower()
        digits = _DIGITS_BEFORE.search(text, max(0, start - 40), start)
        if lower in _ABBREVIATIONS and text[end : end + 1] == ".":
            end += 1  # "3 Mrd."
        if digits and any(a < start and start - len(digits.group(0)) < b for a, b in unsure):
            digits = None  # "2.5 Milliarden" in German: no number, and so no scale of one
        if lower in scales and digits:
            value = Decimal(digits.group(1).replace(",", "")) * Decimal(10) ** scales[lower]
            start -= len(digits.group(0))
            i += 1
        elif lower in _ARTICLES and i + 1 < len(words) and words[i + 1].group().lower() in scales and text[end : words[i + 1].start()] == " ":
            value = Decimal(10) ** scales[words[i + 1].group().lower()]
            end = words[i + 1].end()
            i += 2
        elif _is_number_word(lower, language) and not (lower in scales and not digits):
            j = i + 1
            while j < len(words) and text[words[j - 1].end() : words[j].start()] in (" ", "-") and (
                _is_number_word(words[j].group(), language, inside=True)
                or words[j].group().lower() in scales
                or words[j].group().lower() in joiners
            ):
                j += 1
            while words[j - 1].group().lower() in joiners:
                j -= 1
            run = text[start : words[j - 1].end()]
            read = _word_value(run.replace("-", " ").lower(), language)
            i = j
            if read is None:
                continue  # "zwei drei": no one number
            value, end = Decimal(read), words[j - 1].end()
        else:
            i += 1
            continue
        unit, end = unit_after(text, end, language)
        found.append((start, end, value.normalize(), unit))
        while i < len(words) and words[i].start() < end:
            i += 1  # "pour cent" read as the percent, not as a hundred
    return found


def unit_after(text: str, end: int, language: str) -> tuple[str | None, int]:
    """The kind a percent, points or currency after `end` gives a number, and where it ends."""
    rest = text[end : end + 40]
    for unit, words in (("percentage points", _POINT_WORDS[language]), ("%", _PERCENT_WORDS[language])):
        match = re.match(rf"\s+(?:{_either(words)})\b", rest, re.IGNORECASE)
        if match:
            return unit, end + match.end()
    match = re.match(r"\s?%", rest)
    if match:
        return "%", end + match.end()
    match = re.match(r"\s+(?:d'|de\s+|di\s+|van\s+)?([^\W\d_][\w-]*)", rest)
    if match and match.group(1).lower() in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[match.group(1).lower()], end + match.end()
    match = re.match(r"\s?([€$£¥])", rest)
    if match:
        return _CURRENCY_SIGNS[match.group(1)], end + match.end()
    return None, end
