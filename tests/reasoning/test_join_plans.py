"""Join plans: the order of their steps, and their matches against brute force."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.instance import Instance
from alignspec.reasoning.join import JoinPlan, StepCounter, slot_map
from alignspec.reasoning.logic import Atom

from .strategies import VARS, atom_lists, brute_force_homomorphisms, instances


def rescanning_order(atoms, bound):
    """The join order by its definition: at each step, rescan every remaining atom for the
    smallest (category, arity, position)."""
    known, remaining, order = set(bound), list(atoms), []
    while remaining:
        def score(item):
            i, atom = item
            unbound = len({v for v in atom.args if v not in known})
            category = 0 if unbound == 0 else 1 if unbound < len(set(atom.args)) else 2
            return (category, len(atom.args), i)
        i, atom = min(enumerate(remaining), key=score)
        order.append(remaining.pop(i))
        known.update(atom.args)
    return order


def plan_atoms(plan: JoinPlan, atoms) -> list:
    """The atoms of ``atoms`` in the order of the plan's steps."""
    left, order = list(atoms), []
    names = {i: v for v, i in plan.slots.items()}
    for _, pred, a, b in plan.steps:
        if isinstance(a, tuple):  # an atom of three or more arguments: the slots of all of them
            args = tuple(names[s] for s in a)
        else:
            args = (names[a],) if b == -1 else (names[a], names[b])
        atom = next(x for x in left if x.pred == pred and x.args == args)
        left.remove(atom)
        order.append(atom)
    return order


@settings(max_examples=300, deadline=None)
@given(atom_lists(variables=VARS + ("u", "v"), max_size=12), st.sets(st.sampled_from(VARS)))
def test_plan_order_is_the_rescanning_order(atoms, bound):
    plan = JoinPlan(atoms, sorted(bound), slot_map(atoms, sorted(bound)))
    assert plan_atoms(plan, atoms) == rescanning_order(atoms, sorted(bound))


@settings(max_examples=150, deadline=None)
@given(atom_lists(max_size=5), instances())
def test_plan_matches_agree_with_brute_force(atoms, inst):
    slots = slot_map(atoms)
    plan = JoinPlan(atoms, [], slots)
    found = {tuple(values) for values in plan.run(inst, [None] * len(slots), StepCounter(10 ** 9))}
    expected = {tuple(m[v] for v in slots) for m in brute_force_homomorphisms(atoms, inst)}
    assert found == expected


@settings(max_examples=150, deadline=None)
@given(atom_lists(max_size=5), instances(), st.data())
def test_plan_matches_from_bound_variables_agree_with_brute_force(atoms, inst, data):
    variables = sorted({v for atom in atoms for v in atom.args})
    bound = data.draw(st.lists(st.sampled_from(variables), unique=True))
    fixed = {v: data.draw(st.sampled_from(inst.entities())) for v in bound}
    slots = slot_map(atoms)
    plan = JoinPlan(atoms, bound, slots)
    values = [None] * len(slots)
    for v, entity in fixed.items():
        values[slots[v]] = entity
    found = {tuple(found) for found in plan.run(inst, values, StepCounter(10 ** 9))}
    expected = {tuple(m[v] for v in slots) for m in brute_force_homomorphisms(atoms, inst, fixed)}
    assert found == expected
    assert values == [fixed.get(v) for v in slots]  # the slots it filled are cleared again


def test_a_plan_of_thousands_of_atoms_is_built_and_run_quickly():
    atoms = [Atom("r", (f"v{i}", f"v{i + 1}")) for i in range(3000)]
    inst = Instance()
    a = inst.add_entity("a")
    inst.add_fact("r", (a, a))
    slots = slot_map(atoms)
    plan = JoinPlan(atoms, ["v0"], slots)
    values = [None] * len(slots)
    values[slots["v0"]] = a
    assert [list(v) for v in plan.run(inst, values, StepCounter(10 ** 9))] == [[a] * len(slots)]
