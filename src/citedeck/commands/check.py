"""The check: config, catalogue, card files, the rules; what a build and a preview prove first.

What it works out is kept in the cache by digests of what it was worked out from: the
catalogue, by the files it read (sources.yaml and each article), and each card file's check,
by the catalogue's digest and the file's own bytes. So after an edit only the edited card files
are proved again; after an article changes, every card file is.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from citedeck import cache
from citedeck.cache import Cache
from citedeck.check.runner import FileCheck, check_deck, check_files, pickled
from citedeck.load.cards import Card, Citable, Proven, list_card_files
from citedeck.load.catalogue import MAX_SOURCE_BYTES, Catalogue, Source, SourceInfo, load_catalogue
from citedeck.load.config import load_config
from citedeck.load.diagnostics import Diagnostic, sort_key
from citedeck.load.identity import DeckConfig
from citedeck.load.ledger import Ledger, covered_ids, load_ledger
from citedeck.load.project import Project, Reads
from citedeck.load.yamlfile import read_yaml_bytes


@dataclass(frozen=True)
class CheckResult:
    checked: tuple[FileCheck, ...]
    sources: Mapping[str, SourceInfo]
    diagnostics: list[Diagnostic]
    files: int
    # The cards the files hold, sound or not: `cards` leaves out those of broken shape.
    written: int
    # The deck build and preview fill; None when citedeck.toml has mistakes (they are among
    # the diagnostics, so the result is not ok).
    config: DeckConfig | None
    # Every note the deck has shipped (shipped-cards.txt), its retired cards among them.
    ledger: Ledger = field(default_factory=Ledger)
    # The card files, as findings name them, in `checked` order.
    paths: tuple[str, ...] = ()

    def narrowed(self, files: Collection[str]) -> CheckResult:
        """The result as far as the card files `files` (as findings name them) go: their
        findings and the deck's own (its catalogue, citedeck.toml, ledger), not those of
        other card files; what was proved still of every file, as a build needs."""
        others = set(self.paths) - set(files)
        written = sum(
            file.written for path, file in zip(self.paths, self.checked, strict=True) if path in files
        )
        return replace(
            self,
            diagnostics=[d for d in self.diagnostics if d.path not in others],
            files=len(files),
            written=written,
        )

    @property
    def retired(self) -> dict[str, str | None]:
        """The ledger's retired ids (no card is or was one any longer), with the day each
        was retired (None until a build ships it retired)."""
        return self.ledger.retired(covered_ids(self.cards))

    @property
    def cards(self) -> list[Card]:
        """The cards of sound shape, in card order."""
        return [card for file in self.checked for card in file.cards]

    @property
    def proven(self) -> list[Proven]:
        """When there are no errors, each card as proved, in card order; else none."""
        return [proof for file in self.checked for proof in file.proven] if self.ok else []

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def ok(self) -> bool:
        return self.errors == 0


class CacheInDeck(Exception):
    """The cache's folder lies among the deck's own files (cards/, seeds/, citedeck.toml): an
    entry kept there would become one of them."""


def project_cache(project: Project, reuse: bool = True) -> Cache:
    """The user's cache (cache.cache_dir), for checking `project`; with `reuse` False, one that
    finds nothing but keeps what is worked out. Raises CacheInDeck."""
    folder = cache.cache_dir()
    if project.owns(folder):
        raise CacheInDeck(
            f"{folder.as_posix()} is among the deck's own files (cards/, seeds/, citedeck.toml); "
            "keep citedeck's cache elsewhere"
        )
    return Cache(folder, reuse)


class NotACardFile(Exception):
    """A file named to be checked is not one of the deck's card files."""


def card_files_named(project: Project, named: Iterable[Path]) -> list[str]:
    """The deck's card files `named` (paths as the user gave them), as findings name them.
    Raises NotACardFile for one that is not a card file in the deck's cards/ folder."""
    try:
        files = {os.path.realpath(path): project.shown(path) for path in project.card_files()}
    except OSError as exc:
        raise NotACardFile(
            f"cannot list {project.shown(project.cards)}/ to find the files named: "
            f"{exc.strerror or exc}"
        ) from exc
    found = []
    for path in named:
        shown = files.get(os.path.realpath(path))
        if shown is None:
            raise NotACardFile(
                f"{path.as_posix()} is not a card file of the deck at {project.root.as_posix()} "
                f"(a .yaml file in {project.shown(project.cards)}/)"
            )
        found.append(shown)
    return list(dict.fromkeys(found))


def check_project(project: Project, store: Cache | None = None) -> CheckResult:
    """Check `project`, taking from `store` what it holds of the same inputs and keeping there
    what is worked out; without one, everything is worked out."""
    store = Cache(None) if store is None else store
    config, diagnostics = load_config(project)
    ledger, problems = load_ledger(project)
    diagnostics.extend(problems)
    folders = project.card_folders()
    paths, listing = list_card_files(project, folders)
    diagnostics.extend(listing)
    sources = _Sources.of(project, store)
    diagnostics.extend(sources.diagnostics)
    checked: list[FileCheck | None] = []
    unchecked: list[tuple[int, str, str, bytes]] = []  # index, cache key, shown, bytes
    for path in paths:
        shown = project.shown(path)
        data, problems = read_yaml_bytes(path, shown)
        if data is None:
            checked.append(FileCheck.unread(problems))
            continue
        entry = cache.key("card file", sources.digest, shown, data)
        found = _unpickled(store.get(entry), FileCheck)
        if found is None:
            unchecked.append((len(checked), entry, shown, data))
        checked.append(found)
    if unchecked:
        citable = Citable(
            frozenset(sources.infos), sources.unreadable, project.shown(project.catalogue)
        )
        files = [(shown, data) for _, _, shown, data in unchecked]
        for (index, entry, _, _), value in zip(
            unchecked, check_files(files, sources.catalogue(), citable), strict=True
        ):
            store.put(entry, value)
            checked[index] = pickle.loads(value)
    files_checked = tuple(file for file in checked if file is not None)
    for file in files_checked:
        diagnostics.extend(file.diagnostics)
    diagnostics.extend(check_deck(files_checked))
    diagnostics.sort(key=sort_key)
    written = sum(file.written for file in files_checked)
    names = tuple(project.shown(path) for path in paths)
    return CheckResult(
        files_checked, sources.infos, diagnostics, len(paths), written, config, ledger, names
    )


@dataclass
class _Sources:
    """The catalogue as a check uses it: `digest`, of every file it was loaded from; the
    sources' metadata; the keys of those whose article could not be read; the findings; and
    the loaded sources themselves, got from the cache (or loaded again) only when a card file
    is to be checked."""

    digest: str
    infos: dict[str, SourceInfo]
    unreadable: dict[str, str]
    diagnostics: list[Diagnostic]
    loaded: Catalogue | None
    project: Project
    store: Cache

    @classmethod
    def of(cls, project: Project, store: Cache) -> _Sources:
        reads_key = cache.key(
            "catalogue reads", os.fsencode(project.root), os.fsencode(project.root.resolve())
        )
        reads = _unpickled(store.get(reads_key), Reads)
        if reads is not None and reads.unchanged(MAX_SOURCE_BYTES):
            digest = reads.digest()
            found = _unpickled(store.get(cache.key("catalogue", digest)), tuple)
            if found is not None:
                infos, unreadable, diagnostics = found
                return cls(digest, infos, unreadable, diagnostics, None, project, store)
        reads = Reads()
        catalogue, diagnostics = load_catalogue(project, reads)
        digest = reads.digest()
        infos, unreadable = dict(catalogue.infos), dict(catalogue.unreadable)
        if store.folder is not None:  # else nothing is kept: nothing to pickle
            for key, source in catalogue.sources.items():
                store.put(cache.key("source", digest, key), pickled(source))
            store.put(cache.key("words", digest), pickled(catalogue.words))
            store.put(cache.key("catalogue", digest), pickled((infos, unreadable, diagnostics)))
            store.put(reads_key, pickled(reads))
        return cls(digest, infos, unreadable, diagnostics, catalogue, project, store)

    def catalogue(self) -> Catalogue:
        """The sources, each got from the cache when a rule first asks for it; all loaded
        afresh when the cache no longer holds them."""
        if self.loaded is None:
            words = _unpickled(self.store.get(cache.key("words", self.digest)), dict)
            if words is None:
                self.loaded = load_catalogue(self.project)[0]
            else:
                stored = _Stored(
                    self.store,
                    self.digest,
                    list(self.infos),
                    functools.partial(load_catalogue, self.project),
                )
                self.loaded = Catalogue(stored, self.unreadable, words, self.infos)
        return self.loaded


class _Stored(Mapping[str, Source]):
    """Sources as the cache keeps them, each got when first asked for; one the cache no longer
    holds whole is taken from the catalogue loaded afresh by `fresh`."""

    def __init__(
        self,
        store: Cache,
        digest: str,
        keys: list[str],
        fresh: Callable[[], tuple[Catalogue, object]],
    ) -> None:
        self._store = store
        self._digest = digest
        self._keys = keys
        self._fresh = fresh
        self._sources: dict[str, Source] = {}

    def __getitem__(self, key: str) -> Source:
        if key not in self._sources:
            if key not in self._keys:
                raise KeyError(key)
            source = _unpickled(self._store.get(cache.key("source", self._digest, key)), Source)
            self._sources[key] = self._fresh()[0].sources[key] if source is None else source
        return self._sources[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


Kind = TypeVar("Kind")


def _unpickled(value: bytes | None, kind: type[Kind]) -> Kind | None:
    """`value` unpickled when it is a `kind`; None when there is none, or it is damaged."""
    if value is None:
        return None
    try:
        found = pickle.loads(value)
    except Exception:  # noqa: BLE001 - a damaged entry may raise anything; it is worked out again
        return None
    return found if isinstance(found, kind) else None
