"""A plain cache: bytes put and got by a key, each key a SHA-256 of what made the value.

A check keeps what it worked out here (the folded sources, each card file's findings), keyed by
digests of the very bytes it was worked out from and of citedeck's own code, so a key never
names a stale value. The cache is a convenience and never the only copy of anything: an entry
that is missing, damaged or unwritable is worked out again. Entries are pickles, so the folder
must be the user's own (as their cache folder is).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

import yaml

from citedeck import __version__

CACHE_ENV = "CITEDECK_CACHE_DIR"
# Entries are named by their key: a shared folder's other files are never taken for one.
_ENTRY = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX, _TEMP_SUFFIX = ".entry-", ".partial"
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"\w+" + re.escape(_TEMP_SUFFIX))
# An entry not used for this long belongs to a deck long gone.
_STALE_SECONDS = 30 * 24 * 3600
# An entry in use is dated afresh when its date is older than this.
_TOUCHED_SECONDS = 24 * 3600
# A put takes a moment: a temp file this old is one a killed process left.
_STALE_TEMP_SECONDS = 3600


def cache_dir() -> Path:
    """$CITEDECK_CACHE_DIR, else the platform's cache folder for citedeck."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path("citedeck", appauthor=False)


def key(*parts: str | bytes) -> str:
    """The key of a value made from `parts` by this citedeck: a SHA-256 of them and of the code."""
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """What the cached values depend on besides their inputs: this citedeck's code and
    templates, the YAML reader's version, and Python's (its Unicode tables decide what is a
    letter, a space, a word boundary)."""
    package = Path(__file__).parent
    libyaml = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    made_by = f"{__version__}\0{yaml.__version__}\0{libyaml}\0{sys.version}\0"
    digest = hashlib.sha256(made_by.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Entries in `folder`, one file each, named by key. With `reuse` False, `get` finds
    nothing (a check afresh) but `put` still keeps what was worked out."""

    def __init__(self, folder: Path | None, reuse: bool = True) -> None:
        self.folder = folder
        self.reuse = reuse
        self._swept = False

    def get(self, key: str) -> bytes | None:
        if self.folder is None or not self.reuse:
            return None
        path = self.folder / key
        try:
            # Not blocking: a pipe planted where an entry should be is not waited on.
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(descriptor, "rb") as entry:
                status = os.fstat(entry.fileno())
                if not stat.S_ISREG(status.st_mode):
                    return None
                value = entry.read()
            if status.st_mtime < time.time() - _TOUCHED_SECONDS:
                os.utime(path)  # in use: not stale
        except (OSError, ValueError):
            return None
        return value

    def put(self, key: str, value: bytes) -> None:
        """Keep `value` under `key`, in one rename; a failure (no room, no permission) is ignored."""
        if self.folder is None:
            return
        # OSError: no room, no permission; ValueError: a name no file system encoding holds.
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._swept:
                self._swept = True
                _remove_stale(self.folder)
            # mkstemp creates the file itself (O_EXCL): nothing planted at a guessable name is
            # followed. No fsync: an entry lost to a crash is worked out again.
            handle, temp = tempfile.mkstemp(
                dir=self.folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX
            )
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(value)
                os.replace(temp, self.folder / key)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)


def _remove_stale(folder: Path) -> None:
    """Entries not used for long, and temp files a killed put left; nothing else in `folder`."""
    now = time.time()
    for found in folder.iterdir():
        if _ENTRY.fullmatch(found.name):
            cutoff = now - _STALE_SECONDS
        elif _TEMP.fullmatch(found.name):
            cutoff = now - _STALE_TEMP_SECONDS
        else:
            continue
        with contextlib.suppress(OSError):
            if found.stat().st_mtime < cutoff:
                found.unlink()
