"""The argument map: arguments (see :mod:`.arguments`) as an and-or graph, as text, and as a
versioned JSON document.

Concepts are nodes (id: the concept's name). An argument with one premise is an arrow from its
premise to its conclusion; an argument with two or more is an AND node (id ``and:`` and the
claim's label) with an arrow from each premise and one arrow to its conclusion. Several
arguments for one conclusion are alternatives (the OR). The arrow into the conclusion carries
the claim, the framing it is decided under and its status (holds, fails, restated, unknown),
which its ``role`` names so that the writers draw each status its own way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..analysis.framings import FramingView
from ..analysis.spec import SpecAnalysis
from ..diagnostics import Diagnostic
from ..model.written import concept_doc
from ..render.escape import visible
from .arguments import Argument, ArrowStatus, arguments, framing_scope
from .compare import concepts_of
from .graphdata import node_link
from .lattice import framing_title
from .roles import Role

ARGUE_SCHEMA = "alignspec-argue"
ARGUE_VERSION = 1

_ARROW_ROLES = {ArrowStatus.HOLDS: Role.HOLDS, ArrowStatus.FAILS: Role.FAILS, ArrowStatus.RESTATED: Role.RESTATED,
                ArrowStatus.UNKNOWN: Role.UNKNOWN}


def under(framing: str | None) -> str:
    """``under F``, or ``with no framing`` for the base framing."""
    return f"under {framing}" if framing is not None else "with no framing"


def _status_words(argument: Argument) -> str:
    if argument.status is ArrowStatus.RESTATED:
        return f"holds {under(argument.framing)}, but only because {argument.restates} states it"
    return f"{argument.status.value} {under(argument.framing)}"


def _description(argument: Argument) -> str:
    lines = [f"{argument.claim}: {argument.statement}"]
    if argument.doc:
        lines.append(argument.doc)
    lines.append(_status_words(argument))
    return "\n".join(lines)


def _arrow_label(argument: Argument) -> str:
    framing = argument.framing if argument.framing is not None else "base"
    text = f"{argument.status.value} ({framing})"
    return text if argument.conjunctive else f"{argument.claim}: {text}"


def conjunction_id(argument: Argument) -> str:
    """The id of an argument's AND node."""
    return f"and:{argument.claim}"


def argument_graph(arguments: Sequence[Argument], docs: Mapping[str, str], title: str) -> nx.MultiDiGraph[str]:
    """The and-or graph of ``arguments``; ``docs`` maps concept names to their doc strings.

    Node attributes: ``role`` (concept / conjunction), ``label``, ``description``; an AND node
    also has ``claim``, ``framing``, ``status``, ``conditions`` and ``statement``. Edge
    attributes: ``role`` (premise for an arrow into an AND node; else the status: holds /
    fails / restated / unknown), ``label``, ``claim``, ``framing``, ``status`` and
    ``description``. Arrows point from the premises up to the conclusion."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=title, rankdir="BT")

    def concept(name: str) -> None:
        if name not in graph:
            doc = docs.get(name, "")
            graph.add_node(name, role=Role.CONCEPT.value, label=name, description=f"{name}: {doc}" if doc else name)

    for argument in arguments:
        for premise in argument.premises:
            concept(premise)
        concept(argument.conclusion)
        facts: dict[str, Any] = {"claim": argument.claim, "framing": argument.framing,
                                 "status": argument.status.value}
        arrow = {"role": _ARROW_ROLES[argument.status].value, "label": _arrow_label(argument),
                 "description": _description(argument), **facts}
        if not argument.conjunctive:
            graph.add_edge(argument.premises[0], argument.conclusion, **arrow)
            continue
        node = conjunction_id(argument)
        graph.add_node(node, role=Role.CONJUNCTION.value, label=argument.claim, description=_description(argument),
                       conditions=list(argument.conditions), statement=argument.statement, **facts)
        for premise in argument.premises:
            graph.add_edge(premise, node, role=Role.PREMISE.value, label="",
                           description=f"{premise} is a premise of {argument.claim}", **facts)
        graph.add_edge(node, argument.conclusion, **arrow)
    return graph


def conclusion_order(arguments: Sequence[Argument]) -> list[str]:
    """The conclusions of ``arguments``, those argued from others before them (the top of
    the diagram first) where the arguments have no cycle (an argument whose conclusion is one
    of its premises is not one), else in the order first met."""
    met = list(dict.fromkeys(name for a in arguments for name in (a.conclusion, *a.premises)))
    position = {name: i for i, name in enumerate(met)}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(met)
    graph.add_edges_from((a.conclusion, premise) for a in arguments for premise in a.premises
                         if premise != a.conclusion)
    try:
        order = list(nx.lexicographical_topological_sort(graph, key=position.__getitem__))
    except nx.NetworkXUnfeasible:
        order = met
    conclusions = {a.conclusion for a in arguments}
    return [name for name in order if name in conclusions]


def argument_text(arguments: Sequence[Argument], title: str) -> str:
    """The map as text: each conclusion, then the arguments for it, one a line with its status,
    claim, framing and premises (joined by ``and``), and the conditions below when it has any.
    Each line is escaped as a whole (see :func:`~alignspec.render.escape.visible`)."""
    lines = [title]
    if not arguments:
        lines.append("  no claim argues from concepts to a concept (A, B implies C with concepts A, B and C)")
        return "\n".join(visible(line) for line in lines) + "\n"
    width = max(len(s.value) for s in ArrowStatus)
    for conclusion in conclusion_order(arguments):
        lines.append(f"  {conclusion}")
        for argument in arguments:
            if argument.conclusion != conclusion:
                continue
            premises = " and ".join(argument.premises)
            head = f"{argument.status.value:<{width}}  {argument.claim} {under(argument.framing)}"
            lines.append(f"    {head}: {premises}")
            indent = " " * (width + 6)
            if argument.conditions:
                lines.append(f"{indent}given {', '.join(argument.conditions)}")
            if argument.restates is not None:
                lines.append(f"{indent}holds only because {argument.restates} states it")
    return "\n".join(visible(line) for line in lines) + "\n"


@dataclass(frozen=True)
class ArgumentMap:
    """The arguments of a spec and their graph; ``view`` is the framing the map is narrowed to
    (None: every claim) and ``scope`` the framings whose claims it shows (None: all)."""

    title: str
    view: FramingView | None
    scope: frozenset[str | None] | None
    arguments: tuple[Argument, ...]
    graph: nx.MultiDiGraph[str]

    def text(self) -> str:
        """The map as text (see :func:`argument_text`)."""
        return argument_text(self.arguments, self.title)

    def record(self, base: str | None = None) -> dict[str, Any]:
        """The map as a versioned JSON-ready document: ``{"schema": "alignspec-argue",
        "version": 1, "framing": ..., "scope": ..., "arguments": [...], "graph": {...}}``: the
        framing it is narrowed to (null for the base framing, or when it is not narrowed), the
        framings whose claims it shows (null when it is not narrowed; null in the list stands
        for the base framing), each argument (files relative to the directory ``base``) and the
        graph as networkx node-link data."""
        scope = None if self.scope is None else sorted(self.scope, key=lambda f: (f is not None, f or ""))
        return {"schema": ARGUE_SCHEMA, "version": ARGUE_VERSION,
                "framing": (self.view.name or None) if self.view is not None else None, "scope": scope,
                "arguments": [a.to_dict(base) for a in self.arguments], "graph": node_link(self.graph)}


def argument_map(analysis: SpecAnalysis, diagnostics: Iterable[Diagnostic],
                 view: FramingView | None = None) -> ArgumentMap:
    """The argument map of a spec from its ``analysis`` and the ``diagnostics`` that say which
    claims restate a rule; with ``view``, only the claims under that framing and the framings
    it extends."""
    namer = analysis.builder.namer
    scope = None if view is None else framing_scope(view.framing, namer)
    found = arguments(analysis.claims, diagnostics, namer, scope)
    title = f"arguments of {analysis.unit.name}"
    if view is not None:
        title += f" under {framing_title(view)}"
    docs = {name: concept_doc(concept) for name, concept in concepts_of(analysis.framings).items()}
    return ArgumentMap(title, view, scope, tuple(found), argument_graph(found, docs, title))
