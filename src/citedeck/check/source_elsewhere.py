"""source-fact-elsewhere (warning): a source card's fact is reported by another source too, in
other words, so the question "which source?" has more than one fair answer.

The quote's content words (its words less the commonest English ones, each cut to a simple
stem: "hired", "hires" and "hiring" alike) are looked up in every sentence of every other
source. When most of them stand together in one sentence there (at least four, holding half
their weight: a word weighs the more, the fewer sources hold it, so the words every article
uses, "China" or "AI", say less), the card is flagged with that sentence. The exact-quote rule
(source-ambiguous) cannot see this: the other source says it in its own words.

    passes:  quote: "Record numbers of young people have opted instead to compete for civil
             service jobs"  (no other article reports it)
    fails:   quote: "the country's rising anti-immigrant sentiment"  when another article says
             "anti-immigrant sentiment rising in the country"
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Iterable, Iterator

from citedeck.load.cards import Card
from citedeck.load.catalogue import Catalogue
from citedeck.load.diagnostics import Diagnostic, brief, warning
from citedeck.text.fold import ELLIPSIS, fold, word_set

CODE = "source-fact-elsewhere"
# "Most" of a quote's content words: at least AT_LEAST of them, holding this share of their weight.
MOSTLY = 0.5
AT_LEAST = 4

# The commonest English words, which say nothing of a fact: articles, pronouns, auxiliaries,
# prepositions, conjunctions, and a few adverbs every news sentence uses.
_COMMON = frozenset(
    """
    a about above after again against all also although am an and any are as at be because
    been before being below between both but by can could did do does doing down during each
    even ever few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just less like many may me might more most
    much must my myself no nor not now of off on once one only or other our ours ourselves out
    over own per same said says say she should since so some such than that the their theirs
    them themselves then there these they this those though through thus to too under until up
    upon us very was we were what when where whether which while who whom whose why will with
    within without would yet you your yours yourself
    """.split()
)

# Suffixes cut from a word longer than the stem they leave (three letters at least), longest
# first: "hiring", "hired", "hires" and "hire" all come to "hir".
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s", "e")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A casefolded word cut to a simple stem: its possessive and its commonest inflectional
    suffix taken off ("companies" and "company's" come to "compan")."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] if suffix not in ("ies", "ied") else word[:-3]
    if word.endswith("y") and len(word) > 3:
        return word[:-1]
    return word


def content_stems(words: Iterable[str]) -> frozenset[str]:
    """The stems of the content words among casefolded `words`."""
    return frozenset(stem(w) for w in words if _is_content(w))


def _is_content(word: str) -> bool:
    return word not in _COMMON and (len(word) > 1 or word.isdigit())


def _held(index: _Index, key: str, wanted: frozenset[str]) -> frozenset[str]:
    """Those of `wanted` that source `key` holds somewhere."""
    bit = index.bits[key]
    return frozenset(w for w in wanted if index.holders.get(w, 0) & bit)


def _mostly(shared: frozenset[str], weights: dict[str, float], total: float) -> bool:
    return len(shared) >= AT_LEAST and sum(weights[w] for w in shared) >= MOSTLY * total


class _Index:
    """Which sources hold each content stem (from the catalogue's word index, without reading
    any text), and, for a source a quote may be found in, its sentences' stems."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.keys = list(catalogue.infos)
        self.bits = {key: 1 << n for n, key in enumerate(self.keys)}
        self.holders: dict[str, int] = {}  # stem -> bit i set when the i-th source holds it
        self.stems: dict[str, str] = {}  # each content word of the sources -> its stem
        for token, held in catalogue.words.items():
            for word in word_set(token):
                if _is_content(word):
                    key = self.stems[word] = stem(word)
                    self.holders[key] = self.holders.get(key, 0) | held
        self._sentences: dict[str, tuple[list[frozenset[str]], dict[str, list[int]]]] = {}

    def weight(self, stem: str) -> float:
        """How much a stem says: the fewer sources hold it, the more (its inverse document
        frequency, plus one)."""
        held = max(self.holders.get(stem, 0).bit_count(), 1)
        return math.log(len(self.keys) / held) + 1.0

    def sentences(self, key: str) -> tuple[list[frozenset[str]], dict[str, list[int]]]:
        """The content stems of each sentence of source `key` (in its sentences() order), and
        for each stem the indexes of the sentences holding it."""
        found = self._sentences.get(key)
        if found is None:
            stem_of = self.stems.get
            stems = [
                frozenset(filter(None, map(stem_of, words)))
                for words in self.catalogue.sources[key].text.sentence_words
            ]
            where: dict[str, list[int]] = {}
            for n, sentence in enumerate(stems):
                for word in sentence:
                    where.setdefault(word, []).append(n)
            found = self._sentences[key] = (stems, where)
        return found

    def sources_with(self, stems: Iterable[str]) -> list[str]:
        """The keys of the sources holding any of `stems`."""
        held = 0
        for word in stems:
            held |= self.holders.get(word, 0)
        found = []
        while held:
            lowest = held & -held
            found.append(self.keys[lowest.bit_length() - 1])
            held ^= lowest
        return found


_INDEXES: weakref.WeakKeyDictionary[Catalogue, _Index] = weakref.WeakKeyDictionary()


def check(card: Card, catalogue: Catalogue) -> Iterator[Diagnostic]:
    if card.type != "source" or catalogue.locate(card.source, card.quote) is None:
        return
    wanted = content_stems(word_set(fold(card.quote).replace(ELLIPSIS, " ")))
    if len(wanted) < AT_LEAST:
        return
    index = _INDEXES.get(catalogue)
    if index is None:
        index = _INDEXES[catalogue] = _Index(catalogue)
    weights = {w: index.weight(w) for w in wanted}
    rarest = sorted(wanted, key=lambda w: (-weights[w], w))
    total = sum(weights.values())
    # Where to look: a sentence holding AT_LEAST of the words holds one of the len - AT_LEAST + 1
    # rarest; one holding MOSTLY of their weight holds one of the rarest whose weight passes the
    # rest's (1 - MOSTLY). Only sources, then sentences, holding one of the shorter list will do.
    by_count = len(rarest) - AT_LEAST + 1
    rest, by_weight = total, 0
    while rest >= MOSTLY * total:
        rest -= weights[rarest[by_weight]]
        by_weight += 1
    best: tuple[float, int, str, int] | None = None
    prefix = rarest[: min(by_count, by_weight)]
    for key in index.sources_with(prefix):
        if key == card.source or not _mostly(_held(index, key, wanted), weights, total):
            continue
        stems, where = index.sentences(key)
        for n in sorted({n for w in prefix for n in where.get(w, ())}):
            shared = wanted & stems[n]
            if _mostly(shared, weights, total):
                share = sum(weights[w] for w in shared) / total
                if best is None or share > best[0]:  # the first of the best, in order
                    best = (share, len(shared), key, n)
    if best is None:
        return
    _, count, key, n = best
    other = catalogue.sources[key]
    start, end = other.text.sentences()[n]
    yield warning(
        card.path,
        card.at("quote"),
        CODE,
        f"{count} of the quote's {len(wanted)} content words stand together in one sentence "
        f"of {other.label}, line {other.text.line_at(start)}: "
        f"'{brief(other.text.as_written(start, end).strip())}', so that source may be a fair "
        "answer too",
        f"ask about a fact only '{card.source}' reports, or ask it as a who or figure card",
    )
