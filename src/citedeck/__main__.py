"""The `citedeck` console script (and `python -m citedeck`).

Importing the command line's modules takes most of a short run's first 0.1 s, and a Ctrl-C
meanwhile would print a KeyboardInterrupt's traceback. So this module's first lines make
Ctrl-C end the process at once with exit 130, as an interrupted command does: nothing has
been written yet. Once the modules are in, Ctrl-C is a KeyboardInterrupt again, which the
command turns into exit 130 after removing any temp file it was writing (cli.py)."""

# _signal, not signal: signal imports enum first, milliseconds in which Ctrl-C would still
# be a traceback. os is in already: Python's start imports it.
import _signal
import os


def _exit_interrupted(signum: int, frame: object) -> None:
    try:
        os.write(2, b"\ninterrupted\n")
    except OSError:  # no stderr (2>&-): the exit code says it
        pass
    os._exit(128 + signum)  # 130, as a shell reports a command stopped by Ctrl-C


# Only Python's own handler is replaced: an ignored Ctrl-C (a command a script runs in the
# background) stays ignored.
_REPLACED = _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
if _REPLACED:
    _signal.signal(_signal.SIGINT, _exit_interrupted)


def run() -> None:
    """Run the command line (cli.run, which exits)."""
    from .cli import run as run_command_line

    try:
        if _REPLACED:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
        run_command_line()
    except KeyboardInterrupt:  # before the command began, or after it was done
        _exit_interrupted(_signal.SIGINT, None)


if __name__ == "__main__":
    run()
