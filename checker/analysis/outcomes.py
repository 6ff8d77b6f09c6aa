"""The statuses analysis gives: of claims, of scenarios and their cells, of expectations; and
why an answer is undecided. Their values are the words the output shows."""

from __future__ import annotations

from ..enums import TextEnum
from ..reasoning.status import Answer, Limit

ClaimStatus = Answer


class UndecidedReason(TextEnum):
    """Why a claim or a scenario was not decided: a limit of the reasoner was reached (which
    one), or its framing is not weakly acyclic, so the chase cannot be trusted to end."""

    ENTITIES = "entities"
    FACTS = "facts"
    STEPS = "steps"
    NON_TERMINATING = "non-terminating"

    @property
    def is_limit(self) -> bool:
        """Whether a limit, which the user can raise, was reached."""
        return self is not UndecidedReason.NON_TERMINATING

    @classmethod
    def of(cls, limit: Limit | None) -> UndecidedReason:
        """The reason for a chase or search stopped at ``limit`` (steps when none is known)."""
        return {Limit.ENTITIES: cls.ENTITIES, Limit.FACTS: cls.FACTS}.get(limit, cls.STEPS) if limit else cls.STEPS


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
