"""docs/codes.md cannot rot: every finding code the source can report is documented with its
severity, nothing else is, and every YAML example there fails or passes as it says."""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

from citedeck.commands.check import check_project
from citedeck.load.project import Project

DOC = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
SOURCE = REPO / "src" / "citedeck"
# Whose failing case cannot be written as a YAML file: a missing, unreadable, huge or
# non-UTF-8 file, an empty article, an empty folder, a file of over a thousand mistakes, a
# catalogue and a card file at once. The doc describes them in words.
# A citedeck.toml mistake is TOML: tests/test_config.py runs those examples; a ledger's are
# plain text, and tests/test_ledger.py runs them.
NOT_WRITTEN_AS_YAML = {
    "io", "too-many-findings", "yaml-too-large", "yaml-encoding", "schema-no-cards", "card-folder", "source-catalogue",
    "source-encoding", "source-empty", "source-name-shared", "config-syntax", "config-key", "config-value",
    "ledger-line",
}
# A finding's severity by the function that makes it.
SEVERITY_OF = {"error": "error", "warning": "warning"}


@dataclass(frozen=True)
class Use:
    code: str
    severity: str | None
    where: str


Taker = tuple[int, "str | None"]  # where `code` stands among the positional arguments; severity
METHOD = "method"  # the scope of a method, called as obj.name(...): matched by name alone


def codes_in_source() -> list[Use]:
    """Every code src/ passes, as a string or a module constant, to a function that takes a
    `code` parameter (error, warning, ShapeChecker.fail and any other helper). A code such a
    helper passes on from its own parameter is counted where the caller wrote it."""
    trees = {
        path.relative_to(REPO).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(SOURCE.rglob("*.py"))
    }
    takers = _code_takers(trees)
    uses: list[Use] = []
    for module, tree in trees.items():
        finder = _CodeCalls(module, takers)
        finder.visit(tree)
        uses.extend(finder.uses)
    return uses


def _code_takers(trees: dict[str, ast.Module]) -> dict[tuple[str, str], Taker]:
    """Each function or method with a `code` parameter, by (module or METHOD, name): where the
    parameter stands, and the severity of what it makes (None when its caller chooses)."""
    # error and warning are diagnostics.finding with the severity given (functools.partial):
    # no def of theirs names `code`.
    takers: dict[tuple[str, str], Taker] = {
        ("diagnostics", "Diagnostic"): (3, None),
        ("diagnostics", "error"): (2, "error"),
        ("diagnostics", "warning"): (2, "warning"),
    }
    for module, tree in trees.items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            names = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
            scope = METHOD if names[:1] == ["self"] else module
            names = names[1:] if scope == METHOD else names
            if "code" not in names:
                continue
            made = {
                SEVERITY_OF[call.func.id]
                for call in ast.walk(function)
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) in SEVERITY_OF
            }
            severity = SEVERITY_OF.get(function.name) or (made.pop() if len(made) == 1 else None)
            taker = (names.index("code"), severity)
            key = (scope, function.name)
            assert takers.setdefault(key, taker) == taker, f"two methods {function.name} differ"
    return takers


class _CodeCalls(ast.NodeVisitor):
    def __init__(self, module: str, takers: dict[tuple[str, str], Taker]) -> None:
        self.module = module
        self.takers = takers
        self.constants: dict[str, str] = {}
        self.parameters: list[set[str]] = [set()]
        self.uses: list[Use] = []

    def taker(self, call: ast.Call) -> Taker | None:
        """A method by its name; a function of this module first, else one imported."""
        if isinstance(call.func, ast.Attribute):
            return self.takers.get((METHOD, call.func.attr))
        if not isinstance(call.func, ast.Name):
            return None
        name = call.func.id
        if (self.module, name) in self.takers:
            return self.takers[(self.module, name)]
        imported = {t for (scope, n), t in self.takers.items() if n == name and scope != METHOD}
        assert len(imported) <= 1, f"{self.module}: which {name} is called is unclear"
        return imported.pop() if imported else None

    def visit_Module(self, node: ast.Module) -> None:
        for statement in node.body:
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant):
                for target in statement.targets:
                    if isinstance(target, ast.Name) and isinstance(statement.value.value, str):
                        self.constants[target.id] = statement.value.value
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        self.parameters.append({a.arg for a in arguments})
        self.generic_visit(node)
        self.parameters.pop()

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        taker = self.taker(node)
        if taker is None:
            return
        index, severity = taker
        argument = next((k.value for k in node.keywords if k.arg == "code"), None)
        if argument is None and len(node.args) > index:
            argument = node.args[index]
        where = f"{self.module}:{node.lineno}"
        if isinstance(argument, ast.Name) and argument.id in self.parameters[-1]:
            return
        if argument is None and any(k.arg is None for k in node.keywords):
            return  # Diagnostic(**stored): a finding made, and checked here, where it was first made
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            code = argument.value
        elif isinstance(argument, ast.Name) and argument.id in self.constants:
            code = self.constants[argument.id]
        else:
            pytest.fail(f"{where}: write the code as a string or a module constant")
        self.uses.append(Use(code, severity, where))


@dataclass(frozen=True)
class Entry:
    code: str
    severity: str
    text: str

    def example(self, kind: str) -> tuple[str, str] | None:
        """The (path, YAML) of the `kind` ('Fails' or 'Passes') example, None if in words."""
        match = re.search(rf"^{kind}:\n\n```yaml\n# (\S+)\n(.*?)```", self.text, re.DOTALL | re.MULTILINE)
        return (match.group(1), match.group(2)) if match else None


def documented() -> dict[str, Entry]:
    parts = re.split(r"^### `([a-z-]+)` · (error|warning)\n", DOC, flags=re.MULTILINE)
    entries = {}
    for code, severity, text in zip(parts[1::3], parts[2::3], parts[3::3]):
        assert code not in entries, f"{code} is documented twice"
        entries[code] = Entry(code, severity, text.split("\n## ")[0])
    return entries


DOCUMENTED = documented()


def test_every_code_the_source_reports_is_documented_with_its_severity() -> None:
    uses = codes_in_source()
    assert len({u.code for u in uses}) >= 30  # the scan itself works
    undocumented = [f"{u.where}: {u.code}" for u in uses if u.code not in DOCUMENTED]
    if undocumented:
        pytest.fail("not in docs/codes.md:\n" + "\n".join(undocumented))
    wrong = [
        f"{u.where}: {u.code} is an {u.severity}"
        for u in uses
        if u.severity and DOCUMENTED[u.code].severity != u.severity
    ]
    assert wrong == []


def test_every_code_like_string_in_the_source_is_documented() -> None:
    """A second net, by grep, for a code made some way the scan above does not follow."""
    prefixes = "|".join(sorted({code.split("-")[0] for code in DOCUMENTED}))
    pattern = re.compile(rf"""["']((?:{prefixes})-[a-z]+(?:-[a-z]+)*)["']""")
    for path in sorted(SOURCE.rglob("*.py")):
        found = pattern.findall(path.read_text(encoding="utf-8"))
        missing = [code for code in found if code not in DOCUMENTED]
        assert missing == [], f"{path.relative_to(REPO)}: not in docs/codes.md"


def test_every_documented_code_is_reported_somewhere() -> None:
    used = {u.code for u in codes_in_source()}
    assert sorted(set(DOCUMENTED) - used) == []


def test_the_table_of_contents_lists_every_code() -> None:
    table = DOC.split("\n## ")[0]
    assert sorted(re.findall(r"`([a-z-]+)`", table.split("| --- | --- |")[1])) == sorted(DOCUMENTED)


def test_every_code_has_a_failing_and_a_passing_example() -> None:
    for entry in DOCUMENTED.values():
        for kind in ("Fails", "Passes"):
            assert re.search(rf"^{kind}:", entry.text, re.MULTILINE), f"{entry.code} has no '{kind}:'"
            written = entry.example(kind) is not None
            assert written == (entry.code not in NOT_WRITTEN_AS_YAML), f"{entry.code}: {kind}"


def run_example(root: Path, path: str, text: str):  # type: ignore[no-untyped-def]
    shutil.copytree(SEEDS, root / "seeds")
    (root / "cards").mkdir()
    (root / path).write_text(text, encoding="utf-8")
    return check_project(Project(root))


EXAMPLES = sorted(set(DOCUMENTED) - NOT_WRITTEN_AS_YAML)


@pytest.mark.parametrize("code", EXAMPLES)
def test_failing_example_reports_its_code(code: str, tmp_path: Path) -> None:
    entry = DOCUMENTED[code]
    path, text = entry.example("Fails")  # type: ignore[misc]
    result = run_example(tmp_path, path, text)
    shown = Project(tmp_path).shown(tmp_path / path)
    found = {(d.path, d.code, d.severity.value) for d in result.diagnostics}
    assert (shown, code, entry.severity) in found, found


@pytest.mark.parametrize("code", EXAMPLES)
def test_passing_example_reports_nothing(code: str, tmp_path: Path) -> None:
    path, text = DOCUMENTED[code].example("Passes")  # type: ignore[misc]
    result = run_example(tmp_path, path, text)
    # A catalogue example leaves cards/ empty, which is its own finding.
    expected_elsewhere = {"schema-no-cards"} if path.startswith("seeds/") else set()
    assert [d for d in result.diagnostics if d.code not in expected_elsewhere] == []
