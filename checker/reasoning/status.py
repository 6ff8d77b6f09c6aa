"""The answers the reasoner gives, as enums whose values are the words the output shows."""

from __future__ import annotations

from ..enums import TextEnum

__all__ = ["Answer", "ChaseStatus", "Limit", "Satisfiability", "TextEnum"]


class ChaseStatus(TextEnum):
    """How a chase ended: it reached a fixpoint, it failed (the instance is contradictory), or it
    stopped at a limit."""

    OK = "ok"
    FAILED = "failed"
    BUDGET = "budget"


class Limit(TextEnum):
    """Which limit stopped a chase or a search: the entities or facts a chase may add, the
    steps of a join or a homomorphism search, or a limit of the whole run (its wall-clock time,
    the steps of all its chases and searches together)."""

    ENTITIES = "entities"
    FACTS = "facts"
    STEPS = "steps"
    TIMEOUT = "timeout"
    TOTAL_STEPS = "total-steps"


class Answer(TextEnum):
    """Whether an implication (or a claim) holds: decided either way, or unknown at a limit."""

    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"


class Satisfiability(TextEnum):
    """Whether a conjunction of atoms can hold in some world satisfying the axioms."""

    SATISFIABLE = "satisfiable"
    UNSATISFIABLE = "unsatisfiable"
    UNKNOWN = "unknown"
