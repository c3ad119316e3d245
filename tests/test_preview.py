"""citedeck preview: the template renderer, the page, the command, and the page in a real
headless browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import html
import os
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import pytest
from click.testing import CliRunner
from conftest import proven

from citedeck.cli import main
from citedeck.commands.check import check_project
from citedeck.load.identity import FIELDS, DeckConfig
from citedeck.load.project import Project
from citedeck.output.package import package_contents
from citedeck.output.preview import GENERATOR, TemplateError, preview_html, render

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = "<script>window.pwned = 1</script>"
CARDS = f"""\
source: liang-profile
tags: [compute]
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,048"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
    note: "{SCRIPT}"
  - id: lp-founder
    type: who
    question: "Which hedge fund manager founded DeepSeek? {SCRIPT}"
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
"""
READING = DeckConfig("Reading list", 1472455319, 1625104058, "citedeck-1472455319")
# Pages earlier previews wrote, which the next one may replace: one with the generator mark,
# and one from before it (its head as citedeck 9d31227 wrote it).
OLD_PAGE = f"<!DOCTYPE html>\n<html><head>{GENERATOR}</head><body class=\"pv-page\">old page</body></html>\n"
OLDER_PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
    "'unsafe-inline'\">\n<title>x: preview</title>\n</head>\n<body class=\"pv-page\">\n</body>\n</html>\n"
)
READING_TOML = """\
[deck]
name = "Reading <list> & more"
deck_id = 1472455319
model_id = 1625104058
"""
BLITZ = """\
source: bloomberg
cards:
  - id: bloomberg-blitz
    type: source
    question: Which publication wrote that DeepSeek is in the midst of a recruitment blitz?
    answer: Bloomberg Opinion
    quote: "DeepSeek is nonetheless in the midst of a recruitment blitz-one"
"""


def preview(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["preview", "--root", str(root), *args])


# --- render ----------------------------------------------------------------------------------


def test_render_fills_fields_as_html() -> None:
    assert render("<b>{{Answer}}</b>{{ Note }}", {"Answer": "a &amp; b", "Note": "<i>n</i>"}) == (
        "<b>a &amp; b</b><i>n</i>"
    )


def test_render_sections_show_on_a_filled_field_and_inverted_ones_on_a_blank_one() -> None:
    template = "[{{#Note}}note: {{Note}}{{/Note}}{{^Note}}no note{{/Note}}]"
    assert render(template, {"Note": "x"}) == "[note: x]"
    assert render(template, {"Note": " "}) == "[no note]"
    nested = "{{#A}}a{{#B}}b{{/B}}{{^B}}-{{/B}}{{/A}}."
    assert render(nested, {"A": "1", "B": ""}) == "a-."
    assert render(nested, {"A": "", "B": "1"}) == "."


def test_render_refuses_what_it_would_render_differently_from_anki() -> None:
    for template, problem in [
        ("{{text:Answer}}", "unknown field or filter {{text:Answer}}"),
        ("{{Nope}}", "unknown field or filter {{Nope}}"),
        ("{{#Note}}x", "{{#Note}} is never closed"),
        ("x{{/Note}}", "{{/Note}} closes no open section"),
    ]:
        with pytest.raises(TemplateError) as raised:
            render(template, {"Answer": "a", "Note": "n"})
        assert str(raised.value) == problem


# --- the page --------------------------------------------------------------------------------


def test_page_uses_the_packages_own_note_type_and_fields(deck) -> None:
    result = check_project(Project(deck(lp=CARDS)))
    proof = proven(result, READING)
    page = preview_html(proof)
    model = package_contents(proof).model
    assert model.model_id == READING.model_id
    assert f"<style>\n{model.css}</style>" in page
    assert [note.id for note in proof.notes] == [card.id for card in result.cards]
    for note in proof.notes:
        fields = dict(zip(FIELDS, note.fields, strict=True))
        front = render(model.templates[0]["qfmt"], fields)
        back = render(model.templates[0]["afmt"], {**fields, "FrontSide": front})
        assert f'<div class="card">{front}</div>' in page
        assert f'<div class="card">{back}</div>' in page
    assert SCRIPT not in page
    assert html.escape(SCRIPT) in page


def test_page_groups_cards_by_source_in_catalogue_order_with_tags(deck) -> None:
    result = check_project(Project(deck(lp=CARDS, bloomberg=BLITZ)))
    page = preview_html(proven(result, READING))
    assert page.index('id="source-bloomberg"') < page.index('id="source-liang-profile"')
    assert 'id="source-nyt"' not in page  # no cards, no section
    assert "<p>3 cards from 2 sources</p>" in page
    assert (
        '<div class="pv-tags"><span class="pv-tag">type::who</span>'
        '<span class="pv-tag">source::liang-profile</span><span class="pv-tag">compute</span></div>'
    ) in page
    assert 'class="pv-deck"' not in page  # one deck: its name heads the page


def test_page_with_subdecks_names_each_sources_subdeck(deck) -> None:
    result = check_project(Project(deck(lp=CARDS, bloomberg=BLITZ)))
    page = preview_html(proven(result, replace(READING, subdecks=True)))
    assert (
        '<section class="pv-source" id="source-bloomberg">\n'
        "<h2>China could yet trump the US in a global scramble for AI talent "
        '<span class="pv-key">bloomberg</span></h2>\n'
        '<p class="pv-deck">deck: Reading list::China could yet trump the US in a global '
        "scramble for AI talent</p>\n"
        '<article class="pv-card" id="card-bloomberg-blitz"'
    ) in page
    assert (
        '<span class="pv-key">liang-profile</span></h2>\n'
        '<p class="pv-deck">deck: Reading list::liang-profile</p>\n'
    ) in page


def test_page_loads_nothing_and_runs_nothing(deck) -> None:
    result = check_project(Project(deck(lp=CARDS)))
    page = preview_html(proven(result, READING))
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in page
    assert "<script" not in page and "src=" not in page and "<link" not in page


# --- the command -----------------------------------------------------------------------------


def test_preview_writes_the_default_page(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(lp=CARDS, bloomberg=BLITZ))
    result = CliRunner().invoke(main, ["preview"])
    assert result.exit_code == 0
    assert result.output == "previewed 3 cards from 2 sources in build/preview.html\n"
    assert Path("build/preview.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")
    assert [p.name for p in Path("build").iterdir()] == ["preview.html"]  # no temp file left


def test_preview_names_the_deck_the_projects_config_names(deck, tmp_path) -> None:
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(READING_TOML, encoding="utf-8")
    target = tmp_path / "preview.html"
    assert preview(root, "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<title>Reading &lt;list&gt; &amp; more: preview</title>\n" in page
    assert page[page.index("<header") : page.index("</header>")] == (
        '<header class="pv-header">\n'
        "<h1>Reading &lt;list&gt; &amp; more</h1>\n"
        "<p>2 cards from 1 source</p>\n"
        '<nav><a href="#source-liang-profile">liang-profile (2)</a></nav>\n'
    )


def test_preview_stops_on_a_config_mistake_as_build_does(deck) -> None:
    root = deck(lp=CARDS)
    (root / "citedeck.toml").write_text(READING_TOML + "deck_id = 7\n", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "preview.html").write_text(OLD_PAGE, encoding="utf-8")
    result = preview(root)
    assert result.exit_code == 1
    assert result.output == (
        f"{root.as_posix()}/citedeck.toml:5:12: error[config-syntax]: TOML syntax error: cannot "
        "overwrite a value\n"
        "checked 2 cards in 1 file against 5 sources: 1 error\n"
        "preview aborted: fix the errors above; no page was written\n"
    )
    assert (root / "build" / "preview.html").read_text(encoding="utf-8") == OLD_PAGE


def test_preview_output_option_and_open(deck, monkeypatch, tmp_path) -> None:
    opened: list[str] = []
    monkeypatch.setattr("click.launch", lambda url: opened.append(url) or 0)
    target = tmp_path / "out" / "deck.html"
    result = preview(deck(lp=CARDS), "-o", str(target), "--open")
    assert result.exit_code == 0
    assert result.output == f"previewed 2 cards from 1 source in {target.as_posix()}\n"
    assert opened == [target.resolve().as_uri()]


def test_preview_open_without_a_browser_says_where_the_page_is(deck, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("click.launch", lambda url: 3)  # xdg-open: no browser found
    target = tmp_path / "deck.html"
    result = preview(deck(lp=CARDS), "-o", str(target), "--open")
    assert (result.exit_code, result.output) == (0, (
        f"previewed 2 cards from 1 source in {target.as_posix()}\n"
        f"could not open a browser; open {target.as_uri()} in one\n"
    ))


def test_preview_writes_nothing_when_check_finds_errors(deck) -> None:
    root = deck(lp=CARDS.replace('answer: "2,048"', 'answer: "2,049"'))
    (root / "build").mkdir()
    (root / "build" / "preview.html").write_text(OLD_PAGE, encoding="utf-8")
    result = preview(root)
    assert result.exit_code == 1
    assert result.output == (
        f"{root.as_posix()}/cards/lp.yaml:7:13: error[figure-mismatch]: the answer's '2,049' "
        "is not a number in the quote (the quote has '2,048')\n"
        "checked 2 cards in 1 file against 5 sources: 1 error\n"
        "preview aborted: fix the errors above; no page was written\n"
    )
    assert (root / "build" / "preview.html").read_text(encoding="utf-8") == OLD_PAGE


def test_preview_reports_an_unwritable_place(deck) -> None:
    root = deck(lp=CARDS)
    (root / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = preview(root, "-o", str(root / "blocker" / "page.html"))
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, f"Error: Invalid value for '-o' / '--output': {root.as_posix()}/blocker is a file, not a folder"
    )


def test_preview_replaces_only_a_page_it_wrote(deck, tmp_path: Path) -> None:
    root = deck(lp=CARDS)
    target = tmp_path / "index.html"
    target.write_text("<html>my own page</html>", encoding="utf-8")
    result = preview(root, "-o", str(target))
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2,
        (
            f"Error: Invalid value for '-o' / '--output': {target.as_posix()} exists and is not a "
            "page citedeck wrote; move it away or choose another name"
        ),
    )
    assert target.read_text(encoding="utf-8") == "<html>my own page</html>"
    target.unlink()
    assert preview(root, "-o", str(target)).exit_code == 0
    assert preview(root, "-o", str(target)).exit_code == 0  # its own page it replaces
    target.write_text(OLDER_PAGE, encoding="utf-8")  # and one an older citedeck wrote
    assert preview(root, "-o", str(target)).exit_code == 0
    assert GENERATOR in target.read_text(encoding="utf-8")
    result = preview(root, "-o", str(tmp_path / "notes.md"))
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for '-o' / '--output': {(tmp_path / 'notes.md').as_posix()} does "
        "not end in .html or .htm, as the page's name must"
    )


# --- in a real browser -----------------------------------------------------------------------


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )


def without_browser(reason: str) -> NoReturn:
    """Skip on a machine without the browser; in CI (.ci/run installs it) that is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}")
    pytest.skip(reason)


def test_preview_in_headless_chromium(deck, tmp_path) -> None:
    try:
        from playwright import sync_api
    except ImportError:
        without_browser("Playwright for Python is not installed (pip install '.[test]')")
    if not CHROMIUM.exists():
        without_browser(f"Debian's chromium is not at {CHROMIUM} (apt-get install chromium)")
    root = deck(lp=CARDS, bloomberg=BLITZ)
    target = tmp_path / "preview.html"
    assert preview(root, "-o", str(target)).exit_code == 0

    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.goto(target.as_uri())
            page.wait_for_load_state("load")

            assert page.title() == "DeepSeek and China's AI Talent: preview"
            assert page.locator("article.pv-card").count() == 3
            assert page.locator(".pv-source h2").all_inner_texts() == [
                "China could yet trump the US in a global scramble for AI talent bloomberg",
                "004_ebb659519f0ddc96.txt liang-profile",
            ]

            back = page.locator("#card-lp-gpus .pv-back")
            assert back.locator(".answer").inner_text() == "2,048"
            assert back.locator(".quote").inner_text() == (
                "DeepSeek claimed to have used just 2,048 Nvidia H800s"
            )
            assert back.locator(".quote mark").all_inner_texts() == ["2,048"]
            assert back.locator(".citation").inner_text() == "seeds/004_ebb659519f0ddc96.txt, line 20"
            assert back.locator(".question").inner_text() == (
                "How many Nvidia H800s did DeepSeek claim to have trained on?"
            )
            assert page.locator("#card-lp-gpus .pv-front .answer").count() == 0

            # A <script> in a card's fields is text on the page, and never runs.
            assert page.evaluate("typeof window.pwned") == "undefined"
            assert page.locator("#card-lp-gpus .pv-back .note").inner_text() == SCRIPT
            assert page.locator("#card-lp-founder .pv-front .question").inner_text() == (
                f"Which hedge fund manager founded DeepSeek? {SCRIPT}"
            )
            assert page.locator("script").count() == 0
            assert problems == []
        finally:
            browser.close()
