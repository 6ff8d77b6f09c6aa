"""A deliberately naive model checker, sharing no code with the chase or the matcher.

It reads an instance only through its list of facts and enumerates assignments by brute force,
so that it can vouch for what the fast code builds: every counterexample is checked here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .instance import Fact, Instance
from .logic import Atom, Axiom, AxiomKind, Theory


def _assignments(pattern: Sequence[Atom], facts: list[Fact], start: dict[str, int]) -> Iterator[dict[str, int]]:
    """Every assignment extending ``start`` that maps each atom onto some fact (nested loops,
    one per atom, kept on an explicit stack rather than in recursive calls)."""
    # stack[i]: (the assignment before atom i, the index of the next fact to try for atom i)
    stack: list[tuple[dict[str, int], int]] = [(dict(start), 0)]
    while stack:
        depth = len(stack) - 1
        if depth == len(pattern):
            yield dict(stack.pop()[0])
            continue
        assignment, position = stack.pop()
        atom = pattern[depth]
        while position < len(facts):
            pred, args = facts[position]
            position += 1
            if pred != atom.pred or len(args) != len(atom.args):
                continue
            extended = dict(assignment)
            if all(extended.setdefault(var, value) == value for var, value in zip(atom.args, args)):
                stack.append((assignment, position))
                stack.append((extended, 0))
                break


def holds(pattern: Sequence[Atom], instance: Instance, fixed: Mapping[str, int] | None = None) -> bool:
    """Whether some assignment extending ``fixed`` makes every atom of ``pattern`` a fact."""
    start = {v: instance.find(n) for v, n in (fixed or {}).items()}
    return next(_assignments(list(pattern), instance.facts(), start), None) is not None


def _has_cycle(edges: set[tuple[int, ...]]) -> bool:
    """Naive: a relation has a cycle iff some edge ``(s, t)`` has ``s`` reachable from ``t``."""
    for s, t in edges:
        seen, frontier = {t}, [t]
        while frontier:
            node = frontier.pop()
            if node == s:
                return True
            for a, b in edges:
                if a == node and b not in seen:
                    seen.add(b)
                    frontier.append(b)
    return False


def violated_pairs(group: Axiom, instance: Instance) -> list[Axiom]:
    """The pairs of the group of disjoint predicates ``group`` that ``instance`` violates, in order."""
    positions: dict[str, list[int]] = {}
    for i, member in enumerate(group.members):
        positions.setdefault(member, []).append(i)
    holding: dict[tuple[int, ...], list[int]] = {}
    for pred, args in instance.facts():
        if pred in positions:
            holding.setdefault(args, []).extend(positions[pred])
    pairs = {(i, j) for members in holding.values() for i in members for j in members
             if i < j and (i, j) >= group.start}
    return [(group.group or group).pair(*pair) for pair in sorted(pairs)]


def satisfied(axiom: Axiom, instance: Instance) -> bool:
    """Whether ``instance`` satisfies ``axiom``."""
    if axiom.is_group:
        return not violated_pairs(axiom, instance)
    facts = instance.facts()
    if axiom.kind is AxiomKind.ACYCLIC:
        return not _has_cycle({args for pred, args in facts if pred == axiom.relation and len(args) == 2})
    for match in _assignments(list(axiom.body), facts, {}):
        if axiom.is_false:
            return False
        if axiom.equality is not None:
            if match[axiom.equality[0]] != match[axiom.equality[1]]:
                return False
        elif next(_assignments(list(axiom.head), facts, match), None) is None:
            return False
    return True


def violations(instance: Instance, theory: Theory) -> list[Axiom]:
    """The axioms of ``theory`` that ``instance`` does not satisfy, in theory order."""
    out = []
    for axiom in theory.axioms:
        if axiom.is_group:
            out.extend(violated_pairs(axiom, instance))
        elif not satisfied(axiom, instance):
            out.append(axiom)
    return out
