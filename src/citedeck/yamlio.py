"""The one place YAML is read: safe parsing into located nodes, every user mistake a Diagnostic.

Only plain YAML is accepted: core tags, no aliases (so an alias bomb is refused at its first
reuse), no duplicate keys (an error, not last-wins), bounded size and depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver, Resolver

from .diagnostics import Diagnostic, Position, error

try:  # libyaml's C parser is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = f"{_CORE}timestamp"
_STR, _SEQ, _MAP = f"{_CORE}str", f"{_CORE}seq", f"{_CORE}map"

# The safe loader's implicit tags (int, float, bool, null, timestamp, ...), looked up by a plain
# scalar's first character, wildcards appended once here rather than on every scalar.
_IMPLICIT = {
    first: [*resolvers, *Resolver.yaml_implicit_resolvers.get(None, [])]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_WILDCARD = Resolver.yaml_implicit_resolvers.get(None, [])


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader with the same tag resolution done leaner: the parser calls `resolve` for
    every node, and PyYAML's general version (path resolvers included) dominates the parse."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return BaseResolver.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return BaseResolver.DEFAULT_SEQUENCE_TAG
        return BaseResolver.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Invalid:
    """Stands in for a value already reported as unreadable, so no second finding follows."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass(frozen=True, slots=True)
class YScalar:
    value: object
    start: Position
    end: Position


@dataclass(frozen=True, slots=True)
class YSeq:
    items: tuple[YNode, ...]
    start: Position
    end: Position


@dataclass(frozen=True, slots=True)
class YEntry:
    key: str
    key_start: Position
    value: YNode


@dataclass(frozen=True, slots=True)
class YMap:
    entries: tuple[YEntry, ...]
    start: Position
    end: Position

    def get(self, key: str) -> YEntry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


YNode = Union[YScalar, YSeq, YMap]


def kind_name(node: YNode) -> str:
    """How a node reads to a user: 'a mapping', 'a list', 'a number', ..."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    value = node.value
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string"


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Position(data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def read_yaml(path: Path, shown: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML file; `shown` is the path as the user should see it in findings."""
    start = Position(1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                error(
                    shown,
                    start,
                    "yaml-too-large",
                    f"file is {size / 1_048_576:.1f} MiB; YAML files are limited to "
                    f"{MAX_BYTES // 1_048_576} MiB (split it into several files)",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, start, "io", f"cannot read file: {exc.strerror or exc}")]
    return parse_yaml(data, shown)


def parse_yaml(data: bytes, shown: str) -> tuple[YNode | None, list[Diagnostic]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        pos = _byte_position(data, exc.start)
        return None, [
            error(
                shown,
                pos,
                "yaml-encoding",
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            )
        ]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        return None, [error(shown, pos, "yaml-syntax", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return None, [error(shown, Position(1, 1), "yaml-syntax", f"YAML syntax error: {exc}")]
    if root is None:
        return None, []
    builder = _Builder(shown)
    node = builder.build(root, 0)
    return node, builder.diagnostics


class _Builder:
    """Turns composed PyYAML nodes into located values, refusing what plain YAML lacks."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()
        self._alias_reported = False
        self._constructor = SafeConstructor()

    def _fail(self, node: yaml.Node, code: str, message: str) -> YScalar:
        start, end = _pos(node.start_mark), _pos(node.end_mark)
        self.diagnostics.append(error(self.shown, start, code, message, end=end))
        return YScalar(INVALID, start, end)

    def build(self, node: yaml.Node, depth: int) -> YNode:
        if id(node) in self._seen:
            if self._alias_reported:
                return YScalar(INVALID, _pos(node.start_mark), _pos(node.end_mark))
            self._alias_reported = True
            return self._fail(
                node, "yaml-alias", "YAML anchors and aliases (&name, *name) are not supported"
            )
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            return self._fail(node, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
        start, end = _pos(node.start_mark), _pos(node.end_mark)
        if isinstance(node, ScalarNode):
            if node.tag == _STR:  # by far the commonest node: no constructor needed
                return YScalar(node.value, start, end)
            return self._scalar(node, start, end)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node)
            return YSeq(tuple([self.build(item, depth + 1) for item in node.value]), start, end)
        if node.tag != _MAP:
            return self._bad_tag(node)
        return self._mapping(node, start, end, depth)

    def _bad_tag(self, node: yaml.Node) -> YScalar:
        tag = node.tag.replace(_CORE, "!!")
        return self._fail(node, "yaml-tag", f"unsupported YAML tag '{tag}': only plain YAML is read")

    def _scalar(self, node: yaml.ScalarNode, start: Position, end: Position) -> YScalar:
        if node.tag == _TIMESTAMP:
            return YScalar(node.value, start, end)
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node)
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            return self._fail(node, "yaml-value", f"cannot read value: {exc}")
        return YScalar(value, start, end)

    def _mapping(self, node: yaml.MappingNode, start: Position, end: Position, depth: int) -> YMap:
        entries: list[YEntry] = []
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key_start = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "yaml-key", "mapping keys must be plain strings")
                continue
            if key_node.value == "<<" and key_node.tag == f"{_CORE}merge":
                self._fail(key_node, "yaml-alias", "YAML merge keys (<<) are not supported")
                continue
            key = key_node.value
            if key in first_seen:
                self._fail(
                    key_node,
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first_seen[key].line})",
                )
                continue
            first_seen[key] = key_start
            entries.append(YEntry(key, key_start, self.build(value_node, depth + 1)))
        return YMap(tuple(entries), start, end)
