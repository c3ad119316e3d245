"""Work shared out over the machine's cores: each part after the first goes to a forked child.
While the children start on their parts, this process makes what every part needs in the end
(the catalogue, for a check) and hands it to them; each child leaves its result in a file of
its own, read back once the child says it is whole. Also a yes/no test run beside other work
(beside). Only where fork is safe and cheap (Linux, no other Python thread, SIGCHLD not
ignored); elsewhere, and for any part whose child fails, the work is done here."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

Part = TypeVar("Part")
Started = TypeVar("Started")
Shared = TypeVar("Shared")
Result = TypeVar("Result")
# Held back while children are forked, and left to stop a child outright (see map_parts).
_STOPPING = {signal.SIGINT, signal.SIGTERM}
_FAILED = object()  # what _collect gives for a child that left no result whole


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a child may be forked here: on Linux, with no other Python thread running (a
    child forked beside another thread may inherit a lock that thread held, and never see it
    freed; threads of C libraries go uncounted), and SIGCHLD not ignored (a supervisor may
    pass that on: the kernel then reaps each child itself, and how it exited is lost). macOS
    has fork too, but its system libraries are not safe across it."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and signal.getsignal(signal.SIGCHLD) != signal.SIG_IGN
    )


class _Child:
    """A child at work: its pid, the file it leaves its result in, and the pipe it says so
    through (a line once the result is whole; nothing, closed, if it dies first); each None
    once reaped, or closed. (Taken with a swap, so that Ctrl-C landing in between never closes
    a file, nor kills a process, twice.)"""

    __slots__ = ("done", "pid", "result")

    def __init__(self, pid: int, result: int, done: int) -> None:
        self.pid: int | None = pid
        self.result: int | None = result
        self.done: int | None = done


def map_parts(
    start: Callable[[Part], Started],
    shared: Callable[[], Shared],
    finish: Callable[[Started, Shared], Result],
    parts: Sequence[Part],
) -> tuple[Shared, list[Result]]:
    """`shared()`, and `[finish(start(part), shared()) for part in parts]` with `shared()` made
    once, the parts worked at once: the first here, each other in a forked child. While the
    children run `start`, this process makes the shared value, then hands it to them, pickled
    (the one thing they wait for), and works the first part.

    A child that fails (killed, out of memory, an exception) costs only time: its part is
    worked again here, so the results never depend on the children. An exception raised here
    stops the children and propagates."""
    if len(parts) < 2 or not can_fork():
        return _here(start, shared, finish, parts)
    try:
        handoff = _scratch_file()
    except OSError:  # out of file descriptors
        return _here(start, shared, finish, parts)
    try:
        # Closed once the shared value is in `handoff`, which tells the children to read it.
        reader, writer = os.pipe()
    except OSError:
        os.close(handoff)
        return _here(start, shared, finish, parts)
    children: list[_Child | None] = []
    try:
        try:
            # Ctrl-C held back while children are made: one landing in a child before it is
            # inside _fork's try would return into the caller's code there. The objects made
            # so far are frozen out of the collector's reach meanwhile, so a child's
            # collections leave them be, and their pages stay shared, not copied.
            before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
            freezing = gc.get_freeze_count() == 0  # else the caller froze some: left as they are
            if freezing:
                gc.freeze()
            try:
                for part in parts[1:]:
                    children.append(_fork(start, finish, part, handoff, (reader, writer), before))
            finally:
                if freezing:
                    gc.unfreeze()
                signal.pthread_sigmask(signal.SIG_SETMASK, before)
        finally:
            os.close(reader)
        value = shared()
        if any(children):
            # Unsent (it would not pickle, or the memory ran out), it leaves the children
            # nothing they can read: they stop, and their parts are worked here.
            with (
                contextlib.suppress(pickle.PicklingError, TypeError, AttributeError, OSError),
                open(handoff, "wb", closefd=False) as out,
            ):
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        descriptor, writer = writer, -1
        os.close(descriptor)
        results = [finish(start(parts[0]), value)]
        for part, child in zip(parts[1:], children, strict=True):
            sent = _FAILED if child is None else _collect(child)
            results.append(finish(start(part), value) if sent is _FAILED else sent)  # type: ignore[arg-type]
    except BaseException:
        for child in children:
            if child is not None:
                _stop(child)
        raise
    finally:
        os.close(handoff)
        if writer >= 0:
            os.close(writer)
    return value, results


def _here(
    start: Callable[[Part], Started],
    shared: Callable[[], Shared],
    finish: Callable[[Started, Shared], Result],
    parts: Sequence[Part],
) -> tuple[Shared, list[Result]]:
    value = shared()
    return value, [finish(start(part), value) for part in parts]


@contextlib.contextmanager
def beside(test: Callable[[], bool]) -> Iterator[Callable[[], bool]]:
    """Run `test` in a forked child while the with-block goes on; the block calls what this
    gives it for the answer, waiting for it if need be. Where no child can be made, or the
    child fails (killed, an exception), the test runs here when the answer is asked for. A
    child still at work when the block ends (it did not ask, or it raised) is stopped."""
    pid = _fork_test(test) if can_fork() else None
    answer: bool | None = None

    def verdict() -> bool:
        nonlocal pid, answer
        if answer is None:
            if pid is not None:
                try:
                    _, status = os.waitpid(pid, 0)
                except ChildProcessError:  # reaped by another (SIGCHLD ignored): no answer
                    status = -1
                pid = None
                if os.WIFEXITED(status) and os.WEXITSTATUS(status) in (_YES, _NO):
                    answer = os.WEXITSTATUS(status) == _YES
            if answer is None:
                answer = test()
        return answer

    try:
        yield verdict
    finally:
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, 0)


_YES, _NO = 0, 1  # how a child running a test exits; anything else is a failure


def _fork_test(test: Callable[[], bool]) -> int | None:
    """A child that exits _YES or _NO as `test()` says; None when no child can be made."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)  # as in map_parts
    try:
        pid: int | None = os.fork()
    except OSError:
        pid = None
    if pid != 0:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        return pid
    status = 2
    try:  # the child: it must never return into the caller's code, nor flush its output
        for signum in _STOPPING:
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        status = _YES if test() else _NO
    finally:
        os._exit(status)


def _scratch_file() -> int:
    """A file in memory (on disk where there is none such), deleted when its last descriptor
    closes: parent and children share it across fork."""
    with contextlib.suppress(AttributeError, OSError):  # memfd_create: Linux 3.17 and later
        return os.memfd_create("citedeck")
    descriptor, name = tempfile.mkstemp(prefix="citedeck-")
    os.unlink(name)
    return descriptor


def _fork(
    start: Callable[[Part], Started],
    finish: Callable[[Started, Shared], Result],
    part: Part,
    handoff: int,
    ready: tuple[int, int],
    mask: Iterable[int],
) -> _Child | None:
    """A child working `part`: None when no child can be made (too many processes or files,
    no memory): the part is then worked here. It takes the shared value from `handoff` once
    `ready` is closed; `mask` holds the signals to block in it, as they were blocked before
    map_parts."""
    try:
        result = _scratch_file()
    except OSError:
        return None
    try:
        done = os.pipe()
    except OSError:
        os.close(result)
        return None
    try:
        pid = os.fork()
    except OSError:
        for descriptor in (result, *done):
            os.close(descriptor)
        return None
    if pid:
        os.close(done[1])  # the child's alone: the pipe closes when the child is gone
        return _Child(pid, result, done[0])
    status = 1
    try:  # the child: it must never return into the caller's code, nor flush its output
        for signum in _STOPPING:  # stopped outright: nothing of the caller's may run here
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(ready[1])  # else the pipe would never close while this child lives
        started = start(part)
        os.read(ready[0], 1)  # returns once the parent closes its end: the value is there
        value = pickle.loads(_read_back(handoff))
        with open(result, "wb", closefd=False) as out:
            pickle.dump(finish(started, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        # Said at once: the parent need not wait for this process to be taken down.
        os.write(done[1], b"\n")
        status = 0
    finally:
        os._exit(status)


def _read_back(descriptor: int) -> bytes:
    """All that a scratch file holds."""
    left = os.fstat(descriptor).st_size
    chunks: list[bytes] = []
    offset = 0
    while left > 0 and (chunk := os.pread(descriptor, left, offset)):
        chunks.append(chunk)
        offset += len(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _collect(child: _Child) -> object:
    """What the child left, once it said its result is whole and then exited cleanly (it goes
    on being taken down while the result is read); _FAILED if it did not. Its files are closed
    and the child reaped, unless this is interrupted while it waits (map_parts then stops it)."""
    assert child.pid is not None and child.result is not None and child.done is not None
    whole = os.read(child.done, 1) == b"\n"
    sent = _FAILED
    if whole:
        with contextlib.suppress(pickle.UnpicklingError, EOFError, ValueError, MemoryError, OSError):
            sent = pickle.loads(_read_back(child.result))
    try:
        _, status = os.waitpid(child.pid, 0)
    except ChildProcessError:  # reaped by another: how it exited is lost
        status = -1
    child.pid = None
    # Each is taken and closed before the next is taken: a Ctrl-C landing after a close
    # leaves nothing taken but not closed.
    result, child.result = child.result, None
    os.close(result)
    done, child.done = child.done, None
    os.close(done)
    return sent if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else _FAILED


def _stop(child: _Child) -> None:
    """Close the child's files and kill and reap it, so far as not done already."""
    result, child.result = child.result, None
    if result is not None:
        with contextlib.suppress(OSError):
            os.close(result)
    done, child.done = child.done, None
    if done is not None:
        with contextlib.suppress(OSError):
            os.close(done)
    pid, child.pid = child.pid, None
    if pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, 0)
