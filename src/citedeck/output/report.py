"""Output formats for findings: pure functions from diagnostics to text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from citedeck.load.diagnostics import Diagnostic, Severity
from citedeck.text.fold import UNSHOWABLE, UNSHOWABLE_BUT_LF


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per finding, `path:line:col: severity[code]: message`, and under it, indented,
    the finding's hint: `  hint: ...` (a line no path:line:col pattern matches)."""
    return "".join(
        f"{printable(d.path)}:{d.line}:{d.col}: {d.severity.value}[{d.code}]: {printable(d.message)}\n"
        + (f"  hint: {printable(d.hint)}\n" if _shown_apart(d) else "")
        for d in diagnostics
    )


_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def printable(text: str | None, lines: bool = False) -> str:
    """`text` with each control character and line end shown as its escape (\\x1b, \\n,
    \\u2028), on one line; with `lines`, its own line feeds kept. A file name, a value or an
    article's text holding one must neither drive the terminal nor start a line that reads as
    a finding of its own."""
    unshowable = UNSHOWABLE_BUT_LF if lines else UNSHOWABLE
    if not text or not unshowable.search(text):
        return text or ""
    return unshowable.sub(lambda found: _escape(found.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _shown_apart(d: Diagnostic) -> bool:
    """Whether `d` has a hint its message does not already hold (quote-not-found's does)."""
    return d.hint is not None and d.hint != "" and d.hint not in d.message


def summary(cards: int, files: int, sources: int, errors: int, warnings: int) -> str:
    found = "no problems"
    if errors or warnings:
        found = ", ".join(
            part
            for part, count in ((plural(errors, "error"), errors), (plural(warnings, "warning"), warnings))
            if count
        )
    return (
        f"checked {plural(cards, 'card')} in {plural(files, 'file')} "
        f"against {plural(sources, 'source')}: {found}"
    )


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of findings; an end position or hint that is not known is null."""
    findings = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.col,
            "end_line": d.end_line,
            "end_column": d.end_col,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    # Text as it is, but what a terminal would act on: JSON escapes C0 itself, not C1 nor the
    # line separators, which stand for themselves in a JSON string as their \\u escapes do.
    text = json.dumps(findings, indent=2, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one per finding, shown as annotations on a pull request:
    `::error file=P,line=L,col=C,endLine=L2,endColumn=C2,title=citedeck CODE::message`."""
    return "".join(_github_command(d) + "\n" for d in diagnostics)


def _github_command(d: Diagnostic) -> str:
    # A path holding a control character is shown escaped here too: GitHub will not find that
    # file to annotate, but the log of a local run stays safe to read.
    properties: list[tuple[str, object]] = [("file", printable(d.path)), ("line", d.line)]
    # GitHub takes columns only for a finding that starts and ends on one line.
    one_line = d.end_line is None or d.end_line == d.line
    if one_line:
        properties.append(("col", d.col))
    if d.end_line is not None:
        properties.append(("endLine", d.end_line))
    if one_line and d.end_col is not None:
        properties.append(("endColumn", d.end_col))
    properties.append(("title", f"citedeck {d.code}"))
    # A line feed is encoded (%0A) and shown as a line break on the annotation.
    message = printable(d.message, lines=True)
    if _shown_apart(d):
        message += f"\nhint: {printable(d.hint, lines=True)}"
    command = "error" if d.severity is Severity.ERROR else "warning"
    fields = ",".join(f"{name}={_github_property(str(value))}" for name, value in properties)
    return f"::{command} {fields}::{_github_data(message)}"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[Iterable[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
