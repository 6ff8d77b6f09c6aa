"""A world as a graph: a scenario's chased world (individuals and unknown entities, the facts the
scenario gives, and the facts the chase derived with the axiom that derived them), or the world
of a counterexample or a witness. A binary fact is an edge; a fact of three or more positions is
a small fact node with an edge numbered by position to each of its arguments."""

from __future__ import annotations

import networkx as nx

from ..analysis.scenarios import ScenarioEvaluation
from ..evidence import World
from ..reasoning.instance import Derivation, Fact, Instance
from .roles import Role


def _origin(world: Instance, fact: Fact) -> Derivation:
    """The derivation of ``fact``, looking through the re-keying of an equality merge."""
    derivation = world.derivation(fact)
    seen = set()
    while derivation.merged is not None and derivation.premises and fact not in seen:
        seen.add(fact)
        fact = derivation.premises[0]
        derivation = world.derivation(fact)
    return derivation


def _premises(world: Instance, derivation: Derivation) -> list[str]:
    return [world.describe_fact(fact) for fact in derivation.premises]


def world_graph(evaluation: ScenarioEvaluation) -> nx.MultiDiGraph:
    """Nodes: entities by label (``role`` individual for named ones, entity for unknown ones the
    chase introduced) with ``kinds``, ``given_kinds`` and ``derived_kinds``. Edges: binary facts
    keyed by relation, ``role`` given or derived, with ``by`` (the axiom) and ``premises``; facts
    of more positions as in :func:`add_fact`."""
    scenario = evaluation.scenario
    graph = nx.MultiDiGraph(scenario=scenario.name, framing=evaluation.framing or None,
                            status=evaluation.status.value, title=f"scenario {scenario.name}", rankdir="LR")
    world = evaluation.instance
    if world is None:
        for name, (kind, _) in scenario.individuals.items():
            kinds = [kind.name] if kind is not None else []
            graph.add_node(name, role=Role.INDIVIDUAL.value, label=name, kinds=kinds, given_kinds=kinds,
                           derived_kinds=[], description=name)
        return graph
    for entity in world.entities():
        label = world.label(entity)
        kinds = sorted(world.kinds_of(entity))
        given = [k for k in kinds if _origin(world, (k, (entity,))).is_given]
        derived = [k for k in kinds if k not in given]
        role = (Role.INDIVIDUAL if world.is_named(entity) else Role.ENTITY).value
        text = label + (f"\n{', '.join(kinds)}" if kinds else "")
        description = f"{label}: " + (", ".join(given) or "no given kind")
        if derived:
            description += f"; derived: {', '.join(derived)}"
        graph.add_node(label, role=role, label=text, kinds=kinds, given_kinds=given, derived_kinds=derived,
                       description=description)
    for pred, args in world.facts():
        if len(args) < 2:
            continue
        labels = [world.label(a) for a in args]
        derivation = _origin(world, (pred, args))
        if derivation.is_given:
            add_fact(graph, pred, labels, None, [])
        else:
            by = derivation.axiom.label if derivation.axiom is not None else "equality"
            add_fact(graph, pred, labels, by, _premises(world, derivation))
    return graph


def add_fact(graph: nx.MultiDiGraph, pred: str, args: list[str], by: str | None, premises: list[str]) -> None:
    """Add the fact ``pred(args)`` to ``graph``: an edge keyed by ``pred`` for two arguments,
    else a node (``role`` fact, id the fact as written) with an edge keyed and labelled by its
    position to each argument. ``by`` is the axiom that derived it (None: given), with its
    ``premises``; edges of a derived fact have ``role`` derived, of a given one ``role`` given."""
    written = f"{pred}({', '.join(args)})"
    description = f"{written}: given" if by is None else f"{written} by {by}"
    if premises:
        description += f" from {', '.join(premises)}"
    role = (Role.GIVEN if by is None else Role.DERIVED).value
    if len(args) == 2:
        graph.add_edge(args[0], args[1], key=pred, role=role, label=pred, by=by or "", premises=premises,
                       description=description)
        return
    graph.add_node(written, role=Role.FACT.value, label=pred, relation=pred, args=list(args), by=by or "",
                   premises=premises, derived=by is not None, description=description)
    for position, arg in enumerate(args, start=1):
        graph.add_edge(written, arg, key=str(position), role=Role.ARGUMENT.value, label=str(position),
                       position=position, description=f"position {position} of {written} is {arg}")


def evidence_world_graph(world: World, title: str) -> nx.MultiDiGraph:
    """The world of a counterexample or a witness as a graph like :func:`world_graph`'s:
    named individuals (``role`` individual) and unknown entities (``role`` entity) with their
    ``kinds``, and its facts (``role`` given, or derived with ``by``)."""
    graph = nx.MultiDiGraph(title=title, rankdir="LR")
    for entity in world.entities:
        role = (Role.INDIVIDUAL if entity.named else Role.ENTITY).value
        kinds = list(entity.kinds)
        text = entity.name + (f"\n{', '.join(kinds)}" if kinds else "")
        graph.add_node(entity.name, role=role, label=text, kinds=kinds, given_kinds=kinds, derived_kinds=[],
                       description=f"{entity.name}: " + (", ".join(kinds) or "no kind"))
    for fact in world.facts:
        if len(fact.args) >= 2:
            add_fact(graph, fact.relation, list(fact.args), fact.derived_by, [])
    return graph
