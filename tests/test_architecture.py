"""The house rules of docs/architecture.md, checked on the source: module sizes, the number of
modules at the top of the package, no import cycle, a thin command line, one render path, and
each fact (the list of formats) defined once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "perfgen"


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(name: str, path: Path) -> set[str]:
    """The perfgen modules ``name`` imports at run time (module level or inside functions),
    leaving out the imports under ``if TYPE_CHECKING:``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking(node):
            return
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:  # from perfgen import cache
                    found.add(f"{base}.{alias.name}")
                elif base in MODULES:
                    found.add(base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    """Each module → the perfgen modules it imports by name."""
    return {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    """The finder itself: a → b → c → a is one cycle; d hangs off it."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_core_imports_nothing_of_perfgen_above_it() -> None:
    """The bottom layer (core types, the error tree, files) imports only itself."""
    core = {"perfgen.locations", "perfgen.errors", "perfgen.files"}
    graph = _graph()
    for name in core:
        assert graph[name] <= core | {"perfgen"}, name


def test_module_sizes() -> None:
    """No module over 400 lines; over 300 only with a reason in its docstring."""
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        assert lines <= 400, f"{name}: {lines} lines"
        if lines > 300:
            doc = ast.get_docstring(ast.parse(text)) or ""
            assert "over 300 lines" in doc.lower(), f"{name}: {lines} lines and no reason given"


def test_at_most_twelve_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


def _calls(path: Path) -> set[str]:
    """The names of every function called in a module (``f(…)`` and ``x.f(…)``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else ast.unparse(func))
    return names


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n == "perfgen.cli" or n.startswith("perfgen.cli."))
)
def test_the_command_line_only_parses_calls_and_prints(name: str) -> None:
    forbidden = {"examine", "compose", "render_bytes", "write_atomic", "refuse_inputs"}
    assert _calls(MODULES[name]) & forbidden == set()


def test_batch_renders_through_the_pipeline() -> None:
    for name in (n for n in MODULES if n.startswith("perfgen.batch")):
        assert _calls(MODULES[name]) & {"compose", "render_bytes"} == set(), name


def test_formats_defined_once() -> None:
    """The format lists (``FORMATS``, ``REPORT_FORMATS`` …) are assigned in one module only;
    everyone else imports them."""
    owners = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if any(isinstance(t, ast.Name) and t.id.endswith("FORMATS") for t in targets):
                owners.add(name)
    assert owners == {"perfgen.formats"}
