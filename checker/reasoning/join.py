"""Compiled join plans: the fast matcher the chase runs for rule bodies and heads.

A plan fixes, once per rule, the order in which atoms are joined given which variables are
already bound (the atom with the most bound arguments next, kinds before relations), and turns
each variable into a slot of a list. Running a plan enumerates the extensions of a partial
assignment over the instance's indexes. Unlike :mod:`homomorphism` it does not re-plan at each
step: rule bodies are small and run millions of times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .homomorphism import SearchBudgetExceeded
from .instance import Instance
from .logic import Atom

# step codes: what is known of an atom's arguments when the plan reaches it
_KIND_CHECK, _KIND_SCAN, _REL_CHECK, _REL_OUT, _REL_IN, _REL_SCAN, _REL_LOOP, _TUPLE = range(8)


class StepCounter:
    """Counts candidates tried across many plan runs; a run raises
    :class:`SearchBudgetExceeded` once the count passes ``limit``."""

    __slots__ = ("limit", "steps")

    def __init__(self, limit: int) -> None:
        self.steps = 0
        self.limit = limit

    @property
    def exceeded(self) -> bool:
        return self.steps > self.limit


class JoinPlan:
    """How to extend an assignment of ``bound`` variables to all variables of ``atoms``."""

    def __init__(self, atoms: Sequence[Atom], bound: Sequence[str], slots: dict[str, int]) -> None:
        self.slots = slots
        known = set(bound)
        remaining = list(atoms)
        self.steps: list[tuple[Any, ...]] = []
        while remaining:
            def score(item: tuple[int, Atom]) -> tuple[int, int, int]:
                # checks first, then lookups from a known entity, scans of a whole index last
                i, atom = item
                unbound = len({v for v in atom.args if v not in known})
                if unbound == 0:
                    category = 0
                elif unbound < len(set(atom.args)):
                    category = 1
                else:
                    category = 2
                return (category, len(atom.args), i)
            i, atom = min(enumerate(remaining), key=score)
            remaining.pop(i)
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

        The instance must not change while the iterator is alive.
        """
        return self._run(0, inst, values, counter)

    def _run(self, i: int, inst: Instance, values: list[Any], counter: StepCounter) -> Iterator[list[Any]]:
        if i == len(self.steps):
            yield values
            return
        code, pred, a, b = self.steps[i]
        nxt = i + 1
        if code == _TUPLE:
            yield from self._run_tuple(nxt, inst, values, counter, pred, a, b)
            return
        if code == _KIND_CHECK:
            if values[a] in inst.members(pred):
                yield from self._run(nxt, inst, values, counter)
            return
        if code == _REL_CHECK:
            if values[b] in inst.successors(pred, values[a]):
                yield from self._run(nxt, inst, values, counter)
            return
        candidates: Iterable[int]
        if code == _KIND_SCAN:
            candidates = inst.members(pred)
            target = a
        elif code == _REL_OUT:
            candidates = inst.successors(pred, values[a])
            target = b
        elif code == _REL_IN:
            candidates = inst.predecessors(pred, values[b])
            target = a
        elif code == _REL_LOOP:
            candidates = [s for s, t in inst.pairs(pred) if s == t]
            target = a
        else:
            counter.steps += len(inst.pairs(pred))
            if counter.steps > counter.limit:
                raise SearchBudgetExceeded()
            for s, t in inst.pairs(pred):
                values[a], values[b] = s, t
                yield from self._run(nxt, inst, values, counter)
            values[a] = values[b] = None
            return
        counter.steps += len(candidates)
        if counter.steps > counter.limit:
            raise SearchBudgetExceeded()
        for c in candidates:
            values[target] = c
            yield from self._run(nxt, inst, values, counter)
        values[target] = None


    def _run_tuple(self, nxt: int, inst: Instance, values: list[Any], counter: StepCounter, pred: str,
                   slots: tuple[int, ...], bound: tuple[int, ...]) -> Iterator[list[Any]]:
        """An atom of three or more arguments: its tuples at the index of one bound argument (all
        of them when none is bound), kept when they agree with what is bound."""
        if bound:
            position = min(bound, key=lambda p: len(inst.tuples_at(pred, p, values[slots[p]])))
            candidates = list(inst.tuples_at(pred, position, values[slots[position]]))
        else:
            candidates = list(inst.tuples(pred))
        counter.steps += len(candidates)
        if counter.steps > counter.limit:
            raise SearchBudgetExceeded()
        unbound = [s for s in dict.fromkeys(slots) if values[s] is None]
        for candidate in candidates:
            agrees = True
            for slot, value in zip(slots, candidate):
                current = values[slot]
                if current is None:
                    values[slot] = value
                elif current != value:
                    agrees = False
                    break
            if agrees:
                yield from self._run(nxt, inst, values, counter)
            for slot in unbound:
                values[slot] = None


def slot_map(atoms: Sequence[Atom], extra: Sequence[str] = ()) -> dict[str, int]:
    """Number the variables of ``atoms`` (then ``extra``) in order of first occurrence."""
    slots: dict[str, int] = {}
    for atom in atoms:
        for v in atom.args:
            slots.setdefault(v, len(slots))
    for v in extra:
        slots.setdefault(v, len(slots))
    return slots
