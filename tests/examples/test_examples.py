"""The examples in ``examples/`` check exactly as their comments say."""

from __future__ import annotations

from pathlib import Path

import pytest

import alignspec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def deceptive():
    return alignspec.load(str(EXAMPLES / "deceptive_alignment.align"))


def test_every_example_checks_clean():
    for path in sorted(EXAMPLES.glob("*.align")):
        spec = alignspec.load(str(path))
        assert [d.code for d in spec.diagnostics() if d.severity.value != "info"] == [], path.name


def test_deceptive_alignment_claims(deceptive):
    outcomes = {o.claim.label: o for o in deceptive.claims}
    assert {label: o.status.value for label, o in outcomes.items()} == {
        "aligned_excludes_misaligned": "holds",
        "defects_in_deployment": "holds",
        "shows_deceptive_behaviour": "holds",
        "training_does_not_settle_deployment": "holds",
    }
    assert outcomes["aligned_excludes_misaligned"].framing_name == ""
    assert "behaves is functional" in {s.label for s in outcomes["aligned_excludes_misaligned"].justification}
    both = {s.label for s in outcomes["shows_deceptive_behaviour"].justification}
    assert {"rule plays_along", "rule defects"} <= both
    assert outcomes["training_does_not_settle_deployment"].witness is not None


def test_deceptive_alignment_scenarios(deceptive):
    deployed, honest = deceptive.scenarios
    assert deployed.status.value == "consistent" and honest.status.value == "consistent"
    assert [(e.text, e.status.value, e.passed) for e in deployed.expectations] == [
        ("expect aligned_in(model, episode)", "holds", True),
        ("expect misaligned_in(model, launch)", "holds", True),
        ("expect refuted aligned_in(model, launch)", "refuted", True),
        ("expect classified_deceptive(model, own_goal)", "holds", True),
        ("expect open aligned_in(model, evaluation)", "open", True),
    ]
    refuted = deployed.expectations[2]
    assert refuted.refutation.contradicts in {"behaves is functional", "base_objective is functional",
                                              "not behaves(model, launch, intended)"}
    assert "pursues(model, own_goal)" in refuted.refutation.facts
    assert not any("own_goal" in fact and fact.startswith("behaves") for fact in refuted.refutation.facts)
    assert all(e.passed for e in honest.expectations)
    assert {e.status.value for e in honest.expectations[:2]} == {"open"}


@pytest.fixture(scope="module")
def seed_example():
    return alignspec.load(str(EXAMPLES / "seed.align"), cells=alignspec.TableCells.ALL)


def test_seed_example_checks_as_its_comments_say(seed_example):
    outcomes = {o.claim.label: o for o in seed_example.claims}
    assert {label: o.status.value for label, o in outcomes.items()} == dict.fromkeys(
        ["a1", "a1_needs_b1", "f3", "collapse", "no_collapse_without_premise", "levels", "conflict",
         "designed_and_trained", "rejoinder"], "holds")
    assert "rule mesa_behaves" in {s.label for s in outcomes["a1"].justification}
    assert "rule builder_is_base" in {s.label for s in outcomes["collapse"].justification}
    assert {"rule trainer_designs", "rule not_an_agent"} <= {s.label for s in outcomes["conflict"].justification}
    assert "rule not_an_agent" not in {s.label for s in outcomes["rejoinder"].justification}
    premise_free = seed_example.implies("serves_designer", "designer_inner_aligned", framing="designer_view")
    assert premise_free.status.value == "fails" and premise_free.counterexample is not None


def test_seed_example_scenarios(seed_example):
    evaluations = {e.scenario.name: e for e in seed_example.scenarios}
    assert all(e.status.value == "consistent" and all(x.passed for x in e.expectations)
               for e in evaluations.values())
    levels = {h.relation: h.levels for h in evaluations["three_levels"].hierarchies}["builds"]
    assert levels == {"researcher": 0, "agent": 1, "subagent": 2}
    cells = {(c.concept, tuple(c.args)): c.status.value for c in evaluations["gradient_descent"].cells}
    assert cells[("inner_aligned", ("policy",))] == "not applicable"
    assert cells[("objective_robust", ("policy", "deployment"))] == "holds"
