"""Everything the reasoner says about one root spec: framings, claims (and, later, scenarios)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostic_collector import DiagnosticCollector
from ..gc_pause import collector_paused
from ..model.symbols import Unit
from ..reasoning import run_budget
from ..reasoning.logic import Budget
from ..reasoning.status import Limit
from .axioms import TheoryBuilder
from .claims import ClaimDecider, ClaimOutcome, report_claim
from .exclusions import Exclusions
from .framings import FramingAnalysis, FramingView
from .justify import Justifier
from .progress import Progress, announce
from .scenarios import ScenarioEvaluation, ScenarioEvaluator, TableCells
from .triviality import TrivialityChecker
from .usable import claim_usable, scenario_usable


@dataclass
class SpecAnalysis:
    """The reasoner's answers for one spec, and the diagnostics they gave; ``exclusions``
    decides, when a view asks, which pairs of concepts exclude each other; ``exhausted`` is the
    limit of the run's budget that ran out during the analysis (None: none did)."""

    unit: Unit
    builder: TheoryBuilder
    framings: list[FramingView] = field(default_factory=list)
    claims: list[ClaimOutcome] = field(default_factory=list)
    scenarios: list[ScenarioEvaluation] = field(default_factory=list)
    justifier: Justifier | None = None
    exclusions: Exclusions | None = None
    reporter: DiagnosticCollector = field(default_factory=DiagnosticCollector)
    exhausted: Limit | None = None


def analyse(unit: Unit, budget: Budget | None = None, tables: bool = False,
            progress: Progress | None = None, cells: TableCells = TableCells.FITTING, *,
            incremental: bool = True, deadline: float | None = None) -> SpecAnalysis:
    """Decide every claim of ``unit``, classify its concepts under each of its framings, and
    evaluate its scenarios (with the ``cells`` of the individuals-by-concepts table when
    ``tables``); ``progress`` hears of each framing, claim and scenario as its turn comes.

    ``incremental=False`` does each framing's work from the start: no classification goes on
    from another's chases, and a failed claim is decided under every other framing rather
    than read off the classifications. The answers are the same; it is there to show that.

    The analysis runs under the run budget in force, or under one started for it of ``budget``'s
    ``max_total_steps`` and of its ``timeout`` (or the monotonic-clock ``deadline`` given, which
    a run over several specs shares): once that runs out, what is still to decide is unknown
    (``budget-exceeded``), what was decided is kept, and ``exhausted`` names the limit."""
    budget = budget or Budget()
    with collector_paused(), run_budget.started(budget, deadline) as run:
        analysis = _analyse(unit, budget, tables, progress, TableCells(cells), incremental)
    analysis.exhausted = run.exhausted
    return analysis


def _analyse(unit: Unit, budget: Budget, tables: bool, progress: Progress | None,
             cells: TableCells, incremental: bool) -> SpecAnalysis:
    builder = TheoryBuilder(unit, budget=budget)
    result = SpecAnalysis(unit, builder)
    framings = FramingAnalysis(unit, builder, budget, result.reporter, incremental)
    result.framings = framings.run(progress)
    result.justifier = framings.justifier
    result.exclusions = Exclusions(builder, budget)
    decider = ClaimDecider(builder, budget, framings.terminating, unit.framings,
                           framings.classification if incremental else None,
                           framings.justifier if incremental else None)
    usable = [claim for claim in unit.claims if claim_usable(claim)]
    for number, claim in enumerate(usable, 1):
        announce(progress, f"{unit.path}: claim {claim.label} ({number}/{len(usable)})")
        outcome = decider.decide(claim)
        result.claims.append(outcome)
        report_claim(outcome, result.reporter)
    announce(progress, f"{unit.path}: looking for claims that restate a rule or hold vacuously")
    TrivialityChecker(unit, builder, budget).check(result.claims, result.reporter)
    evaluator = ScenarioEvaluator(builder, framings.concepts, budget, framings.terminating, result.reporter)
    for scenario in unit.scenarios:
        if scenario_usable(scenario):
            announce(progress, f"{unit.path}: scenario {scenario.name}")
            result.scenarios.append(evaluator.evaluate(scenario, table=tables, cells=cells))
    return result
