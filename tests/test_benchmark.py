"""The scale benchmark still runs: its quick size generates a deck that checks clean, builds
it, and prints one row of figures and a verdict for each target."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_quick_benchmark_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "scale.py"), "--quick"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("cards"))
    assert re.fullmatch(
        r" +60 +3 \| +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ \| +[\d.]+x +[\d.]+x +[\d.]+x \| +\d+ +\d+ +\d+ +\d+",
        lines[header + 2],
    ), lines[header + 2]
    assert re.search(r"^citedeck --help: [\d.]+ s \(target < 0.3 s\): (ok|MISSED)$", result.stdout, re.MULTILINE)
    assert re.search(r"^N=60 S=3: check \+ build [\d.]+x floor \(target <= 1.5x\): (ok|MISSED); build --no-cache alone", result.stdout, re.MULTILINE)
