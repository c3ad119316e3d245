"""Text fragments (WICG "Scroll to Text Fragment"): the words of a quote that make a browser
scroll to it in the article's web page and highlight it, as `url#:~:text=start,end`.

A browser highlights the first stretch of the page that starts with `start` and, after it,
ends with `end`, matching whole words in any letter case. So the words are the quote's own,
as the article has them, and enough of them that no earlier stretch of the article matches:
the first few words and the last few, more while an earlier stretch would match, and the
words before the quote (`prefix-,`) when even the whole quote stands earlier too."""

from __future__ import annotations

import functools
import unicodedata
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from citedeck.text.fold import FoldedText
from citedeck.text.scripts import UNSPACED_CHARACTER

# How many words a directive's start and its end hold at least: a quote of up to twice as many
# is given whole, as its start.
TERM_WORDS = 4
# How many words before the quote a directive may give, to tell it from an earlier copy.
PREFIX_WORDS = 8
_PREFIX_CHARACTERS = 50 * PREFIX_WORDS  # where they are looked for, before the quote
# A word of a spaced script, or one character of a script written without spaces.
_UNSPACED = UNSPACED_CHARACTER.pattern
_WORD = regex.compile(rf"{_UNSPACED}|[^\s{_UNSPACED[1:-1]}]+")


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
    of the quote and the few before it single that stretch out. A start, an end and words
    before it each stand on one line of the text: a line may be a paragraph of the page, and
    a browser matches each within one."""
    first, last = spans[0][0], spans[-1][1]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text.text, first, last)]
    if not words:
        return None
    line = text.line_at(first)
    head = sum(1 for start, _ in words if text.line_at(start) == line)
    tail = sum(1 for start, _ in words if text.line_at(start) == text.line_at(words[-1][0]))
    searched = _searched(text.text)
    # A short quote on one line is its own start; a longer one starts with as few words as
    # the article has nowhere earlier (else all on its first line, told by the words before).
    if head == len(words) <= 2 * TERM_WORDS:
        start_words = head
    else:
        start_words = next(
            (
                count
                for count in range(min(TERM_WORDS, head), min(head, len(words) - 1) + 1)
                if _first(searched, first, words[count - 1][1], 0) == first
            ),
            min(head, len(words) - 1),
        )
    start_end = words[start_words - 1][1]
    end = None
    if start_words < len(words):
        end_words = next(
            (
                count
                for count in range(min(TERM_WORDS, tail), min(tail, len(words) - start_words) + 1)
                if _first(searched, words[-count][0], last, start_end) == words[-count][0]
            ),
            None,
        )
        if end_words is None:
            return None
        end = _as_term(text, words[-end_words][0], last)
    near = max(first - _PREFIX_CHARACTERS, 0)
    before = [
        (start, stop)
        for start, stop in (m.span() for m in _WORD.finditer(text.text, near, first))
        if text.line_at(start) == line and (start > near or near == 0)
    ][-PREFIX_WORDS:]
    for count in range(len(before) + 1):
        prefix_start = before[-count][0] if count else first
        if _first(searched, prefix_start, start_end, 0) == prefix_start:
            prefix = _as_term(text, prefix_start, before[-1][1]) if count else None
            return TextDirective(_as_term(text, first, start_end), end, prefix)
    return None


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


@functools.lru_cache(maxsize=16)  # every card of an article searches the same text
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
