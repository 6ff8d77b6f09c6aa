"""The restricted chase: add what the axioms demand until nothing more is demanded.

Evaluation is semi-naive: a round looks only at body matches that use at least one fact added
since that group of rules last ran, so work grows with what is new. Rules without existential
variables (and equalities and denials) are run to a fixpoint before any existential rule fires,
and an existential rule fires only when no extension of its body match already satisfies its
head. Equalities merge entities (two named entities may not merge); ``false`` and a cycle of an
``acyclic`` relation make the chase fail. Limits from the :class:`Budget` stop it with status
``BUDGET`` and the :class:`Limit` reached; a failure found before the limit is still reported,
since facts only accumulate.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ..gc_pause import collector_paused
from .acyclicity import acyclic_violation
from .instance import Derivation, Fact, Instance
from .join import JoinPlan, slot_map
from .logic import DEFAULT_BUDGET, Atom, Axiom, AxiomKind, AxiomSet, Budget, Theory
from .run_budget import SearchBudgetExceeded, StepCounter
from .status import ChaseStatus, Limit

OK, FAILED, BUDGET = ChaseStatus.OK, ChaseStatus.FAILED, ChaseStatus.BUDGET


@dataclass(frozen=True)
class Failure:
    """Why a chase failed: the violated ``axiom`` and the ``facts`` involved.

    For a denial, the facts its body matched; for an equality between two named entities, the
    facts that forced it; for an acyclic relation, the edges of one cycle in order.
    """

    axiom: Axiom
    facts: tuple[Fact, ...]


@dataclass
class ChaseResult:
    """How the chase ended (``status``), the chased ``instance``, the :class:`Failure` of a failed
    chase and the :class:`Limit` that stopped one at ``BUDGET``."""

    status: ChaseStatus
    instance: Instance
    failure: Failure | None = None
    rounds: int = 0
    steps: int = 0
    fired: dict[str, int] = field(default_factory=dict)
    limit: Limit | None = None


Values = list[Any]   # one entity id (or None while unbound) per variable slot of a rule


_Compact = tuple[str, tuple[int, ...]]   # an atom as its predicate and the slots of its arguments


def _facts(atoms: Sequence[_Compact], values: Values) -> list[Fact]:
    return [(p, tuple(values[slot] for slot in slots)) for p, slots in atoms]


class _Mode(enum.Enum):
    """What applying a rule does: add facts, add facts with new entities, merge, or fail."""

    FULL = "full"
    EXISTENTIAL = "existential"
    EQUALITY = "equality"
    DENIAL = "denial"
    GROUP = "group"


class _DisjointGroup:
    """A group of disjoint predicates compiled for the chase: each member's positions, and for
    a fact of a member, the first pair it makes with a fact of another member on the same
    arguments (the pair the group's denials, checked in their order, would have met first)."""

    def __init__(self, axiom: Axiom) -> None:
        self.axiom = axiom
        self.positions = axiom.positions()
        self.weight = len(axiom.members) - 1   # the steps of the group's denials that one fact triggers

    def clash(self, inst: Instance, pred: str, args: tuple[int, ...]) -> Failure | None:
        """The violated pair, if the fact ``pred(args)`` meets another member on ``args``."""
        start = self.axiom.start
        mine = self.positions[pred]
        best: tuple[int, int] | None = None
        for other in inst.predicates_on(args):
            theirs = self.positions.get(other)
            if theirs is None:
                continue
            for i in mine:
                for j in theirs:
                    if i != j:
                        key = (i, j) if i < j else (j, i)
                        if key >= start and (best is None or key < best):
                            best = key
        if best is None:
            return None
        group = self.axiom.group or self.axiom
        pair = group.pair(*best)
        return Failure(pair, tuple((group.members[k], args) for k in best))


class _Rule:
    """An axiom compiled for the chase: variable slots and one join plan per body atom."""

    def __init__(self, axiom: Axiom) -> None:
        self.axiom = axiom
        self.group = _DisjointGroup(axiom) if axiom.is_group else None
        self.body = axiom.body
        existentials = [v for a in axiom.head for v in a.args if v not in axiom.body_variables()]
        self.existentials = list(dict.fromkeys(existentials))
        self.slots = slot_map(axiom.body, self.existentials)
        self.size = len(self.slots)
        body_vars = [v for v in self.slots if v not in self.existentials]
        self.plans = [JoinPlan(axiom.body[:i] + axiom.body[i + 1:], atom.args, self.slots)
                      for i, atom in enumerate(axiom.body)]
        if self.group is not None:
            self.mode = _Mode.GROUP
        elif axiom.is_false:
            self.mode = _Mode.DENIAL
        elif axiom.equality is not None:
            self.mode = _Mode.EQUALITY
        elif self.existentials:
            self.mode = _Mode.EXISTENTIAL
            self.head_plan = JoinPlan(axiom.head, body_vars, self.slots)
        else:
            self.mode = _Mode.FULL
        self.head = [self._compact(a) for a in axiom.head]
        self.body_atoms = [self._compact(a) for a in axiom.body]
        self.existential_slots = [(v, self.slots[v]) for v in self.existentials]
        self.entries = [(atom.pred, self.entry(i)) for i, atom in enumerate(axiom.body)]
        if self.group is not None:
            self.entries = [(pred, (self, (), None)) for pred in self.group.positions]

    def _compact(self, atom: Atom) -> _Compact:
        return (atom.pred, tuple(self.slots[v] for v in atom.args))

    def entry(self, i: int) -> _Entry:
        """What the round loop needs to start from a fact matching body atom ``i``."""
        _, slots = self.body_atoms[i]
        plan = self.plans[i]
        return (self, slots, plan if plan.steps else None)

    def body_facts(self, values: Values) -> tuple[Fact, ...]:
        return tuple(_facts(self.body_atoms, values))


_Entry = tuple[_Rule, tuple[int, ...], JoinPlan | None]
# per group: the rule entries by body predicate, the rules with an empty body, and whether the
# group's rules are among those the instance is already chased under (see ``chase``'s ``settled``)
_GroupRules = tuple[dict[str, list[_Entry]], list[_Rule], bool]
_Compiled = tuple[list[_Rule], tuple[Axiom, ...], list[_GroupRules]]


def _compile(theory: Theory) -> _Compiled:
    """Rules, acyclic axioms, and per group (plain rules, existential rules) the rule entries
    by body predicate plus the rules with an empty body.

    Kept in the theory's own memo, so chasing many instances under one theory compiles it once
    and the compiled form lives exactly as long as the theory; each rule is compiled once for
    all the theories that share the theory's ``parts`` (the sub-theories a justification tries,
    the framings of one spec).
    """
    compiled: _Compiled | None = theory.memo.get("chase")
    if compiled is None:
        compiled = theory.memo["chase"] = _compile_uncached(theory)
    return compiled


def _compiled_rule(theory: Theory, axiom: Axiom) -> _Rule:
    rule: _Rule | None = theory.parts.get(id(axiom))
    if rule is None or rule.axiom is not axiom:
        rule = _Rule(axiom)
        theory.parts.setdefault(id(axiom), rule)
    return rule


def _compile_uncached(theory: Theory) -> _Compiled:
    rules = [_compiled_rule(theory, a) for a in theory.axioms if a.kind is not AxiomKind.ACYCLIC]
    groups = [_group([r for r in rules if (r.mode is _Mode.EXISTENTIAL) == existential], True)
              for existential in (False, True)]
    return rules, theory.acyclic_relations(), groups


def _group(members: list[_Rule], settled: bool) -> _GroupRules:
    index: dict[str, list[_Entry]] = {}
    for rule in members:
        for pred, entry in rule.entries:
            index.setdefault(pred, []).append(entry)
    return index, [r for r in members if not r.body and r.group is None], settled


def _compile_after(theory: Theory, settled: Theory) -> tuple[_Compiled, bool]:
    """:func:`_compile` with each group split in two, the rules of ``settled`` first: those
    run on what is new, the others on every fact; and whether ``settled`` has every acyclic
    axiom of ``theory``. Kept in the theory's memo for the last ``settled`` theory asked about."""
    cached = theory.memo.get("chase after")
    if cached is not None and cached[0] is settled:
        after: tuple[_Compiled, bool] = cached[1]
        return after
    compiled_before: _Compiled | None = settled.memo.get("chase")
    added = _added(theory, settled) if compiled_before is not None else None
    if compiled_before is not None and added is not None:
        after = _compile_added(theory, compiled_before, added)
    else:
        rules, acyclic, _ = _compile(theory)
        known = AxiomSet(settled.axioms)
        groups = [_group([r for r in rules
                          if (r.mode is _Mode.EXISTENTIAL) == existential and (r.axiom in known) == old], old)
                  for existential in (False, True) for old in (True, False)]
        after = (rules, acyclic, groups), all(a in known for a in acyclic)
    theory.memo["chase after"] = (settled, after)
    return after


def _added(theory: Theory, settled: Theory) -> tuple[Axiom, ...] | None:
    """The axioms of ``theory`` after those of ``settled``, when ``theory``'s first axioms are
    ``settled``'s (the same objects) and none of the others is among them; else None."""
    before, axioms = settled.axioms, theory.axioms
    if len(axioms) < len(before) or tuple(map(id, axioms[:len(before)])) != tuple(map(id, before)):
        return None
    added = axioms[len(before):]
    labels = set(map(attrgetter("label"), before))   # an axiom equal to one of them has its label
    return None if any(a.label in labels for a in added) else added


def _compile_added(theory: Theory, before: _Compiled, added: tuple[Axiom, ...]) -> tuple[_Compiled, bool]:
    """:func:`_compile_after` for a theory of the axioms of a theory compiled as ``before`` and
    ``added``: the groups of ``before`` are its old groups as they are, and the compiled theory
    is ``before`` with the rules of ``added`` appended (as compiling it from the start gives it)."""
    rules_before, acyclic_before, (plain_before, existential_before) = before
    new_rules = [_compiled_rule(theory, a) for a in added if a.kind is not AxiomKind.ACYCLIC]
    plain = _group([r for r in new_rules if r.mode is not _Mode.EXISTENTIAL], False)
    existential = _group([r for r in new_rules if r.mode is _Mode.EXISTENTIAL], False)
    compiled: _Compiled | None = theory.memo.get("chase")
    if compiled is None:
        acyclic = acyclic_before + tuple(a for a in added if a.kind is AxiomKind.ACYCLIC)
        compiled = theory.memo["chase"] = (rules_before + new_rules, acyclic,
                                           [_joined(plain_before, plain), _joined(existential_before, existential)])
    rules, acyclic, _ = compiled
    groups = [plain_before, plain, existential_before, existential]
    return (rules, acyclic, groups), all(a.kind is not AxiomKind.ACYCLIC for a in added)


def _joined(first: _GroupRules, then: _GroupRules) -> _GroupRules:
    """The group of the rules of ``first`` and then those of ``then``."""
    index = {pred: list(entries) for pred, entries in first[0].items()}
    for pred, entries in then[0].items():
        index.setdefault(pred, []).extend(entries)
    return index, first[1] + then[1], True


def may_extend(instance: Instance, theory: Theory, settled: Theory) -> bool:
    """Whether chasing ``instance``, chased under ``settled`` already, under ``theory`` (whose
    axioms include ``settled``'s) may change it: ``theory`` has an acyclic axiom that ``settled``
    lacks, or a rule that ``settled`` lacks whose body predicates all have facts (a rule whose
    body predicate has none cannot apply, and without new facts the rules of ``settled`` have
    nothing new to look at)."""
    (_rules, _acyclic, groups), acyclic_settled = _compile_after(theory, settled)
    if not acyclic_settled:
        return True
    present = instance.predicates()
    for index, empty, old in groups:
        if old:
            continue
        if empty:
            return True
        rules = {id(rule): rule for entries in index.values() for rule, _, _ in entries}
        if any(_may_apply(rule, present) for rule in rules.values()):
            return True
    return False


def _may_apply(rule: _Rule, present: set[str]) -> bool:
    """Whether ``rule`` may apply to an instance with facts of ``present`` only."""
    if rule.group is not None:
        positions = rule.group.positions
        return sum(len(positions[p]) for p in positions if p in present) >= 2
    return all(atom.pred in present for atom in rule.body)


def _current_facts(inst: Instance, predicates: Iterable[str]) -> list[Fact]:
    """The current facts of ``predicates``: what rules new to an instance chased under other
    rules look at first, rather than the instance's whole log."""
    facts: list[Fact] = []
    for pred in predicates:
        facts.extend((pred, (n,)) for n in inst.members(pred))
        facts.extend((pred, pair) for pair in inst.pairs(pred))
        facts.extend((pred, args) for args in inst.tuples(pred))
    return facts


@dataclass
class _Group:
    """The rules that run together (plain, or existential), indexed by body predicate, with how
    far into the instance's log they have run."""

    index: dict[str, list[_Entry]]
    empty: list[_Rule]
    cursor: int = 0
    started: bool = False
    by_predicate: bool = False   # whether the first round reads the facts of the body predicates, not the log


class _Chase:
    def __init__(self, inst: Instance, theory: Theory, budget: Budget, max_steps: int, since: int = 0,
                 settled: Theory | None = None) -> None:
        self.inst = inst
        self.budget = budget
        self.counter = StepCounter(max_steps)
        self.given_facts = inst.num_facts()
        self.given_entities = inst.num_entities()
        self.limit: Limit | None = None
        self.acyclic_settled = True   # whether the instance up to ``since`` is known to have no cycle
        if settled is None:
            self.rules, self.acyclic, groups = _compile(theory)
        else:
            (self.rules, self.acyclic, groups), self.acyclic_settled = _compile_after(theory, settled)
        self.fired: dict[str, int] = {}
        self.rounds = 0
        self.merges = 0
        self.groups = [_Group(index, empty, since, since > 0) if old
                       else _Group(index, empty, by_predicate=settled is not None)
                       for index, empty, old in groups]

    def over_budget(self) -> Limit | None:
        """The limit this chase has passed, if any."""
        inst, b = self.inst, self.budget
        if inst.num_facts() - self.given_facts > b.max_facts:
            return Limit.FACTS
        if inst.num_entities() - self.given_entities > b.max_entities:
            return Limit.ENTITIES
        if self.counter.steps > self.counter.limit:
            return Limit.STEPS
        return None

    def run(self) -> tuple[ChaseStatus, Failure | None]:
        while True:
            for group in self.groups:
                if not group.started or group.cursor < self.inst.log_size():
                    outcome = self.round(group)
                    if outcome is not None:
                        return outcome
                    break
            else:
                return OK, None

    def round(self, group: _Group) -> tuple[ChaseStatus, Failure | None] | None:
        self.rounds += 1
        inst = self.inst
        start, end = group.cursor, inst.log_size()
        group.cursor = end
        if not group.started:
            group.started = True
            for rule in group.empty:
                outcome = self.apply(rule, [None] * rule.size, self.merges)
                if outcome is not None:
                    return outcome
        index = group.index
        counter = self.counter
        if group.by_predicate:
            group.by_predicate = False
            facts = _current_facts(inst, index)
        else:
            facts = inst.logged(start, end)
        for pred, args in facts:
            entries = index.get(pred)
            if not entries or not inst.has_fact(pred, args):
                continue
            counter.steps += len(entries)
            if counter.steps > counter.bound:
                counter.overflow()
            merges = self.merges
            for rule, slots, plan in entries:
                if self.merges != merges and not inst.has_fact(pred, args):
                    break
                if rule.group is not None:
                    counter.steps += rule.group.weight - 1
                    failure = rule.group.clash(inst, pred, args)
                    if failure is not None:
                        counter.steps += 1
                        return FAILED, failure
                    continue
                values: Values = [None] * rule.size
                consistent = True
                for slot, arg in zip(slots, args):
                    bound = values[slot]
                    if bound is None:
                        values[slot] = arg
                    elif bound != arg:
                        consistent = False
                        break
                if not consistent:
                    continue
                if plan is None:
                    outcome = self.apply(rule, values, merges)
                    if outcome is not None:
                        return outcome
                    continue
                matches = [list(v) for v in plan.run(inst, values, counter)]
                counter.steps += len(matches)
                for vals in matches:
                    outcome = self.apply(rule, vals, merges)
                    if outcome is not None:
                        return outcome
            self.limit = self.over_budget()
            if self.limit is not None:
                return BUDGET, None
        return None

    def apply(self, rule: _Rule, vals: Values, merges: int) -> tuple[ChaseStatus, Failure | None] | None:
        inst = self.inst
        if merges != self.merges:
            find = inst.find
            vals = [find(v) if v is not None else None for v in vals]
        mode = rule.mode
        axiom = rule.axiom
        if mode is _Mode.FULL:
            new = [f for f in _facts(rule.head, vals) if not inst.has_fact(*f)]
            if new:
                derivation = Derivation(axiom, rule.body_facts(vals))
                for pred, args in new:
                    inst.add_fact(pred, args, derivation)
                self.fired[axiom.label] = self.fired.get(axiom.label, 0) + 1
            return None
        if mode is _Mode.EXISTENTIAL:
            if next(iter(rule.head_plan.run(inst, vals, self.counter)), None) is not None:
                return None
            for var, slot in rule.existential_slots:
                vals[slot] = inst.add_entity(var)
            derivation = Derivation(axiom, rule.body_facts(vals))
            for pred, args in _facts(rule.head, vals):
                inst.add_fact(pred, args, derivation)
            self.fired[axiom.label] = self.fired.get(axiom.label, 0) + 1
            return None
        premises = rule.body_facts(vals)
        if mode is _Mode.DENIAL:
            return FAILED, Failure(axiom, premises)
        assert axiom.equality is not None
        x, y = (vals[rule.slots[v]] for v in axiom.equality)
        if x == y:
            return None
        named_x, named_y = inst.is_named(x), inst.is_named(y)
        if named_x and named_y:
            return FAILED, Failure(axiom, premises)
        keep, drop = (x, y) if named_x or (not named_y and x < y) else (y, x)
        inst.merge(keep, drop, axiom, premises)
        self.merges += 1
        self.fired[axiom.label] = self.fired.get(axiom.label, 0) + 1
        return None


def chase(instance: Instance, theory: Theory, budget: Budget = DEFAULT_BUDGET, *, copy: bool = True,
          max_steps: int | None = None, since: int = 0, settled: Theory | None = None) -> ChaseResult:
    """Chase ``instance`` with the axioms of ``theory``.

    Returns a :class:`ChaseResult` whose status is ``FAILED`` (with a :class:`Failure`) when
    a denial matched, an equality would merge two named entities, or an acyclic relation has a
    cycle; ``BUDGET`` (with the :class:`Limit` reached) when the entities or facts it adds to the
    input exceed ``budget``, the join work (candidates tried, one step per rule a new fact
    triggers and one per match of a rule's body) exceeds ``max_steps`` (default ten times
    ``budget.max_search_steps``, plus a hundred steps per given fact, so that large inputs are not
    cut short for their size alone), or the run's budget (:mod:`.run_budget`) is exhausted; else
    ``OK``. The input is copied unless ``copy`` is False.
    Same input, same output, ids and labels.

    With ``since`` (a log position), the instance up to that position is known to be chased
    already under ``theory``: only what the facts added since then trigger is looked at. This is
    how a chased world is asked "what if these facts were added" (see ``Instance.trial``).
    With ``settled`` as well (a theory whose axioms are among ``theory``'s), the instance up to
    ``since`` is chased under ``settled`` only: its rules look at what is new, the other rules
    first at every fact of their body predicates, then at what is new. This is how a formula
    chased under a framing is chased on under a framing that extends it.
    """
    inst = instance.copy() if copy else instance
    steps = max_steps if max_steps is not None else 10 * budget.max_search_steps + 100 * inst.num_facts()
    run = _Chase(inst, theory, budget, steps, since, settled)
    with collector_paused():
        try:
            status, failure = run.run()
            if status is OK:
                run.counter.settle()
        except SearchBudgetExceeded as exc:
            status, failure = BUDGET, None
            run.limit = exc.limit
    if status is not FAILED:
        cycle = acyclic_violation(inst, run.acyclic, since if run.acyclic_settled else 0)
        if cycle is not None:
            status, failure = FAILED, Failure(*cycle)
    limit = run.limit if status is BUDGET else None
    return ChaseResult(status, inst, failure, run.rounds, run.counter.steps, run.fired, limit)
