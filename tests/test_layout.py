"""The package's shape: layers that import downwards only, Whoosh where it
belongs, field names from the field model, and modules of a readable size.

The layers, lowest first (a module may import its own layer and those
below it, never one above):

    errors  <  text  <  fields/analysis/schema  <  ingest  <  storage
            <  search  <  index/batches  <  export  <  web  <  cli

``text`` never imports Whoosh; only storage, the analyzers and schema, the
search state, the index's writer and the layers above may; nothing below
the CLI imports the web app, and nothing but ``__main__`` imports the CLI.
"""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

PACKAGE = ROOT / "seedsearch"

#: Module name prefixes of each layer, lowest first.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("errors", ("seedsearch.errors",)),
    ("text", ("seedsearch.text",)),
    ("model", ("seedsearch.fields", "seedsearch.analysis", "seedsearch.schema")),
    ("ingest", ("seedsearch.ingest",)),
    ("storage", ("seedsearch.storage",)),
    ("search", ("seedsearch.search",)),
    ("index", ("seedsearch.index", "seedsearch.batches")),
    ("export", ("seedsearch.export", "seedsearch.export_bulk", "seedsearch.export_query")),
    ("web", ("seedsearch.web",)),
    ("cli", ("seedsearch.cli", "seedsearch.__main__")),
]
#: Modules that may import Whoosh (everything in storage/ may).
WHOOSH_ALLOWED = ("seedsearch.storage", "seedsearch.analysis", "seedsearch.schema",
                  "seedsearch.search.state", "seedsearch.batches")


def layer_of(module: str) -> int | None:
    """The layer number of a seedsearch module (None: the package root)."""
    for number, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return number
    return None


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path) -> set[str]:
    """Every module ``path`` imports, absolute, at any depth (function bodies
    too); ``from . import x`` counts as importing the module ``pkg.x``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out.update(f"{target}.{alias.name}" for alias in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """``importer -> imported`` for every import that runs against the layers."""
    bad = []
    for module, imported in graph.items():
        mine = layer_of(module)
        if mine is None:
            continue  # the package root re-exports the public API
        for target in imported:
            theirs = layer_of(target)
            if theirs is not None and theirs > mine:
                bad.append(f"{module} -> {target}")
    return sorted(bad)


def test_every_module_of_the_package_has_a_layer():
    modules = [m for m in _graph() if m != "seedsearch"]
    assert [m for m in modules if layer_of(m) is None] == []


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports(_graph()) == []


def test_the_layer_check_catches_an_upward_import():
    """The checker itself can fail: text importing the planner, storage
    importing the index, and the index importing the web app are caught."""
    graph = {"seedsearch.text.stem": {"seedsearch.search.plan"},
             "seedsearch.storage.reading": {"seedsearch.index", "seedsearch.fields"},
             "seedsearch.index": {"seedsearch.web", "seedsearch.search.run"}}
    assert upward_imports(graph) == ["seedsearch.index -> seedsearch.web",
                                     "seedsearch.storage.reading -> seedsearch.index",
                                     "seedsearch.text.stem -> seedsearch.search.plan"]


def test_the_text_layer_imports_no_whoosh_and_whoosh_stays_in_its_modules():
    offenders = []
    for module, imported in _graph().items():
        if not any(i == "whoosh" or i.startswith("whoosh.") for i in imported):
            continue
        allowed = any(module == p or module.startswith(p + ".") for p in WHOOSH_ALLOWED)
        if not allowed:
            offenders.append(module)
    assert offenders == []
    assert layer_of("seedsearch.text.normalize") < layer_of("seedsearch.storage.reading")


def test_nothing_but_the_cli_imports_the_web_app_and_nothing_imports_the_cli():
    graph = _graph()
    for module, imported in graph.items():
        if not module.startswith(("seedsearch.cli", "seedsearch.web")):
            assert not any(i.startswith("seedsearch.web") for i in imported), module
        if module != "seedsearch.__main__" and not module.startswith("seedsearch.cli"):
            assert not any(i.startswith("seedsearch.cli") for i in imported), module


def test_no_two_modules_import_each_other():
    graph = {m: {i for i in imported if i in _graph_modules()} for m, imported in _graph().items()}
    cycles = []

    def visit(name, stack):
        for dep in sorted(graph.get(name, ())):
            if dep in stack:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep in graph and len(stack) < 30:
                visit(dep, stack + [dep])

    for name in sorted(graph):
        if name != "seedsearch":
            visit(name, [name])
    # A package's __init__ importing its own submodules is not a cycle.
    real = [c for c in cycles if not any(a == b.rpartition(".")[0] or b == a.rpartition(".")[0]
                                         for a, b in zip(c, c[1:]))]
    assert real == []


def _graph_modules() -> set[str]:
    return {_module_name(p) for p in PACKAGE.rglob("*.py")}


#: Index field names and document keys, which only fields.py may spell:
#: "text" and "date" also name an OpenSearch mapping type (export/mappings.py)
#: and a token of the query lexer (search/lexer.py, read in search/query.py).
FIELD_NAMES = {"title_exact", "text_exact", "text_vowels", "date_iso", "collection", "category",
               "title", "year", "extra", "id", "text", "date"}
SAME_WORD_ELSEWHERE = {"seedsearch/export/mappings.py": {"text", "date"},
                       "seedsearch/search/lexer.py": {"date"},
                       "seedsearch/search/query.py": {"date"}}


def test_field_names_are_spelled_only_in_the_field_model():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "seedsearch/fields.py":
            continue
        allowed = SAME_WORD_ELSEWHERE.get(rel, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and node.value in FIELD_NAMES
                    and node.value not in allowed):
                offenders.append(f"{rel}:{node.lineno} {node.value!r}")
    assert offenders == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_under_400_lines_and_classes_under_150_or_say_why(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, f"{path.name}: split it along its seams"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno >= 150:
            doc = ast.get_docstring(node) or ""
            assert "150 lines" in doc, f"{path.name}: class {node.name} is long; say why"
