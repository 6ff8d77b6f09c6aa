"""The package's stages import only earlier stages: the import graph between its parts, computed
from the source, has no cycle, and no part imports one of a later stage."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "checker"

# The stages in order; a part may import parts of its own stage or of an earlier one.
LAYERS: list[set[str]] = [
    {"_version", "enums", "gc_pause", "exceptions", "streams"},  # standard library only
    {"reasoning"},                                           # the logic core: knows nothing of files
    {"span", "diagnostics", "codes", "evidence", "subjects", "diagnostic_collector"},
    {"syntax"},
    {"model"},
    {"analysis", "check", "results"},
    {"render"},
    {"views"},
    {"integrations", "api", "pygments_lexer", "sphinx", "mkdocs"},
    {"cli", "__init__", "__main__"},
    {"lsp"},                                                 # the language server: builds on the command line's settings
]
LAYER = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_parts(path: Path) -> set[str]:
    """The package parts a module imports (relative imports, resolved against its location)."""
    module = list(path.relative_to(PACKAGE).with_suffix("").parts)
    package = module[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = package[: len(package) - (node.level - 1)]
        if node.module:
            target = base + node.module.split(".")
            found.add(target[0] if target else "__init__")
        elif base:
            found.add(base[0])
        else:
            found.update(alias.name for alias in node.names)
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        source = _part(path)
        graph.add_node(source)
        for target in _imported_parts(path):
            if target != source:
                graph.add_edge(source, target)
    return graph


def test_every_part_has_a_stage():
    assert set(import_graph()) <= set(LAYER)


def test_no_import_cycle_between_parts():
    graph = import_graph()
    assert nx.is_directed_acyclic_graph(graph), nx.find_cycle(graph)


def test_no_part_imports_a_later_stage():
    later = [(a, b) for a, b in import_graph().edges if LAYER[b] > LAYER[a]]
    assert later == []


def test_reasoning_imports_no_other_subpackage():
    imported = set(import_graph().successors("reasoning"))
    assert imported <= LAYERS[0]
