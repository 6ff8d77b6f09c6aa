"""The homomorphism search as it was before its atoms were kept in a choice tree: every step
weighs all the atoms left and copies them into the next frame. Kept as the reference that the
search must agree with, choice for choice and step for step."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from alignspec.reasoning.homomorphism import DEFAULT_STEPS, _bind, _candidate_count, _candidates, _components, _start
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import Atom
from alignspec.reasoning.run_budget import StepCounter


def _most_constrained(atoms: list[Atom], binding: dict[str, int], inst: Instance, counter: StepCounter
                      ) -> tuple[Atom, list[Atom]] | None:
    """The atom with the fewest candidates and the others, or None when one has none; the atoms
    weighed count towards the run's steps (not the search's own limit, which counts candidates)."""
    counter.add_outside_limit(len(atoms))
    best_i, best_n = 0, None
    for i, atom in enumerate(atoms):
        n = _candidate_count(atom, binding, inst)
        if best_n is None or n < best_n:
            best_i, best_n = i, n
            if n == 0:
                return None
    return atoms[best_i], atoms[:best_i] + atoms[best_i + 1:]


def reference_search(atoms: list[Atom], binding: dict[str, int], inst: Instance, counter: StepCounter
                     ) -> Iterator[dict[str, int]]:
    """Backtracking over the atoms, most constrained first, one frame per matched atom."""
    # a frame: [atom, the atoms after it, its candidates, the variables its current match bound]
    frames: list[list[Any]] = []
    remaining: list[Atom] | None = atoms
    while True:
        if remaining is not None:
            if not remaining:
                yield dict(binding)
            else:
                chosen = _most_constrained(remaining, binding, inst, counter)
                if chosen is not None:
                    atom, rest = chosen
                    frames.append([atom, rest, _candidates(atom, binding, inst), None])
        remaining = None
        while frames and remaining is None:
            frame = frames[-1]
            if frame[3] is not None:
                for v in frame[3]:
                    del binding[v]
                frame[3] = None
            for values in frame[2]:
                counter.add(1)
                added = _bind(frame[0], values, binding)
                if added is not None:
                    frame[3] = added
                    remaining = frame[1]
                    break
            else:
                frames.pop()
        if remaining is None:
            return


def reference_homomorphisms(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None,
                            budget_steps: int = DEFAULT_STEPS) -> Iterator[dict[str, int]]:
    """:func:`alignspec.reasoning.homomorphism.homomorphisms` over the reference search."""
    atoms = list(pattern)
    binding = _start(atoms, instance, fixed)
    if any(n not in instance.graph for n in binding.values()):
        return
    counter = StepCounter(budget_steps)
    try:
        counter.add_outside_limit(len(atoms))
        parts = _components(atoms, set(binding))
        if all(next(reference_search(part, dict(binding), instance, counter), None) is not None
               for part in (parts if len(parts) > 1 else ())):
            yield from reference_search(atoms, binding, instance, counter)
    except GeneratorExit:
        counter.settle(quiet=True)
        raise
    counter.settle()
