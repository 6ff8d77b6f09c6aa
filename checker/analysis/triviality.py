"""When a result is worth less than it looks: a claim that only restates a rule
(``restated-premise``), and a non-implication that holds only because nothing connects its
sides (``vacuous-claim``). Both are decided exactly, with the chase, as LANGUAGE.md defines them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..codes import RESTATED_PREMISE, VACUOUS_CLAIM
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Related
from ..model.symbols import ClaimSym, FramingSym, Unit
from ..reasoning.entailment import chase_formula, decide_implication, decide_satisfiable
from ..reasoning.logic import Atom, Axiom, AxiomKind, Budget, Theory
from ..reasoning.run_budget import SearchBudgetExceeded
from ..reasoning.status import Answer, ChaseStatus, Satisfiability
from ..reasoning.termination import weak_acyclicity_violation
from ..subjects import RestatementSubject, VacuitySubject
from ..syntax.nodes import ClaimForm
from .axioms import TheoryBuilder, origin_of
from .claims import ClaimOutcome, Sides, claim_sides, conjunction
from .outcomes import ClaimStatus

_RULES = (AxiomKind.RULE, AxiomKind.DEFINITION)
_RESTATABLE = (ClaimForm.IMPLIES, ClaimForm.EQUIVALENT, ClaimForm.UNSATISFIABLE, ClaimForm.EXCLUDES)
_NON_IMPLICATIONS = (ClaimForm.DOES_NOT_IMPLY, ClaimForm.DISTINCT)


@dataclass(frozen=True)
class _Reading:
    """A claim (or one direction of it) as a dependency: ``body -> head`` atoms, or, when
    ``denial``, ``body -> false``."""

    body: tuple[Atom, ...]
    head: tuple[Atom, ...]
    denial: bool

    def as_axiom(self) -> Axiom:
        if self.denial:
            return Axiom("claim", AxiomKind.RULE, body=self.body, is_false=True)
        return Axiom("claim", AxiomKind.RULE, body=self.body, head=self.head)


def _holds(theory: Theory, reading: _Reading, budget: Budget) -> Answer:
    """Whether ``theory`` entails the reading."""
    if reading.denial:
        status = decide_satisfiable(theory, reading.body, budget, justify=False).status
        return {Satisfiability.UNSATISFIABLE: Answer.HOLDS, Satisfiability.SATISFIABLE: Answer.FAILS}.get(
            status, Answer.UNKNOWN)
    return decide_implication(theory, reading.body, reading.head, budget, justify=False, verify=False,
                              explain=False).status


def _entails_rule(theory: Theory, rule: Axiom, budget: Budget) -> Answer:
    """Whether ``theory`` entails ``rule``: its body, chased, contradicts, merges the two sides
    of its equality, or holds its head."""
    if rule.equality is not None:
        chased = chase_formula(theory, rule.body, budget)
        if chased.status is ChaseStatus.BUDGET:
            return Answer.UNKNOWN
        if chased.status is ChaseStatus.FAILED:
            return Answer.HOLDS
        left, right = rule.equality
        return Answer.HOLDS if chased.node(left) == chased.node(right) else Answer.FAILS
    return _holds(theory, _Reading(rule.body, rule.head, rule.is_false), budget)


class TrivialityChecker:
    """Finds the claims of a spec that restate a rule or hold vacuously."""

    def __init__(self, unit: Unit, builder: TheoryBuilder, budget: Budget) -> None:
        self.unit = unit
        self.builder = builder
        self.budget = budget
        self.declarations = Theory("", builder.declaration_axioms)
        self._derivable: set[str] | None = None

    def check(self, outcomes: Iterable[ClaimOutcome], reporter: DiagnosticCollector) -> None:
        """Report ``restated-premise`` and ``vacuous-claim`` for the claims that hold."""
        for outcome in outcomes:
            if outcome.status is not ClaimStatus.HOLDS:
                continue
            claim = outcome.claim
            try:
                if claim.form in _RESTATABLE:
                    self._restated(outcome, reporter)
                elif claim.form in _NON_IMPLICATIONS:
                    self._vacuous(outcome, reporter)
            except SearchBudgetExceeded:  # the run's time ran out while expanding: nothing to say
                continue

    # restated-premise
    def _readings(self, claim: ClaimSym) -> list[_Reading]:
        if claim.form in (ClaimForm.UNSATISFIABLE, ClaimForm.EXCLUDES):
            return [_Reading(conjunction(claim, self.builder).left, (), True)]
        directions = [claim_sides(claim, self.builder)]
        if claim.form is ClaimForm.EQUIVALENT:
            directions.append(claim_sides(claim, self.builder, swap=True))
        return [_Reading(d.left, d.right, False) for d in directions]

    def _restated(self, outcome: ClaimOutcome, reporter: DiagnosticCollector) -> None:
        claim = outcome.claim
        theory = self.builder.theory(claim.framing)
        by_label = theory.by_label()
        labels = {step.label for step in outcome.justification or () if step.kind in _RULES}
        for reading in self._readings(claim):
            for label in sorted(labels):
                rule = by_label.get(label)
                if rule is not None and self._restates(theory, reading, rule):
                    self._report_restated(outcome, rule, reporter)
                    return

    def _restates(self, theory: Theory, reading: _Reading, rule: Axiom) -> bool:
        """Whether ``reading`` needs ``rule`` under ``theory`` and is equivalent to it as a
        dependency modulo the declarations. The checks on the declarations and one rule come
        first: they are cheap, where the one on the theory without the rule is a chase of the
        whole theory for each rule of the justification."""
        with_rule = Theory("", (*self.declarations.axioms, rule))
        if _holds(with_rule, reading, self.budget) is not Answer.HOLDS:
            return False
        with_claim = Theory("", (*self.declarations.axioms, reading.as_axiom()))
        if weak_acyclicity_violation(with_claim) is not None:
            return False
        if _entails_rule(with_claim, rule, self.budget) is not Answer.HOLDS:
            return False
        return _holds(theory.without({rule.label}), reading, self.budget) is Answer.FAILS

    def _report_restated(self, outcome: ClaimOutcome, rule: Axiom, reporter: DiagnosticCollector) -> None:
        claim = outcome.claim
        origin = origin_of(rule)
        related = [Related(origin.span, f"{rule.label}: {origin.description}")] if origin is not None else []
        reporter.report(
            RESTATED_PREMISE, claim.decl.span,
            f"{claim.title} holds only because {rule.label} states it: the result is assumed, not derived",
            help="if the claim is meant to state the premise, say so in its doc string; otherwise derive it "
                 "from more basic premises",
            related=related,
            subject=RestatementSubject(claim.label, outcome.framing_name or None, rule.label),
        )

    # vacuous-claim
    def derivable(self) -> set[str]:
        """The kinds and relations some axiom of some framing visible from the spec (the base
        framing and its definitions included) has in its head."""
        if self._derivable is None:
            framings: list[FramingSym | None] = [None, *(f for u in self.builder.units for f in u.framings)]
            self._derivable = {atom.pred for framing in framings for axiom in self.builder.theory(framing).axioms
                               for atom in axiom.head}
        return self._derivable

    def _primitives(self, sides: Sides) -> list[str]:
        left = {atom.pred for atom in sides.left}
        return sorted({atom.pred for atom in sides.right} - left - self.derivable())

    def _vacuous(self, outcome: ClaimOutcome, reporter: DiagnosticCollector) -> None:
        claim = outcome.claim
        self.derivable()  # makes every framing's theory, so every rule too large to expand is known
        if self.builder.any_unbuilt():
            return  # such a rule may derive what the claim's sides need
        theory = self.builder.theory(claim.framing)
        directions = [claim_sides(claim, self.builder)]
        if claim.form is ClaimForm.DISTINCT:
            directions.append(claim_sides(claim, self.builder, swap=True))
        failing = [d for d in directions if self._fails(theory, d.left, d.right)]
        primitives = [self._primitives(d) for d in failing]
        if not failing or not all(primitives):
            return
        names = sorted({p for found in primitives for p in found})
        reporter.report(
            VACUOUS_CLAIM, claim.decl.span,
            f"{claim.title} holds only because nothing derives {', '.join(names)}: no framing could make it fail",
            help="if the framings are meant to connect the two sides, add the rule that would; if the point "
                 "is that the vocabulary keeps them apart, say so in the claim's doc string",
            subject=VacuitySubject(claim.label, outcome.framing_name or None, tuple(names)),
        )

    def _fails(self, theory: Theory, left: Sequence[Atom], right: Sequence[Atom]) -> bool:
        result = decide_implication(theory, left, right, self.budget, justify=False, verify=False, explain=False)
        return result.status is Answer.FAILS
