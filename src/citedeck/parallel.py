"""Work shared out over the machine's cores: each part after the first goes to a forked child,
which sends its result back pickled through a pipe. Only where fork is safe and cheap (Linux,
no other Python thread); elsewhere, and for any part whose child fails, the work is done here."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")
# Held back while children are forked, and left to stop a child outright (see map_parts).
_STOPPING = {signal.SIGINT, signal.SIGTERM}
_FAILED = object()  # what _collect gives for a child that sent nothing whole


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a child may be forked here: on Linux, with no other Python thread running (a
    child forked beside another thread may inherit a lock that thread held, and never see it
    freed; threads of C libraries go uncounted). macOS has fork too, but its system libraries
    are not safe across it."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def map_parts(work: Callable[[Part], Result], parts: Sequence[Part]) -> list[Result]:
    """`[work(part) for part in parts]`, the parts worked at once: the first here, each other in
    a forked child. A child that fails (killed, out of memory, an exception) costs only time:
    its part is worked again here, so the results never depend on the children. An exception
    raised here stops the children and propagates."""
    if len(parts) < 2 or not can_fork():
        return [work(part) for part in parts]
    pending: list[tuple[int, int] | None] = []
    try:
        # Ctrl-C held back while children are made: one landing in a child before it is
        # inside _fork's try would return into the caller's code there. The objects made so
        # far are frozen out of the collector's reach meanwhile, so a child's collections
        # leave them be, and their pages stay shared, not copied.
        before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        gc.freeze()
        try:
            for part in parts[1:]:
                pending.append(_fork(work, part, [c[1] for c in pending if c is not None], before))
        finally:
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
        results = [work(parts[0])]
        for part in parts[1:]:
            child = pending.pop(0)
            sent = _FAILED if child is None else _collect(*child)
            results.append(work(part) if sent is _FAILED else sent)  # type: ignore[arg-type]
    except BaseException:
        for child in pending:
            if child is not None:
                _stop(*child)
        raise
    return results


def _fork(
    work: Callable[[Part], Result], part: Part, siblings: list[int], mask: Iterable[int]
) -> tuple[int, int] | None:
    """A child working `part`: its pid and the pipe its result comes through; None when no
    child can be made (too many processes, no memory): the part is then worked here.
    `siblings` are the pipes of the children made before it, which it closes (else an older
    child's writes would never fail once the parent is gone); `mask`, the signals to block in
    it, as they were blocked before map_parts."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid:
        os.close(writer)
        return pid, reader
    status = 1
    try:  # the child: it must never return into the caller's code, nor flush its output
        for signum in _STOPPING:  # stopped outright: nothing of the caller's may run here
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(reader)
        for sibling in siblings:
            os.close(sibling)
        result = work(part)
        # Sent as it is pickled, frame by frame: the parent unpickles while this pickles.
        with os.fdopen(writer, "wb") as pipe:
            pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, reader: int) -> object:
    """What the child sent, once it exited cleanly; _FAILED if it did not. The pipe is closed
    and the child reaped, whatever happens."""
    try:
        with os.fdopen(reader, "rb") as pipe:
            sent = pickle.load(pipe)
    except (pickle.UnpicklingError, EOFError, ValueError, MemoryError):
        sent = _FAILED  # the child died sending it
    except BaseException:  # interrupted here: the child will never be read, so never wait on it
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    return sent if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else _FAILED


def _stop(pid: int, reader: int) -> None:
    with contextlib.suppress(OSError):
        os.close(reader)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, 0)
