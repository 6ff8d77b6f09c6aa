"""The decision procedures of LANGUAGE.md: implication and satisfiability, with justifications.

``A implies B`` under a theory: chase the canonical instance of ``A``; if the chase fails, ``A``
is unsatisfiable and the implication holds; otherwise it holds exactly when ``B`` maps into the
chased instance with its shared variables fixed. A chased formula (:class:`ChasedFormula`) can
be reused for many right-hand sides, which is how classification chases each concept once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

from . import modelcheck
from .chase import BUDGET, FAILED, ChaseResult, Failure, chase, may_extend
from .homomorphism import SearchBudgetExceeded, best_partial_match, find_homomorphism
from .instance import Fact, Instance
from .logic import DEFAULT_BUDGET, Atom, Axiom, Budget, Theory
from .necessity import Goal, Necessity
from .run_budget import stop_at_run_limit
from .status import Answer, ChaseStatus, Limit, Satisfiability

HOLDS, FAILS, UNKNOWN = Answer.HOLDS, Answer.FAILS, Answer.UNKNOWN
VERIFY_LIMIT = 400


def canonical_instance(atoms: Sequence[Atom]) -> tuple[Instance, dict[str, int]]:
    """Each variable of ``atoms`` becomes a distinct unnamed entity labelled by its name."""
    inst = Instance()
    var_map: dict[str, int] = {}
    for atom in atoms:
        for v in atom.args:
            if v not in var_map:
                var_map[v] = inst.add_entity(v)
    for atom in atoms:
        inst.add_fact(atom.pred, tuple(var_map[v] for v in atom.args))
    return inst, var_map


@dataclass
class ChasedFormula:
    """A conjunction of atoms, its canonical instance chased under a theory."""

    atoms: tuple[Atom, ...]
    result: ChaseResult
    var_map: dict[str, int]

    @property
    def status(self) -> ChaseStatus:
        return self.result.status

    @property
    def instance(self) -> Instance:
        return self.result.instance

    @property
    def failure(self) -> Failure | None:
        return self.result.failure

    def node(self, var: str) -> int:
        """The entity the variable ``var`` is after the chase."""
        return self.instance.find(self.var_map[var])

    def current_map(self) -> dict[str, int]:
        return {v: self.node(v) for v in self.var_map}


def chase_formula(theory: Theory, atoms: Sequence[Atom], budget: Budget = DEFAULT_BUDGET) -> ChasedFormula:
    """Chase the canonical instance of ``atoms`` under ``theory``."""
    inst, var_map = canonical_instance(atoms)
    return ChasedFormula(tuple(atoms), chase(inst, theory, budget, copy=False), var_map)


def chase_further(chased: ChasedFormula, settled: Theory, theory: Theory,
                  budget: Budget = DEFAULT_BUDGET, consume: bool = False) -> ChasedFormula:
    """``chased`` (chased under ``settled``, whose axioms are among ``theory``'s) chased under
    ``theory``: a formula chased under a framing, chased on under a framing that extends it.

    The chase goes on from the chased instance, with the rules ``settled`` lacks on the facts of
    their body predicates and the others on what they add, so the result is a universal model
    of the formula under ``theory`` as a chase from the start gives one: the same status, and
    the same answers to every homomorphism question. The limits count from the formula's
    canonical instance, and when they are reached the formula is chased again from the start,
    so that the limits stop no chase that a chase from the start finishes. When no rule
    ``settled`` lacks can apply (one whose body predicates all have facts), or the chase adds
    nothing, ``chased`` itself is the result. ``chased`` is left as it was unless ``consume``
    (nothing else needs it any more): then its instance is chased on in place, not copied.
    """
    if chased.status is not ChaseStatus.OK:
        return chase_formula(theory, chased.atoms, budget)
    inst = chased.instance
    if not may_extend(inst, theory, settled):
        return chased
    given_facts, given_entities = len(set(chased.atoms)), len(chased.var_map)
    left = Budget(max(0, budget.max_entities - (inst.num_entities() - given_entities)),
                  max(0, budget.max_facts - (inst.num_facts() - given_facts)), budget.max_search_steps)
    steps = max(0, 10 * budget.max_search_steps + 100 * given_facts - chased.result.steps)
    with nullcontext() if consume else inst.trial():
        size = inst.log_size(), inst.num_entities()
        result = chase(inst, theory, left, copy=False, max_steps=steps, since=size[0], settled=settled)
        if result.status is ChaseStatus.OK and (inst.log_size(), inst.num_entities()) == size:
            return chased
        if result.status is not BUDGET:
            before = chased.result
            fired = dict(before.fired)
            for label, count in result.fired.items():
                fired[label] = fired.get(label, 0) + count
            whole = replace(result, instance=inst if consume else inst.copy(), rounds=before.rounds + result.rounds,
                            steps=before.steps + result.steps, fired=fired)
            return ChasedFormula(chased.atoms, whole, chased.var_map)
    return chase_formula(theory, chased.atoms, budget)


Justifications = dict[tuple[Axiom, ...], list[Axiom]]


def minimal_justification(theory: Theory, still_holds: Callable[[Theory], bool],
                          seed: Iterable[str], known: Justifications | None = None,
                          goal: Goal | None = None) -> list[Axiom]:
    """A minimal list of axioms (theory order) under which ``still_holds`` is true.

    Starts from the axioms labelled in ``seed`` (from the whole theory if the seed does not
    suffice) and drops each axiom whose removal keeps ``still_holds`` true. Since entailment is
    monotone in the axioms, dropping any one axiom of the result makes ``still_holds`` false.
    Raises ``ValueError`` if even the whole theory does not suffice.

    ``goal`` describes at the level of predicates what ``still_holds`` needs (see
    :mod:`.necessity`): an axiom it proves necessary is kept without asking ``still_holds``,
    which would say false, so the result is the same, with one chase fewer.

    ``known`` keeps, for one property, the result from each seed that sufficed: the search
    depends on nothing else, so a framing whose chase gives the same seed as another framing's
    gets that framing's answer without chasing again.
    """
    current = list(theory.select(seed))
    start = tuple(current)
    if known is not None and start in known:
        return list(known[start])
    seeded = still_holds(theory.subset(start))
    if not seeded:
        current = list(theory.axioms)
        if not still_holds(theory):
            raise ValueError("the property does not hold under the whole theory")
    necessity = Necessity(current, goal) if goal is not None else None
    necessary = necessity.dominating(current) if necessity is not None else set()
    dropped = False
    for axiom in list(current):
        if id(axiom) in necessary:
            if axiom.is_group:
                current, dropped = _with_pairs_needed(theory, still_holds, current, axiom), True
            continue
        if necessity is not None and necessity.needed(current, axiom):
            if axiom.is_group:
                current, dropped = _with_pairs_needed(theory, still_holds, current, axiom), True
            if dropped:
                necessary, dropped = necessity.dominating(current), False
            continue
        trial = [a for a in current if a is not axiom]
        if still_holds(theory.subset(tuple(trial))):
            current, dropped = trial, True
        elif axiom.is_group:
            current, dropped = _with_pairs_needed(theory, still_holds, current, axiom), True
    if known is not None and seeded:
        known[start] = list(current)
    return current


def _with_pairs_needed(theory: Theory, still_holds: Callable[[Theory], bool], current: list[Axiom],
                       group: Axiom) -> list[Axiom]:
    """``current`` with ``group``, which it needs, cut down to the pairs it needs, in its place."""
    position = next(i for i, a in enumerate(current) if a is group)
    others = current[:position] + current[position + 1:]
    return others[:position] + _pairs_needed(theory, still_holds, others, position, group) + others[position:]


def _pairs_needed(theory: Theory, still_holds: Callable[[Theory], bool], others: list[Axiom], position: int,
                  group: Axiom) -> list[Axiom]:
    """The pairs of ``group`` (needed among ``others``, in its place at ``position``) that are
    left when each of its pairs is dropped in turn while ``still_holds`` stays true, as for
    the group's pairs one by one; found by bisection over the pairs still to be tried."""
    n = len(group.members)
    ranks = n * (n - 1) // 2
    kept: list[Axiom] = []

    def holds_from(rank: int) -> bool:
        rest = [group.from_pair(*_pair_at(rank, n))] if rank < ranks else []
        return still_holds(theory.subset(tuple(others[:position] + kept + rest + others[position:])))

    low = _rank(group.start, n)
    while low < ranks and not holds_from(ranks):
        # the pairs from ``low`` on are needed: the last rank from which they still suffice is kept
        high = ranks - 1
        while low < high:
            middle = (low + high + 1) // 2
            if holds_from(middle):
                low = middle
            else:
                high = middle - 1
        kept.append(group.pair(*_pair_at(low, n)))
        low += 1
    return kept


def _rank(pair: tuple[int, int], n: int) -> int:
    """The position of the pair ``(i, j)``, i < j, among the pairs of n members in order."""
    i, j = pair
    return i * (2 * n - i - 1) // 2 + (j - i - 1)


def _pair_at(rank: int, n: int) -> tuple[int, int]:
    """The pair at position ``rank`` among the pairs of n members in order."""
    low, high = 0, n - 2
    while low < high:
        middle = (low + high + 1) // 2
        if _rank((middle, middle + 1), n) <= rank:
            low = middle
        else:
            high = middle - 1
    return low, low + 1 + rank - _rank((low, low + 1), n)


def _failure_seed(inst: Instance, failure: Failure) -> set[str]:
    return {failure.axiom.label} | inst.axioms_used(failure.facts)


def _identity_seed(inst: Instance, nodes: Iterable[int]) -> set[str]:
    """Axioms behind the merges that turned the given original entities into what they are."""
    labels: set[str] = set()
    for node in nodes:
        for step in inst.merge_steps(node):
            if step.axiom is not None:
                labels.add(step.axiom.label)
            labels |= inst.axioms_used(step.premises)
    return labels


@dataclass
class ImplicationResult:
    """The answer to ``lhs implies rhs``.

    ``instance`` is the chased canonical instance of the left side (the counterexample when the
    implication fails) and ``var_map`` maps left-side variables to its entities. ``unmatched``
    lists right-side atoms that found no match; ``match`` maps right-side variables when it
    holds. ``verified`` tells whether the naive model checker confirmed the counterexample
    (None: not checked). ``limit`` says which limit left the answer unknown.
    """

    status: Answer
    lhs_unsatisfiable: bool = False
    instance: Instance | None = None
    var_map: dict[str, int] = field(default_factory=dict)
    unmatched: list[Atom] = field(default_factory=list)
    justification: list[Axiom] | None = None
    failure: Failure | None = None
    match: dict[str, int] | None = None
    verified: bool | None = None
    limit: Limit | None = None


def _shared(lhs: Sequence[Atom], rhs: Sequence[Atom]) -> list[str]:
    left = {v for a in lhs for v in a.args}
    return list(dict.fromkeys(v for a in rhs for v in a.args if v in left))


def implication_in(chased: ChasedFormula, rhs: Sequence[Atom], budget: Budget = DEFAULT_BUDGET,
                   explain: bool = True) -> ImplicationResult:
    """Decide ``chased.atoms implies rhs`` from an already chased left side (no justification).

    With ``explain``, a failed implication lists the right-side atoms left unmatched by the best
    partial match."""
    inst = chased.instance
    current = chased.current_map()
    if chased.status is FAILED:
        return ImplicationResult(HOLDS, True, inst, current, failure=chased.failure)
    if chased.status is BUDGET:
        return ImplicationResult(UNKNOWN, False, inst, current, limit=chased.result.limit)
    fixed = {v: current[v] for v in _shared(chased.atoms, rhs)}
    try:
        match = find_homomorphism(rhs, inst, fixed, budget.max_search_steps)
    except SearchBudgetExceeded as exc:
        return ImplicationResult(UNKNOWN, False, inst, current, limit=exc.limit)
    if match is not None:
        return ImplicationResult(HOLDS, False, inst, current, match=match)
    unmatched = best_partial_match(rhs, inst, fixed)[1] if explain else []
    return ImplicationResult(FAILS, False, inst, current, unmatched=unmatched)


def _implication_holds(theory: Theory, lhs: Sequence[Atom], rhs: Sequence[Atom], budget: Budget) -> bool:
    result = implication_in(chase_formula(theory, lhs, budget), rhs, budget, explain=False)
    stop_at_run_limit(result.limit)
    return result.status is HOLDS


def verify_counterexample(theory: Theory, lhs: Sequence[Atom], rhs: Sequence[Atom],
                          instance: Instance, var_map: dict[str, int]) -> bool:
    """Naive check that ``instance`` satisfies ``theory`` and ``lhs`` but not ``rhs``."""
    fixed = {v: var_map[v] for v in _shared(lhs, rhs)}
    return (not modelcheck.violations(instance, theory) and modelcheck.holds(lhs, instance, var_map)
            and not modelcheck.holds(rhs, instance, fixed))


def decide_implication(theory: Theory, lhs: Sequence[Atom], rhs: Sequence[Atom], budget: Budget = DEFAULT_BUDGET,
                       justify: bool = True, verify: bool = True, explain: bool = True,
                       known: Justifications | None = None) -> ImplicationResult:
    """Decide whether ``lhs`` implies ``rhs`` under ``theory`` (see LANGUAGE.md, "Meaning").

    Raises :class:`SearchBudgetExceeded` when the run's budget runs out while a justification is
    sought (the answer alone would say less than was asked for).

    Variables of ``rhs`` that occur in ``lhs`` are fixed to their left-side entity; the others
    are existential. With ``justify``, a holding implication gets a minimal justification
    (``known``: the justifications of this implication found so far, see
    :func:`minimal_justification`). With ``verify``, a counterexample of at most
    ``VERIFY_LIMIT`` facts is checked by brute force; with ``explain``, it lists the right-side
    atoms that found no match.
    """
    chased = chase_formula(theory, lhs, budget)
    result = implication_in(chased, rhs, budget, explain)
    inst = chased.instance
    if result.status is HOLDS and justify:
        if chased.failure is not None:
            seed = _failure_seed(inst, chased.failure)
        else:
            match = result.match or {}
            matched = [(a.pred, tuple(match[v] for v in a.args)) for a in rhs]
            seed = inst.axioms_used(matched)
            seed |= _identity_seed(inst, (chased.var_map[v] for v in _shared(lhs, rhs)))
        goal = Goal(frozenset(a.pred for a in lhs), frozenset(a.pred for a in rhs), by_failure=True)
        result.justification = minimal_justification(
            theory, lambda t: _implication_holds(t, lhs, rhs, budget), seed, known, goal)
    if result.status is FAILS and verify and inst.num_facts() <= VERIFY_LIMIT:
        result.verified = verify_counterexample(theory, lhs, rhs, inst, result.var_map)
    return result


def verify_model(theory: Theory, atoms: Sequence[Atom], instance: Instance, var_map: dict[str, int]) -> bool:
    """Naive check that ``instance`` satisfies ``theory`` and makes ``atoms`` true."""
    return not modelcheck.violations(instance, theory) and modelcheck.holds(atoms, instance, var_map)


@dataclass
class SatisfiabilityResult:
    """The answer to "can ``atoms`` hold together under the theory"; ``limit`` says which limit
    left it unknown."""

    status: Satisfiability
    instance: Instance | None = None
    var_map: dict[str, int] = field(default_factory=dict)
    failure: Failure | None = None
    justification: list[Axiom] | None = None
    limit: Limit | None = None
    verified: bool | None = None


def _unsatisfiable(theory: Theory, atoms: Sequence[Atom], budget: Budget) -> bool:
    result = chase_formula(theory, atoms, budget).result
    stop_at_run_limit(result.limit)
    return result.status is FAILED


def decide_satisfiable(theory: Theory, atoms: Sequence[Atom], budget: Budget = DEFAULT_BUDGET,
                       justify: bool = True, known: Justifications | None = None) -> SatisfiabilityResult:
    """Decide whether some world satisfying ``theory`` makes ``atoms`` true.

    When unsatisfiable, ``failure`` says what the chase ran into and, with ``justify``,
    ``justification`` is a minimal set of axioms that already makes ``atoms`` unsatisfiable
    (``known`` as for :func:`decide_implication`).
    """
    chased = chase_formula(theory, atoms, budget)
    result = SatisfiabilityResult(Satisfiability.UNKNOWN, chased.instance, chased.current_map(), chased.failure,
                                  limit=chased.result.limit)
    if chased.failure is not None:
        result.status = Satisfiability.UNSATISFIABLE
        if justify:
            goal = Goal(frozenset(a.pred for a in atoms), None, by_failure=True)
            result.justification = minimal_justification(
                theory, lambda t: _unsatisfiable(t, atoms, budget), _failure_seed(chased.instance, chased.failure),
                known, goal)
    elif chased.status is not BUDGET:
        result.status = Satisfiability.SATISFIABLE
        if chased.instance.num_facts() <= VERIFY_LIMIT:
            result.verified = verify_model(theory, atoms, chased.instance, result.var_map)
    return result


def failure_facts_given(instance: Instance, failure: Failure) -> list[Fact]:
    """The given facts a failure was derived from (what a user wrote that caused it)."""
    return instance.given_facts(failure.facts)
