"""Everything the reasoner says about one root spec: framings, claims (and, later, scenarios)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..collector import collector_paused
from ..model.symbols import Unit
from ..reasoning.logic import Budget
from ..reporter import Reporter
from .axioms import TheoryBuilder
from .claims import ClaimDecider, ClaimOutcome, report_claim
from .framings import FramingAnalysis, FramingView
from .justify import Justifier
from .scenarios import ScenarioEvaluation, ScenarioEvaluator
from .usable import claim_usable, scenario_usable


@dataclass
class SpecAnalysis:
    """The reasoner's answers for one spec, and the diagnostics they gave."""

    unit: Unit
    builder: TheoryBuilder
    framings: list[FramingView] = field(default_factory=list)
    claims: list[ClaimOutcome] = field(default_factory=list)
    scenarios: list[ScenarioEvaluation] = field(default_factory=list)
    justifier: Justifier | None = None
    reporter: Reporter = field(default_factory=Reporter)


def analyse(unit: Unit, budget: Budget | None = None, tables: bool = False) -> SpecAnalysis:
    """Decide every claim of ``unit``, classify its concepts under each of its framings, and
    evaluate its scenarios (with the full individuals-by-concepts table when ``tables``)."""
    with collector_paused():
        return _analyse(unit, budget or Budget(), tables)


def _analyse(unit: Unit, budget: Budget, tables: bool) -> SpecAnalysis:
    builder = TheoryBuilder(unit)
    result = SpecAnalysis(unit, builder)
    framings = FramingAnalysis(unit, builder, budget, result.reporter)
    result.framings = framings.run()
    result.justifier = framings.justifier
    decider = ClaimDecider(builder, budget, framings.terminating, unit.framings)
    for claim in unit.claims:
        if not claim_usable(claim):
            continue
        outcome = decider.decide(claim)
        result.claims.append(outcome)
        report_claim(outcome, result.reporter)
    evaluator = ScenarioEvaluator(builder, framings.concepts, budget, framings.terminating, result.reporter)
    for scenario in unit.scenarios:
        if scenario_usable(scenario):
            result.scenarios.append(evaluator.evaluate(scenario, table=tables))
    return result
