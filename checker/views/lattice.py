"""The Hasse diagram of a framing's concepts as a networkx graph with documented attributes.

One node per equivalence class (id: its members joined by ``=``), one ``(unsatisfiable)`` bottom
node holding every concept with no member, and an ``(unknown)`` node for concepts the reasoner
could not classify within its limits. Edges go from the more specific class to the more general
one and carry the justification of that implication.
"""

from __future__ import annotations

import networkx as nx

from ..analysis.framings import FramingView
from ..render.escape import visible
from .describe import concept_doc
from .justify import Justifier, item_text, justification_text

BOTTOM, UNKNOWN = "(unsatisfiable)", "(unknown)"


def framing_title(view: FramingView) -> str:
    """``hubinger2020``, or ``base framing`` for the framing with no rules."""
    return view.name or "base framing"


def class_id(members) -> str:
    """The node id of an equivalence class: its members, sorted, joined by ``=``."""
    return "=".join(sorted(members))


def _rule_names(items: list[dict]) -> str:
    return ", ".join(dict.fromkeys(i["label"].removeprefix("rule ") for i in items if i["label"].startswith("rule ")))


def lattice_graph(view: FramingView, justifier: Justifier, base: str | None = None) -> nx.DiGraph:
    """The lattice of ``view``: node attributes ``role`` (class / unsatisfiable / unknown),
    ``label``, ``members``, ``arity``, ``docs`` (member -> doc string), ``justification`` (why
    the members are equivalent, or have no member) and ``description``; edge attributes
    ``role`` (implies / unsatisfiable), ``label`` (the rules involved), ``justification`` and
    ``description``. Paths in descriptions are relative to the directory ``base``."""
    title = framing_title(view)
    graph = nx.DiGraph(framing=view.name or None, title=title, terminating=view.terminating, rankdir="BT")
    c = view.classification
    if c is None:
        rules = ", ".join(view.cycle_rules)
        graph.graph["note"] = f"not classified: the rules are not weakly acyclic (cycle through {rules})" if rules else "not classified"
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
        items = justifier.equivalence(framing, members) if len(members) > 1 else []
        lines = [f"{m}: {d}" if d else m for m, d in docs(members).items()]
        if items:
            lines.append("equivalent because " + justification_text(items, base))
        graph.add_node(class_id(members), role="class", label=" = ".join(members), members=members,
                       arity=concepts[members[0]].arity, docs=docs(members), justification=items,
                       description="\n".join(lines))
    for source, target in c.hasse.edges():
        left, right = members_of(source), members_of(target)
        items = justifier.implication(framing, left[0], right[0])
        text = f"{left[0]} implies {right[0]}"
        if items:
            text += " because " + justification_text(items, base)
        graph.add_edge(class_id(left), class_id(right), role="implies", label=_rule_names(items),
                       justification=items, description=text)
    if c.unsatisfiable:
        members = members_of(c.unsatisfiable)
        items = []
        for m in members:
            found = justifier.unsatisfiable(framing, m)
            items.extend({**i, "direction": f"{m} has no member"} for i in found) if len(members) > 1 else items.extend(found)
        lines = [f"{m}: {d}" if d else m for m, d in docs(members).items()]
        lines.append("no member because " + justification_text(items, base) if items else "no member")
        graph.add_node(BOTTOM, role="unsatisfiable", label="unsatisfiable: " + ", ".join(members), members=members,
                       arity=min(concepts[m].arity for m in members), docs=docs(members), justification=items,
                       description="\n".join(lines))
        arities = {concepts[m].arity for m in members}
        for node, data in list(graph.nodes(data=True)):
            if data["role"] == "class" and data["arity"] in arities and graph.in_degree(node) == 0:
                graph.add_edge(BOTTOM, node, role="unsatisfiable", label="", justification=[],
                               description="a concept with no member implies every concept of its arity")
    if c.unknown:
        members = members_of(c.unknown)
        graph.add_node(UNKNOWN, role="unknown", label="not classified: " + ", ".join(members), members=members,
                       arity=min(concepts[m].arity for m in members), docs=docs(members), justification=[],
                       description="the reasoner reached its limit on these concepts")
    return graph


def lattice_text(graph: nx.DiGraph, base: str | None = None) -> str:
    """The lattice as plain text: the classes with their docs, then each edge and its reasons
    (paths relative to the directory ``base``). Each line is escaped as a whole (see
    :func:`~alignspec.render.escape.visible`): a line break in a doc string is shown as ``\\n``."""
    lines = [f"lattice under {graph.graph['title']}"]
    if "note" in graph.graph:
        lines.append(f"  {graph.graph['note']}")
        return "\n".join(visible(line) for line in lines) + "\n"
    lines.append("  classes:")
    for node, data in graph.nodes(data=True):
        lines.append(f"    {data['label']}")
        for member, doc in data["docs"].items():
            if doc:
                lines.append(f"        {member}: {doc}")
        if data["justification"]:
            word = "equivalent" if data["role"] == "class" else "no member"
            lines.append(f"        {word} because:")
            lines.extend(f"          {item_text(i, base)}" for i in data["justification"])
    implications = [(u, v, d) for u, v, d in graph.edges(data=True) if d["role"] == "implies"]
    lines.append("  implications (more specific -> more general):")
    if not implications:
        lines.append("    (none)")
    for u, v, data in implications:
        lines.append(f"    {graph.nodes[u]['label']} -> {graph.nodes[v]['label']}")
        lines.extend(f"        because {item_text(i, base)}" for i in data["justification"])
    return "\n".join(visible(line) for line in lines) + "\n"

