"""The seed catalogue: which articles a deck is proven against, their metadata and text."""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .citation import SourceInfo
from .diagnostics import Diagnostic, Position, byte_position, error, mebibytes
from .project import Project, present
from .schema import KEY_RE, ShapeChecker, suggestion
from .textnorm import FoldedText, find_word, fold, fragments, word_set
from .yamlio import YNode, read_yaml

SOURCE_KEYS = ("key", "file", "title", "publisher", "author", "date")
# A long article is 100 KB; a book 2 MB. Past this a file is a mistake, or an attack on memory.
MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Source(SourceInfo):
    """A loaded source: its metadata and its folded text."""

    text: FoldedText = field(kw_only=True)


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote's fragments were found in a source's folded text."""

    spans: tuple[tuple[int, int], ...]
    line: int


# A pair of words standing next to each other in a quote; a single word where no pair will do.
_Probe = tuple[str, str] | str


class Catalogue:
    """The loaded sources, with quote lookup. Lookups are memoised: check and build share them."""

    def __init__(self, sources: Iterable[Source], unreadable: Mapping[str, str] | None = None) -> None:
        self.sources: dict[str, Source] = {s.key: s for s in sources}
        # Keys the catalogue gives to articles that could not be read, each with where its
        # finding says why ("seeds/sources.yaml:12").
        self.unreadable: Mapping[str, str] = dict(unreadable or {})
        self._matches: dict[tuple[str, str], QuoteMatch | None] = {}
        self._probes: dict[str, tuple[_Probe, ...]] = {}
        self._pending: set[_Probe] = set()
        # Each probe looked for so far, and the sources holding it, in catalogue order.
        self._holders: dict[_Probe, list[str]] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.sources

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    def locate(self, key: str, quote: str) -> QuoteMatch | None:
        """Find every fragment of `quote`, in order and at word boundaries, in source `key`."""
        memo = (key, quote)
        if memo not in self._matches:
            self._matches[memo] = _locate(self.sources[key].text, quote)
        return self._matches[memo]

    def expect(self, quotes: Iterable[str]) -> None:
        """Say which quotes `sources_containing` will be asked about, so that one pass over
        the sources' text serves them all."""
        for quote in quotes:
            self._probes_of(quote)

    def sources_containing(self, quote: str, excluding: str | None = None) -> list[str]:
        """Keys of the sources (other than `excluding`) that contain `quote`.

        Only the sources holding a few of the quote's word pairs (its probes) are searched.
        They are found for every quote `expect`ed at once, in one pass over the sources'
        words, so the cost grows with the number of sources plus cards, not their product."""
        probes = self._probes_of(quote)
        candidates: Iterable[str] = self.sources
        if probes:
            if self._pending:
                self._find_pending()
            held = sorted((self._holders[probe] for probe in probes), key=len)
            shared = set(held[0]).intersection(*held[1:])
            candidates = [key for key in held[0] if key in shared]
        return [
            k for k in candidates if k != excluding and self.locate(k, quote) is not None
        ]

    def _probes_of(self, quote: str) -> tuple[_Probe, ...]:
        probes = self._probes.get(quote)
        if probes is None:
            probes = self._probes[quote] = _probes(quote)
            self._pending.update(p for p in probes if p not in self._holders)
        return probes

    def _find_pending(self) -> None:
        """One pass over every source's words, noting which pending probes it holds."""
        pairs = {p for p in self._pending if isinstance(p, tuple)}
        words = {p for p in self._pending if isinstance(p, str)}
        for probe in self._pending:
            self._holders[probe] = []
        self._pending = set()
        for key, source in self.sources.items():
            tokens = source.text.text.split()
            # Set intersections run in C: only the probes a source holds cost Python time.
            held: set[_Probe] = set(pairs.intersection(itertools.pairwise(tokens))) if pairs else set()
            if words:
                held.update(words.intersection(tokens))
            for probe in held:
                self._holders[probe].append(key)


_PROBES_PER_QUOTE = 3


def _probes(quote: str) -> tuple[_Probe, ...]:
    """The quote's longest pairs of adjacent inner words: every source holding the quote
    holds them, each word whole (a fragment's first and last words may be the ends of longer
    ones, "(DeepSeek" in the folded text, but the words between stand alone). Failing pairs,
    its longest inner words; with neither (no fragment longer than two words), none."""
    inner = [piece.split()[1:-1] for piece in fragments(fold(quote))]
    pairs = {pair for words in inner for pair in itertools.pairwise(words)}
    if pairs:
        chosen: Iterable[_Probe] = sorted(pairs, key=lambda p: (-len(p[0]) - len(p[1]), p))
    else:
        chosen = sorted({w for words in inner for w in words}, key=lambda w: (-len(w), w))
    return tuple(chosen)[:_PROBES_PER_QUOTE]


def _locate(text: FoldedText, quote: str) -> QuoteMatch | None:
    spans, missing = _fragment_spans(text, quote)
    if missing is not None or not spans:
        return None
    return QuoteMatch(tuple(spans), text.line_at(spans[0][0]))


def _fragment_spans(text: FoldedText, quote: str) -> tuple[list[tuple[int, int]], str | None]:
    """Where each fragment of `quote` stands in `text`, in order and at word boundaries, as far
    as they are found; and the first fragment not found (None when all are)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in fragments(fold(quote)):
        pos = find_word(text.text, piece, start)
        if pos < 0:
            return spans, piece
        start = pos + len(piece)
        spans.append((pos, start))
    return spans, None


def first_missing_fragment(source: Source, quote: str) -> str:
    """The first fragment of `quote` that cannot be found, in order, in `source` (the last
    fragment when all can)."""
    _, missing = _fragment_spans(source.text, quote)
    if missing is not None:
        return missing
    pieces = fragments(fold(quote))
    return pieces[-1] if pieces else ""


def line_of(source: Source, fragment: str) -> int | None:
    """The line where `fragment` first stands in `source` as whole words, if it does."""
    pos = find_word(source.text.text, fragment)
    return None if pos < 0 else source.text.line_at(pos)


def cut_words(source: Source, fragment: str) -> tuple[int, str] | None:
    """Where `fragment` stands in `source` only by cutting a word ("for a nov" in "for a
    novel"): the line, and the words it cuts into, whole and as written. None when it does
    not stand there at all, or stands there as whole words too."""
    text = source.text.text
    pos = text.find(fragment)
    if not fragment or pos < 0 or find_word(text, fragment) >= 0:
        return None
    start = text.rfind(" ", 0, pos) + 1
    end = text.find(" ", pos + len(fragment))
    whole = source.text.as_written(start, len(text) if end < 0 else end).strip()
    return source.text.line_at(pos), whole


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


def load_catalogue(project: Project) -> tuple[Catalogue, list[Diagnostic]]:
    shown = project.shown(project.catalogue)
    if not present(project.catalogue):
        return Catalogue([]), [
            error(shown, Position(1, 1), "source-catalogue", "source catalogue not found")
        ]
    root, diagnostics = read_yaml(project.catalogue, shown, project.read)
    if root is None:
        if not diagnostics:
            diagnostics.append(
                error(shown, Position(1, 1), "schema-top", "file is empty: expected a 'sources' list")
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
        meta = {k: shape.string(entry, k, "a source", required=False) for k in SOURCE_KEYS[2:]}
        if key is None or file is None:
            continue
        key_node = entry.get("key").value  # type: ignore[union-attr]
        if not KEY_RE.match(key):
            shape.fail(key_node, "source-key", f"source key '{key}' must be lowercase letters, digits and hyphens")
            continue
        if key in seen:
            shape.fail(key_node, "source-duplicate", f"duplicate source key '{key}' (first defined at line {seen[key].line})")
            continue
        seen[key] = key_node.start
        file_node = entry.get("file").value  # type: ignore[union-attr]
        reported = len(shape.diagnostics)
        text = _read_seed(project, file, file_node, shape)
        if text is None:
            # _read_seed reports why it read nothing (unless past the findings listed).
            why = shape.diagnostics[reported] if len(shape.diagnostics) > reported else None
            unreadable[key] = f"{why.path}:{why.line}" if why else f"{shown}:{file_node.start.line}"
        else:
            sources.append(Source(key, file, **meta, text=FoldedText.of(text)))
    diagnostics.extend(shape.diagnostics + shape.untold_finding())
    return Catalogue(sources, unreadable), diagnostics


def _nearest_seed(project: Project, file: str) -> str:
    """"; did you mean 'x.txt'?" for the file in seeds/ nearest `file`, if one is near."""
    try:
        names = [e.name for e in os.scandir(project.seeds) if e.is_file() and e.name != "sources.yaml"]
    except OSError:
        return ""
    return suggestion(file.removeprefix("seeds/"), names)


def _read_seed(project: Project, file: str, node: YNode, shape: ShapeChecker) -> str | None:
    try:
        seeds = project.resolve(project.seeds)
        path = project.resolve(project.seeds / file)
    except (OSError, ValueError, RuntimeError) as exc:  # a NUL in the name; a symlink loop
        shape.fail(node, "source-file", f"cannot read source file '{file}': {exc}")
        return None
    if Path(file).is_absolute() or not path.is_relative_to(seeds) or path == seeds:
        shape.fail(node, "source-file", f"source file '{file}' is outside seeds/; keep articles in seeds/")
        return None
    if not present(path):
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
        data = project.read(path, MAX_SOURCE_BYTES)
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
