"""How citedeck sync compares with Anki's own import: a synthetic deck (scale.py's) synced into a
new collection, against Anki's importer taking the package `citedeck build` writes of the same
deck into another new collection; then a second sync after 1% of the cards were edited and 1%
removed (which retires them: their notes updated and their cards suspended).

    python benchmarks/sync.py                   # 20,000 cards over 20 sources
    python benchmarks/sync.py --cards 1000 --sources 5

Every figure is one subprocess, end to end (interpreter start, imports, reading, writing), run
with this interpreter, timed by scale.py's launcher. Each sync runs after a `citedeck check` of
the same cards has filled the cache, as a user's sync follows their check; the second sync
proves the edited card files again itself. Anki's import is `Collection.import_anki_package`
with the default options, File > Import's, in a process of its own that imports the anki
library as sync does.

Targets (issue 19): the first sync within 1.5x Anki's import of the same package; the second
sync under 2 s. Each is printed as a verdict, ok or MISSED. The script fails (exit non-zero) if
a command fails or a collection does not end up with the notes and suspended cards it should.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import citedeck_command, compile_bytecode, generate, run

TARGET_RATIO = 1.5
TARGET_SECOND_SECONDS = 2.0
ANKI_IMPORT = """
import sys
import anki.collection
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
col = Collection(sys.argv[1])
col.import_anki_package(
    ImportAnkiPackageRequest(package_path=sys.argv[2], options=ImportAnkiPackageOptions())
)
col.close()
"""
NEW_COLLECTION = "import sys, anki.collection; anki.collection.Collection(sys.argv[1]).close()"


def counts(collection: Path) -> tuple[int, int]:
    """The notes in `collection`, and its suspended cards."""
    with sqlite3.connect(collection) as db:
        notes = db.execute("SELECT count() FROM notes").fetchone()[0]
        suspended = db.execute("SELECT count() FROM cards WHERE queue = -1").fetchone()[0]
    db.close()
    return notes, suspended


def change(root: Path, cards: int, share: float, seed: int = 19) -> tuple[int, int]:
    """Edit the question of `share` of the cards and remove another `share`: how many of each."""
    rng = random.Random(seed)
    chosen = rng.sample(range(cards), 2 * max(1, int(cards * share)))
    edit, remove = set(chosen[: len(chosen) // 2]), set(chosen[len(chosen) // 2 :])
    for path in sorted((root / "cards").glob("*.yaml")):
        head, *blocks = path.read_text(encoding="utf-8").split("\n  - id: card-")
        kept = []
        for block in blocks:
            number = int(block[:6])
            if number in remove:
                continue
            if number in edit:
                block = block.replace('?"\n', ' (edited)?"\n', 1)
            kept.append(block)
        path.write_text("\n  - id: card-".join([head, *kept]), encoding="utf-8")
    return len(edit), len(remove)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=20)
    args = parser.parse_args(argv)
    compile_bytecode()
    citedeck = citedeck_command()
    with (
        tempfile.TemporaryDirectory(prefix="citedeck-sync-bench-") as work,
        tempfile.TemporaryDirectory(prefix="citedeck-cache-") as cache,
    ):
        folder = Path(work)
        root = folder / "deck"
        env = {**os.environ, "CITEDECK_CACHE_DIR": cache}
        env.pop("SOURCE_DATE_EPOCH", None)
        generate(root, args.cards, args.sources)

        def step(name: str, command: list[str]):  # type: ignore[no-untyped-def]
            done = run(command, root, env)
            if done.exit_code != 0:
                raise SystemExit(f"{name} failed:\n{done.output}")
            return done

        step("check", [*citedeck, "check"])
        package = folder / "deck.apkg"
        step("build", [*citedeck, "build", "-o", str(package)])
        by_anki, by_sync = folder / "anki" / "collection.anki2", folder / "sync" / "collection.anki2"
        for collection in (by_anki, by_sync):
            collection.parent.mkdir()
            step("a new collection", [sys.executable, "-c", NEW_COLLECTION, str(collection)])
        anki = step("Anki's import", [sys.executable, "-c", ANKI_IMPORT, str(by_anki), str(package)])
        first = step("the first sync", [*citedeck, "sync", "--collection", str(by_sync)])
        if counts(by_sync) != (args.cards, 0) or counts(by_anki) != (args.cards, 0):
            raise SystemExit(f"expected {args.cards} notes: {counts(by_sync)}, {counts(by_anki)}")
        edited, removed = change(root, args.cards, 0.01)
        second = step("the second sync", [*citedeck, "sync", "--collection", str(by_sync)])
        if counts(by_sync) != (args.cards, removed):
            raise SystemExit(f"expected {removed} suspended cards: {counts(by_sync)}")
        if f"updated: {edited} " not in second.output:
            raise SystemExit(f"expected {edited} updated notes:\n{second.output}")
    ratio = first.seconds / anki.seconds
    print(f"N={args.cards} S={args.sources}, on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"Anki's import of citedeck's package into a new collection: {anki.seconds:.2f} s, peak {anki.peak_mb:.0f} MB")
    print(f"citedeck sync into a new collection:  {first.seconds:.2f} s, peak {first.peak_mb:.0f} MB")
    print(f"second sync ({edited} edited, {removed} removed): {second.seconds:.2f} s, peak {second.peak_mb:.0f} MB")
    verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
    print(f"first sync {ratio:.2f}x Anki's import (target <= {TARGET_RATIO}x): {verdict}")
    verdict = "ok" if second.seconds < TARGET_SECOND_SECONDS else "MISSED"
    print(f"second sync {second.seconds:.2f} s (target < {TARGET_SECOND_SECONDS:.0f} s): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
