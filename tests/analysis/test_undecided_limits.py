"""An undecided claim says which limit stopped the reasoner, and the option that raises it."""

from __future__ import annotations

import textwrap
import time

import pytest

import alignspec
from alignspec.analysis.outcomes import UndecidedReason
from alignspec.reasoning import run_budget, saturation
from alignspec.reasoning.logic import Budget
from alignspec.reasoning.saturation import CLOCK_STRIDE
from bench.fuzz_inputs import nesting_text

CHATTY = """
    kind Agent
    relation helps(Agent, Agent)
    relation knows(Agent, Agent)
    concept helper(a: Agent) := helps(a, b)
    concept knower(a: Agent) := knows(a, b)
    framing chatty { rule k1: helps(a, b) -> knows(a, c), knows(b, d), knows(c, d) }
    claim under chatty: helper implies knower
"""


@pytest.mark.parametrize(("budget", "reason", "option"), [
    (Budget(max_facts=2), UndecidedReason.FACTS, "--max-facts"),
    (Budget(max_entities=1), UndecidedReason.ENTITIES, "--max-entities"),
    (Budget(max_search_steps=1), UndecidedReason.STEPS, "--max-steps"),
])
def test_the_budget_exceeded_finding_names_the_limit_and_its_option(tmp_path, budget, reason, option):
    path = tmp_path / "chatty.align"
    path.write_text(textwrap.dedent(CHATTY), encoding="utf-8")
    spec = alignspec.load(str(path), budget=budget)
    outcome = spec.claims[0]
    assert outcome.status.value == "unknown"
    assert outcome.undecided is reason and reason.option == option
    found = [d for d in spec.diagnostics() if d.name == "budget-exceeded"]
    assert len(found) == 1
    assert option in found[0].message and option in found[0].help
    assert str(reason.limit(budget)) in found[0].message


def test_a_timeout_passed_while_saturating_leaves_the_claim_unknown(tmp_path, monkeypatch):
    normal_form = saturation.normal_form

    def late(*args, **kwargs):
        # the concepts are chased: the run's time runs out as their saturation starts
        run = run_budget.active()
        assert run is not None
        run.deadline = time.monotonic() - 1
        return normal_form(*args, **kwargs)

    monkeypatch.setattr(saturation, "normal_form", late)
    path = tmp_path / "chain.align"
    path.write_text(nesting_text("relation-chain", 2 * CLOCK_STRIDE), encoding="utf-8")
    spec = alignspec.load(str(path), budget=Budget(timeout=3_600))
    outcome = spec.claims[0]
    assert outcome.status.value == "unknown" and outcome.undecided is UndecidedReason.TIMEOUT
    assert "budget-exceeded" in {d.name for d in spec.diagnostics()}
