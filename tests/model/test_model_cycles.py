"""circular-definition: concepts, the kind hierarchy and `extends` chains."""

from __future__ import annotations

from _model_support import at, found, one, places, related_places, run, write


def test_concept_through_another_concept(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        relation likes(Agent, Agent)
        concept popular(x: Agent) := likes(y, x), admired(y)
        concept admired(x: Agent) := likes(x, z), popular(z)
        concept fine(x: Agent) := likes(x, x)
        claim: satisfiable popular
        claim: satisfiable fine
    """)
    result = run(spec)
    cycle = one(result, "circular-definition", *at(spec, "popular(x"))
    assert places(result, "circular-definition") == [at(spec, "popular(x")]
    assert "popular -> admired -> popular" in cycle.message
    assert related_places(cycle) == [at(spec, "admired(x")]


def test_concept_using_itself(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        relation likes(Agent, Agent)
        concept loop(x: Agent) := likes(x, y), loop(y)
        claim: satisfiable loop
    """)
    result = run(spec)
    assert places(result, "circular-definition") == [at(spec, "loop(x")]
    assert "loop -> loop" in found(result, "circular-definition")[0].message


def test_kind_hierarchy(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent: Robot
        kind Robot: Android
        kind Android: Agent
        kind Selfish: Selfish
        kind Fine: Agent
        concept c(x: Fine) := Selfish(x)
        claim: satisfiable c
    """)
    result = run(spec)
    assert places(result, "circular-definition") == [at(spec, "Agent:"), at(spec, "Selfish:")]
    chain = one(result, "circular-definition", *at(spec, "Agent:"))
    assert "Agent -> Robot -> Android -> Agent" in chain.message
    assert related_places(chain) == [at(spec, "Robot:"), at(spec, "Android:")]


def test_extends_chain(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        concept c(x: Agent) := Agent(x)
        framing base
        framing first extends third, base
        framing second extends first
        framing third extends second
        framing itself extends itself
        framing fine extends base
        claim under first: satisfiable c
        claim under fine: satisfiable c
    """)
    result = run(spec)
    assert places(result, "circular-definition") == [at(spec, "first extends"), at(spec, "itself extends")]
    chain = one(result, "circular-definition", *at(spec, "first extends"))
    assert "first -> third -> second -> first" in chain.message
    assert sorted(related_places(chain)) == sorted([at(spec, "second extends"), at(spec, "third extends")])


def test_no_cycle_in_a_diamond(tmp_path):
    spec = write(tmp_path, "s.align", """
        kind Agent
        kind Robot: Agent
        kind Android: Agent
        kind Cyborg: Robot, Android
        relation likes(Agent, Agent)
        concept a(x: Agent) := likes(x, y)
        concept b(x: Robot) := a(x)
        concept c(x: Android) := a(x)
        concept d(x: Cyborg) := b(x), c(x)
        framing f
        framing g extends f
        framing h extends f
        framing k extends g, h
        claim under k: satisfiable d
    """)
    assert found(run(spec), "circular-definition") == []
