"""`citedeck stats` on a small fixture deck: the exact table and the same numbers as JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citedeck.cli import main

CARDS = """\
source: liang-profile
cards:
  - id: lp-gpus
    type: figure
    question: How many Nvidia H800s did DeepSeek say it trained on?
    answer: "2,048"
    quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s"
  - id: lp-founder
    type: who
    question: Which hedge fund manager founded DeepSeek?
    answer: Liang Wenfeng
    quote: "DeepSeek, founded by hedge fund manager Liang Wenfeng ... released its R1 model on Monday"
  - id: row-pan
    type: source
    source: restofworld
    question: Which outlet reported that Zizheng Pan chose DeepSeek without much hesitation?
    answer: Rest of World
    quote: "Pan chose DeepSeek without much hesitation"
"""


def test_stats_table(deck) -> None:
    root = deck(mix=CARDS)
    result = CliRunner().invoke(main, ["stats", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "source         who  figure  source  total  coverage\n"
        "-------------  ---  ------  ------  -----  --------------------\n"
        "restofworld      0       0       1      1  2% (1/43 sentences)\n"
        "comeback         0       0       0      0  0% (0/37 sentences)\n"
        "bloomberg        0       0       0      0  0% (0/48 sentences)\n"
        "nyt              0       0       0      0  0% (0/70 sentences)\n"
        "liang-profile    1       1       0      2  4% (2/52 sentences)\n"
        "-------------  ---  ------  ------  -----  --------------------\n"
        "total            1       1       1      3  1% (3/250 sentences)\n"
    )


def test_stats_json(deck) -> None:
    root = deck(mix=CARDS)
    result = CliRunner().invoke(main, ["stats", "--root", str(root), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["total"] == {
        "counts": {"who": 1, "figure": 1, "source": 1},
        "total": 3,
        "sentences": 250,
        "covered": 3,
        "coverage": 0.012,
    }
    assert data["sources"][-1] == {
        "key": "liang-profile",
        "counts": {"who": 1, "figure": 1, "source": 0},
        "sentences": 52,
        "covered": 2,
        "total": 2,
        "coverage": 0.0385,
    }


def test_stats_with_errors_counts_cards_as_written_and_exits_1(deck) -> None:
    root = deck(mix=CARDS)
    clean = CliRunner().invoke(main, ["stats", "--root", str(root)])
    assert clean.exit_code == 0
    deck(mix=CARDS.replace('answer: "2,048"', 'answer: "2,049"'))
    result = CliRunner().invoke(main, ["stats", "--root", str(root)])
    assert result.exit_code == 1
    assert "liang-profile    1       1       0      2" in result.stdout
    assert result.stdout == clean.stdout  # the broken card is counted as it is written
    assert result.stderr == "note: the deck has 1 error (run citedeck check)\n"
