"""unused-declaration: an info finding for kinds, relations and concepts nothing uses."""

from __future__ import annotations

from _model_support import at, found, places, run, write

from alignspec.cli import main


def test_unused_kind_relation_and_concept(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        kind Objective
        kind Lonely
        relation pursues(Agent, Objective)
        relation ignored(Agent, Agent)
        concept goal_directed(x: Agent) := pursues(x, o)
        concept forgotten(x: Agent) := pursues(x, o), forgotten_helper(x)
        concept forgotten_helper(x: Agent) := Agent(x)
        concept recursive(x: Agent) := recursive(x)
        claim: satisfiable goal_directed
    """)
    result = run(spec)
    # recursive is a circular-definition error, so it is not also reported unused
    assert places(result, "unused-declaration") == [at(spec, "Lonely"), at(spec, "ignored"), at(spec, "forgotten(")]
    assert {d.severity.value for d in found(result, "unused-declaration")} == {"info"}
    assert main(["check", "--strict", str(write(tmp_path, "only_info.align", """
        kind Agent
        kind Lonely
        concept c(x: Agent) := Agent(x)
        claim: satisfiable c
    """))]) == 0


def test_every_kind_of_use_counts(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        kind Parent
        kind Child: Parent
        kind Objective
        kind Other
        kind Individual
        disjoint Objective, Other
        relation pursues(Agent, Objective)
        relation in_rule_body(Agent, Agent)
        relation in_rule_head(Agent, Agent)
        relation in_fact(Agent, Agent)
        relation in_expect(Agent, Agent)
        relation in_claim(Agent, Agent)
        concept used_in_claim(x: Agent) := pursues(x, o)
        concept used_by_concept(x: Child) := Agent(x)
        concept user(x: Child) := used_by_concept(x)
        concept used_in_rule(x: Agent) := Agent(x)
        concept used_in_expect(x: Agent) := Agent(x)
        framing f {
            rule r: in_rule_body(a, b), used_in_rule(a) -> in_rule_head(b, a)
        }
        claim under f: used_in_claim implies user
        claim: in_claim(a, b) implies Agent(a)
        scenario s {
            Individual i
            Agent bob
            in_fact(bob, bob)
            expect in_expect(bob, bob)
            expect used_in_expect(bob)
        }
    """)
    assert found(run(spec), "unused-declaration") == []


def test_qualified_use_does_not_count_for_a_local_name(tmp_path):
    write(tmp_path, "base.align", """
        kind Agent
        concept c(x: Agent) := Agent(x)
        claim: satisfiable c
    """)
    spec = write(tmp_path, "main.align", """
        import "base.align" as B
        kind Agent
        concept c(x: B.Agent) := B.c(x)
        claim: satisfiable c
    """)
    assert places(run(spec), "unused-declaration") == [at(spec, "Agent\n")]
