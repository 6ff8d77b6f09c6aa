"""kind-mismatch: a variable or individual forced into disjoint kinds by how it is used."""

from __future__ import annotations

from types import SimpleNamespace

from _model_support import at, found, one, places, related_places, run, write
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.diagnostics import Span
from alignspec.model.kinds import Forcing, KindTable, find_mismatches
from alignspec.model.symbols import KindSym

KINDS = """
        kind Agent
        kind Robot: Agent
        kind Objective
        disjoint Agent, Objective
        relation pursues(Agent, Objective)
        relation likes(Agent, Agent)
"""


def test_relation_signatures_force_disjoint_kinds(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Agent) := pursues(x, y), likes(y, z)
        claim: satisfiable c
    """)
    result = run(spec)
    mismatch = one(result, "kind-mismatch", *at(spec, "likes(y, z)"))
    assert places(result, "kind-mismatch") == [at(spec, "likes(y, z)")]
    assert related_places(mismatch) == [at(spec, "pursues(x, y)"), at(spec, "likes(y, z)")]
    assert "'y'" in mismatch.message


def test_subkind_of_a_disjoint_kind(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Robot) := Objective(x)
        claim: satisfiable c
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "Objective(x)")]
    assert related_places(found(result, "kind-mismatch")[0]) == [at(spec, "x: Robot"), at(spec, "Objective(x)")]


def test_kind_whose_parents_are_disjoint(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        kind Chimera: Robot, Objective
        concept c(x: Agent) := likes(x, y), Chimera(y)
        claim: satisfiable c
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "Chimera(y)")]


def test_concept_parameters_force_kinds(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept goal_directed(x: Agent) := pursues(x, o)
        concept wrong(o: Objective) := goal_directed(o)
        concept wrong2(a: Agent) := pursues(a, o), goal_directed(o)
        claim: satisfiable wrong
        claim: satisfiable wrong2
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "goal_directed(o)"), at(spec, "goal_directed(o)", 2)]
    assert related_places(one(result, "kind-mismatch", *at(spec, "goal_directed(o)"))) == [
        at(spec, "o: Objective"), at(spec, "goal_directed(o)")]
    assert related_places(one(result, "kind-mismatch", *at(spec, "goal_directed(o)", 2))) == [
        at(spec, "pursues(a, o)"), at(spec, "goal_directed(o)", 2)]


def test_no_mismatch_for_compatible_kinds(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Robot) := pursues(x, o), likes(x, y), Agent(y), pursues(y, o)
        claim: satisfiable c
    """)
    assert found(run(spec), "kind-mismatch") == []


def test_in_a_rule(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Agent) := pursues(x, o)
        framing f {
            rule bad_head: pursues(a, b) -> likes(b, a)
            rule bad_body: pursues(a, b), Agent(b) -> false
            rule fine: likes(a, b) -> likes(b, a)
        }
        claim under f: satisfiable c
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "likes(b, a)"), at(spec, "Agent(b)")]
    assert related_places(one(result, "kind-mismatch", *at(spec, "Agent(b)"))) == [
        at(spec, "pursues(a, b), Agent"), at(spec, "Agent(b)")]


def test_in_a_claim(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept goal_directed(x: Agent) := pursues(x, o)
        concept goal(o: Objective) := pursues(a, o)
        claim atoms: pursues(a, b), likes(b, c) implies goal_directed(a)
        claim across: pursues(a, b) implies goal_directed(b)
        claim bare: goal_directed implies goal
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [
        at(spec, "likes(b, c)"), at(spec, "goal_directed(b)"), at(spec, "goal\n")]
    assert related_places(one(result, "kind-mismatch", *at(spec, "goal\n"))) == [
        at(spec, "goal_directed implies"), at(spec, "goal\n")]


def test_scenario_individual_declared_as_one_kind_used_as_another(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept goal_directed(x: Agent) := pursues(x, o)
        scenario s {
            Robot bob
            Objective goal
            pursues(bob, goal)
            likes(bob, goal)
            Objective(bob)
            expect goal_directed(bob)
        }
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "likes(bob, goal)"), at(spec, "Objective(bob)")]
    goal = one(result, "kind-mismatch", *at(spec, "likes(bob, goal)"))
    assert "'goal'" in goal.message
    assert related_places(goal) == [at(spec, "goal\n"), at(spec, "likes(bob, goal)")]
    bob = one(result, "kind-mismatch", *at(spec, "Objective(bob)"))
    assert related_places(bob) == [at(spec, "bob\n"), at(spec, "Objective(bob)")]


def test_not_reported_for_expectations(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept goal_directed(x: Agent) := pursues(x, o)
        scenario s {
            Agent bob
            Objective goal
            pursues(bob, goal)
            expect goal_directed(goal)
            expect not likes(goal, bob)
            expect not Agent(goal)
        }
    """)
    assert found(run(spec), "kind-mismatch") == []


def test_not_reported_for_a_concept_claimed_unsatisfiable(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        framing f
        concept impossible(x: Agent) := Objective(x)
        concept also_impossible(x: Agent) := Objective(x)
        claim under f: unsatisfiable impossible
        claim: satisfiable also_impossible
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "Objective(x)", 2)]


def test_claim_about_an_imported_concept_does_not_acknowledge_a_local_one(tmp_path):
    write(tmp_path, "other.align", KINDS + """
        concept impossible(x: Agent) := likes(x, y)
    """)
    spec = write(tmp_path, "main.align", KINDS + """
        import "other.align" as O
        concept impossible(x: Agent) := Objective(x)
        claim: unsatisfiable O.impossible
        claim: satisfiable impossible
    """)
    assert places(run(spec), "kind-mismatch") == [at(spec, "Objective(x)")]


def test_not_reported_from_framing_rules_consequences(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept goal_directed(x: Agent) := pursues(x, o)
        framing f {
            rule objectives_act: Objective(o) -> Agent(o)
        }
        claim under f: satisfiable goal_directed
        scenario s under f {
            Agent bob
            Objective goal
            pursues(bob, goal)
        }
    """)
    result = run(spec)
    rule_line = at(spec, "rule objectives_act")[0]
    assert places(result, "kind-mismatch") == [at(spec, "Agent(o)")]
    assert all(d.span.line == rule_line for d in found(result, "kind-mismatch"))


def test_each_variable_reported_once(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Agent) := Objective(x), Objective(x), pursues(y, x), Agent(y), Objective(y)
        claim: satisfiable c
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "Objective(x)"), at(spec, "Objective(y)")]


def test_rule_equating_variables_of_disjoint_kinds(tmp_path):
    spec = write(tmp_path, "s.align", KINDS + """
        concept c(x: Agent) := pursues(x, o)
        framing f {
            rule merge: pursues(a, o) -> a = o
            rule fine: likes(a, b), likes(b, a) -> a = b
        }
        claim under f: satisfiable c
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [at(spec, "a = o")]
    assert related_places(found(result, "kind-mismatch")[0]) == [at(spec, "pursues(a, o) ->")] * 2


def test_disjointness_declared_in_an_imported_spec(tmp_path):
    write(tmp_path, "base.align", KINDS)
    spec = write(tmp_path, "main.align", """
        import "base.align" as B
        kind Drone: B.Robot
        disjoint Drone, Tool
        kind Tool
        relation uses(B.Agent, Tool)
        concept c(x: Drone) := B.pursues(x, g), B.likes(g, y)
        concept d(x: Drone) := uses(x, y), Drone(y)
        concept e(x: Drone) := B.Objective(x)
        concept fine(x: Drone) := uses(x, t), B.pursues(x, g)
        claim: satisfiable c
        claim: satisfiable d
        claim: satisfiable e
        claim: satisfiable fine
    """)
    result = run(spec)
    assert places(result, "kind-mismatch") == [
        at(spec, "B.likes(g, y)"), at(spec, "Drone(y)"), at(spec, "B.Objective(x)")]


# ---- the first clashing pair per variable, against the quadratic definition ----------------------


def _first_pairs_by_definition(table, forcings):
    by_var: dict[str, list] = {}
    for forcing in forcings:
        by_var.setdefault(forcing.var, []).append(forcing)
    found = []
    for items in by_var.values():
        pair = next(((earlier, later) for j, later in enumerate(items) for earlier in items[: j + 1]
                     if table.clash(earlier.kind, later.kind) is not None), None)
        if pair is not None:
            found.append((*pair, *table.clash(pair[0].kind, pair[1].kind)))
    return found


@settings(max_examples=150, deadline=None)
@given(parents=st.lists(st.integers(0, 4), min_size=5, max_size=5),
       disjoint=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=4),
       uses=st.lists(st.tuples(st.sampled_from("xyz"), st.integers(0, 4)), max_size=30))
def test_first_clash_per_variable_matches_the_definition(parents, disjoint, uses):
    span = Span("k.align", 1, 1, 1, 2)
    unit = SimpleNamespace(disjoints=[])
    kinds = [KindSym(f"K{i}", unit, span) for i in range(5)]
    for i, parent in enumerate(parents):
        if parent < i:                                    # an acyclic hierarchy
            kinds[i].parents.append(kinds[parent])
    unit.disjoints = [SimpleNamespace(members=[kinds[a], kinds[b]]) for a, b in disjoint if a != b]
    table = KindTable([unit])
    forcings = [Forcing(var, kinds[k], span, f"use {n}") for n, (var, k) in enumerate(uses)]
    assert find_mismatches(table, forcings) == _first_pairs_by_definition(table, forcings)


# ---- disjointness kept per statement, against the pairs it stands for ----------------------------


def _declared_pairs(unit) -> set[frozenset[int]]:
    return {frozenset((id(a), id(b))) for group in unit.disjoints for i, a in enumerate(group.members)
            for b in group.members[i + 1:]}


def _clash_by_pairs(table, pairs, a, b):
    """The nearest ancestor of ``a`` declared disjoint from an ancestor of ``b``, and the nearest
    such ancestor of ``b``, by trying every pair."""
    for x in table.ancestors(a):
        for y in table.ancestors(b):
            if y is not x and frozenset((id(x), id(y))) in pairs:
                return x, y
    return None


@settings(max_examples=300, deadline=None)
@given(parents=st.lists(st.lists(st.integers(0, 7), max_size=2), min_size=8, max_size=8),
       groups=st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=6), max_size=4))
def test_disjointness_and_clashes_match_the_declared_pairs(parents, groups):
    span = Span("k.align", 1, 1, 1, 2)
    unit = SimpleNamespace(disjoints=[])
    kinds = [KindSym(f"K{i}", unit, span) for i in range(8)]
    for i, chosen in enumerate(parents):
        kinds[i].parents.extend(kinds[p] for p in dict.fromkeys(chosen) if p != i)   # cycles allowed
    unit.disjoints = [SimpleNamespace(members=[kinds[k] for k in group]) for group in groups]
    table = KindTable([unit])
    pairs = _declared_pairs(unit)
    for a in kinds:
        for b in kinds:
            assert table.disjoint(a, b) == (a is not b and frozenset((id(a), id(b))) in pairs)
            assert table.clash(a, b) == _clash_by_pairs(table, pairs, a, b)
