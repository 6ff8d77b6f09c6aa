"""unknown-name, duplicate-name and arity-mismatch."""

from __future__ import annotations

from _model_support import at, found, one, places, related_places, run, write

BASE = """
        kind Agent
        kind Objective
        relation pursues(Agent, Objective)
"""


# unknown-name

def test_unknown_kind_in_parent_parameter_and_signature(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        kind Objective
        kind Robot: Agnet
        relation pursues(Agent, Objectiv)
        concept c(x: Agentt) := Agent(x)
        claim: satisfiable c
        scenario s {
            Agnt bob
        }
    """)
    result = run(spec)
    expected = [at(spec, "Agnet"), at(spec, "Objectiv)"), at(spec, "Agentt"), at(spec, "Agnt bob")]
    assert places(result, "unknown-name") == expected
    assert "'Agent'" in one(result, "unknown-name", *at(spec, "Agnet")).help
    assert "'Objective'" in one(result, "unknown-name", *at(spec, "Objectiv)")).help
    assert "'Agent'" in one(result, "unknown-name", *at(spec, "Agnt bob")).help


def test_unknown_relation_and_concept_in_atoms(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursue(x, o)
        concept c(x: Agent) := goal_direct(x), unrelated_thing(x)
        framing f {
            rule r: pursues(a, o) -> goal_drected(a)
        }
        claim: c implies goal_directed
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [
        at(spec, "pursue(x"), at(spec, "goal_direct(x"), at(spec, "unrelated_thing"), at(spec, "goal_drected"),
    ]
    assert "'pursues'" in one(result, "unknown-name", *at(spec, "pursue(x")).help
    assert "'goal_directed'" in one(result, "unknown-name", *at(spec, "goal_direct(x")).help
    assert "'goal_directed'" in one(result, "unknown-name", *at(spec, "goal_drected")).help
    assert "did you mean" not in one(result, "unknown-name", *at(spec, "unrelated_thing")).help


def test_unknown_concept_in_claims(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
        claim: goal_directed implies goal_directd
        claim: satisfiable goal_driven
        claim: goal_directed(a) implies pursues(a, o), goal_dirceted(a)
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [
        at(spec, "goal_directd"), at(spec, "goal_driven"), at(spec, "goal_dirceted")]
    for needle in ("goal_directd", "goal_driven", "goal_dirceted"):
        assert "'goal_directed'" in one(result, "unknown-name", *at(spec, needle)).help


def test_name_of_the_wrong_sort_is_unknown_in_that_role(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
        framing f
        concept c(x: goal_directed) := Agent(x)
        claim under Agent: Objective implies goal_directed
        claim under f: satisfiable goal_directed
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [
        at(spec, "goal_directed) :="), at(spec, "Agent:"), at(spec, "Objective implies")]
    wrong = one(result, "unknown-name", *at(spec, "Objective implies"))
    assert related_places(wrong) == [at(spec, "Objective")]


def test_unknown_framing(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
        framing hubinger "the first framing"
        framing harris extends hubinegr
        claim under hubinger2020: satisfiable goal_directed
        scenario s under harri {
            Agent bob
        }
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [at(spec, "hubinegr"), at(spec, "hubinger2020"), at(spec, "harri {")]
    assert "'hubinger'" in one(result, "unknown-name", *at(spec, "hubinegr")).help
    assert "'hubinger'" in one(result, "unknown-name", *at(spec, "hubinger2020")).help
    assert "'harris'" in one(result, "unknown-name", *at(spec, "harri {")).help


def test_unknown_individual_in_facts_and_expectations(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
        scenario s {
            Agent alice, bob
            Objective goal
            pursues(alcie, goal)
            pursues(carol, goal)
            expect goal_directed(bbo)
        }
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [at(spec, "alcie"), at(spec, "carol"), at(spec, "bbo")]
    assert "'alice'" in one(result, "unknown-name", *at(spec, "alcie")).help
    assert "'bob'" in one(result, "unknown-name", *at(spec, "bbo")).help
    carol = one(result, "unknown-name", *at(spec, "carol"))
    assert "did you mean" not in carol.help
    assert "Model" not in carol.help      # the hint names a kind of this spec, not an invented one


def test_unknown_import_alias_and_qualified_name(tmp_path):
    write(tmp_path, "base.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
    """)
    spec = write(tmp_path, "main.align", """
        import "base.align" as Base
        kind Robot: Base.Agent
        concept c(x: Robot) := Base.goal_directd(x), Bsae.pursues(x, o), Q.pursues(x, o)
        claim: satisfiable c
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [
        at(spec, "Base.goal_directd"), at(spec, "Bsae.pursues"), at(spec, "Q.pursues")]
    assert "'Base.goal_directed'" in one(result, "unknown-name", *at(spec, "Base.goal_directd")).help
    assert "Base" in one(result, "unknown-name", *at(spec, "Bsae.pursues")).help


def test_qualified_names_resolve_and_unqualified_do_not(tmp_path):
    write(tmp_path, "base.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
    """)
    spec = write(tmp_path, "main.align", """
        import "base.align" as P
        kind Robot: P.Agent
        concept c(x: Robot) := P.goal_directed(x), P.pursues(x, o)
        concept d(x: Robot) := goal_directed(x)
        claim: c implies d
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [at(spec, "goal_directed(x)", 2)]
    assert "'P.goal_directed'" in found(result, "unknown-name")[0].help


# duplicate-name

def test_duplicate_names_point_at_both_declarations(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        relation Agent(Agent, Objective)
        concept c(x: Agent) := pursues(x, o)
        framing f {
            rule c: pursues(a, o) -> Agent(a)
        }
        framing f
        claim f: satisfiable c
        scenario Objective {
            Agent bob
        }
    """)
    result = run(spec)
    expected = {
        at(spec, "Agent(Agent"): at(spec, "Agent"),
        at(spec, "c: pursues"): at(spec, "c(x"),
        at(spec, "f\n"): at(spec, "f {"),
        at(spec, "f: satisfiable"): at(spec, "f {"),
        at(spec, "Objective {"): at(spec, "Objective"),
    }
    assert places(result, "duplicate-name") == sorted(expected)
    for place, first in expected.items():
        assert related_places(one(result, "duplicate-name", *place)) == [first]


def test_duplicate_parameter_individual_and_property(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        relation likes(Agent, Agent) symmetric symmetric
        concept c(x: Agent, x: Agent) := likes(x, x)
        claim: satisfiable c
        scenario s {
            Agent bob
            Objective bob
        }
    """)
    result = run(spec)
    assert places(result, "duplicate-name") == [
        at(spec, "symmetric", 2), at(spec, "x: Agent)"), at(spec, "bob", 2)]
    assert related_places(one(result, "duplicate-name", *at(spec, "symmetric", 2))) == [at(spec, "symmetric")]
    assert related_places(one(result, "duplicate-name", *at(spec, "x: Agent)"))) == [at(spec, "x: Agent,")]
    assert related_places(one(result, "duplicate-name", *at(spec, "bob", 2))) == [at(spec, "bob")]


def test_duplicate_with_an_imported_declaration(tmp_path):
    base = write(tmp_path, "base.align", BASE)
    other = write(tmp_path, "other.align", "kind Objective\n")
    spec = write(tmp_path, "main.align", """
        import "base.align"
        kind Agent
        concept c(x: Agent) := pursues(x, o)
        claim: satisfiable c
    """)
    result = run(spec)
    duplicate = one(result, "duplicate-name", *at(spec, "Agent"))
    assert duplicate.span.file == str(spec)
    assert [(r.span.file, r.span.line, r.span.column) for r in duplicate.related] == [
        (str(base), *at(base, "Agent"))]
    spec2 = write(tmp_path, "main2.align", """
        import "base.align"
        import "other.align"
        concept c(x: Agent) := pursues(x, o)
        claim: satisfiable c
    """)
    result = run(spec2)
    duplicate = one(result, "duplicate-name", *at(spec2, '"other.align"'))
    assert sorted((r.span.file, r.span.line, r.span.column) for r in duplicate.related) == sorted([
        (str(base), *at(base, "Objective")), (str(other), *at(other, "Objective"))])


def test_aliased_imports_do_not_clash(tmp_path):
    write(tmp_path, "base.align", BASE)
    write(tmp_path, "other.align", "kind Objective\nkind Agent\n")
    spec = write(tmp_path, "main.align", """
        import "base.align" as B
        import "other.align" as O
        kind Agent
        concept c(x: Agent) := O.Agent(x)
        concept d(x: B.Agent) := B.pursues(x, o)
        claim: c implies d
    """)
    assert found(run(spec), "duplicate-name") == []


# arity-mismatch

def test_arity_of_kinds_relations_and_concepts(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept one(x: Agent) := pursues(x, o)
        concept two(x: Agent, o: Objective) := pursues(x, o)
        concept bad(x: Agent) := Agent(x, x), pursues(x), two(x), one(x, x), one(x)
        framing f {
            rule r: Agent(a, b) -> pursues(a)
        }
        claim: bad(x) implies two(x)
        scenario s {
            Agent bob
            Objective goal
            pursues(bob)
            pursues(bob, goal)
            expect two(bob)
        }
    """)
    result = run(spec)
    assert places(result, "arity-mismatch") == [
        at(spec, "Agent(x, x)"), at(spec, "pursues(x)"), at(spec, "two(x)"), at(spec, "one(x, x)"),
        at(spec, "Agent(a, b)"), at(spec, "pursues(a)"),
        at(spec, "two(x)", 2),
        at(spec, "pursues(bob)"), at(spec, "two(bob)"),
    ]
    assert related_places(one(result, "arity-mismatch", *at(spec, "two(x)"))) == [at(spec, "two(x: Agent")]
    assert related_places(one(result, "arity-mismatch", *at(spec, "Agent(x, x)"))) == [at(spec, "Agent")]


def test_claim_comparing_concepts_of_different_arity(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept one(x: Agent) := pursues(x, o)
        concept two(x: Agent, o: Objective) := pursues(x, o)
        claim: one implies two
        claim: two equivalent one
        claim: one distinct two
        claim: one implies one
        claim: one implies two(x, y)
    """)
    result = run(spec)
    assert places(result, "arity-mismatch") == [
        at(spec, "two\n"), at(spec, "one\n", 1), at(spec, "two\n", 2), at(spec, "one implies two(x")]
    assert found(result, "claim-failed") == []


def test_equality_head_needs_body_variables(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        relation likes(Agent, Agent)
        concept c(x: Agent) := pursues(x, o)
        framing f {
            rule r: likes(a, b) -> a = z
        }
        claim under f: satisfiable c
    """)
    assert places(run(spec), "unknown-name") == [at(spec, "z\n")]


def test_import_alias_used_twice(tmp_path):
    write(tmp_path, "one.align", "kind One\n")
    write(tmp_path, "two.align", "kind Two\n")
    spec = write(tmp_path, "main.align", """
        import "one.align" as P
        import "two.align" as P
        concept c(x: P.One) := P.One(x)
        claim: satisfiable c
    """)
    duplicate = one(run(spec), "duplicate-name", *at(spec, "P\n", 2))
    assert related_places(duplicate) == [at(spec, "P\n")]


def test_names_may_be_used_before_they_are_declared(tmp_path):
    spec = write(tmp_path, "s.align", """
        claim under later: satisfiable goal_directed
        concept goal_directed(x: Agent) := pursues(x, o)
        framing later extends earliest
        relation pursues(Agent, Objective)
        framing earliest
        kind Agent
        kind Objective
        scenario s under later {
            Agent bob
        }
    """)
    result = run(spec)
    assert [d for d in result.diagnostics if d.name in ("unknown-name", "duplicate-name", "arity-mismatch")] == []


def test_primed_and_unicode_names(tmp_path):
    spec = write(tmp_path, "s.align", BASE + """
        concept goal_directed(x: Agent) := pursues(x, o)
        scenario s {
            Agent L, L', L″
            Objective Ziel
            pursues(L', Ziel)
            pursues(L'', Ziel)
            expect goal_directed(L″)
        }
    """)
    result = run(spec)
    assert places(result, "unknown-name") == [at(spec, "L''")]
