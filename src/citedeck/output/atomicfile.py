"""Replace a file all at once: write beside it, fsync, rename. A crash leaves the old file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

_TEMP_MARK = ".partial-"


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{_TEMP_MARK}{os.getpid()}")


def remove_stale_temps(path: Path) -> None:
    """Remove temp files a killed writer left beside `path` (their process is gone)."""
    for stray in path.parent.glob(f".{path.name}{_TEMP_MARK}*"):
        pid = stray.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                stray.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        return True
    return True


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temp path to write; on success it atomically becomes `path`, else it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    temp = temp_path_for(path)
    try:
        yield temp
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    with replacing(path) as temp:
        write(temp)
