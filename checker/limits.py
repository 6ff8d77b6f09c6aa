"""The limits that make every decision of the reasoner terminate.

They live apart from the reasoner so that the command line can show their defaults without
loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """Limits that make every decision terminate; running out gives ``unknown``, never a guess.

    ``max_entities`` and ``max_facts`` bound what one chase may add to its input; ``max_search_steps``
    bounds one homomorphism search (and, ten times over, a chase's join work)."""

    max_entities: int = 250_000
    max_facts: int = 1_000_000
    max_search_steps: int = 2_000_000


DEFAULT_BUDGET = Budget()
