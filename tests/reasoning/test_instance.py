import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.instance import Derivation, Instance
from alignspec.reasoning.logic import Axiom, AxiomKind

from .build import rule
from .strategies import instances


def _sample():
    inst = Instance()
    a, b, c = inst.add_entity("a"), inst.add_entity("b"), inst.add_entity("c", named=True)
    inst.add_fact("Model", (a,))
    inst.add_fact("trains", (b, a))
    inst.add_fact("trains", (a, c))
    return inst, a, b, c


def test_entities_and_facts_live_in_a_multidigraph():
    inst, a, b, c = _sample()
    assert (a, b, c) == (0, 1, 2)
    assert isinstance(inst.graph, nx.MultiDiGraph)
    assert inst.graph.nodes[a] == {"kinds": {"Model"}, "label": "a", "named": False}
    assert set(inst.graph.edges(keys=True)) == {(b, a, "trains"), (a, c, "trains")}
    assert inst.add_fact("trains", (b, a)) is False
    assert inst.add_fact("builds", (b, a)) is True
    assert inst.graph.number_of_edges(b, a) == 2
    assert inst.facts() == [("Model", (a,)), ("trains", (b, a)), ("trains", (a, c)), ("builds", (b, a))]
    assert inst.kinds_of(a) == {"Model"} and inst.is_named(c) and inst.label(b) == "b"
    assert list(inst.successors("trains", b)) == [a] and list(inst.predecessors("trains", c)) == [a]
    assert inst.derivation(("Model", (a,))).is_given


def test_labels_are_made_unique():
    inst = Instance()
    assert [inst.label(inst.add_entity("b")) for _ in range(3)] == ["b", "b_2", "b_3"]


def test_copy_is_independent():
    inst, a, b, _c = _sample()
    other = inst.copy()
    other.add_fact("Objective", (b,))
    other.merge(a, b)
    assert not inst.has_fact("Objective", (b,)) and inst.num_entities() == 3
    assert other.facts() != inst.facts()
    assert other.kinds_of(a) == {"Model", "Objective"}


def test_merge_rekeys_facts_and_records_the_equality():
    inst, a, b, _c = _sample()
    eq = rule("same", "trains(x, y), Model(y) -> x = y")
    premises = (("trains", (b, a)), ("Model", (a,)))
    assert inst.merge(a, b, eq, premises) == a
    assert inst.find(b) == a and b not in inst.graph
    assert inst.has_fact("trains", (a, a))
    d = inst.derivation(("trains", (a, a)))
    assert d == Derivation(eq, (("trains", (b, a)),) + premises, (a, b))
    assert inst.axioms_used([("trains", (a, a))]) == {"same"}
    assert inst.given_facts([("trains", (a, a))]) == [("Model", (a,)), ("trains", (b, a))]
    tree = inst.derivation_tree(("trains", (a, a)))
    assert tree.premises[0].fact == ("trains", (b, a)) and tree.premises[0].derivation.is_given
    assert [s.drop for s in inst.merge_steps(b)] == [b]


def test_a_named_entity_is_kept_when_merged_with_an_unnamed_one():
    inst, a, b, c = _sample()
    assert inst.merge(a, c) == c
    assert inst.find(a) == c and inst.label(a) == "c"
    assert inst.has_fact("Model", (c,)) and inst.has_fact("trains", (b, c)) and inst.has_fact("trains", (c, c))


def test_merging_two_named_entities_is_refused():
    inst = Instance()
    x, y = inst.add_entity("x", True), inst.add_entity("y", True)
    try:
        inst.merge(x, y)
    except ValueError:
        pass
    else:
        raise AssertionError("merged two named entities")


def test_axioms_used_walks_transitively():
    inst, a, b, _c = _sample()
    r1 = Axiom("r1", AxiomKind.RULE)
    r2 = Axiom("r2", AxiomKind.RULE)
    inst.add_fact("Mesa", (a,), Derivation(r1, (("trains", (b, a)),)))
    inst.add_fact("Opt", (a,), Derivation(r2, (("Mesa", (a,)), ("Model", (a,)))))
    assert inst.axioms_used([("Opt", (a,))]) == {"r1", "r2"}
    assert inst.axioms_used([("Model", (a,))]) == set()


def _snapshot(inst):
    return (inst.facts(), inst.entities(), sorted(inst._labels), dict(inst._label_counter), dict(inst._history),
            list(inst._log), dict(inst._parent), inst._next_id, {n: set(k) for n, k in inst._kinds.items()},
            sorted(inst.graph.edges(keys=True)), inst.num_facts())


@settings(max_examples=100, deadline=None)
@given(instances(), st.data())
def test_a_trial_undoes_every_change(inst, data):
    before = _snapshot(inst)
    with inst.trial():
        for _ in range(data.draw(st.integers(0, 6))):
            step = data.draw(st.sampled_from(["entity", "fact", "merge"]))
            nodes = inst.entities()
            if step == "entity":
                inst.add_entity(data.draw(st.sampled_from(["e0", "e1", "x"])))
            elif step == "fact":
                arity = data.draw(st.integers(1, 3))
                pred = {1: "A", 2: "R", 3: "T"}[arity]
                inst.add_fact(pred, tuple(data.draw(st.sampled_from(nodes)) for _ in range(arity)))
            elif len(nodes) > 1:
                keep, drop = data.draw(st.permutations(nodes))[:2]
                inst.merge(keep, drop)
    assert _snapshot(inst) == before


def test_ternary_facts_are_indexed_by_position_and_follow_merges():
    inst = Instance()
    a, b, c = (inst.add_entity(x) for x in "abc")
    inst.add_fact("T", (a, b, c))
    inst.add_fact("T", (a, a, b))
    assert set(inst.tuples("T")) == {(a, b, c), (a, a, b)}
    assert set(inst.tuples_at("T", 1, a)) == {(a, a, b)}
    assert inst.has_fact("T", (a, b, c)) and not inst.has_fact("T", (c, b, a))
    inst.merge(a, c)
    assert set(inst.tuples("T")) == {(a, b, a), (a, a, b)}
    assert {("T", (a, b, a)), ("T", (a, a, b))} <= set(inst.facts_of(a))
