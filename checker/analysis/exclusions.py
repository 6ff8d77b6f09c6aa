"""Whether two concepts exclude each other under a framing: their conjunction, applied to the
same variables, has no member (LANGUAGE.md, ``excludes``). Decided with the chase on demand,
for the pairs a view asks about, and remembered."""

from __future__ import annotations

from collections import OrderedDict

from ..model.symbols import ConceptSym, FramingSym
from ..reasoning import run_budget
from ..reasoning.entailment import decide_satisfiable
from ..reasoning.logic import Budget
from ..reasoning.run_budget import SearchBudgetExceeded
from ..reasoning.status import Satisfiability
from .axioms import TheoryBuilder

DEFAULT_SIZE = 4096


class Exclusions:
    """Decides whether two concepts of equal arity exclude each other under a framing; keeps
    the last ``size`` answers, keyed by the framing's and the concepts' names."""

    def __init__(self, builder: TheoryBuilder, budget: Budget, size: int = DEFAULT_SIZE) -> None:
        self.builder = builder
        self.budget = budget
        self.size = size
        self._answers: OrderedDict[tuple[str, str, str], Satisfiability] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def conjunction(self, framing: FramingSym | None, left: ConceptSym, right: ConceptSym) -> Satisfiability:
        """Whether ``left`` and ``right`` (of equal arity), applied to the same variables, can
        hold together under ``framing`` (None: the base framing): ``UNSATISFIABLE`` when they
        exclude each other, ``UNKNOWN`` when a limit was reached. Decided within the run budget
        in force, or one of ``budget``'s limits started for it; an answer a limit of the run cut
        short is not remembered."""
        namer = self.builder.namer
        first, second = sorted((left, right), key=namer)
        key = (namer(framing) if framing is not None else "", namer(first), namer(second))
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
            return found
        if self.builder.unbuilt(framing) is not None:
            return Satisfiability.UNKNOWN
        expander = self.builder.expander
        try:
            with run_budget.started(self.budget):
                params, atoms = expander.concept_formula(first)
                atoms += expander.concept_atoms(second, params, reserved={v for atom in atoms for v in atom.args})
                result = decide_satisfiable(self.builder.theory(framing), atoms, self.budget, justify=False)
        except SearchBudgetExceeded:  # too large to expand, or the run's budget ran out
            return Satisfiability.UNKNOWN
        found = result.status
        if run_budget.run_limit(result.limit):
            return found
        self._answers[key] = found
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)
        return found

    def excludes(self, framing: FramingSym | None, left: ConceptSym, right: ConceptSym) -> bool:
        """Whether ``left`` and ``right`` exclude each other under ``framing``."""
        return self.conjunction(framing, left, right) is Satisfiability.UNSATISFIABLE
