"""Finding passages in the sources, with the checker's own folding, and the card a hit suggests.

A hit is shown as it stands in the source (curly quotes, dashes and all), so the quote of the
suggested card is copied from the article, not retyped, and proves as written.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import yaml

from citedeck.check.quote import MIN_PIECE_WORDS
from citedeck.load.catalogue import Catalogue, Source, closest_sentence
from citedeck.load.schema import KEY_RE
from citedeck.load.yamlfile import yaml_string
from citedeck.output.report import plural, printable
from citedeck.text.fold import CONTROL_CHARACTER, ELLIPSIS, TokenText, fold, slug_words
from citedeck.text.numbers import numbers_in

MARK_OPEN, MARK_CLOSE = "»", "«"
_ID_WORDS = 4
# At most this many characters of a hit's sentence are shown on either side of it.
_CONTEXT = 200


@dataclass(frozen=True)
class Passage:
    """A stretch of a source, as it stands there, and the line it starts on."""

    source: str
    file: str
    line: int
    text: str

    def where(self, seeds: str = "seeds") -> str:
        """`seeds/FILE:LINE`, with the seeds folder as the user should see it."""
        return f"{seeds}/{self.file}:{self.line}"


@dataclass(frozen=True)
class Hit:
    """A phrase found in a source: the sentence holding it, and where in that sentence it is."""

    passage: Passage
    start: int
    end: int

    @property
    def marked(self) -> str:
        text = self.passage.text
        return f"{text[: self.start]}{MARK_OPEN}{text[self.start : self.end]}{MARK_CLOSE}{text[self.end :]}"


def find_passages(catalogue: Catalogue, phrase: str, source: str | None = None) -> list[Hit]:
    """Every place `phrase` stands in the sources (or in source `source`), in catalogue order.

    Typography is folded as the checker folds it. Like ripgrep's smart case, a phrase in
    lowercase matches any case, and a phrase with a capital letter matches its case exactly."""
    needle = fold(phrase)
    if not needle:
        return []
    hits: list[Hit] = []
    for key in _keys(catalogue, source):
        found = list(_spans(catalogue[key].text.tokens, needle))
        if found:
            hits.extend(_hits(catalogue[key], found))
    return hits


def find_report(
    catalogue: Catalogue,
    phrase: str,
    source: str | None = None,
    seeds: str = "seeds",
    taken: Collection[str] = (),
) -> tuple[str, bool]:
    """What `citedeck find` shows for `phrase`, and whether it was found: each hit with a card
    to paste (its id not among `taken`, the deck's) and a count; else where it was not found,
    and the closest sentence if any."""
    hits = find_passages(catalogue, phrase, source)
    if hits:
        sources = len({hit.passage.source for hit in hits})
        count = f"{plural(len(hits), 'hit')} in {plural(sources, 'source')}"
        return f"{format_hits(hits, phrase, seeds, taken)}\n{count}\n", True
    where = catalogue[source].label if source else plural(len(catalogue.sources), "source")
    lines = [f'not found in {printable(where)}: "{printable(phrase)}"']
    if phrase != phrase.lower():
        # A capital makes case count, as it does in a quote; one wrong capital loses every hit.
        any_case = find_passages(catalogue, phrase.lower(), source)
        if any_case:
            lines.append(
                f'{plural(len(any_case), "hit")} in any case: search "{printable(phrase.lower())}" to see '
                + ("it" if len(any_case) == 1 else "them")
            )
    closest = closest_passage(catalogue, phrase, source)
    if closest is not None:
        lines.append(
            f"closest sentence: {printable(closest.where(seeds))}: {printable(closest.text)}"
        )
    return "".join(line + "\n" for line in lines), False


def closest_passage(catalogue: Catalogue, phrase: str, source: str | None = None) -> Passage | None:
    """The sentence most like `phrase`, as the quote check would suggest it, over the sources."""
    needle = fold(phrase)
    best: tuple[float, Passage] | None = None
    for key in _keys(catalogue, source):
        found = closest_sentence(catalogue[key], needle)
        if found is None:
            continue
        line, (start, end) = found
        folded = catalogue[key].text.text
        while end > start and folded[end - 1] == " ":
            end -= 1
        score = difflib.SequenceMatcher(None, needle, folded[start:end]).ratio()
        if best is None or score > best[0]:
            best = (score, _passage(catalogue[key], (start, end), line))
    return best[1] if best else None


def guess_type(text: str, found: str = "") -> str:
    """A first guess the author corrects: figure when what was searched for (`found`, within
    the passage `text`) states a number; who when it states none but names someone (a word
    with a capital, not just for starting the sentence); otherwise figure when the passage
    states a number, else who."""
    if numbers_in(found):
        return "figure"
    words = found.split()
    if text.startswith(found):  # a sentence's first word has its capital for that alone
        words = words[1:]
    if any(word[:1].isupper() for word in words):
        return "who"
    return "figure" if numbers_in(text) else "who"


def suggest_id(source: str, phrase: str) -> str:
    """A card id from the source key and the phrase's first words, e.g. bloomberg-recruitment-blitz."""
    words = slug_words(phrase)[:_ID_WORDS]
    return "-".join([source, *words]) if words else f"{source}-card"


def card_skeleton(passage: Passage, card_id: str, found: str = "") -> str:
    """A card to paste under a card file's `cards:`, for what was `found` in the passage;
    question and answer are left to write."""
    return (
        f"  - id: {_yaml_scalar(card_id)}\n"
        f"    type: {guess_type(passage.text, found)}\n"
        '    question: ""\n'
        '    answer: ""\n'
        f"    quote: {yaml_string(_quotable(passage.text))}\n"
        f"    source: {_yaml_scalar(passage.source)}\n"
    )


def format_hits(
    hits: list[Hit], phrase: str, seeds: str = "seeds", taken: Collection[str] = ()
) -> str:
    """Each hit as `seeds/FILE:LINE: sentence with the »hit« marked`, then its card skeleton,
    with an id no card in `taken` nor another hit has."""
    used = set(taken)
    tried: dict[str, int] = {}  # the last number tried after each id: 10,000 hits, not 10,000²
    blocks = []
    for hit in hits:
        base = suggest_id(hit.passage.source, phrase)
        card_id, number = base, tried.get(base, 1)
        while card_id in used:
            number += 1
            card_id = f"{base}-{number}"
        tried[base] = number
        used.add(card_id)
        skeleton = card_skeleton(hit.passage, card_id, hit.passage.text[hit.start : hit.end])
        blocks.append(f"{printable(hit.passage.where(seeds))}: {printable(hit.marked)}\n{skeleton}")
    return "\n".join(blocks)


def _quotable(text: str) -> str:
    """`text` as a card's quote can hold it: without control characters, which card files may
    not hold. One that is whitespace becomes a space; any other, a gap between fragments, of
    which only those of MIN_PIECE_WORDS words or more are kept (the check refuses shorter
    ones), or the longest when none is that long."""
    if not CONTROL_CHARACTER.search(text):
        return text
    gap = "\x00"  # marks each that is no whitespace (none is left in the text to confuse it)
    spaced = CONTROL_CHARACTER.sub(lambda found: " " if found.group().isspace() else gap, text)
    # No gap at either end, nor two side by side: only the fragments between them count.
    fragments = [" ".join(piece.split()) for piece in spaced.split(gap)]
    kept = [fragment for fragment in fragments if len(fragment.split()) >= MIN_PIECE_WORDS]
    return f" {ELLIPSIS} ".join(kept) if kept else max(fragments, key=len)


def _keys(catalogue: Catalogue, source: str | None) -> list[str]:
    return [source] if source is not None else list(catalogue.sources)


def _spans(tokens: TokenText, needle: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping matches of `needle` in a folded text that start and end at token
    boundaries. TokenText.find does this for one case-sensitive match; finding is smart-case."""
    text = tokens.text
    flags = 0 if any(char.isupper() for char in needle) else re.IGNORECASE
    pattern = re.compile(re.escape(needle), flags)
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start, end = match.span()
        if tokens.is_boundary(start) and tokens.is_boundary(end):
            yield start, end
            pos = end
        else:
            pos = start + 1


def _hits(source: Source, spans: list[tuple[int, int]]) -> list[Hit]:
    sentences = source.text.sentences()
    starts = [start for start, _ in sentences]
    hits = []
    text = source.text.text
    for start, end in spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_right(starts, end - 1) - 1, 0)
        begin, finish = sentences[first][0], max(sentences[last][1], end)
        while finish > end and text[finish - 1] == " ":
            finish -= 1  # a sentence that ends a line ends before the line break
        # A "sentence" of 70 KB (an article without full stops) shown whole for each of its
        # thousands of hits would print gigabytes: show the words around the hit.
        if start - begin > _CONTEXT:
            cut = text.find(" ", start - _CONTEXT, start)
            begin = begin if cut < 0 else cut + 1
        if finish - end > _CONTEXT:
            cut = text.rfind(" ", end, end + _CONTEXT)
            finish = finish if cut < 0 else cut
        before, found, after = (
            source.text.as_written(a, b) for a, b in itertools.pairwise((begin, start, end, finish))
        )
        line = source.text.line_at(start)
        passage = Passage(source.key, source.file, line, before + found + after)
        hits.append(Hit(passage, len(before), len(before) + len(found)))
    return hits


def _passage(source: Source, span: tuple[int, int], line: int) -> Passage:
    return Passage(source.key, source.file, line, source.text.as_written(*span))


def _yaml_scalar(value: str) -> str:
    """`value` plain when YAML reads it back as that string (not 'yes', 'null' or '12'), else quoted."""
    if KEY_RE.match(value) and yaml.safe_load(value) == value:
        return value
    return yaml_string(value)
