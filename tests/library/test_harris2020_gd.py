"""Harris, "Defining capability and alignment in gradient descent": the process's base objective
against its true (mesa-)objective, capability and alignment as defined there, and the two
definitions of inner alignment the post starts from."""

from __future__ import annotations

import re

from _library_support import all_passed, cell, claim, justification, scenario, spec

from alignspec.model.loader import library_directory

GD = "harris2020_gd"


def test_harris_gd_checks_clean():
    findings = list(spec(GD).diagnostics())
    assert findings == [], [f"{d.name}: {d.message}" for d in findings]
    assert {c.status for c in spec(GD).claims} == {"holds"}
    assert all(all_passed(s) for s in spec(GD).scenarios)


def test_says_nothing_of_the_reply():
    # the reply to Harris's comment belongs to harris_thread; the post is not about it
    text = (library_directory() / f"{GD}.align").read_text(encoding="utf-8")
    assert not re.search(r"not an agent|not trying|trying to do|commentId=g4qLoqLFbst3wZ8xw", text)
    assert spec(GD).framings == []


def test_base_objective_and_true_objective():
    language_model = scenario(GD, "language_model")
    assert cell(language_model, "mesa_capable", "gradient_descent") == "holds"
    assert cell(language_model, "base_capable", "gradient_descent") == "open"
    assert cell(language_model, "aligned_gd", "gradient_descent") == "open"
    not_applicable = [e for e in language_model.expectations if e.text == "expect not base_mesa_gap_closed(gradient_descent)"]
    assert [e.status_text for e in not_applicable] == ["not applicable"]
    assert claim(GD, "base_and_true_objectives_differ").status == "holds"
    assert {"disjoint LearningAlgorithm, Model", "domain of mesa_objective"} <= justification(
        GD, "true_objective_is_not_rflos")


def test_capability_and_alignment():
    assert justification(GD, "alignment_needs_both_capabilities") == {
        "definition of aligned_gd", "definition of base_capable", "definition of mesa_capable"}
    assert claim(GD, "mesa_capability_not_alignment").status == "holds"
    assert spec(GD).implies("aligned_gd", "base_capable").status == "holds"


def test_two_definitions_of_inner_alignment():
    assert claim(GD, "second_definition_needs_no_mesa_optimizer").status == "holds"
    assert claim(GD, "first_definition_is_for_mesa_optimizers").status == "holds"
    assert claim(GD, "gap_closed_yet_capabilities_outrun_objective").status == "holds"
