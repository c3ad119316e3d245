"""Typography folding: the one definition of which differences between a quote and its source
are forgiven (quote marks, dashes, whitespace, line breaks, mojibake) and nothing else.

`fold` is the fast path used for matching; `fold_with_offsets` gives the same text plus, for
each folded character, where it came from, so a hit can be shown as it stands in the source.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from citedeck.text.scripts import (
    KOREAN_PARTICLES,
    UNSPACED_SCRIPTS,
    is_hangul,
    is_unspaced,
    unspaced_boundary,
)

ELLIPSIS = "..."

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u300c\u300d\u300e\u300f", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": ELLIPSIS,
    # Invisible characters that copy-paste carries along.
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}

# Full-width forms of ASCII punctuation, digits and letters ("２０４８", "，", "％"), as CJK text
# writes them: each folds to its ASCII character (NFKC for these alone).
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e]")
_FOLDED_CHARS = {**_CHAR_MAP, **_FULL_WIDTH}
# French guillemets with the narrow (no-break) or thin space French typesetting puts inside
# them: «\u202fOui\u202f» folds as "Oui". (A plain or no-break space stays a space: a quote mark
# folds the same whatever its kind, and '" Oui "' is no '"Oui"'.)
_GUILLEMET_SPACE = "\u00ab[\u202f\u2009]+|[\u202f\u2009]+\u00bb"
_GUILLEMET_SPACE_RE = re.compile(_GUILLEMET_SPACE)

# UTF-8 read as Latin-1/cp1252: the sequences the seeds (and the web) are known to carry.
_MOJIBAKE = {
    "\u00e2\u20ac\u2122": "'",
    "\u00e2\u20ac\u02dc": "'",
    "\u00e2\u20ac\u0153": '"',
    "\u00e2\u20ac\u009d": '"',
    "\u00e2\u20ac\u201c": "-",
    "\u00e2\u20ac\u201d": "-",
    "\u00e2\u20ac\u00a6": ELLIPSIS,
}
# Characters folding drops.
_ZERO_WIDTH = "".join(c for c, r in _CHAR_MAP.items() if not r)
# A lone "Â" before whitespace or at the end (past any other "Â" or character folding drops,
# so that folding twice folds as once) is a non-breaking space's first byte gone astray;
# before a letter it is a real letter (Romanian, French capitals) and stays.
_MOJIBAKE_RE = re.compile(
    "|".join(map(re.escape, _MOJIBAKE)) + rf"|\u00c2(?=[\u00c2{re.escape(_ZERO_WIDTH)}]*(?:\s|$))"
)


def _repair(match: re.Match[str]) -> str:
    return _MOJIBAKE.get(match.group(0), "")


def _clean(text: str) -> str:
    if text.isascii():
        return text
    if "\u00e2" in text or "\u00c2" in text:
        text = _MOJIBAKE_RE.sub(_repair, text)
    if "\u00ab" in text or "\u00bb" in text:
        text = _GUILLEMET_SPACE_RE.sub(lambda m: m.group().strip(), text)
    if _FULL_WIDTH_RE.search(text):
        text = _FULL_WIDTH_RE.sub(lambda m: _FULL_WIDTH[m.group()], text)
    # One str.replace per character present: many times faster than str.translate with a
    # dict, which looks up every character of a long article one by one.
    for char, replacement in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def _nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC), as Anki stores notes: an "é" typed as "e" and a
    combining accent, as some keyboards and PDFs give it, then matches the "é" an article holds.
    Only matching sees it: what the user wrote is shown and stored as written."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# Every rule folds the same question, answer and quote again, and the build once more.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold typography and collapse all whitespace, line breaks included, to single spaces;
    compose accents (NFC)."""
    return _nfc(" ".join(_clean(text).split()))


# What folding changes, found in one pass: a mojibake sequence, a character it maps, or
# whitespace that is not one plain space between two characters folding keeps. Everything
# between two matches is copied as it stands.
_VANISHING = re.escape(_ZERO_WIDTH + "\u00c2")
_CHANGED_RE = re.compile(
    _MOJIBAKE_RE.pattern
    + "|"
    + _GUILLEMET_SPACE
    + "|["
    + re.escape("".join(_FOLDED_CHARS))
    + rf"]|\s{{2,}}|[^\S ]|(?<![^\s{_VANISHING}]) | (?![^\s{_VANISHING}])"
)


# Dashes that set off and never negate ("$10 million —$5 million more"), and the en dash,
# which joins a range ("18–24") or, directly before a number, is its minus sign ("–7%").
_SETTING_DASH_CHARS = "\u2012\u2013\u2014\u2015"
# What fold_for_numbers writes for an en dash: a character no text holds (Unicode's private use).
EN_DASH = "\ue000"
_SETTING_DASHES = str.maketrans({**dict.fromkeys(_SETTING_DASH_CHARS, "~"), "\u2013": EN_DASH})


def fold_for_numbers(text: str) -> str:
    """fold(text), but with '~' where fold has '-' for a dash that never negates, and EN_DASH
    for an en dash: character for character the same length, so a number found here stands at
    the same place in fold(text)."""
    if any(dash in text for dash in _SETTING_DASH_CHARS):  # else fold's cache serves it as is
        text = text.translate(_SETTING_DASHES)
    return fold(text)


def _glued_dashes(text: str) -> list[int]:
    """Where `text` has a dash that sets a clause off glued between two words ("blitz—one"):
    it folds to "-" as a hyphen does, but joins no word. Found by str.find: a regex scan of
    every character costs more than folding the article."""
    found = []
    for dash in "\u2014\u2015":
        at = text.find(dash)
        while at >= 0:
            if 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
                found.append(at)
            at = text.find(dash, at + 1)
    return sorted(found)



def _glued_clause_dashes(written: str, starts: list[int], numbers: list[int]) -> frozenset[int]:
    """Where FoldedText's text of `written` (its folded lines starting at `starts`, lines
    `numbers` of it) has a "-" that stands for a clause dash glued between two words."""
    if "\u2014" not in written and "\u2015" not in written:
        return frozenset()
    found = set()
    line, begin, offsets = 1, 0, None  # the line the last dash stood on: its number, start, folding
    for at in _glued_dashes(written):
        start = written.rfind("\n", 0, at) + 1
        if start != begin or offsets is None:
            line += written.count("\n", begin, start)
            begin = start
            end = written.find("\n", start)
            offsets = fold_with_offsets(written[start : len(written) if end < 0 else end])[1]
        found.add(starts[bisect.bisect_left(numbers, line)] + offsets.index(at - begin))
    return frozenset(found)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Same result as `fold`, plus the index in `text` each folded character comes from. A
    space comes from the first character of the whitespace it stands for."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space: int | None = None  # where whitespace began since the last character kept

    def keep(piece: str, origins: Iterable[int]) -> None:
        nonlocal pending_space
        if pending_space is not None:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = None
        out.append(piece)
        offsets.extend(origins)

    cursor = 0
    for match in _CHANGED_RE.finditer(text):
        start, end = match.span()
        if cursor < start:
            keep(text[cursor:start], range(cursor, start))
        cursor = end
        changed = match.group()
        if "\u00ab" in changed or "\u00bb" in changed:
            keep('"', [match.start() + changed.index(changed.strip())])
            continue
        if changed[0].isspace():
            if out and pending_space is None:
                pending_space = start
            continue
        # A match starting with "â" or "Â" is mojibake: no other alternative takes them.
        replacement = _repair(match) if changed[0] in "\u00e2\u00c2" else _FOLDED_CHARS[changed]
        if replacement:
            keep(replacement, [start] * len(replacement))
    if cursor < len(text):
        keep(text[cursor:], range(cursor, len(text)))
    folded = "".join(out)
    if not unicodedata.is_normalized("NFC", folded):
        return _composed(folded, offsets)
    return folded, offsets


def _composed(text: str, origins: list[int]) -> tuple[str, list[int]]:
    """NFC of `text`, each character of it coming from where the first character of the run
    it was composed from came from (`origins`). Runs end before a starter (a character whose
    decomposition starts with one of combining class 0) that does not compose with what
    precedes it: nothing after such a character can reach back across it, so each run is
    composed alone. Should Unicode ever prove that wrong, the text is one run."""
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and (
            unicodedata.combining(unicodedata.normalize("NFD", text[i])[0])
            or unicodedata.normalize("NFC", text[start : i + 1])
            != unicodedata.normalize("NFC", text[start:i]) + unicodedata.normalize("NFC", text[i])
        ):
            continue
        run = unicodedata.normalize("NFC", text[start:i])
        out.append(run)
        offsets.extend([origins[start]] * len(run))
        start = i
    composed = "".join(out)
    whole = unicodedata.normalize("NFC", text)
    if composed != whole:
        return whole, [origins[0]] * len(whole)
    return composed, offsets


def original_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where spans of `fold(text)` stand in `text` itself. A span ending on a character that
    folding made of several (mojibake) covers them all, and any invisible ones after it."""
    _, offsets = fold_with_offsets(text)
    origins = set(offsets)
    found = []
    for start, end in spans:
        stop = offsets[end - 1] + 1
        while stop < len(text) and stop not in origins and not text[stop].isspace():
            stop += 1
        found.append((offsets[start], stop))
    return found


# Separators that join the parts around them into one token ("7.5", "1,250", "can't",
# "High-Flyer", "AT&T") when each part is of the kind given: digits, letters, or either.
_JOINERS = {".": str.isdigit, ",": str.isdigit, "'": str.isalpha, "&": str.isalpha, "-": str.isalnum}
CURRENCY_SIGNS = "$€£¥₹₩₽"
_TOKEN = re.compile(r"[^\W_]+")


class TokenText:
    """A folded text and where a quote may start or end in it: between whole tokens. A token is
    a run of letters and digits, with what joins one inside it: a decimal point or thousands
    comma between digits, a full stop inside a name ("01.AI", "A.I.") but not where a
    sentence is glued on after a word ("decades.Credit", "stable.A.I."), an apostrophe or "&" between letters, a hyphen (not a dash that
    sets a clause off, given by `dashes`: positions of such dashes in the text), a currency
    sign before a number and "%" after one, a minus sign before one. A lowercase letter
    followed by a capital is a seam the seeds make when they glue sentences ("short
    timeThis", "The New York TimesChina produced"): a boundary when the part before it is a
    lowercase word and the part after a capitalised one, or when both parts stand alone
    elsewhere in the text; inside a name ("TikTok", "DeepSeek") it is none. With `possessive`,
    a possessive "'s" ends the token before it ("OpenAI" in "OpenAI's chief"): so names are
    matched, while a quote may not leave out what a name owns ("Pan" of "Pan's mentor")."""

    __slots__ = ("_dashes", "_possessive", "_words", "text")

    def __init__(self, text: str, dashes: frozenset[int] = frozenset(), possessive: bool = False) -> None:
        self.text = text
        self._dashes = dashes
        self._possessive = possessive
        self._words: frozenset[str] | None = None

    def is_boundary(self, pos: int) -> bool:
        """Whether a quote may start or end at `pos`."""
        text = self.text
        if pos <= 0 or pos >= len(text):
            return True
        before, after = text[pos - 1], text[pos]
        if (before > "\u0dff" or after > "\u0dff") and (is_unspaced(before) or is_unspaced(after)):
            return unspaced_boundary(before, after)
        if before.isalnum() and after.isalnum():
            if self._possessive and is_hangul(before) and is_hangul(after):
                return self._particle_at(pos)
            return before.islower() and after.isupper() and self._is_seam(pos)
        if before.isalnum():
            return not (
                (after == "%" and before.isdigit()) or self._joins(pos - 1, pos, pos + 1)
            )
        if after.isalnum():
            outside = text[pos - 2 : pos - 1]
            if self._joins(pos - 2, pos - 1, pos):
                return False
            if after.isdigit() and before in CURRENCY_SIGNS:
                return False  # "$7" of "$7.5 million"; "S$7" is one token too
            return not (after.isdigit() and before == "-" and not outside.isalnum())
        return not (before in CURRENCY_SIGNS and after in CURRENCY_SIGNS)

    def _joins(self, left: int, middle: int, right: int) -> bool:
        text = self.text
        if left < 0 or right >= len(text):
            return False
        joiner, a, b = text[middle], text[left], text[right]
        if joiner == "$" or joiner in CURRENCY_SIGNS:
            return a.isupper() and b.isdigit()  # "S$7", "HK$7"
        if joiner == "." and a.isalnum() and b.isalnum() and not (a.isdigit() and b.isdigit()):
            # "01.AI", "A.I.": one token; "decades.Credit", "2020.The": a sentence glued on.
            before = text[middle - self._word_before(middle) : middle]
            glued = b.isupper() and len(before) > 1 and (before.islower() or text[right + 1 : right + 2].islower())
            return not glued
        kind = _JOINERS.get(joiner)
        if kind is None or not (kind(a) and kind(b)):
            return False
        if joiner == "'" and self._possessive and b == "s" and not text[right + 1 : right + 2].isalnum():
            return False
        return joiner != "-" or middle not in self._dashes

    def _particle_at(self, pos: int) -> bool:
        """Whether the rest of the word from `pos` is a Korean particle."""
        end = pos
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        return self.text[pos:end] in KOREAN_PARTICLES

    def _word_before(self, pos: int) -> int:
        """How many letters and digits run up to `pos`."""
        start = pos
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        return pos - start

    def _is_seam(self, pos: int) -> bool:
        text = self.text
        start = pos - self._word_before(pos)
        end = pos + 1
        while end < len(text) and text[end].isalnum():
            end += 1
        left, right = text[start:pos], text[pos:end]
        if left.islower() and len(left) >= 2 and (len(right) == 1 or right[1:].islower()):
            return True
        if self._words is None:
            self._words = frozenset(_TOKEN.findall(text))
        return left in self._words and right in self._words

    def find(self, needle: str, start: int = 0) -> int:
        """Index of the first match of `needle` at `start` or later that begins and ends on
        token boundaries; -1 when there is none."""
        if not needle:
            return -1
        text = self.text
        while True:
            pos = text.find(needle, start)
            if pos < 0:
                return -1
            if self.is_boundary(pos) and self.is_boundary(pos + len(needle)):
                return pos
            start = pos + 1

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) grown to the whole tokens it cuts into."""
        while start > 0 and not self.is_boundary(start):
            start -= 1
        while end < len(self.text) and not self.is_boundary(end):
            end += 1
        return start, end


def find_word(haystack: str, needle: str, start: int = 0) -> int:
    """Index of the first match of `needle` in `haystack` at `start` or later that neither
    begins nor ends inside a token, a possessive "'s" ending one (see TokenText); -1 when
    there is none. For names and words in a card's own text; quotes in articles are found by
    FoldedText.tokens."""
    return TokenText(haystack, possessive=True).find(needle, start)


def contains_words(haystack: str, needle: str) -> bool:
    """Whether `needle` stands in `haystack` as whole words, in any letter case (both folded)."""
    return find_word(haystack, needle) >= 0 or find_word(haystack.casefold(), needle.casefold()) >= 0


def slug_words(text: str) -> list[str]:
    """The words of `text` as ids and keys spell them: lowercase ASCII letters and digits,
    accents dropped and apostrophes closed up ("Pérez didn’t" gives ["perez", "didnt"])."""
    plain = unicodedata.normalize("NFKD", fold(text).replace("'", ""))
    return re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode().lower())


@functools.lru_cache(maxsize=1 << 16)  # every rule, and the lookup of every quote, cut it
def fragments(quote: str) -> tuple[str, ...]:
    """The pieces of a folded quote between elisions ("..." or "…")."""
    return tuple(piece.strip() for piece in quote.split(ELLIPSIS) if piece.strip())


# The end of the text ends a sentence too. No closing mark may follow the run of them: with
# one allowed (as '"' once was, for an opening quote glued on), the regex would backtrack and
# end `"Done."` before its closing quote wherever no space or capital came after it.
_SENTENCE_END = re.compile(r"""[.!?]["')\]]*(?=\s|[A-Z]|\Z)""")
# In Chinese and Japanese a sentence ends at "。", or at "!" or "?" (folded from "！", "？")
# before the next character, with no space after it; a closing quote mark stays with it.
_UNSPACED_SENTENCE_END = regex.compile(
    rf"""(?:。|[!?](?=[{UNSPACED_SCRIPTS}"]))["')\]]*"""
)
_GLUED_SENTENCE = re.compile(r"\b[a-z]{3,}(?=[A-Z][a-z])")
_LINE_BREAK = re.compile(r"\s*[\r\n]\s*")
# A word: a run of letters and digits; in a script written without spaces, each character.
_WORD = regex.compile(rf"[{UNSPACED_SCRIPTS}]|[^\W{UNSPACED_SCRIPTS}]+")
# A line ends as an editor ends it: at CRLF, LF, or CR alone (old Mac files). Not at U+2028,
# U+0085 and the others str.splitlines takes, which editors and grep -n do not count.
LINE_END = re.compile(r"\r\n?|\n")
# Control characters, but tab and line breaks. YAML and TOML refuse them raw, but a quoted value
# may write them as escapes ("\x1f", "\u001f"). None belongs in a note: U+001F is what separates
# a note's fields in Anki (a package holding one does not import), and ESC sequences echoed in a
# finding would drive the user's terminal.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Control characters (tab too) and line breaks (NEL, U+2028 and U+2029 too): what a name, which
# is one line, may not hold.
NOT_IN_A_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a terminal takes for a command or a line end, all but tab; and the same but LF: what
# printed text shows as an escape (report.printable).
UNSHOWABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
UNSHOWABLE_BUT_LF = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "Ph", "vs", "Feb", "Jan", "Aug", "Sept", "Oct", "Nov", "Dec"}


def word_set(text: str) -> frozenset[str]:
    """The words of `text`, in any case (casefolded): what a passage and a sentence share."""
    return frozenset(_WORD.findall(text.casefold()))


def sentence_spans(text: str, breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence of folded `text`, including sentences the seeds glue
    together without a space ("world.The", "short timeThis"); `breaks` are positions where
    the original had a line break, which always end a sentence. A full stop inside a token
    ("01.AI") ends none."""
    cuts = {0, len(text), *breaks}
    tokens = TokenText(text)
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\w+)\W*$", text[max(0, match.start() - 12) : match.start() + 1])
        before = word.group(1) if word else ""
        following = text[match.end() : match.end() + 2].lstrip()[:1]
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isupper()):
            continue
        if following and not (following.isupper() or following.isdigit() or following == '"'):
            continue
        if not tokens.is_boundary(match.end()):
            continue
        cuts.add(match.end())
    cuts.update(m.end() for m in _GLUED_SENTENCE.finditer(text))
    if not text.isascii():
        cuts.update(m.end() for m in _UNSPACED_SENTENCE_END.finditer(text))
    bounds = sorted(cuts)
    spans = []
    for start, end in itertools.pairwise(bounds):
        while start < end and text[start] == " ":
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


@dataclass(frozen=True)
class FoldedText:
    """A source's folded text, with the original line each folded position starts on."""

    original: str
    text: str
    _line_starts: list[int] = field(repr=False)
    _line_numbers: list[int] = field(repr=False)
    # The paragraph each folded line belongs to, counted from 0.
    _paragraphs: list[int] = field(repr=False)
    # Where a "-" in `text` stands for a dash that sets a clause off (see TokenText).
    _dashes: frozenset[int] = field(repr=False)
    # The original lines as_written last folded, with offsets: `find` shows many sentences of
    # one line, and an article on a single line would be folded whole for each.
    _last_folded: dict[tuple[int, int], tuple[str, list[int]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(cls, original: str) -> FoldedText:
        pieces: list[str] = []
        starts: list[int] = []
        numbers: list[int] = []
        length = 0
        # Lines are split as written, then folded (all at once: folding never makes or takes
        # a LF): folding drops characters (a zero-width space between CR and LF), which could
        # join two line ends into one CRLF.
        written = "\n".join(LINE_END.split(original)) if "\r" in original else original
        lines = _clean(written).split("\n")
        paragraphs: list[int] = []
        blank_before = False
        for number, line in enumerate(lines, start=1):
            words = line.split()
            if not words:
                blank_before = bool(pieces)
                continue
            if pieces:
                length += 1
            starts.append(length)
            numbers.append(number)
            paragraphs.append(blank_before)
            blank_before = False
            piece = _nfc(" ".join(words))
            pieces.append(piece)
            length += len(piece)
        text = " ".join(pieces)
        dashes = _glued_clause_dashes(written, starts, numbers)
        # A text with blank lines has paragraphs between them; one without, a paragraph a line.
        if any(paragraphs):
            paragraph_of_line = list(itertools.accumulate(int(b) for b in paragraphs))
        else:
            paragraph_of_line = list(range(len(pieces)))
        return cls(original, text, starts, numbers, paragraph_of_line, dashes)

    @functools.cached_property
    def tokens(self) -> TokenText:
        """The folded text with its token boundaries: where a quote may start or end."""
        return TokenText(self.text, self._dashes)

    def paragraph_at(self, pos: int) -> int:
        """The paragraph folded position `pos` lies in, counted from 0."""
        index = bisect.bisect_right(self._line_starts, pos) - 1
        return self._paragraphs[max(index, 0)] if self._paragraphs else 0

    def sentence_at(self, pos: int) -> int:
        """The index in sentences() of the sentence folded position `pos` lies in (or
        follows)."""
        return max(bisect.bisect_right(self._sentence_starts, pos) - 1, 0)

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self._sentences]

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence, worked out once (do not change the list)."""
        return self._sentences

    @functools.cached_property
    def _sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text, self._line_starts)

    @functools.cached_property
    def sentence_words(self) -> list[frozenset[str]]:
        """The words of each sentence, in any case (casefolded), in sentences() order."""
        text = self.text
        return [word_set(text[start:end]) for start, end in self._sentences]

    def as_written(self, start: int, end: int) -> str:
        """Folded text [start, end) as it stands in the original (curly quotes, dashes and
        all), on one line. It ends where the next folded character comes from, so a
        multi-character original (mojibake) stays whole."""
        # Only the original lines the span covers are folded again, with offsets: folding a
        # whole article, character by character, for one sentence would cost seconds.
        first = max(bisect.bisect_right(self._line_starts, start) - 1, 0)
        last = max(bisect.bisect_right(self._line_starts, max(end - 1, start)) - 1, 0)
        original, offsets = self._folded_lines(first, last)
        base = self._line_starts[first]
        start, end = start - base, end - base
        begin = offsets[start] if start < len(offsets) else len(original)
        finish = offsets[end] if end < len(offsets) else len(original)
        return _LINE_BREAK.sub(" ", original[begin:finish])

    def _folded_lines(self, first: int, last: int) -> tuple[str, list[int]]:
        """The original lines holding folded lines `first` to `last`, joined, and where each
        of their folded characters comes from."""
        key = (first, last)
        if key not in self._last_folded:
            lines = self._original_lines[self._line_numbers[first] - 1 : self._line_numbers[last]]
            original = "\n".join(lines)
            folded, offsets = fold_with_offsets(original)
            base = self._line_starts[first]
            # Both fold the same text; if they ever disagreed every passage would be misplaced.
            assert folded == self.text[base : base + len(folded)], "folding disagrees with itself"
            self._last_folded.clear()
            self._last_folded[key] = (original, offsets)
        return self._last_folded[key]

    @functools.cached_property
    def _original_lines(self) -> list[str]:
        return LINE_END.split(self.original)

    def line_at(self, pos: int) -> int:
        """The 1-based line of the original text on which folded position `pos` lies."""
        index = bisect.bisect_right(self._line_starts, pos) - 1
        return self._line_numbers[max(index, 0)] if self._line_numbers else 1
