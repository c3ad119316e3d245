"""A new deck project: the files `citedeck init` writes, and its refusal to overwrite a deck."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from pathlib import Path

from citedeck.load.config import config_toml, deck_name_from, name_problem
from citedeck.load.project import Project, present

# genanki's advice for new ids; far from the ids Anki itself draws (milliseconds since 1970).
ID_RANGE = (1 << 30, 1 << 31)

EMPTY_CATALOGUE = """\
# The source catalogue: one entry per article in this folder. `citedeck add-source FILE`
# copies an article here and adds its entry; you may also write entries by hand:
#
#   - key: my-article                  # what cards cite: lowercase letters, digits, hyphens
#     file: my-article.txt             # the article's text, in this folder
#     title: The article's headline    # title, publisher, author and date are optional;
#     publisher: The Example Gazette   # the back of each card shows them as its citation
#     author: Ada Byline
#     date: "2024-05-02"
sources: []
"""

EXAMPLE_CARDS = """\
# A card file: the cards about one source. `citedeck check` finds each card's quote in the
# source's text (in seeds/) and proves the answer from it; `citedeck build` makes the deck.
# Write your cards in place of the empty list at the bottom, like this one:
#
# source: my-article               # a key from seeds/sources.yaml
# cards:
#   - id: my-article-librarian     # lowercase letters, digits, hyphens; never change it
#     type: who                    # who (a name), figure (a number) or source (which article)
#     question: Which librarian started the seed collection?
#     answer: Maria Lopez
#     quote: "said Maria Lopez, the librarian who started the collection"
#
# The quote is copied from the article: only typography (quotes, dashes, spaces) may differ.
# Any file in cards/ ending in .yaml holds cards; one file per source keeps them easy to find.
cards: []
"""

EXAMPLE_FILE = "example.yaml"


class BadName(ValueError):
    """The deck's name is not one config-value would take (config.name_problem says why)."""

    def __init__(self, problem: tuple[str, str]) -> None:
        super().__init__(f"it {problem[0]} ({problem[1]})")


class ProjectExists(Exception):
    """The folder already holds a deck project (or part of one); nothing was written."""

    def __init__(self, existing: list[Path]) -> None:
        super().__init__(existing)
        self.existing = existing


@dataclass(frozen=True)
class NewDeck:
    name: str
    deck_id: int
    model_id: int
    files: tuple[Path, ...]


def default_name(root: Path) -> str:
    """A new deck is named for its folder (without what a folder's name may hold and a deck's
    may not: control characters, '::' with nothing on one side)."""
    return deck_name_from(root.resolve().name) or "citedeck"


def create_deck_project(project: Project, name: str, rng: random.Random | None = None) -> NewDeck:
    """Write citedeck.toml (with ids drawn now, once), an empty catalogue and an example card
    file. Raises BadName for a name its check would refuse, and ProjectExists if any of them or
    any card file is there, writing nothing."""
    problem = name_problem(name)
    if problem is not None:
        raise BadName(problem)
    existing = [p for p in (project.config, project.catalogue) if present(p)]
    existing.extend(project.card_files())
    if existing:
        raise ProjectExists(existing)
    draw = rng or random.SystemRandom()
    deck_id = draw.randrange(*ID_RANGE)
    model_id = draw.randrange(*ID_RANGE)
    files = {
        project.config: config_toml(name, deck_id, model_id, f"citedeck-{deck_id}"),
        project.catalogue: EMPTY_CATALOGUE,
        project.cards / EXAMPLE_FILE: EXAMPLE_CARDS,
    }
    made: list[Path] = []  # the folders this init creates, outermost first
    written: list[Path] = []
    try:
        for path in files:  # every folder first: a `cards` that is a file stops us here
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.is_dir():
                    folder.mkdir()
                    made.append(folder)
        for path, text in files.items():
            # "x": a file that appeared since the check above is not overwritten either.
            with open(path, "x", encoding="utf-8", newline="\n") as out:
                written.append(path)
                out.write(text)
    except BaseException:
        # Half a project (an empty seeds/ is one) would make the next init refuse.
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return NewDeck(name, deck_id, model_id, tuple(files))
