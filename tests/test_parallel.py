from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from citedeck.check import parallel
from citedeck.check.parallel import beside, can_fork, map_parts

needs_fork = pytest.mark.skipif(not can_fork(), reason="parts are worked in children only on Linux")


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def here(part: object) -> tuple[object, int]:
    """A part's start, showing where it ran."""
    return part, os.getpid()


def joined(started: tuple[object, int], shared: object) -> tuple[object, int, int, object]:
    """A part's finish: what it started with, where it started and finished, and the shared value."""
    part, start_pid = started
    return part, start_pid, os.getpid(), shared


def worked_here(parts: list[object], shared: object = "shared") -> list[tuple[object, int, int, object]]:
    return [(part, os.getpid(), os.getpid(), shared) for part in parts]


@needs_fork
def test_each_part_after_the_first_is_worked_in_a_child_and_sent_back_in_order() -> None:
    made = []

    def shared() -> dict[str, int]:
        made.append(os.getpid())  # a child's list is its own: this shows the parent's calls
        return {"made by": os.getpid()}

    value, results = map_parts(here, shared, joined, [[1, 2], [3], [4, 5, 6]])
    assert value == {"made by": os.getpid()} and made == [os.getpid()]
    assert [part for part, *_ in results] == [[1, 2], [3], [4, 5, 6]]
    # Each part is started and finished in one process, the first here, the others each in
    # a child of their own; each gets the one shared value, made here.
    assert all(start == finish for _, start, finish, _ in results)
    pids = [pid for _, pid, _, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 3
    assert all(value == {"made by": os.getpid()} for *_, value in results)
    assert no_children_left()


@needs_fork
def test_children_start_while_the_shared_value_is_made(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def start(part: int) -> int:
        if part == 2:
            started.touch()
        return part

    def shared() -> bool:
        for _ in range(500):  # the child's start is under way before the value is there
            if started.exists():
                return True
            time.sleep(0.01)
        return False

    assert map_parts(start, shared, lambda part, value: (part, value), [1, 2]) == (True, [(1, True), (2, True)])
    assert no_children_left()


@needs_fork
@pytest.mark.parametrize(
    ("stage", "failure"),
    [(stage, failure) for stage in ("start", "finish") for failure in ("exit", "signal", "exception")]
    + [("finish", "unpicklable")],
)
def test_a_part_whose_child_fails_is_worked_here(stage: str, failure: str) -> None:
    parent = os.getpid()

    def fails(part: object) -> bool:
        """Fail as `failure` says in the child of part 2; True: return what cannot be pickled."""
        if os.getpid() != parent and part == 2:
            if failure == "exit":
                os._exit(3)
            if failure == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            if failure == "exception":
                raise RuntimeError("only in the child")
            return True
        return False

    def start(part: object) -> tuple[object, int]:
        if stage == "start":
            fails(part)
        return here(part)

    def finish(started: tuple[object, int], shared: object) -> object:
        if stage == "finish" and fails(started[0]):
            return lambda: started
        return joined(started, shared)

    assert map_parts(start, lambda: "shared", finish, [1, 2, 3])[1][1] == (2, parent, parent, "shared")
    assert no_children_left()


@needs_fork
def test_a_shared_value_that_cannot_be_sent_leaves_every_part_to_be_worked_here() -> None:
    value = threading.Lock()  # cannot be pickled
    assert map_parts(here, lambda: value, joined, [1, 2, 3]) == (value, worked_here([1, 2, 3], value))
    assert no_children_left()


@needs_fork
def test_a_child_that_left_its_result_but_exited_badly_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    exit_now = os._exit
    monkeypatch.setattr(parallel.os, "_exit", lambda status: exit_now(5))  # only children exit
    assert map_parts(here, lambda: "shared", joined, [1, 2]) == ("shared", worked_here([1, 2]))
    assert no_children_left()


@needs_fork
def test_the_parent_alone_interrupted_while_collecting_does_not_hang() -> None:
    # An interrupt to the parent only (kill -INT, a notebook's stop button) while it waits for
    # the second child: neither that child nor the third may be left running, nor the parent
    # waiting on them for ever.
    script = textwrap.dedent("""
        import os, signal, time
        from citedeck.check.parallel import map_parts
        parent = os.getpid()
        def finish(part, shared):
            if os.getpid() != parent:
                time.sleep(part * 30)
            return b"x" * (1 << 20)
        def interrupt(signum, frame):
            raise KeyboardInterrupt
        signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try:
            map_parts(lambda part: part, lambda: None, finish, [0, 2, 1])
        except KeyboardInterrupt:
            print("interrupted")
        try:
            os.waitpid(-1, os.WNOHANG)
            print("a child is left")
        except ChildProcessError:
            pass
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=20)
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
    assert map_parts(here, lambda: "shared", joined, [1, 2]) == ("shared", worked_here([1, 2]))
    if os.getpid() != parent:  # the child came back here: the caller's code runs twice
        print("the child ran the caller's code", flush=True)
        os._exit(0)
    assert capfd.readouterr().out == ""
    assert no_children_left()


@needs_fork
@pytest.mark.parametrize("failing", ["shared", "finish"])
def test_an_error_here_stops_the_children_and_propagates(failing: str) -> None:
    parent = os.getpid()

    def fail() -> None:
        raise ValueError("the parent's work")

    def finish(part: int, shared: object) -> int:
        if os.getpid() == parent:
            fail()
        threading.Event().wait(60)  # a child still at work when the parent fails
        return part

    def start(part: int) -> int:
        if os.getpid() != parent:
            threading.Event().wait(60)  # a child still starting when the parent fails
        return part

    with pytest.raises(ValueError, match="the parent's work"):
        if failing == "shared":
            map_parts(start, fail, finish, [1, 2])
        else:
            map_parts(lambda part: part, lambda: None, finish, [1, 2])
    assert no_children_left()


def test_with_another_thread_running_every_part_is_worked_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert map_parts(here, lambda: "shared", joined, [1, 2]) == ("shared", worked_here([1, 2]))
    finally:
        stop.set()
        thread.join()


def test_when_no_child_can_be_made_the_part_is_worked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refuse)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert map_parts(here, lambda: "shared", joined, [1, 2]) == ("shared", worked_here([1, 2]))


def test_one_part_is_worked_here_and_no_part_still_makes_the_shared_value() -> None:
    assert map_parts(here, lambda: "shared", joined, [7]) == ("shared", worked_here([7]))
    assert map_parts(here, lambda: "shared", joined, []) == ("shared", [])


@needs_fork
@pytest.mark.parametrize("answer", [True, False])
def test_a_test_beside_runs_in_a_child_and_gives_its_answer(answer: bool, tmp_path: Path) -> None:
    ran_in = tmp_path / "pid"

    def test() -> bool:
        ran_in.write_text(str(os.getpid()))
        return answer

    with beside(test) as verdict:
        assert verdict() is answer
        assert verdict() is answer  # asked again: the same answer, from no second run
    assert int(ran_in.read_text()) != os.getpid()
    assert no_children_left()


@needs_fork
@pytest.mark.parametrize("failure", ["exit", "signal", "exception"])
def test_a_test_whose_child_fails_runs_here(failure: str) -> None:
    parent, runs = os.getpid(), []

    def test() -> bool:
        if os.getpid() != parent:
            if failure == "exit":
                os._exit(7)
            if failure == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("only in the child")
        runs.append(os.getpid())
        return True

    with beside(test) as verdict:
        assert verdict() is True
    assert runs == [parent]
    assert no_children_left()


@needs_fork
def test_a_test_still_running_when_the_block_ends_is_stopped() -> None:
    with pytest.raises(ValueError, match="the block's own"), beside(lambda: threading.Event().wait(60)):
        raise ValueError("the block's own")
    assert no_children_left()


def test_without_fork_a_test_beside_runs_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    runs = []
    with beside(lambda: runs.append(os.getpid()) is None) as verdict:
        assert runs == []
        assert verdict() is True and verdict() is True
    assert runs == [os.getpid()]


def test_with_sigchld_ignored_nothing_is_forked_and_every_part_is_worked_here() -> None:
    # A supervisor may start citedeck with SIGCHLD ignored: the kernel would reap each child
    # itself, and whether it finished its part would be lost.
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not can_fork()
        assert map_parts(here, lambda: "shared", joined, [1, 2]) == ("shared", worked_here([1, 2]))
        with beside(lambda: os.getpid() == parent) as verdict:
            parent = os.getpid()
            assert verdict() is True
    finally:
        signal.signal(signal.SIGCHLD, before)


@needs_fork
def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        map_parts(here, lambda: "shared", joined, [1, 2])
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
