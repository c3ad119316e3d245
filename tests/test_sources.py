"""The shipped seed catalogue, and the catalogue's own checks."""

from __future__ import annotations

import hashlib

from conftest import REPO

from citedeck.load.catalogue import load_catalogue
from citedeck.load.diagnostics import sort_key
from citedeck.load.project import Project
from citedeck.output.report import format_text


def test_shipped_catalogue_metadata() -> None:
    catalogue, problems = load_catalogue(Project(REPO))
    assert problems == []
    assert [(s.key, s.file, s.title, s.publisher, s.author) for s in catalogue.sources.values()] == [
        ("restofworld", "000_06cf52921cbf3fe8.txt",
         "DeepSeek’s rise shows why China’s top AI talent is skipping Silicon Valley", "Rest of World", None),
        ("comeback", "001_290cb6f758a64024.txt", "DeepSeek's Comeback Amid Silicon Valley Talent Exodus", None, None),
        ("bloomberg", "002_0c42aba78143f44b.txt",
         "China could yet trump the US in a global scramble for AI talent", "Bloomberg Opinion", None),
        ("nyt", "003_ab8ac3ee00bb6825.txt",
         "What DeepSeek’s Success Says About China’s Ability to Nurture Talent", "The New York Times", "Vivian Wang"),
        ("liang-profile", "004_ebb659519f0ddc96.txt", None, None, None),
    ]


def test_a_misspelt_seed_file_gets_the_nearest_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "tomatoes.txt").write_text("Seed libraries lend tomatoes.", encoding="utf-8")
    (tmp_path / "seeds" / "sources.yaml").write_text(
        "sources:\n  - key: a\n    file: tomatoe.txt\n  - key: b\n    file: seeds/tomatoes.txt\n",
        encoding="utf-8",
    )
    _, problems = load_catalogue(Project(tmp_path))
    assert [d.message for d in problems] == [
        "source file 'tomatoe.txt' not found in seeds/; did you mean 'tomatoes.txt'?",
        "source file 'seeds/tomatoes.txt' not found in seeds/; did you mean 'tomatoes.txt'?",
    ]


def test_seeds_are_the_originals() -> None:
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        return
    for original in sorted(shared.glob("*.txt")):
        copy = REPO / "seeds" / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()


def test_a_short_title_is_a_run_of_whole_words_of_the_title(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Some text.", encoding="utf-8")
    (seeds / "sources.yaml").write_text(
        "sources:\n"
        "  - key: a\n    file: a.txt\n    title: \"DeepSeek’s Comeback: Amid an Exodus\"\n"
        "    short: \"deepseek's comeback\"\n"
        "  - key: b\n    file: a.txt\n    title: DeepSeek's Comeback Amid Exodus\n"
        "    short: Seek's Comeback\n"
        "  - key: c\n    file: a.txt\n    short: The Comeback\n",
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(Project(tmp_path))
    assert catalogue.infos["a"].short == "deepseek's comeback"
    assert catalogue.infos["b"].short is None and catalogue.infos["c"].short is None
    shown = f"{tmp_path.as_posix()}/seeds/sources.yaml"
    hint = (
        "  hint: a short title is the start (or another part) of the article's own title, never "
        "a name of the deck's making\n"
    )
    assert format_text(problems) == (
        f"{shown}:9:12: error[source-short]: short title 'Seek's Comeback' is not a run of whole "
        f"words of its title\n{hint}"
        f"{shown}:12:12: error[source-short]: short title 'The Comeback' is not a run of whole "
        f"words of a title (the source has none)\n{hint}"
    )


def test_catalogue_problems(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Some text.", encoding="utf-8")
    (seeds / "empty.txt").write_text("  \n", encoding="utf-8")
    (seeds / "void.txt").write_bytes(b"")
    (seeds / "latin1.txt").write_bytes(b"caf\xe9")
    (seeds / "sources.yaml").write_text(
        "sources:\n"
        "  - key: a\n    file: a.txt\n"
        "  - key: a\n    file: a.txt\n"
        "  - key: Bad Key\n    file: a.txt\n"
        "  - key: b\n    file: missing.txt\n"
        "  - key: c\n    file: ../../etc/passwd\n"
        "  - key: d\n    file: empty.txt\n"
        "  - key: e\n    file: latin1.txt\n    titel: x\n"
        "  - key: f\n    file: void.txt\n",
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(Project(tmp_path))
    assert list(catalogue.sources) == ["a"]
    shown = f"{tmp_path.as_posix()}/seeds/sources.yaml"
    assert format_text(sorted(problems, key=sort_key)) == (
        # Where the byte stands in the article itself, where it is fixed.
        f"{tmp_path.as_posix()}/seeds/latin1.txt:1:4: error[source-encoding]: file is not valid "
        "UTF-8 (byte 0xe9); save it as UTF-8\n"
        f"  hint: or take it out (its file and its entry in {shown}) and add it again with "
        "citedeck add-source FILE --encoding NAME\n"
    ) + "".join(
        f"{shown}:{line}\n"
        for line in [
            "4:10: error[source-duplicate]: duplicate source key 'a' (first defined at line 2)",
            "6:10: error[source-key]: source key 'Bad Key' must be lowercase letters, digits and hyphens",
            ("9:11: error[source-file]: source file 'missing.txt' not found in seeds/\n"
             "  hint: file names a file in seeds/: 'file: article.txt' for seeds/article.txt"),
            "11:11: error[source-file]: source file '../../etc/passwd' is outside seeds/; keep articles in seeds/",
            "13:11: error[source-empty]: source file 'empty.txt' is empty",
            ("16:5: error[schema-unknown-key]: unknown key 'titel' in a source; did you mean 'title'?\n"
            "  hint: allowed keys: key, file, title, short, publisher, author, date, url, language"),
            "18:11: error[source-empty]: source file 'void.txt' is empty",
        ]
    )


def test_a_source_language_is_a_bcp47_tag_citedeck_reads(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Some text.", encoding="utf-8")
    (seeds / "sources.yaml").write_text(
        "sources:\n"
        "  - key: a\n    file: a.txt\n"
        "  - key: b\n    file: a.txt\n    language: zh-Hans\n"
        "  - key: c\n    file: a.txt\n    language: DE\n"
        "  - key: d\n    file: a.txt\n    language: sv\n"
        "  - key: e\n    file: a.txt\n    language: english\n",
        encoding="utf-8",
    )
    catalogue, problems = load_catalogue(Project(tmp_path))
    assert [catalogue.infos[k].language for k in "abcde"] == ["en", "zh", "de", "en", "en"]
    assert catalogue["b"].language == "zh"
    shown = f"{tmp_path.as_posix()}/seeds/sources.yaml"
    hint = (
        "  hint: languages: en (English), zh (Chinese), ja (Japanese), ko (Korean), de (German), "
        "fr (French), es (Spanish), it (Italian), pt (Portuguese), nl (Dutch)\n"
    )
    assert format_text(problems) == (
        f"{shown}:12:15: error[source-language]: language 'sv' is not one citedeck reads\n{hint}"
        f"{shown}:15:15: error[source-language]: language 'english' is not one citedeck reads: "
        f"a language is a BCP 47 tag such as 'de' or 'zh-Hans'\n{hint}"
    )
