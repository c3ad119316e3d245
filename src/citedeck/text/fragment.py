"""Text fragments (WICG "Scroll to Text Fragment"): the words of a quote that make a browser
scroll to it in the article's web page and highlight it, as `url#:~:text=start,end`.

A browser highlights the first stretch of the page that starts with `start` and, after it,
ends with `end`, matching whole words in any letter case. So the words are the quote's own,
as the article has them, and enough of them that no earlier stretch of the article matches:
the first few words and the last few, more while an earlier stretch would match, and the
words before the quote (`prefix-,`) when even the whole quote stands earlier too."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from citedeck.text.fold import UNSPACED_CHARACTER, FoldedText

# How many words a directive's start and its end hold at least: a quote of up to twice as many
# is given whole, as its start.
TERM_WORDS = 4
# How many words before the quote a directive may give, to tell it from an earlier copy.
PREFIX_WORDS = 8
# A word of a spaced script, or one character of a script written without spaces.
_UNSPACED = UNSPACED_CHARACTER.pattern
_WORD = re.compile(rf"{_UNSPACED}|[^\s{_UNSPACED[1:-1]}]+")


@dataclass(frozen=True)
class TextDirective:
    """What `#:~:text=` gives a browser: the words that start the highlighted stretch, those
    that end it (None: the start is the whole quote), and words just before it, if any."""

    start: str
    end: str | None = None
    prefix: str | None = None

    def fragment(self) -> str:
        """`:~:text=[prefix-,]start[,end]`, each term percent-encoded, "-", "," and "&" too."""
        terms = [_encoded(self.start)]
        if self.prefix:
            terms.insert(0, _encoded(self.prefix) + "-")
        if self.end:
            terms.append(_encoded(self.end))
        return ":~:text=" + ",".join(terms)


def _encoded(term: str) -> str:
    # quote() leaves "-" alone, as a URL may; in a directive it marks a prefix or suffix.
    return urllib.parse.quote(term, safe="").replace("-", "%2D")


def passage_link(url: str, directive: TextDirective) -> str:
    """`url` with `directive` in its fragment (after any fragment the url has)."""
    return f"{url}{'' if '#' in url else '#'}{directive.fragment()}"


def text_directive(text: FoldedText, spans: Sequence[tuple[int, int]]) -> TextDirective | None:
    """The directive that highlights the stretch of `text` from the first of `spans` (where a
    quote's pieces were found in the folded text) to the end of the last; None when no words
    of the quote and the few before it single that stretch out."""
    first, last = spans[0][0], spans[-1][1]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text.text, first, last)]
    if not words:
        return None
    searched = _searched(text.text)
    start_words, end_words = _terms(searched, words)
    start_end = words[start_words - 1][1]
    end = None
    if end_words:
        end = _as_term(text, words[-end_words][0], last)
    before = [(m.start(), m.end()) for m in _WORD.finditer(text.text, 0, first)][-PREFIX_WORDS:]
    for count in range(len(before) + 1):
        prefix_start = before[-count][0] if count else first
        if _first(searched, prefix_start, start_end, 0) == prefix_start:
            prefix = _as_term(text, prefix_start, before[-1][1]) if count else None
            return TextDirective(_as_term(text, first, start_end), end, prefix)
    return None


def _terms(searched: str, words: list[tuple[int, int]]) -> tuple[int, int]:
    """How many of the quote's `words` its start holds, and its end (0: the start is the whole
    quote): as few as single the quote out, the first matches of each in `searched` being the
    quote's own; the whole quote as the start when they cannot."""
    if len(words) <= 2 * TERM_WORDS:
        return len(words), 0
    first, last = words[0][0], words[-1][1]
    for start_words in range(TERM_WORDS, len(words) - TERM_WORDS + 1):
        start_end = words[start_words - 1][1]
        if _first(searched, first, start_end, 0) != first:
            continue
        for end_words in range(TERM_WORDS, len(words) - start_words + 1):
            end_start = words[-end_words][0]
            if _first(searched, end_start, last, start_end) == end_start:
                return start_words, end_words
        break
    return len(words), 0


def _first(searched: str, start: int, end: int, after: int) -> int:
    """Where `searched[start:end]` first stands whole (not inside a longer word) at or after
    `after`; -1 if nowhere."""
    term = searched[start:end]
    at = searched.find(term, after)
    while at >= 0:
        if _bounded(searched, at, at + len(term)):
            return at
        at = searched.find(term, at + 1)
    return -1


def _bounded(text: str, start: int, end: int) -> bool:
    def joins(a: str, b: str) -> bool:
        """Whether `a` and `b` are letters or digits of one word."""
        spaced = not (UNSPACED_CHARACTER.match(a) or UNSPACED_CHARACTER.match(b))
        return a.isalnum() and b.isalnum() and spaced

    return (start == 0 or not joins(text[start - 1], text[start])) and (
        end == len(text) or not joins(text[end - 1], text[end])
    )


def _searched(text: str) -> str:
    """`text` as a browser may match it, character for character: in one letter case and
    without accents, so that a stretch matching only there is still taken for a match."""
    return "".join(_base(c) for c in text)


def _base(char: str) -> str:
    folded = char.casefold()
    if len(folded) != 1:
        folded = char
    return unicodedata.normalize("NFD", folded)[0]


def _as_term(text: FoldedText, start: int, end: int) -> str:
    """Folded text [start, end) as the article writes it, its spaces single."""
    return " ".join(text.as_written(start, end).split())
