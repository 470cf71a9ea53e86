"""The flow of the code, read from its imports: ingest -> speakers -> curation -> index -> query -> library -> web/cli.

Every import statement of search/ and web/ (module level or inside a function; not
those under `if TYPE_CHECKING:`, which never run) is an edge; the graph must have no
cycle, and no stage may import a later one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("search", "web")

# stage -> the stages it must not import (later in the flow)
LATER = {
    "search.ingest": ("search.curation", "search.index", "search.query", "search.library", "search.cli", "web"),
    "search.speakers": ("search.ingest", "search.curation", "search.index", "search.query", "search.library",
                        "search.cli", "web"),
    # the user's decisions and their application: pure data and files, applied by the index
    "search.curation": ("search.ingest", "search.index", "search.query", "search.library", "search.curator",
                        "search.cli", "web"),
    "search.index": ("search.query", "search.library", "search.cli", "web"),
    "search.query": ("search.library", "search.cli", "web"),
    "search.library": ("search.cli", "web"),
    "search.cli": (),  # a shell beside web/: `cuttings serve` starts the web app
    "search": ("web",),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, modules: dict[str, Path], here: str) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from this package
                package = here.split(".")[: len(here.split(".")) - node.level + (here in _packages(modules))]
                base = ".".join(package + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in modules and name != here}


def _packages(modules: dict[str, Path]) -> set[str]:
    return {name for name, path in modules.items() if path.name == "__init__.py"}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(ast.parse(path.read_text(encoding="utf-8")), modules, name)
            for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def test_no_import_cycle_among_the_modules():
    assert find_cycle(import_graph()) is None


def _stage(module: str) -> str | None:
    return max((s for s in LATER if module == s or module.startswith(s + ".")), key=len, default=None)


@pytest.mark.parametrize("stage", sorted(LATER))
def test_no_stage_imports_a_later_one(stage):
    graph = import_graph()
    wrong = sorted(f"{m} imports {dep}" for m, deps in graph.items() if _stage(m) == stage
                   for dep in deps if any(dep == later or dep.startswith(later + ".") for later in LATER[stage]))
    assert not wrong


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def private_imports(tree: ast.AST) -> list[str]:
    """Names starting with "_" imported from another module of the product: a module's private
    helpers are its own (importing a public name under a private alias is fine)."""
    return sorted(f"{node.module}.{alias.name}" for node in ast.walk(tree)
                  if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES
                  for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__"))


def test_no_module_imports_another_ones_private_names():
    found = {name: wrong for name, path in _modules().items()
             if (wrong := private_imports(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}


def test_the_private_import_check_finds_one():
    assert private_imports(ast.parse("from search.ingest.words import _fold, fold\nfrom os import _exit")) == [
        "search.ingest.words._fold"]
