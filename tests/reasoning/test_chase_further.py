"""Chasing on under a larger theory answers as chasing from the start: the same status, a world
with the same homomorphisms into it, and a classification with the same implications."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.chase import _compile, _compile_after, _compile_uncached, _group, _Mode
from alignspec.reasoning.classification import classify
from alignspec.reasoning.entailment import chase_formula, chase_further
from alignspec.reasoning.homomorphism import find_homomorphism
from alignspec.reasoning.logic import Axiom, AxiomKind, Budget, Theory

from .build import atoms, theory
from .strategies import atom_lists, weakly_acyclic_theories

SMALL = Budget(max_entities=200, max_facts=2000, max_search_steps=100_000)


@st.composite
def theory_pairs(draw):
    """A weakly acyclic theory (sometimes with an acyclic relation) and a prefix of its axioms
    that keeps the acyclic axioms: a framing and one it extends."""
    th = draw(weakly_acyclic_theories(max_axioms=5))
    rules = [a for a in th.axioms if a.kind is not AxiomKind.ACYCLIC]
    acyclic = [a for a in th.axioms if a.kind is AxiomKind.ACYCLIC]
    cut = draw(st.integers(0, len(rules)))
    smaller = Theory("", tuple(acyclic + rules[:cut]))
    return smaller, smaller.subset(tuple(acyclic + rules))


@settings(max_examples=200, deadline=None)
@given(theory_pairs(), atom_lists(max_size=4), st.lists(atom_lists(max_size=3), min_size=1, max_size=4))
def test_same_status_and_homomorphisms_as_chasing_from_the_start(pair, formula, patterns):
    smaller, larger = pair
    before = chase_formula(smaller, formula, SMALL)
    facts = list(before.instance.facts())
    further = chase_further(before, smaller, larger, SMALL)
    fresh = chase_formula(larger, formula, SMALL)
    assert list(before.instance.facts()) == facts
    if "budget" in (before.status, further.status, fresh.status):
        return
    assert further.status == fresh.status
    if fresh.status != "ok":
        return
    variables = sorted({v for a in formula for v in a.args})
    for pattern, fixed in itertools.product(patterns, [(), variables[:1], variables]):
        assert (find_homomorphism(pattern, further.instance, {v: further.node(v) for v in fixed}) is None) == \
            (find_homomorphism(pattern, fresh.instance, {v: fresh.node(v) for v in fixed}) is None)


@settings(max_examples=200, deadline=None)
@given(theory_pairs(), st.lists(atom_lists(variables=("p", "x"), max_size=2), min_size=3, max_size=8))
def test_classification_from_a_parent_is_the_classification_from_the_start(pair, bodies):
    smaller, larger = pair
    concepts = {f"c{i}": (("p",), body if any("p" in a.args for a in body) else body + atoms("A(p)"))
                for i, body in enumerate(bodies)}
    parent = classify(smaller, concepts, SMALL)
    known = set(parent.implications.edges)
    derived = classify(larger, concepts, SMALL, known_implications=known,
                       known_unsatisfiable=parent.unsatisfiable, parent=parent)
    fresh = classify(larger, concepts, SMALL, known_implications=known, known_unsatisfiable=parent.unsatisfiable)
    if derived.unknown or fresh.unknown or derived.unknown_pairs or fresh.unknown_pairs:
        return
    assert derived.unsatisfiable == fresh.unsatisfiable
    assert list(derived.implications.nodes) == list(fresh.implications.nodes)
    assert sorted(derived.implications.edges) == sorted(fresh.implications.edges)
    assert derived.classes == fresh.classes
    assert sorted(derived.hasse.edges) == sorted(fresh.hasse.edges)


def test_nothing_added_gives_the_chased_formula_itself():
    smaller = theory(rules=["r: Model(a) -> AISystem(a)"])
    larger = smaller.subset(smaller.axioms + (Axiom("s", AxiomKind.RULE, atoms("trains(x, y)"),
                                                    atoms("Optimizer(x)")),))
    before = chase_formula(smaller, atoms("Model(m)"))
    assert chase_further(before, smaller, larger) is before
    grown = chase_further(chase_formula(smaller, atoms("trains(o, m)")), smaller, larger)
    assert grown.status == "ok" and grown.instance.has_fact("Optimizer", (grown.node("o"),))


def test_a_cycle_the_new_rules_close_fails_the_chase():
    smaller = theory(relations=["trains(Optimizer, Model) acyclic"])
    larger = smaller.subset(smaller.axioms + (Axiom("back", AxiomKind.RULE, atoms("trains(x, y)"),
                                                    atoms("trains(y, x)")),))
    before = chase_formula(smaller, atoms("trains(o, m)"))
    assert before.status == "ok"
    assert chase_further(before, smaller, larger).status == "failed"
    assert before.instance.num_facts() == chase_formula(smaller, atoms("trains(o, m)")).instance.num_facts()


def test_a_limit_is_reported_only_where_chasing_from_the_start_reaches_it():
    smaller = theory(relations=["on(Tower, Tower)"])
    grow = Axiom("grow", AxiomKind.RULE, atoms("Tower(a)"), atoms("on(a, b), Tower(b)"))
    larger = smaller.subset(smaller.axioms + (grow,))
    before = chase_formula(smaller, atoms("Tower(t), on(t, u), on(u, v)"), Budget(max_entities=10))
    further = chase_further(before, smaller, larger, Budget(max_entities=10))
    assert further.status == "budget" == chase_formula(larger, before.atoms, Budget(max_entities=10)).status


def _described(groups):
    return [({pred: [(rule.axiom.label, slots) for rule, slots, _ in entries] for pred, entries in index.items()},
             [rule.axiom.label for rule in empty], old) for index, empty, old in groups]


@settings(max_examples=200, deadline=None)
@given(weakly_acyclic_theories(max_axioms=6), st.data())
def test_a_theory_compiled_on_from_a_prefix_is_compiled_as_from_the_start(th, data):
    cut = data.draw(st.integers(0, len(th.axioms)))
    smaller = Theory("", th.axioms[:cut])
    larger = smaller.subset(th.axioms)
    _compile(smaller)
    (rules, acyclic, groups), acyclic_settled = _compile_after(larger, smaller)
    fresh_rules, fresh_acyclic, fresh_groups = _compile_uncached(Theory("", th.axioms))
    assert [r.axiom for r in rules] == [r.axiom for r in fresh_rules] == [r.axiom for r in _compile(larger)[0]]
    assert acyclic == fresh_acyclic
    assert _described(_compile(larger)[2]) == _described(fresh_groups)
    known = set(smaller.axioms)
    split = [[r for r in fresh_rules if (r.mode is _Mode.EXISTENTIAL) == existential and (r.axiom in known) == old]
             for existential in (False, True) for old in (True, False)]
    assert _described(groups) == _described(
        [_group(members, old) for members, old in zip(split, (True, False, True, False))])
    assert acyclic_settled == all(a in known for a in acyclic)
