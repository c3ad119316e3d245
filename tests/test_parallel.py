from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

from citedeck import parallel
from citedeck.parallel import can_fork, map_parts

needs_fork = pytest.mark.skipif(not can_fork(), reason="parts are worked in children only on Linux")


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@needs_fork
def test_each_part_after_the_first_is_worked_in_a_child_and_sent_back_in_order() -> None:
    results = map_parts(lambda part: (os.getpid(), [n * n for n in part]), [[1, 2], [3], [4, 5, 6]])
    assert [squares for _, squares in results] == [[1, 4], [9], [16, 25, 36]]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 3
    assert no_children_left()


@needs_fork
@pytest.mark.parametrize("failure", ["exit", "signal", "exception", "unpicklable"])
def test_a_part_whose_child_fails_is_worked_here(failure: str) -> None:
    parent = os.getpid()

    def work(part: int) -> object:
        if os.getpid() != parent and part == 2:
            if failure == "exit":
                os._exit(3)
            if failure == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            if failure == "exception":
                raise RuntimeError("only in the child")
            return lambda: part  # cannot be pickled
        return (part, os.getpid())

    assert map_parts(work, [1, 2, 3])[1] == (2, parent)
    assert no_children_left()


@needs_fork
def test_a_child_that_sent_its_result_but_exited_badly_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    exit_now = os._exit
    monkeypatch.setattr(parallel.os, "_exit", lambda status: exit_now(5))  # only children exit
    assert map_parts(lambda part: (part, os.getpid()), [1, 2]) == [(1, os.getpid()), (2, os.getpid())]
    assert no_children_left()


@needs_fork
def test_the_parent_alone_interrupted_while_collecting_does_not_hang() -> None:
    # An interrupt to the parent only (kill -INT, a notebook's stop button): it stops reading
    # the second child. That child must not be left blocked on a pipe the third child holds
    # open, nor the parent waiting on it for ever.
    script = textwrap.dedent("""
        import os, signal, time
        from citedeck.parallel import map_parts
        parent = os.getpid()
        def work(part):
            if os.getpid() != parent:
                time.sleep(part)
            return b"x" * (1 << 20)
        def interrupt(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try:
            map_parts(work, [0, 2, 0])
        except KeyboardInterrupt:
            print("interrupted")
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("map_parts hung after the parent alone was interrupted")
    assert output == "interrupted\n"


@needs_fork
def test_a_child_interrupted_as_it_is_forked_never_runs_the_callers_code(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # Ctrl-C reaches the whole process group; in a child it may land the moment fork returns.
    fork = os.fork

    def fork_then_interrupted() -> int:
        pid = fork()
        if pid == 0:
            signal.raise_signal(signal.SIGINT)
        return pid

    monkeypatch.setattr(parallel.os, "fork", fork_then_interrupted)
    parent = os.getpid()
    assert map_parts(lambda part: (part, os.getpid()), [1, 2]) == [(1, parent), (2, parent)]
    if os.getpid() != parent:  # the child came back here: the caller's code runs twice
        print("the child ran the caller's code", flush=True)
        os._exit(0)
    assert capfd.readouterr().out == ""
    assert no_children_left()


@needs_fork
def test_an_error_here_stops_the_children_and_propagates() -> None:
    parent = os.getpid()

    def work(part: int) -> int:
        if os.getpid() == parent:
            raise ValueError("the parent's part")
        threading.Event().wait(60)  # a child still at work when the parent fails
        return part

    with pytest.raises(ValueError, match="the parent's part"):
        map_parts(work, [1, 2])
    assert no_children_left()


def test_with_another_thread_running_every_part_is_worked_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert map_parts(lambda part: (part, os.getpid()), [1, 2]) == [(1, os.getpid()), (2, os.getpid())]
    finally:
        stop.set()
        thread.join()


def test_when_no_child_can_be_made_the_part_is_worked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refuse)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert map_parts(lambda part: (part, os.getpid()), [1, 2]) == [(1, os.getpid()), (2, os.getpid())]


def test_one_part_is_worked_here() -> None:
    assert map_parts(lambda part: (part, os.getpid()), [7]) == [(7, os.getpid())]
    assert map_parts(lambda part: part, []) == []
