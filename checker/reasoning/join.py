"""Compiled join plans: the fast matcher the chase runs for rule bodies and heads.

A plan fixes, once per rule, the order in which atoms are joined given which variables are
already bound (the atom with the most bound arguments next, kinds before relations), and turns
each variable into a slot of a list. Running a plan enumerates the extensions of a partial
assignment over the instance's indexes. Unlike :mod:`homomorphism` it does not re-plan at each
step: rule bodies are small and run millions of times.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from .homomorphism import SearchBudgetExceeded
from .instance import Instance
from .logic import Atom

# step codes: what is known of an atom's arguments when the plan reaches it
_KIND_CHECK, _KIND_SCAN, _REL_CHECK, _REL_OUT, _REL_IN, _REL_SCAN, _REL_LOOP = range(7)


class StepCounter:
    """Counts candidates tried across many plan runs; a run raises
    :class:`SearchBudgetExceeded` once the count passes ``limit``."""

    __slots__ = ("steps", "limit")

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
        self.steps: list[tuple[int, str, int, int]] = []
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

    def _step(self, atom: Atom, known: set[str]) -> tuple[int, str, int, int]:
        slot = self.slots
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

    def run(self, inst: Instance, values: list, counter: StepCounter) -> Iterator[list]:
        """Yield ``values`` (a slot list) completed in every way; it is reused, copy what you keep.

        The instance must not change while the iterator is alive. The search keeps one iterator
        of candidates per step instead of recursing, so bodies of any length run in constant
        stack depth.
        """
        steps = self.steps
        n = len(steps)
        pending: list = [None] * n  # the candidates still to try at each scanning step
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
                    ok = values[a] in inst._kind.get(pred, ())
                elif code == _REL_CHECK:
                    ok = values[b] in inst._out.get(pred, {}).get(values[a], ())
                else:
                    if code == _KIND_SCAN:
                        candidates = inst._kind.get(pred, ())
                    elif code == _REL_OUT:
                        candidates = inst._out.get(pred, {}).get(values[a], ())
                    elif code == _REL_IN:
                        candidates = inst._in.get(pred, {}).get(values[b], ())
                    elif code == _REL_LOOP:
                        candidates = [s for s, t in inst._rel.get(pred, ()) if s == t]
                    else:
                        candidates = inst._rel.get(pred, ())
                    counter.steps += len(candidates)
                    if counter.steps > counter.limit:
                        raise SearchBudgetExceeded()
                    pending[i] = iter(candidates)
                    ok = self._next(i, pending, values)
                if ok:
                    i += 1
                else:
                    forward = False
                    i -= 1
            else:
                if i < 0:
                    return
                if pending[i] is not None and self._next(i, pending, values):
                    forward = True
                    i += 1
                else:
                    i -= 1

    def _next(self, i: int, pending: list, values: list) -> bool:
        """Put the next candidate of scanning step ``i`` into its slots; False (slots cleared)
        when there is none left."""
        code, _, a, b = self.steps[i]
        candidate = next(pending[i], _NONE)
        if candidate is _NONE:
            pending[i] = None
            if code == _REL_SCAN:
                values[a] = values[b] = None
            else:
                values[b if code == _REL_OUT else a] = None
            return False
        if code == _REL_SCAN:
            values[a], values[b] = candidate
        else:
            values[b if code == _REL_OUT else a] = candidate
        return True


_NONE = object()


def slot_map(atoms: Sequence[Atom], extra: Sequence[str] = ()) -> dict[str, int]:
    """Number the variables of ``atoms`` (then ``extra``) in order of first occurrence."""
    slots: dict[str, int] = {}
    for atom in atoms:
        for v in atom.args:
            slots.setdefault(v, len(slots))
    for v in extra:
        slots.setdefault(v, len(slots))
    return slots
