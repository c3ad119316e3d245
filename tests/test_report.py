"""The output formats: exact text for the same findings in each, and `check --format`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citedeck.cli import main
from citedeck.load.diagnostics import Position, error, warning
from citedeck.output.report import FORMATS, format_github, format_json, format_text, summary

QUOTE = error(
    "cards/nyt.yaml",
    Position(14, 12),
    "quote-not-found",
    "quote not found in 'nyt' (003.txt); closest sentence (line 1): \"Yes, 100% true.\"",
    "Yes, 100% true.",
)
KEY = error(
    "cards/a,b:c.yaml",
    Position(3, 5),
    "schema-unknown-key",
    "unknown key 'qoute' in a card; did you mean 'quote'?",
    "allowed keys: id, type",
    end=Position(3, 10),
)
BLOCK = error(
    "cards/x.yaml",
    Position(4, 12),
    "yaml-tag",
    "unsupported YAML tag '!!binary':\r\nonly plain YAML is read",
    end=Position(6, 1),
)
ASKED = warning("cards/nyt.yaml", Position(20, 15), "answer-in-question", "the question gives the answer away")
FINDINGS = [QUOTE, KEY, BLOCK, ASKED]


def test_text() -> None:
    assert format_text([QUOTE, KEY, ASKED]) == (
        "cards/nyt.yaml:14:12: error[quote-not-found]: quote not found in 'nyt' (003.txt); "
        'closest sentence (line 1): "Yes, 100% true."\n'
        "cards/a,b:c.yaml:3:5: error[schema-unknown-key]: unknown key 'qoute' in a card; did you mean 'quote'?\n"
        "  hint: allowed keys: id, type\n"
        "cards/nyt.yaml:20:15: warning[answer-in-question]: the question gives the answer away\n"
    )


def test_json() -> None:
    assert format_json([QUOTE, KEY]) == """\
[
  {
    "path": "cards/nyt.yaml",
    "line": 14,
    "column": 12,
    "end_line": null,
    "end_column": null,
    "code": "quote-not-found",
    "severity": "error",
    "message": "quote not found in 'nyt' (003.txt); closest sentence (line 1): \\"Yes, 100% true.\\"",
    "hint": "Yes, 100% true."
  },
  {
    "path": "cards/a,b:c.yaml",
    "line": 3,
    "column": 5,
    "end_line": 3,
    "end_column": 10,
    "code": "schema-unknown-key",
    "severity": "error",
    "message": "unknown key 'qoute' in a card; did you mean 'quote'?",
    "hint": "allowed keys: id, type"
  }
]
"""


def test_json_round_trips_every_field_and_keeps_text_unescaped() -> None:
    curly = warning("cards/é.yaml", Position(1, 2), "who-not-in-quote", "answer “Liang” — not there")
    [loaded] = json.loads(format_json([curly]))
    assert loaded == {
        "path": "cards/é.yaml", "line": 1, "column": 2, "end_line": None, "end_column": None,
        "code": "who-not-in-quote", "severity": "warning", "message": "answer “Liang” — not there",
        "hint": None,
    }
    assert "“Liang”" in format_json([curly])
    assert format_json([]) == "[]\n"


def test_github() -> None:
    assert format_github(FINDINGS) == (
        # The hint is already in the message, so it is not repeated; % is escaped.
        "::error file=cards/nyt.yaml,line=14,col=12,title=citedeck quote-not-found::quote not "
        "found in 'nyt' (003.txt); closest sentence (line 1): \"Yes, 100%25 true.\"\n"
        # Properties escape , and : too; a hint goes on a line of its own.
        "::error file=cards/a%2Cb%3Ac.yaml,line=3,col=5,endLine=3,endColumn=10,"
        "title=citedeck schema-unknown-key::unknown key 'qoute' in a card; did you mean "
        "'quote'?%0Ahint: allowed keys: id, type\n"
        # A finding over several lines carries no columns; a line feed in a message is encoded
        # (a CR, which could overwrite the line, shown as its escape).
        "::error file=cards/x.yaml,line=4,endLine=6,title=citedeck yaml-tag::unsupported YAML "
        "tag '!!binary':\\r%0Aonly plain YAML is read\n"
        "::warning file=cards/nyt.yaml,line=20,col=15,title=citedeck answer-in-question::the "
        "question gives the answer away\n"
    )
    assert format_github([]) == ""


def test_control_characters_are_shown_as_escapes_not_sent_to_the_terminal() -> None:
    found = [
        error("cards/\x1b[2J.yaml", Position(1, 1), "yaml-syntax", "bad\x07 value", hint="see \x9b31m"),
    ]
    assert format_text(found) == (
        "cards/\\x1b[2J.yaml:1:1: error[yaml-syntax]: bad\\x07 value\n  hint: see \\x9b31m\n"
    )
    assert format_github(found) == (
        "::error file=cards/\\x1b[2J.yaml,line=1,col=1,title=citedeck yaml-syntax::bad\\x07 value%0Ahint: see \\x9b31m\n"
    )
    # A value with line breaks cannot forge a finding of its own, nor NEL or U+2028 end a line.
    forged = [error("cards/a.yaml", Position(2, 3), "who-not-in-quote", "'Bob\r/x.yaml:1:1: error[fake]: no\nJo\x85n\u2028e'")]
    assert format_text(forged) == (
        "cards/a.yaml:2:3: error[who-not-in-quote]: 'Bob\\r/x.yaml:1:1: error[fake]: no\\nJo\\x85n\\u2028e'\n"
    )
    # JSON escapes C0 controls itself, and C1 and the line separators here; a program reading
    # it gets every value as it is.
    odd = [error("cards/\x1b\x9b2J.yaml", Position(1, 1), "yaml-syntax", "a\x85b\u2028c\x7f")]
    text = format_json(odd)
    assert not any(char in text for char in "\x1b\x9b\x85\u2028\x7f")
    assert '"cards/\\u001b\\u009b2J.yaml"' in text and '"a\\u0085b\\u2028c\\u007f"' in text
    assert json.loads(text)[0]["path"] == "cards/\x1b\x9b2J.yaml"
    assert json.loads(text)[0]["message"] == "a\x85b\u2028c\x7f"


def test_a_card_file_named_with_a_control_character_is_named_printably(deck) -> None:
    root = deck(**{"\x1b[2J": "cards: [\n"})
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.output.startswith(f"{root.as_posix()}/cards/\\x1b[2J.yaml:2:1: error[yaml-syntax]: ")
    assert "\x1b" not in result.output


def test_every_format_is_offered_by_check() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert "[text|json|github]" in result.output
    assert list(FORMATS) == ["text", "json", "github"]


def test_summary_is_unchanged() -> None:
    assert summary(1, 1, 5, 0, 0) == "checked 1 card in 1 file against 5 sources: no problems"
    assert summary(3, 2, 1, 2, 1) == "checked 3 cards in 2 files against 1 source: 2 errors, 1 warning"


CARDS = """\
source: liang-profile
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek claim to have trained on?
    answer: "2,049"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
  - id: lp-founder
    type: who
    question: Did Liang Wenfeng found DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng"
"""


def test_check_format_github(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(lp=CARDS))
    result = CliRunner().invoke(main, ["check", "--format", "github"])
    assert result.exit_code == 1
    assert result.output == (
        "::error file=cards/lp.yaml,line=6,col=13,title=citedeck figure-mismatch::the answer's "
        "'2,049' is not a number in the quote (the quote has '2,048')\n"
        "::warning file=cards/lp.yaml,line=10,col=15,title=citedeck answer-in-question::the "
        "question gives the answer away: it contains 'Liang Wenfeng'\n"
        "checked 2 cards in 1 file against 5 sources: 1 error, 1 warning\n"
    )


def test_check_format_json_keeps_stdout_parseable(deck, monkeypatch) -> None:
    monkeypatch.chdir(deck(lp=CARDS))
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    assert [(f["line"], f["code"], f["severity"]) for f in json.loads(result.stdout)] == [
        (6, "figure-mismatch", "error"),
        (10, "answer-in-question", "warning"),
    ]
    assert result.stderr == "checked 2 cards in 1 file against 5 sources: 1 error, 1 warning\n"


def test_check_format_json_clean_deck_is_an_empty_list(deck) -> None:
    root = deck(lp=CARDS.replace('"2,049"', '"2,048"').replace("Did Liang Wenfeng found", "Who founded"))
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout == "[]\n"


def test_check_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'." in result.output
