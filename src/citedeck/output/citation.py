"""What a card's back cites: the citation HTML made of a source's metadata."""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

from citedeck.load.catalogue import SourceInfo
from citedeck.load.identity import RETIRED_TAG
from citedeck.text.fragment import TextDirective, passage_link


def citation_html(
    source: SourceInfo, line: int | None, passage: TextDirective | None = None
) -> str:
    """The citation of `source` (at `line` of its text), and, when it has a url, a link to the
    article: to the quote in it, highlighted, given the `passage`'s words."""
    cited = _cited(source.title, source.publisher, source.author, source.date, source.file)
    where = f"{cited}, line {line}</span>" if line else f"{cited}</span>"
    if source.url is None:
        return where
    if passage is None:
        return f'{where} · <a class="link" href="{html.escape(source.url)}">the article</a>'
    href = html.escape(passage_link(source.url, passage))
    return f'{where} · <a class="link" href="{href}">the passage in the article</a>'


# Every card of a source cites it alike but for the line: worked out once for each source (by
# its metadata: a loaded Source, holding its text, is no key to hash).
@functools.lru_cache(maxsize=4096)
def _cited(
    title: str | None, publisher: str | None, author: str | None, date: str | None, file: str
) -> str:
    """The citation up to the end of the file's name, its span left open."""
    parts = []
    if title:
        parts.append(f'<span class="title">{html.escape(title)}</span>')
    if publisher:
        parts.append(f'<span class="publisher">{html.escape(publisher)}</span>')
    if author:
        parts.append(f'<span class="author">by {html.escape(author)}</span>')
    if date:
        parts.append(f'<span class="date">{html.escape(date)}</span>')
    parts.append(f'<span class="where">{html.escape(f"seeds/{file}")}')
    return " · ".join(parts)


def deck_description(sources: Mapping[str, SourceInfo], retired: bool = False) -> str:
    """What Anki shows on the deck's overview: the articles its cards are proven against, each
    by the name a *Which source?* card's answer gives (its short title, else publisher, title or
    author), and its citation; with `retired`, how to find the cards removed from the deck."""
    items = "".join(
        f"<li>{_recalled(source)} · {citation_html(source, None)}</li>"
        for source in sources.values()
    )
    which = "this article" if len(sources) == 1 else "one of these articles"
    gone = (
        f"<p>Cards removed from the deck are tagged {RETIRED_TAG}: search "
        f"<code>tag:{RETIRED_TAG}</code> in the browser to find them.</p>"
        if retired
        else ""
    )
    proven = f"<p>Every card is proven against {which}, and its back cites it.</p>"
    return f"{proven}<ul>{items}</ul>{gone}"


_UNNAMED = "an article that names no title, publisher or author"


def _recalled(source: SourceInfo) -> str:
    name = source.recalled_as
    if name is None:
        return f'<span class="name unnamed">{_UNNAMED}</span>'
    return f'<span class="name">{html.escape(name)}</span>'
