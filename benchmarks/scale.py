"""How citedeck scales: time `check`, `build` and the edit loop on a synthetic deck against the
floor, genanki alone writing the same notes from the same YAML.

    python benchmarks/scale.py                  # 1,000 and 20,000 cards over 20 and 500 sources
    python benchmarks/scale.py --cards 20000 --sources 500
    python benchmarks/scale.py --quick          # tiny sizes; the test suite runs this

Every figure is one subprocess, end to end (interpreter start, imports, reading, writing), run
with the interpreter running this script, with citedeck's bytecode compiled first (as an
install compiles it). Each round starts with an empty cache (CITEDECK_CACHE_DIR, a folder of
its own) and runs, in this order:

1. `citedeck check`, cold: it proves every card and keeps the catalogue and each card file's
   check in the cache;
2. `citedeck build` right after it, which takes everything from the cache and renders (the
   workflow check then build);
3. `citedeck build --no-cache`, fresh: it proves everything again (a build with no check before
   it);
4. the edit loop: one card's question in the first card file gets " (edited ...)" before its
   question mark (a new text each round, so the deck stays clean and the file is new to the
   cache), then `citedeck check` again: the re-check after a one-card edit, which proves that
   one file again and takes the rest from the cache;
5. the floor script below.

Each figure is the best of the rounds. Peak memory is each subprocess's own maximum resident
set size (ru_maxrss from os.wait4, taken by a small launcher process), not tracemalloc, so C
allocations (libyaml, sqlite, zlib) count too.

The targets (issue 18): a cold check plus the build after it within 2x the floor; the re-check
after a one-card edit at most a tenth of the cold check, at every size, and under 0.3 s at
1,000 cards over 20 sources; a peak under 500 MB; `citedeck --help` under 0.3 s; and time that
grows no faster than the cards or the sources do. Each is printed as a verdict, ok or MISSED.

The generated deck is meant to pass the checker: S sources of about 30 KB of prose each (with
curly quotes, dashes and non-breaking spaces for the folding to forgive), and N cards quoting
real passages of them. A third are `source` cards whose quotes stand in no other source; the
rest are `who` cards (the answer is a name in the quote) and `figure` cards (the answer is a
number in the quote, often written in another style). The script fails (exit non-zero) if a
check (cold or after the edit) does not come back clean, a package does not hold N notes, or
the build from the cache differs from the --no-cache build, so the figures always measure real,
correct work.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

SOURCE_BYTES = 30_000
VOCABULARY = 40_000
TARGET_RATIO = 2.0
TARGET_EDIT_SHARE = 0.1  # of the cold check
TARGET_EDIT_SECONDS = 0.3  # at EDIT_SIZE
EDIT_SIZE = (1_000, 20)  # cards, sources
TARGET_SIZE = (20_000, 500)  # where the ratio to the floor and the edit's share are judged
TARGET_MEMORY_MB = 500
TARGET_HELP_SECONDS = 0.3
# A cache entry's name: a 64-hex key.
_ENTRY = re.compile(r"[0-9a-f]{64}")

# The floor: the least any tool must do to turn these card files into a package. It reads the
# YAML with libyaml's CSafeLoader and hands the same fields and GUIDs to genanki, nothing else.
FLOOR = r"""
import html, sys, time
from pathlib import Path
import genanki, yaml

root, output, timestamp = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
model = genanki.Model(
    1727810184, "citedeck card",
    fields=[{"name": n} for n in
            ("Question", "Answer", "Quote", "Citation", "Source", "Note", "CardId", "Kind")],
    templates=[{"name": "Recall", "qfmt": "{{Question}}", "afmt": "{{Answer}}<hr>{{Quote}}"}],
)
deck = genanki.Deck(1786951981, "DeepSeek and China's AI Talent")
for path in sorted((root / "cards").glob("*.yaml")):
    data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    for card in data["cards"]:
        source = card.get("source", data["source"])
        fields = [html.escape(card["question"]), html.escape(card["answer"]),
                  html.escape(card["quote"]), html.escape(source), html.escape(source),
                  html.escape(card.get("note", "")), html.escape(card["id"]), card["type"]]
        deck.add_note(genanki.Note(model=model, fields=fields,
                                   guid=genanki.guid_for("citedeck", card["id"]),
                                   tags=["type::" + card["type"], "source::" + source]))
genanki.Package(deck).write_to_file(output, timestamp=timestamp)
"""

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "kl", "pr", "st", "tr", "sh", "th", "ch", "gr", "pl", "fr", "sk", "sl", "sp", "vr"]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "io"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "nd", "st", "rt"]
# Words the number reader gives meaning to; the syllables could spell some ("ten", "million").
_RESERVED = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand", "million",
    "billion", "trillion", "percent", "per", "cent", "dollar", "dollars", "euro", "euros",
    "pound", "pounds", "yuan", "an", "a",
}


@dataclass(frozen=True)
class Passage:
    """A run of whole words of one sentence, as the article has it and as a card quotes it."""

    words: list[str]
    feature: str  # "name", "figure" or "plain"
    answer: str


class Corpus:
    """Pseudo-English built from syllables: words no real text holds, so passages are unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        words: set[str] = set()
        while len(words) < VOCABULARY:
            syllables = rng.choice((1, 2, 2, 3, 3, 4))
            word = "".join(self._syllable() for _ in range(syllables))
            if word not in _RESERVED:
                words.add(word)
        self.words = sorted(words)
        rng.shuffle(self.words)
        # Zipf-like weights: a few common words, a long tail of rare ones, as in prose.
        self.weights = [1.0 / (rank + 10) for rank in range(len(self.words))]
        self.cumulative = list(_accumulate(self.weights))
        self.first_names = [w.capitalize() for w in self.words[:400]]
        self.surnames = [w.capitalize() + rng.choice(("ov", "ez", "son", "ski", "ani")) for w in self.words[400:4400]]

    def _syllable(self) -> str:
        return self.rng.choice(_ONSETS) + self.rng.choice(_NUCLEI) + self.rng.choice(_CODAS)

    def prose(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def figure(self) -> tuple[str, str]:
        """A number as the article writes it, and as a card's answer states it."""
        rng = self.rng
        style = rng.randrange(5)
        if style == 0:
            value = rng.randrange(1_000, 99_999)
            return f"{value:,}", str(value)
        if style == 1:
            whole, tenth = rng.randrange(1, 999), rng.randrange(1, 10)
            scale = rng.choice(("million", "billion"))
            return f"${whole}.{tenth}\u00a0{scale}", f"{whole}.{tenth} {scale} dollars"
        if style == 2:
            value = rng.randrange(2, 99)
            return f"{value} percent", f"{value}%"
        if style == 3:
            value = rng.randrange(1990, 2030)
            return f"in {value}", str(value)
        value = rng.randrange(100, 999)
        return f"{value}", str(value)


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for value in values:
        total += value
        out.append(total)
    return out


def _sentence(corpus: Corpus) -> tuple[str, list[Passage]]:
    """One sentence of the article, and the passages of it a card may quote."""
    rng = corpus.rng
    words = corpus.prose(rng.randrange(14, 26))
    feature, answer = "plain", ""
    kind = rng.random()
    at = rng.randrange(3, len(words) - 3)
    if kind < 0.4:
        name = f"{rng.choice(corpus.first_names)} {rng.choice(corpus.surnames)}"
        possessive = "\u2019s" if rng.random() < 0.3 else ""
        words[at : at + 1] = (name + possessive).split()
        feature, answer = "name", name
        span = 2
    elif kind < 0.8:
        written, answer = corpus.figure()
        words[at : at + 1] = written.split(" ")
        feature = "figure"
        span = len(written.split(" "))
    else:
        span = 1
    if rng.random() < 0.2:
        words[1] = words[1] + " \u2014"
    words[0] = words[0].capitalize()
    words[-1] += "."
    # A passage of 9 to 14 words around the feature: long enough to stand in one source only.
    length = min(len(words), rng.randrange(9, 15))
    first = max(0, min(at + span - length + rng.randrange(0, length - span + 1), len(words) - length))
    passage = Passage(words[first : first + length], feature, answer)
    return " ".join(words), [passage]


@dataclass(frozen=True)
class Source:
    key: str
    publisher: str
    text: str
    passages: list[Passage]


def _source(corpus: Corpus, index: int) -> Source:
    key = f"src-{index:04d}"
    publisher = f"The {corpus.words[4400 + index].capitalize()} Courier"
    paragraphs: list[str] = []
    passages: list[Passage] = []
    size = 0
    while size < SOURCE_BYTES:
        sentences = []
        for _ in range(corpus.rng.randrange(3, 7)):
            sentence, found = _sentence(corpus)
            sentences.append(sentence)
            passages.extend(found)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return Source(key, publisher, "\n\n".join(paragraphs) + "\n", passages)


def _quote(passage: Passage) -> str:
    """The passage as a card writer types it: straight quotes and plain hyphens."""
    text = " ".join(passage.words)
    return text.replace("\u2019", "'").replace("\u2014", "-").replace("\u00a0", " ")


def _letters(number: int) -> str:
    """A number spelled in letters ("passage bcd"), so no question holds a figure's digits."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(ord("a") + digit) + out
        if number == 0:
            return out


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(root: Path, cards: int, sources: int, seed: int = 6) -> None:
    """Write a deck project of `sources` articles and `cards` cards under `root`."""
    rng = random.Random(seed)
    corpus = Corpus(rng)
    seeds, card_dir = root / "seeds", root / "cards"
    seeds.mkdir(parents=True)
    card_dir.mkdir()
    catalogue = ["sources:"]
    made = [_source(corpus, i) for i in range(sources)]
    for source in made:
        (seeds / f"{source.key}.txt").write_text(source.text, encoding="utf-8")
        catalogue += [f"  - key: {source.key}", f"    file: {source.key}.txt",
                      f"    title: Report {source.key}", f"    publisher: {source.publisher}"]
    (seeds / "sources.yaml").write_text("\n".join(catalogue) + "\n", encoding="utf-8")
    files: list[list[str]] = [[f"source: {s.key}", "tags: [bench]", "cards:"] for s in made]
    by_feature = [
        {f: [p for p in s.passages if p.feature == f] for f in ("name", "figure")} for s in made
    ]
    for number in range(cards):
        index = number % sources
        source = made[index]
        kind = ("source", "who", "figure")[number % 3]
        if kind == "source":
            passage = rng.choice(source.passages)
            question, answer = f"Which outlet printed passage {_letters(number)}?", source.publisher
        elif kind == "who":
            passage = rng.choice(by_feature[index]["name"])
            question, answer = f"Who is named in passage {_letters(number)}?", passage.answer
        else:
            passage = rng.choice(by_feature[index]["figure"])
            question, answer = f"What figure does passage {_letters(number)} give?", passage.answer
        files[index] += [
            f"  - id: card-{number:06d}",
            f"    type: {kind}",
            f"    question: {_yaml_string(question)}",
            f"    answer: {_yaml_string(answer)}",
            f"    quote: {_yaml_string(_quote(passage))}",
        ]
    for source, lines in zip(made, files):
        (card_dir / f"{source.key}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    exit_code: int
    seconds: float
    peak_mb: float
    output: str


# Linux charges a forked child with every page it shares with its parent at the fork, and
# keeps that peak across exec: measured from here, each figure would include this process's
# own size. A small launcher runs the command instead, and reports its time and peak.
_LAUNCHER = """
import json, os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(command)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss], out)
"""


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: float | None = None) -> Run:
    """Run `command` to completion: its exit code, wall time, own peak resident memory and
    output (stdout and stderr). Past `timeout` seconds it is killed and TimeoutError raised."""
    with tempfile.TemporaryDirectory() as work:
        report, out_path = Path(work) / "report.json", Path(work) / "output"
        with open(out_path, "wb") as out:
            launcher = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(report), *command], cwd=cwd, env=env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
            try:
                launcher.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
                raise TimeoutError(f"{' '.join(command)} still running after {timeout} s") from None
        exit_code, seconds, maxrss = json.loads(report.read_text())
        text = out_path.read_bytes().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return Run(exit_code, seconds, maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), text)


def citedeck_command() -> list[str]:
    script = Path(sys.executable).with_name("citedeck")
    if script.exists():
        return [str(script)]
    found = shutil.which("citedeck")
    if found:
        return [found]
    return [sys.executable, "-c", "from citedeck.cli import run; run()"]


def note_count(package: Path) -> int:
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as work:
        db = Path(work) / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
        with sqlite3.connect(db) as connection:
            (count,) = connection.execute("select count() from notes").fetchone()
        connection.close()
    return count


@dataclass(frozen=True)
class Measurement:
    cards: int
    sources: int
    check: Run  # with an empty cache: proves every card, fills the cache
    build: Run  # right after check: takes everything from the cache
    fresh_build: Run  # --no-cache: proves every card again
    edit: Run  # check after a one-card edit: proves that card's file again
    floor: Run


def edited(text: str, mark: str) -> str:
    """`text`, a card file, with " (edited `mark`)" before the question mark of its first
    card's question: a card that stays clean and a file the cache has not seen."""
    head, found, rest = text.partition("\n    question: ")
    line, newline, tail = rest.partition("\n")
    if not found or not line.endswith('?"'):
        raise SystemExit(f"no question to edit in:\n{text[:400]}")
    return head + found + line[:-2] + f' (edited {mark})?"' + newline + tail


def _cache_entries(folder: Path) -> list[Path]:
    return [entry for entry in folder.iterdir() if _ENTRY.fullmatch(entry.name)]


def measure(cards: int, sources: int, repeat: int) -> Measurement:
    """Generate a deck and time check, build, a fresh build, the re-check after a one-card edit
    and the floor on it, each the best of `repeat` rounds; they take turns, so a slow spell of
    the machine hits them alike. Each round starts with an empty cache: its first check proves
    the deck from scratch."""
    citedeck = citedeck_command()
    with (
        tempfile.TemporaryDirectory(prefix="citedeck-bench-") as work,
        tempfile.TemporaryDirectory(prefix="citedeck-cache-") as cache,
    ):
        root, cache_folder = Path(work), Path(cache)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "CITEDECK_CACHE_DIR": cache}
        generate(root, cards, sources)
        floor_script = root / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        edited_file = min((root / "cards").glob("*.yaml"))
        original = edited_file.read_text(encoding="utf-8")
        clean = f"checked {cards} cards in {sources} files against {sources} sources: no problems"
        commands = {
            "check": [*citedeck, "check", "--root", "."],
            "build": [*citedeck, "build", "--root", ".", "-o", "deck.apkg"],
            "fresh_build": [*citedeck, "build", "--root", ".", "-o", "fresh.apkg", "--no-cache"],
            "edit": [*citedeck, "check", "--root", "."],
            "floor": [sys.executable, str(floor_script), ".", "floor.apkg", "1700000000"],
        }
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for round_number in range(repeat):
            shutil.rmtree(cache_folder)
            cache_folder.mkdir()
            for name, command in commands.items():
                if name == "edit":
                    edited_file.write_text(
                        edited(original, _letters(round_number)), encoding="utf-8"
                    )
                done = run(command, root, env)
                if done.exit_code != 0:
                    raise SystemExit(f"{name} exited {done.exit_code}:\n{done.output[-4000:]}")
                if name in ("check", "edit") and not _clean(done.output, clean):
                    raise SystemExit(
                        f"the generated deck does not check clean ({name}):\n{done.output[-4000:]}"
                    )
                if name == "check" and not _cache_entries(cache_folder):
                    # The cache fails silently by design; the build after would prove it all again.
                    raise SystemExit(
                        "check kept nothing in the cache: 'build' would not measure its use"
                    )
                runs[name].append(done)
            for package in ("deck.apkg", "fresh.apkg", "floor.apkg"):
                if note_count(root / package) != cards:
                    raise SystemExit(f"{package} does not hold {cards} notes")
            if (root / "deck.apkg").read_bytes() != (root / "fresh.apkg").read_bytes():
                raise SystemExit("the build from the cache differs from the --no-cache build")
        best = {name: min(found, key=lambda r: r.seconds) for name, found in runs.items()}
    return Measurement(cards, sources, best["check"], best["build"], best["fresh_build"],
                       best["edit"], best["floor"])


# Findings a generated deck may have: a synthetic corpus draws every article's words from one
# vocabulary, so a few source cards' quotes resemble a sentence elsewhere by chance.
CHANCE_FINDINGS = ("warning[source-fact-elsewhere]",)


def _clean(output: str, clean: str) -> bool:
    """Whether a check's output says the deck is clean, but for chance resemblances."""
    lines = output.strip().splitlines()
    if lines == [clean]:
        return True
    findings = [line for line in lines[:-1] if not line.startswith("  hint: ")]
    said = re.fullmatch(r"(.*): (\d+) warnings?", lines[-1]) if lines else None
    return (
        said is not None
        and said.group(1) == clean.removesuffix(": no problems")
        and int(said.group(2)) == len(findings)
        and all(any(kind in line for kind in CHANCE_FINDINGS) for line in findings)
    )


def help_seconds() -> float:
    """`citedeck --help`, best of five."""
    command = [*citedeck_command(), "--help"]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


HEADER = "\n".join(line.rstrip() for line in (
    f"{'cards':>6} {'sources':>7} | "
    f"{'check':>6} {'build':>6} {'fresh':>6} {'edit':>6} {'floor':>6} | "
    f"{'check':>6} {'both':>6} {'fresh':>6} | {'edit':>6} | "
    f"{'check':>5} {'build':>5} {'fresh':>5} {'edit':>5} {'floor':>5}\n"
    f"{'':>6} {'':>7} | {'seconds':^34} | {'times the floor':^20} | {'/check':>6} | {'peak MB':^29}"
).splitlines())
LEGEND = (
    "check: cold, with an empty cache, proves every card; build: right after check, taking\n"
    "everything from the cache; fresh: build --no-cache, proving every card again; both: check +\n"
    "build; edit: check again after one card's question is edited (/check: edit / cold check)"
)


def row(m: Measurement) -> str:
    floor = m.floor.seconds

    def ratio(seconds: float) -> str:
        return f"{seconds / floor:.2f}x"

    return (
        f"{m.cards:>6} {m.sources:>7} | {m.check.seconds:6.2f} {m.build.seconds:6.2f} "
        f"{m.fresh_build.seconds:6.2f} {m.edit.seconds:6.2f} {floor:6.2f} | "
        f"{ratio(m.check.seconds):>6} {ratio(m.check.seconds + m.build.seconds):>6} "
        f"{ratio(m.fresh_build.seconds):>6} | {m.edit.seconds / m.check.seconds:6.3f} | "
        f"{m.check.peak_mb:5.0f} {m.build.peak_mb:5.0f} {m.fresh_build.peak_mb:5.0f} "
        f"{m.edit.peak_mb:5.0f} {m.floor.peak_mb:5.0f}"
    )


def _verdict(met: bool) -> str:
    return "ok" if met else "MISSED"


NOT_JUDGED = f"not judged (set for N={TARGET_SIZE[0]} S={TARGET_SIZE[1]})"


def verdicts(results: list[Measurement], help_time: float) -> list[str]:
    """Each target, met or missed, for the sizes measured."""
    started = _verdict(help_time < TARGET_HELP_SECONDS)
    lines = [f"citedeck --help: {help_time:.3f} s (target < {TARGET_HELP_SECONDS} s): {started}"]
    for m in results:
        size = f"N={m.cards} S={m.sources}"
        fresh = m.fresh_build.seconds / m.floor.seconds
        both = (m.check.seconds + m.build.seconds) / m.floor.seconds
        share = m.edit.seconds / m.check.seconds
        peak = max(m.check.peak_mb, m.build.peak_mb, m.fresh_build.peak_mb, m.edit.peak_mb)
        judged = (m.cards, m.sources) == TARGET_SIZE
        lines.append(
            f"{size}: check + build {both:.2f}x floor (target <= {TARGET_RATIO}x): "
            f"{_verdict(both <= TARGET_RATIO) if judged else NOT_JUDGED}; "
            f"build --no-cache alone {fresh:.2f}x"
        )
        lines.append(
            f"{size}: edit re-check {m.edit.seconds:.2f} s = {share:.3f} of the cold check's "
            f"{m.check.seconds:.2f} s (target <= {TARGET_EDIT_SHARE}): "
            f"{_verdict(share <= TARGET_EDIT_SHARE) if judged else NOT_JUDGED}"
        )
        if (m.cards, m.sources) == EDIT_SIZE:
            lines.append(
                f"{size}: edit re-check {m.edit.seconds:.3f} s (target < {TARGET_EDIT_SECONDS} s): "
                f"{_verdict(m.edit.seconds < TARGET_EDIT_SECONDS)}"
            )
        lines.append(
            f"{size}: peak {peak:.0f} MB (target < {TARGET_MEMORY_MB} MB): "
            f"{_verdict(peak < TARGET_MEMORY_MB)}"
        )
    # Linear at most: N (or S) times k costs at most k times as long; nothing grows as N x S.
    # Judged on the fresh build, which does all the work: the check and the package.
    by_size = {(m.cards, m.sources): m.fresh_build.seconds for m in results}
    for (cards, sources), seconds in sorted(by_size.items()):
        more_cards = min((c for c, s in by_size if s == sources and c > cards), default=None)
        more_sources = min((s for c, s in by_size if c == cards and s > sources), default=None)
        for bigger, factor in (
            ((more_cards, sources), (more_cards or 0) / cards),
            ((cards, more_sources), (more_sources or 0) / sources),
        ):
            if factor:
                growth = by_size[bigger] / seconds
                lines.append(
                    f"fresh build, N={cards} S={sources} -> N={bigger[0]} S={bigger[1]}: time "
                    f"x{growth:.2f} for x{factor:g} the input: {_verdict(growth <= factor)}"
                )
    return lines


def compile_bytecode() -> str:
    """Compile the citedeck the runs use to bytecode, as installing it does: an editable install
    run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module of it in every
    run (a few hundredths of a second each), which genanki and PyYAML, the floor's, never do."""
    where = subprocess.run(
        [sys.executable, "-c", "import citedeck, os; print(os.path.dirname(citedeck.__file__))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)
    return where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[1_000, 20_000],
                        metavar="N", help="card counts to measure (default: 1000 20000)")
    parser.add_argument("--sources", type=int, nargs="+", default=[20, 500],
                        metavar="S", help="source counts to measure (default: 20 500)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds per size; each figure is the best (default: 3)")
    parser.add_argument("--quick", action="store_true",
                        help="one round at a tiny size (60 cards, 3 sources): proves the script works")
    args = parser.parse_args(argv)
    # The runs start in the deck's folder: a relative PYTHONPATH (PYTHONPATH=src) would find
    # there no citedeck, or another one installed.
    if os.environ.get("PYTHONPATH"):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) for entry in os.environ["PYTHONPATH"].split(os.pathsep) if entry
        )
    sizes = [(60, 3)] if args.quick else [(n, s) for n in args.cards for s in args.sources]
    repeat = 1 if args.quick else args.repeat
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus; best of {repeat}; each figure "
          "is one subprocess, end to end;\npeak MB is its own maximum resident set (ru_maxrss); "
          "the floor is genanki alone\nwriting the same notes from CSafeLoader-loaded YAML\n")
    print(f"citedeck measured: {compile_bytecode()}\n")
    print(LEGEND + "\n")
    print(HEADER)
    results = []
    for cards, sources in sizes:
        results.append(measure(cards, sources, repeat))
        print(row(results[-1]), flush=True)
    print()
    for line in verdicts(results, help_seconds()):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
