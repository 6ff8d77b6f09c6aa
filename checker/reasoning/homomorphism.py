"""Homomorphisms from a conjunction of atoms into an instance.

A homomorphism maps each variable to an entity so that every atom becomes a fact; two variables
may map to one entity. The search backtracks atom by atom, always taking next the atom with the
fewest candidate facts under the current assignment (the first in pattern order on a tie), and
draws candidates from the instance's indexes. The atoms left of a large pattern are kept keyed by
their candidate counts, so a step recounts only the atoms its new bindings touch and the stack
holds O(n) for n atoms. Independent parts of the pattern are checked separately first, so that one part with
no match is not retried for every match of another.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from . import run_budget
from .instance import Instance
from .logic import Atom
from .run_budget import SearchBudgetExceeded, StepCounter

__all__ = ["DEFAULT_STEPS", "SearchBudgetExceeded", "best_partial_match", "find_homomorphism", "homomorphisms",
           "independent_parts"]

DEFAULT_STEPS = 2_000_000
_ABSENT = sys.maxsize  # the key of an atom matched already
_NONE_LAST = _ABSENT - 1  # the key of an atom without candidates, where those come last


def _variables(atoms: Sequence[Atom]) -> list[str]:
    seen: dict[str, None] = {}
    for atom in atoms:
        for v in atom.args:
            seen.setdefault(v, None)
    return list(seen)


def _tuple_source(atom: Atom, binding: dict[str, int], inst: Instance) -> Mapping[tuple[int, ...], None]:
    """The stored tuples of an n-ary atom worth trying: those at the smallest index of a bound
    argument's entity, or all of them when no argument is bound."""
    best: Mapping[tuple[int, ...], None] | None = None
    for position, var in enumerate(atom.args):
        entity = binding.get(var)
        if entity is not None:
            found = inst.tuples_at(atom.pred, position, entity)
            if best is None or len(found) < len(best):
                best = found
    return inst.tuples(atom.pred) if best is None else best


def _agrees(atom: Atom, values: tuple[int, ...], binding: dict[str, int]) -> bool:
    """Whether ``values`` fit the atom's bound variables and its repeated ones."""
    seen: dict[str, int] = {}
    for var, value in zip(atom.args, values):
        expected = binding.get(var, seen.get(var))
        if expected is not None and expected != value:
            return False
        seen[var] = value
    return True


def _candidate_count(atom: Atom, binding: dict[str, int], inst: Instance) -> int:
    args = atom.args
    if len(args) > 2:
        return len(_tuple_source(atom, binding, inst))
    if len(args) == 1:
        n = binding.get(args[0])
        if n is None:
            return len(inst.members(atom.pred))
        return 1 if n in inst.members(atom.pred) else 0
    s, t = binding.get(args[0]), binding.get(args[1])
    if s is not None and t is not None:
        return 1 if t in inst.successors(atom.pred, s) else 0
    if s is not None:
        return len(inst.successors(atom.pred, s))
    if t is not None:
        return len(inst.predecessors(atom.pred, t))
    return len(inst.pairs(atom.pred))


def _candidates(atom: Atom, binding: dict[str, int], inst: Instance) -> Iterator[tuple[int, ...]]:
    """Facts' argument tuples that agree with ``binding`` on the atom's bound variables."""
    args = atom.args
    if len(args) > 2:
        for values in list(_tuple_source(atom, binding, inst)):
            if _agrees(atom, values, binding):
                yield values
        return
    if len(args) == 1:
        n = binding.get(args[0])
        members = inst.members(atom.pred)
        if n is None:
            for m in list(members):
                yield (m,)
        elif n in members:
            yield (n,)
        return
    s, t = binding.get(args[0]), binding.get(args[1])
    same = args[0] == args[1]
    if s is not None and t is not None:
        if t in inst.successors(atom.pred, s):
            yield (s, t)
    elif s is not None:
        for x in list(inst.successors(atom.pred, s)):
            yield (s, x)
    elif t is not None:
        for x in list(inst.predecessors(atom.pred, t)):
            yield (x, t)
    else:
        for pair in list(inst.pairs(atom.pred)):
            if not same or pair[0] == pair[1]:
                yield pair


def _bind(atom: Atom, values: tuple[int, ...], binding: dict[str, int]) -> list[str] | None:
    """Extend ``binding`` so ``atom`` maps onto ``values``; the variables newly bound, or None."""
    added = []
    for var, val in zip(atom.args, values):
        bound = binding.get(var)
        if bound is None:
            binding[var] = val
            added.append(var)
        elif bound != val:
            for v in added:
                del binding[v]
            return None
    return added


class _ChoiceTree:
    """The atoms still to match, keyed by their candidate counts: a tournament tree over the
    atoms' positions whose root names the atom with the fewest candidates (the first in pattern
    order on a tie), so a choice costs nothing and a changed count one path to the root."""

    __slots__ = ("keys", "offset", "winners")

    def __init__(self, counts: list[int]) -> None:
        n = len(counts)
        offset = 1
        while offset < n:
            offset *= 2
        keys = self.keys = counts + [_ABSENT]  # the last key stands for the unused leaves
        self.offset = offset
        winners = [n] * (2 * offset)
        winners[offset:offset + n] = range(n)
        for node in range(offset - 1, 0, -1):
            left, right = winners[2 * node], winners[2 * node + 1]
            winners[node] = left if keys[left] <= keys[right] else right
        self.winners = winners

    def first(self) -> int:
        """The position of the atom with the fewest candidates (the first of them on a tie)."""
        return self.winners[1]

    def set(self, position: int, key: int) -> None:
        """Key the atom at ``position`` by ``key`` (``_ABSENT`` takes it out of the choice)."""
        keys, winners = self.keys, self.winners
        keys[position] = key
        node = (position + self.offset) >> 1
        while node:
            left, right = winners[2 * node], winners[2 * node + 1]
            winner = left if keys[left] <= keys[right] else right
            if winners[node] == winner != position:
                return  # nothing above this node changes
            winners[node] = winner
            node >>= 1


class _AtomsLeft:
    """The atoms of a pattern that the current path of a search has not matched yet, keyed for
    the choice of the next: binding variables recounts the atoms they occur in, and backtracking
    restores the keys it changed, so a step costs what the atoms it touches cost, and a path
    holds each key change once. The instance must not change while the search runs.

    An atom's key is its candidate count under the current binding; ``zero_last`` keys the atoms
    without candidates after all others (for a search that may leave atoms out)."""

    __slots__ = ("atoms", "binding", "choice", "inst", "occurs", "size", "zero_last")

    def __init__(self, atoms: list[Atom], binding: dict[str, int], inst: Instance, zero_last: bool = False) -> None:
        self.atoms, self.binding, self.inst, self.zero_last = atoms, binding, inst, zero_last
        self.choice = _ChoiceTree([self._key(atom) for atom in atoms])
        self.size = len(atoms)
        self.occurs: dict[str, list[int]] = {}
        for position, atom in enumerate(atoms):
            for var in dict.fromkeys(atom.args):
                if var not in binding:
                    self.occurs.setdefault(var, []).append(position)

    def _key(self, atom: Atom) -> int:
        count = _candidate_count(atom, self.binding, self.inst)
        return _NONE_LAST if count == 0 and self.zero_last else count

    def first(self) -> tuple[int, int]:
        """The position of the atom with the least key (the first of them on a tie), and its key."""
        position = self.choice.first()
        return position, self.choice.keys[position]

    def take(self, position: int) -> None:
        """Count the atom at ``position`` as matched (or left out) on the current path."""
        self.choice.set(position, _ABSENT)
        self.size -= 1

    def put_back(self, position: int, key: int) -> None:
        """Undo :meth:`take` of the atom at ``position``, whose key was ``key``."""
        self.choice.set(position, key)
        self.size += 1

    def rekey(self, added: list[str]) -> list[tuple[int, int]]:
        """Rekey the atoms left that the newly bound variables ``added`` occur in; the keys that
        changed, with what they were, for :meth:`restore`."""
        keys, atoms, choice = self.choice.keys, self.atoms, self.choice
        changed = []
        for var in added:
            for position in self.occurs[var]:
                key = keys[position]
                if key != _ABSENT:
                    new = self._key(atoms[position])
                    if new != key:
                        changed.append((position, key))
                        choice.set(position, new)
        return changed

    def restore(self, changed: list[tuple[int, int]]) -> None:
        """Undo a :meth:`rekey` (before its variables are unbound)."""
        for position, key in reversed(changed):
            self.choice.set(position, key)


class _AtomsScanned:
    """The atoms left of a small pattern, with the interface of :class:`_AtomsLeft`: each choice
    weighs them all afresh, which for a few atoms costs less than keeping their keys."""

    __slots__ = ("atoms", "binding", "inst", "present", "size", "zero_last")

    def __init__(self, atoms: list[Atom], binding: dict[str, int], inst: Instance, zero_last: bool = False) -> None:
        self.atoms, self.binding, self.inst, self.zero_last = atoms, binding, inst, zero_last
        self.present = [True] * len(atoms)
        self.size = len(atoms)

    def first(self) -> tuple[int, int]:
        """The position of the atom with the least key (the first of them on a tie), and its key."""
        best, best_key = -1, _ABSENT
        binding, inst, present = self.binding, self.inst, self.present
        for position, atom in enumerate(self.atoms):
            if present[position]:
                key = _candidate_count(atom, binding, inst)
                if key == 0:
                    if not self.zero_last:
                        return position, 0
                    key = _NONE_LAST
                if key < best_key:
                    best, best_key = position, key
        return best, best_key

    def take(self, position: int) -> None:
        """Count the atom at ``position`` as matched (or left out) on the current path."""
        self.present[position] = False
        self.size -= 1

    def put_back(self, position: int, key: int) -> None:
        """Undo :meth:`take` of the atom at ``position``."""
        self.present[position] = True
        self.size += 1

    def rekey(self, added: list[str]) -> list[tuple[int, int]]:
        """Nothing to rekey: :meth:`first` weighs the atoms afresh."""
        return _NOTHING_CHANGED

    def restore(self, changed: list[tuple[int, int]]) -> None:
        """Nothing to restore."""


_NOTHING_CHANGED: list[tuple[int, int]] = []
_SCAN_BELOW = 32  # patterns of fewer atoms are weighed afresh at each choice


def _atoms_left(atoms: list[Atom], binding: dict[str, int], inst: Instance,
                zero_last: bool = False) -> _AtomsLeft | _AtomsScanned:
    """The atoms left to match, kept as suits the pattern's size."""
    kind = _AtomsScanned if len(atoms) < _SCAN_BELOW else _AtomsLeft
    return kind(atoms, binding, inst, zero_last)


def _search(atoms: list[Atom], binding: dict[str, int], inst: Instance, counter: StepCounter
            ) -> Iterator[dict[str, int]]:
    """Backtracking over the atoms, most constrained first (the atom with the fewest candidates
    under the current assignment, the first in pattern order on a tie); the atoms weighed for a
    choice count towards the run's steps (not the search's own limit, which counts candidates).
    Iterative, one frame per matched atom on an explicit stack, so patterns of any size are
    searched without deep recursion."""
    left = _atoms_left(atoms, binding, inst)
    # a frame: [the atom's position, its key when chosen, its candidates, the variables its
    # current match bound, the keys that match changed]
    frames: list[list[Any]] = []
    descend = True
    while True:
        if descend:
            if not left.size:
                yield dict(binding)
            else:
                counter.add_outside_limit(left.size)
                position, key = left.first()
                if key:
                    left.take(position)
                    frames.append([position, key, _candidates(atoms[position], binding, inst), None, None])
        descend = False
        while frames and not descend:
            frame = frames[-1]
            if frame[3] is not None:
                left.restore(frame[4])
                for var in frame[3]:
                    del binding[var]
                frame[3] = None
            atom = atoms[frame[0]]
            for values in frame[2]:
                counter.add(1)
                added = _bind(atom, values, binding)
                if added is not None:
                    frame[3], frame[4] = added, left.rekey(added)
                    descend = True
                    break
            else:
                frames.pop()
                left.put_back(frame[0], frame[1])
        if not descend:
            return


def independent_parts(atoms: Sequence[Atom], bound: set[str]) -> list[list[Atom]]:
    """Split atoms into groups that share no unbound variable: each group in pattern order, the
    groups in the order of their last atom. Union-find over the variables, so linear in the
    pattern (a group per atom of a long pattern costs no more than one group)."""
    parent: dict[str, str] = {}

    def find(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    owners: list[str | None] = []
    for atom in atoms:
        free = [v for v in atom.args if v not in bound]
        for v in free:
            parent.setdefault(v, v)
        for v in free[1:]:
            a, b = find(free[0]), find(v)
            if a != b:
                parent[b] = a
        owners.append(free[0] if free else None)
    members: dict[object, list[int]] = {}
    for i, owner in enumerate(owners):
        members.setdefault(find(owner) if owner is not None else i, []).append(i)
    groups = sorted(members.values(), key=lambda group: group[-1])
    order = {id(a): i for i, a in enumerate(atoms)}
    if len(order) == len(atoms):  # no atom twice: each group is in pattern order already
        return [[atoms[i] for i in group] for group in groups]
    return [sorted((atoms[i] for i in group), key=lambda a: order[id(a)]) for group in groups]


def _start(pattern: Sequence[Atom], inst: Instance, fixed: Mapping[str, int] | None) -> dict[str, int]:
    names = set(_variables(pattern))
    return {v: inst.find(n) for v, n in (fixed or {}).items() if v in names}


def homomorphisms(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None,
                  budget_steps: int = DEFAULT_STEPS) -> Iterator[dict[str, int]]:
    """All homomorphisms of ``pattern`` into ``instance`` that extend ``fixed``.

    Each is a dict from the pattern's variables to entities; the order is deterministic. Fixed
    variables not in the pattern are ignored, and fixed entities are followed through merges.
    Raises :class:`SearchBudgetExceeded` after ``budget_steps`` steps (a candidate tried, or an
    atom weighed for the next choice), or once the run's budget is exhausted.
    """
    atoms = list(pattern)
    binding = _start(atoms, instance, fixed)
    if any(n not in instance.graph for n in binding.values()):
        return
    counter = StepCounter(budget_steps)
    try:
        counter.add_outside_limit(len(atoms))  # splitting the pattern into its parts
        parts = independent_parts(atoms, set(binding))
        if all(next(_search(part, dict(binding), instance, counter), None) is not None
               for part in (parts if len(parts) > 1 else ())):
            yield from _search(atoms, binding, instance, counter)
    except GeneratorExit:
        counter.settle(quiet=True)
        raise
    counter.settle()


def find_homomorphism(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None,
                      budget_steps: int = DEFAULT_STEPS) -> dict[str, int] | None:
    """The first homomorphism of :func:`homomorphisms`, or None if there is none."""
    return next(homomorphisms(pattern, instance, fixed, budget_steps), None)


def best_partial_match(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None,
                       budget_steps: int = 3_000) -> tuple[dict[str, int], list[Atom]]:
    """A mapping that makes as many atoms of ``pattern`` true as the search finds.

    Returns the mapping (variables of matched atoms, and fixed ones) and the unmatched atoms in
    pattern order; the unmatched list is empty exactly when a full homomorphism exists. The
    search is branch and bound over "match this atom, or leave it out", most constrained atom
    first, and stops after ``budget_steps`` with the best mapping found so far.
    """
    atoms = list(pattern)
    full = find_homomorphism(atoms, instance, fixed)
    if full is not None:
        return full, []
    binding = _start(atoms, instance, fixed)
    if any(n not in instance.graph for n in binding.values()):
        return binding, atoms
    best: list[Any] = [-1, dict(binding), atoms]
    left = budget_steps
    weighed = 0
    skipped: list[Atom] = []
    rest = _atoms_left(atoms, binding, instance, zero_last=True)

    def enter(matched: int) -> list[Any] | None:
        """A frame for "match the most constrained atom left, or leave it out", or None when
        this branch ends here (a leaf, the budget, or no better than the best)."""
        nonlocal weighed
        if left <= 0 or matched + rest.size <= best[0]:
            return None
        if not rest.size:
            best[:] = [matched, dict(binding), list(skipped)]
            return None
        weighed += rest.size
        position, key = rest.first()
        rest.take(position)
        # [the atom's position, its key when chosen, matched, candidates, variables bound by the
        # current match, the keys that match changed, leaving it out?]
        return [position, key, matched, _candidates(atoms[position], binding, instance), None, None, False]

    # Branch and bound, iteratively: first every match of the chosen atom, then leaving it out.
    frames = [f for f in [enter(0)] if f is not None]
    while frames:
        frame = frames[-1]
        position, key, matched, candidates, added, changed, leaving_out = frame
        if leaving_out:
            skipped.pop()
            frames.pop()
            rest.put_back(position, key)
            continue
        if added is not None:
            rest.restore(changed)
            for v in added:
                del binding[v]
            frame[4] = None
        atom = atoms[position]
        child = None
        for values in candidates:
            left -= 1
            if left <= 0:
                break
            added = _bind(atom, values, binding)
            if added is None:
                continue
            changed = rest.rekey(added)
            child = enter(matched + 1)
            if child is not None:
                frame[4], frame[5] = added, changed
                break
            rest.restore(changed)
            for v in added:
                del binding[v]
        if child is not None:
            frames.append(child)
            continue
        frame[6] = True
        skipped.append(atom)
        child = enter(matched)
        if child is not None:
            frames.append(child)

    run_budget.charge(budget_steps - max(left, 0) + weighed)
    order = {id(a): i for i, a in enumerate(atoms)}
    unmatched = sorted(best[2], key=lambda a: order[id(a)])
    if not unmatched:  # the search was cut short before its first leaf
        unmatched = atoms
    return best[1], unmatched
