"""Hostile and broken input: always exact findings (path:line:col, code, message), exit 1, never a
traceback, never a hang; and whatever text gets through reaches Anki as text, unchanged."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path

import anki.collection  # before anything imports anki.cards
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, SEEDS, import_into_anki

from citedeck.cli import main
from citedeck.load.cards import Citable, load_cards
from citedeck.load.project import read_at_most

sys.path.insert(0, str(REPO / "benchmarks"))
import scale  # its runner measures a process's own time and memory

CLI = [sys.executable, "-c", "from citedeck.cli import run; run()"]
GOOD = """\
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,048"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deck project holding the real seeds and no cards, as the current directory."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "cards").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str, content: str | bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def check(*args: str) -> tuple[int, str]:
    """`citedeck check` in the current directory: its exit code and output, never a traceback."""
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def run_cli(root: Path, *args: str, timeout: float = 60) -> tuple[int, str, float, float]:
    """citedeck in its own process (a crash in C would otherwise take pytest down): exit code,
    output, seconds, and its own peak resident memory in MB; a failure past `timeout`."""
    try:
        done = scale.run([*CLI, *args], root, timeout=timeout)
    except TimeoutError as exc:
        pytest.fail(str(exc))
    assert "Traceback" not in done.output
    return done.exit_code, done.output, done.seconds, done.peak_mb


def summary(cards: int, files: int, errors: int, sources: int = 5) -> str:
    card_word = "card" if cards == 1 else "cards"
    file_word = "file" if files == 1 else "files"
    error_word = "error" if errors == 1 else "errors"
    return f"checked {cards} {card_word} in {files} {file_word} against {sources} sources: {errors} {error_word}\n"


# --- YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("cards: [\n", (
            "2:1: error[yaml-syntax]: YAML syntax error: did not find expected node content "
            "(while parsing a flow node)"
        )),
        ('cards:\n  - id: a\n    question: "unclosed\n', (
            "3:15: error[yaml-syntax]: YAML syntax error: a quoted value starts here and is never "
            "closed\n  hint: end it with the quote mark it starts with"
        )),
        ('cards:\n  - id: a\n    answer: "Pavel Durov\n    quote: "the founder of Telegram"\n', (
            "4:13: error[yaml-syntax]: YAML syntax error: did not find expected key (while parsing "
            "a block mapping)\n  hint: is the closing quote of the value on line 3 missing?"
        )),
        ("cards:\n  - id: a\n    question: Who's the founder?\n    quote: 'the founder'of Telegram\n", (
            # An apostrophe in a plain value opens nothing: no line is blamed.
            "4:25: error[yaml-syntax]: YAML syntax error: did not find expected key (while parsing "
            "a block mapping)"
        )),
        ("cards:\n  - id: a\n   type: who\n", (
            "3:4: error[yaml-syntax]: YAML syntax error: did not find expected '-' indicator "
            "(while parsing a block collection)"
        )),
        ("cards:\n  - id: a: b\n", (
            "2:10: error[yaml-syntax]: YAML syntax error: mapping values are not allowed in this "
            'context\n  hint: a value holding ": " goes in quotes: question: "Who said: this?"'
        )),
        ("cards: []\n---\ncards: []\n", (
            "2:1: error[yaml-syntax]: YAML syntax error: but found another document "
            "(expected a single document in the stream)"
        )),
        ("cards:\n\t- id: a\n", (
            "2:1: error[yaml-syntax]: YAML syntax error: a tab character; YAML indents with spaces, never tabs"
        )),
        ("source: nyt\ncards:\n  - id: a\n\t  type: who\n", (
            "4:1: error[yaml-syntax]: YAML syntax error: a tab character; YAML indents with spaces, never tabs"
        )),
    ],
    ids=["unclosed-flow", "unclosed-quote", "unclosed-quote-mid-file", "text-after-a-quote", "indentation", "colon-in-plain", "two-documents", "tab", "tab-inside"],
)
def test_yaml_syntax_errors(project: Path, text: str, finding: str) -> None:
    write("cards/broken.yaml", text)
    assert check() == (1, f"cards/broken.yaml:{finding}\n" + summary(0, 1, 1))


def test_duplicate_keys_are_errors_not_last_wins(project: Path) -> None:
    write("cards/dup.yaml", "source: liang-profile\ncards:\n" + GOOD + "    answer: '2048'\nsource: nyt\n")
    assert check() == (1, (
        "cards/dup.yaml:8:5: error[yaml-duplicate-key]: duplicate key 'answer' (first defined at line 6)\n"
        "  hint: if it starts a new card or source, begin that with '- '\n"
        "cards/dup.yaml:9:1: error[yaml-duplicate-key]: duplicate key 'source' (first defined at line 1)\n"
        + summary(1, 1, 2)
    ))


def test_unknown_tags_are_refused_and_never_run(project: Path, tmp_path: Path) -> None:
    def payloads(made: Path) -> tuple[str, str]:
        return (f"!!python/object/apply:os.system ['touch {made / 'by-shell'}']",
                f"!!python/object/apply:os.mkdir [{str(made / 'by-mkdir')!r}]")

    # The payloads are live: a loader that honours Python tags runs them.
    proof = tmp_path / "unsafe-load"
    proof.mkdir()
    for payload in payloads(proof):
        yaml.unsafe_load(payload)
    assert sorted(p.name for p in proof.iterdir()) == ["by-mkdir", "by-shell"]
    marker = tmp_path / "citedeck"
    marker.mkdir()
    shell, mkdir = payloads(marker)
    write("cards/tags.yaml", (
        f"!!python/name:os.system : x\n"
        f"source: {shell}\n"
        f"tags: {mkdir}\n"
        f"cards:\n"
        f"  - !card {{id: a}}\n"
        f"  - id: !!binary aGVsbG8=\n"
        f"    type: !!set {{who}}\n"
        f"    question: !!timestamp 2024-01-01\n"
        f"    answer: !!python/str a\n"
        f"    quote: !!omap [a: 1]\n"
    ))
    code, output = check()
    assert list(marker.iterdir()) == []
    assert (code, output) == (1, (
        "cards/tags.yaml:1:1: error[yaml-tag]: unsupported YAML tag '!!python/name:os.system': only plain YAML is read\n"
        "cards/tags.yaml:2:9: error[yaml-tag]: unsupported YAML tag '!!python/object/apply:os.system': "
        "only plain YAML is read\n"
        "cards/tags.yaml:3:7: error[yaml-tag]: unsupported YAML tag '!!python/object/apply:os.mkdir': "
        "only plain YAML is read\n"
        "cards/tags.yaml:5:5: error[yaml-tag]: unsupported YAML tag '!card': only plain YAML is read\n"
        "cards/tags.yaml:6:9: error[yaml-tag]: unsupported YAML tag '!!binary': only plain YAML is read\n"
        "cards/tags.yaml:7:11: error[yaml-tag]: unsupported YAML tag '!!set': only plain YAML is read\n"
        "cards/tags.yaml:9:13: error[yaml-tag]: unsupported YAML tag '!!python/str': only plain YAML is read\n"
        "cards/tags.yaml:10:12: error[yaml-tag]: unsupported YAML tag '!!omap': only plain YAML is read\n"
        + summary(2, 1, 8)
    ))


CONTROL = (
    "error[yaml-value]: cannot read value: it holds the control character U+{}, written as an escape\n"
    "  hint: text holds no control characters but tabs and line breaks"
)


@pytest.mark.parametrize("field", ["id", "type", "question", "answer", "quote", "source", "note", "tags"])
@pytest.mark.parametrize(
    ("value", "finding"),
    [
        ("!!binary aGVsbG8=", "error[yaml-tag]: unsupported YAML tag '!!binary': only plain YAML is read"),
        ("!!set {a}", "error[yaml-tag]: unsupported YAML tag '!!set': only plain YAML is read"),
        ("!card x", "error[yaml-tag]: unsupported YAML tag '!card': only plain YAML is read"),
        ("!!int abc", "error[yaml-value]: cannot read value: invalid literal for int() with base 10: 'abc'"),
        ("*x", "error[yaml-alias]: YAML anchors and aliases (&name, *name) are not supported"),
        # Anki's field separator: once, the deck built and Anki refused the whole package.
        ('"two\\x1ffields"', CONTROL.format("001F")),
        ('"\\e[2J"', CONTROL.format("001B")),
        ('"nul\\0"', CONTROL.format("0000")),
        ('"c1\\x9b"', CONTROL.format("009B")),
    ],
    ids=["binary", "set", "local-tag", "bad-int", "alias", "field-separator", "escape", "nul", "c1"],
)
def test_an_unreadable_field_leaves_its_card_unbuilt(project: Path, field: str, value: str, finding: str) -> None:
    # Once, an unreadable question, answer or quote built a card holding None, and the quote
    # rule crashed on it with a traceback.
    fields = {
        "id": "lp-gpus",
        "type": "figure",
        "question": "How many Nvidia H800s did DeepSeek claim to have trained on?",
        "answer": '"2,048"',
        "quote": '"DeepSeek claimed to have used just 2,048 Nvidia H800s"',
        "source": "liang-profile",
        "note": "a note",
        "tags": "[gpus]",
    }
    fields[field] = value if field != "tags" else f"[gpus, {value}]"
    write("cards/tagged.yaml", "cards:\n" + "".join(
        f"{'  - ' if n == 0 else '    '}{key}: {text}\n" for n, (key, text) in enumerate(fields.items())
    ))
    line = 2 + list(fields).index(field)
    col = 7 + len(field) + (len("[gpus, ") if field == "tags" else 0)
    assert check() == (1, f"cards/tagged.yaml:{line}:{col}: {finding}\n" + summary(1, 1, 1))


def test_control_characters_in_keys_and_the_catalogue_are_findings_but_tabs_and_breaks_are_text(
    project: Path,
) -> None:
    catalogue = Path("seeds/sources.yaml")
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("publisher: Rest of World", 'publisher: "Rest\\x1fof World"'),
        encoding="utf-8",
    )
    write("cards/lp.yaml", (
        "source: liang-profile\n"
        "cards:\n"
        "  - id: lp-gpus\n"
        '    "ty\\x1bpe": figure\n'
        "    question: How many Nvidia H800s did DeepSeek claim to have trained on?\n"
        '    answer: "2,048"\n'
        '    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"\n'
        '    note: "a tab\\there, and\\na line break\\r\\n"\n'
    ))
    assert check() == (1, (
        "cards/lp.yaml:3:5: error[schema-missing-key]: card 'lp-gpus' has no 'type'\n"
        + "cards/lp.yaml:4:5: error[yaml-key]: cannot read key: it holds the control character U+001B, "
        + "written as an escape\n  hint: text holds no control characters but tabs and line breaks\n"
        + CONTROL.format("001F").join(["seeds/sources.yaml:10:16: ", "\n"])
        + summary(1, 1, 3)
    ))


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{key}: &{key} [{','.join([f'*{before}'] * 9)}]\n" for before, key in zip("abcdefgh", "bcdefghi")
) + "cards: *i\n"


def test_alias_bomb_is_refused_at_once(project: Path) -> None:
    write("cards/bomb.yaml", BILLION_LAUGHS)
    write("cards/loop.yaml", "cards: &c [*c]\n")
    tracemalloc.start()
    start = time.perf_counter()
    load_cards("cards/bomb.yaml", Path("cards/bomb.yaml").read_bytes(), Citable(frozenset({"nyt"})))
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 1 and peak < 2_000_000  # a billion "lol"s would be gigabytes
    assert check() == (1, (
        "".join(f"cards/bomb.yaml:{n}:1: error[schema-unknown-key]: unknown key '{key}' in a card file\n"
                "  hint: allowed keys: source, tags, cards\n"
                + ("cards/bomb.yaml:2:8: error[yaml-alias]: YAML anchors and aliases (&name, *name) are not "
                   "supported\n" if key == "b" else "")
                for n, key in enumerate("abcdefghi", start=1))
        + "cards/loop.yaml:1:12: error[yaml-alias]: YAML anchors and aliases (&name, *name) are not supported\n"
        + summary(1, 2, 11)  # loop.yaml's list holds one item, an alias
    ))


def test_a_50_mb_file_is_refused_unread(project: Path) -> None:
    line = "# " + "x" * 1022 + "\n"
    write("cards/huge.yaml", line * 50 * 1024)
    start = time.perf_counter()
    assert check() == (1, (
        "cards/huge.yaml:1:1: error[yaml-too-large]: file is 50.0 MiB; YAML files are limited to 20 MiB "
        "(split it into several files)\n" + summary(0, 1, 1)
    ))
    assert time.perf_counter() - start < 2


def test_a_file_of_too_many_values_is_refused_in_bounded_time_and_memory(project: Path) -> None:
    write("cards/wide.yaml", "cards: [" + ",".join(["1"] * 600_000) + "]\n")
    code, output, seconds, peak_mb = run_cli(project, "check")
    assert (code, output) == (1, (
        "cards/wide.yaml:1:1000005: error[yaml-too-large]: file holds more than 500,000 values "
        "(split it into several files)\n" + summary(0, 1, 1)
    ))
    assert seconds < 30 and peak_mb < 500


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_of_endless_mistakes_lists_the_first_thousand(project: Path, fmt: str) -> None:
    # 100,000 empty cards (300 KB) are 600,000 mistakes: listed whole, the JSON took 1.5 GB.
    write("cards/empty.yaml", "cards:\n" + "  - {}\n" * 100_000)
    code, output, seconds, peak_mb = run_cli(project, "check", "--format", fmt)
    assert code == 1 and seconds < 30 and peak_mb < 300
    last = (
        "cards/empty.yaml:168:5: error[too-many-findings]: 599,000 more problems from here on are not "
        "listed (only the first 1,000 in a file are)\n  hint: fix those, and check again\n"
    )
    if fmt == "text":
        assert output.count("error[schema-missing-key]") == 1000
        assert output.endswith(last + summary(100_000, 1, 1001))
    else:
        found = json.loads(output.split("\nchecked")[0])
        assert len(found) == 1001 and found[-1]["code"] == "too-many-findings"
        assert (found[-1]["line"], found[-1]["column"]) == (168, 5)


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "], ids=["flow-lists", "flow-maps", "block-lists"])
def test_deep_nesting_is_refused_without_crashing(project: Path, opening: str) -> None:
    # libyaml's composer recurses in C: a million levels once crashed the interpreter.
    closing = {"[": "]", "{a: ": "}", "- ": ""}[opening]
    levels = 1_000_000
    write("cards/deep.yaml", "cards:\n  " + opening * levels + "x" + closing * levels + "\n")
    code, output, seconds, peak_mb = run_cli(project, "check")
    column = 3 + 64 * len(opening)
    libyaml = tuple(int(part) for part in yaml._yaml.get_version_string().split("."))
    if opening == "[" and libyaml >= (0, 2, 6):
        # This libyaml scans a run of "[" ahead before the first event, and stops at its own
        # limit, the 1,000th: the finding stands there.
        column = 2 + 1000
    assert (code, output) == (1, (
        f"cards/deep.yaml:2:{column}: error[yaml-too-deep]: nesting is deeper than 64 levels\n"
        + summary(0, 1, 1)
    ))
    assert seconds < 10 and peak_mb < 200


def test_not_utf8_bom_empty_and_comment_only_files(project: Path) -> None:
    write("cards/latin1.yaml", "source: nyt\ncards:\n  - id: café\n".encode("latin-1"))
    write("cards/bom.yaml", "\ufeffsource: liang-profile\ncards:\n" + GOOD + "    qoute: x\n")
    write("cards/empty.yaml", "")
    write("cards/comments.yaml", "# cards go here\n\n   # one day\n")
    write("cards/blank.yaml", "\n\n  \n")
    assert check() == (1, (
        "cards/blank.yaml:1:1: error[schema-top]: file is empty: expected a mapping with a 'cards' list\n"
        "cards/bom.yaml:8:5: error[schema-unknown-key]: unknown key 'qoute' in a card; did you mean 'quote'?\n"
        "  hint: allowed keys: id, type, question, answer, quote, source, tags, note, was\n"
        "cards/comments.yaml:1:1: error[schema-top]: file is empty: expected a mapping with a 'cards' list\n"
        "cards/empty.yaml:1:1: error[schema-top]: file is empty: expected a mapping with a 'cards' list\n"
        "cards/latin1.yaml:3:12: error[yaml-encoding]: file is not valid UTF-8 (byte 0xe9); save it as UTF-8\n"
        + summary(1, 5, 5)
    ))


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
def test_a_line_end_only_yaml_counts_does_not_shift_later_findings(project: Path, odd: str) -> None:
    # YAML ends a line at U+2028, U+2029 and U+0085; editors, grep -n and GitHub do not, and
    # findings must point where they look.
    write("cards/lp.yaml", (
        "source: liang-profile\ncards:\n  - id: a\n    type: who\n"
        f'    question: "Who{odd}founded it?"\n    answer: Liang Wenfeng\n'
        '    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"\n'
        "  - id: b\n    type: whom\n"
    ))
    assert "cards/lp.yaml:9:11: error[card-type]: unknown type 'whom'" in check()[1]
    write("cards/lp.yaml", f"cards:\n  - id: a\n    question: x {odd} y\n\t  answer: b\n")
    assert check()[1].startswith(
        "cards/lp.yaml:4:1: error[yaml-syntax]: YAML syntax error: a tab character; YAML indents "
        "with spaces, never tabs\n"
    )


def test_a_bom_is_read_past(project: Path) -> None:
    write("cards/bom.yaml", "\ufeffsource: liang-profile\ncards:\n" + GOOD)
    assert check() == (0, "checked 1 card in 1 file against 5 sources: no problems\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("where", ["cards/zz.yaml", "citedeck.toml", "seeds/000_06cf52921cbf3fe8.txt"])
def test_a_named_pipe_is_a_finding_not_a_wait(project: Path, where: str) -> None:
    # Opening a pipe to read waits for a writer: none comes, and the check must not wait.
    write("cards/lp.yaml", "source: liang-profile\ncards:\n" + GOOD)
    (project / where).unlink(missing_ok=True)
    os.mkfifo(project / where)
    code, output, _, _ = run_cli(project, "check", timeout=20)
    assert code == 1
    reason = "not a regular file (a named pipe or a device?)"
    if where == "seeds/000_06cf52921cbf3fe8.txt":
        assert f"seeds/sources.yaml:8:11: error[source-file]: cannot read source file '000_06cf52921cbf3fe8.txt': {reason}" in output
    else:
        assert f"{where}:1:1: error[io]: cannot read file: {reason}\n" in output


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_a_folder_where_a_file_should_be_is_refused_and_closed(tmp_path: Path) -> None:
    # Opening a folder succeeds; refusing it afterwards must close it again.
    before = len(list(Path("/proc/self/fd").iterdir()))
    for _ in range(5):
        with pytest.raises(IsADirectoryError):
            read_at_most(tmp_path, 100)
    assert len(list(Path("/proc/self/fd").iterdir())) == before


def test_wrong_types_at_every_level(project: Path) -> None:
    write("cards/a-list.yaml", "- cards\n")
    write("cards/b-scalar.yaml", "cards\n")
    write("cards/c-null.yaml", "---\n")
    write("cards/d-cards.yaml", "source: 12\ntags: {a: b}\ncards: {id: x}\n")
    write("cards/e-cards.yaml", "source: nyt\ncards: null\n")
    write("cards/f-items.yaml", "source: nyt\ncards:\n  - [a, b]\n  - plain\n  - 42\n  -\n")
    write("cards/g-fields.yaml", (
        "source: nyt\n"
        "tags: [ok, {a: 1}, bad tag, 5, [x]]\n"
        "cards:\n"
        "  - id: 12\n"
        "    type: [who]\n"
        "    question: 3.5\n"
        "    answer: true\n"
        "    quote: null\n"
        "    note: [a]\n"
        "    tags: x\n"
        "    source: {key: nyt}\n"
        "  - ? [complex, key]\n"
        "    : x\n"
        "    1: y\n"
        "    null: z\n"
        "    id: ''\n"
        "    type: ' '\n"
    ))
    assert check() == (1, (
        "cards/a-list.yaml:1:1: error[schema-type]: a card file must be a mapping, not a list\n"
        "cards/b-scalar.yaml:1:1: error[schema-type]: a card file must be a mapping, not a string\n"
        "cards/c-null.yaml:2:1: error[schema-type]: a card file must be a mapping, not empty (null)\n"
        "cards/d-cards.yaml:1:9: error[schema-type]: 'source' must be a string, not a number\n"
        "  hint: quote it to make it text: source: \"12\"\n"
        "cards/d-cards.yaml:2:7: error[schema-type]: 'tags' must be a list, not a mapping\n"
        "cards/d-cards.yaml:3:8: error[schema-type]: 'cards' must be a list, not a mapping\n"
        "cards/e-cards.yaml:2:8: error[schema-type]: 'cards' must be a list, not empty (null)\n"
        "cards/f-items.yaml:3:5: error[schema-type]: each card must be a mapping, not a list\n"
        "cards/f-items.yaml:4:5: error[schema-type]: each card must be a mapping, not a string\n"
        "cards/f-items.yaml:5:5: error[schema-type]: each card must be a mapping, not a number\n"
        "cards/f-items.yaml:6:4: error[schema-type]: each card must be a mapping, not empty (null)\n"
        "cards/g-fields.yaml:2:12: error[schema-type]: each of 'tags' must be a string, not a mapping\n"
        "cards/g-fields.yaml:2:20: error[schema-format]: tag 'bad tag' is not valid: a tag holds no "
        "spaces or double quotes (Anki splits tags at spaces)\n"
        "cards/g-fields.yaml:2:29: error[schema-type]: each of 'tags' must be a string, not a number\n"
        "cards/g-fields.yaml:2:32: error[schema-type]: each of 'tags' must be a string, not a list\n"
        "cards/g-fields.yaml:4:9: error[schema-type]: 'id' must be a string, not a number\n"
        "  hint: quote it to make it text: id: \"12\"\n"
        "cards/g-fields.yaml:5:11: error[schema-type]: 'type' must be a string, not a list\n"
        "cards/g-fields.yaml:6:15: error[schema-type]: 'question' must be a string, not a number\n"
        "  hint: quote it to make it text: question: \"3.5\"\n"
        "cards/g-fields.yaml:7:13: error[schema-type]: 'answer' must be a string, not a boolean\n"
        "  hint: quote it to make it text: answer: \"true\"\n"
        "cards/g-fields.yaml:8:12: error[schema-type]: 'quote' must be a string, not empty (null)\n"
        "cards/g-fields.yaml:9:11: error[schema-type]: 'note' must be a string, not a list\n"
        "cards/g-fields.yaml:10:11: error[schema-type]: 'tags' must be a list, not a string\n"
        "  hint: write it as a list: tags: [x]\n"
        "cards/g-fields.yaml:11:13: error[schema-type]: 'source' must be a string, not a mapping\n"
        "cards/g-fields.yaml:12:5: error[schema-missing-key]: card has no 'question'\n"
        "cards/g-fields.yaml:12:5: error[schema-missing-key]: card has no 'answer'\n"
        "cards/g-fields.yaml:12:5: error[schema-missing-key]: card has no 'quote'\n"
        "cards/g-fields.yaml:12:7: error[yaml-key]: mapping keys must be plain strings\n"
        "cards/g-fields.yaml:14:5: error[schema-unknown-key]: unknown key '1' in a card\n"
        "  hint: allowed keys: id, type, question, answer, quote, source, tags, note, was\n"
        "cards/g-fields.yaml:15:5: error[schema-unknown-key]: unknown key 'null' in a card\n"
        "  hint: allowed keys: id, type, question, answer, quote, source, tags, note, was\n"
        "cards/g-fields.yaml:16:9: error[schema-empty]: 'id' is empty\n"
        "cards/g-fields.yaml:17:11: error[schema-empty]: 'type' is empty\n"
        + summary(6, 7, 31)
    ))


# --- Sources ---------------------------------------------------------------------------------


def test_hostile_source_catalogue(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "latin1.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    (seeds / "empty.txt").write_text(" \n\n", encoding="utf-8")
    (seeds / "folder.txt").mkdir()
    (seeds / "passwd-link.txt").symlink_to("/etc/passwd")
    (seeds / "up-link.txt").symlink_to("../cards")
    (seeds / "profile-link.txt").symlink_to("004_ebb659519f0ddc96.txt")
    outside = project / "outside.txt"
    outside.write_text("Secret text outside the seeds.", encoding="utf-8")
    write("seeds/sources.yaml", (
        "sources:\n"
        "  - key: liang-profile\n    file: 004_ebb659519f0ddc96.txt\n"
        "  - key: missing\n    file: nowhere.txt\n"
        "  - key: climb\n    file: ../../etc/passwd\n"
        "  - key: absolute\n    file: /etc/passwd\n"
        f"  - key: absolute-inside\n    file: {seeds / '004_ebb659519f0ddc96.txt'}\n"
        "  - key: sibling\n    file: ../outside.txt\n"
        "  - key: link-out\n    file: passwd-link.txt\n"
        "  - key: link-up\n    file: up-link.txt\n"
        "  - key: latin\n    file: latin1.txt\n"
        "  - key: empty\n    file: empty.txt\n"
        "  - key: folder\n    file: folder.txt\n"
        "  - key: seeds\n    file: .\n"
        "  - key: twice\n    file: profile-link.txt\n    file: empty.txt\n"
        "  - key: liang-profile\n    file: profile-link.txt\n"
        "  - key: 7\n    file: 004_ebb659519f0ddc96.txt\n"
        "  - key: tagged\n    file: !!python/object/apply:os.getcwd []\n"
        "  - key: linked\n    file: profile-link.txt\n    title: <b>Linked</b>\n"
    ))
    write("cards/lp.yaml", "source: linked\ncards:\n" + GOOD)
    shown = "seeds/sources.yaml"
    assert check() == (1, (
        "seeds/latin1.txt:1:4: error[source-encoding]: file is not valid UTF-8 (byte 0xe9); save it as UTF-8\n"
        "  hint: or take it out (its file and its entry in seeds/sources.yaml) and add it again with "
        "citedeck add-source FILE --encoding NAME\n"
        f"{shown}:5:11: error[source-file]: source file 'nowhere.txt' not found in seeds/\n"
        "  hint: file names a file in seeds/: 'file: article.txt' for seeds/article.txt\n"
        f"{shown}:7:11: error[source-file]: source file '../../etc/passwd' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:9:11: error[source-file]: source file '/etc/passwd' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:11:11: error[source-file]: source file '{seeds / '004_ebb659519f0ddc96.txt'}' is outside "
        "seeds/; keep articles in seeds/\n"
        f"{shown}:13:11: error[source-file]: source file '../outside.txt' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:15:11: error[source-file]: source file 'passwd-link.txt' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:17:11: error[source-file]: source file 'up-link.txt' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:21:11: error[source-empty]: source file 'empty.txt' is empty\n"
        f"{shown}:23:11: error[source-file]: cannot read source file 'folder.txt': Is a directory\n"
        f"{shown}:25:11: error[source-file]: source file '.' is outside seeds/; keep articles in seeds/\n"
        f"{shown}:28:5: error[yaml-duplicate-key]: duplicate key 'file' (first defined at line 27)\n"
        "  hint: if it starts a new card or source, begin that with '- '\n"
        f"{shown}:29:10: error[source-duplicate]: duplicate source key 'liang-profile' (first defined at line 2)\n"
        f"{shown}:31:10: error[schema-type]: 'key' must be a string, not a number\n"
        "  hint: quote it to make it text: key: \"7\"\n"
        f"{shown}:34:11: error[yaml-tag]: unsupported YAML tag '!!python/object/apply:os.getcwd': "
        "only plain YAML is read\n"
        "checked 1 card in 1 file against 3 sources: 15 errors\n"
    ))


def test_a_source_name_no_path_can_hold_is_a_finding(project: Path) -> None:
    (project / "seeds" / "loop.txt").symlink_to("loop.txt")
    write("seeds/sources.yaml", (
        "sources:\n"
        "  - key: liang-profile\n    file: 004_ebb659519f0ddc96.txt\n"
        '  - key: nul\n    file: "004\\0.txt"\n'
        "  - key: loop\n    file: loop.txt\n"
    ))
    write("cards/lp.yaml", "source: liang-profile\ncards:\n" + GOOD)
    shown = "seeds/sources.yaml"
    code, output = check()
    # After citedeck's words comes Python's: "Symlink loop from '…'" (pathlib, up to 3.12) or
    # the system's "Too many levels of symbolic links" (3.13 resolves a loop as far as it goes).
    looped = "cannot read source file 'loop.txt': "
    output = re.sub(f"({re.escape(looped)}).+", r"\1…", output)
    assert (code, output) == (1, (
        # A NUL can only be written as an escape, which the reader refuses.
        CONTROL.format("0000").join([f"{shown}:5:11: ", "\n"])
        + f"{shown}:7:11: error[source-file]: {looped}…\n"
        + "checked 1 card in 1 file against 1 source: 2 errors\n"
    ))


def test_a_huge_source_file_is_refused_unread(project: Path) -> None:
    with open(project / "seeds" / "huge.txt", "wb") as huge:
        huge.truncate(3 * 1024**3)  # 3 GiB, sparse: reading it would exhaust memory
    write("seeds/sources.yaml", "sources:\n  - key: huge\n    file: huge.txt\n")
    write("cards/huge.yaml", "source: huge\ncards: []\n")
    start = time.perf_counter()
    assert check() == (1, (
        "cards/huge.yaml:1:9: error[source-unknown]: source 'huge' cannot be used: its article "
        "could not be read (see seeds/sources.yaml:3)\n"
        "seeds/sources.yaml:3:11: error[source-file]: source file 'huge.txt' is 3072.0 MiB; articles "
        "are limited to 20 MiB\n"
        "checked 0 cards in 1 file against 0 sources: 2 errors\n"
    ))
    assert time.perf_counter() - start < 2


# --- Fields in real Anki ---------------------------------------------------------------------


def build_and_import(root: Path, tmp_path: Path, normalize: bool = True):  # type: ignore[no-untyped-def]
    """Check and build the deck at `root` and import it into a fresh Anki collection."""
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["build", "--root", str(root), "-o", str(out)],
                                env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.output
    collection_path = tmp_path / "collection.anki2"
    if not normalize:
        col = anki.collection.Collection(str(collection_path))
        col.set_config("normalize_note_text", False)
        col.close()
    col, log = import_into_anki(collection_path, out)
    assert len(log.new) == col.note_count()
    return col


def note(col, card_id: str):  # type: ignore[no-untyped-def]
    return col.get_note(col.find_notes(f'"CardId:{card_id}"')[0])


HTML_SEED = (
    "Shown raw, the tag <script>alert('pwned')</script> would run & <img src=x onerror=alert(1)> too.\n"
    "Reporter <b>Bob</b> & <i>Alice</i> counted 42 <iframe src=evil></iframe> frames.\n"
)


def test_html_and_script_in_every_field_render_as_text(tmp_path: Path) -> None:
    root = tmp_path / "deck"
    write(str(root / "seeds/html.txt"), HTML_SEED)
    write(str(root / "seeds/sources.yaml"), (
        "sources:\n  - key: html\n    file: html.txt\n"
        "    title: \"<script>alert('title')</script>\"\n"
        "    publisher: <img src=x onerror=alert(2)>\n"
        "    author: <b>Mallory</b>\n"
        "    date: <i>2024</i>\n"
    ))
    write(str(root / "cards/html.yaml"), (
        "source: html\n"
        "tags: [<b>tag</b>]\n"
        "cards:\n"
        "  - id: html-who\n"
        "    type: who\n"
        "    question: \"<script>alert('question')</script> {{Question}} {{c1::cloze}} Who counted?\"\n"
        "    answer: <b>Bob</b>\n"
        "    quote: Reporter <b>Bob</b> & <i>Alice</i> counted\n"
        "    note: <iframe src=evil></iframe><style>body{display:none}</style>\n"
        "  - id: html-figure\n"
        "    type: figure\n"
        "    question: How many <iframe> frames?\n"
        "    answer: '42'\n"
        "    quote: counted 42 <iframe src=evil></iframe> frames\n"
        "  - id: html-source\n"
        "    type: source\n"
        "    question: Which outlet printed the script tag?\n"
        "    answer: <img src=x onerror=alert(2)>\n"
        "    quote: \"the tag <script>alert('pwned')</script> would run\"\n"
    ))
    col = build_and_import(root, tmp_path)
    try:
        for card_id in ("html-who", "html-figure", "html-source"):
            rendered = note(col, card_id).cards()[0].render_output()
            shown = rendered.question_text + rendered.answer_text
            for raw in ("<script", "<img", "<iframe", "<b>", "<i>", "<style"):
                assert raw not in shown, (card_id, raw)
        who = note(col, "html-who").cards()[0].render_output()
        assert "&lt;script&gt;alert(&#x27;question&#x27;)&lt;/script&gt; {{Question}} {{c1::cloze}} Who counted?" in (
            who.question_text
        )
        assert '<div class="answer">&lt;b&gt;Bob&lt;/b&gt;</div>' in who.answer_text
        assert "&lt;iframe src=evil&gt;&lt;/iframe&gt;&lt;style&gt;body{display:none}&lt;/style&gt;" in who.answer_text
        assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in who.answer_text
        assert "by &lt;b&gt;Mallory&lt;/b&gt;" in who.answer_text
        source = note(col, "html-source").cards()[0].render_output()
        assert '<div class="answer">&lt;img src=x onerror=alert(2)&gt;</div>' in source.answer_text
        # A source card's quote is not marked: its answer names the article, not a word here.
        assert (
            '<blockquote class="quote">the tag &lt;script&gt;alert(&#x27;pwned&#x27;)'
            "&lt;/script&gt; would run</blockquote>" in source.answer_text
        )
    finally:
        col.close()


def test_very_long_fields_reach_anki_whole(tmp_path: Path) -> None:
    root = tmp_path / "deck"
    paragraph = " ".join(f"Sentence {n} of a very long article, word{n} and word{n + 1}." for n in range(20_000))
    write(str(root / "seeds/long.txt"), paragraph + "\n")
    write(str(root / "seeds/sources.yaml"), "sources:\n  - key: long\n    file: long.txt\n    publisher: Longform\n")
    quote = paragraph[100_000:160_000].split(" ", 1)[1].rsplit(" ", 1)[0]
    question = "Which outlet wrote this? " + "Really, which one? " * 5_000
    long_note = "A note. " * 50_000
    write(str(root / "cards/long.yaml"), (
        "source: long\ncards:\n  - id: long-source\n    type: source\n"
        f"    question: {question.strip()!r}\n    answer: Longform\n"
        f"    quote: {quote!r}\n    note: {long_note.strip()!r}\n"
    ))
    col = build_and_import(root, tmp_path)
    try:
        stored = note(col, "long-source")
        assert stored["Question"] == question.strip()
        assert stored["Note"] == long_note.strip()
        assert stored["Quote"] == quote
        assert len(stored["Quote"]) > 59_000 and len(stored["Note"]) > 399_000
    finally:
        col.close()


UNICODE_SEED = (
    "The founder 梁文锋 said “我们要做AGI” in 2023, and 김민준 and 山田太郎 agreed.\n"
    "The whale 🐋 surfaced near Zoe\u0301’s boat while 👩\u200d👩\u200d👧 waved.\n"
    "שלום עליכם said the guide, and مرحبا بكم في المدينة the driver answered.\n"
)
UNICODE_CARDS = (
    "source: uni\n"
    "cards:\n"
    "  - id: uni-founder\n"
    "    type: who\n"
    "    question: 谁说要做AGI？🤖\n"
    "    answer: 梁文锋\n"
    "    quote: The founder 梁文锋 said “我们要做AGI”\n"
    "  - id: uni-whale\n"
    "    type: source\n"
    "    question: Where did the whale surface near Zoe\u0301's boat?\n"
    "    answer: שלום Press\n"
    "    quote: The whale 🐋 surfaced near Zoe\u0301’s boat while 👩\u200d👩\u200d👧 waved.\n"
    "    note: مرحبا بكم — 👩\u200d👩\u200d👧 — Z\u0335\u0321a\u0334l\u0337g\u0336o\n"
    "  - id: uni-guide\n"
    "    type: who\n"
    "    question: Who agreed with the founder?\n"
    "    answer: 김민준\n"
    "    quote: and 김민준 and 山田太郎 agreed\n"
)


@pytest.mark.parametrize("normalize", [False, True], ids=["exact", "anki-normalizes-to-nfc"])
def test_unicode_round_trips_into_anki(tmp_path: Path, normalize: bool) -> None:
    root = tmp_path / "deck"
    write(str(root / "seeds/uni.txt"), UNICODE_SEED)
    write(str(root / "seeds/sources.yaml"), "sources:\n  - key: uni\n    file: uni.txt\n    publisher: שלום Press\n")
    write(str(root / "cards/uni.yaml"), UNICODE_CARDS)
    cards = yaml.safe_load(UNICODE_CARDS)["cards"]
    col = build_and_import(root, tmp_path, normalize=normalize)
    try:
        for card in cards:
            stored = note(col, card["id"])
            for field in ("question", "answer", "note"):
                written = html.escape(card.get(field, ""))
                expected = unicodedata.normalize("NFC", written) if normalize else written
                assert stored[field.capitalize()] == expected, (card["id"], field)
        whale = note(col, "uni-whale")["Quote"]
        assert "🐋" in whale and "👩\u200d👩\u200d👧" in whale
        assert ("Zoé" if normalize else "Zoe\u0301") in whale
        assert note(col, "uni-founder")["Quote"] == "The founder <mark>梁文锋</mark> said “我们要做AGI”"
    finally:
        col.close()
