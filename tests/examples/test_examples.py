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
