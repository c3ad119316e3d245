"""citedeck add-source: articles stored as UTF-8 text, web pages reduced to the article, the
catalogue appended to as it stands, and a deck made from a saved page, end to end, in Anki."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, import_into_anki

from citedeck.cli import main
from citedeck.commands.add_source import (
    _blocks,
    _linked_words,
    _not_an_article,
    appended_entry,
    suggest_key,
)
from citedeck.commands.init import EMPTY_CATALOGUE
from citedeck.load.yamlfile import yaml_string

PAGE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Seed Libraries Are Lending Tomatoes | The Example Gazette</title>
<meta name="author" content="Ada Byline">
<meta property="og:site_name" content="The Example Gazette">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Seed Libraries Are Lending Tomatoes</h1>
<p>In the town of Exampleton, the public library now lends 340 kinds of seeds alongside its
books, and borrowers “return” them by saving seeds from their harvest.</p>
<p>“People come for a novel and leave with beans,” said Maria Lopez, the librarian who started
the collection in 2019.</p>
</article>
<footer>© 2024 The Example Gazette. Cookie settings.</footer>
</body></html>
"""
PAGE_TEXT = (
    "Seed Libraries Are Lending Tomatoes\n"
    "In the town of Exampleton, the public library now lends 340 kinds of seeds alongside its "
    "books, and borrowers “return” them by saving seeds from their harvest.\n"
    "“People come for a novel and leave with beans,” said Maria Lopez, the librarian who "
    "started the collection in 2019.\n"
)
ADDED = """\
added 'seed-libraries-lending-tomatoes' to seeds/sources.yaml:
  key:       seed-libraries-lending-tomatoes (chosen for you; rename it in seeds/sources.yaml before cards cite it)
  file:      seeds/seed-libraries-lending-tomatoes.txt
  title:     Seed Libraries Are Lending Tomatoes
  publisher: The Example Gazette
  author:    Ada Byline
  date:      2024-05-02 (published)
  size:      320 bytes, 3 lines
next: write cards with 'source: seed-libraries-lending-tomatoes' in a file in cards/
"""
CANONICAL = '<link rel="canonical" href="https://gazette.example/2024/05/seed-libraries">\n</head>'
CARD = """\
source: seed-libraries-lending-tomatoes
cards:
  - id: seeds-librarian
    type: who
    question: Which librarian started the Exampleton library's seed collection?
    answer: Maria Lopez
    quote: "said Maria Lopez, the librarian who started the collection in 2019"
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh deck project, the working folder, with the page saved beside it."""
    root = tmp_path / "deck"
    assert run("init", str(root), "--name", "Reading list").exit_code == 0
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def catalogue() -> str:
    return Path("seeds/sources.yaml").read_text(encoding="utf-8")


def test_a_saved_page_becomes_its_article_text(project: Path) -> None:
    result = run("add-source", "../page.html")
    assert result.output == ADDED
    assert result.exit_code == 0
    stored = Path("seeds/seed-libraries-lending-tomatoes.txt")
    assert stored.read_text(encoding="utf-8") == PAGE_TEXT
    assert catalogue() == EMPTY_CATALOGUE.replace(
        "sources: []\n",
        "sources:\n"
        '  - key: "seed-libraries-lending-tomatoes"\n'
        '    file: "seed-libraries-lending-tomatoes.txt"\n'
        '    title: "Seed Libraries Are Lending Tomatoes"\n'
        '    publisher: "The Example Gazette"\n'
        '    author: "Ada Byline"\n'
        '    date: "2024-05-02"\n',
    )
    assert run("check").output == "checked 0 cards in 1 file against 1 source: no problems\n"


@pytest.mark.parametrize("encoding", [None, "utf-8"])
@pytest.mark.parametrize("reference", ["&#x1b;", "&#27;", "&#X1F;", "&#0011;", "&#27 ", "&#x1b ", "&#xFFFE;", "&#65535;"])
def test_a_reference_to_a_control_character_does_not_lose_the_page(
    project: Path, reference: str, encoding: str | None
) -> None:
    # XML refuses the character: its parser gave up, and the page read as having no text.
    Path("../odd.html").write_text(PAGE.replace("the public library", f"the {reference}public library"), encoding="utf-8")
    result = run("add-source", "../odd.html", "--key", "odd", *(["--encoding", encoding] if encoding else []))
    assert result.exit_code == 0, result.output
    assert "the public library now lends" in Path("seeds/odd.txt").read_text(encoding="utf-8")


def test_options_win_over_the_page(project: Path) -> None:
    result = run(
        "add-source", "../page.html", "--key", "seeds", "--title", "Lending seeds",
        "--publisher", "Gazette", "--author", "A. Byline", "--date", "May 2024",
    )
    assert result.output == (
        "added 'seeds' to seeds/sources.yaml:\n"
        "  key:       seeds\n"
        "  file:      seeds/seeds.txt\n"
        "  title:     Lending seeds\n"
        "  publisher: Gazette\n"
        "  author:    A. Byline\n"
        "  date:      May 2024\n"
        "  size:      320 bytes, 3 lines\n"
        "next: write cards with 'source: seeds' in a file in cards/\n"
    )
    assert catalogue().endswith(
        'sources:\n  - key: "seeds"\n    file: "seeds.txt"\n    title: "Lending seeds"\n'
        '    publisher: "Gazette"\n    author: "A. Byline"\n    date: "May 2024"\n'
    )


def test_control_characters_in_the_metadata_become_spaces(project: Path) -> None:
    # The catalogue may hold none (its reader refuses them): once, add-source refused the
    # whole article, saying the catalogue was laid out oddly.
    result = run(
        "add-source", "../page.html", "--key", "seeds", "--title", "Lending\x07seeds\x1b[31m",
        "--publisher", "\x00Gazette",
    )
    assert result.exit_code == 0, result.output
    assert "  title:     Lending seeds [31m\n  publisher: Gazette\n" in result.output
    assert '    title: "Lending seeds [31m"\n    publisher: "Gazette"\n' in catalogue()
    assert run("check").output == "checked 0 cards in 1 file against 1 source: no problems\n"


def test_lines_are_counted_as_find_and_findings_count_them(project: Path) -> None:
    Path("../old mac.txt").write_bytes(b"One line.\rAnother.\r\nA third.\nA fourth")
    result = run("add-source", "../old mac.txt", "--key", "mac")
    assert "  size:      37 bytes, 4 lines\n" in result.output
    assert run("find", "fourth").output.startswith("seeds/mac.txt:4: A »fourth«\n")


def test_a_utf8_text_file_is_stored_byte_for_byte(project: Path) -> None:
    data = "\ufeffDeepSeek’s rise\r\nnon\u00a0breaking  spaces, Â mojibake kept\r\n".encode("utf-8")
    Path("../Notes On It.txt").write_bytes(data)
    result = run("add-source", "../Notes On It.txt", "--author", "  Jo \n Writer ")
    assert result.output == (
        "added 'notes' to seeds/sources.yaml:\n"
        "  key:       notes (chosen for you; rename it in seeds/sources.yaml before cards cite it)\n"
        "  file:      seeds/notes.txt\n"
        "  title:     (none)\n"
        "  publisher: (none)\n"
        "  author:    Jo Writer\n"
        "  date:      (none)\n"
        "  size:      63 bytes, 2 lines\n"
        "next: write cards with 'source: notes' in a file in cards/\n"
    )
    assert Path("seeds/notes.txt").read_bytes() == data


def test_markdown_stays_markdown(project: Path) -> None:
    Path("../essay.md").write_text("# An essay\n\nIts *text*.\n", encoding="utf-8")
    assert run("add-source", "../essay.md", "--title", "An essay").exit_code == 0
    assert Path("seeds/essay.md").read_text(encoding="utf-8") == "# An essay\n\nIts *text*.\n"


def test_another_encoding_is_detected_and_stored_as_utf8(project: Path) -> None:
    text = "The café’s “best” coffee — naïve, isn’t it? It costs 5 € a cup.\n"
    Path("../cafe.txt").write_bytes(text.encode("cp1252"))
    result = run("add-source", "../cafe.txt")
    assert result.output.splitlines()[-4:-1] == [
        "  size:      78 bytes, 1 line",
        "  encoding:  cp1252, stored as UTF-8",
        "  read as:   The café’s “best” coffee — naïve, isn’t it? It costs 5 € a cup.",
    ]
    assert Path("seeds/cafe.txt").read_text(encoding="utf-8") == text


def test_a_short_western_text_is_read_as_cp1252_where_it_can_be(project: Path) -> None:
    # charset-normalizer ranks mac_latin2 ("Cafť") first here, and cp1250 stands for cp1252.
    text = "Café au lait costs € 4 in Zürich, said René Müller.\nThe café opened in 1998.\n"
    Path("../latin.txt").write_bytes(text.encode("cp1252"))
    result = run("add-source", "../latin.txt")
    assert result.output.splitlines()[-3:-1] == [
        "  encoding:  cp1252, stored as UTF-8",
        "  read as:   Café au lait costs € 4 in Zürich, said René Müller.",
    ]
    assert Path("seeds/latin.txt").read_text(encoding="utf-8") == text


def test_the_encoding_can_be_named(project: Path) -> None:
    Path("../greek.txt").write_bytes("Καλημέρα κόσμε\n".encode("iso-8859-7"))
    assert run("add-source", "../greek.txt", "--encoding", "iso-8859-7").exit_code == 0
    assert Path("seeds/greek.txt").read_text(encoding="utf-8") == "Καλημέρα κόσμε\n"


def test_a_page_in_a_named_encoding(project: Path) -> None:
    Path("../old.htm").write_bytes(PAGE.replace('<meta charset="utf-8">', "").encode("cp1252"))
    assert run("add-source", "../old.htm", "--encoding", "cp1252").exit_code == 0
    assert Path("seeds/seed-libraries-lending-tomatoes.txt").read_text(encoding="utf-8") == PAGE_TEXT


def test_mojibake_is_repaired_only_when_asked(project: Path) -> None:
    broken = "DeepSeekâ€™s rise, cafÃ©\n"
    Path("../a.txt").write_text(broken, encoding="utf-8")
    Path("../b.txt").write_text(broken.replace("rise", "fall"), encoding="utf-8")
    assert run("add-source", "../a.txt").exit_code == 0
    assert run("add-source", "../b.txt", "--fix-text").exit_code == 0
    assert Path("seeds/a.txt").read_text(encoding="utf-8") == broken
    assert Path("seeds/b.txt").read_text(encoding="utf-8") == "DeepSeek’s fall, café\n"


def test_a_suggested_key_steps_aside_for_one_taken(project: Path) -> None:
    Path("seeds/seed-libraries-lending-tomatoes.txt").write_text("someone's file\n", encoding="utf-8")
    result = run("add-source", "../page.html")
    assert result.output.splitlines()[1] == (
        "  key:       seed-libraries-lending-tomatoes-2 (chosen for you; rename it in seeds/sources.yaml before cards cite it)"
    )
    assert Path("seeds/seed-libraries-lending-tomatoes.txt").read_text(encoding="utf-8") == "someone's file\n"


@pytest.mark.parametrize(
    ("title", "fallback", "key"),
    [
        ("Seed Libraries Are Lending Tomatoes", "page", "seed-libraries-lending-tomatoes"),
        ("DeepSeek’s rise shows why China’s top AI talent is skipping Silicon Valley", "x", "deepseeks-rise-shows-chinas"),
        ("The Économie of Crème Brûlée!", "x", "economie-creme-brulee"),
        ("Supercalifragilisticexpialidocious words", "x", "supercalifragilisticexpialidocio"),
        ("The", "x", "the"),
        # A title in another script is transliterated (unidecode): once "53-2018" for this one.
        ("Путин: 53 года, 2018", "x", "putin-53-goda-2018"),
        ("梁文锋", "Liang Profile (2)", "liang-wen-feng"),
        (None, "我的文章", "wo-de-wen-zhang"),
        (None, "💡", "source"),
    ],
)
def test_suggest_key(title: str | None, fallback: str, key: str) -> None:
    assert suggest_key(title, fallback) == key


# --- Refusals: each says why, exits 1 (2 for a malformed option), and writes nothing. ------


def refused(*args: str, code: int = 1) -> str:
    before = {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()}
    result = run("add-source", *args)
    assert result.exit_code == code, result.output
    assert {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()} == before
    return result.output


def test_refuses_a_key_already_in_the_catalogue(project: Path) -> None:
    run("add-source", "../page.html", "--key", "seeds")
    Path("../other.txt").write_text("Other text.\n", encoding="utf-8")
    assert refused("../other.txt", "--key", "seeds") == (
        "Error: seeds/sources.yaml already has a source 'seeds' (seeds.txt); choose another --key\n"
    )


def test_refuses_a_file_already_in_seeds(project: Path) -> None:
    Path("seeds/seeds.txt").write_text("someone's file\n", encoding="utf-8")
    assert refused("../page.html", "--key", "seeds") == (
        "Error: seeds/seeds.txt already exists; choose another --key, or move that file away\n"
    )


def test_refuses_a_text_already_added(project: Path) -> None:
    run("add-source", "../page.html", "--key", "seeds")
    assert refused("../page.html", "--key", "again") == (
        "Error: seeds/sources.yaml already has this text, as source 'seeds' (seeds.txt); "
        "nothing was added\n"
    )


def test_refuses_a_key_ending_in_a_line_break(project: Path) -> None:
    assert refused("../page.html", "--key", "abc\n", code=2).endswith(
        # The line break shown as its escape, so the message stays on one line.
        "Error: Invalid value for '--key': 'abc\\n' is not a key: use lowercase letters, "
        "digits and hyphens (e.g. my-article)\n"
    )


def test_a_page_of_endless_blocks_is_read_in_bounded_time(project: Path) -> None:
    # trafilatura's fallback extractors take time growing with the square of a page's blocks:
    # 25 s for this 400 KB page. A page of so many is read by its main extractor alone.
    paragraph = "<p>" + " ".join(f"Paragraph {i} about a librarian and her tomatoes." for i in range(10)) + "</p>"
    Path("../lists.html").write_text(
        f"<html><body>{paragraph}{'<ul><li>a</li></ul>' * 21_000}{paragraph}</body></html>", encoding="utf-8"
    )
    start = time.perf_counter()
    assert run("add-source", "../lists.html", "--key", "lists").exit_code == 0
    assert time.perf_counter() - start < 15
    assert "Paragraph 9 about a librarian" in Path("seeds/lists.txt").read_text(encoding="utf-8")


def test_refuses_a_malformed_key(project: Path) -> None:
    assert refused("../page.html", "--key", "My Article", code=2).endswith(
        "Error: Invalid value for '--key': 'My Article' is not a key: use lowercase letters, "
        "digits and hyphens (e.g. my-article)\n"
    )


def test_the_library_refuses_a_key_that_names_a_path(project: Path) -> None:
    from citedeck.commands.add_source import BadKey, add_source
    from citedeck.load.project import Project

    before = sorted(p.name for p in project.rglob("*"))
    with pytest.raises(BadKey, match="'../escape' is not a key"):
        add_source(Project(Path(".")), Path("../page.html"), key="../escape")
    assert sorted(p.name for p in project.rglob("*")) == before
    assert not (project / "escape.txt").exists()


def test_refuses_other_kinds_of_file(project: Path) -> None:
    Path("../paper.docx").write_bytes(b"PK\x03\x04")
    assert refused("../paper.docx") == (
        "Error: cannot add paper.docx: citedeck adds .txt, .md, .html, .htm and .pdf files\n"
    )
    Path("../paper.pdf").write_bytes(b"%PDF-1.4")
    assert refused("../paper.pdf") == (
        "Error: ../paper.pdf cannot be read as a PDF (Stream has ended unexpectedly); nothing was added\n"
    )


def test_refuses_a_page_without_article_text(project: Path) -> None:
    Path("../blank.html").write_text(
        "<html><head><title>Only a title</title></head><body></body></html>", encoding="utf-8"
    )
    assert refused("../blank.html") == "Error: found no article text in ../blank.html; nothing was added\n"


def test_a_page_date_comes_from_its_metadata_never_its_text(project: Path) -> None:
    undated = PAGE.replace('<meta property="article:published_time" content="2024-05-02T08:00:00Z">\n', "")
    assert "2019" in undated and "2024-05-02" not in undated
    Path("../undated.html").write_text(undated, encoding="utf-8")
    result = run("add-source", "../undated.html")
    assert "  date:      (none)\n" in result.output
    [entry] = yaml.safe_load(catalogue())["sources"]
    assert entry["key"] == "seed-libraries-lending-tomatoes" and "date" not in entry


def test_refuses_a_page_with_next_to_no_article_text(project: Path) -> None:
    Path("../menu.html").write_text(
        "<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>", encoding="utf-8"
    )
    assert refused("../menu.html") == (
        'Error: found only 1 word of article text in ../menu.html ("Menu"); nothing was added\n'
    )


def test_refuses_an_empty_text(project: Path) -> None:
    Path("../empty.txt").write_text(" \n\n", encoding="utf-8")
    assert refused("../empty.txt") == "Error: found no text in ../empty.txt; nothing was added\n"


def test_refuses_a_file_over_the_seeds_limit_unread(project: Path) -> None:
    with open("../huge.txt", "wb") as huge:
        huge.truncate(25 * 1024**2)  # sparse: over the 20 MiB the seeds loader reads
    tracemalloc.start()
    output = refused("../huge.txt")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert output == "Error: ../huge.txt is 25.0 MiB; articles are limited to 20 MiB; nothing was added\n"
    assert peak < 5_000_000  # once read whole, and stored


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_refuses_a_device_unread(project: Path) -> None:
    Path("../zero.txt").symlink_to("/dev/zero")  # its size says 0; it never ends
    assert refused("../zero.txt") == (
        "Error: cannot read ../zero.txt: not a regular file (a named pipe or a device?)\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.html"])
def test_refuses_a_named_pipe_without_waiting_for_a_writer(project: Path, name: str) -> None:
    os.mkfifo(f"../{name}")  # opened to be read, it would wait for a writer: none comes
    before = {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()}
    done = subprocess.run(
        [sys.executable, "-c", "from citedeck.cli import run; run()", "add-source", f"../{name}"],
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", f"Error: cannot read ../{name}: not a regular file (a named pipe or a device?)\n"
    )
    assert {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()} == before


def test_refuses_a_text_over_the_limit_once_stored_as_utf8(project: Path) -> None:
    Path("../latin.txt").write_bytes(b"\xe9" * 12 * 1024**2)  # 12 MiB of "é", 2 bytes each in UTF-8
    assert refused("../latin.txt", "--encoding", "latin-1") == (
        "Error: ../latin.txt is 24.0 MiB as UTF-8 text; articles are limited to 20 MiB; nothing was added\n"
    )


def test_refuses_a_text_of_no_known_encoding(project: Path) -> None:
    Path("../noise.txt").write_bytes(bytes(range(1, 256)) * 2)
    assert refused("../noise.txt") == (
        "Error: cannot tell the text encoding of ../noise.txt; save it as UTF-8, or name its "
        "encoding with --encoding\n"
    )


def test_refuses_a_wrong_or_unknown_encoding(project: Path) -> None:
    Path("../cafe.txt").write_bytes("café\n".encode("cp1252"))
    assert refused("../cafe.txt", "--encoding", "utf-16-be") == (
        "Error: ../cafe.txt is not utf-16-be: byte 0x0a at offset 4\n"
    )
    assert refused("../cafe.txt", "--encoding", "klingon") == "Error: unknown encoding 'klingon'\n"
    assert refused("../cafe.txt", "--encoding", "base64") == "Error: 'base64' is not a text encoding\n"
    # After citedeck's words comes the codec's own, which Python rewords: "undefined encoding"
    # on 3.13, "decoding with 'undefined' codec failed (UnicodeError: …)" before.
    assert re.fullmatch(
        r"Error: \.\./cafe\.txt cannot be read as undefined: [^\n]+\n",
        refused("../cafe.txt", "--encoding", "undefined"),
    )


def test_refuses_text_decoding_to_half_a_character(project: Path) -> None:
    # utf-7 and unicode_escape can spell a lone surrogate, which no UTF-8 file can store.
    Path("../half.txt").write_bytes(b"A text +2AA- and more words.\n")
    assert refused("../half.txt", "--encoding", "utf-7") == (
        "Error: ../half.txt read as utf-7 holds a character UTF-8 cannot store (U+D800) at "
        "character 7\n"
    )
    assert sorted(p.name for p in Path("seeds").iterdir()) == ["sources.yaml"]


def test_refuses_a_folder_that_is_no_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("text\n", encoding="utf-8")
    assert refused("a.txt", code=2).endswith(
        "Error: Invalid value for '--root': this folder holds no deck project (no cards/, seeds/ "
        "or citedeck.toml): run citedeck in the deck's folder, give that folder with --root, or "
        "start a deck with citedeck init\n"
    )
    Path("cards").mkdir()  # a deck with its catalogue missing
    assert refused("a.txt") == (
        "Error: seeds/sources.yaml not found: start a deck project with citedeck init "
        "(or give its folder with --root)\n"
    )


def test_refuses_a_broken_catalogue(project: Path) -> None:
    Path("seeds/sources.yaml").write_text("sources:\n  - key: a\n    fil: a.txt\n", encoding="utf-8")
    assert refused("../page.html") == (
        "seeds/sources.yaml:2:5: error[schema-missing-key]: source 'a' has no 'file'\n"
        "seeds/sources.yaml:3:5: error[schema-unknown-key]: unknown key 'fil' in a source; "
        "did you mean 'file'?\n"
        "  hint: allowed keys: key, file, title, short, publisher, author, date, url, language\n"
        "Error: fix seeds/sources.yaml first; nothing was added\n"
    )


def test_a_failed_catalogue_write_leaves_no_article_behind(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import citedeck.commands.add_source

    def full_disk(path: Path):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(citedeck.commands.add_source, "replacing", full_disk)
    assert refused("../page.html") == "Error: cannot add ../page.html: No space left on device\n"


def test_a_missing_file_is_a_usage_error(project: Path) -> None:
    assert refused("../nowhere.html", code=2).endswith(
        "Error: Invalid value for 'FILE': File '../nowhere.html' does not exist.\n"
    )


# --- Appending to the catalogue: every byte already there stays. -------------------------

ENTRY = [("key", yaml_string("new")), ("file", yaml_string("new.txt"))]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "# mine\nsources:\n  - key: a  # first\n    file: a.txt\n# the end\n",
            '# mine\nsources:\n  - key: a  # first\n    file: a.txt\n# the end\n  - key: "new"\n    file: "new.txt"\n',
        ),
        (
            "sources:\n- key: a\n  file: a.txt",
            'sources:\n- key: a\n  file: a.txt\n- key: "new"\n  file: "new.txt"\n',
        ),
        (
            "sources: []  # none yet\n# more\n",
            'sources:  # none yet\n  - key: "new"\n    file: "new.txt"\n# more\n',
        ),
        (
            "\ufeffsources: []\r\n",
            '\ufeffsources:\r\n  - key: "new"\r\n    file: "new.txt"\r\n',
        ),
        (
            "sources: [{key: a, file: a.txt}]\n",
            'sources: [{key: a, file: a.txt}, {key: "new", file: "new.txt"}]\n',
        ),
        ("{sources: []}\n", '{sources: [{key: "new", file: "new.txt"}]}\n'),
        # Old Mac line ends, which the YAML reader counts as editors do.
        (
            "# c\rsources:\r  - key: a\r    file: a.txt\r",
            '# c\rsources:\r  - key: a\r    file: a.txt\r  - key: "new"\r    file: "new.txt"\r',
        ),
        ("sources: []  # none\r", 'sources:  # none\r  - key: "new"\r    file: "new.txt"\r'),
        # A comment inside an empty flow list stays: the item goes in after it.
        (
            "sources: [  # keep me\n  ]\n",
            'sources: [  # keep me\n  {key: "new", file: "new.txt"}]\n',
        ),
    ],
)
def test_appended_entry(before: str, after: str) -> None:
    assert appended_entry(before.encode("utf-8"), ENTRY).decode("utf-8") == after


@pytest.mark.parametrize(
    "before",
    [
        "sources: !!seq []\n",
        "sources:\n  - key: a\n    file: a.txt\n...\n",
        # A title kept whole (|+) at the end of a file without a final line end would gain one.
        "sources:\n  - key: a\n    file: a.txt\n    title: |+\n      multi",
    ],
    ids=["tagged-list", "document-end", "kept-block-scalar-at-the-end"],
)
def test_a_layout_that_takes_no_item_is_refused_with_nothing_written(
    project: Path, before: str
) -> None:
    Path("seeds/sources.yaml").write_text(before, encoding="utf-8")
    if "key: a" in before:
        Path("seeds/a.txt").write_text("A text.\n", encoding="utf-8")
    seeds = sorted(Path("seeds").iterdir())
    assert refused("../page.html", "--key", "page") == (
        "Error: the catalogue is laid out in a way citedeck cannot add to without rewriting it; "
        "nothing was added. Add the article by hand, with this item in its sources list:\n"
        '  - key: "page"\n    file: "page.txt"\n    title: "Seed Libraries Are Lending Tomatoes"\n'
        '    publisher: "The Example Gazette"\n    author: "Ada Byline"\n    date: "2024-05-02"\n\n'
    )
    assert Path("seeds/sources.yaml").read_text(encoding="utf-8") == before
    assert sorted(Path("seeds").iterdir()) == seeds


def test_yaml_string_reads_back_as_written() -> None:
    import yaml

    for value in ['say "hi" \\ back', "yes", "2024-05-02", "null", "tab\tline\nnel\x85del\x7f", "c1 \x9d", "梁 🐋 ’"]:
        assert yaml.safe_load(f"v: {yaml_string(value)}") == {"v": value}


# --- End to end: a saved page to a card in real Anki, its citation from the page. ---------


def test_from_a_saved_page_to_a_card_in_anki(project: Path, tmp_path: Path) -> None:
    Path("../page.html").write_text(PAGE.replace("</head>", CANONICAL), encoding="utf-8")
    assert run("add-source", "../page.html").exit_code == 0
    Path("cards/seeds.yaml").write_text(CARD, encoding="utf-8")
    result = run("check")
    assert result.output == "checked 1 card in 2 files against 1 source: no problems\n"
    result = run("build")
    assert result.output == "built 1 card from 1 source into build/citedeck.apkg\n"
    assert result.exit_code == 0
    col, log = import_into_anki(tmp_path / "c.anki2", project / "build" / "citedeck.apkg")
    try:
        assert len(log.new) == 1
        card = col.get_card(col.find_cards('"CardId:seeds-librarian"')[0])
        assert col.decks.name(card.did) == "Reading list"
        back = card.render_output().answer_text
        assert (
            '<span class="title">Seed Libraries Are Lending Tomatoes</span> · '
            '<span class="publisher">The Example Gazette</span> · '
            '<span class="author">by Ada Byline</span> · '
            '<span class="date">2024-05-02</span> · '
            '<span class="where">seeds/seed-libraries-lending-tomatoes.txt, line 3</span> · '
            '<a class="link" href="https://gazette.example/2024/05/seed-libraries'
            '#:~:text=said%20Maria%20Lopez%2C%20the,the%20collection%20in%202019">'
            "the passage in the article</a>"
        ) in back
    finally:
        col.close()


# --- The README's "Your own deck" transcript is real. ------------------------------------


def readme_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Your own deck\n")[1].split("\n## ")[0]


def test_readme_transcript(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each console block's commands give the output shown; the YAML block is the card file."""
    section = readme_section()
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```(console|yaml)\n(.*?)```", section, re.DOTALL)
    assert [kind for kind, _ in blocks] == ["console", "console", "yaml", "console"]
    for kind, block in blocks:
        if kind == "yaml":
            path, text = block.split("\n", 1)
            Path(path.removeprefix("# ")).write_text(text, encoding="utf-8")
            continue
        for command, expected in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, re.MULTILINE):
            if command.startswith("cd "):
                monkeypatch.chdir(command[3:])
                continue
            args = _split(command)
            assert args[0] == "citedeck", command
            result = CliRunner().invoke(main, args[1:])
            assert result.output == expected, command
            assert result.exit_code == 0, command


def _split(command: str) -> list[str]:
    """Shell words: spaces split, double quotes group."""
    return [a or b for a, b in re.findall(r'"([^"]*)"|(\S+)', command)]


def test_add_sources_run_at_once_each_keep_their_entry(project: Path) -> None:
    # Each read the catalogue, appended and replaced it: run together, all but two entries
    # were lost (their articles left in seeds/, named by nothing).
    for number in range(8):
        Path(f"../article{number}.txt").write_text(f"Article number {number} says something.\n", encoding="utf-8")
    command = [sys.executable, "-c", "from citedeck.cli import run; run()"]
    runs = [
        subprocess.Popen([*command, "add-source", f"../article{number}.txt", "--key", f"a{number}"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for number in range(8)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0] * 8
    keys = [source["key"] for source in yaml.safe_load(catalogue())["sources"]]
    assert sorted(keys) == [f"a{number}" for number in range(8)]
    assert sorted(p.name for p in Path("seeds").iterdir()) == sorted(
        ["sources.yaml", *(f"a{number}.txt" for number in range(8))]
    )


def test_where_the_seeds_folder_cannot_be_locked_the_article_is_still_added(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NFS takes flock as a lock on what is open for writing, which a folder cannot be.
    import fcntl  # here: there is none on Windows

    def refused_lock(descriptor: int, operation: int) -> None:
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(fcntl, "flock", refused_lock)
    assert run("add-source", "../page.html").exit_code == 0
    assert "seed-libraries-lending-tomatoes" in catalogue()


def test_blocks_are_paragraphs_list_items_and_divisions_not_inline_spans() -> None:
    assert _blocks(b"<P>a</p><li class=x>b<div>c<span>d</span><td>e<h2>f<pre>g") == 5
    assert _blocks("<p>\u00e9</p>") == 1


def test_a_page_author_is_cleaned_of_labels_roles_and_the_site(project: Path) -> None:
    Path("../byline.html").write_text(
        PAGE.replace('content="Ada Byline"', 'content="Written by Ada Byline, Staff Writer; The Example Gazette"'),
        encoding="utf-8",
    )
    result = run("add-source", "../byline.html")
    assert result.exit_code == 0, result.output
    assert "  author:    Ada Byline\n" in result.output
    assert '    author: "Ada Byline"\n' in catalogue()


def test_a_doubtful_author_or_publisher_is_left_out_and_said_so(project: Path) -> None:
    Path("../doubtful.html").write_text(
        PAGE.replace('content="Ada Byline"', 'content="Ada Byline March"').replace(
            'content="The Example Gazette"', 'content="WordPress"'
        ),
        encoding="utf-8",
    )
    result = run("add-source", "../doubtful.html")
    assert result.exit_code == 0, result.output
    assert (
        '  publisher: (none: left out "WordPress": WordPress is the platform the page is hosted on; '
        "give it with --publisher)\n"
        '  author:    (none: left out "Ada Byline March": it ends in a month\'s name (March), '
        "perhaps of a date glued on; give it with --author)\n"
    ) in result.output
    [entry] = yaml.safe_load(catalogue())["sources"]
    assert "author" not in entry and "publisher" not in entry


def test_the_published_date_is_taken_and_the_update_named(project: Path) -> None:
    Path("../updated.html").write_text(
        PAGE.replace(
            "</head>", '<meta property="article:modified_time" content="2024-06-10T09:00:00Z">\n</head>'
        ),
        encoding="utf-8",
    )
    result = run("add-source", "../updated.html")
    assert "  date:      2024-05-02 (published; updated 2024-06-10)\n" in result.output
    assert '    date: "2024-05-02"\n' in catalogue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "is a PNG image, not text"),
        ("saved.htm", b"<html>\x00\x01\x02", "holds binary data (a zero byte at offset 6), not text"),
    ],
)
def test_content_not_the_name_says_what_a_file_is(project: Path, name: str, data: bytes, kind: str) -> None:
    Path(f"../{name}").write_bytes(data)
    assert refused(f"../{name}") == f"Error: ../{name} {kind}; nothing was added\n"
    assert yaml.safe_load(catalogue())["sources"] == []


HOMEPAGE = "".join(
    ["<html><head><title>The Example Gazette</title></head><body><main><ul>"]
    + [f'<li><a href="/story{n}">Town council votes on story number {n} today</a></li>' for n in range(12)]
    + ["</ul><p>Welcome to the Example Gazette, the news of Exampleton and the towns around it.</p>"]
    + ["</main></body></html>"]
)


def test_a_page_that_is_no_article_is_warned_of_and_refused_with_strict(project: Path) -> None:
    Path("../home.html").write_text(HOMEPAGE, encoding="utf-8")
    warning = (
        "warning: ../home.html does not look like an article: 96 of its 98 words are links' "
        "(a homepage or an index?) (--strict refuses such a page)\n"
    )
    strict = run("add-source", "../home.html", "--strict")
    assert (strict.exit_code, strict.output) == (
        1,
        "Error: ../home.html does not look like an article: 96 of its 98 words are links' "
        "(a homepage or an index?); nothing was added (--strict)\n",
    )
    assert yaml.safe_load(catalogue())["sources"] == []
    result = run("add-source", "../home.html")
    assert result.exit_code == 0
    assert warning in result.output


LATIN1_PAGE = PAGE.replace('<meta charset="utf-8">', "{charset}").replace(
    "In the town of Exampleton", "In the très small town of Exampleton"
)


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("", "cp1252"), ('<meta charset="utf-8">', "cp1252"), ('<meta charset="iso-8859-1">', "cp1252")],
)
def test_a_page_in_latin1_is_read_as_such_whatever_it_declares(project: Path, charset: str, encoding: str) -> None:
    Path("../latin.html").write_bytes(LATIN1_PAGE.format(charset=charset).encode("cp1252"))
    result = run("add-source", "../latin.html")
    assert result.exit_code == 0, result.output
    assert (
        f"  encoding:  {encoding}, stored as UTF-8\n"
        "  read as:   In the très small town of Exampleton, the public library now lends 340 k\n"
    ) in result.output
    assert "très small" in Path("seeds/seed-libraries-lending-tomatoes.txt").read_text(encoding="utf-8")


def test_a_page_encoding_can_be_named(project: Path) -> None:
    Path("../cyrillic.html").write_bytes(
        PAGE.replace('<meta charset="utf-8">', "").replace("Maria Lopez", "Мария Лопес").encode("cp1251")
    )
    result = run("add-source", "../cyrillic.html", "--encoding", "cp1251")
    assert "  encoding:  cp1251, stored as UTF-8\n" in result.output
    assert "said Мария Лопес" in Path("seeds/seed-libraries-lending-tomatoes.txt").read_text(encoding="utf-8")


CJK_PAGE = """\
<html><head><meta charset="utf-8"><title>東京の図書館が種を貸し出す</title>
<meta property="og:site_name" content="例の新聞"></head><body><article>
<h1>東京の図書館が種を貸し出す</h1>
<p>東京の図書館は本と一緒に種を貸し出している。</p>
</article></body></html>
"""


def test_words_of_chinese_and_japanese_are_counted_by_unicode_rules(project: Path) -> None:
    # Counted by spaces, this page was one "word" and refused.
    Path("../tokyo.html").write_text(CJK_PAGE, encoding="utf-8")
    result = run("add-source", "../tokyo.html")
    assert result.exit_code == 0, result.output
    assert "added 'dong-jing-no-tu' to seeds/sources.yaml:\n" in result.output


@pytest.mark.parametrize("charset", ["", '<meta charset="windows-1251">', '<meta charset="utf-8">'])
def test_a_page_s_words_are_counted_as_it_was_decoded_whatever_it_declares(charset: str) -> None:
    # Its markup is text already: read again by the charset it declares (or Latin-1 when it
    # declares none), Chinese became Latin letters and Cyrillic mojibake, and miscounted.
    page = f'<html><head>{charset}</head><body><p>东京的图书馆借出种子</p><a href="/">首页</a></body></html>'
    assert _linked_words(page) == (12, 2)


def test_text_of_bare_list_lines_or_short_lines_is_no_article() -> None:
    listed = "\n".join(["An opening paragraph of the page, long enough to read as prose."] + ["- Sports"] * 8)
    assert _not_an_article(listed, "") == (
        "does not look like an article: 8 of its 9 lines are list items (a homepage or an index?)",
    )
    headlines = "\n".join(f"Headline number {n}" for n in range(10))
    assert _not_an_article(headlines, "") == (
        "does not look like an article: 10 of its 10 lines are under 6 words (links or headlines?)",
    )
    assert _not_an_article(PAGE_TEXT, PAGE) == ()


def _story(n: int) -> str:
    return (
        f"<p>Paragraph {n} of the story tells how the library in Exampleton lends seeds to its "
        "borrowers, who return them after the harvest each autumn season.</p>"
    )


# The article's first paragraphs in <main>, the rest after an ad block outside it: trafilatura
# keeps only the first three.
CUT_PAGE = (
    "<html><head><title>Seeds After the Ad</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    f"<main><div class='story'>{''.join(_story(n) for n in range(3))}</div></main>"
    "<div class='advert'>Ad</div>"
    f"<div>{''.join(_story(n) for n in range(3, 9))}</div></body></html>"
)


def test_a_page_cut_short_is_said_so_and_its_fuller_text_kept_when_asked(project: Path) -> None:
    Path("../cut.html").write_text(CUT_PAGE, encoding="utf-8")
    result = run("add-source", "../cut.html")
    assert result.exit_code == 0, result.output
    assert (
        "warning: ../cut.html may be cut short: trafilatura kept 75 words, a reading favouring "
        "recall finds 225 (an ad block mid-article? a lead paragraph outside it?); --full-text "
        "stores the fuller text (--strict refuses such a page)\n"
    ) in result.output
    assert "Paragraph 8" not in Path("seeds/seeds-after-ad.txt").read_text(encoding="utf-8")
    fuller = run("add-source", "../cut.html", "--full-text", "--key", "fuller")
    assert fuller.exit_code == 0, fuller.output
    assert "warning" not in fuller.output
    stored = Path("seeds/fuller.txt").read_text(encoding="utf-8")
    assert stored.count("Paragraph ") == 9 and stored.index("Paragraph 0") < stored.index("Paragraph 8")
    strict = run("add-source", "../cut.html", "--strict", "--key", "strict")
    assert strict.exit_code == 1 and strict.output.endswith("; nothing was added (--strict)\n")



def test_the_page_canonical_url_is_catalogued(project: Path) -> None:
    Path("../page.html").write_text(PAGE.replace("</head>", CANONICAL), encoding="utf-8")
    result = run("add-source", "../page.html", "--key", "seeds")
    assert result.exit_code == 0, result.output
    assert "  date:      2024-05-02 (published)\n  url:       https://gazette.example/2024/05/seed-libraries\n" in result.output
    assert catalogue().endswith(
        '    date: "2024-05-02"\n    url: "https://gazette.example/2024/05/seed-libraries"\n'
    )


def test_a_url_given_wins_over_the_page_and_one_that_is_no_web_address_is_refused(project: Path) -> None:
    Path("../page.html").write_text(PAGE.replace("</head>", CANONICAL), encoding="utf-8")
    assert refused("../page.html", "--url", "javascript:alert(1)", code=2).endswith(
        "Error: Invalid value for '--url': 'javascript:alert(1)' is not a web address: it must "
        "begin http:// or https://\n"
    )
    assert not Path("seeds/seed-libraries-lending-tomatoes.txt").exists()
    result = run("add-source", "../page.html", "--url", "https://mirror.example/seeds")
    assert result.exit_code == 0, result.output
    assert catalogue().endswith('    url: "https://mirror.example/seeds"\n')


def test_a_canonical_url_that_is_no_web_address_is_left_out_and_said_so(project: Path) -> None:
    odd = '<link rel="canonical" href="https://gazette.example:news/seeds">\n</head>'
    Path("../page.html").write_text(PAGE.replace("</head>", odd), encoding="utf-8")
    result = run("add-source", "../page.html", "--key", "seeds")
    assert result.exit_code == 0, result.output
    assert (
        '  url:       (none: left out "https://gazette.example:news/seeds": the page\'s address '
        "is not a URL (Port could not be cast to integer value as 'news'); give it with --url)\n"
    ) in result.output
    assert "url:" not in catalogue()


def test_a_text_file_has_no_url_unless_given(project: Path) -> None:
    Path("../a.txt").write_text("An article of a few words. " * 5, encoding="utf-8")
    result = run("add-source", "../a.txt", "--key", "a")
    assert "url" not in result.output and "url" not in catalogue()
    Path("../b.txt").write_text("Another article of a few words. " * 5, encoding="utf-8")
    assert run("add-source", "../b.txt", "--key", "b", "--url", "http://b.example/").exit_code == 0
    assert catalogue().endswith('    file: "b.txt"\n    url: "http://b.example/"\n')


def test_a_page_in_a_language_of_latin_letters_gets_the_language_it_declares(project: Path) -> None:
    Path("../german.html").write_text(PAGE.replace("<html>", '<html lang="de-DE">'), encoding="utf-8")
    result = run("add-source", "../german.html")
    assert "  language:  de (as the page declares it; edit it in seeds/sources.yaml if wrong)\n" in result.output
    assert '    language: "de"\n' in catalogue()
    # A language citedeck does not read is no tag to catalogue: the article is taken for English.
    Path("../russian.html").write_text(PAGE.replace("<html>", '<html lang="ru">').replace("Seed", "Russian seed"), encoding="utf-8")
    result = run("add-source", "../russian.html")
    assert result.exit_code == 0 and "language:" not in result.output
