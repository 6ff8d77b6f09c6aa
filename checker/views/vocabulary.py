"""The vocabulary of a spec as a graph: kinds and their hierarchy, relations as labelled edges
between kinds, disjointness, and the concepts with the kinds, relations and concepts they use."""

from __future__ import annotations

import networkx as nx

from ..analysis.axioms import Namer
from ..model.kinds import all_units
from ..model.symbols import ConceptSym, DisjointSym, KindSym, RelationSym, Unit
from ..model.written import concept_doc, definition, signature
from .roles import Role

DISJOINT_PAIRS_LIMIT = 3
"""The most kinds a ``disjoint`` statement may list to be drawn as an edge between each two of
them. A longer one is drawn as one node linked to each of its kinds: n kinds have n(n-1)/2
pairs, already six edges for four kinds, which cross each other and every other line, and a
statement of a thousand kinds would be half a million edges."""


def _own(unit: Unit, kind: type):
    listing = {KindSym: unit.kinds, RelationSym: unit.relations, ConceptSym: unit.concepts}[kind]
    return [s for s in listing if unit.own.get(s.name) is s]


def _doc(symbol) -> str:
    return (symbol.decl.doc.text or "") if symbol.decl is not None else ""


def _sources(symbol) -> list[str]:
    return list(symbol.decl.doc.sources) if symbol.decl is not None else []


def vocabulary_graph(unit: Unit, namer: Namer) -> nx.MultiDiGraph:
    """Nodes are kinds (``role`` kind) and concepts (``role`` concept), keyed by the names the
    spec uses for them. Edges, keyed by what they stand for: ``is_a`` (kind to parent),
    ``relation`` (domain to range, key the relation's name, with its ``properties``; a relation
    of three or more positions is a node, ``role`` fact, with an ``argument`` edge numbered by
    position to the kind of each position),
    ``disjoint`` (between two kinds of a ``disjoint`` statement of at most
    ``DISJOINT_PAIRS_LIMIT`` kinds; a longer statement is a node, ``role`` disjoint, with a
    ``member`` edge to each of its kinds), ``parameter`` (concept to its parameter's kind), and
    ``uses`` (concept to a kind or concept in its definition)."""
    graph = nx.MultiDiGraph(title=f"vocabulary of {unit.name}", spec=unit.name, rankdir="BT")
    units = all_units(unit)
    groups = 0
    for u in units:
        for kind in _own(u, KindSym):
            name = namer(kind)
            doc = _doc(kind)
            graph.add_node(name, role=Role.KIND.value, label=name, doc=doc, sources=_sources(kind), spec=u.name,
                           description=f"kind {name}" + (f": {doc}" if doc else ""))
    for u in units:
        for kind in _own(u, KindSym):
            for parent in kind.parents:
                graph.add_edge(namer(kind), namer(parent), key="is_a", role=Role.IS_A.value, label="is a",
                               description=f"every {namer(kind)} is a {namer(parent)}")
        for group in u.disjoints:
            kinds = [namer(m) for m in group.members if isinstance(m, KindSym)]
            if len(set(kinds)) > DISJOINT_PAIRS_LIMIT:
                groups += 1
                _add_disjoint_node(graph, f"disjoint {groups}", list(dict.fromkeys(kinds)), group, u.name)
                continue
            for i, a in enumerate(kinds):
                for b in kinds[i + 1:]:
                    graph.add_edge(a, b, key=f"disjoint {a}, {b}", role=Role.DISJOINT.value, label="disjoint",
                                   description=f"nothing is both a {a} and a {b}")
        for relation in _own(u, RelationSym):
            if any(kind is None for kind in relation.positions) or len(relation.positions) < 2:
                continue
            name = namer(relation)
            props = sorted(relation.properties)
            doc = _doc(relation)
            label = name + (f" ({', '.join(props)})" if props else "")
            if len(relation.positions) > 2:
                _add_relation_node(graph, relation, namer, label, props, doc)
                continue
            assert relation.domain is not None and relation.range is not None
            graph.add_edge(namer(relation.domain), namer(relation.range), key=name, role=Role.RELATION.value,
                           label=label,
                           relation=name, properties=props, doc=doc, sources=_sources(relation),
                           description=f"relation {name}" + (f": {doc}" if doc else ""))
    for u in units:
        for concept in _own(u, ConceptSym):
            _add_concept(graph, concept, namer, u.name)
    return graph


def _add_relation_node(graph: nx.MultiDiGraph, relation: RelationSym, namer: Namer, label: str,
                       props: list[str], doc: str) -> None:
    """A relation of three or more positions: a node (``role`` fact, id ``relation NAME``) with
    an edge numbered by position to the kind of each position."""
    name = namer(relation)
    kinds = [namer(k) for k in relation.positions if k is not None]
    node = f"relation {name}"
    graph.add_node(node, role=Role.FACT.value, label=label, relation=name, properties=props, positions=kinds, doc=doc,
                   sources=_sources(relation),
                   description=f"relation {name}({', '.join(kinds)})" + (f": {doc}" if doc else ""))
    for position, kind in enumerate(kinds, start=1):
        graph.add_edge(node, kind, key=str(position), role=Role.ARGUMENT.value, label=str(position),
                       position=position, description=f"position {position} of {name} is a {kind}")


def _add_disjoint_node(graph: nx.MultiDiGraph, node: str, kinds: list[str], group: DisjointSym,
                       spec: str) -> None:
    """A ``disjoint`` statement of many kinds: a node (``role`` disjoint, id ``disjoint N``, its
    kinds in ``members``) with a ``member`` edge to each kind it lists. Its description does not
    list the kinds: a tooltip of thousands of names helps no reader, and Graphviz refuses a
    string longer than 16 KB."""
    doc = group.decl.doc.text or ""
    graph.add_node(node, role=Role.DISJOINT.value, label="disjoint", members=kinds, doc=doc, spec=spec,
                   description=f"disjoint: no two of its {len(kinds)} kinds have a member in common"
                               + (f"\n{doc}" if doc else ""))
    for kind in kinds:
        graph.add_edge(node, kind, key=f"member {kind}", role=Role.MEMBER.value,
                       description=f"{kind} has no member in common with the other {len(kinds) - 1} kinds")


def _add_concept(graph: nx.MultiDiGraph, concept: ConceptSym, namer: Namer, spec: str) -> None:
    name = namer(concept)
    relations = list(dict.fromkeys(namer(a.pred) for a in concept.body if isinstance(a.pred, RelationSym)))
    kinds = list(dict.fromkeys(namer(a.pred) for a in concept.body if isinstance(a.pred, KindSym)))
    used = list(dict.fromkeys(namer(a.pred) for a in concept.body if isinstance(a.pred, ConceptSym)))
    doc = concept_doc(concept)
    head = signature(concept, name)
    label = head + (f"\nvia {', '.join(relations)}" if relations else "")
    graph.add_node(name, role=Role.CONCEPT.value, label=label, signature=head, doc=doc, definition=definition(concept),
                   relations=relations, kinds=kinds, concepts=used, sources=list(concept.decl.doc.sources)
                   if concept.decl is not None else [], spec=spec,
                   description=f"{head} := {definition(concept)}" + (f"\n{doc}" if doc else ""))
    for var, kind in concept.params:
        if kind is not None:
            graph.add_edge(name, namer(kind), key=f"parameter {var}", role=Role.PARAMETER.value, label=var,
                           description=f"{var} is a {namer(kind)}")
    for target in kinds + used:
        if target in graph:
            graph.add_edge(name, target, key=f"uses {target}", role=Role.USES.value, label="uses",
                           description=f"{name} uses {target}")
