import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.homomorphism import SearchBudgetExceeded, best_partial_match, find_homomorphism, homomorphisms
from alignspec.reasoning.instance import Instance

from .build import atoms
from .strategies import atom_lists, brute_force_homomorphisms, instances


def _key(m):
    return tuple(sorted(m.items()))


@settings(max_examples=150, deadline=None)
@given(atom_lists(), instances())
def test_all_homomorphisms_agree_with_brute_force(pattern, inst):
    found = list(homomorphisms(pattern, inst))
    assert len({_key(m) for m in found}) == len(found)
    assert sorted(map(_key, found)) == sorted(map(_key, brute_force_homomorphisms(pattern, inst)))


@settings(max_examples=100, deadline=None)
@given(atom_lists(), instances(), st.data())
def test_fixed_variables_are_respected(pattern, inst, data):
    var = pattern[0].args[0]
    node = data.draw(st.sampled_from(inst.entities()))
    found = list(homomorphisms(pattern, inst, {var: node, "unused": 0}))
    assert all(m[var] == node for m in found)
    assert all("unused" not in m for m in found)
    assert sorted(map(_key, found)) == sorted(map(_key, brute_force_homomorphisms(pattern, inst, {var: node})))


@settings(max_examples=150, deadline=None)
@given(atom_lists(max_size=5), instances())
def test_best_partial_match_is_sound(pattern, inst):
    mapping, unmatched = best_partial_match(pattern, inst)
    exists = find_homomorphism(pattern, inst) is not None
    assert (unmatched == []) == exists
    facts = set(inst.facts())
    matched = [a for a in pattern if a not in unmatched]
    for atom in matched:
        assert (atom.pred, tuple(mapping[v] for v in atom.args)) in facts
    assert best_partial_match(pattern, inst) == (mapping, unmatched)


def test_homomorphisms_are_not_injective():
    inst = Instance()
    a = inst.add_entity("a")
    inst.add_fact("R", (a, a))
    assert find_homomorphism(atoms("R(x, y), R(y, x)"), inst) == {"x": a, "y": a}


def test_order_is_deterministic():
    inst = Instance()
    nodes = [inst.add_entity(f"n{i}") for i in range(6)]
    for s in nodes:
        for t in nodes:
            if (s * 7 + t) % 3:
                inst.add_fact("R", (s, t))
    pattern = atoms("R(x, y), R(y, z)")
    assert list(homomorphisms(pattern, inst)) == list(homomorphisms(pattern, inst.copy()))


def test_step_budget_raises():
    inst = Instance()
    nodes = [inst.add_entity(f"n{i}") for i in range(30)]
    for s in nodes:
        for t in nodes:
            inst.add_fact("R", (s, t))
    with pytest.raises(SearchBudgetExceeded):
        list(homomorphisms(atoms("R(x, y), R(y, z), R(z, w)"), inst, budget_steps=1000))


def test_unmatched_part_is_found_without_enumerating_the_other_part():
    inst = Instance()
    nodes = [inst.add_entity(f"n{i}") for i in range(60)]
    for s in nodes:
        for t in nodes:
            inst.add_fact("R", (s, t))
    pattern = atoms("R(x, y), R(y, z), R(z, w), S(u, v)")
    assert find_homomorphism(pattern, inst, budget_steps=10_000) is None


def test_partial_match_names_the_missing_atoms():
    inst = Instance()
    a, b = inst.add_entity("a"), inst.add_entity("b")
    inst.add_fact("Model", (a,))
    inst.add_fact("trains", (b, a))
    mapping, unmatched = best_partial_match(atoms("Model(a), trains(t, a), Mesa(a), mesa(a, o)"), inst, {"a": a})
    assert unmatched == list(atoms("Mesa(a), mesa(a, o)"))
    assert mapping["t"] == b
