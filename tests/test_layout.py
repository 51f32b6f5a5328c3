"""The package's shape: modules import one another in one direction only."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "seedsearch"


def _imports(path) -> set[str]:
    """seedsearch modules that ``path`` imports, at any depth (function bodies too)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("seedsearch."):
            out.add(node.module.split(".")[1])
    return out


def test_no_two_modules_of_the_package_import_each_other():
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    cycles = []

    def visit(name, stack):
        for dep in sorted(graph.get(name, ())):
            if dep in stack:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep in graph:
                visit(dep, stack + [dep])

    for name in sorted(graph):
        visit(name, [name])
    assert cycles == []
