"""The package's layout: imports flow one way, and no module reaches into another's privates.

Read from the source itself (every ``import`` statement, at module level or inside a
function), so a function-level import that dodges a cycle is found as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from _support import ROOT

PACKAGE = ROOT / "src" / "provenance"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _walk(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, but those under ``if TYPE_CHECKING:``: imports for the type checker alone
    are not made when the code runs."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _imports(path: Path) -> Iterator[tuple[str, list[str], int]]:
    """Each import of ``path`` of a module of the package: (module, names, line)."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in _walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.startswith("provenance"):
                yield target, [a.name for a in node.names], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("provenance"):
                    yield alias.name, [], node.lineno


def _modules() -> dict[str, Path]:
    return {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _edges() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, names, _ in _imports(path):
            # `from .pkg import module` imports the module; `from .module import name`, the module
            for candidate in [f"{target}.{n}" for n in names] + [target]:
                if candidate in modules and candidate != name:
                    edges[name].add(candidate)
                    break
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each as the modules on it (Tarjan's strongly connected parts)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                item = stack.pop()
                on.discard(item)
                part.append(item)
                if item == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_the_package() -> None:
    """No module of the package imports, directly or through others, a module importing it
    (a package's ``__init__`` counts as a module: a module importing its own package while
    the package imports it is a cycle too)."""
    assert _cycles(_edges()) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    """What one module needs of another is public there (no leading underscore)."""
    found = [
        f"{_module(path)}:{line} imports {name} from {target}"
        for path in _modules().values()
        for target, names, line in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert found == []
