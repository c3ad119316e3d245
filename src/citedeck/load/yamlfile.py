"""The one place YAML is read: safe parsing into located nodes, every user mistake a Diagnostic.

Only plain YAML is accepted: core tags, no aliases (so an alias bomb is refused at its first
reuse), no duplicate keys (an error, not last-wins), bounded size, depth and number of values.
The located nodes are built straight from the parser's events, one level of Python recursion
per level of nesting: reading stops at the first node nested too deep, before libyaml (whose
own composer recurses in C, and crashes on a file of 100,000 "[") goes any deeper.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from citedeck.load.diagnostics import (
    Diagnostic,
    FileFindings,
    Position,
    byte_position,
    error,
    mebibytes,
)
from citedeck.load.project import read_at_most
from citedeck.text.fold import CONTROL_CHARACTER, LINE_END

try:  # libyaml's C parser is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
# Far more than any deck needs (20,000 cards in one file are about 150,000), few enough that
# the located values, and a finding for each, stay within a few hundred megabytes.
MAX_VALUES = 500_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = f"{_CORE}timestamp"
_STR, _SEQ, _MAP, _MERGE = (f"{_CORE}{t}" for t in ("str", "seq", "map", "merge"))

# The safe loader's implicit tags (int, float, bool, null, timestamp, ...), looked up by a plain
# scalar's first character, exactly as its resolver does.
_WILDCARD = Resolver.yaml_implicit_resolvers.get(None, [])
_IMPLICIT = {
    first: [*resolvers, *_WILDCARD] for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar: plain ones by their look, quoted ones are strings."""
    if implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
            if regexp.match(value):
                return tag
    return _STR


class _Invalid:
    """Stands in for a value already reported as unreadable, so no second finding follows."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


# Where a value stands: the line and column of its start, then of its end, 1-based. Kept as one
# plain tuple, Positions made only when asked for: a deck's files hold hundreds of thousands
# of values, few of them ever shown, and making two Positions for each took a third of the
# reading time.
Span = tuple[int, int, int, int]


class _Spanning:
    __slots__ = ()
    span: Span

    @property
    def start(self) -> Position:
        return Position(self.span[0], self.span[1])

    @property
    def end(self) -> Position:
        return Position(self.span[2], self.span[3])


@dataclass(frozen=True, slots=True)
class YScalar(_Spanning):
    value: object
    span: Span


@dataclass(frozen=True, slots=True)
class YSeq(_Spanning):
    items: tuple[YNode, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class YEntry:
    key: str
    key_span: Span
    value: YNode

    @property
    def key_start(self) -> Position:
        return Position(self.key_span[0], self.key_span[1])


@dataclass(frozen=True, slots=True)
class YMap(_Spanning):
    entries: tuple[YEntry, ...]
    span: Span

    def get(self, key: str) -> YEntry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


YNode = YScalar | YSeq | YMap


# What PyYAML refuses to read raw (its reader's printable set), or would read as a line break.
_YAML_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted string, which `read_yaml` reads back as `value`: JSON's
    escapes are YAML's, and the few characters YAML will not take raw are escaped too."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _span(start: yaml.Mark, end: yaml.Mark) -> Span:
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


# Line ends to YAML (1.1) that editors, grep -n and GitHub do not count: a file holding one
# would have every later finding a line off. A lone CR both count (text.fold.LINE_END).
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _spans(text: str) -> Callable[[yaml.Mark, yaml.Mark], Span]:
    """How to place the span between two parser marks in `text` where an editor shows it: as
    the parser counts, unless the text holds a line end only YAML counts."""
    if not any(odd in text for odd in _ODD_BREAKS):
        return _span
    starts = [0, *(match.end() for match in LINE_END.finditer(text))]

    def place(mark: yaml.Mark) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index) - 1
        return line + 1, mark.index - starts[line] + 1

    def span(start: yaml.Mark, end: yaml.Mark) -> Span:
        return (*place(start), *place(end))

    return span


def read_yaml(
    path: Path, shown: str, read: Callable[[Path, int], bytes] = read_at_most
) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML file, its bytes got by `read`; `shown` is the path as the user should see
    it in findings."""
    data, diagnostics = read_yaml_bytes(path, shown, read)
    return (None, diagnostics) if data is None else parse_yaml(data, shown)


def read_yaml_bytes(
    path: Path, shown: str, read: Callable[[Path, int], bytes] = read_at_most
) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of one YAML file, got by `read`; None, with a finding, when it cannot be read
    or is too large."""
    start = Position(1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [_too_large(shown, start, mebibytes(size))]
        data = read(path, MAX_BYTES)
    except OSError as exc:
        return None, [error(shown, start, "io", f"cannot read file: {exc.strerror or exc}")]
    if len(data) > MAX_BYTES:  # it grew since its size was taken
        return None, [_too_large(shown, start, f"over {MAX_BYTES // 1_048_576} MiB")]
    return data, []


def _too_large(shown: str, start: Position, size: str) -> Diagnostic:
    return error(
        shown,
        start,
        "yaml-too-large",
        f"file is {size}; YAML files are limited to {MAX_BYTES // 1_048_576} MiB "
        "(split it into several files)",
    )


def parse_yaml(data: bytes, shown: str) -> tuple[YNode | None, list[Diagnostic]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        pos = byte_position(data, exc.start)
        return None, [
            error(
                shown,
                pos,
                "yaml-encoding",
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            )
        ]
    span = _spans(text)
    builder = _Builder(shown, span)

    def position(mark: yaml.Mark) -> Position:
        return Position(*span(mark, mark)[:2])

    try:
        root = builder.read(text)
    except _Abandoned as stop:
        return None, [stop.diagnostic]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = position(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        hint = None
        if exc.problem and exc.problem.startswith("exceeded maximum nesting depth"):
            # libyaml 0.2.6 stops at 1,000 levels, which its scanner may reach looking ahead
            # before the first event comes here: the same mistake as nesting past MAX_DEPTH.
            return None, [
                error(shown, pos, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
            ]
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem = "a tab character; YAML indents with spaces, never tabs"
        elif exc.context == "while scanning a quoted scalar" and exc.context_mark:
            # The reader stops where the file ends, or where the runaway value meets a key;
            # the mistake is where the quote opened.
            pos = position(exc.context_mark)
            problem = "a quoted value starts here and is never closed"
            hint = "end it with the quote mark it starts with"
        elif exc.problem and exc.problem.startswith("mapping values are not allowed"):
            hint = 'a value holding ": " goes in quotes: question: "Who said: this?"'
        elif mark and exc.problem == "did not find expected key":
            opened = _runaway_quote(text, position(mark))
            if opened:
                hint = f"is the closing quote of the value on line {opened} missing?"
        return None, [error(shown, pos, "yaml-syntax", f"YAML syntax error: {problem}", hint)]
    except yaml.YAMLError as exc:
        return None, [error(shown, Position(1, 1), "yaml-syntax", f"YAML syntax error: {exc}")]
    return root, builder.diagnostics + builder.untold_finding()


def _runaway_quote(text: str, stopped: Position) -> int | None:
    """The line where a quoted value may have lost its closing quote, when the reader stopped
    just after a quote mark: the nearest line above holding an odd number of them. A value
    left open runs on to the next quote mark, however many lines down, and the reader
    stumbles on what follows it."""
    lines = LINE_END.split(text)
    line, column = stopped.line - 1, stopped.col - 1
    if line >= len(lines) or column == 0:
        return None
    stop = lines[line][:column]
    quote = stop[-1:]
    # A runaway value ends at the first such mark on this line; a value opened and closed on
    # it ('the founder'of) leaves an even number behind.
    if quote not in ('"', "'") or stop.count(quote) % 2 == 0:
        return None
    for number in range(line - 1, -1, -1):
        if lines[number].count(quote) % 2:
            return number + 1
    return None


class _Abandoned(Exception):
    """Reading a file stopped early: it is nested too deep or holds too many values."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class _Builder(FileFindings):
    """Turns the parser's events into located values, refusing what plain YAML lacks."""

    def __init__(self, shown: str, span: Callable[[yaml.Mark, yaml.Mark], Span] = _span) -> None:
        super().__init__(shown)
        self._span = span
        self._values = 0
        self._alias_reported = False
        self._constructor = SafeConstructor()

    def read(self, text: str) -> YNode | None:
        """The single document's root node, or None for a stream with no document."""
        parser = _Parser(text)
        try:
            parser.get_event()  # the stream's start
            document = parser.get_event()
            if isinstance(document, StreamEndEvent):
                return None
            root = self._node(parser, parser.get_event(), 0)
            parser.get_event()  # the document's end
            after = parser.get_event()
            if not isinstance(after, StreamEndEvent):
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    document.start_mark,
                    "but found another document",
                    after.start_mark,
                )
            return root
        finally:
            parser.dispose()

    def _fail(
        self,
        event: Event,
        code: str,
        message: str,
        last: Event | None = None,
        hint: str | None = None,
    ) -> YScalar:
        """Report `event`'s node (ending with `last`, for a skipped collection)."""
        node = YScalar(INVALID, self._span(event.start_mark, (last or event).end_mark))
        self.report(error(self.shown, node.start, code, message, hint, end=node.end))
        return node

    def _abandon(self, event: Event, code: str, message: str) -> None:
        node = YScalar(INVALID, self._span(event.start_mark, event.end_mark))
        raise _Abandoned(error(self.shown, node.start, code, message, end=node.end))

    def _node(self, parser: _Parser, event: Event, depth: int, in_list: bool = False) -> YNode:
        self._values += 1
        if self._values > MAX_VALUES:
            self._abandon(
                event,
                "yaml-too-large",
                f"file holds more than {MAX_VALUES:,} values (split it into several files)",
            )
        kind = type(event)
        if kind is AliasEvent:
            return self._alias(event)
        if depth > MAX_DEPTH:
            self._abandon(event, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
        if kind is ScalarEvent:
            if event.style == '"' and (control := CONTROL_CHARACTER.search(event.value)):
                return self._control_character(event, control.group(), "yaml-value")
            tag = event.tag
            if tag is None or tag == "!":
                tag = _resolve(event.value, event.implicit)
            if tag == _STR or tag == _TIMESTAMP:  # the commonest by far: nothing to construct
                return YScalar(event.value, self._span(event.start_mark, event.end_mark))
            return self._scalar(event, tag)
        if kind is SequenceStartEvent:
            if event.tag not in (None, "!", _SEQ):
                return self._bad_tag(event, self._skip(parser, event, depth))
            items = []
            item = parser.get_event()
            while not isinstance(item, SequenceEndEvent):
                items.append(self._node(parser, item, depth + 1, in_list=True))
                item = parser.get_event()
            return YSeq(tuple(items), self._span(event.start_mark, item.end_mark))
        if event.tag not in (None, "!", _MAP):
            return self._bad_tag(event, self._skip(parser, event, depth))
        return self._mapping(parser, event, depth, in_list)

    def _scalar(self, event: ScalarEvent, tag: str) -> YScalar:
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(event, event)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            return self._fail(event, "yaml-value", f"cannot read value: {exc}")
        return YScalar(value, self._span(event.start_mark, event.end_mark))

    def _control_character(self, event: ScalarEvent, char: str, code: str) -> YScalar:
        return self._fail(
            event,
            code,
            f"cannot read {'value' if code == 'yaml-value' else 'key'}: it holds the control "
            f"character U+{ord(char):04X}, written as an escape",
            hint="text holds no control characters but tabs and line breaks",
        )

    def _alias(self, event: Event) -> YScalar:
        if self._alias_reported:
            return YScalar(INVALID, self._span(event.start_mark, event.end_mark))
        self._alias_reported = True
        return self._fail(
            event, "yaml-alias", "YAML anchors and aliases (&name, *name) are not supported"
        )

    def _bad_tag(self, event: Event, last: Event) -> YScalar:
        """Report a tag outside plain YAML on the node from `event` to `last`, left unread."""
        tag = event.tag.replace(_CORE, "!!")
        return self._fail(
            event, "yaml-tag", f"unsupported YAML tag '{tag}': only plain YAML is read", last
        )

    def _mapping(
        self, parser: _Parser, start: MappingStartEvent, depth: int, in_list: bool
    ) -> YMap:
        entries: list[YEntry] = []
        first_seen: dict[str, Span] = {}
        key = parser.get_event()
        while not isinstance(key, MappingEndEvent):
            if self._key_refused(parser, key, first_seen, depth + 1, in_list):
                self._skip(parser, parser.get_event(), depth + 1)  # its value goes unread
            else:
                key_span = self._span(key.start_mark, key.end_mark)
                first_seen[key.value] = key_span
                value = self._node(parser, parser.get_event(), depth + 1)
                entries.append(YEntry(key.value, key_span, value))
            key = parser.get_event()
        return YMap(tuple(entries), self._span(start.start_mark, key.end_mark))

    def _key_refused(
        self, parser: _Parser, key: Event, first_seen: dict[str, Span], depth: int, in_list: bool
    ) -> bool:
        """Report a key that is not a plain, new string; True if there was one to report."""
        if isinstance(key, AliasEvent):
            self._alias(key)
            return True
        if not isinstance(key, ScalarEvent):
            last = self._skip(parser, key, depth)
            self._fail(key, "yaml-key", "mapping keys must be plain strings", last)
            return True
        if key.style == '"' and (control := CONTROL_CHARACTER.search(key.value)):
            self._control_character(key, control.group(), "yaml-key")
            return True
        untagged = key.tag is None or key.tag == "!"
        if key.value == "<<" and (key.tag == _MERGE or (untagged and key.implicit[0])):
            self._fail(key, "yaml-alias", "YAML merge keys (<<) are not supported")
            return True
        if not untagged and key.tag not in _SCALAR_TAGS and key.tag != _TIMESTAMP:
            self._bad_tag(key, key)
            return True
        if key.value in first_seen:
            self._fail(
                key,
                "yaml-duplicate-key",
                f"duplicate key '{key.value}' (first defined at line {first_seen[key.value][0]})",
                # In an item of a list (a card, a source) the usual cause is the next item's
                # '- ' left out; elsewhere there is no such cause to name.
                hint="if it starts a new card or source, begin that with '- '" if in_list else None,
            )
            return True
        return False

    def _skip(self, parser: _Parser, event: Event, depth: int) -> Event:
        """Read past the node `event` starts, at `depth`, unbuilt; return its last event.
        Nesting too deep stops the reading here too."""
        open_collections = 1 if isinstance(event, (SequenceStartEvent, MappingStartEvent)) else 0
        while open_collections:
            event = parser.get_event()
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                open_collections -= 1
                continue
            if depth + open_collections > MAX_DEPTH:
                self._abandon(event, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                open_collections += 1
        return event
