"""An HTML page showing every card's front and back as Anki will: the note type's own templates
and CSS, filled with the same field values the package gets, grouped by source, under the deck
(and subdeck) names the package gives them."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from citedeck.load.identity import FIELDS
from citedeck.output.atomicfile import write_atomically
from citedeck.output.notes import Deck, Note
from citedeck.output.package import note_model, subdeck_names
from citedeck.output.report import plural

# Page classes start pv- so the card CSS (.card, .note, .quote, ...) styles only the cards.
# The page runs no script and loads nothing: a field that slipped its escaping still could not
# run, and the browser says so on its console.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
# Marks the page as citedeck's: a preview replaces only a page that carries it.
GENERATOR = '<meta name="generator" content="citedeck">'
PAGE_SUFFIXES = (".html", ".htm")
_OLD_BODY = b'<body class="pv-page">'  # every page a preview wrote holds it
_TAG_RE = re.compile(r"\{\{([#^/]?)([^{}]*)\}\}")
_PAGE_CSS = """
body.pv-page { margin: 0; padding: 1.5em; background: #ecebe6; font-family: system-ui, sans-serif; }
.pv-header h1 { margin: 0 0 0.2em; font-size: 1.5em; }
.pv-header p { margin: 0 0 1em; color: #555; }
.pv-header nav a { margin-right: 1em; }
.pv-source > h2 { margin: 1.5em 0 0.5em; font-size: 1.2em; }
.pv-source > h2 .pv-key { font-family: ui-monospace, monospace; font-weight: normal; color: #777; }
.pv-source > .pv-deck { margin: -0.3em 0 0.6em; color: #555; }
.pv-card { margin: 0 0 1.2em; padding: 0.6em; background: #fff; border-radius: 6px;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15); }
.pv-faces { display: grid; grid-template-columns: repeat(auto-fit, minmax(22em, 1fr)); gap: 0.6em; }
.pv-face > h3 { margin: 0 0 0.3em; font-size: 0.7em; text-transform: uppercase; color: #888; }
.pv-face > .card { padding: 0.8em 0; border: 1px solid #e2ded3; border-radius: 4px; }
.pv-tags { margin-top: 0.5em; }
.pv-tag { display: inline-block; margin: 0 0.3em 0.2em 0; padding: 0 0.4em; font-size: 0.75em;
  background: #eceae2; border-radius: 3px; font-family: ui-monospace, monospace; }
"""


class TemplateError(ValueError):
    """A template uses a form this renderer does not know; Anki's output would differ."""


def render(template: str, fields: Mapping[str, str]) -> str:
    """Fill an Anki card template: `{{Field}}` (values are HTML already, as in Anki),
    `{{#Field}}...{{/Field}}` kept when the field is not blank, `{{^Field}}...{{/Field}}`
    when it is. `FrontSide` is an ordinary field here: the caller supplies the rendered front."""
    out: list[str] = []
    # Each open section, and whether its text is shown; text is shown when all are.
    sections: list[tuple[str, bool]] = []
    cursor = 0
    for match in _TAG_RE.finditer(template):
        if all(shown for _, shown in sections):
            out.append(template[cursor : match.start()])
        cursor = match.end()
        kind, name = match.group(1), match.group(2).strip()
        if name not in fields:
            raise TemplateError(f"unknown field or filter {{{{{match.group(2)}}}}}")
        if kind == "/":
            if not sections or sections[-1][0] != name:
                raise TemplateError(f"{{{{/{name}}}}} closes no open section")
            sections.pop()
        elif kind:
            filled = bool(fields[name].strip())
            sections.append((name, filled if kind == "#" else not filled))
        elif all(shown for _, shown in sections):
            out.append(fields[name])
    if sections:
        raise TemplateError(f"{{{{#{sections[-1][0]}}}}} is never closed")
    out.append(template[cursor:])
    return "".join(out)


@dataclass(frozen=True)
class Preview:
    """What a written preview holds, and where it is."""

    cards: int
    sources: int
    output: Path


def preview_html(deck: Deck) -> str:
    """The whole page: every proven card's front and back, grouped by source in catalogue
    order, under the deck the config names; with subdecks, each group names its subdeck."""
    config = deck.config
    model = note_model(config.model_id)
    front, back = model.templates[0]["qfmt"], model.templates[0]["afmt"]
    subdecks = subdeck_names(config, deck.sources) if config.subdecks else {}
    by_source: dict[str, list[Note]] = {key: [] for key in deck.sources}
    for note in deck.notes:
        by_source[note.source].append(note)
    groups = {key: mine for key, mine in by_source.items() if mine}
    sections = []
    links = []
    for key, mine in groups.items():
        source, anchor = deck.sources[key], f"source-{html.escape(key)}"
        notes = "".join(_note(note, front, back) for note in mine)
        subdeck = f'<p class="pv-deck">deck: {html.escape(subdecks[key])}</p>\n' if subdecks else ""
        sections.append(
            f'<section class="pv-source" id="{anchor}">\n'
            f"<h2>{html.escape(source.title or source.file)} "
            f'<span class="pv-key">{html.escape(key)}</span></h2>\n{subdeck}{notes}</section>\n'
        )
        links.append(f'<a href="#{anchor}">{html.escape(key)} ({len(mine)})</a>')
    total = sum(len(mine) for mine in groups.values())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"{GENERATOR}\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(config.name)}: preview</title>\n"
        f"<style>\n{model.css}</style>\n<style>{_PAGE_CSS}</style>\n</head>\n"
        '<body class="pv-page">\n<header class="pv-header">\n'
        f"<h1>{html.escape(config.name)}</h1>\n"
        f"<p>{plural(total, 'card')} from {plural(len(groups), 'source')}</p>\n"
        f"<nav>{' '.join(links)}</nav>\n</header>\n"
        f"{''.join(sections)}</body>\n</html>\n"
    )


def is_preview(path: Path) -> bool:
    """Whether `path` is a page a preview wrote, which another may replace: one carrying the
    generator mark, or, from before it, the page's own <body> after its styles."""
    if not os.path.isfile(path):  # nor wait on a pipe
        return False
    try:
        with open(path, "rb") as page:
            head = page.read(1 << 16)
    except OSError:
        return False
    return GENERATOR.encode() in head or _OLD_BODY in head


def write_preview(deck: Deck, output: Path) -> Preview:
    """Write the page to `output` in one rename: a reader never sees half a page."""
    page = preview_html(deck)

    def write(temp: Path) -> None:
        temp.write_text(page, encoding="utf-8")

    write_atomically(output, write)
    return Preview(len(deck.notes), len({note.source for note in deck.notes}), output)


def _note(note: Note, front_template: str, back_template: str) -> str:
    fields = dict(zip(FIELDS, note.fields, strict=True))
    front = render(front_template, fields)
    back = render(back_template, {**fields, "FrontSide": front})
    tags = "".join(f'<span class="pv-tag">{html.escape(tag)}</span>' for tag in note.tags)
    card_id = html.escape(note.id)
    return (
        f'<article class="pv-card" id="card-{card_id}" data-card-id="{card_id}">\n'
        '<div class="pv-faces">\n'
        f'<div class="pv-face pv-front"><h3>Front</h3><div class="card">{front}</div></div>\n'
        f'<div class="pv-face pv-back"><h3>Back</h3><div class="card">{back}</div></div>\n'
        f'</div>\n<div class="pv-tags">{tags}</div>\n</article>\n'
    )
