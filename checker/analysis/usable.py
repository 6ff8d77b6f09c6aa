"""Which concepts, claims and scenarios the reasoner can take up: those whose every concept,
followed through the concepts it uses, resolved completely and is not circular.

The walks are iterative, so a chain of concepts of any length is decided without exhausting the
interpreter's stack; a concept on a cycle (reported as ``circular-definition`` by the model) is
not usable, nor is anything that uses it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.symbols import ClaimSym, ConceptSym, ScenarioSym


def _own_ok(concept: ConceptSym) -> bool:
    return concept.complete and all(kind is not None for _, kind in concept.params)


def _uses(concept: ConceptSym) -> Iterable[ConceptSym]:
    if not _own_ok(concept):
        return iter(())
    return (atom.pred for atom in concept.body if isinstance(atom.pred, ConceptSym))


def concept_usable(concept: ConceptSym, memo: dict[int, bool] | None = None) -> bool:
    """Whether a concept and every concept it uses resolved completely and is not circular.

    ``memo`` (by ``id``) may be shared between calls on the concepts of one spec.
    """
    memo = {} if memo is None else memo
    key = id(concept)
    if key in memo:
        return memo[key]
    memo[key] = False  # while it is being decided: reaching it again means a cycle
    ok = {key: _own_ok(concept)}
    stack = [(concept, iter(_uses(concept)))]
    while stack:
        current, pending = stack[-1]
        for used in pending:
            if id(used) in memo:
                if not memo[id(used)]:
                    ok[id(current)] = False
                continue
            memo[id(used)] = False
            ok[id(used)] = _own_ok(used)
            stack.append((used, iter(_uses(used))))
            break
        else:
            stack.pop()
            memo[id(current)] = ok[id(current)]
            if stack and not ok[id(current)]:
                ok[id(stack[-1][0])] = False
    return memo[key]


def claim_usable(claim: ClaimSym, memo: dict[int, bool] | None = None) -> bool:
    """Whether a claim resolved completely and every concept on either side is usable."""
    if not claim.complete:
        return False
    memo = {} if memo is None else memo
    for side in (claim.left, claim.right):
        if side is None:
            continue
        predicates = [side.concept] if side.concept is not None else [a.pred for a in side.atoms]
        for predicate in predicates:
            if isinstance(predicate, ConceptSym) and not concept_usable(predicate, memo):
                return False
    return True


def scenario_usable(scenario: ScenarioSym, memo: dict[int, bool] | None = None) -> bool:
    """Whether a scenario resolved completely and every concept its facts and expectations use
    is usable."""
    if not scenario.complete:
        return False
    memo = {} if memo is None else memo
    atoms = [*scenario.facts, *(e.atom for e in scenario.expects if e.atom is not None)]
    return all(concept_usable(a.pred, memo) for a in atoms if isinstance(a.pred, ConceptSym))
