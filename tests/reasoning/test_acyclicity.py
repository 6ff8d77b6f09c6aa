"""The check of ``acyclic`` relations gives exactly what the whole-graph check gave: the same
axiom and the same cycle, on random instances, with merges and from any log position."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.acyclicity import acyclic_violation
from alignspec.reasoning.chase import chase
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import Axiom, AxiomKind, Theory

from .build import rule
from .strategies import weakly_acyclic_theories

RELATIONS = ("R", "S", "T")


def _whole_graph(instance: Instance, axioms, since: int = 0):
    """The check as it was: a networkx graph per acyclic relation and ``find_cycle``, or with
    ``since`` a search from each edge added since then."""
    if since:
        new_edges = [(pred, args) for pred, args in instance.facts_since(since) if len(args) == 2]
    for axiom in axioms:
        relation = axiom.relation or ""
        if since:
            cycle = _through(instance, relation, [args for pred, args in new_edges if pred == relation])
            if cycle is not None:
                return axiom, tuple((relation, edge) for edge in cycle)
            continue
        pairs = list(instance.pairs(relation))
        loop = next(((s, t) for s, t in pairs if s == t), None)
        if loop is not None:
            return axiom, ((relation, loop),)
        graph = nx.DiGraph(pairs)
        try:
            cycle_edges = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            continue
        return axiom, tuple((relation, (s, t)) for s, t in cycle_edges)
    return None


def _through(instance: Instance, relation: str, edges):
    for source, target in edges:
        if source == target:
            return [(source, target)]
        came_from = {target: target}
        frontier = [target]
        while frontier and source not in came_from:
            node = frontier.pop()
            for nxt in instance.successors(relation, node):
                if nxt not in came_from:
                    came_from[nxt] = node
                    frontier.append(nxt)
        if source in came_from:
            path = [source]
            while path[-1] != target:
                path.append(came_from[path[-1]])
            path.reverse()
            return [(source, target), *itertools.pairwise(path)]
    return None


@st.composite
def graphs(draw):
    """An instance of up to eight entities with edges of three relations added in a random
    order, some entities merged, and the acyclic axioms in a random order."""
    inst = Instance()
    nodes = [inst.add_entity(f"e{i}") for i in range(draw(st.integers(1, 8)))]
    possible = [(r, s, t) for r in RELATIONS for s, t in itertools.product(nodes, nodes)]
    edges = draw(st.lists(st.sampled_from(possible), max_size=24, unique=True))
    for r, s, t in edges:
        inst.add_fact(r, (s, t))
    for _ in range(draw(st.integers(0, 2))):
        live = inst.entities()
        if len(live) > 1:
            keep, drop = draw(st.permutations(live))[:2]
            inst.merge(keep, drop)
    acyclic = draw(st.lists(st.sampled_from(RELATIONS), unique=True))
    axioms = tuple(Axiom(f"acyclic {r}", AxiomKind.ACYCLIC, relation=r) for r in acyclic)
    since = draw(st.integers(0, inst.log_size()))
    return inst, axioms, since


@settings(max_examples=600, deadline=None)
@given(graphs())
def test_same_axiom_and_cycle_as_the_whole_graph_check(case):
    inst, axioms, since = case
    assert acyclic_violation(inst, axioms, since) == _whole_graph(inst, axioms, since)


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_from_the_start_it_finds_a_cycle_exactly_when_there_is_one(case):
    inst, axioms, _ = case
    found = acyclic_violation(inst, axioms)
    cyclic = [a for a in axioms if not nx.is_directed_acyclic_graph(nx.DiGraph(list(inst.pairs(a.relation))))]
    assert (found is None) == (not cyclic)
    if found is not None:
        axiom, cycle = found
        assert axiom is cyclic[0]
        assert all(inst.has_fact(*fact) for fact in cycle)
        assert [t for _, (_, t) in cycle] == [s for _, (s, _) in cycle[1:] + cycle[:1]]


@settings(max_examples=150, deadline=None)
@given(weakly_acyclic_theories(relations=("R", "S")), st.integers(1, 5), st.data())
def test_a_chase_fails_on_the_cycle_the_whole_graph_check_reports(th, size, data):
    acyclic = tuple(Axiom(f"acyclic {r}", AxiomKind.ACYCLIC, relation=r) for r in ("R", "S"))
    th = Theory("", th.axioms + acyclic)
    inst = Instance()
    nodes = [inst.add_entity(f"e{i}") for i in range(size)]
    for r, s, t in data.draw(st.lists(st.sampled_from([(r, s, t) for r in ("R", "S") for s in nodes for t in nodes]),
                                      max_size=10)):
        inst.add_fact(r, (s, t))
    result = chase(inst, th)
    if result.status == "budget" or (result.failure is not None and result.failure.axiom.kind is not AxiomKind.ACYCLIC):
        return
    expected = _whole_graph(result.instance, th.acyclic_relations())
    assert (result.failure is None) == (expected is None)
    if expected is not None:
        assert (result.failure.axiom, result.failure.facts) == expected


def test_relations_without_edges_are_not_searched():
    inst = Instance()
    a, b = inst.add_entity("a"), inst.add_entity("b")
    inst.add_fact("R", (a, b))
    inst.add_fact("R", (b, a))
    axioms = tuple(Axiom(f"acyclic {r}", AxiomKind.ACYCLIC, relation=r) for r in ("S", "R"))
    axiom, cycle = acyclic_violation(inst, axioms)
    assert axiom.relation == "R" and len(cycle) == 2


def test_a_trial_finds_only_the_cycle_its_new_edge_closes():
    th = Theory("", (rule("sub", "S(x, y) -> R(x, y)"), Axiom("acyclic R", AxiomKind.ACYCLIC, relation="R")))
    inst = Instance()
    a, b, c = (inst.add_entity(n) for n in "abc")
    inst.add_fact("R", (a, b))
    inst.add_fact("R", (b, c))
    world = chase(inst, th).instance
    with world.trial():
        since = world.log_size()
        world.add_fact("S", (c, a))
        result = chase(world, th, copy=False, since=since)
        assert result.status == "failed"
        assert [args for _, args in result.failure.facts] == [(c, a), (a, b), (b, c)]
    assert chase(world, th, copy=False, since=world.log_size()).status == "ok"
