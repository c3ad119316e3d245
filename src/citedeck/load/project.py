"""Where a deck project keeps its parts, and how paths inside it are shown to the user."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

SEEDS_DIR = "seeds"
CARDS_DIR = "cards"
CATALOGUE = "seeds/sources.yaml"
CONFIG = "citedeck.toml"
LEDGER = "shipped-cards.txt"
DEFAULT_OUTPUT = "build/citedeck.apkg"
DEFAULT_PREVIEW = "build/preview.html"


def read_at_most(path: Path, limit: int) -> bytes:
    """The bytes of `path`, but no more than `limit` + 1 of them: enough to tell a file is
    over the limit without reading a huge one whole.

    Only a regular file is read: anything else (a named pipe, a device) raises OSError, for a
    pipe would wait for a writer that never comes, and a device may never end."""
    # Without O_NONBLOCK, opening a pipe that has no writer waits for one.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)  # a folder opens too: told apart before it is read
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a named pipe or a device?)", str(path))
    except BaseException:
        os.close(descriptor)
        raise
    with open(descriptor, "rb") as file:
        size = status.st_size
        # As a rule the whole file in one read, into a buffer of its own size, not the limit's.
        data = file.read(min(size, limit) + 1)
        if size < len(data) <= limit:  # it grows as we read: read on, to the limit
            data += file.read(limit + 1 - len(data))
    return data


@dataclass
class Reads:
    """What a load read, for a cache to tell later whether it would read the same: each file
    it read, with the SHA-256 of the bytes (None: looked for and absent), and each path it
    resolved, with where it led."""

    files: dict[str, str | None] = field(default_factory=dict)
    resolved: dict[str, str] = field(default_factory=dict)

    def read(self, path: Path, limit: int) -> bytes:
        """At most `limit` + 1 bytes of `path` (see read_at_most), recorded."""
        data = read_at_most(path, limit)
        self.files[os.fsdecode(path)] = hashlib.sha256(data).hexdigest()
        return data

    def absent(self, path: Path) -> None:
        """Record that `path` was looked for and not there: its absence is an input too."""
        self.files[os.fsdecode(path)] = None

    def resolve(self, path: Path) -> Path:
        """`path` with every symlink followed, recorded."""
        resolved = path.resolve()
        self.resolved[os.fsdecode(path)] = os.fsdecode(resolved)
        return resolved

    def digest(self) -> str:
        """A SHA-256 of the record: equal records, equal inputs."""
        record = repr((sorted(self.files.items()), sorted(self.resolved.items())))
        return hashlib.sha256(record.encode("utf-8", "surrogateescape")).hexdigest()

    def unchanged(self, limit: int) -> bool:
        """Whether reading again now would read the same: each path leads where it led, each
        absent file is still absent, and each file read is a regular file holding the same
        bytes (no more than `limit` of them)."""
        try:
            for name, resolved in self.resolved.items():
                if os.fsdecode(Path(name).resolve()) != resolved:
                    return False
            for name, digest in self.files.items():
                if digest is None:
                    if present(Path(name)):
                        return False
                elif hashlib.sha256(read_at_most(Path(name), limit)).hexdigest() != digest:
                    return False
        except (OSError, ValueError, RuntimeError):
            return False
        return True


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS_DIR

    @property
    def cards(self) -> Path:
        return self.root / CARDS_DIR

    @property
    def catalogue(self) -> Path:
        return self.root / CATALOGUE

    @property
    def config(self) -> Path:
        return self.root / CONFIG

    @property
    def ledger(self) -> Path:
        return self.root / LEDGER

    def card_folders(self) -> list[Path]:
        """The folders in cards/ (a symlink to one too) with a card file anywhere beneath them,
        which are not read: check warns of each. One that cannot be looked into is passed over."""
        found = []
        try:
            folders = sorted(Path(e.path) for e in os.scandir(self.cards) if e.is_dir())
        except OSError:
            return []
        for top in folders:
            for _, _, names in os.walk(top):  # not into symlinks below the top: no loops
                if any(is_card_file_name(Path(name)) for name in names):
                    found.append(top)
                    break
        return found

    def is_deck(self) -> bool:
        """Whether the root holds any part of a deck project: cards/, seeds/ or citedeck.toml."""
        return any(present(path) for path in (self.cards, self.seeds, self.config))

    def owns(self, path: Path) -> bool:
        """Whether `path` is citedeck.toml or lies in cards/ or seeds/: the deck's own files,
        which no output may overwrite."""
        try:
            target = path.resolve()
            return target == self.config.resolve() or any(
                target.is_relative_to(folder.resolve()) for folder in (self.cards, self.seeds)
            )
        except (OSError, RuntimeError):  # a symlink loop: writing there fails anyway
            return False

    def card_files(self) -> list[Path]:
        """The card files in cards/, sorted; none when there is no cards/ folder. Raises
        OSError when cards/ is there but cannot be listed."""
        try:
            entries = list(self.cards.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        # Anything named like a card file but a folder is one: a broken or looping symlink, or
        # a file we may not look at, is kept, so reading it reports the problem instead of the
        # cards silently going missing.
        return sorted(p for p in entries if is_card_file_name(p) and not os.path.isdir(p))

    def shown(self, path: Path) -> str:
        """A path as the user should read it: relative to the root they named."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return str(path)
        if str(self.root) in ("", "."):
            return relative.as_posix()
        return (self.root / relative).as_posix()


def is_card_file_name(path: Path) -> bool:
    """Whether `path` is named as a card file: *.yaml or *.yml, in any case (NYT.YAML too)."""
    return path.suffix.lower() in (".yaml", ".yml")


def present(path: Path) -> bool:
    """Whether anything is at `path`. When that cannot be told (a folder on the way may not be
    searched), True: reading it then says why, where "not found" would mislead."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        # A link to nothing is there all the same: taken for absent, a dangling citedeck.toml
        # would build the deck with the shipped deck's ids.
        return os.path.islink(path)
    except OSError:
        return True
    return True
