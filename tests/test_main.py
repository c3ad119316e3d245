"""The console script's entry (citedeck/__main__.py): Ctrl-C from its first line on is exit 130,
never a traceback, while the command line's modules import and after."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from citedeck.cli import main

ADDED = """\
added 'a' to seeds/sources.yaml:
  key:       a
  file:      seeds/a.txt
  title:     (none)
  publisher: (none)
  author:    (none)
  date:      (none)
  size:      28 bytes, 1 line
next: write cards with 'source: a' in a file in cards/
"""


def test_the_entry_imports_nothing_before_it_takes_ctrl_c(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import citedeck.__main__\n"
        "print(sorted(set(sys.modules) - before))\n"
        "import signal\n"
        "print(signal.getsignal(signal.SIGINT).__qualname__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "['citedeck', 'citedeck.__main__']\n_exit_interrupted\n", ""
    )


@pytest.fixture
def deck_to_add_to(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A deck project with an article beside it, and a function to let go of the lock this
    test holds on its seeds folder: till then `add-source` waits for it, still running
    whenever Ctrl-C comes."""
    root = tmp_path / "deck"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    (tmp_path / "a.txt").write_text("An article about something.\n", encoding="utf-8")
    seeds = os.open(root / "seeds", os.O_RDONLY)
    fcntl.flock(seeds, fcntl.LOCK_EX)
    with contextlib.ExitStack() as lock:
        lock.callback(os.close, seeds)  # and the lock with it
        yield root, lock.close


@contextlib.contextmanager
def add_source_started(root: Path, before_entry: str = "") -> Iterator[subprocess.Popen[str]]:
    """`citedeck add-source ../a.txt --key a` in its own process, as the console script runs
    it (`from citedeck.__main__ import run`), yielded once the entry module is imported: what
    Python does before that, ahead of any of citedeck's code, is no part of the test."""
    ready, told = os.pipe()
    program = (
        f"{before_entry}import os\n"
        "import citedeck.__main__ as entry\n"
        f"os.write({told}, b'.')\n"
        "entry.run()\n"
    )
    command = [sys.executable, "-c", program, "add-source", "../a.txt", "--key", "a"]
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, pass_fds=(told,)) as process:
        os.close(told)
        try:
            with os.fdopen(ready, "rb") as entered:
                assert entered.read(1) == b"."
            yield process
        finally:
            if process.poll() is None:
                process.kill()


@pytest.mark.parametrize("delay", [0, 0.02, 0.05, 0.1, 0.2])
def test_ctrl_c_exits_130_without_a_traceback_however_early(
    deck_to_add_to: tuple[Path, Callable[[], None]], delay: float
) -> None:
    # At first the command line's modules are still being imported (most of the first
    # 0.1 s); later add-source waits for the seeds folder's lock.
    root, _ = deck_to_add_to
    catalogue = (root / "seeds" / "sources.yaml").read_bytes()
    with add_source_started(root) as process:
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "\ninterrupted\n")
    assert (root / "seeds" / "sources.yaml").read_bytes() == catalogue
    assert sorted(p.name for p in (root / "seeds").iterdir()) == ["sources.yaml"]


def test_an_ignored_ctrl_c_stays_ignored(deck_to_add_to: tuple[Path, Callable[[], None]]) -> None:
    # As for a command a script starts in the background: Python leaves SIGINT ignored.
    root, let_go = deck_to_add_to
    with add_source_started(root, "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n") as process:
        for delay in (0, 0.05, 0.2):  # while importing, and waiting for the lock
            time.sleep(delay)
            process.send_signal(signal.SIGINT)
        let_go()
        out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (0, ADDED, "")
