"""The layout is the pipeline: each package imports only the ones below it, cli -> commands ->
check / output -> load -> text, so no cycle can form and each module's room is plain."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "citedeck"
# What each part may import of citedeck (besides itself and the package's __version__).
ALLOWED = {
    "cli": {"commands", "output", "load", "cache"},
    "__main__": {"cli"},
    "commands": {"check", "output", "load", "text", "cache"},
    "check": {"load", "text"},
    "output": {"load", "text"},
    "load": {"text"},
    "text": set(),
    "cache": set(),
}


def part_of(module: str) -> str:
    """'citedeck.load.cards' -> 'load'; 'citedeck.cli' -> 'cli'."""
    return module.split(".")[1]


def imports(path: Path) -> set[str]:
    """The citedeck modules `path` imports, anywhere in it (lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("citedeck"):
            found.add(node.module if node.module != "citedeck" else f"citedeck.{node.names[0].name}")
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("citedeck."))
    return found


def test_imports_run_one_way() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        if relative.parts == ("__init__",):
            continue
        part = relative.parts[0]
        for module in imports(path):
            target = part_of(module)
            if target not in {part, "__version__"} and target not in ALLOWED[part]:
                wrong.append(f"{relative.as_posix()} imports {module}")
    assert wrong == []


def test_no_import_is_held_apart_by_type_checking() -> None:
    held = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "if TYPE_CHECKING:" in path.read_text(encoding="utf-8") and path.name != "cli.py"
    ]
    assert held == []


def test_every_part_is_a_package_or_a_module_of_the_pipeline() -> None:
    parts = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert parts == {*ALLOWED, "__init__"}
