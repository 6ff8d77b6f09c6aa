"""The homomorphism search and the best partial match as they were before their atoms were kept
in a choice tree: every step weighs all the atoms left and copies them into the next frame. Kept
as the reference that both must agree with, choice for choice and step for step."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from alignspec.reasoning import run_budget
from alignspec.reasoning.homomorphism import (
    DEFAULT_STEPS,
    _bind,
    _candidate_count,
    _candidates,
    _start,
    independent_parts,
)
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
        parts = independent_parts(atoms, set(binding))
        if all(next(reference_search(part, dict(binding), instance, counter), None) is not None
               for part in (parts if len(parts) > 1 else ())):
            yield from reference_search(atoms, binding, instance, counter)
    except GeneratorExit:
        counter.settle(quiet=True)
        raise
    counter.settle()


def reference_best_partial_match(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None,
                                  budget_steps: int = 3_000) -> tuple[dict[str, int], list[Atom]]:
    """:func:`alignspec.reasoning.homomorphism.best_partial_match` over the reference search."""
    atoms = list(pattern)
    full = next(reference_homomorphisms(atoms, instance, fixed), None)
    if full is not None:
        return full, []
    binding = _start(atoms, instance, fixed)
    if any(n not in instance.graph for n in binding.values()):
        return binding, atoms
    best: list[Any] = [-1, dict(binding), atoms]
    left = budget_steps
    weighed = 0
    skipped: list[Atom] = []

    def enter(remaining: list[Atom], matched: int) -> list[Any] | None:
        """A frame for "match the most constrained atom of ``remaining``, or leave it out", or
        None when this branch ends here (a leaf, the budget, or no better than the best)."""
        nonlocal weighed
        if left <= 0 or matched + len(remaining) <= best[0]:
            return None
        if not remaining:
            best[:] = [matched, dict(binding), list(skipped)]
            return None
        weighed += len(remaining)
        counts = [_candidate_count(a, binding, instance) for a in remaining]
        i = min(range(len(remaining)), key=lambda j: (counts[j] == 0, counts[j], j))
        atom = remaining[i]
        # [atom, rest, matched, candidates, variables bound by the current match, leaving it out?]
        return [atom, remaining[:i] + remaining[i + 1:], matched, _candidates(atom, binding, instance), None, False]

    # Branch and bound, iteratively: first every match of the chosen atom, then leaving it out.
    frames = [f for f in [enter(atoms, 0)] if f is not None]
    while frames:
        frame = frames[-1]
        atom, rest, matched, candidates, added, leaving_out = frame
        if leaving_out:
            skipped.pop()
            frames.pop()
            continue
        if added is not None:
            for v in added:
                del binding[v]
            frame[4] = None
        child = None
        for values in candidates:
            left -= 1
            if left <= 0:
                break
            added = _bind(atom, values, binding)
            if added is None:
                continue
            child = enter(rest, matched + 1)
            if child is not None:
                frame[4] = added
                break
            for v in added:
                del binding[v]
        if child is not None:
            frames.append(child)
            continue
        frame[5] = True
        skipped.append(atom)
        child = enter(rest, matched)
        if child is not None:
            frames.append(child)

    run_budget.charge(budget_steps - max(left, 0) + weighed)
    order = {id(a): i for i, a in enumerate(atoms)}
    unmatched = sorted(best[2], key=lambda a: order[id(a)])
    if not unmatched:  # the search was cut short before its first leaf
        unmatched = atoms
    return best[1], unmatched
