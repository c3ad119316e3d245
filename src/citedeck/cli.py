"""The command line: each command parses options, calls the library, formats, and exits."""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from citedeck import __version__
from citedeck.load.project import CONFIG, DEFAULT_OUTPUT, DEFAULT_PREVIEW, Project
from citedeck.output.report import printable

if TYPE_CHECKING:  # imported lazily at run time, for a fast start
    from citedeck.commands.check import CheckResult

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_PROBLEMS = 0, 1  # and 2 for a usage error, which click exits with itself
EXIT_INTERRUPTED = 128 + signal.SIGINT  # as a shell reports a command stopped by Ctrl-C


def _deck_root(ctx: click.Context, param: click.Parameter, root: Path) -> Path:
    """--root, once it is known to hold a deck project: a folder with none of its parts is
    the wrong folder, a usage error, not a deck with every part missing."""
    if not Project(root).is_deck():
        where = "this folder" if str(root) == "." else printable(root.as_posix())
        raise click.BadParameter(
            f"{where} holds no deck project (no cards/, seeds/ or {CONFIG}): run citedeck in "
            "the deck's folder, give that folder with --root, or start a deck with citedeck init",
            ctx,
            param,
        )
    return root


root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    callback=_deck_root,
    help="The deck project's folder (holding seeds/ and cards/).",
)


@contextlib.contextmanager
def _interrupt_exits() -> Iterator[None]:
    """Ctrl-C inside ends the run with exit 130. click would turn it into exit 1, the code for
    problems found: a script running citedeck must tell an interrupted build from a failed one."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo("\ninterrupted", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None


class _Commands(click.Group):
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _interrupt_exits():  # while the command line is read
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _interrupt_exits():
            return super().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # A terminated command unwinds, as an interrupted one does, so the temp file of
        # whatever it was writing (a package, a cache entry, a catalogue) is removed. Only the main
        # thread may set a handler; the caller's is back once the command is done.
        terminated = None
        if threading.current_thread() is threading.main_thread():
            terminated = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if not _from_echo(exc):
                raise
            # Writing the output failed: a full disk under `> file` (click itself quiets a
            # closed pipe).
            click.echo(_cannot_write(exc), err=True)
            out = sys.__stdout__
            if out is not None and sys.stdout is out:  # nor fail again at exit's flush
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
            raise SystemExit(EXIT_PROBLEMS) from None
        finally:
            if terminated is not None:
                signal.signal(signal.SIGTERM, terminated)


def run() -> NoReturn:
    """What the `citedeck` console script runs (__main__.py): `main`, with the cycle collector
    off (a run's objects are acyclic and short-lived), then an exit that leaves them to the
    operating system. Every file citedeck writes is closed by then, and no atexit hook of its
    own or its libraries' needs to run; only the output streams are flushed here."""
    gc.disable()
    try:
        main()
        status = EXIT_OK  # not reached: in its standalone mode click always exits
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise  # a message to print: Python's own exit does that
        status = exc.code or EXIT_OK
    for stream in (sys.stdout, sys.stderr):  # stderr last: it may have a failure to tell
        if stream is None:  # its descriptor was closed before the run: nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            status = status or EXIT_PROBLEMS
            if stream is sys.stdout and sys.stderr is not None:
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write(_cannot_write(exc) + "\n")
    os._exit(status)


def _cannot_write(exc: OSError | ValueError) -> str:
    return f"Error: cannot write the output: {getattr(exc, 'strerror', None) or exc}"


def _from_echo(exc: BaseException) -> bool:
    """Whether `exc` was raised writing the output: in click.echo, which every command prints
    through. Any other OSError is no user's doing, and keeps its traceback."""
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and frame.tb_frame.f_code is click.utils.echo.__code__


@click.group(
    name="citedeck", cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="citedeck")
def main() -> None:
    """Anki decks whose every card is proven against its source articles.

    Exit codes: 0 clean, 1 problems found (or build failed), 2 usage error, 130 interrupted.
    """


def output_option(made: str, default: str) -> Callable[[F], F]:
    """-o/--output: where to write the `made` thing, else ROOT/`default`."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Where to write the {made}  [default: ROOT/{default}]",
    )


no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Prove every card afresh, even those the cache holds proved from these very files.",
)


def _check(
    root: Path, fmt: str = "text", reuse: bool = True, files: tuple[Path, ...] = ()
) -> tuple[CheckResult, str]:
    """Check the project, print its findings in `fmt` (with `files`, only theirs and the
    deck's own), and give the summary line."""
    from citedeck.cache import CACHE_ENV
    from citedeck.commands.check import (
        CacheInDeck,
        NotACardFile,
        card_files_named,
        check_project,
        project_cache,
    )
    from citedeck.output.report import FORMATS, summary

    project = Project(root)
    try:
        named = card_files_named(project, files) if files else None
    except NotACardFile as exc:
        raise click.BadParameter(printable(str(exc)), param_hint="FILES") from exc
    try:
        store = project_cache(project, reuse)
    except CacheInDeck as exc:
        # CITEDECK_CACHE_DIR is set by whoever runs citedeck, like an option: a usage error.
        raise click.BadParameter(printable(str(exc)), param_hint=CACHE_ENV) from exc
    result = check_project(project, store)
    if named is not None:
        result = result.narrowed(named)
    click.echo(FORMATS[fmt](result.diagnostics), nl=False)
    line = summary(
        result.written, result.files, len(result.sources), result.errors, result.warnings
    )
    return result, line


def _output(
    root: Path,
    output: Path | None,
    default: str,
    made: str,
    suffixes: tuple[str, ...],
    replaceable: tuple[str, Callable[[Path], bool]],
) -> Path:
    """Where to write: -o, else `default` in the project. Never over the deck's own files, nor
    under a name that is not a `made`'s, nor over a file that is not what `replaceable` names
    and tells."""
    target = output if output is not None else root / default
    shown = printable(target.as_posix())
    what, may_replace = replaceable

    def refuse(why: str) -> NoReturn:
        if output is None:  # the default place: no option to blame
            raise click.ClickException(why)
        raise click.BadParameter(why, param_hint="'-o' / '--output'")

    if Project(root).owns(target):
        refuse(
            f"{shown} is among the deck's own files (cards/, seeds/, citedeck.toml); "
            f"write the {made} elsewhere"
        )
    if target.name.lower() in suffixes:
        refuse(f"{shown} has no name before its {target.suffix or target.name}")
    if target.suffix.lower() not in suffixes:
        refuse(f"{shown} does not end in {' or '.join(suffixes)}, as the {made}'s name must")
    # os.path's tests say False where they may not look: the write then says why.
    if os.path.exists(target.parent) and not os.path.isdir(target.parent):
        refuse(f"{printable(target.parent.as_posix())} is a file, not a folder")
    try:
        foreign = os.path.lexists(target) and not may_replace(target)
    except OSError as exc:
        refuse(f"cannot read {shown} to tell whether it is {what}: {exc.strerror or exc}")
    if foreign:
        refuse(f"{shown} exists and is not {what}; move it away or choose another name")
    return target


def _checked_before_writing(root: Path, command: str, made: str, reuse: bool) -> CheckResult:
    """Check the project as `check` does; on any error, in the cards, the catalogue or
    citedeck.toml, stop with exit 1 having written nothing."""
    result, line = _check(root, reuse=reuse)
    if not result.ok or result.config is None:
        click.echo(line)
        click.echo(f"{command} aborted: fix the errors above; no {made} was written", err=True)
        raise SystemExit(EXIT_PROBLEMS)
    return result


@main.command()
@root_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list of findings; github: Actions annotations.",
)
@no_cache_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check(root: Path, fmt: str, no_cache: bool, files: tuple[Path, ...]) -> None:
    """Prove every card against the source text, read citedeck.toml, and report each problem
    as path:line:col.

    With FILES (card files in cards/), only their problems and the deck's own (the catalogue,
    citedeck.toml, the ledger) are reported, and only they decide the exit code; every card
    is still proved, as a duplicate id across files must be found."""
    result, line = _check(root, fmt, reuse=not no_cache, files=files)
    # The summary keeps JSON on stdout parseable by going to stderr.
    click.echo(line, err=fmt == "json")
    raise SystemExit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@main.command()
@root_option
@output_option("package", DEFAULT_OUTPUT)
@no_cache_option
def build(root: Path, output: Path | None, no_cache: bool) -> None:
    """Check the deck, then write it as an Anki package (.apkg); nothing is written on errors.

    The deck's name and ids come from ROOT/citedeck.toml (without it: the DeepSeek deck's).
    Cards the last check proved from these very files are not proved again."""
    from citedeck.commands.build import LedgerNotWritten, write_package
    from citedeck.output.package import PACKAGE_SUFFIXES, BadEpoch, build_timestamp, is_package
    from citedeck.output.report import plural

    target = _output(
        root,
        output,
        DEFAULT_OUTPUT,
        "package",
        PACKAGE_SUFFIXES,
        ("a package citedeck built", is_package),
    )
    try:
        timestamp = build_timestamp(replacing=target)
    except BadEpoch as exc:
        # Set by whoever runs the build, like an option: a usage error, before any checking.
        raise click.BadParameter(printable(str(exc)), param_hint="SOURCE_DATE_EPOCH") from exc
    result = _checked_before_writing(root, "build", "package", reuse=not no_cache)
    try:
        built = write_package(result, Project(root), target, timestamp)
    except LedgerNotWritten as exc:
        raise click.ClickException(
            f"the package was written, but not {printable(str(exc.path))}: {exc.reason}; "
            "build again before importing"
        ) from exc
    except OSError as exc:
        raise click.ClickException(
            f"cannot write {printable(str(target))}: {exc.strerror or exc}"
        ) from exc
    shown = printable(target.as_posix())
    retired = f" (and {built.retired} retired)" if built.retired else ""
    click.echo(
        f"built {plural(built.cards, 'card')}{retired} from {plural(built.sources, 'source')} "
        f"into {shown}"
    )


@main.command()
@root_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stats(root: Path, fmt: str) -> None:
    """Cards per source and type, and the share of each article's sentences the quotes touch."""
    import json

    from citedeck.commands.stats import as_json_data, format_retired, format_table, project_stats
    from citedeck.output.report import plural

    rows, result = project_stats(Project(root))
    if fmt == "json":
        click.echo(json.dumps(as_json_data(rows, result.retired), indent=2))
    else:
        click.echo(format_table(rows) + format_retired(result.retired), nl=False)
    if not result.ok:
        click.echo(
            f"note: the deck has {plural(result.errors, 'error')} (run citedeck check)", err=True
        )
        raise SystemExit(EXIT_PROBLEMS)


@main.command()
@root_option
@click.argument("phrase", nargs=-1, required=True)
@click.option(
    "--source",
    "source_key",
    metavar="KEY",
    help="Search only this source (a key from seeds/sources.yaml).",
)
def find(root: Path, phrase: tuple[str, ...], source_key: str | None) -> None:
    """Find PHRASE in the sources and print each hit with a card to paste.

    Typography is folded as check folds it (quotes, dashes, line breaks); the words of PHRASE
    are one phrase; a lowercase phrase matches any case. Exit 1 when nothing matches.
    """
    from citedeck.commands.find import find_report
    from citedeck.load.cards import card_ids
    from citedeck.load.catalogue import load_catalogue
    from citedeck.load.ledger import load_ledger
    from citedeck.load.schema import suggestion
    from citedeck.output.report import format_text

    text = " ".join(phrase)
    if not text.strip():
        raise click.BadParameter("it is blank", param_hint="PHRASE")
    project = Project(root)
    seeds = project.shown(project.seeds)
    catalogue, problems = load_catalogue(project)
    click.echo(format_text(problems), nl=False, err=True)
    if source_key is not None and source_key not in catalogue:
        known = ", ".join(catalogue.sources) or "none"
        near = suggestion(source_key, catalogue.sources)
        raise click.BadParameter(
            f"unknown source '{printable(source_key)}'{near} (sources: {known})",
            param_hint="'--source'",
        )
    # Nor an id the deck has shipped: a card of a retired id takes over its note in Anki.
    taken = card_ids(project) | set(load_ledger(project)[0].shipped)
    report, found = find_report(catalogue, text, source_key, seeds, taken)
    click.echo(report, nl=False)
    if not found:
        raise SystemExit(EXIT_PROBLEMS)


@main.command()
@root_option
@output_option("page", DEFAULT_PREVIEW)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the browser.")
@no_cache_option
def preview(root: Path, output: Path | None, open_page: bool, no_cache: bool) -> None:
    """Check the deck, then write one HTML page showing every card's front and back as Anki
    will (the package's own templates and CSS), grouped by source; nothing is written on errors.

    The deck's name, and its subdecks if any, come from ROOT/citedeck.toml, as for build."""
    from citedeck.commands.build import write_preview_page
    from citedeck.output.preview import PAGE_SUFFIXES, is_preview
    from citedeck.output.report import plural

    target = _output(
        root, output, DEFAULT_PREVIEW, "page", PAGE_SUFFIXES, ("a page citedeck wrote", is_preview)
    )
    result = _checked_before_writing(root, "preview", "page", reuse=not no_cache)
    try:
        written = write_preview_page(result, target)
    except OSError as exc:
        raise click.ClickException(
            f"cannot write {printable(str(target))}: {exc.strerror or exc}"
        ) from exc
    click.echo(
        f"previewed {plural(written.cards, 'card')} from {plural(written.sources, 'source')} "
        f"in {printable(target.as_posix())}"
    )
    if open_page:
        url = target.resolve().as_uri()
        if click.launch(url) != 0:  # no browser here (xdg-open says why on stderr)
            click.echo(f"could not open a browser; open {url} in one", err=True)


@main.command()
@root_option
@click.option(
    "--collection",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Anki collection file (collection.anki2) to sync into.",
)
@click.option(
    "--profile",
    metavar="NAME",
    help="The Anki profile whose collection to sync into.  [default: the only one]",
)
@click.option("--dry-run", is_flag=True, help="Print the plan, and write nothing.")
@click.option(
    "--delete-retired", is_flag=True, help="Delete retired cards' notes instead of suspending them."
)
@click.option(
    "--upgrade-schema",
    is_flag=True,
    help="Sync into a collection of an older schema, upgrading it.",
)
@no_cache_option
def sync(
    root: Path,
    collection: Path | None,
    profile: str | None,
    dry_run: bool,
    delete_retired: bool,
    upgrade_schema: bool,
    no_cache: bool,
) -> None:
    """Check the deck and import it straight into an Anki collection (closed: Anki not
    running), as File > Import would; then suspend its retired cards (or delete them, with
    --delete-retired). Prints the plan first; --dry-run stops there. Backs the collection up
    before writing, and touches no note of another note type or deck.

    Needs Anki's Python library: pip install 'citedeck[sync]'."""
    from citedeck.commands.sync import (
        SyncRefused,
        find_collection,
        format_plan,
        import_anki,
        plan_for,
        run_sync,
    )
    from citedeck.output.package import BadEpoch, build_timestamp
    from citedeck.output.report import plural

    if collection is not None and profile is not None:
        raise click.UsageError("give --collection or --profile, not both")
    try:
        import_anki()
        path = find_collection(collection, profile)
    except SyncRefused as exc:
        raise click.ClickException(printable(str(exc))) from exc
    try:
        timestamp = build_timestamp()
    except BadEpoch as exc:
        raise click.BadParameter(printable(str(exc)), param_hint="SOURCE_DATE_EPOCH") from exc
    result = _checked_before_writing(root, "sync", "note", reuse=not no_cache)
    try:
        plan = plan_for(result, path, timestamp, delete_retired, upgrade_schema, dry_run)
    except SyncRefused as exc:
        raise click.ClickException(printable(str(exc))) from exc
    click.echo(format_plan(plan, printable(path.as_posix())), nl=False)
    if dry_run:
        click.echo("dry run: nothing was written")
        return
    try:
        synced = run_sync(result, Project(root), path, plan, timestamp)
    except SyncRefused as exc:
        raise click.ClickException(printable(str(exc))) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot sync: {exc.strerror or exc}") from exc
    if synced.backup is None:
        click.echo("the collection is up to date: nothing was written")
        return
    click.echo(f"backed up the collection into {printable(synced.backup.as_posix())}")
    click.echo(f"imported: {synced.new} new, {synced.updated} updated")
    if plan.restore:
        click.echo(f"unsuspended {plural(len(plan.restore), 'restored card')}")
    if plan.retire:
        done = "deleted" if plan.delete else "suspended"
        click.echo(f"{done} {plural(synced.retired, 'retired card')}")


@main.command()
@root_option
@click.argument("ids", metavar="[ID]...", nargs=-1)
@click.option(
    "--forget",
    is_flag=True,
    help="Take the retired ID... out of the ledger: builds stop shipping them.",
)
@click.option("--all", "every", is_flag=True, help="With --forget: every retired card.")
def retire(root: Path, ids: tuple[str, ...], forget: bool, every: bool) -> None:
    """List the retired cards: removed from cards/, their notes still shipped, marked as removed
    and tagged citedeck::retired, so an import updates the learner's copy. With --forget, take
    ID... (or --all) out of shipped-cards.txt; their notes stay in Anki as they are."""
    from citedeck.commands.retire import LedgerBroken, NotRetired, forget_retired
    from citedeck.load.cards import card_ids
    from citedeck.load.ledger import load_ledger
    from citedeck.output.report import format_text, plural

    project = Project(root)
    ledger_shown = printable(project.shown(project.ledger))
    if not forget:
        if ids or every:
            raise click.UsageError("ID... and --all go with --forget")
        ledger, problems = load_ledger(project)
        click.echo(format_text(problems), nl=False)
        retired = ledger.retired(card_ids(project))
        if not retired:
            click.echo(f"no retired cards in {ledger_shown}")
        for key, day in retired.items():
            click.echo(f"{key}  retired {day or 'at the next build'}")
        raise SystemExit(EXIT_PROBLEMS if problems else EXIT_OK)
    if bool(ids) == every:
        raise click.UsageError("--forget takes the ids to forget, or --all (not both)")
    try:
        forgotten = forget_retired(project, ids, every)
    except LedgerBroken as exc:
        click.echo(format_text(exc.diagnostics), nl=False)
        raise click.ClickException(f"fix {ledger_shown} first; nothing was forgotten") from exc
    except NotRetired as exc:
        reasons = "\n".join(printable(reason) for reason in exc.reasons)
        raise click.ClickException(f"{reasons}\nnothing was forgotten") from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {ledger_shown}: {exc.strerror or exc}") from exc
    if not forgotten.ids:
        click.echo("no retired cards to forget")
        return
    click.echo(
        f"forgot {plural(len(forgotten.ids), 'retired card')}: {', '.join(forgotten.ids)}\n"
        "builds no longer ship their notes; in Anki they stay as they are"
    )


@main.command()
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."), required=False
)
@click.option("--name", help="The deck's name in Anki.  [default: the folder's name]")
def init(directory: Path, name: str | None) -> None:
    """Start a deck project in DIRECTORY (default: here): citedeck.toml with the deck's name
    and its Anki ids, an empty seeds/sources.yaml, and cards/example.yaml. Never overwrites."""
    from citedeck.commands.init import BadName, ProjectExists, create_deck_project, default_name

    project = Project(directory)
    try:
        created = create_deck_project(project, default_name(directory) if name is None else name)
    except BadName as exc:
        raise click.BadParameter(str(exc), param_hint="'--name'") from exc
    except ProjectExists as exc:
        found = ", ".join(printable(project.shown(path)) for path in exc.existing)
        raise click.ClickException(
            f"{printable(directory.as_posix())} already holds a deck project ({found}); nothing was written"
        ) from exc
    except OSError as exc:
        raise click.ClickException(
            f"cannot create the deck project: {exc.strerror or exc}"
        ) from exc
    click.echo(f'created the deck "{created.name}":')
    for path in created.files:
        click.echo(f"  {printable(project.shown(path))}")
    where = (
        "" if str(directory) == "." else f" --root {printable(shlex.quote(directory.as_posix()))}"
    )
    click.echo(
        f"next: add an article (a saved web page, .txt or .md) with: citedeck add-source FILE{where}"
    )


@main.command(name="add-source")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", help="What cards will cite it by.  [default: from its title]")
@click.option("--title", help="The article's title (wins over the page's own).")
@click.option("--publisher", help="Who published it (wins over the page's site name).")
@click.option("--author", help="Who wrote it (wins over the page's author).")
@click.option("--date", help="When it was published (wins over the page's date).")
@click.option("--url", help="Where it is on the web (wins over the page's canonical URL).")
@click.option("--fix-text", is_flag=True, help='Repair mojibake ("â€™" for "’") with ftfy.')
@click.option(
    "--encoding",
    metavar="NAME",
    help="The file's encoding, when it is not UTF-8 (a page's too).  [default: detected]",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a page that does not look like an article, or looks cut short, instead of warning.",
)
@click.option(
    "--full-text",
    is_flag=True,
    help="Where trafilatura's reading of a page looks cut short, store the fuller one.",
)
@root_option
def add_source(
    file: Path,
    key: str | None,
    title: str | None,
    publisher: str | None,
    author: str | None,
    date: str | None,
    url: str | None,
    fix_text: bool,
    encoding: str | None,
    strict: bool,
    full_text: bool,
    root: Path,
) -> None:
    """Store an article in seeds/ and add it to seeds/sources.yaml.

    FILE is a .txt or .md file, stored as it is (as UTF-8), a saved web page (.html, .htm),
    stored as its article text, or a PDF; its title, site name, author and date are read from
    the page (the PDF's metadata), and its url from the page's canonical URL.
    Refuses a key or a file that is already there.
    """
    from citedeck.commands.add_source import AddSourceRefused, BadKey, BadUrl, CatalogueBroken
    from citedeck.commands.add_source import add_source as add
    from citedeck.output.report import format_text, plural

    project = Project(root)
    given = {"title": title, "publisher": publisher, "author": author, "date": date, "url": url}
    try:
        added = add(project, file, key, given, fix_text, encoding, strict, full_text)
    except CatalogueBroken as exc:
        click.echo(format_text(exc.diagnostics), nl=False)
        shown = printable(project.shown(project.catalogue))
        raise click.ClickException(f"fix {shown} first; nothing was added") from exc
    except BadKey as exc:
        raise click.BadParameter(printable(str(exc)), param_hint="'--key'") from exc
    except BadUrl as exc:
        raise click.BadParameter(printable(str(exc)), param_hint="'--url'") from exc
    except AddSourceRefused as exc:
        raise click.ClickException(printable(str(exc), lines=True)) from exc
    except OSError as exc:
        raise click.ClickException(
            f"cannot add {printable(str(file))}: {exc.strerror or exc}"
        ) from exc
    catalogue = printable(project.shown(project.catalogue))
    suggested = (
        f" (chosen for you; rename it in {catalogue} before cards cite it)"
        if added.key_suggested
        else ""
    )
    source = added.source
    rows: list[tuple[str, str | None]] = [
        ("key", source.key + suggested),
        ("file", printable(project.shown(added.path))),
        ("title", source.title),
        ("publisher", source.publisher),
        ("author", source.author),
        ("date", f"{source.date} ({added.date_kind})" if added.date_kind else source.date),
        ("url", source.url),
        ("size", f"{added.size:,} bytes, {plural(added.lines, 'line')}"),
    ]
    if source.language != "en":  # told only when the script or the page says it
        rows.insert(-1, ("language", f"{source.language} ({added.language_kind}; edit it in {catalogue} if wrong)"))
    if added.converted_from:
        rows.append(("encoding", f"{added.converted_from}, stored as UTF-8"))
        # A wrong guess garbles the accents: the user sees it here, not in a failing quote.
        rows.append(("read as", printable(added.read_as)))
    for field, doubtful, why in added.left_out:
        shown = f'(none: left out "{printable(doubtful)}": {why}; give it with --{field})'
        rows = [(row, shown if row == field else old) for row, old in rows]
    # Most articles saved as text have no url: its row is shown only when there is one to show.
    rows = [(name, value) for name, value in rows if name != "url" or value]
    click.echo(f"added '{source.key}' to {catalogue}:")
    for name, value in rows:
        click.echo(f"  {name + ':':<10} {value or '(none)'}")
    for warning in added.warnings:
        click.echo(f"warning: {printable(warning)} (--strict refuses such a page)")
    click.echo(
        f"next: write cards with 'source: {source.key}' in a file in {printable(project.shown(project.cards))}/"
    )


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
