
from hypothesis import given, settings

from alignspec.reasoning import modelcheck
from alignspec.reasoning.chase import chase
from alignspec.reasoning.homomorphism import find_homomorphism
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import Atom, AxiomKind, Budget, Theory
from alignspec.reasoning.status import Limit

from .build import atoms, rule, theory
from .strategies import instances, weakly_acyclic_theories

SMALL = Budget(max_entities=300, max_facts=3000, max_search_steps=200_000)


def _as_pattern(inst: Instance) -> list[Atom]:
    return [Atom(p, tuple(f"n{a}" for a in args)) for p, args in inst.facts()]


def homomorphically_equivalent(i1: Instance, i2: Instance, common: list[int]) -> bool:
    """Each maps into the other, fixing the entities both started with."""
    fix = {f"n{n}": n for n in common}
    return (find_homomorphism(_as_pattern(i1), i2, {k: i2.find(v) for k, v in fix.items() if v in i1.graph})
            is not None and
            find_homomorphism(_as_pattern(i2), i1, {k: i1.find(v) for k, v in fix.items() if v in i2.graph})
            is not None)


def naive_chase(inst: Instance, th: Theory, max_rounds: int = 50) -> str:
    """Apply every axiom to every match (found by brute force) until nothing changes."""
    for _ in range(max_rounds):
        changed = False
        for ax in th.axioms:
            if ax.kind is AxiomKind.ACYCLIC:
                continue
            for m in list(modelcheck._assignments(list(ax.body), inst.facts(), {})):
                m = {v: inst.find(n) for v, n in m.items()}
                if ax.is_false:
                    return "failed"
                if ax.equality is not None:
                    x, y = m[ax.equality[0]], m[ax.equality[1]]
                    if x != y:
                        if inst.is_named(x) and inst.is_named(y):
                            return "failed"
                        inst.merge(min(x, y), max(x, y), ax)
                        changed = True
                    continue
                if modelcheck.holds(ax.head, inst, m):
                    continue
                for v in ax.existential_variables():
                    m[v] = inst.add_entity(v)
                for a in ax.head:
                    inst.add_fact(a.pred, tuple(m[v] for v in a.args))
                changed = True
        if not changed:
            return "ok" if not modelcheck.violations(inst, th) else "failed"
    return "budget"


@settings(max_examples=120, deadline=None)
@given(weakly_acyclic_theories(), instances(max_entities=3))
def test_chase_result_satisfies_every_axiom(th, inst):
    result = chase(inst, th, SMALL)
    if result.status == "ok":
        assert modelcheck.violations(result.instance, th) == []
        out = result.instance
        assert all(out.has_fact(p, tuple(map(out.find, args))) for p, args in inst.facts())
    if result.status == "failed":
        assert result.failure.axiom in th.axioms


@settings(max_examples=120, deadline=None)
@given(weakly_acyclic_theories(), instances(max_entities=3))
def test_semi_naive_agrees_with_naive(th, inst):
    result = chase(inst, th, SMALL)
    naive = inst.copy()
    status = naive_chase(naive, th)
    if result.status == "budget" or status == "budget":
        return
    assert result.status == status
    if status == "ok":
        common = inst.entities()
        assert homomorphically_equivalent(result.instance, naive, common)
        if all(not a.existential_variables() for a in th.axioms):
            assert set(result.instance.facts()) == set(naive.facts())


@settings(max_examples=80, deadline=None)
@given(weakly_acyclic_theories(), instances(max_entities=3))
def test_provenance_walks_back_to_given_facts(th, inst):
    result = chase(inst, th, SMALL)
    out = result.instance
    given = set(inst.facts())
    labels = {a.label for a in th.axioms}
    for fact in out.facts():
        assert out.given_facts([fact]) or not given
        assert set(out.given_facts([fact])) <= given
        assert out.axioms_used([fact]) <= labels
        d = out.derivation(fact)
        if d.is_given:
            assert fact in given
        elif d.merged is None:
            assert d.axiom.label in labels


@settings(max_examples=60, deadline=None)
@given(weakly_acyclic_theories(), instances(max_entities=3))
def test_chase_is_deterministic(th, inst):
    r1, r2 = chase(inst, th, SMALL), chase(inst.copy(), th, SMALL)
    assert r1.status == r2.status and r1.failure == r2.failure
    assert r1.instance.facts() == r2.instance.facts()
    assert [r1.instance.label(n) for n in r1.instance.entities()] == \
           [r2.instance.label(n) for n in r2.instance.entities()]


def _inst(text: str, named: bool = False) -> tuple[Instance, dict[str, int]]:
    inst, ids = Instance(), {}
    for a in atoms(text):
        for v in a.args:
            if v not in ids:
                ids[v] = inst.add_entity(v, named)
        inst.add_fact(a.pred, tuple(ids[v] for v in a.args))
    return inst, ids


def test_restricted_chase_does_not_fire_satisfied_existentials():
    th = theory(rules=["has_goal: Agent(a) -> optimizes(a, g)"])
    inst, ids = _inst("Agent(x), optimizes(x, o), Agent(y)")
    result = chase(inst, th)
    assert result.status == "ok"
    assert result.fired == {"has_goal": 1}
    out = result.instance
    assert out.num_entities() == 4
    fresh = [n for n in out.entities() if n not in ids.values()]
    assert [out.label(n) for n in fresh] == ["g"]
    assert list(out.successors("optimizes", ids["x"])) == [ids["o"]]


def test_fresh_labels_are_unique():
    th = theory(rules=["r: A(a) -> R(a, b), B(b)", "s: B(b) -> S(b, b2)"])
    inst, _ = _inst("A(b), A(c)")
    out = chase(inst, th).instance
    assert [out.label(n) for n in out.entities()] == ["b", "c", "b_2", "b_3", "b2", "b2_2"]


def test_equality_merges_and_keeps_provenance():
    th = theory(relations=["optimizes(Optimizer, Objective) functional"])
    inst, ids = _inst("optimizes(o, g1), optimizes(o, g2), Good(g2)")
    result = chase(inst, th)
    out = result.instance
    assert result.status == "ok"
    assert out.num_entities() == 2
    g = out.find(ids["g2"])
    assert out.find(ids["g1"]) == g == ids["g1"]
    assert out.has_fact("Good", (g,))
    d = out.derivation(("Good", (g,)))
    assert d.merged == (ids["g1"], ids["g2"]) and d.axiom.label == "relation optimizes functional"
    assert d.premises[0] == ("Good", (ids["g2"],))
    assert out.axioms_used([("Good", (g,))]) == {"relation optimizes functional"}
    assert out.given_facts([("Good", (g,))]) == [("optimizes", (ids["o"], ids["g1"])),
                                                 ("optimizes", (ids["o"], ids["g2"])), ("Good", (ids["g2"],))]
    assert modelcheck.violations(out, th) == []


def test_merging_two_named_entities_fails():
    th = theory(relations=["optimizes(Optimizer, Objective) functional"])
    inst, ids = _inst("optimizes(o, g1), optimizes(o, g2)", named=True)
    result = chase(inst, th)
    assert result.status == "failed"
    assert result.failure.axiom.label == "relation optimizes functional"
    assert set(result.failure.facts) == {("optimizes", (ids["o"], ids["g1"])), ("optimizes", (ids["o"], ids["g2"]))}


def test_named_entity_survives_a_merge_with_an_unnamed_one():
    th = theory(relations=["optimizes(Optimizer, Objective) functional"])
    inst = Instance()
    o, g = inst.add_entity("o", True), inst.add_entity("g", True)
    u = inst.add_entity("u")
    inst.add_fact("optimizes", (o, u))
    inst.add_fact("optimizes", (o, g))
    out = chase(inst, th).instance
    assert out.find(u) == g and out.label(g) == "g" and out.is_named(g)


def test_acyclic_cycle_fails_with_the_cycle():
    th = theory(relations=["trains(Optimizer, Model) acyclic"])
    inst, ids = _inst("trains(a, b), trains(b, c), trains(c, a), trains(x, a)")
    result = chase(inst, th)
    assert result.status == "failed" and result.failure.axiom.kind is AxiomKind.ACYCLIC
    assert len(result.failure.facts) == 3
    assert {f[1] for f in result.failure.facts} == {(ids["a"], ids["b"]), (ids["b"], ids["c"]), (ids["c"], ids["a"])}
    loop, _ = _inst("trains(a, a)")
    assert chase(loop, th).status == "failed"
    line, _ = _inst("trains(a, b), trains(b, c)")
    assert chase(line, th).status == "ok"


def test_cycle_made_by_a_merge_fails():
    th = theory(relations=["trains(Optimizer, Model) inverse_functional acyclic"])
    inst, _ = _inst("trains(a, b), trains(b, c), trains(c, d), trains(a, d)")
    assert chase(inst, th).status == "failed"


def test_denial_reports_its_body_facts():
    th = theory(kinds=["Heuristic: Model"], disjoint=["Heuristic, Optimizer"],
                rules=["mesa: trains(b, a) -> Optimizer(a)"])
    inst, ids = _inst("Heuristic(p), trains(s, p)")
    result = chase(inst, th)
    assert result.status == "failed"
    assert result.failure.axiom.label == "disjoint Heuristic, Optimizer"
    assert set(result.failure.facts) == {("Heuristic", (ids["p"],)), ("Optimizer", (ids["p"],))}
    assert result.instance.axioms_used(result.failure.facts) == {"mesa"}


def test_non_terminating_rules_stop_at_the_budget():
    th = theory(rules=["r: Model(a) -> builds(a, b), Model(b)"])
    inst, _ = _inst("Model(m)")
    result = chase(inst, th, Budget(max_entities=500))
    assert result.status == "budget" and result.limit is Limit.ENTITIES
    assert inst.num_entities() == 1


def test_join_work_is_bounded():
    th = Theory("", (rule("cross", "R(x, y), R(z, w), R(u, v) -> T(x)"),))
    inst = Instance()
    nodes = [inst.add_entity(f"n{i}") for i in range(400)]
    for i, n in enumerate(nodes):
        inst.add_fact("R", (n, nodes[(i + 1) % 400]))
    result = chase(inst, th, Budget(max_search_steps=1000))
    assert result.status == "budget"


def test_failure_found_before_the_budget_is_reported():
    th = theory(relations=["builds(Model, Model) acyclic"], rules=["r: Model(a) -> builds(a, b), Model(b)"])
    inst, _ = _inst("builds(m, m)")
    assert chase(inst, th, Budget(max_entities=50)).status == "failed"


def test_input_instance_is_not_changed():
    th = theory(rules=["r: A(x) -> B(x)"])
    inst, _ = _inst("A(a)")
    chase(inst, th)
    assert inst.facts() == [("A", (0,))]


def test_a_scenario_of_thousands_of_facts_chases_to_its_fixpoint():
    th = theory(kinds=["MesaOptimizer: Model, Optimizer"],
                relations=["trains(Optimizer, Model) inverse_functional acyclic",
                           "behavioral_objective(Model, Objective) functional",
                           "mesa_objective(MesaOptimizer, Objective) functional",
                           "aligned_with(Objective, Objective) reflexive"],
                rules=["trained_is_mesa: trains(b, a) -> MesaOptimizer(a)",
                       "behavior_is_mesa: MesaOptimizer(a), behavioral_objective(a, o) -> mesa_objective(a, o)",
                       "goal: Model(a) -> optimizes(a, g)"])
    inst = Instance()
    n = 2_500
    models = [inst.add_entity(f"m{i}", named=True) for i in range(n)]
    objectives = [inst.add_entity(f"o{i}", named=True) for i in range(n)]
    for i in range(n):
        inst.add_fact("trains", (models[i // 2], models[i])) if i else None
        inst.add_fact("behavioral_objective", (models[i], objectives[i]))
        inst.add_fact("aligned_with", (objectives[i], objectives[(i * 7) % n]))
        inst.add_fact("Model", (models[i],))
    assert inst.num_facts() >= 9_900
    result = chase(inst, th, Budget(max_facts=1_000_000, max_entities=1_000_000), copy=False)
    assert result.status == "ok"
    assert len(inst.members("MesaOptimizer")) == n - 1 and len(inst.pairs("optimizes")) == n


def test_answers_cite_the_axioms_of_the_theory_given():
    import dataclasses
    base = theory(disjoint=["A, B"])
    first = Theory("", tuple(dataclasses.replace(a, origin="first.align") for a in base.axioms))
    second = Theory("", tuple(dataclasses.replace(a, origin="second.align") for a in base.axioms))
    inst, _ = _inst("A(x), B(x)")
    assert chase(inst, first).failure.axiom.origin == "first.align"
    assert chase(inst, second).failure.axiom.origin == "second.align"
