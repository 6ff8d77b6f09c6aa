"""Compiled join plans: the fast matcher the chase runs for rule bodies and heads.

A plan fixes, once per rule, the order in which atoms are joined given which variables are
already bound (the atom with the most bound arguments next, kinds before relations), and turns
each variable into a slot of a list. Running a plan enumerates the extensions of a partial
assignment over the instance's indexes. Unlike :mod:`homomorphism` it does not re-plan at each
step: rule bodies are small and run millions of times.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from .instance import Instance
from .logic import Atom
from .run_budget import StepCounter

__all__ = ["JoinPlan", "StepCounter", "slot_map"]

# step codes: what is known of an atom's arguments when the plan reaches it
_KIND_CHECK, _KIND_SCAN, _REL_CHECK, _REL_OUT, _REL_IN, _REL_SCAN, _REL_LOOP, _TUPLE = range(8)


class JoinPlan:
    """How to extend an assignment of ``bound`` variables to all variables of ``atoms``."""

    def __init__(self, atoms: Sequence[Atom], bound: Sequence[str], slots: dict[str, int]) -> None:
        self.slots = slots
        self.steps: list[tuple[Any, ...]] = []
        known = set(bound)
        for atom in _join_order(atoms, known):
            self.steps.append(self._step(atom, known))
            known.update(atom.args)

    def _step(self, atom: Atom, known: set[str]) -> tuple[Any, ...]:
        slot = self.slots
        if len(atom.args) > 2:
            bound = tuple(i for i, v in enumerate(atom.args) if v in known)
            return (_TUPLE, atom.pred, tuple(slot[v] for v in atom.args), bound)
        if len(atom.args) == 1:
            code = _KIND_CHECK if atom.args[0] in known else _KIND_SCAN
            return (code, atom.pred, slot[atom.args[0]], -1)
        a, b = atom.args
        if a in known and b in known:
            code = _REL_CHECK
        elif a in known:
            code = _REL_OUT if a != b else _REL_CHECK
        elif b in known:
            code = _REL_IN
        else:
            code = _REL_SCAN if a != b else _REL_LOOP
        return (code, atom.pred, slot[a], slot[b])

    def run(self, inst: Instance, values: list[Any], counter: StepCounter) -> Iterator[list[Any]]:
        """Yield ``values`` (a slot list) completed in every way; it is reused, copy what you keep.

        The instance must not change while the iterator is alive. The search keeps one iterator
        of candidates per step instead of recursing, so bodies of any length run in constant
        stack depth.
        """
        steps = self.steps
        n = len(steps)
        pending: list[Any] = [None] * n  # the candidates still to try at each scanning step
        filled: list[tuple[int, ...]] = [()] * n  # the slots each scanning step fills
        i = 0
        forward = True  # entering step i afresh, or coming back to try its next candidate
        while True:
            if forward:
                if i == n:
                    yield values
                    forward = False
                    i -= 1
                    continue
                code, pred, a, b = steps[i]
                if code == _KIND_CHECK:
                    ok = values[a] in inst.members(pred)
                elif code == _REL_CHECK:
                    ok = values[b] in inst.successors(pred, values[a])
                else:
                    candidates: Collection[Any]
                    if code == _TUPLE:
                        candidates = _tuple_candidates(inst, values, pred, a, b)
                        filled[i] = tuple(s for s in dict.fromkeys(a) if values[s] is None)
                    elif code == _KIND_SCAN:
                        candidates = inst.members(pred)
                        filled[i] = (a,)
                    elif code == _REL_OUT:
                        candidates = inst.successors(pred, values[a])
                        filled[i] = (b,)
                    elif code == _REL_IN:
                        candidates = inst.predecessors(pred, values[b])
                        filled[i] = (a,)
                    elif code == _REL_LOOP:
                        candidates = [s for s, t in inst.pairs(pred) if s == t]
                        filled[i] = (a,)
                    else:
                        candidates = inst.pairs(pred)
                        filled[i] = (a, b)
                    counter.steps += len(candidates)
                    if counter.steps > counter.bound:
                        counter.overflow()
                    pending[i] = iter(candidates)
                    ok = self._next(i, pending, filled[i], values)
                if ok:
                    i += 1
                else:
                    forward = False
                    i -= 1
            else:
                if i < 0:
                    return
                if pending[i] is not None and self._next(i, pending, filled[i], values):
                    forward = True
                    i += 1
                else:
                    i -= 1

    def _next(self, i: int, pending: list[Any], filled: tuple[int, ...], values: list[Any]) -> bool:
        """Put the next candidate of scanning step ``i`` into its slots (``filled``); False
        (slots cleared) when there is none left."""
        code, _, a, b = self.steps[i]
        if code == _TUPLE:
            # an n-ary atom: the next stored tuple that agrees with what is bound (repeated
            # variables included); the slots it fills are cleared of the previous one first
            for slot in filled:
                values[slot] = None
            for stored in pending[i]:
                agrees = True
                for slot, value in zip(a, stored):
                    current = values[slot]
                    if current is None:
                        values[slot] = value
                    elif current != value:
                        agrees = False
                        break
                if agrees:
                    return True
                for slot in filled:
                    values[slot] = None
            pending[i] = None
            return False
        candidate: Any = next(pending[i], _NONE)
        if candidate is _NONE:
            pending[i] = None
            for slot in filled:
                values[slot] = None
            return False
        if code == _REL_SCAN:
            values[a], values[b] = candidate
        else:
            values[filled[0]] = candidate
        return True


_NONE = object()


def _tuple_candidates(inst: Instance, values: list[Any], pred: str, slots: tuple[int, ...],
                      bound: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The stored tuples of an atom of three or more arguments worth trying: those at the index
    of its bound argument with the fewest (all of them when none is bound)."""
    if bound:
        position = min(bound, key=lambda p: len(inst.tuples_at(pred, p, values[slots[p]])))
        return list(inst.tuples_at(pred, position, values[slots[position]]))
    return list(inst.tuples(pred))


def _category(atom: Atom, known: set[str]) -> int:
    """0: every argument known (a check); 1: some known (a lookup); 2: none (a scan)."""
    distinct = set(atom.args)
    unbound = len(distinct - known)
    return 0 if unbound == 0 else 1 if unbound < len(distinct) else 2


def _join_order(atoms: Sequence[Atom], bound: set[str]) -> Iterator[Atom]:
    """The atoms in join order: at each step the one with the smallest (category, arity,
    position), categories as in :func:`_category` for the variables known by then (checks first,
    then lookups from a known entity, scans of a whole index last).

    A heap keyed on that triple, updated only for the atoms that share a newly known variable,
    gives the same order as rescanning every remaining atom at each step, in O(n log n).
    """
    known = set(bound)
    categories = [_category(atom, known) for atom in atoms]
    heap = [(category, len(atom.args), i) for i, (category, atom) in enumerate(zip(categories, atoms))]
    heapq.heapify(heap)
    users: dict[str, list[int]] = {}
    for i, atom in enumerate(atoms):
        for v in dict.fromkeys(atom.args):
            users.setdefault(v, []).append(i)
    taken = [False] * len(atoms)
    while heap:
        category, _, i = heapq.heappop(heap)
        if taken[i] or category != categories[i]:
            continue  # an entry left behind when the atom's category dropped
        taken[i] = True
        atom = atoms[i]
        yield atom
        new = [v for v in dict.fromkeys(atom.args) if v not in known]
        known.update(atom.args)
        for v in new:
            for j in users[v]:
                if not taken[j]:
                    category = _category(atoms[j], known)
                    if category != categories[j]:
                        categories[j] = category
                        heapq.heappush(heap, (category, len(atoms[j].args), j))


def slot_map(atoms: Sequence[Atom], extra: Sequence[str] = ()) -> dict[str, int]:
    """Number the variables of ``atoms`` (then ``extra``) in order of first occurrence."""
    slots: dict[str, int] = {}
    for atom in atoms:
        for v in atom.args:
            slots.setdefault(v, len(slots))
    for v in extra:
        slots.setdefault(v, len(slots))
    return slots
