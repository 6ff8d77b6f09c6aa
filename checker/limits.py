"""The limits that make every decision of the reasoner terminate.

They live apart from the reasoner so that the command line can show their defaults without
loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """Limits that make every decision terminate; running out gives ``unknown``, never a guess.

    ``max_entities`` and ``max_facts`` bound what one chase may add to its input; ``max_search_steps``
    bounds one homomorphism search (and, ten times over, a chase's join work). The whole run
    (see :mod:`.reasoning.run_budget`) is bounded by ``max_total_steps``, the steps of all its chases and
    searches together, and by ``timeout``, seconds of wall-clock time (None: no limit)."""

    max_entities: int = 100_000
    max_facts: int = 250_000
    max_search_steps: int = 2_000_000
    max_total_steps: int | None = 2_000_000
    timeout: float | None = None


DEFAULT_BUDGET = Budget()
