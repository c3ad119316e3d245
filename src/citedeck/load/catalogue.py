"""The seed catalogue: which articles a deck is proven against, their metadata and text."""

from __future__ import annotations

import difflib
import itertools
import math
import os
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citedeck.load.diagnostics import Diagnostic, Position, byte_position, error, mebibytes
from citedeck.load.project import Project, Reads, present
from citedeck.load.schema import KEY_RE, ShapeChecker, suggestion
from citedeck.load.yamlfile import YMap, YNode, read_yaml
from citedeck.text.fold import ELLIPSIS, FoldedText, fold, fragments, word_set

SOURCE_KEYS = ("key", "file", "title", "short", "publisher", "author", "date", "url", "language")
# The languages a source may be written in, by their BCP 47 primary code: what the rules know how
# to read (word boundaries, number words, number formats). The default is English.
LANGUAGES = {
    "en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "de": "German",
    "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
}
DEFAULT_LANGUAGE = "en"
# A BCP 47 tag: a primary language and optional subtags ("zh-Hans", "pt-BR", "de-CH").
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8})*")
# A long article is 100 KB; a book 2 MB. Past this a file is a mistake, or an attack on memory.
MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceInfo:
    """What a card's citation names: the source's key, file and metadata, not its text."""

    key: str
    file: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    short: str | None = None  # a short title, for a long one: words of the title
    language: str = DEFAULT_LANGUAGE  # a key of LANGUAGES: how the article's text is read
    url: str | None = None  # where the article is on the web: an http(s) URL

    @property
    def label(self) -> str:
        """How a finding names the source: its key and file."""
        return f"'{self.key}' ({self.file})"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the article gives itself that a card may answer with. Never the key: a
        learner cannot recall a name the deck made up."""
        names = (self.short, self.publisher, self.title, self.author)
        return tuple(n for n in names if n)

    @property
    def recalled_as(self) -> str | None:
        """The name a learner recalls the source by: its short title, else its publisher,
        else its title, else its author."""
        return next(iter(self.names), None)


@dataclass(frozen=True)
class Source(SourceInfo):
    """A loaded source: its metadata and its folded text."""

    text: FoldedText = field(kw_only=True)

    @property
    def info(self) -> SourceInfo:
        """Its metadata alone."""
        return SourceInfo(
            self.key,
            self.file,
            self.title,
            self.publisher,
            self.author,
            self.date,
            self.short,
            self.language,
            self.url,
        )


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote's fragments were found in a source's folded text."""

    spans: tuple[tuple[int, int], ...]
    line: int


class Catalogue:
    """The loaded sources, with quote lookup. Lookups are memoised: the rules share them."""

    def __init__(
        self,
        sources: Iterable[Source] | Mapping[str, Source],
        unreadable: Mapping[str, str] | None = None,
        words: dict[str, int] | None = None,
        infos: Mapping[str, SourceInfo] | None = None,
    ) -> None:
        # A mapping given is used as it is: it may load each source only when it is asked for.
        self.sources: Mapping[str, Source] = (
            sources if isinstance(sources, Mapping) else {s.key: s for s in sources}
        )
        # Each source's metadata, without its text.
        self.infos: Mapping[str, SourceInfo] = (
            infos if infos is not None else {key: s.info for key, s in self.sources.items()}
        )
        # Keys the catalogue gives to articles that could not be read, each with where its
        # finding says why ("seeds/sources.yaml:12").
        self.unreadable: Mapping[str, str] = dict(unreadable or {})
        self._words = words
        self._matches: dict[tuple[str, str], QuoteMatch | None] = {}
        # A source's folded text in one letter case, made when a quote is first looked for
        # in it in any case.
        self._caseless: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.sources

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    def language(self, key: str) -> str:
        """The language source `key` is written in (English for a key the catalogue lacks)."""
        info = self.infos.get(key)
        return info.language if info is not None else DEFAULT_LANGUAGE

    @property
    def words(self) -> dict[str, int]:
        """Each word of the sources, in one letter case, with the sources holding it, as a
        number whose bit i stands for the i-th source in catalogue order: where a quote may
        stand, in any case, is read from its words."""
        if self._words is None:
            self._words = {}
            for index, source in enumerate(self.sources.values()):
                bit = 1 << index
                for word in set(_caseless(source.text.text).split()):
                    self._words[word] = self._words.get(word, 0) | bit
        return self._words

    def locate(self, key: str, quote: str) -> QuoteMatch | None:
        """Find every fragment of `quote`, in order and at word boundaries, in source `key`."""
        memo = (key, quote)
        if memo not in self._matches:
            self._matches[memo] = _locate(self.sources[key].text, quote)
        return self._matches[memo]

    def sources_containing(self, quote: str, excluding: str | None = None) -> list[str]:
        """Keys of the sources (other than `excluding`) that contain `quote`. Only the sources
        holding each of its inner words (see `words`) are searched."""
        return [
            k
            for k in self._candidates(quote)
            if k != excluding and self.locate(k, quote) is not None
        ]

    def sources_containing_any_case(self, quote: str, excluding: str | None = None) -> list[str]:
        """Keys of the sources (other than `excluding`) that contain `quote` in any letter
        case: its pieces, each as some source writes it, stand there as `locate` finds a
        quote. Found as `sources_containing` finds them, by the same words."""
        return [
            k for k in self._candidates(quote) if k != excluding and self._holds_any_case(k, quote)
        ]

    def _candidates(self, quote: str) -> Iterable[str]:
        """The sources holding every inner word of `quote` (all sources when it has none): all
        that may contain it, in any letter case."""
        inner = _inner_words(quote)
        if not inner:
            return self.infos
        held = -1  # every bit set
        for word in inner:
            held &= self.words.get(word, 0)
        keys = list(self.infos)
        found = []
        while held:
            lowest = held & -held
            found.append(keys[lowest.bit_length() - 1])
            held ^= lowest
        return found

    def _holds_any_case(self, key: str, quote: str) -> bool:
        if self.locate(key, quote) is not None:
            return True
        text = self.sources[key].text.text
        caseless = self._caseless.get(key)
        if caseless is None:
            caseless = self._caseless[key] = _caseless(text)
        spellings = []
        for piece in fragments(fold(quote)):
            wanted = _caseless(piece)
            found: dict[str, None] = {}
            pos = caseless.find(wanted)
            while pos >= 0:
                found[text[pos : pos + len(wanted)]] = None
                pos = caseless.find(wanted, pos + 1)
            if not found:
                return False
            spellings.append(found)
        if math.prod(len(found) for found in spellings) > _SPELLINGS_TRIED:
            return True  # too many ways to try: the source may well hold it, so say it does
        return any(
            self.locate(key, f" {ELLIPSIS} ".join(spelt)) is not None
            for spelt in itertools.product(*spellings)
        )


# The ways of writing a quote's pieces in the letter case of a source that are tried, at most;
# past them the source is taken to hold the quote (an ambiguity is reported, never missed).
_SPELLINGS_TRIED = 64


def _caseless(text: str) -> str:
    """`text` in one letter case, character for character: casefolded, but for a character
    that casefolds to more than one ("ß" to "ss"), which is kept as it is."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.casefold()) != 1 else c.casefold() for c in text)


def _inner_words(quote: str) -> set[str]:
    """The words of `quote`'s pieces but each piece's first and last, in one letter case:
    every source holding the quote, in any case, holds each of them whole (a piece's first and
    last words may be the ends of longer ones, "(DeepSeek" in the folded text)."""
    return {word for piece in fragments(_caseless(fold(quote))) for word in piece.split()[1:-1]}


# An elided quote's pieces lie in one passage: in one paragraph, and within the sentence the
# first piece starts in and the ones after it, this many in all.
PASSAGE_SENTENCES = 3


def _locate(text: FoldedText, quote: str) -> QuoteMatch | None:
    pieces = fragments(fold(quote))
    if not pieces:
        return None
    tokens = text.tokens
    first = tokens.find(pieces[0])
    while first >= 0:
        spans = _passage_spans(text, pieces, first)
        if spans is not None:
            return QuoteMatch(tuple(spans), text.line_at(first))
        if len(pieces) == 1:
            break
        first = tokens.find(pieces[0], first + 1)
    return None


def _passage_spans(
    text: FoldedText, pieces: tuple[str, ...], first: int
) -> list[tuple[int, int]] | None:
    """Where each of `pieces` stands, the first at `first` and each other after the one before
    it, all in one passage (PASSAGE_SENTENCES); None when they are not."""
    spans = [(first, first + len(pieces[0]))]
    if len(pieces) == 1:
        return spans
    paragraph = text.paragraph_at(first)
    last_sentence = text.sentence_at(first) + PASSAGE_SENTENCES - 1
    start = spans[0][1]
    for piece in pieces[1:]:
        pos = text.tokens.find(piece, start)
        if pos < 0:
            return None
        start = pos + len(piece)
        if text.paragraph_at(start - 1) != paragraph or text.sentence_at(start - 1) > last_sentence:
            return None
        spans.append((pos, start))
    return spans


def _fragment_spans(text: FoldedText, quote: str) -> tuple[list[tuple[int, int]], str | None]:
    """Where each fragment of `quote` stands in `text`, in order and at token boundaries,
    wherever each is, as far as they are found; and the first fragment not found (None when
    all are)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in fragments(fold(quote)):
        pos = text.tokens.find(piece, start)
        if pos < 0:
            return spans, piece
        start = pos + len(piece)
        spans.append((pos, start))
    return spans, None


def first_missing_fragment(source: Source, quote: str) -> str | None:
    """The first fragment of `quote` that cannot be found, in order, in `source`; None when
    each can (if not all in one passage)."""
    return _fragment_spans(source.text, quote)[1]


def passage_gap(source: Source, quote: str) -> str | None:
    """Why the fragments of `quote`, each found in order in `source`, do not make one passage
    there: the first that stands too far from the first fragment, and how far. None when the
    fragments are not all found, or make one."""
    text = source.text
    spans, missing = _fragment_spans(text, quote)
    if missing is not None or len(spans) < 2 or _locate(text, quote) is not None:
        return None
    pieces = fragments(fold(quote))
    paragraph = text.paragraph_at(spans[0][0])
    first_sentence = text.sentence_at(spans[0][0])
    for piece, (start, end) in zip(pieces[1:], spans[1:], strict=True):
        line = text.line_at(start)
        if text.paragraph_at(end - 1) != paragraph:
            return (
                f"'{piece}' (line {line}) stands in another paragraph than '{pieces[0]}' "
                f"(line {text.line_at(spans[0][0])})"
            )
        distance = text.sentence_at(end - 1) - first_sentence
        if distance >= PASSAGE_SENTENCES:
            return (
                f"'{piece}' (line {line}) stands {distance} sentences after the sentence "
                f"'{pieces[0]}' starts in"
            )
    return f"its pieces stand in {source.label} only too far apart"


def line_of(source: Source, fragment: str) -> int | None:
    """The line where `fragment` first stands in `source` as whole tokens, if it does."""
    pos = source.text.tokens.find(fragment)
    return None if pos < 0 else source.text.line_at(pos)


def cut_words(source: Source, fragment: str) -> tuple[int, str] | None:
    """Where `fragment` stands in `source` only by cutting a token ("for a nov" in "for a
    novel", "$7" in "$7.5 million"): the line, and the tokens it cuts into, whole and as
    written. None when it does not stand there at all, or stands there as whole tokens too."""
    text = source.text
    pos = text.text.find(fragment)
    if not fragment or pos < 0 or text.tokens.find(fragment) >= 0:
        return None
    start, end = text.tokens.widen(pos, pos + len(fragment))
    return text.line_at(pos), text.as_written(start, end).strip()


def closest_sentence(source: Source, fragment: str) -> tuple[int, tuple[int, int]] | None:
    """The line and folded span of the source sentence most like `fragment`; None when no
    sentence shares a word with it."""
    text = source.text.text
    words = word_set(fragment)
    if not words:
        return None
    sharing = [
        (len(words & said), span)
        for said, span in zip(source.text.sentence_words, source.text.sentences(), strict=True)
        if not words.isdisjoint(said)
    ]
    # A sentence sharing no word is no hint, however alike its letters; and the letter-by-letter
    # comparison is too slow for every sentence, so only those sharing the most words get it.
    shortlist = [span for _, span in sorted(sharing, key=lambda found: found[0], reverse=True)[:8]]
    # The fragment's letters are indexed once; a sentence whose quick upper bound cannot beat
    # the best so far is not compared letter by letter (as difflib.get_close_matches does).
    matcher = difflib.SequenceMatcher(None, b=fragment)
    best, best_ratio = None, -1.0
    for span in shortlist:
        matcher.set_seq1(text[span[0] : span[1]])
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = span, ratio
    if best is None:
        return None
    return source.text.line_at(best[0]), best


# How much of a closest sentence a finding shows, at most, around where it is most like the quote.
PASSAGE_SHOWN = 200


def closest_passage(source: Source, fragment: str) -> tuple[int, str] | None:
    """The line and the words, as written, of the source passage most like `fragment`: its
    closest sentence, or at most PASSAGE_SHOWN characters of it around where the two are most
    alike ("…" marking a cut); None when no sentence shares a word with it."""
    closest = closest_sentence(source, fragment)
    if closest is None:
        return None
    _, (start, end) = closest
    text = source.text.text
    cut_before = cut_after = False
    if end - start > PASSAGE_SHOWN:
        blocks = difflib.SequenceMatcher(
            None, text[start:end], fragment, autojunk=False
        ).get_matching_blocks()
        alike = [b for b in blocks if b.size >= 3] or [blocks[0]]
        first, last = start + alike[0].a, start + alike[-1].a + alike[-1].size
        middle = (first + min(last, first + PASSAGE_SHOWN)) // 2
        begin = max(start, min(middle - PASSAGE_SHOWN // 2, end - PASSAGE_SHOWN))
        finish = min(end, begin + PASSAGE_SHOWN)
        if begin > start:
            begin = text.find(" ", begin, finish) + 1 or begin
            cut_before = True
        if finish < end:
            space = text.rfind(" ", begin, finish)
            finish = space if space > begin else finish
            cut_after = True
        start, end = begin, finish
    shown = source.text.as_written(start, end).strip()
    return source.text.line_at(start), ("…" if cut_before else "") + shown + (
        "…" if cut_after else ""
    )


def invisible_difference(source: Source, fragment: str) -> str | None:
    """What keeps `fragment` from standing in `source` when the eye cannot tell: a letter from
    another script that looks like a Latin one, letter case alone, or a trailing full stop
    (or other mark) where the article goes on. None when it is none of these."""
    text = source.text
    lookalikes = _latin_lookalikes(fragment)
    if lookalikes:
        latin = fragment.translate({ord(c): r for c, (r, _) in lookalikes.items()})
        if text.tokens.find(latin) >= 0:
            char, (plain, name) = next(iter(lookalikes.items()))
            word = next(w for w in fragment.split() if char in w)
            return (
                f"its '{char}' in '{word}' is U+{ord(char):04X} {unicodedata.name(char, '?')}, which "
                f"looks like the Latin '{plain}' ({name}) the article has"
            )
    for match in re.finditer(re.escape(fragment), text.text, re.IGNORECASE):
        start, end = match.span()
        if text.tokens.is_boundary(start) and text.tokens.is_boundary(end):
            return (
                f"it differs from the article only in letter case: the article has "
                f"'{text.as_written(start, end).strip()}' (line {text.line_at(start)})"
            )
    trimmed = fragment.rstrip(".,;:!?")
    if trimmed != fragment and trimmed:
        pos = text.tokens.find(trimmed)
        if pos >= 0:
            end = pos + len(trimmed)
            last = " ".join(trimmed.split()[-5:])
            after = text.as_written(end, min(len(text.text), end + 60)).split()[:5]
            return (
                f"the article has no '{fragment[len(trimmed) :]}' after '{last}' (line "
                f"{text.line_at(pos)}): it goes on '{' '.join(after)}…'; leave the mark out"
            )
    return None


def _latin_lookalikes(fragment: str) -> dict[str, tuple[str, str]]:
    """Each letter of `fragment` outside ASCII that looks like an ASCII Latin letter, with that
    letter and its name."""
    if fragment.isascii():
        return {}
    from confusable_homoglyphs import confusables

    found: dict[str, tuple[str, str]] = {}
    for entry in (
        confusables.is_confusable(fragment, greedy=True, preferred_aliases=["latin"]) or ()
    ):
        char = entry["character"]
        if char.isascii() or not char.isalpha():
            continue
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalpha():
                found[char] = (glyph["c"], glyph["n"])
                break
    return found


def load_catalogue(
    project: Project, reads: Reads | None = None
) -> tuple[Catalogue, list[Diagnostic]]:
    """The project's sources and the findings on its catalogue; `reads` records every file read
    and path resolved."""
    reads = Reads() if reads is None else reads
    shown = project.shown(project.catalogue)
    if not present(project.catalogue):
        reads.absent(project.catalogue)
        return Catalogue([]), [
            error(shown, Position(1, 1), "source-catalogue", "source catalogue not found")
        ]
    root, diagnostics = read_yaml(project.catalogue, shown, reads.read)
    if root is None:
        if not diagnostics:
            diagnostics.append(
                error(
                    shown, Position(1, 1), "schema-top", "file is empty: expected a 'sources' list"
                )
            )
        return Catalogue([]), diagnostics
    shape = ShapeChecker(shown)
    sources: list[Source] = []
    unreadable: dict[str, str] = {}
    top = shape.mapping(root, "the catalogue")
    items = shape.sequence(top, "sources", "the catalogue") if top else None
    if top:
        shape.unknown_keys(top, ["sources"], "the catalogue")
    seen: dict[str, Position] = {}
    for item in items.items if items else ():
        entry = shape.mapping(item, "each source")
        if entry is None:
            continue
        shape.unknown_keys(entry, SOURCE_KEYS, "a source")
        key = shape.string(entry, "key", "a source", required=True)
        file = shape.string(entry, "file", f"source '{key}'" if key else "a source", required=True)
        meta = {k: shape.string(entry, k, "a source", required=False) for k in SOURCE_KEYS[2:-1]}
        language = _language(entry, shape)
        if key is None or file is None:
            continue
        if meta["short"] is not None and not _shortens(meta["short"], meta["title"]):
            where = "its title" if meta["title"] else "a title (the source has none)"
            shape.fail(
                entry.get("short").value,  # type: ignore[union-attr]
                "source-short",
                f"short title '{meta['short']}' is not a run of whole words of {where}",
                "a short title is the start (or another part) of the article's own title, "
                "never a name of the deck's making",
            )
            meta["short"] = None
        if meta["url"] is not None and (problem := url_problem(meta["url"])):
            shape.fail(
                entry.get("url").value,  # type: ignore[union-attr]
                "source-url",
                f"url '{meta['url']}' {problem}",
                "a url is the article's web address, as https://example.com/news/story",
            )
            meta["url"] = None
        key_node = entry.get("key").value  # type: ignore[union-attr]
        if not KEY_RE.match(key):
            shape.fail(
                key_node,
                "source-key",
                f"source key '{key}' must be lowercase letters, digits and hyphens",
            )
            continue
        if key in seen:
            shape.fail(
                key_node,
                "source-duplicate",
                f"duplicate source key '{key}' (first defined at line {seen[key].line})",
            )
            continue
        seen[key] = key_node.start
        file_node = entry.get("file").value  # type: ignore[union-attr]
        reported = len(shape.diagnostics)
        text = _read_seed(project, reads, file, file_node, shape)
        if text is None:
            # _read_seed reports why it read nothing (unless past the findings listed).
            why = shape.diagnostics[reported] if len(shape.diagnostics) > reported else None
            unreadable[key] = f"{why.path}:{why.line}" if why else f"{shown}:{file_node.start.line}"
        else:
            sources.append(Source(key, file, **meta, language=language, text=FoldedText.of(text)))
    diagnostics.extend(shape.diagnostics + shape.untold_finding())
    return Catalogue(sources, unreadable), diagnostics


_WORD = re.compile(r"\w+(?:'\w+)*")


def _language(entry: YMap, shape: ShapeChecker) -> str:
    """The source's language: its `language` tag's primary code (`zh` of `zh-Hans`), one of
    LANGUAGES; English when it has none, or one the rules cannot read (reported)."""
    tag = shape.string(entry, "language", "a source", required=False)
    if tag is None:
        return DEFAULT_LANGUAGE
    match = _LANGUAGE_TAG.fullmatch(tag)
    code = match.group(1).lower() if match else None
    if code in LANGUAGES:
        return code
    shape.fail(
        entry.get("language").value,  # type: ignore[union-attr]
        "source-language",
        f"language '{tag}' is not one citedeck reads"
        + ("" if match else ": a language is a BCP 47 tag such as 'de' or 'zh-Hans'"),
        "languages: " + ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items()),
    )
    return DEFAULT_LANGUAGE


def url_problem(url: str) -> str | None:
    """What makes `url` no web address a card's back can link to, or None: it must be an
    absolute http or https URL naming a host, with no spaces, and no text fragment of its own
    (each card's link adds one for its quote)."""
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return "holds a space or an invisible character"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as problem:
        return f"is not a URL ({problem})"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not a web address: it must begin http:// or https://"
    if not parts.hostname:
        return "names no host"
    if ":~:" in parts.fragment:
        return "holds a text fragment (:~:) of its own: each card's link adds its quote's"
    return None


def _shortens(short: str, title: str | None) -> bool:
    """Whether `short` is a run of whole words of `title`, letter case and typography aside."""
    if title is None:
        return False
    words = _WORD.findall(fold(short).casefold())
    said = _WORD.findall(fold(title).casefold())
    return bool(words) and any(said[i : i + len(words)] == words for i in range(len(said) - len(words) + 1))


def _nearest_seed(project: Project, file: str) -> str:
    """ "; did you mean 'x.txt'?" for the file in seeds/ nearest `file`, if one is near."""
    try:
        names = [
            e.name for e in os.scandir(project.seeds) if e.is_file() and e.name != "sources.yaml"
        ]
    except OSError:
        return ""
    return suggestion(file.removeprefix("seeds/"), names)


def _read_seed(
    project: Project, reads: Reads, file: str, node: YNode, shape: ShapeChecker
) -> str | None:
    try:
        seeds = reads.resolve(project.seeds)
        path = reads.resolve(project.seeds / file)
    except (OSError, ValueError, RuntimeError) as exc:  # a NUL in the name; a symlink loop
        shape.fail(node, "source-file", f"cannot read source file '{file}': {exc}")
        return None
    if Path(file).is_absolute() or not path.is_relative_to(seeds) or path == seeds:
        shape.fail(
            node, "source-file", f"source file '{file}' is outside seeds/; keep articles in seeds/"
        )
        return None
    if not present(path):
        reads.absent(path)
        shape.fail(
            node,
            "source-file",
            f"source file '{file}' not found in seeds/{_nearest_seed(project, file)}",
            "file names a file in seeds/: 'file: article.txt' for seeds/article.txt",
        )
        return None
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            shape.fail(
                node,
                "source-file",
                f"source file '{file}' is {mebibytes(size)}; articles are limited to "
                f"{MAX_SOURCE_BYTES // 1_048_576} MiB",
            )
            return None
        # The path found inside seeds/, not the name: a symlink swapped in since is not followed.
        data = reads.read(path, MAX_SOURCE_BYTES)
    except OSError as exc:
        shape.fail(node, "source-file", f"cannot read source file '{file}': {exc.strerror or exc}")
        return None
    if len(data) > MAX_SOURCE_BYTES:  # it grew since its size was taken
        shape.fail(
            node,
            "source-file",
            f"source file '{file}' is over {MAX_SOURCE_BYTES // 1_048_576} MiB; articles are "
            f"limited to {MAX_SOURCE_BYTES // 1_048_576} MiB",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Found at the byte in the article itself, which is where the fix goes.
        shape.report(
            error(
                project.shown(project.seeds / file),
                byte_position(data, exc.start),
                "source-encoding",
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                f"or take it out (its file and its entry in {project.shown(project.catalogue)}) and "
                "add it again with citedeck add-source FILE --encoding NAME",
            )
        )
        return None
    if not text or text.isspace():  # not strip(), which copies the whole article
        shape.fail(node, "source-empty", f"source file '{file}' is empty")
        return None
    return text
