"""Keeping a clean check's proof, so that the build after a check need not prove the same
files again.

`check` stores the proof of a project without errors in the user's cache folder, with what
every file it read held (the size and SHA-256 of the very bytes it parsed) and where each path
it resolved led. `build` and `preview` reuse it only while each of those files is still a
regular file holding the same bytes (and each absent one still absent), each path still leads
to the same place, the card folder lists the same files, and the same citedeck code made it;
otherwise they check afresh. The store is a convenience and never the only copy of anything:
unreadable, stale or unwritable, it is ignored. It trusts its folder, which must be the user's
own (as their cache folder is).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from citedeck import __version__
from citedeck.output.citation import SourceInfo
from citedeck.load.diagnostics import Diagnostic, Severity
from citedeck.load.identity import FIELD_SEPARATOR, FIELDS, DeckConfig
from citedeck.check.parallel import beside
from citedeck.load.project import Project, Read, present
from citedeck.check.proof import Proof, ProvenNote

if TYPE_CHECKING:  # a build that finds its proof stored needs no checker: it is not imported
    from citedeck.check.runner import CheckResult

CACHE_ENV = "CITEDECK_CACHE_DIR"
# Entries are named proof-<hash>.json: a shared folder's other files are never taken for one.
_ENTRY = re.compile(r"proof-[0-9a-f]{32}\.json")
_TEMP_PREFIX, _TEMP_SUFFIX = ".proof-", ".partial"
_JSON = json.JSONDecoder()
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"\w+" + re.escape(_TEMP_SUFFIX))
# A proof not used for this long belongs to a project long gone (or long unchanged: one check).
_STALE_SECONDS = 30 * 24 * 3600
# A store takes seconds: a temp file this old is one a killed (SIGKILL) store left.
_STALE_TEMP_SECONDS = 3600
_MAX_ENTRY_BYTES = 1 << 30


class CacheInDeck(Exception):
    """The store's folder lies among the deck's own files (cards/, seeds/, citedeck.toml): a
    proof stored there would become one of them."""


def check_and_store(project: Project) -> CheckResult:
    """Check `project`; when it has no errors, store the proof for the next build. Raises
    CacheInDeck, having checked nothing, when the store's folder lies in the deck."""
    from citedeck.check.runner import check_project

    _store_folder(project)
    result = check_project(project)
    if result.ok and result.config is not None:
        # OSError: no room, no permission; ValueError: a name no file system encoding holds;
        # RuntimeError: a symlink loop met on resolving. None of them may stop a check.
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            _store(project, result)
    return result


def stored_proof(project: Project) -> Proof | None:
    """The stored proof of `project`, if every file it was proven from is unchanged. Raises
    CacheInDeck when the store's folder lies in the deck."""
    try:
        path = _entry_path(project)  # CacheInDeck is none of the errors passed over below
        if not path.is_file() or path.stat().st_size > _MAX_ENTRY_BYTES:
            return None
        stored = path.read_bytes()
        # The entry is two lines of JSON: what the proof was made from, then the proof. A child
        # reads every input again meanwhile, from the first (forked before anything is parsed,
        # it shares no objects this process goes on to touch, which would copy their pages).
        with beside(lambda: _inputs_hold(project, json.loads(stored[: stored.index(b"\n")]))) as unchanged:
            text = stored.decode("ascii")
            made_from, end = _JSON.raw_decode(text)
            if text[end : end + 1] != "\n":
                raise ValueError("no proof after what it was made from")
            proven, end = _JSON.raw_decode(text, end + 1)
            if end != len(text):
                raise ValueError("more after the proof")
            if (
                made_from["code"] != _code_digest()
                or made_from["root"] != os.fsdecode(project.root)  # the entry's name is a hash of it
                or made_from["card_files"] != [_name(project, p) for p in project.card_files()]
                # Their card-folder warnings are part of the proof's findings.
                or made_from["card_folders"] != [_name(project, p) for p in project.card_folders()]
            ):
                return None
            proof = _proof_from(proven)
            if not unchanged():
                return None
        with contextlib.suppress(OSError):
            path.touch()  # in use: not stale
        return proof
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, RecursionError, MemoryError):
        return None  # damaged, or written by another version: check afresh


def _inputs_hold(project: Project, made_from: dict[str, Any]) -> bool:
    """Whether each path the entry resolved leads where it led, and each file it read holds
    what it held."""
    for name, resolved in made_from["resolutions"]:
        if str(_path(project, name).resolve()) != resolved:
            return False
    return all(_holds(_path(project, name), None if read is None else Read(*read)) for name, read in made_from["inputs"])


def cache_dir() -> Path:
    """$CITEDECK_CACHE_DIR, else the platform's cache folder for citedeck."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path("citedeck", appauthor=False)


def _store_folder(project: Project) -> Path:
    """cache_dir(), unless it lies among `project`'s own files: then CacheInDeck."""
    folder = cache_dir()
    if project.owns(folder):
        raise CacheInDeck(
            f"{folder.as_posix()} is among the deck's own files (cards/, seeds/, citedeck.toml); "
            "keep the proofs citedeck stores elsewhere"
        )
    return folder


def _entry_path(project: Project) -> Path:
    # One entry per project folder, as the user names it (findings show that name): a new
    # check replaces the old proof.
    where = os.fsencode(project.root.resolve()) + b"\0" + os.fsencode(project.root)
    return _store_folder(project) / f"proof-{hashlib.sha256(where).hexdigest()[:32]}.json"


def _name(project: Project, path: Path) -> str:
    """How the entry names `path`: from the project's root when it lies there, else whole."""
    return os.fsdecode(path.relative_to(project.root) if path.is_relative_to(project.root) else path)


def _path(project: Project, name: str) -> Path:
    return project.root / name  # an absolute name stays itself


def _holds(path: Path, read: Read | None) -> bool:
    """Whether a check reading `path` now would read what `read` records: nothing when it
    records an absence; else a regular file of the same size and digest (the size compared
    first, so a file grown huge is never read)."""
    if read is None:
        return not present(path)
    if not path.is_file() or path.stat().st_size != read.size:
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        while chunk := data.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() == read.digest


@functools.cache
def _code_digest() -> str:
    """What makes a proof: this citedeck's code and templates, the YAML reader's version, and
    Python's (its Unicode tables decide what is a letter, a space, a word boundary)."""
    package = Path(__file__).parent.parent
    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    made_by = f"{__version__}\0{yaml.__version__}\0{libyaml}\0{sys.version}\0"
    digest = hashlib.sha256(made_by.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _store(project: Project, result: CheckResult) -> None:
    card_files = project.card_files()
    # A card file that appeared while the check ran was never read: it proves nothing.
    if any(path not in result.inputs for path in card_files):
        return
    inputs = []
    for path, read in result.inputs.items():
        if read is not None and not path.is_file():
            return  # a pipe or a device may say something else next time
        inputs.append((_name(project, path), read))
    resolutions = [(_name(project, path), led) for path, led in result.resolutions.items()]
    proof = Proof.of(result)
    made_from = {
        "code": _code_digest(),
        "root": os.fsdecode(project.root),
        "card_files": [_name(project, path) for path in card_files],
        "card_folders": [_name(project, path) for path in result.card_folders],
        "inputs": inputs,
        "resolutions": resolutions,
    }
    proven = {
        "config": asdict(proof.config),
        "sources": [_source_fields(source) for source in proof.sources.values()],
        # Each card's note as the check rendered it, so the build need not render it again:
        # a ProvenNote is a tuple, stored as a list, read back by position (_proof_from).
        "notes": proof.notes,
        "warnings": [asdict(warning) for warning in proof.warnings],
    }
    target = _entry_path(project)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target.parent)
    # mkstemp creates the file itself (O_EXCL): nothing planted at a guessable name is followed.
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    try:
        # No fsync: a store lost to a crash costs one check, and an entry cut short is ignored.
        with os.fdopen(handle, "w", encoding="ascii") as out:
            # ASCII, escapes and all: any file name round-trips, and no line break is left
            # inside either line. dumps, not dump: only it uses the C encoder, twice as fast
            # on a large deck. Each is a tree of lists and dicts: no cycle to look for.
            out.write(json.dumps(made_from, check_circular=False))
            out.write("\n")
            out.write(json.dumps(proven, check_circular=False))
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _remove_stale(folder: Path) -> None:
    """Entries unused for long, and temp files a killed store left; nothing else in `folder`."""
    now = time.time()
    for found in folder.iterdir():
        if _ENTRY.fullmatch(found.name):
            cutoff = now - _STALE_SECONDS
        elif _TEMP.fullmatch(found.name):
            cutoff = now - _STALE_TEMP_SECONDS
        else:
            continue
        with contextlib.suppress(OSError):
            if found.stat().st_mtime < cutoff:
                found.unlink()


def _source_fields(source: SourceInfo) -> dict[str, str | None]:
    return {f.name: getattr(source, f.name) for f in fields(SourceInfo)}


def _proof_from(proven: dict[str, Any]) -> Proof:
    sources = {info["key"]: SourceInfo(**info) for info in proven["sources"]}
    for source in sources.values():
        if not all(value is None or type(value) is str for value in _source_fields(source).values()):
            raise ValueError("a stored source's metadata is not text")
    notes = []
    for card_id, guid, source, tags, flds in proven["notes"]:
        if type(card_id) is not str or type(guid) is not str or source not in sources:
            raise ValueError("a stored note has no id or GUID, or an unknown source")
        if not _strings(tags) or type(flds) is not str or flds.count(FIELD_SEPARATOR) != len(FIELDS) - 1:
            raise ValueError("a note's stored tags or fields are not what a note holds")
        notes.append(ProvenNote(card_id, guid, source, tuple(tags), flds))
    # The check refuses two cards one id; a GUID is the id's.
    if len({note.id for note in notes}) != len(notes) or len({note.guid for note in notes}) != len(notes):
        raise ValueError("two stored notes have one id or one GUID")
    warnings = [
        Diagnostic(**{**found, "severity": Severity(found["severity"])})
        for found in proven["warnings"]
    ]
    return Proof(notes, sources, DeckConfig(**proven["config"]), warnings)


_TEXT = {str}


def _strings(value: object) -> bool:
    """Whether `value` is a JSON list of strings (not a string, nor a mapping, of them)."""
    # Types mapped in C: this runs for each note's tags on every build.
    return type(value) is list and set(map(type, value)) <= _TEXT
