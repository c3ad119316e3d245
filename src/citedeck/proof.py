"""What a clean check proves, and keeping it so that the build after a check need not prove
the same files again.

`check` stores the proof of a project without errors in the user's cache folder, with the
digest of every file it read. `build` and `preview` reuse it only while each of those files
has the same digest, the card folder lists the same files, and the same citedeck code made it;
otherwise they check afresh. The store is a convenience and never the only copy of anything:
unreadable, stale or unwritable, it is ignored.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .cards import Card
from .diagnostics import Diagnostic, Severity
from .identity import DeckConfig
from .project import Project
from .sources import SourceInfo
from .validate import CheckResult, check_project

CACHE_ENV = "CITEDECK_CACHE_DIR"
_FORMAT = 1
_CARD_FIELDS = ("id", "type", "question", "answer", "quote", "source", "path", "tags", "note")

# A file's size, modification time and inode: what tells that it changed while it was read.
Stat = tuple[int, int, int]


@dataclass(frozen=True)
class Proof:
    """All that build and preview need from a clean check: the cards, the line of its source
    each card's quote stands on, the sources' metadata, the deck's config and the warnings.

    Cards read back from the store carry no positions: nothing reports on a proven card."""

    cards: list[Card]
    sources: Mapping[str, SourceInfo]
    lines: Mapping[str, int]  # card id -> line
    config: DeckConfig
    warnings: list[Diagnostic]

    @classmethod
    def of(cls, result: CheckResult) -> Proof:
        if not result.ok or result.config is None:
            raise ValueError("only a check without errors proves a deck")
        lines = {}
        for card in result.cards:
            match = result.catalogue.locate(card.source, card.quote)
            assert match is not None, f"card {card.id} passed the check with its quote unfound"
            lines[card.id] = match.line
        return cls(result.cards, result.catalogue.sources, lines, result.config, result.diagnostics)


def check_and_store(project: Project) -> CheckResult:
    """Check `project`; when it has no errors, store the proof for the next build."""
    before = _snapshot(project)
    result = check_project(project)
    if result.ok and result.config is not None:
        with contextlib.suppress(OSError):
            _store(project, Proof.of(result), before)
    return result


def stored_proof(project: Project) -> Proof | None:
    """The stored proof of `project`, if every file it was proven from is unchanged."""
    try:
        entry = json.loads(_entry_path(project).read_bytes())
        if (
            entry["format"] != _FORMAT
            or entry["code"] != _code_digest()
            or entry["root"] != str(project.root)
            or entry["card_files"] != [project.shown(p) for p in project.card_files()]
        ):
            return None
        for name, resolved, digest in entry["inputs"]:
            path = project.root / name
            if _digest(path) != digest or (digest is not None and str(path.resolve()) != resolved):
                return None
        return _proof_from(entry)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # damaged, or written by another version: check afresh


def cache_dir() -> Path:
    """$CITEDECK_CACHE_DIR, else the platform's cache folder for citedeck."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path("citedeck", appauthor=False)


def _entry_path(project: Project) -> Path:
    # One entry per project folder, as the user names it: a new check replaces the old proof.
    where = f"{project.root.resolve()}\0{project.root}"
    return cache_dir() / f"{hashlib.sha256(where.encode()).hexdigest()[:32]}.json"


def _inputs(project: Project, sources: Iterable[SourceInfo]) -> list[Path]:
    """Every file a check reads: citedeck.toml (even absent), the catalogue, the seeds it names,
    the card files."""
    seeds = [project.seeds / source.file for source in sources]
    return [project.config, project.catalogue, *seeds, *project.card_files()]


def _stat(path: Path) -> Stat | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


def _snapshot(project: Project) -> dict[Path, Stat | None]:
    """How every file a check may read stands before it starts."""
    paths = [project.config, project.catalogue, *project.card_files()]
    for folder, _, names in os.walk(project.seeds):
        paths.extend(Path(folder) / name for name in names)
    return {path: _stat(path) for path in paths}


def _digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes; None when there is none (never opening a pipe)."""
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def _code_digest() -> str:
    """What makes a proof: this citedeck's code and templates, the YAML reader's version, and
    Python's (its Unicode tables decide what is a letter, a space, a word boundary)."""
    package = Path(__file__).parent
    made_by = f"{__version__}\0{yaml.__version__}\0{sys.version}\0"
    digest = hashlib.sha256(made_by.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _store(project: Project, proof: Proof, before: Mapping[Path, Stat | None]) -> None:
    inputs = []
    for path in _inputs(project, proof.sources.values()):
        digest = _digest(path)
        # A file the check may have read while it changed proves nothing: store no proof.
        if path not in before or _stat(path) != before[path]:
            return
        inputs.append((path.relative_to(project.root).as_posix(), str(path.resolve()), digest))
    entry = {
        "format": _FORMAT,
        "code": _code_digest(),
        "root": str(project.root),
        "card_files": [project.shown(path) for path in project.card_files()],
        "inputs": inputs,
        "config": asdict(proof.config),
        "sources": [_info(source) for source in proof.sources.values()],
        "cards": [
            [*(getattr(card, name) for name in _CARD_FIELDS), proof.lines[card.id]]
            for card in proof.cards
        ],
        "warnings": [asdict(warning) for warning in proof.warnings],
    }
    target = _entry_path(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        # No fsync: a store lost to a crash costs one check, and an entry cut short is ignored.
        temp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _info(source: SourceInfo) -> dict[str, str | None]:
    return {f.name: getattr(source, f.name) for f in fields(SourceInfo)}


def _proof_from(entry: dict[str, Any]) -> Proof:
    sources = {info["key"]: SourceInfo(**info) for info in entry["sources"]}
    cards, lines = [], {}
    for *values, line in entry["cards"]:
        card = dict(zip(_CARD_FIELDS, values, strict=True))
        cards.append(Card(**{**card, "tags": tuple(card["tags"])}))
        lines[card["id"]] = line
    warnings = [
        Diagnostic(**{**found, "severity": Severity(found["severity"])})
        for found in entry["warnings"]
    ]
    return Proof(cards, sources, lines, DeckConfig(**entry["config"]), warnings)
