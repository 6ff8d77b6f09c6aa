"""Patterns of thousands of atoms and derivations thousands of steps long: every search and walk
of the reasoning core runs in constant stack depth, with the same answers as on small inputs."""

from __future__ import annotations

from alignspec.reasoning import modelcheck
from alignspec.reasoning.homomorphism import best_partial_match, find_homomorphism, homomorphisms
from alignspec.reasoning.instance import Derivation, Instance
from alignspec.reasoning.logic import Atom

from .build import rule

DEPTH = 1500  # well above the interpreter's default recursion limit (1000)


def loop_instance() -> tuple[Instance, int, int]:
    """``r(a, a), r(a, b)``: a path pattern of any length maps onto the loop."""
    inst = Instance()
    a, b = inst.add_entity("a"), inst.add_entity("b")
    inst.add_fact("r", (a, a))
    inst.add_fact("r", (a, b))
    return inst, a, b


def path_pattern(length: int) -> list[Atom]:
    return [Atom("r", (f"v{i}", f"v{i + 1}")) for i in range(length)]


def test_homomorphism_of_a_pattern_thousands_of_atoms_long():
    inst, a, b = loop_instance()
    pattern = path_pattern(DEPTH)
    found = list(homomorphisms(pattern, inst, {"v0": a}))
    assert len(found) == 2 and all(m[f"v{DEPTH - 1}"] == a for m in found)
    assert {m[f"v{DEPTH}"] for m in found} == {a, b}
    assert find_homomorphism(pattern + [Atom("r", (f"v{DEPTH}", "w")), Atom("s", ("v0",))], inst, {"v0": a}) is None


def test_best_partial_match_of_a_pattern_thousands_of_atoms_long():
    inst, a, _ = loop_instance()
    pattern = path_pattern(DEPTH) + [Atom("s", ("v0",))]
    mapping, unmatched = best_partial_match(pattern, inst, {"v0": a})
    assert unmatched == [Atom("s", ("v0",))]
    assert mapping[f"v{DEPTH - 1}"] == a


def test_model_checker_on_a_pattern_thousands_of_atoms_long():
    inst, a, _ = loop_instance()
    assert modelcheck.holds(path_pattern(DEPTH), inst, {"v0": a})
    assert not modelcheck.holds(path_pattern(DEPTH) + [Atom("s", ("v0",))], inst, {"v0": a})


def test_derivation_tree_thousands_of_steps_deep():
    inst, a, b = loop_instance()
    step = rule("step", "r(x, y) -> r(y, x)")
    previous = ("r", (a, b))
    for i in range(DEPTH):
        fact = (f"k{i}", (a,))
        inst.add_fact(*fact, Derivation(step, (previous,)))
        previous = fact
    tree = inst.derivation_tree(previous)
    depth = 0
    while tree.premises:
        (tree,) = tree.premises
        depth += 1
    assert depth == DEPTH and tree.fact == ("r", (a, b))
