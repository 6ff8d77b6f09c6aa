"""A group of disjoint predicates against the pairwise definition: one denial per pair, in the
group's place. Chases fail on the same pair with the same facts, and justifications (from a
failure's seed, and from the whole theory) name the same axioms."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignspec.reasoning import el_fragment
from alignspec.reasoning.chase import chase
from alignspec.reasoning.entailment import decide_implication, decide_satisfiable, minimal_justification
from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory, disjoint_label
from alignspec.reasoning.modelcheck import violations
from alignspec.reasoning.necessity import Goal
from alignspec.reasoning.status import ChaseStatus

from .strategies import atom_lists, instances, weakly_acyclic_theories

KINDS = ("A", "B", "C", "D")
RELATIONS = ("R", "S", "Q")


def pairwise(theory: Theory) -> Theory:
    """``theory`` with each group written out as its pairs."""
    axioms: list[Axiom] = []
    for axiom in theory.axioms:
        if not axiom.is_group:
            axioms.append(axiom)
            continue
        members = axiom.members
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                axioms.append(Axiom(disjoint_label(a, b), axiom.kind, body=(Atom(a, axiom.args), Atom(b, axiom.args)),
                                    is_false=True))
    return Theory(theory.name, tuple(axioms))


@st.composite
def groups(draw):
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=5))
        return Axiom("disjoint: " + ", ".join(members), AxiomKind.DISJOINT_KINDS, is_false=True,
                     members=tuple(members), args=("x",))
    members = draw(st.lists(st.sampled_from(RELATIONS), min_size=2, max_size=4))
    return Axiom("disjoint: " + ", ".join(members), AxiomKind.DISJOINT_RELATIONS, is_false=True,
                 members=tuple(members), args=("x", "y"))


@st.composite
def theories_with_groups(draw):
    rules = draw(weakly_acyclic_theories(max_axioms=4, kinds=KINDS, relations=RELATIONS, acyclic=False)).axioms
    axioms = list(rules)
    for _ in range(draw(st.integers(1, 2))):
        axioms.insert(draw(st.integers(0, len(axioms))), draw(groups()))
    return Theory("", tuple(axioms))


def _labels(axioms) -> list[str] | None:
    return None if axioms is None else [a.label for a in axioms]


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(theory=theories_with_groups(), inst=instances(kinds=KINDS, relations=RELATIONS, ternary=()))
def test_a_chase_fails_on_the_pair_the_pairwise_denials_meet(theory, inst):
    grouped, written_out = chase(inst, theory), chase(inst, pairwise(theory))
    assert grouped.status is written_out.status
    assert sorted(grouped.instance.facts()) == sorted(written_out.instance.facts())
    if grouped.failure is not None:
        assert grouped.failure.axiom.label == written_out.failure.axiom.label
        assert grouped.failure.facts == written_out.failure.facts
        assert grouped.failure.axiom.body == written_out.failure.axiom.body
    assert _labels(violations(inst, theory)) == _labels(violations(inst, pairwise(theory)))


@SETTINGS
@given(theory=theories_with_groups(),
       atoms=atom_lists(kinds=KINDS, relations=RELATIONS, ternary=(), max_size=5),
       goal=atom_lists(kinds=KINDS, relations=RELATIONS, ternary=(), max_size=2))
def test_answers_and_justifications_are_those_of_the_pairs(theory, atoms, goal):
    written_out = pairwise(theory)
    grouped_sat, pairwise_sat = decide_satisfiable(theory, atoms), decide_satisfiable(written_out, atoms)
    assert grouped_sat.status is pairwise_sat.status
    assert _labels(grouped_sat.justification) == _labels(pairwise_sat.justification)
    grouped_imp = decide_implication(theory, atoms, goal, verify=False, explain=False)
    pairwise_imp = decide_implication(written_out, atoms, goal, verify=False, explain=False)
    assert grouped_imp.status is pairwise_imp.status
    assert _labels(grouped_imp.justification) == _labels(pairwise_imp.justification)


@SETTINGS
@given(theory=theories_with_groups(), inst=instances(kinds=KINDS, relations=RELATIONS, ternary=()))
def test_a_justification_from_the_whole_theory_drops_pairs_one_by_one(theory, inst):
    """With no seed, the search starts from every axiom: a group that is needed is cut down to
    the pair that dropping its pairs one by one in order would leave."""

    def fails(sub: Theory) -> bool:
        return chase(inst, sub).status is ChaseStatus.FAILED

    if not fails(theory):
        return
    written_out = _labels(minimal_justification(pairwise(theory), fails, ()))
    goal = Goal(frozenset(inst.predicates()), None, True, named=False)
    for given_goal in (None, goal):   # with a goal, a group may be proved necessary without a chase
        grouped = minimal_justification(theory, fails, (), goal=given_goal)
        assert _labels(grouped) == written_out
        assert not any(a.is_group for a in grouped)


def test_a_group_of_a_thousand_kinds_is_one_axiom_and_its_clash_one_pair():
    members = tuple(f"K{i}" for i in range(1000))
    group = Axiom("disjoint: ...", AxiomKind.DISJOINT_KINDS, is_false=True, members=members, args=("x",))
    theory = Theory("", (group,))
    result = decide_satisfiable(theory, (Atom("K7", ("x",)), Atom("K998", ("x",))))
    assert result.status.value == "unsatisfiable"
    assert _labels(result.justification) == ["disjoint K7, K998"]
    assert decide_satisfiable(theory, (Atom("K7", ("x",)), Atom("K998", ("y",)))).status.value == "satisfiable"


@st.composite
def fragment_problems_with_a_group(draw):
    from .test_saturation import el_problems

    theory, concepts = draw(el_problems())
    members = draw(st.lists(st.sampled_from(("A", "B", "C", "D")), min_size=2, max_size=5))
    group = Axiom("disjoint: " + ", ".join(members), AxiomKind.DISJOINT_KINDS, is_false=True, members=tuple(members),
                  args=("x",))
    axioms = list(theory.axioms)
    axioms.insert(draw(st.integers(0, len(axioms))), group)
    return Theory("", tuple(axioms)), concepts


@pytest.mark.parametrize("small", [0, el_fragment.SMALL_GROUP], ids=["ladder", "pairs-when-small"])
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(problem=fragment_problems_with_a_group())
def test_saturation_of_a_group_of_kinds_agrees_with_the_chase_and_the_pairs(small, problem):
    """Both ways of adding a group to the normal form: as a ladder, and pair by pair."""
    saved, el_fragment.SMALL_GROUP = el_fragment.SMALL_GROUP, small
    try:
        _saturation_agrees(problem)
    finally:
        el_fragment.SMALL_GROUP = saved


def _saturation_agrees(problem) -> None:
    from alignspec.reasoning.el_fragment import concept_tree
    from alignspec.reasoning.saturation import saturate

    from .test_saturation import both_ways

    theory, concepts = problem
    grouped, _ = both_ways(theory, concepts)
    written_out, _ = both_ways(pairwise(theory), concepts)
    assert sorted(grouped.unsatisfiable) == sorted(written_out.unsatisfiable)
    assert list(grouped.implications.edges) == list(written_out.implications.edges)
    saturated = saturate(theory, {n: concept_tree(*c) for n, c in concepts.items()})
    if saturated is None:   # outside the fragment for another reason
        return
    _, unsatisfiable = saturated
    for name, (_, atoms) in concepts.items():
        failed = decide_satisfiable(theory, atoms, justify=False).status.value == "unsatisfiable"
        assert (name in unsatisfiable) == failed


def test_a_pair_label_selects_the_pair_of_an_equal_group_in_its_place():
    """Seeds are labels: a pair met by a chase under another theory (with its own, equal group)
    is found in this theory's group, in the group's place."""
    def group() -> Axiom:
        return Axiom("disjoint: A, B, C", AxiomKind.DISJOINT_KINDS, is_false=True, members=("A", "B", "C"),
                     args=("x",))

    before, after = Axiom("before", AxiomKind.RULE, (Atom("D", ("x",)),), (Atom("C", ("x",)),)), group()
    theory = Theory("", (before, after, Axiom("last", AxiomKind.RULE, (Atom("A", ("x",)),), (Atom("D", ("x",)),))))
    assert group().pair(1, 2).label == "disjoint B, C"
    selected = theory.select({"last", "disjoint B, C", "disjoint A, C", "before"})
    assert [a.label for a in selected] == ["before", "disjoint A, C", "disjoint B, C", "last"]
    assert selected[1].group is after and selected[1].origin is None
    assert theory.covers(group().pair(0, 1)) and not theory.covers(Axiom("other", AxiomKind.RULE))
