"""A scenario's chased world as a graph: individuals and unknown entities, the facts the
scenario gives, and the facts the chase derived (with the axiom that derived them)."""

from __future__ import annotations

import networkx as nx

from ..analysis.scenarios import ScenarioEvaluation
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
    keyed by relation, ``role`` given or derived, with ``by`` (the axiom) and ``premises``."""
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
        if len(args) != 2:
            continue
        source, target = (world.label(a) for a in args)
        derivation = _origin(world, (pred, args))
        if derivation.is_given:
            graph.add_edge(source, target, key=pred, role=Role.GIVEN.value, label=pred, by="", premises=[],
                           description=f"{pred}({source}, {target}): given")
            continue
        by = derivation.axiom.label if derivation.axiom is not None else "equality"
        premises = _premises(world, derivation)
        graph.add_edge(source, target, key=pred, role=Role.DERIVED.value, label=pred, by=by, premises=premises,
                       description=f"{pred}({source}, {target}) by {by} from {', '.join(premises)}")
    return graph
