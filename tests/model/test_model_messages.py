"""Messages that must say the right thing: a failed import does not cascade into "no import is
named" errors, an unknown framing of an imported spec lists that spec's framings, a declaration
with an error is not also unused, and counts are written in the singular when they are one."""

from __future__ import annotations

from _model_support import at, found, places, run, write

IMPORTED = """
    kind Agent
    framing hubinger
    framing harris
    concept c(x: Agent) := Agent(x)
"""


def test_a_failed_import_is_reported_once_not_at_every_use(tmp_path):
    write(tmp_path, "broken.align", "kind\n")
    spec = write(tmp_path, "main.align", """
        import "broken.align" as b
        import "missing.align" as m
        kind Model
        concept d(x: Model) := b.Agent(x), m.Foo(x)
        concept e(x: Model) := m.Bar(x)
        claim: satisfiable d
        claim: satisfiable e
    """)
    result = run(spec)
    assert places(result, "import-error") == [at(spec, '"broken.align"'), at(spec, '"missing.align"')]
    assert found(result, "unknown-name") == []


def test_an_alias_that_names_no_import_suggests_one(tmp_path):
    write(tmp_path, "h.align", IMPORTED)
    spec = write(tmp_path, "main.align", """
        import "h.align" as h
        concept d(x: h.Agent) := g.c(x)
        claim: satisfiable d
    """)
    (unknown,) = found(run(spec), "unknown-name")
    assert "'g'" in unknown.message
    assert "h.c" in unknown.help


def test_an_unknown_framing_of_an_imported_spec_lists_its_framings(tmp_path):
    write(tmp_path, "h.align", IMPORTED)
    spec = write(tmp_path, "main.align", """
        import "h.align" as h
        concept d(x: h.Agent) := h.c(x)
        claim under h.other: satisfiable d
        claim under elsewhere: satisfiable d
    """)
    qualified, plain = found(run(spec), "unknown-name")
    assert "h.harris" in qualified.help and "h.hubinger" in qualified.help
    assert "h.harris" in plain.help and "h.hubinger" in plain.help


def test_a_declaration_with_an_error_is_not_also_unused(tmp_path):
    spec = write(tmp_path, "main.align", """
        kind Agent
        kind Lonely
        kind Child: Parnt
        relation r(Agent, Agnt)
        concept broken(x: Agent) := Agnet(x)
        concept looping(x: Agent) := looping(x)
        concept unused(x: Agent) := Agent(x)
    """)
    result = run(spec)
    assert places(result, "unused-declaration") == [at(spec, "Lonely"), at(spec, "unused(")]


def test_counts_of_one_are_singular(tmp_path):
    spec = write(tmp_path, "main.align", """
        kind Agent
        relation r(Agent, Agent)
        concept one(x: Agent) := Agent(x)
        concept two(x: Agent, y: Agent) := r(x, y)
        claim: one equivalent two
    """)
    (mismatch,) = found(run(spec), "arity-mismatch")
    assert "1 argument and" in mismatch.message and "takes 2" in mismatch.message
    assert "(s)" not in mismatch.message
