"""Properties of the text folding and the number reading, over inputs Hypothesis makes up:
folding forgives typography and nothing else; a number reads back the same in every style."""

from __future__ import annotations

import html
import re
import unicodedata
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from citedeck.check.runner import proven_marks
from citedeck.load.catalogue import Catalogue, Source
from citedeck.output.notes import highlight_quote
from citedeck.text.fold import _MOJIBAKE_RE, FoldedText, fold, fold_with_offsets
from citedeck.text.numbers import PERCENT, numbers_in

# Characters folding treats specially, mixed into arbitrary text.
TYPOGRAPHY = (
    "'\"-‘’‚‛′“”„‟″«»‐‑‒–—―−…\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u00a0\u2009\u3000\t\n\r Ââ€™œ\x9d˜¦"
)
any_text = st.text(alphabet=st.characters() | st.sampled_from(TYPOGRAPHY), max_size=200)

# Each plain character, and the typographic forms a copy-paste may turn it into.
APOSTROPHES = ["'", "‘", "’", "‛", "′", "\u00e2\u20ac\u2122"]
QUOTES = ['"', "“", "”", "„", "«", "»", "\u00e2\u20ac\u0153"]
DASHES = ["-", "‐", "‑", "‒", "–", "—", "―", "−"]
SPACES = [" ", "  ", "\u00a0", "\n", " \n ", "\t", "\u3000", " \u00c2 "]


@given(any_text)
def test_fold_with_offsets_folds_exactly_as_fold(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets) and all(0 <= i < len(text) for i in offsets)


def offsets_one_by_one(text: str) -> tuple[str, list[int]]:
    """fold_with_offsets spelt out: each mojibake sequence, else each character, folded on
    its own, then whitespace collapsed. fold_with_offsets does the same in runs."""
    units = []
    i = 0
    for match in [*_MOJIBAKE_RE.finditer(text), None]:
        stop = match.start() if match else len(text)
        # Folded alone, "Â" would always vanish as a stray byte: only a match says it is one.
        units.extend((text[j] if text[j] == "\u00c2" else fold(text[j]), j) for j in range(i, stop))
        if match:
            units.append(("" if match.group() == "\u00c2" else fold(match.group()), match.start()))
            i = match.end()
    out: list[str] = []
    offsets: list[int] = []
    pending: int | None = None
    for unit, origin in units:
        if unit == "" and text[origin].isspace():
            pending = origin if out and pending is None else pending
            continue
        for char in unit:
            if pending is not None:
                out.append(" ")
                offsets.append(pending)
                pending = None
            out.append(char)
            offsets.append(origin)
    return "".join(out), offsets


@given(any_text)
def test_fold_with_offsets_points_where_each_character_came_from(text: str) -> None:
    expected = offsets_one_by_one(text)
    assume(unicodedata.is_normalized("NFC", expected[0]))  # composing: the test below
    assert fold_with_offsets(text) == expected


# Letters, combining accents, Hangul jamo that compose into syllables, and Tibetan vowels whose
# decompositions start with a combining mark though they have combining class 0 themselves.
COMPOSING = "aeoAZ \n\u00e9\u00fc\u00f1\u0301\u0308\u0303\u0327\u1100\u1161\u11a8\u0f73\u0f75\u0f81\u0f71"


@given(st.text(alphabet=st.sampled_from(COMPOSING), max_size=60))
def test_folding_composes_accents_and_each_points_at_its_letter(text: str) -> None:
    # "é" written as "e" and a combining accent matches the "é" an article holds; a shown
    # passage still starts at the letter the accent was typed on.
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text) == fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
    assert unicodedata.is_normalized("NFC", folded)
    assert offsets == sorted(offsets)
    for char, origin in zip(folded, offsets):
        # An accent no letter composes with points where its run starts, as the letter does.
        if char != " " and not unicodedata.combining(char):
            assert unicodedata.normalize("NFD", char)[0] == unicodedata.normalize("NFD", text[origin])[0]


@given(any_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# Source text: distinct lowercase words and numbers, between punctuation from the typography.
words = st.lists(
    st.from_regex(r"[a-z]{1,8}|[0-9]{1,5}", fullmatch=True), min_size=3, max_size=40, unique=True
)
separators = st.sampled_from([" ", " ", " ", ", ", "; ", " ' ", ' " ', " - ", ". "])


def typeset(text: str, draw: st.DrawFn) -> str:
    """`text` with each quote mark, dash and space in a typographic form Hypothesis picks."""
    out = []
    for char in text:
        if char == "'":
            char = draw(st.sampled_from(APOSTROPHES))
        elif char == '"':
            char = draw(st.sampled_from(QUOTES))
        elif char == "-":
            char = draw(st.sampled_from(DASHES))
        elif char == " ":
            char = draw(st.sampled_from(SPACES))
        out.append(char)
        if char.isalnum() and draw(st.integers(0, 20)) == 0:
            out.append(draw(st.sampled_from(["\u200b", "\u00ad", "\u2060"])))
    return "".join(out)


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, str, list[str], list[str]]:
    """A text, a passage of it (whole words), and the words and separators it is made of."""
    vocabulary = draw(words)
    seps = [draw(separators) for _ in vocabulary[1:]]
    text = vocabulary[0] + "".join(s + w for s, w in zip(seps, vocabulary[1:]))
    first = draw(st.integers(0, len(vocabulary) - 1))
    last = draw(st.integers(first, len(vocabulary) - 1))
    quote = vocabulary[first] + "".join(s + w for s, w in zip(seps[first:last], vocabulary[first + 1 : last + 1]))
    return text, quote, vocabulary, vocabulary[first : last + 1]


def located(source_text: str, quote: str) -> bool:
    catalogue = Catalogue([Source("s", "s.txt", text=FoldedText.of(source_text))])
    return catalogue.locate("s", quote) is not None


@given(passages(), st.data())
def test_a_passage_matches_whatever_its_typography(passage, data) -> None:  # type: ignore[no-untyped-def]
    text, quote, _, _ = passage
    assert located(typeset(text, data.draw), typeset(quote, data.draw))


@given(passages(), st.data())
def test_one_changed_word_or_digit_does_not_match(passage, data) -> None:  # type: ignore[no-untyped-def]
    text, quote, vocabulary, quoted = passage
    word = data.draw(st.sampled_from(quoted))
    at = data.draw(st.integers(0, len(word) - 1))
    pool = "0123456789" if word[at].isdigit() else "abcdefghijklmnopqrstuvwxyz"
    changed = word[:at] + data.draw(st.sampled_from(pool.replace(word[at], ""))) + word[at + 1 :]
    assume(changed not in vocabulary)
    altered = re.sub(rf"(?<![a-z0-9]){word}(?![a-z0-9])", changed, quote, count=1)
    assert altered != quote
    assert not located(typeset(text, data.draw), typeset(altered, data.draw))


# --- Numbers ---------------------------------------------------------------------------------

integers = st.integers(min_value=0, max_value=10**12)
amounts = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1)
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
CURRENCIES = {"USD": (["$", "US$", "us$", "Us$"], ["dollars", "USD"]), "EUR": (["€"], ["euros", "EUR"]),
              "GBP": (["£"], ["pounds", "GBP"]), "CNY": (["RMB "], ["yuan", "renminbi", "RMB"])}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
         9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen",
         15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen"}
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def read_one(text: str) -> tuple[Decimal, str | None]:
    """The value and unit of the single number in a sentence around `text`."""
    found = numbers_in(fold(f"They said about {text} in the filing."))
    assert len(found) == 1, (text, found)
    return found[0].value, found[0].unit


@given(integers)
def test_an_integer_reads_the_same_with_or_without_thousands_commas(n: int) -> None:
    # But four digits from 1500 to 2100 without a comma, which read as a year.
    assume(not 1500 <= n <= 2100)
    assert read_one(f"{n:,}") == read_one(str(n)) == (Decimal(n), None)


@given(st.integers(min_value=1500, max_value=2100))
def test_four_digits_without_a_comma_read_as_a_year_and_with_one_as_a_count(n: int) -> None:
    assert read_one(str(n)) == (Decimal(n), "year")
    assert read_one(f"{n:,}") == (Decimal(n), None)


@given(amounts, st.sampled_from(sorted(SCALES)), st.sampled_from(sorted(CURRENCIES)), st.data())
def test_money_reads_the_same_in_every_style(amount: Decimal, scale: str, currency: str, data) -> None:  # type: ignore[no-untyped-def]
    signs, names = CURRENCIES[currency]
    sign, name = data.draw(st.sampled_from(signs)), data.draw(st.sampled_from(names))
    expected = ((amount * SCALES[scale]).normalize(), currency)
    assert read_one(f"{sign}{amount} {scale}") == expected
    assert read_one(f"{amount} {scale} {name}") == expected
    assert read_one(f"{sign}{amount}\u00a0{scale}") == expected


@given(st.integers(min_value=0, max_value=1000), st.sampled_from(["%", " %", " percent", " per cent"]))
def test_a_percentage_reads_the_same_in_every_style(n: int, style: str) -> None:
    assert read_one(f"{n}{style}") == read_one(f"{n}%") == (Decimal(n), PERCENT)


@given(st.integers(min_value=1, max_value=99), st.sampled_from([" ", "-"]))
def test_a_number_in_words_reads_as_its_digits(n: int, joiner: str) -> None:
    spelled = WORDS.get(n) or TENS[n // 10] + (joiner + WORDS[n % 10] if n % 10 else "")
    assert read_one(spelled) == read_one(str(n)) == (Decimal(n), None)
    assert read_one(spelled.capitalize()) == (Decimal(n), None)


# --- The card shows the quote as written -----------------------------------------------------


@given(any_text, any_text, st.sampled_from(["who", "figure", "source"]))
def test_the_highlighted_quote_is_the_quote_as_written(quote: str, answer: str, kind: str) -> None:
    shown = highlight_quote(quote, proven_marks(kind, answer, quote))
    assert html.unescape(shown.replace("<mark>", "").replace("</mark>", "")) == quote


# A small vocabulary, so that words recur across sources and the word index finds many holders.
few_words = st.lists(
    st.sampled_from(["ai", "talent", "lab", "deepseek", "(deepseek", "x", "y", "z", "w"]),
    max_size=30,
)


@given(
    st.lists(few_words, min_size=1, max_size=6),
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(0, 12), st.booleans()),
        max_size=8,
    ),
)
@settings(max_examples=400)
def test_sources_containing_finds_what_searching_every_source_finds(texts, picks) -> None:  # type: ignore[no-untyped-def]
    # The word index (Catalogue.words) may only narrow the search, never miss a source.
    sources = [
        Source(f"s{i}", f"s{i}.txt", text=FoldedText.of(" ".join(t))) for i, t in enumerate(texts)
    ]
    quotes = []
    for which, start, length, elide in picks:
        words = texts[which % len(texts)][start : start + length]
        if elide and len(words) > 2:
            words = [*words[:1], "...", *words[2:]]
        # "deepseek talent" also stands in "(deepseek talent", at word boundaries.
        quotes.append(" ".join(words).removeprefix("("))
    catalogue = Catalogue(sources)
    for quote in quotes:
        every = [s.key for s in sources if catalogue.locate(s.key, quote) is not None]
        assert catalogue.sources_containing(quote) == every
        assert catalogue.sources_containing(quote, excluding="s0") == [
            k for k in every if k != "s0"
        ]
