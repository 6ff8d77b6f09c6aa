"""circular-definition: concepts that depend on themselves, a cyclic kind hierarchy, or a
cyclic ``extends`` chain. Each cycle is reported once, at its first declaration in the file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import networkx as nx

from ..codes import CIRCULAR_DEFINITION
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Related
from .symbols import ConceptSym, Unit


def _report_cycles(
    symbols: Sequence, successors: Callable[[object], Iterable], what: str, reporter: DiagnosticCollector
) -> set[int]:
    """Report one cycle per strongly connected component; return ids of symbols on cycles."""
    graph = nx.DiGraph()
    order = {id(s): i for i, s in enumerate(symbols)}
    by_id = {id(s): s for s in symbols}
    for symbol in symbols:
        graph.add_node(id(symbol))
        for successor in successors(symbol):
            if id(successor) in order:
                graph.add_edge(id(symbol), id(successor))
    cyclic: set[int] = set()
    for component in nx.strongly_connected_components(graph):
        first = min(component, key=order.__getitem__)
        if len(component) == 1 and not graph.has_edge(first, first):
            continue
        cyclic |= component
        edges = nx.find_cycle(graph.subgraph(component), source=first)
        path = [by_id[u] for u, _ in edges] + [by_id[first]]
        names = " -> ".join(s.name for s in path)
        reporter.report(
            CIRCULAR_DEFINITION, by_id[first].span,
            f"{what} '{by_id[first].name}' depends on itself: {names}",
            help=f"break the cycle; a {what} may not be defined in terms of itself",
            related=[Related(s.span, f"'{s.name}' is on the cycle") for s in path[1:-1]],
        )
    return cyclic


def concept_dependencies(concept: ConceptSym) -> list[ConceptSym]:
    """The concepts used directly in a concept's body."""
    return [atom.pred for atom in concept.body if isinstance(atom.pred, ConceptSym)]


def check_cycles(unit: Unit, reporter: DiagnosticCollector) -> None:
    """Report circular definitions among the unit's own declarations; concepts on a cycle are
    marked incomplete so that no later stage tries to expand them."""
    _report_cycles(unit.kinds, lambda k: k.parents, "kind", reporter)
    _report_cycles(unit.relations, lambda r: r.parents, "relation", reporter)
    _report_cycles(unit.framings, lambda f: f.extends, "framing", reporter)
    cyclic = _report_cycles(unit.concepts, concept_dependencies, "concept", reporter)
    for concept in unit.concepts:
        if id(concept) in cyclic:
            concept.complete = False
