"""Where a deck project keeps its parts, and how paths inside it are shown to the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = "seeds"
CARDS_DIR = "cards"
CATALOGUE = "seeds/sources.yaml"
CONFIG = "citedeck.toml"
DEFAULT_OUTPUT = "build/citedeck.apkg"
DEFAULT_PREVIEW = "build/preview.html"


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
