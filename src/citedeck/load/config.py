"""A deck project's citedeck.toml: the deck's name, its permanent ids, and its layout.

Without the file a project builds the shipped deck (identity.DeckConfig's defaults). Every
mistake in the file is a located finding, as in the YAML files; check, build and preview all
read it through load_config.
"""

from __future__ import annotations

import json
import re
import sys

from citedeck.load.diagnostics import Diagnostic, Position, byte_position, error
from citedeck.load.identity import DeckConfig
from citedeck.load.project import CONFIG, Project, present, read_at_most
from citedeck.load.schema import kind_name, suggestion
from citedeck.text.fold import NOT_IN_A_NAME

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TABLE = "deck"
KEYS = ("name", "deck_id", "model_id", "guid_namespace", "subdecks")
REQUIRED = ("name", "deck_id", "model_id")
# Anki's ids are signed 64-bit; 1 is the Default deck every collection has.
MIN_ID, MAX_ID = 2, 2**63 - 1
MAX_BYTES = 1024 * 1024
_AT = re.compile(r" \(at line (\d+), column (\d+)\)$")
_AT_END = " (at end of document)"
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")


def load_config(project: Project) -> tuple[DeckConfig | None, list[Diagnostic]]:
    """The project's deck config, or the shipped deck's when it has no citedeck.toml.
    None, with findings, when the file has mistakes: then nothing may be built."""
    path = project.config
    shown = project.shown(path)
    start = Position(1, 1)
    if not present(path):
        return DeckConfig(), []
    try:
        size = path.stat().st_size
        if size <= MAX_BYTES:
            data = read_at_most(path, MAX_BYTES)
    except OSError as exc:
        return None, [error(shown, start, "io", f"cannot read file: {exc.strerror or exc}")]
    if size > MAX_BYTES or len(data) > MAX_BYTES:  # what was read decides: it may have grown
        found = f"{size:,} bytes" if size > MAX_BYTES else f"over {MAX_BYTES:,} bytes"
        return None, [
            error(shown, start, "config-syntax", f"file is {found}; {CONFIG} holds a few lines")
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            error(
                shown,
                byte_position(data, exc.start),
                "config-syntax",
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            )
        ]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(shown, text, str(exc))]
    except ValueError as exc:  # an integer too long for int() (over 4,300 digits)
        return None, [error(shown, start, "config-syntax", f"TOML value error: {exc}")]
    except RecursionError:
        return None, [error(shown, start, "config-syntax", "TOML syntax error: nesting too deep")]
    return _deck_config(shown, text, document)


def _syntax_error(shown: str, text: str, message: str) -> Diagnostic:
    at = _AT.search(message)
    if at:
        pos = Position(int(at.group(1)), int(at.group(2)))
        message = message[: at.start()]
    elif message.endswith(_AT_END):
        lines = text.split("\n")
        pos = Position(len(lines), len(lines[-1]) + 1)
        message = message[: -len(_AT_END)]
    else:
        pos = Position(1, 1)
    # tomllib's "Invalid value" is, in a config this small, nearly always text left unquoted.
    hint = _UNQUOTED if message.startswith("Invalid value") else None
    return error(
        shown, pos, "config-syntax", f"TOML syntax error: {message[:1].lower()}{message[1:]}", hint
    )


def _deck_config(
    shown: str, text: str, document: dict[str, object]
) -> tuple[DeckConfig | None, list[Diagnostic]]:
    found: list[Diagnostic] = []

    def fail(code: str, key: str | None, message: str, hint: str | None = None) -> None:
        found.append(error(shown, _position(text, key), code, message, hint))

    for key, value in document.items():
        if key in KEYS and not isinstance(value, dict):
            # The [deck] line is missing or below it: a key of the deck stands outside it.
            fail(
                "config-key",
                f".{key}",
                f"'{key}' stands outside any table",
                f"put it under [{TABLE}]",
            )
        elif key != TABLE:
            fail(
                "config-key",
                f".{key}",
                f"unknown table '{key}' in {CONFIG}{suggestion(key, [TABLE])}",
                f"{CONFIG} holds one table, [{TABLE}]",
            )
    table = document.get(TABLE)
    if table is None:
        fail("config-key", None, f"{CONFIG} has no [{TABLE}] table", _NEEDS)
        return None, found
    if not isinstance(table, dict):
        fail(
            "config-value",
            f".{TABLE}",
            f"'{TABLE}' must be a table ([{TABLE}]), not {kind_name(table, toml=True)}",
        )
        return None, found
    for key in table:
        if key not in KEYS:
            fail(
                "config-key",
                key,
                f"unknown key '{key}' in [{TABLE}]{suggestion(key, KEYS)}",
                f"allowed keys: {', '.join(KEYS)}",
            )
    for key in REQUIRED:
        if key not in table:
            fail("config-key", f".{TABLE}", f"[{TABLE}] has no '{key}'", _NEEDS)
    values: dict[str, object] = {}
    for key in ("name", "guid_namespace"):
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            fail(
                "config-value", key, f"'{key}' must be a string, not {kind_name(value, toml=True)}"
            )
        elif not value.strip():
            fail("config-value", key, f"'{key}' is empty")
        elif key == "name" and (problem := name_problem(value)) is not None:
            # A GUID namespace is only hashed: any text will do, as it always has.
            fail("config-value", key, f"'{key}' {problem[0]}", problem[1])
        else:
            values[key] = value
    for key in ("deck_id", "model_id"):
        value = table.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            hint = None
            if isinstance(value, str) and value.strip().isdigit():
                hint = f"write it without quotes: {key} = {value.strip()}"
            fail(
                "config-value",
                key,
                f"'{key}' must be a whole number, not {kind_name(value, toml=True)}",
                hint,
            )
        elif not MIN_ID <= value <= MAX_ID:
            fail(
                "config-value",
                key,
                f"'{key}' must be a whole number from {MIN_ID} to {MAX_ID}, not {value}",
            )
        else:
            values[key] = value
    subdecks = table.get("subdecks", False)
    if not isinstance(subdecks, bool):
        fail(
            "config-value",
            "subdecks",
            f"'subdecks' must be true or false, not {kind_name(subdecks, toml=True)}",
        )
    if found:
        return None, found
    return DeckConfig(subdecks=subdecks, **values), []  # type: ignore[arg-type]


_NEEDS = f"[{TABLE}] holds name, deck_id and model_id (citedeck init writes them)"
_UNQUOTED = 'text is quoted (name = "Reading list"); numbers and true or false are not'


def name_problem(name: str) -> tuple[str, str] | None:
    """What makes `name` no name for a deck, and a hint at what would be one; None when
    nothing does."""
    if not name.strip():
        return "is empty", "give the deck a name"
    found = NOT_IN_A_NAME.search(name)
    if found is not None:
        return (
            f"holds U+{ord(found.group()):04X}, a control character or line break",
            "a name is one line of text, without control characters",
        )
    if any(not part.strip() for part in name.split("::")):
        return (
            "has an empty part between '::' (Anki would name that deck 'blank')",
            "'::' names a subdeck: write a name on each side (Reading::Chapter one)",
        )
    return None


def deck_name_from(text: str) -> str:
    """`text` made a name name_problem finds nothing wrong with (perhaps empty): control
    characters made spaces, spaces collapsed, empty parts between '::' left out."""
    parts = (" ".join(part.split()) for part in NOT_IN_A_NAME.sub(" ", text).split("::"))
    return "::".join(part for part in parts if part)


def _position(text: str, key: str | None) -> Position:
    """Where `key` is set in [deck] (`.name` for a top-level key or table; None: the file's
    start). tomllib gives no positions, so this reads the lines; an unusual spelling such as
    a dotted key falls back to the file's start."""
    if key is None:
        return Position(1, 1)
    top = key.startswith(".")
    name = key.lstrip(".")
    assignment = re.compile(
        rf"""^(\s*)(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*="""
    )
    table: str | None = None
    for number, line in enumerate(text.split("\n"), 1):
        header = _HEADER.match(line)
        if header:
            table = header.group(1).strip("\"'")
            if top and table.split(".")[0].strip("\"' ") == name:
                return Position(number, line.index("[") + 1)
            continue
        found = assignment.match(line)
        if found and table == (None if top else TABLE):
            return Position(number, len(found.group(1)) + 1)
    return Position(1, 1)


def toml_string(value: str) -> str:
    """`value` as a TOML basic string. JSON's escapes are all TOML escapes; TOML also
    forbids a raw DEL, and no escape can stand for a lone surrogate."""
    value = value.encode("utf-8", "replace").decode("utf-8")
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def config_toml(name: str, deck_id: int, model_id: int, guid_namespace: str) -> str:
    """A new deck's citedeck.toml, with its ids written down once and for all."""
    return f"""\
# This deck's identity in Anki. The ids were drawn at random when the deck was made; never
# change them, nor guid_namespace: Anki knows the deck's note type and notes by them, so a
# rebuilt deck updates the cards a learner is studying instead of adding copies beside them.
[{TABLE}]
name = {toml_string(name)}
deck_id = {deck_id}
model_id = {model_id}
guid_namespace = {toml_string(guid_namespace)}
# true: each card goes in a subdeck named for its source, "<name>::<source title>".
subdecks = false
"""
