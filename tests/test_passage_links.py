"""A card's link to its passage, followed in headless Chromium (driven by Playwright) to a local
copy of the article's page: the text the browser highlights is the quote's stretch of the
article, no more and no less."""

from __future__ import annotations

import functools
import html
import io
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import REPO, proven
from test_preview import CHROMIUM, launch_chromium, without_browser

from citedeck.commands.check import check_project
from citedeck.load.catalogue import _locate
from citedeck.load.identity import FIELDS
from citedeck.load.project import Project
from citedeck.text.fold import FoldedText
from citedeck.text.fragment import passage_link, text_directive

# The highlight in a colour no page has, and every other glyph invisible: a pixel of it at a
# character's centre says the browser highlighted that character.
HIGHLIGHT = (255, 0, 255)
STYLE = (
    "body { font: 16px sans-serif; width: 40em; color: transparent; }"
    "::target-text { background-color: rgb(255, 0, 255); color: transparent; }"
)
# The page around the article, as a saved news page has it: a menu and a footer that repeat
# words of the article.
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head>
<body><nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/ai">AI talent</a></nav>
<article><h1>{title}</h1>
{paragraphs}</article>
<footer>More on DeepSeek and China's AI talent · Subscribe</footer></body></html>
"""
# Each character of the page's text, where the browser drew it (-1 between text nodes).
CHARACTERS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      found.push([node.data[i], box.left + box.width / 2 + scrollX, box.top + box.height / 2 + scrollY]);
    }
    found.push([" ", -1, -1]);
  }
  return found;
}"""


def page_of(title: str, text: str) -> str:
    """An article's page: each line of its text a paragraph."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return PAGE.format(title=html.escape(title), style=STYLE, paragraphs=paragraphs)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served on localhost, and its address."""
    folder = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright import sync_api
    except ImportError:
        without_browser("Playwright for Python is not installed (pip install '.[test]')")
    if not CHROMIUM.exists():
        without_browser(f"Debian's chromium is not at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium.new_page()
        finally:
            chromium.close()


def highlighted(page, link: str) -> str:  # type: ignore[no-untyped-def]
    """What the browser highlights on following `link`, its white space single; each character
    between the first and the last highlighted must be highlighted too."""
    from PIL import Image

    page.goto("about:blank")  # a new document: a browser follows a text fragment only into one
    page.goto(link)
    page.wait_for_timeout(150)
    characters = page.evaluate(CHARACTERS)
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    lit = [x >= 0 and shot.getpixel((int(x), int(y))) == HIGHLIGHT for _, x, y in characters]
    if not any(lit):
        return ""
    first = lit.index(True)
    last = len(lit) - 1 - lit[::-1].index(True)
    stretch = characters[first : last + 1]
    unlit = [c for (c, _, _), on in zip(stretch, lit[first : last + 1]) if not on and not c.isspace()]
    assert not unlit, f"characters left out of the highlight: {unlit}"
    return " ".join("".join(c for c, _, _ in stretch).split())


def test_each_card_of_the_deck_links_to_its_quote_highlighted(
    tmp_path: Path, site: tuple[Path, str], browser
) -> None:
    folder, address = site
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "cards", tmp_path / "cards")
    catalogue = (tmp_path / "seeds/sources.yaml").read_text(encoding="utf-8")
    for key in re.findall(r"^  - key: (\S+)$", catalogue, flags=re.M):
        catalogue = catalogue.replace(f"  - key: {key}\n", f"  - key: {key}\n    url: {address}/{key}.html\n")
    (tmp_path / "seeds/sources.yaml").write_text(catalogue, encoding="utf-8")
    result = check_project(Project(tmp_path))
    assert result.diagnostics == []
    for key, source in result.sources.items():
        text = (tmp_path / "seeds" / source.file).read_text(encoding="utf-8")
        (folder / f"{key}.html").write_text(page_of(source.title or key, text), encoding="utf-8")
    citation = FIELDS.index("Citation")
    links = {
        note.id: html.unescape(re.search(r'href="([^"]+)"', note.fields[citation]).group(1))  # type: ignore[union-attr]
        for note in proven(result).notes
    }
    assert len(links) == len(result.cards) >= 100
    # Every card links to its article, and all but three to the quote: those three end inside
    # words the article glues together ("costThis"), which a browser matches as none.
    unmarked = sorted(card for card, link in links.items() if "#:~:text=" not in link)
    assert unmarked == ["cb-r1-cost-reduction", "cb-source-trillions-overnight", "cb-source-warning-to-america"]
    # A browser check costs half a second: every fourth card's, and each that spans paragraphs.
    sources = {key: FoldedText.of((tmp_path / "seeds" / s.file).read_text(encoding="utf-8")) for key, s in result.sources.items()}
    followed = 0
    for index, card in enumerate(result.cards):
        match = _locate(sources[card.source], card.quote)
        assert match is not None
        text = sources[card.source]
        spans_lines = text.line_at(match.spans[0][0]) != text.line_at(match.spans[-1][1] - 1)
        if card.id in unmarked or not (index % 4 == 0 or spans_lines):
            continue
        quote = " ".join(text.as_written(match.spans[0][0], match.spans[-1][1]).split())
        assert highlighted(browser, links[card.id]) == quote, card.id
        followed += 1
    assert followed >= 25


# Quotes that take more than a start and an end: one the article has earlier in other letter
# case, one spanning paragraphs, one in Chinese, one among typographic quotes and no-break spaces.
CASES = [
    ("IT PAYS WELL, said Ma. Later Zhou said it pays well, and more.", "it pays well"),
    ("It is cheaper.\n“But the second mover can do it faster.”\nGupta added that.", '"But the second mover can do it faster." Gupta added'),
    ("深度求索的团队很年轻。\n团队成员大多来自清华大学和北京大学。", "团队成员大多来自清华大学和北京大学"),
    ("He said “it’s\u00a0a big gap” at Duke, and a sign-on bonus of $100 million & more.", "\"it's a big gap\" at Duke, and a sign-on bonus of $100 million & more"),
]


@pytest.mark.parametrize(("article", "quote"), CASES)
def test_a_made_up_article_s_quote_is_highlighted(site: tuple[Path, str], browser, article: str, quote: str) -> None:
    folder, address = site
    name = f"case-{CASES.index((article, quote))}.html"
    (folder / name).write_text(page_of("A made-up article", article), encoding="utf-8")
    text = FoldedText.of(article)
    match = _locate(text, quote)
    assert match is not None
    directive = text_directive(text, match.spans)
    assert directive is not None
    expected = " ".join(text.as_written(match.spans[0][0], match.spans[-1][1]).split())
    assert highlighted(browser, passage_link(f"{address}/{name}", directive)) == expected
