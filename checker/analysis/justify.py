"""Why one concept implies another under a framing, or has no member: cached justifications."""

from __future__ import annotations

from collections.abc import Iterable

from ..evidence import JustificationStep
from ..model.symbols import ConceptSym, FramingSym
from ..reasoning import run_budget
from ..reasoning.entailment import Justifications, decide_implication, decide_satisfiable
from ..reasoning.logic import Atom, Axiom, Budget
from ..reasoning.run_budget import SearchBudgetExceeded, run_limit, stop_at_run_limit
from ..reasoning.status import Answer, Satisfiability
from .axioms import TheoryBuilder, axiom_name, origin_of

Steps = tuple[JustificationStep, ...]


def justification_steps(axioms: Iterable[Axiom] | None) -> Steps:
    """Axioms as justification steps: label, kind, declared name, description and span."""
    steps = []
    for axiom in axioms or ():
        origin = origin_of(axiom)
        steps.append(JustificationStep(axiom.label, axiom.kind, axiom_name(axiom),
                                       origin.description if origin is not None else "",
                                       origin.span if origin is not None else None))
    return tuple(steps)


def with_direction(steps: Iterable[JustificationStep], direction: str) -> Steps:
    """The steps, each marked as part of the implication ``direction``."""
    return tuple(step.with_direction(direction) for step in steps)


class Justifier:
    """Computes, once per question, the minimal justification of an implication between two
    concepts (or of a concept's unsatisfiability) under a framing. The justifications of one
    question under different framings share what they found (see ``minimal_justification``).

    Each justification is looked for within the run budget in force, or one of ``budget``'s
    limits started for it; one a limit of the run cut short is empty, and not remembered."""

    def __init__(self, builder: TheoryBuilder, concepts: dict[str, ConceptSym], budget: Budget):
        self.builder = builder
        self.concepts = concepts
        self.budget = budget
        self._formulas: dict[str, tuple[tuple[str, ...], tuple[Atom, ...]]] = {}
        self._too_large: dict[str, SearchBudgetExceeded] = {}
        self._cache: dict[tuple[str, int, str, str], Steps] = {}
        self._decided: dict[tuple[int, str, str], tuple[Answer, list[Axiom] | None]] = {}
        self._known: dict[tuple[str, str, str], Justifications] = {}

    def formula(self, name: str) -> tuple[tuple[str, ...], tuple[Atom, ...]]:
        """Concept ``name`` applied to its own parameters, expanded once; raises
        :class:`SearchBudgetExceeded` (every time) when the expansion passed a limit."""
        if name not in self._formulas:
            stopped = self._too_large.get(name)
            if stopped is None:
                try:
                    self._formulas[name] = self.builder.expander.concept_formula(self.concepts[name])
                except SearchBudgetExceeded as exc:
                    if run_limit(exc.limit):  # the run's budget ran out: a later run may expand it
                        raise
                    self._too_large[name] = stopped = exc
            if stopped is not None:
                raise stopped.with_traceback(None)
        return self._formulas[name]

    def formulas(self) -> tuple[dict[str, tuple[tuple[str, ...], tuple[Atom, ...]]], set[str]]:
        """The formula of every concept whose expansion is within the limits, and the names of
        the others."""
        fitting = {}
        for name in self.concepts:
            try:
                fitting[name] = self.formula(name)
            except SearchBudgetExceeded:
                continue
        return fitting, set(self.concepts) - set(fitting)

    def decided(self, framing: FramingSym | None, left: str, right: str) -> tuple[Answer, list[Axiom] | None]:
        """Whether concept ``left`` implies concept ``right`` (parameters matched by position)
        under ``framing``, and the axioms that make it hold, as ``decide_implication`` gives
        them for the formulas a claim between the two concepts has."""
        key = (id(framing), left, right)
        if key not in self._decided:
            params, lhs = self.formula(left)
            rhs = self.builder.expander.concept_atoms(
                self.concepts[right], params, reserved={v for atom in lhs for v in atom.args})
            result = decide_implication(self.builder.theory(framing), lhs, rhs, self.budget, verify=False,
                                        explain=False, known=self._known.setdefault(("implies", left, right), {}))
            stop_at_run_limit(result.limit)  # the run's budget ran out: nothing is decided
            self._decided[key] = (result.status, result.justification)
        return self._decided[key]

    def implication(self, framing: FramingSym | None, left: str, right: str) -> Steps:
        """The axioms that make concept ``left`` imply concept ``right`` under ``framing``."""
        key = ("implies", id(framing), left, right)
        if key not in self._cache:
            try:
                with run_budget.started(self.budget):
                    status, justification = self.decided(framing, left, right)
            except SearchBudgetExceeded:  # the run's budget ran out: no justification to give
                return ()
            self._cache[key] = justification_steps(justification if status is Answer.HOLDS else None)
        return self._cache[key]

    def unsatisfiable(self, framing: FramingSym | None, name: str) -> Steps:
        """The axioms that leave concept ``name`` without a member under ``framing``."""
        key = ("unsatisfiable", id(framing), name, "")
        if key not in self._cache:
            try:
                with run_budget.started(self.budget):
                    _, atoms = self.formula(name)
                    result = decide_satisfiable(self.builder.theory(framing), atoms, self.budget,
                                                known=self._known.setdefault(("unsatisfiable", name, ""), {}))
            except SearchBudgetExceeded:  # the run's budget ran out, or the concept is too large to expand
                return ()
            if run_limit(result.limit):
                return ()
            unsatisfiable = result.status is Satisfiability.UNSATISFIABLE
            self._cache[key] = justification_steps(result.justification if unsatisfiable else None)
        return self._cache[key]

    def equivalence(self, framing: FramingSym | None, members: list[str]) -> Steps:
        """Around the cycle ``members[0] -> members[1] -> ... -> members[0]``: each step's axioms,
        marked with its direction."""
        out: list[JustificationStep] = []
        for left, right in zip(members, members[1:] + members[:1]):
            out.extend(with_direction(self.implication(framing, left, right), f"{left} implies {right}"))
        return tuple(out)
