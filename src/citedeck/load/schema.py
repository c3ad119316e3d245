"""Shape checks shared by every YAML file citedeck reads (required keys, types, unknown keys),
and the words their findings share with citedeck.toml's."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from datetime import date, time

from citedeck.load.diagnostics import FileFindings, error
from citedeck.load.yamlfile import INVALID, YEntry, YMap, YNode, YScalar, YSeq

KEY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would take "key\n" too
# citedeck tags each note type::<type> and source::<source> itself.
_OWN_TAGS = ("type::", "source::")


def tag_problem(tag: str) -> str | None:
    """What is wrong with `tag` as an Anki tag a card may carry; None when nothing is."""
    if not tag:
        return "a tag cannot be empty"
    if any(char.isspace() or char == '"' for char in tag):
        return "a tag holds no spaces or double quotes (Anki splits tags at spaces)"
    if tag.casefold().startswith(_OWN_TAGS):
        return "citedeck adds the type:: and source:: tags itself, from the card's type and source"
    if "" in tag.split("::"):
        return "each part of a tag between '::' needs a name (Anki would call it 'blank')"
    return None


def suggestion(name: str, options: Iterable[str]) -> str:
    """ "; did you mean 'quote'?" for a near miss, '' otherwise."""
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# How a finding names a value's kind, in the words of the file it stands in: YAML's mapping and
# list are TOML's table and array, and only TOML tells whole numbers from decimals and has dates
# (the YAML reader keeps a timestamp as its text). The first row holding the value's type names
# it: a boolean is an int too. Each row: the types, the YAML word, the TOML word.
_KINDS: tuple[tuple[tuple[type, ...], str, str], ...] = (
    ((YMap, dict), "a mapping", "a table"),
    ((YSeq, list), "a list", "an array"),
    ((type(None),), "empty (null)", "empty (null)"),
    ((bool,), "a boolean", "a boolean"),
    ((int,), "a number", "a whole number"),
    ((float,), "a number", "a decimal number"),
    ((str,), "a string", "a string"),
    ((date, time), "a date or time", "a date or time"),
)


def kind_name(value: object, toml: bool = False) -> str:
    """How a finding names the kind of `value`, a YAML node (or with `toml`, a value tomllib
    read): 'a mapping', 'a list', 'a number', ..."""
    if isinstance(value, YScalar):
        value = value.value
    for types, in_yaml, in_toml in _KINDS:
        if isinstance(value, types):
            return in_toml if toml else in_yaml
    return type(value).__name__


class ShapeChecker(FileFindings):
    """Collects the findings of one file's shape checks; each method returns the good value or None."""

    def __init__(self, shown: str) -> None:
        super().__init__(shown)
        # Values the YAML reader could not read: it reported them already, so they add no
        # finding here, but a value built from them would hold None where a string belongs.
        self.unreadable = 0

    @property
    def problems(self) -> int:
        """How many checked values were wrong, whoever reported them."""
        return len(self.diagnostics) + self.untold + self.unreadable

    def unreadable_value(self, node: YNode) -> bool:
        """True (and counted) if `node` stands for a value the reader could not read."""
        if isinstance(node, YScalar) and node.value is INVALID:
            self.unreadable += 1
            return True
        return False

    def fail(self, node: YNode | YEntry, code: str, message: str, hint: str | None = None) -> None:
        if isinstance(node, YEntry):
            self.report(error(self.shown, node.key_start, code, message, hint))
        else:
            self.report(error(self.shown, node.start, code, message, hint, node.end))

    def unknown_keys(self, mapping: YMap, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for entry in mapping.entries:
            if entry.key not in allowed:
                self.fail(
                    entry,
                    "schema-unknown-key",
                    f"unknown key '{entry.key}' in {where}{suggestion(entry.key, allowed)}",
                    f"allowed keys: {', '.join(allowed)}",
                )

    def string(self, mapping: YMap, key: str, where: str, required: bool) -> str | None:
        entry = mapping.get(key)
        # The commonest case first, at once: each card's six strings come this way.
        value = entry.value.value if entry is not None and type(entry.value) is YScalar else None
        if type(value) is str and value and not value.isspace():
            return value
        if entry is None:
            if required:
                self.fail(mapping, "schema-missing-key", f"{where} has no '{key}'")
            return None
        node = entry.value
        if self.unreadable_value(node):
            return None
        if not isinstance(node, YScalar) or not isinstance(node.value, str):
            hint = None
            if isinstance(node, YScalar) and isinstance(node.value, (int, float, bool)):
                hint = f'quote it to make it text: {key}: "{_source_text(node)}"'
            self.fail(node, "schema-type", f"'{key}' must be a string, not {kind_name(node)}", hint)
            return None
        if not node.value.strip():
            self.fail(node, "schema-empty", f"'{key}' is empty")
            return None
        return node.value

    def string_list(
        self, mapping: YMap, key: str, problem: Callable[[str], str | None], what: str
    ) -> tuple[str, ...]:
        """The strings listed under `key`; each that `problem` finds fault with is reported."""
        entry = mapping.get(key)
        if entry is None or self.unreadable_value(entry.value):
            return ()
        node = entry.value
        if not isinstance(node, YSeq):
            hint = None
            if isinstance(node, YScalar) and isinstance(node.value, str):
                hint = f"write it as a list: {key}: [{node.value}]"
            self.fail(node, "schema-type", f"'{key}' must be a list, not {kind_name(node)}", hint)
            return ()
        values: list[str] = []
        for item in node.items:
            if self.unreadable_value(item):
                continue
            if not isinstance(item, YScalar) or not isinstance(item.value, str):
                self.fail(
                    item, "schema-type", f"each of '{key}' must be a string, not {kind_name(item)}"
                )
            elif (fault := problem(item.value)) is not None:
                self.fail(item, "schema-format", f"{what} '{item.value}' is not valid: {fault}")
            else:
                values.append(item.value)
        return tuple(values)

    def mapping(self, node: YNode, what: str) -> YMap | None:
        if self.unreadable_value(node):
            return None
        if not isinstance(node, YMap):
            self.fail(node, "schema-type", f"{what} must be a mapping, not {kind_name(node)}")
            return None
        return node

    def sequence(self, mapping: YMap, key: str, what: str) -> YSeq | None:
        entry = mapping.get(key)
        if entry is None:
            self.fail(mapping, "schema-missing-key", f"{what} has no '{key}' list")
            return None
        if self.unreadable_value(entry.value):
            return None
        if not isinstance(entry.value, YSeq):
            self.fail(
                entry.value, "schema-type", f"'{key}' must be a list, not {kind_name(entry.value)}"
            )
            return None
        return entry.value


def _source_text(node: YScalar) -> str:
    value = node.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
