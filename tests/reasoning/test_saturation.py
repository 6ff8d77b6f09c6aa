"""The saturation path of classification against the general path (chase and homomorphisms).

Exactness is the point: on every theory and concept the recogniser lets in, saturation must give
the implications the chase gives, and everything else must go the general way unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignspec.reasoning import run_budget, saturation
from alignspec.reasoning.chase import FAILED, OK
from alignspec.reasoning.classification import Classification, classify
from alignspec.reasoning.el_fragment import MAX_DEPTH, concept_name, concept_tree, live_predicates, normal_form
from alignspec.reasoning.entailment import chase_formula, decide_implication
from alignspec.reasoning.homomorphism import find_homomorphism
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import DEFAULT_BUDGET, Atom, Axiom, AxiomKind, Budget, Theory
from alignspec.reasoning.run_budget import SearchBudgetExceeded
from alignspec.reasoning.saturation import (
    CLOCK_STRIDE,
    NOTHING,
    Saturation,
    World,
    in_fragment,
    saturate,
    search_steps,
    search_steps_by_weights,
    settled_implications,
    shape_of,
)
from alignspec.reasoning.status import Limit
from alignspec.reasoning.termination import weak_acyclicity_violation

from .build import atoms, relation_axioms, rule, theory

KINDS = ("A", "B", "C", "D")
RELATIONS = ("R", "S", "T")


@contextmanager
def saturation_off() -> Iterator[None]:
    saturation.ENABLED = False
    try:
        yield
    finally:
        saturation.ENABLED = True


def _facts(c: Classification) -> tuple:
    return (sorted(c.unsatisfiable), sorted(c.unknown), sorted(c.unknown_pairs), list(c.implications.nodes),
            list(c.implications.edges), c.classes, list(c.hasse.edges))


def both_ways(th: Theory, concepts: dict, budget: Budget = DEFAULT_BUDGET) -> tuple[Classification, Classification]:
    on = classify(th, concepts, budget)
    with saturation_off():
        off = classify(th, concepts, budget)
    assert _facts(on) == _facts(off)
    return on, off


def _concept(text: str, params: str = "x") -> tuple[tuple[str, ...], tuple[Atom, ...]]:
    return (tuple(params.split()), atoms(text))


# ---------------------------------------------------------------------------------------------
# the recogniser


@pytest.mark.parametrize("text", [
    "A(x)",
    "A(x), R(x, y), B(y)",
    "R(x, y), S(y, z), C(z), T(x, w)",
    "R(x, y), R(x, z), A(y), B(z)",
])
def test_tree_shaped_concepts_are_in_the_fragment(text):
    assert concept_tree(("x",), atoms(text)) is not None


@pytest.mark.parametrize("params, text", [
    ("x", "R(y, x)"),                       # an edge into the parameter
    ("x", "R(x, y), S(z, y)"),              # a variable reached twice
    ("x", "R(x, y), S(x, y)"),              # two edges between the same variables
    ("x", "R(x, x)"),                       # a loop
    ("x", "R(x, y), S(y, x)"),              # a cycle
    ("x", "A(x), B(y)"),                    # a part not hanging from the parameter
    ("x", "P(x, y, z)"),                    # a relation of three positions
    ("x y", "R(x, y)"),                     # two parameters
])
def test_other_concepts_are_not(params, text):
    assert concept_tree(tuple(params.split()), atoms(text)) is None


def _path(edges: int) -> str:
    return ", ".join(f"R(x{k}, x{k + 1})" for k in range(edges))


def test_a_tree_deeper_than_the_bound_is_not_in_the_fragment():
    """The normal form walks a tree level by level on the stack; a deeper one goes the general
    way (a path of 560 edges raised RecursionError)."""
    assert concept_tree(("x0",), atoms(_path(MAX_DEPTH))) is not None
    assert concept_tree(("x0",), atoms(_path(MAX_DEPTH + 1))) is None
    assert concept_tree(("x0",), atoms(_path(2_000))) is None


def test_a_concept_too_deep_for_the_fragment_keeps_its_classification():
    th = theory(relations=["R(A, A)"])
    concepts = {"deep": _concept(_path(MAX_DEPTH + 5), "x0"), "one": _concept("R(x0, x1)", "x0"),
                "shallow": _concept(_path(3), "x0")}
    on, off = both_ways(th, concepts)
    assert on.implications.has_edge("deep", "one") and on.implications.has_edge("deep", "shallow")
    assert set(on.implications.edges) == set(off.implications.edges)


IN_FRAGMENT = [
    theory(kinds=["A: B", "C: B"], disjoint=["A, C"]),
    theory(relations=["R(A, B) transitive acyclic irreflexive asymmetric"]),
    theory(relations=["R(A, B)", "S(A, B)"], rules=["sub: R(x, y) -> S(x, y)"]),
    theory(rules=["e: A(x) -> R(x, y), B(y), S(y, z)", "k: R(x, y), B(y) -> C(x)"]),
    theory(rules=["edge: R(x, y) -> S(y, w), C(w)", "range: R(x, y) -> B(y)"]),
    theory(rules=["conj: A(x), B(x), R(x, y) -> C(x)", "no: C(x), S(x, y), D(y) -> false"]),
    theory(relations=["R(A, B)", "S(B, B)", "T(A, B)"], rules=["chain: R(x, y), S(y, z) -> T(x, z)"]),
]

OUTSIDE = [
    theory(relations=["R(A, B) symmetric"]),
    theory(relations=["R(A, B) functional"]),
    theory(relations=["R(A, A) reflexive"]),
    theory(relations=["R(A, B) inverse_functional"]),
    theory(rules=["inverse: R(x, y) -> S(y, x)"]),
    theory(rules=["conditional: R(x, y), A(x) -> B(y)"]),
    theory(rules=["join: R(x, y), S(z, y) -> A(x)"]),
    theory(rules=["both: R(x, y), S(x, y) -> false"]),
    theory(rules=["loop: A(x) -> R(x, x)"]),
    theory(rules=["ternary: A(x) -> P(x, y, z)"]),
    # a composition whose ranges do not follow from those of its second relation
    theory(relations=["R(A, B)", "S(B, C)", "T(A, D)"], rules=["chain: R(x, y), S(y, z) -> T(x, z)"]),
]


@pytest.mark.parametrize("th", IN_FRAGMENT)
def test_fragment_theories_are_recognised(th):
    assert in_fragment(th)


@pytest.mark.parametrize("th", OUTSIDE)
def test_theories_outside_the_fragment_are_recognised(th):
    assert not in_fragment(th)


CONCEPTS = {
    "a": _concept("A(x)"),
    "a_r": _concept("A(x), R(x, y)"),
    "a_rb": _concept("A(x), R(x, y), B(y)"),
    "r_s": _concept("R(x, y), S(y, z)"),
    "t": _concept("T(x, y)"),
    "c": _concept("C(x)"),
    "s_c": _concept("S(x, y), C(y)"),
}


@pytest.mark.parametrize("th", IN_FRAGMENT)
def test_fragment_theories_go_the_saturation_way_with_the_same_answers(th):
    both_ways(th, CONCEPTS)
    chased = {n: chase_formula(th, CONCEPTS[n][1]) for n in CONCEPTS}
    settled = settled_implications(th, CONCEPTS, chased, DEFAULT_BUDGET)
    assert set(settled.implied) == {n for n in CONCEPTS if chased[n].status is OK}


@pytest.mark.parametrize("th", OUTSIDE)
def test_theories_outside_go_the_general_way(th):
    both_ways(th, CONCEPTS)
    chased = {n: chase_formula(th, CONCEPTS[n][1]) for n in CONCEPTS}
    assert settled_implications(th, CONCEPTS, chased, DEFAULT_BUDGET) is NOTHING


def test_an_axiom_that_cannot_fire_does_not_send_the_theory_away():
    th = theory(relations=["Q(A, B) functional symmetric", "R(A, B)"])
    concepts = {"a": _concept("A(x), R(x, y)"), "b": _concept("B(x)")}
    assert normal_form(th, {n: concept_tree(*concepts[n]) for n in concepts}) is not None
    concepts["q"] = _concept("Q(x, y)")
    assert normal_form(th, {n: concept_tree(*concepts[n]) for n in concepts}) is None


def test_concepts_outside_the_fragment_go_the_general_way_beside_those_inside():
    th = theory(relations=["R(A, B)"], rules=["k: R(x, y), B(y) -> C(x)"])
    concepts = {
        "in": _concept("A(x), R(x, y)"),
        "c": _concept("C(x)"),
        "inverse": _concept("R(y, x), A(y)"),
        "pair": _concept("R(x, y)", "x y"),
        "join": _concept("R(x, y), R(z, y), C(x)"),
    }
    on, _ = both_ways(th, concepts)
    chased = on.chased
    settled = settled_implications(th, concepts, chased, DEFAULT_BUDGET)
    assert set(settled.implied) == {"in", "c"}
    assert on.implications.has_edge("in", "c") and on.implications.has_edge("join", "c")


def test_a_pair_whose_search_could_run_out_of_steps_goes_the_general_way():
    th = theory(rules=["wide: A(x) -> R(x, y), B(y)", "wider: A(x) -> R(x, y), C(y)", "widest: A(x) -> R(x, y), D(y)"])
    concepts = {"a": _concept("A(x)"), "deep": _concept("R(x, y), R(y, z), R(z, w)")}
    chased = {n: chase_formula(th, concepts[n][1]) for n in concepts}
    settled = settled_implications(th, concepts, chased, Budget(max_search_steps=10))
    assert settled.decides("a", "deep") is None
    assert classify(th, concepts, Budget(max_search_steps=10)).implications.number_of_edges() == 0


# ---------------------------------------------------------------------------------------------
# small random theories of the fragment, and some just outside it


@st.composite
def trees(draw, root="x", depth=2, prefix="v", relations=RELATIONS):
    out = [Atom(k, (root,)) for k in draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True))]
    if depth:
        for i in range(draw(st.integers(0, 2))):
            child = f"{prefix}{i}"
            out.append(Atom(draw(st.sampled_from(relations)), (root, child)))
            out.extend(draw(trees(child, depth - 1, child + "_", relations)))
    return out


EL_SHAPES = [
    "A(x) -> B(x)", "A(x), B(x) -> C(x)", "R(x, y), A(y) -> B(x)", "R(x, y) -> A(x)", "R(x, y) -> A(y)",
    "A(x) -> R(x, y), B(y)", "R(x, y) -> S(y, w)", "R(x, y) -> S(x, y)", "R(x, y), S(y, z) -> T(x, z)",
    "R(x, y), R(y, z) -> R(x, z)", "A(x), B(x) -> false", "R(x, y), A(y) -> false", "R(x, x) -> false",
    "R(x, y), R(y, x) -> false", "A(x) -> R(x, y), S(y, z), C(z)",
]
OUTSIDE_SHAPES = [
    "R(x, y) -> R(y, x)", "R(x, y), R(x, z) -> y = z", "A(x) -> R(x, x)", "R(x, y), A(x) -> B(y)",
    "R(x, y), S(z, y) -> C(x)",
]


@st.composite
def el_axiom(draw, label: str, outside: bool) -> Axiom:
    shape = draw(st.sampled_from(EL_SHAPES + (OUTSIDE_SHAPES if outside else [])))
    kinds = draw(st.permutations(KINDS))
    relations = draw(st.permutations(RELATIONS))
    text = shape
    for old, new in [*zip("ABC", kinds), *zip("RST", relations)]:
        text = text.replace(f"{old}(", f"_{new}(")
    return rule(label, text.replace("_", ""))


@st.composite
def el_problems(draw, outside: bool = False):
    axioms: list[Axiom] = relation_axioms("R(A, B)") if draw(st.booleans()) else []
    for i in range(draw(st.integers(0, 6))):
        candidate = draw(el_axiom(f"rule {i}", outside))
        if weak_acyclicity_violation(Theory("", (*axioms, candidate))) is None:
            axioms.append(candidate)
    concepts = {f"c{i}": (("x",), tuple(dict.fromkeys(draw(trees())))) for i in range(draw(st.integers(1, 6)))}
    concepts = {n: c for n, c in concepts.items() if c[1]}
    if outside:
        concepts["inverse"] = _concept("R(y, x), A(y)")
    return Theory("", tuple(axioms)), concepts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(el_problems())
def test_saturation_agrees_with_the_chase_on_small_fragment_theories(problem):
    agrees_with_the_chase(*problem)


def agrees_with_the_chase(th: Theory, concepts: dict) -> None:
    """Classification gives the same answers either way, and saturation finds exactly the
    implications and the unsatisfiable concepts the chase decides."""
    both_ways(th, concepts)
    trees_ = {n: concept_tree(*c) for n, c in concepts.items()}
    saturated = saturate(th, trees_)
    if saturated is None:
        return
    implied, unsatisfiable = saturated
    for a in concepts:
        chased = chase_formula(th, concepts[a][1])
        assert (a in unsatisfiable) == (chased.status is FAILED)
        for b in concepts:
            rhs = [Atom(atom.pred, tuple(v if v == "x" else v + "_b" for v in atom.args)) for atom in concepts[b][1]]
            holds = decide_implication(th, concepts[a][1], rhs, justify=False, verify=False,
                                       explain=False).status.value == "holds"
            assert (b in implied[a]) == holds, (a, b)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(el_problems(), st.integers(1, 60))
def test_under_a_small_step_limit_saturation_leaves_the_same_pairs_unknown(problem, steps):
    th, concepts = problem
    both_ways(th, concepts, Budget(max_search_steps=steps))


# ---------------------------------------------------------------------------------------------
# hierarchies of relations


HIERARCHY = ("R", "S", "T", "U", "V")


@st.composite
def hierarchy_problems(draw):
    """Sub-relations among five relations (any graph: chains, diamonds, cycles), a few more
    axioms of the fragment, and tree concepts over all five relations."""
    axioms: list[Axiom] = relation_axioms("U(A, B)") if draw(st.booleans()) else []
    pairs = st.tuples(st.sampled_from(HIERARCHY), st.sampled_from(HIERARCHY))
    for below, above in draw(st.lists(pairs, max_size=8, unique=True)):
        if below != above:
            axioms.append(rule(f"{below} below {above}", f"{below}(x, y) -> {above}(x, y)", AxiomKind.SUBRELATION))
    for i in range(draw(st.integers(0, 4))):
        candidate = draw(el_axiom(f"rule {i}", False))
        if weak_acyclicity_violation(Theory("", (*axioms, candidate))) is None:
            axioms.append(candidate)
    concepts = {f"c{i}": (("x",), tuple(dict.fromkeys(draw(trees(relations=HIERARCHY)))))
                for i in range(draw(st.integers(1, 6)))}
    return Theory("", tuple(axioms)), {n: c for n, c in concepts.items() if c[1]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchy_problems())
def test_saturation_agrees_with_the_chase_under_hierarchies_of_relations(problem):
    agrees_with_the_chase(*problem)


# ---------------------------------------------------------------------------------------------
# repeated identical existentials (a chain of concepts, each adding the same edge, unfolds so)


def _again(body: tuple[Atom, ...], copies: int) -> tuple[Atom, ...]:
    """``body`` with ``copies`` more copies of everything below its root ``x``, on fresh variables."""
    renamed = (Atom(a.pred, tuple(v if v == "x" else f"{v}#{k}" for v in a.args)) for k in range(copies) for a in body)
    return tuple(dict.fromkeys((*body, *renamed)))


@st.composite
def repeated_existential_problems(draw):
    """Fragment problems whose concepts repeat their edges and subtrees on fresh variables, with
    a rule whose head repeats one edge and subtree, and a chain of concepts adding one edge each."""
    th, concepts = draw(el_problems())
    copies = draw(st.integers(1, 3))
    concepts = {name: (params, _again(body, copies)) for name, (params, body) in concepts.items()}
    kind, filler = draw(st.permutations(KINDS))[:2]
    relation = draw(st.sampled_from(RELATIONS))
    twice = rule("twice", f"{kind}(x) -> {relation}(x, y), {filler}(y), {relation}(x, z), {filler}(z)")
    if weak_acyclicity_violation(Theory("", (*th.axioms, twice))) is None:
        th = Theory("", (*th.axioms, twice))
    for i in range(draw(st.integers(0, 4))):
        concepts[f"chain{i}"] = (("x",), tuple(Atom(relation, ("x", f"y{j}")) for j in range(i + 1)))
    return th, concepts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repeated_existential_problems())
def test_saturation_agrees_with_the_chase_when_existentials_repeat(problem):
    agrees_with_the_chase(*problem)


def _repeated_chain_work(n: int) -> int:
    """The work counted by saturating ``n`` concepts, the ``i``-th with ``i`` edges ``R(x, y_j)``."""
    concepts = {f"c{i}": concept_tree(("x",), tuple(Atom("R", ("x", f"y{j}")) for j in range(i + 1)))
                for i in range(n)}
    form = normal_form(Theory("", ()), concepts)
    assert form is not None
    found = Saturation(form)
    for name in concepts:
        assert len(found.context([concept_name(name)])) > n
    return found.clock.work


def test_repeated_existentials_cost_work_quadratic_in_a_chain_of_concepts():
    # every concept implies every other, so n * n subsumers are inherent; a link per repeated edge is n ** 3
    assert _repeated_chain_work(200) <= 4.4 * _repeated_chain_work(100)


def _chain(n: int, extra: tuple[str, ...] = ()) -> Theory:
    """Relations ``R0(A, B)`` .. ``R{n-1}(A, B)``, each below the one before, and ``extra`` rules."""
    axioms = relation_axioms("R0(A, B)")
    for i in range(1, n):
        axioms += relation_axioms(f"R{i}(A, B)")
        axioms.append(rule(f"R{i} below R{i - 1}", f"R{i}(x, y) -> R{i - 1}(x, y)", AxiomKind.SUBRELATION))
    return Theory("", (*axioms, *theory(rules=extra).axioms))


def test_a_chain_and_a_diamond_of_sub_relations_classify_as_the_chase_does():
    th = _chain(40, ("left: R39(x, y) -> L(x, y)", "right: R39(x, y) -> M(x, y)", "top left: L(x, y) -> N(x, y)",
                     "top right: M(x, y) -> N(x, y)", "seen: N(x, y), B(y) -> C(x)",
                     "step: L(x, y), M(y, z) -> N(x, z)", "grow: C(x) -> R39(x, y), D(y)"))
    concepts = {"low": _concept("R39(x, y)"), "top": _concept("R0(x, y), B(y)"), "n_b": _concept("N(x, y), B(y)"),
                "c": _concept("C(x)"), "two": _concept("L(x, y), M(y, z)"), "n": _concept("N(x, y)"),
                "n_d": _concept("N(x, y), D(y)"), "middle": _concept("R20(x, y), A(x)")}
    on, _ = both_ways(th, concepts)
    for implied in ("top", "n_b", "c", "n", "middle"):
        assert on.implications.has_edge("low", implied)
    assert on.implications.has_edge("two", "n") and on.implications.has_edge("c", "n_d")
    chased = {n: chase_formula(th, concepts[n][1]) for n in concepts}
    assert set(settled_implications(th, concepts, chased, DEFAULT_BUDGET).implied) == set(concepts)
    agrees_with_the_chase(th, concepts)


def _chain_work(n: int) -> int:
    """The work counted by saturating a chain of ``n`` sub-relations for its two ends."""
    concepts = {"last": concept_tree(*_concept(f"R{n - 1}(x, y)")), "first": concept_tree(*_concept("R0(x, y)"))}
    form = normal_form(_chain(n), concepts)
    assert form is not None
    found = Saturation(form)
    assert concept_name("first") in found.context([concept_name("last")])
    assert concept_name("last") not in found.context([concept_name("first")])
    return found.clock.work


def test_a_chain_of_sub_relations_costs_work_linear_in_its_length():
    assert _chain_work(4_000) <= 2.2 * _chain_work(2_000)


def test_a_passed_deadline_stops_the_saturation_of_a_long_chain():
    n = 2 * CLOCK_STRIDE
    concepts = {"last": concept_tree(*_concept(f"R{n - 1}(x, y)")), "first": concept_tree(*_concept("R0(x, y)"))}
    with run_budget.started(Budget(), deadline=time.monotonic() - 1), pytest.raises(SearchBudgetExceeded) as stopped:
        saturate(_chain(n), concepts)
    assert stopped.value.limit is Limit.TIMEOUT


def test_a_deadline_passed_while_saturating_leaves_the_concepts_unknown(monkeypatch):
    n = 2 * CLOCK_STRIDE
    th = _chain(n)
    concepts = {"last": _concept(f"R{n - 1}(x, y)"), "first": _concept("R0(x, y)")}
    chased = {name: chase_formula(th, concepts[name][1]) for name in concepts}
    forms = []

    def late(*args, **kwargs):
        # the chases are done: the run's time runs out as the saturation starts
        run = run_budget.active()
        assert run is not None
        run.deadline = time.monotonic() - 1
        forms.append(normal_form(*args, **kwargs))
        return forms[-1]

    monkeypatch.setattr(saturation, "normal_form", late)
    budget = Budget(timeout=3_600)
    with run_budget.started(budget) as run:
        found = classify(th, concepts, budget)
    assert forms and run.exhausted is Limit.TIMEOUT
    assert found.unknown == set(concepts) and found.implications.number_of_nodes() == 0
    assert all(chased[name].status is OK for name in concepts)


@st.composite
def tree_searches(draw):
    """A tree-shaped pattern hanging from ``x`` and a world of a few entities, dense in edges."""
    pattern = tuple(dict.fromkeys(draw(trees(depth=3))))
    inst = Instance()
    nodes = [inst.add_entity(f"e{i}") for i in range(draw(st.integers(1, 5)))]
    for kind in KINDS:
        for node in nodes:
            if draw(st.booleans()):
                inst.add_fact(kind, (node,))
    for rel in RELATIONS:
        for s_node in nodes:
            for t_node in nodes:
                if draw(st.integers(0, 2)):
                    inst.add_fact(rel, (s_node, t_node))
    return pattern, inst, draw(st.sampled_from(nodes))


@settings(max_examples=300, deadline=None)
@given(tree_searches())
def test_the_search_of_a_tree_never_tries_more_candidates_than_its_bound(search):
    pattern, inst, root = search
    if not pattern:
        return
    shape = shape_of(("x",), pattern)
    degree = max((len(inst.successors(r, n)) for r in shape.relations for n in inst.entities()), default=0)
    bound = search_steps(shape, degree, 10**12)
    weighed = search_steps_by_weights(shape, World.of(inst), 10**12)
    assert weighed <= bound
    # The search raises once it has tried more candidates than its limit: with the bound as its
    # limit it must end, whether the pattern maps or not.
    find_homomorphism(pattern, inst, {"x": root}, budget_steps=weighed)


def test_the_bound_counts_variables_not_atoms():
    # one edge and many kinds below it: one level binds, the others check one candidate each
    shape = shape_of(("x",), atoms("R(x, y), A(y), B(y), C(y), D(y)"))
    assert search_steps(shape, 10, 10**6) == 10 * 5
    # the degree of relations the concept does not use does not count
    th = theory(rules=["many: A(x) -> S(x, y), S(x, z), S(x, w)"])
    concepts = {"a": _concept("A(x), R(x, y)"), "b": _concept("R(x, y), R(y, z), R(z, w)")}
    chased = {n: chase_formula(th, concepts[n][1]) for n in concepts}
    settled = settled_implications(th, concepts, chased, Budget(max_search_steps=4))
    assert settled.decides("a", "b") is False


def test_a_bound_per_variable_settles_what_the_degree_alone_does_not():
    # three T edges out of the root, and an R chain that has one edge out of each entity
    chain = ", ".join(f"R(y{i}, y{i + 1})" for i in range(1, 6))
    concepts = {"a": _concept(f"T(x, t1), T(x, t2), T(x, t3), R(x, y1), {chain}"),
                "b": _concept(f"T(x, t), R(x, y1), {chain}")}
    th = Theory("", ())
    budget = Budget(max_search_steps=100)
    chased = {n: chase_formula(th, concepts[n][1]) for n in concepts}
    settled = settled_implications(th, concepts, chased, budget)
    shape = settled.shapes["b"]
    assert search_steps(shape, 3, 10**6) > 100
    assert search_steps_by_weights(shape, settled.worlds["a"], 10**6) <= 100
    assert settled.decides("a", "b") is True
    on, _ = both_ways(th, concepts, budget)
    assert on.implications.has_edge("a", "b")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(el_problems(outside=True))
def test_theories_just_outside_the_fragment_keep_their_classification(problem):
    th, concepts = problem
    both_ways(th, concepts)


def test_shapes_outside_the_fragment_are_refused_one_by_one():
    for shape in OUTSIDE_SHAPES:
        assert not in_fragment(Theory("", (rule("r", shape),))), shape
    for shape in EL_SHAPES:
        assert in_fragment(Theory("", (rule("r", shape),))), shape


def test_kind_names_cannot_clash_with_internal_names():
    th = Theory("", (Axiom("k", AxiomKind.SUBKIND, atoms("top(x)"), atoms("bottom(x)")),))
    concepts = {"t": _concept("top(x)"), "b": _concept("bottom(x)"), "a": _concept("A(x)")}
    on, _ = both_ways(th, concepts)
    assert on.implications.has_edge("t", "b") and not on.unsatisfiable


def _live_by_rounds(theory, used):
    """The definition of the live predicates: heads of axioms whose body is live, to a fixpoint."""
    live = set(used)
    changed = True
    while changed:
        changed = False
        for axiom in theory.axioms:
            if axiom.kind is not AxiomKind.ACYCLIC and all(a.pred in live for a in axiom.body) \
                    and not {a.pred for a in axiom.head} <= live:
                live.update(a.pred for a in axiom.head)
                changed = True
    return live


_PREDS = st.sampled_from("ABCDEFG")
_ATOMS = st.lists(_PREDS.map(lambda p: Atom(p, ("x",))), max_size=3).map(tuple)


@given(st.lists(st.tuples(_ATOMS, _ATOMS), max_size=12), st.sets(_PREDS, max_size=3))
def test_live_predicates_are_those_of_the_fixpoint(rules, used):
    axioms = tuple(Axiom(f"r{i}", AxiomKind.RULE, body, head) for i, (body, head) in enumerate(rules))
    theory = Theory("F", axioms)
    assert live_predicates(theory, used) == _live_by_rounds(theory, used)
