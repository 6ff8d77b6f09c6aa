import networkx as nx

from alignspec.reasoning.instance import Derivation, Instance
from alignspec.reasoning.logic import Axiom, AxiomKind

from .build import rule


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
