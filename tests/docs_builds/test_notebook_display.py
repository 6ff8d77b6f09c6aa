"""The objects the Python API returns show themselves briefly: a compact ``repr`` for specs,
claim outcomes and scenario evaluations, HTML for outcomes and evaluations in a notebook; and a
mistyped name in a question is named with a suggestion."""

from __future__ import annotations

import re

import pytest

import alignspec


def test_reprs_are_compact(seed):
    assert re.fullmatch(r"<Spec seed from .*seed\w*\.align: \d+ framings, \d+ claims, \d+ scenarios>", repr(seed))
    answer = seed.implies("objective_robust", "inner_aligned", framing="harris")
    assert repr(answer) == "<ClaimOutcome line 1 under harris: holds>"
    assert repr(seed.claims[0]) == "<ClaimOutcome a1 under hubinger2020: holds>"
    assert all(len(repr(c)) < 200 for c in seed.claims)
    assert all(len(repr(s)) < 200 for s in seed.scenarios)
    assert repr(seed.scenarios[0]).startswith("<ScenarioEvaluation three_levels under harris: consistent, ")


def test_claim_outcomes_and_scenarios_display_as_html(seed):
    holds = seed.implies("objective_robust", "inner_aligned", framing="harris")
    html = holds._repr_html_()
    assert "holds" in html and "rule trained_is_mesa" in html
    fails = seed.ask("under hubinger2020: objective_robust(a) implies inner_aligned(a)")
    html = fails._repr_html_()
    assert "fails" in html and "counterexample" in html and "<pre>scenario " in html
    table = seed.scenarios[0]._repr_html_()
    assert table.count("<tr>") == len(seed.scenarios[0].expectations) + 1


def test_a_mistyped_name_is_named_with_a_suggestion(seed):
    with pytest.raises(alignspec.SpecError, match=r"objective_robst.*did you mean 'objective_robust'"):
        seed.implies("objective_robst", "inner_aligned")
    with pytest.raises(alignspec.SpecError, match=r"'haris'.*did you mean 'harris'"):
        seed.implies("objective_robust", "inner_aligned", framing="haris")
    with pytest.raises(alignspec.SpecError, match=r"did you mean 'hubinger2020'"):
        seed.classification("hubinger")
