"""An undecided claim says which limit stopped the reasoner, and the option that raises it."""

from __future__ import annotations

import textwrap

import pytest

import alignspec
from alignspec.analysis.outcomes import UndecidedReason
from alignspec.reasoning.logic import Budget

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
