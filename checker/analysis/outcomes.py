"""The statuses analysis gives: of claims, of scenarios and their cells, of expectations; and
why an answer is undecided. Their values are the words the output shows."""

from __future__ import annotations

from ..enums import TextEnum
from ..reasoning.logic import Budget
from ..reasoning.run_budget import SearchBudgetExceeded
from ..reasoning.status import Answer, Limit
from .expansion import ExpansionTooLarge
from .words import count

ClaimStatus = Answer


class UndecidedReason(TextEnum):
    """Why a claim or a scenario was not decided: a limit of the reasoner was reached (which
    one: of one chase or search, or of the whole run), or its framing is not weakly acyclic, so
    the chase cannot be trusted to end."""

    ENTITIES = "entities"
    FACTS = "facts"
    STEPS = "steps"
    TIMEOUT = "timeout"
    TOTAL_STEPS = "total-steps"
    NON_TERMINATING = "non-terminating"

    @property
    def is_limit(self) -> bool:
        """Whether a limit, which the user can raise, was reached."""
        return self is not UndecidedReason.NON_TERMINATING

    @property
    def option(self) -> str | None:
        """The command-line option (and configuration key, without the dashes) that raises the
        limit reached; None for a framing that is not weakly acyclic."""
        return _OPTIONS.get(self)

    @property
    def is_run_limit(self) -> bool:
        """Whether the limit reached is one of the whole run, not of this result's own work."""
        return self in (UndecidedReason.TIMEOUT, UndecidedReason.TOTAL_STEPS)

    def limit(self, budget: Budget) -> float | None:
        """The value of the limit reached under ``budget`` (None when no limit was reached)."""
        if self is UndecidedReason.ENTITIES:
            return budget.max_entities
        if self is UndecidedReason.FACTS:
            return budget.max_facts
        if self is UndecidedReason.STEPS:
            return budget.max_search_steps
        if self is UndecidedReason.TIMEOUT:
            return budget.timeout
        if self is UndecidedReason.TOTAL_STEPS:
            return budget.max_total_steps
        return None

    def explain(self, budget: Budget) -> str:
        """What stopped the reasoner, in words, with the option that raises the limit:
        ``the chase reached its limit of 2 new facts (--max-facts)``."""
        value = self.limit(budget) or 0
        if self is UndecidedReason.TIMEOUT:
            return f"the run reached its time limit of {value:g} s ({self.option})"
        number = int(value)
        if self is UndecidedReason.ENTITIES:
            return f"the chase reached its limit of {count(number, 'new entity', 'new entities')} ({self.option})"
        if self is UndecidedReason.FACTS:
            return f"the chase reached its limit of {count(number, 'new fact')} ({self.option})"
        if self is UndecidedReason.STEPS:
            return f"a search reached its limit of {count(number, 'step')} ({self.option})"
        if self is UndecidedReason.TOTAL_STEPS:
            return f"the run reached its limit of {count(number, 'step')} in all ({self.option})"
        return "its framing is not weakly acyclic"

    @classmethod
    def of(cls, limit: Limit | None) -> UndecidedReason:
        """The reason for a chase or search stopped at ``limit`` (steps when none is known)."""
        return _REASONS.get(limit, cls.STEPS) if limit else cls.STEPS


def explain_stop(stopped: SearchBudgetExceeded, budget: Budget) -> str:
    """What stopped the reasoner when ``stopped`` was raised, with the option that raises the
    limit: an expansion too large for it, or a chase, a search or the run at its limit."""
    if isinstance(stopped, ExpansionTooLarge):
        return stopped.explain()
    return UndecidedReason.of(stopped.limit).explain(budget)


_REASONS = {
    Limit.ENTITIES: UndecidedReason.ENTITIES,
    Limit.FACTS: UndecidedReason.FACTS,
    Limit.STEPS: UndecidedReason.STEPS,
    Limit.TIMEOUT: UndecidedReason.TIMEOUT,
    Limit.TOTAL_STEPS: UndecidedReason.TOTAL_STEPS,
}


_OPTIONS = {
    UndecidedReason.ENTITIES: "--max-entities",
    UndecidedReason.FACTS: "--max-facts",
    UndecidedReason.STEPS: "--max-steps",
    UndecidedReason.TIMEOUT: "--timeout",
    UndecidedReason.TOTAL_STEPS: "--max-total-steps",
}


class Verdict(TextEnum):
    """What a consistent scenario says of a ground atom: it follows from the facts; one of its
    arguments is known to be outside the concept's kinds; adding it would contradict the facts;
    or the facts leave it open."""

    HOLDS = "holds"
    NOT_APPLICABLE = "not applicable"
    REFUTED = "refuted"
    OPEN = "open"


class ScenarioStatus(TextEnum):
    """Whether a scenario's facts are consistent under its framing, or could not be decided."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNDECIDED = "undecided"


class ExpectationOutcome(TextEnum):
    """Whether an expectation passed."""

    PASS = "pass"
    FAIL = "fail"
