"""Output formats for findings: pure functions from diagnostics to text."""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import Diagnostic


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per finding: `path:line:col: severity[code]: message`."""
    return "".join(
        f"{d.path}:{d.line}:{d.col}: {d.severity.value}[{d.code}]: {d.message}\n" for d in diagnostics
    )


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
