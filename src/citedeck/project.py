"""Where a deck project keeps its parts, and how paths inside it are shown to the user."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

SEEDS_DIR = "seeds"
CARDS_DIR = "cards"
CATALOGUE = "seeds/sources.yaml"
CONFIG = "citedeck.toml"
DEFAULT_OUTPUT = "build/citedeck.apkg"
DEFAULT_PREVIEW = "build/preview.html"


class Read(NamedTuple):
    """A file as a check read it: where its path led, and the SHA-256 of the bytes read."""

    resolved: str
    digest: str


@dataclass(frozen=True)
class Project:
    root: Path
    # Every file read through `read` (None: looked for and found absent): what a check's result
    # was proven from, byte for byte.
    reads: dict[Path, Read | None] = field(default_factory=dict, compare=False, repr=False)

    def read(self, path: Path) -> bytes:
        """The bytes of `path`, remembering what they were."""
        data = path.read_bytes()
        self.reads[path] = Read(str(path.resolve()), hashlib.sha256(data).hexdigest())
        return data

    def found_absent(self, path: Path) -> None:
        """Remember that `path` was looked for and not there: its absence is an input too."""
        self.reads[path] = None

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
        if not self.cards.is_dir():
            return []
        # Anything named like a card file but a folder is one: a broken or looping symlink is
        # kept, so reading it reports the problem instead of the cards silently going missing.
        return sorted(
            p for p in self.cards.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir()
        )

    def shown(self, path: Path) -> str:
        """A path as the user should read it: relative to the root they named."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return str(path)
        if str(self.root) in ("", "."):
            return relative.as_posix()
        return (self.root / relative).as_posix()
