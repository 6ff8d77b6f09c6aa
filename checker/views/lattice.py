"""The Hasse diagram of a framing's concepts as a networkx graph with documented attributes.

One node per equivalence class (id: its members joined by ``=``) and an ``(unknown)`` node for
concepts the reasoner could not classify within its limits. Edges go from the more specific
class to the more general one and carry the justification of that implication; when the
classification knows which concepts exclude each other, an undirected ``excludes`` edge joins
their classes. Concepts with no member are listed in the graph's ``unsatisfiable`` attribute,
not drawn: they imply every concept of their arity, so as a bottom element they would have an
edge to every minimal class.
"""

from __future__ import annotations

import networkx as nx

from ..analysis.framings import FramingView
from ..analysis.justify import Steps, with_direction
from ..evidence import JustificationStep
from ..model.written import concept_doc
from ..reasoning import run_budget
from ..render.escape import visible
from .graphdata import node_link
from .justify import Justifier, item_text, justification_text
from .roles import Role

UNKNOWN = "(unknown)"


def framing_title(view: FramingView) -> str:
    """``hubinger2020``, or ``base framing`` for the framing with no rules."""
    return view.name or "base framing"


def class_id(members) -> str:
    """The node id of an equivalence class: its members, sorted, joined by ``=``."""
    return "=".join(sorted(members))


def _rule_names(steps: Steps) -> str:
    return ", ".join(dict.fromkeys(step.name for step in steps if step.is_rule))


def exclusions(classification) -> list[tuple[str, str]]:
    """The pairs of concepts ``classification`` knows to exclude each other (no member in
    common), each sorted, in order; empty when it does not record exclusions (its optional
    ``excludes`` attribute: a graph or an iterable of pairs)."""
    known = getattr(classification, "excludes", None)
    if known is None:
        return []
    pairs = known.edges() if hasattr(known, "edges") else known
    return sorted({(a, b) if a <= b else (b, a) for a, b in pairs if a != b})


def lattice_graph(view: FramingView, justifier: Justifier, base: str | None = None) -> nx.DiGraph:
    """The lattice of ``view``: node attributes ``role`` (class / unknown), ``label``,
    ``members``, ``arity``, ``docs`` (member -> doc string), ``justification`` (why the members
    are equivalent) and ``description``; edge attributes ``role`` (implies / excludes),
    ``label`` (the rules involved), ``justification`` and ``description``. The graph attribute
    ``unsatisfiable`` (when some concept has no member) has the ``members``, their ``docs``, the
    ``justification`` and a ``description``. Paths in descriptions are relative to the
    directory ``base``. The justifications are looked for within the run budget in force, or
    one of the justifier's limits started for the lattice; past it, the rest are empty."""
    with run_budget.started(justifier.budget):
        return _lattice_graph(view, justifier, base)


def _lattice_graph(view: FramingView, justifier: Justifier, base: str | None) -> nx.DiGraph:
    title = framing_title(view)
    graph = nx.DiGraph(framing=view.name or None, title=title, terminating=view.terminating, rankdir="BT")
    c = view.classification
    if c is None:
        rules = ", ".join(view.cycle_rules)
        graph.graph["note"] = (f"not classified: the rules are not weakly acyclic (cycle through {rules})"
                               if rules else "not classified")
        return graph
    concepts = view.concepts
    order = {name: i for i, name in enumerate(concepts)}
    framing = view.framing

    def members_of(names) -> list[str]:
        return sorted(names, key=lambda m: (order.get(m, len(order)), m))

    def docs(names: list[str]) -> dict[str, str]:
        return {m: concept_doc(concepts[m]) for m in names}

    for cls in c.classes:
        members = members_of(cls)
        items = justifier.equivalence(framing, members) if len(members) > 1 else ()
        lines = [f"{m}: {d}" if d else m for m, d in docs(members).items()]
        if items:
            lines.append("equivalent because " + justification_text(items, base))
        graph.add_node(class_id(members), role=Role.CLASS.value, label=" = ".join(members), members=members,
                       arity=concepts[members[0]].arity, docs=docs(members), justification=items,
                       description="\n".join(lines))
    for source, target in c.hasse.edges():
        left, right = members_of(source), members_of(target)
        items = justifier.implication(framing, left[0], right[0])
        text = f"{left[0]} implies {right[0]}"
        if items:
            text += " because " + justification_text(items, base)
        graph.add_edge(class_id(left), class_id(right), role=Role.IMPLIES.value, label=_rule_names(items),
                       justification=items, description=text)
    if c.unsatisfiable:
        members = members_of(c.unsatisfiable)
        items: list[JustificationStep] = []
        for m in members:
            found = justifier.unsatisfiable(framing, m)
            items.extend(with_direction(found, f"{m} has no member") if len(members) > 1 else found)
        lines = [f"{m}: {d}" if d else m for m, d in docs(members).items()]
        lines.append("no member because " + justification_text(items, base) if items else "no member")
        graph.graph["unsatisfiable"] = {"members": members, "docs": docs(members), "justification": tuple(items),
                                        "description": "\n".join(lines)}
    node_of = {m: class_id(members_of(cls)) for cls in c.classes for m in cls}
    for a, b in exclusions(c):
        if a in node_of and b in node_of and node_of[a] != node_of[b]:
            graph.add_edge(node_of[a], node_of[b], role=Role.EXCLUDES.value, label="excludes", justification=(),
                           description=f"{a} excludes {b}: nothing is both")
    if c.unknown:
        members = members_of(c.unknown)
        graph.add_node(UNKNOWN, role=Role.UNKNOWN.value, label="not classified: " + ", ".join(members), members=members,
                       arity=min(concepts[m].arity for m in members), docs=docs(members), justification=(),
                       description="the reasoner reached its limit on these concepts")
    return graph


def lattice_text(graph: nx.DiGraph, base: str | None = None) -> str:
    """The lattice as plain text: the classes with their docs, then each edge and its reasons
    (paths relative to the directory ``base``). Each line is escaped as a whole (see
    :func:`~alignspec.render.escape.visible`): a line break in a doc string is shown as ``\\n``."""
    if "concept" in graph.graph:
        lines = [f"neighbourhood of {graph.graph['concept']} under {graph.graph['framing_title']}"
                 f" (depth {graph.graph['depth']})"]
    else:
        lines = [f"lattice under {graph.graph['title']}"]
    if "note" in graph.graph:
        lines.append(f"  {graph.graph['note']}")
        return "\n".join(visible(line) for line in lines) + "\n"
    lines.append("  classes:")
    for _node, data in graph.nodes(data=True):
        lines.append(f"    {data['label']}")
        for member, doc in data["docs"].items():
            if doc:
                lines.append(f"        {member}: {doc}")
        if data["justification"]:
            lines.append("        equivalent because:")
            lines.extend(f"          {item_text(i, base)}" for i in data["justification"])
    unsatisfiable = graph.graph.get("unsatisfiable")
    if unsatisfiable:
        lines.append("  no member (unsatisfiable): " + ", ".join(unsatisfiable["members"]))
        for member, doc in unsatisfiable["docs"].items():
            if doc:
                lines.append(f"        {member}: {doc}")
        if unsatisfiable["justification"]:
            lines.append("        no member because:")
            lines.extend(f"          {item_text(i, base)}" for i in unsatisfiable["justification"])
    implications = [(u, v, d) for u, v, d in graph.edges(data=True) if d["role"] == Role.IMPLIES]
    lines.append("  implications (more specific -> more general):")
    if not implications:
        lines.append("    (none)")
    for u, v, data in implications:
        lines.append(f"    {graph.nodes[u]['label']} -> {graph.nodes[v]['label']}")
        lines.extend(f"        because {item_text(i, base)}" for i in data["justification"])
    return "\n".join(visible(line) for line in lines) + "\n"



LATTICE_SCHEMA = "alignspec-lattice"
LATTICE_VERSION = 1


def lattice_document(graphs: list[nx.DiGraph]) -> dict:
    """The lattices as a versioned JSON-ready document, like the other JSON outputs:
    ``{"schema": "alignspec-lattice", "version": 1, "graphs": [...]}``, one networkx node-link
    object per framing (in the order given)."""
    return {"schema": LATTICE_SCHEMA, "version": LATTICE_VERSION, "graphs": [node_link(g) for g in graphs]}
