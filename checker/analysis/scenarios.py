"""Scenarios: chase a concrete world under its framing with unique names, check its negative
facts, then give the verdict on every expectation and on the concepts over its individuals
(holds / not applicable / refuted / open), and lay out the levels of every acyclic relation.

Which cells of the individuals-by-concepts table are computed is the caller's choice
(:class:`TableCells`): by default only the tuples whose individuals are each known, in the
chased world, to be of the concept's parameter kinds. Every cell that holds is among them (a
concept holds only for members of its parameter kinds); the others would cost a trial chase each
and, for an individual merely not known to be of the kind, mostly say "open" about its kind
rather than about the concept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import networkx as nx

from ..codes import BUDGET_EXCEEDED, CYCLE_IN_ACYCLIC, EXPECTATION_FAILED, INCONSISTENT_SCENARIO
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Related, Span
from ..enums import TextEnum
from ..model.symbols import ConceptSym, ExpectSym, FramingSym, KindSym, RelationSym, ResolvedAtom, ScenarioSym
from ..reasoning.chase import Failure, chase
from ..reasoning.entailment import minimal_justification
from ..reasoning.homomorphism import SearchBudgetExceeded, best_partial_match, find_homomorphism, homomorphisms
from ..reasoning.instance import Fact, Instance
from ..reasoning.logic import Atom, AxiomKind, Budget, Theory
from ..reasoning.necessity import Goal
from ..reasoning.status import ChaseStatus, Limit
from ..subjects import CycleSubject, ExpectationSubject, InconsistencySubject
from ..syntax.nodes import ExpectKind
from .axioms import TheoryBuilder, fresh
from .display import html_of
from .justify import Steps, justification_steps
from .outcomes import ExpectationOutcome, ScenarioStatus, UndecidedReason, Verdict
from .verdicts import Refutation, VerdictDecider, VerdictUndecided

MAX_TABLE_TUPLES = 10_000
_PASSES = {
    ExpectKind.HOLDS: lambda v: v is Verdict.HOLDS,
    ExpectKind.NOT: lambda v: v is not Verdict.HOLDS,
    ExpectKind.REFUTED: lambda v: v is Verdict.REFUTED,
    ExpectKind.OPEN: lambda v: v is Verdict.OPEN,
}
_WANTED = {ExpectKind.HOLDS: "to follow", ExpectKind.NOT: "not to follow", ExpectKind.REFUTED: "to be refuted",
           ExpectKind.OPEN: "to be open"}
_HELP = {
    ExpectKind.HOLDS: "add the missing facts, or a rule that derives them",
    ExpectKind.NOT: "the witness and the justification show why; remove a fact or the rule involved",
    ExpectKind.REFUTED: "an atom is refuted when adding it would contradict the facts; add the fact, negative "
                        "fact or rule that rules it out",
    ExpectKind.OPEN: "an atom is open when the facts neither make it follow nor rule it out",
}
Levels = dict[str, dict[str, int]]   # relation -> individual -> level


class TableCells(TextEnum):
    """Which cells of a scenario's individuals-by-concepts table to compute: those whose
    individuals are each known to be of the concept's parameter kinds (``fitting``), or every
    tuple of individuals (``all``)."""

    FITTING = "fitting"
    ALL = "all"


def _refutation_dict(refutation: Refutation | None) -> dict[str, Any] | None:
    if refutation is None:
        return None
    return {"contradicts": refutation.contradicts, "facts": list(refutation.facts),
            "justification": [step.to_dict() for step in refutation.steps]}


@dataclass
class Cell:
    """One concept applied to one tuple of individuals: its verdict, the witness (the values of
    the concept's other variables) when it holds, the levels involved, why a concept is not
    applicable, and what refutes a refuted one."""

    concept: str
    args: tuple[str, ...]
    status: Verdict
    witness: dict[str, str] = field(default_factory=dict)
    levels: Levels = field(default_factory=dict)
    reason: str = ""
    refutation: Refutation | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"concept": self.concept, "args": list(self.args), "status": self.status.value,
                "witness": self.witness, "levels": self.levels, "reason": self.reason,
                "refutation": _refutation_dict(self.refutation)}


_EXPECT_WORDS = {ExpectKind.HOLDS: "expect ", ExpectKind.NOT: "expect not ", ExpectKind.REFUTED: "expect refuted ",
                 ExpectKind.OPEN: "expect open ", ExpectKind.INCONSISTENT: "expect inconsistent"}


@dataclass
class Expectation:
    """The outcome of one expectation: its kind, the atom as written (``predicate`` and
    ``args``; none for ``expect inconsistent``), the verdict on it (None for ``expect
    inconsistent``), and the evidence."""

    kind: ExpectKind
    predicate: str
    args: tuple[str, ...]
    outcome: ExpectationOutcome
    status: Verdict | None
    span: Span
    witness: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    justification: Steps = ()
    levels: Levels = field(default_factory=dict)
    reason: str = ""
    refutation: Refutation | None = None

    @property
    def negated(self) -> bool:
        return self.kind is ExpectKind.NOT

    @property
    def atom_text(self) -> str:
        return f"{self.predicate}({', '.join(self.args)})" if self.kind is not ExpectKind.INCONSISTENT else ""

    @property
    def text(self) -> str:
        """The expectation as written: ``expect C(a)``, ``expect refuted C(a)``..."""
        return _EXPECT_WORDS[self.kind] + self.atom_text

    @property
    def passed(self) -> bool:
        return self.outcome is ExpectationOutcome.PASS

    @property
    def status_text(self) -> str:
        """The verdict, or for ``expect inconsistent`` whether the facts are."""
        if self.status is not None:
            return self.status.value
        return "inconsistent" if self.passed else "consistent"

    def to_dict(self) -> dict[str, Any]:
        return {"expect": self.text, "kind": self.kind.value, "negated": self.negated, "passed": self.passed,
                "status": self.status_text, "line": self.span.line, "column": self.span.column,
                "witness": self.witness, "unmatched": self.unmatched,
                "justification": [j.to_dict() for j in self.justification], "levels": self.levels,
                "reason": self.reason, "refutation": _refutation_dict(self.refutation)}


@dataclass
class Hierarchy:
    """An acyclic relation over the scenario's entities: levels by longest path from the roots."""

    relation: str
    levels: dict[str, int]
    edges: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "levels": self.levels, "edges": [list(e) for e in self.edges]}


@dataclass(frozen=True)
class DerivedFact:
    """A fact the chase derived: the fact, the axiom (label, or ``merge``) and its premises."""

    fact: str
    by: str
    premises: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "by": self.by, "from": list(self.premises)}


@dataclass
class ScenarioEvaluation:
    """Everything known about one scenario after the chase; ``undecided`` says why a scenario
    was not (fully) evaluated."""

    scenario: ScenarioSym
    framing: str
    status: ScenarioStatus = ScenarioStatus.CONSISTENT
    instance: Instance | None = None
    reason: str = ""
    hierarchies: list[Hierarchy] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    level_notes: list[str] = field(default_factory=list)
    derivations: list[DerivedFact] = field(default_factory=list)
    undecided: UndecidedReason | None = None
    table: TableCells | None = None

    @property
    def failed(self) -> bool:
        """Whether an expectation failed, or the scenario is inconsistent without expecting to be."""
        if any(not e.passed for e in self.expectations):
            return True
        expected = any(e.kind is ExpectKind.INCONSISTENT for e in self.expectations)
        return self.status is ScenarioStatus.INCONSISTENT and not expected

    def __repr__(self) -> str:
        """``<ScenarioEvaluation three_levels under harris: consistent, 5/5 expectations pass>``."""
        under = f" under {self.framing}" if self.framing else ""
        passed = sum(1 for e in self.expectations if e.passed)
        return (f"<ScenarioEvaluation {self.scenario.name}{under}: {self.status.value}, "
                f"{passed}/{len(self.expectations)} expectations pass>")

    def _repr_html_(self) -> str | None:
        """The scenario's expectations as a table in a notebook (see :mod:`~alignspec.analysis.display`)."""
        return html_of(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.scenario.name,
            "framing": self.framing or None,
            "status": self.status.value,
            "reason": self.reason,
            "individuals": {name: (kind.name if kind else None)
                            for name, (kind, _) in self.scenario.individuals.items()},
            "hierarchies": [h.to_dict() for h in self.hierarchies],
            "table": self.table.value if self.table is not None else None,
            "cells": [c.to_dict() for c in self.cells],
            "expectations": [e.to_dict() for e in self.expectations],
            "level_notes": self.level_notes,
            "derived_facts": [d.to_dict() for d in self.derivations],
        }


class ScenarioEvaluator:
    """Evaluates the scenarios of a spec; ``terminating`` says which framings may be chased."""

    def __init__(self, builder: TheoryBuilder, concepts: dict[str, ConceptSym], budget: Budget,
                 terminating: Callable[[FramingSym | None], bool], reporter: DiagnosticCollector) -> None:
        self.builder = builder
        self.concepts = concepts
        self.budget = budget
        self.terminating = terminating
        self.reporter = reporter

    # building the world
    def _world(self, scenario: ScenarioSym) -> tuple[Instance, dict[Fact, Span], dict[str, int]]:
        namer = self.builder.namer
        instance = Instance()
        spans: dict[Fact, Span] = {}
        nodes: dict[str, int] = {}
        for name in scenario.individuals:
            nodes[name] = instance.add_entity(name, named=True)
        for name, (kind, span) in scenario.individuals.items():
            if kind is not None:
                fact: Fact = (namer(kind), (nodes[name],))
                instance.add_fact(*fact)
                spans.setdefault(fact, span)
        used = set(nodes)
        for atom in scenario.facts:
            if isinstance(atom.pred, (KindSym, RelationSym)):
                fact = (namer(atom.pred), tuple(nodes[a] for a in atom.args))
                instance.add_fact(*fact)
                spans.setdefault(fact, atom.node.span)
                continue
            unknowns: dict[str, int] = {}
            for logic_atom in self.builder.expander.concept_atoms(atom.pred, atom.args, reserved=used):
                for var in logic_atom.args:
                    if var not in nodes and var not in unknowns:
                        unknowns[var] = instance.add_entity(fresh(var, used), named=False)
                fact = (logic_atom.pred, tuple(nodes[v] if v in nodes else unknowns[v] for v in logic_atom.args))
                instance.add_fact(*fact)
                spans.setdefault(fact, atom.node.span)
        return instance, spans, nodes

    def evaluate(self, scenario: ScenarioSym, table: bool = True,
                 cells: TableCells = TableCells.FITTING) -> ScenarioEvaluation:
        """Chase and evaluate one scenario, reporting its findings; with ``table``, compute the
        ``cells`` of its individuals-by-concepts table."""
        framing = scenario.framing
        name = self.builder.namer(framing) if framing is not None else ""
        result = ScenarioEvaluation(scenario, name)
        if not self.terminating(framing):
            result.status, result.reason = ScenarioStatus.UNDECIDED, f"framing '{name}' is not weakly acyclic"
            result.undecided = UndecidedReason.NON_TERMINATING
            return result
        theory = self.builder.theory(framing)
        instance, spans, nodes = self._world(scenario)
        chased = chase(instance, theory, self.budget)
        result.instance = world = chased.instance
        if chased.status is ChaseStatus.BUDGET:
            self._undecided(scenario, result, chased.limit, "the chase reached its limit",
                            f"scenario '{scenario.name}' was not evaluated: the chase reached its limit",
                            "raise --max-entities / --max-facts, or split the scenario")
            return result
        decider = VerdictDecider(self.builder, theory, world, nodes, scenario.negatives, self.budget)
        try:
            contradiction = decider.contradiction(chased.failure)
            expects_inconsistent = [e for e in scenario.expects if e.kind is ExpectKind.INCONSISTENT]
            if contradiction is not None:
                result.status = ScenarioStatus.INCONSISTENT
                result.reason = f"violates {contradiction.contradicts}" if contradiction.negative is None \
                    else f"contradicts {contradiction.contradicts}"
                if expects_inconsistent:
                    result.expectations = [self._inconsistent(e, True) for e in expects_inconsistent]
                else:
                    self._report_contradiction(scenario, world, chased.failure, contradiction, spans)
                return result
            result.hierarchies = self._hierarchies(theory, world)
            result.derivations = _derived_facts(world)
            self._expectations(scenario, decider, instance, result)
            if table:
                result.table = cells
                self._cells(decider, result, cells)
        except (SearchBudgetExceeded, VerdictUndecided) as stopped:
            self._undecided(scenario, result, stopped.limit, "a search reached its limit",
                            f"scenario '{scenario.name}' was not fully evaluated: a search reached its limit",
                            "raise --max-steps, --max-entities or --max-facts")
        result.level_notes = _level_notes(result)
        return result

    def _undecided(self, scenario: ScenarioSym, result: ScenarioEvaluation, limit: Limit | None, why: str,
                   message: str, advice: str) -> None:
        """``scenario`` was not evaluated in full: ``limit`` stopped it (``why`` says where), and
        ``message`` and ``advice`` are the finding's, unless the run's budget ran out."""
        result.status, result.reason = ScenarioStatus.UNDECIDED, why
        result.undecided = reason = UndecidedReason.of(limit)
        if reason.is_run_limit:
            message = f"scenario '{scenario.name}' was not fully evaluated: {reason.explain(self.budget)}"
            advice = f"raise the limit with {reason.option} N, or split the spec"
        self.reporter.report(BUDGET_EXCEEDED, scenario.span, message, help=advice)

    # failures
    def _report_contradiction(self, scenario: ScenarioSym, world: Instance, failure: Failure | None,
                              contradiction: Refutation, spans: dict[Fact, Span]) -> None:
        if failure is not None:
            self._report_failure(scenario, world, failure, spans)
            return
        negative = contradiction.negative
        assert negative is not None
        related = [Related(negative.node.span, f"`{contradiction.contradicts}` is stated here")]
        related.extend(Related(step.span, f"{step.label}: {step.description}")
                       for step in contradiction.steps if step.span is not None)
        self.reporter.report(
            INCONSISTENT_SCENARIO, scenario.span,
            f"scenario '{scenario.name}' contradicts its negative fact `{contradiction.contradicts}`: "
            f"the atom follows from the facts",
            help="remove the negative fact, or the facts or rules that make the atom follow; its expectations "
                 "are not evaluated",
            related=list(dict.fromkeys(related)), details=[f"from: {fact}" for fact in contradiction.facts],
            subject=InconsistencySubject(scenario.name, contradiction.contradicts, contradiction.facts),
        )

    def _report_failure(self, scenario: ScenarioSym, world: Instance, failure: Failure,
                        spans: dict[Fact, Span]) -> None:
        axiom = failure.axiom
        related: list[Related] = []
        if axiom.origin is not None:
            related.append(Related(axiom.origin.span, f"{axiom.label}: {axiom.origin.description}"))
        details = [_derivation_line(world, fact) for fact in _chain(world, failure.facts)]
        for given in world.given_facts(failure.facts):
            span = spans.get(given)
            if span is not None:
                related.append(Related(span, f"{world.describe_fact(given)} is given here"))
        related = list(dict.fromkeys(related))
        facts = [world.describe_fact(f) for f in failure.facts]
        if axiom.kind is AxiomKind.ACYCLIC:
            cycle = [world.label(failure.facts[0][1][0])] + [world.label(f[1][1]) for f in failure.facts]
            self.reporter.report(
                CYCLE_IN_ACYCLIC, scenario.span,
                f"scenario '{scenario.name}' has a cycle of {axiom.relation}, which is acyclic: {' -> '.join(cycle)}",
                help=f"remove one of the {axiom.relation} facts on the cycle", related=related, details=details,
                subject=CycleSubject(scenario.name, axiom.relation or "", tuple(cycle), tuple(facts)),
            )
            return
        self.reporter.report(
            INCONSISTENT_SCENARIO, scenario.span,
            f"scenario '{scenario.name}' violates {axiom.label}",
            help="remove or correct one of the facts involved; its expectations are not evaluated",
            related=related, details=details,
            subject=InconsistencySubject(scenario.name, axiom.label, tuple(facts)),
        )

    # expectations
    def _inconsistent(self, expect: ExpectSym, inconsistent: bool) -> Expectation:
        return Expectation(expect.kind, "", (), ExpectationOutcome.PASS if inconsistent else ExpectationOutcome.FAIL,
                           None, expect.node.span)

    def _expectations(self, scenario: ScenarioSym, decider: VerdictDecider, given: Instance,
                      result: ScenarioEvaluation) -> None:
        for expect in scenario.expects:
            if expect.kind is ExpectKind.INCONSISTENT:
                outcome = self._inconsistent(expect, False)
                result.expectations.append(outcome)
                self.reporter.report(
                    EXPECTATION_FAILED, expect.node.span,
                    f"expected the facts of scenario '{scenario.name}' to be inconsistent, but they are consistent",
                    help="its other expectations are evaluated as usual; add the facts or the rule that should "
                         "contradict each other",
                    subject=ExpectationSubject(scenario.name, outcome.text, outcome.status_text),
                )
                continue
            if expect.atom is not None:
                self._expectation(scenario, decider, given, result, expect, expect.atom)

    def _expectation(self, scenario: ScenarioSym, decider: VerdictDecider, given: Instance,
                     result: ScenarioEvaluation, expect: ExpectSym, atom: ResolvedAtom) -> None:
        world = decider.world
        found = decider.verdict(atom.pred, atom.args)
        status = found.verdict
        passed = _PASSES[expect.kind](status)
        outcome = Expectation(expect.kind, atom.node.pred.text, atom.args,
                              ExpectationOutcome.PASS if passed else ExpectationOutcome.FAIL, status,
                              expect.node.span, reason=found.reason, refutation=found.refutation)
        if found.match is not None:
            outcome.witness = _witness(found.match, world, set(atom.args))
            outcome.levels = _levels_of(result.hierarchies, [world.label(n) for n in found.match.values()])
        else:
            mapping, unmatched = best_partial_match(found.pattern, world, found.fixed)
            outcome.unmatched = [_substituted(a, mapping, world) for a in unmatched]
            outcome.levels = _levels_of(result.hierarchies, [world.label(n) for n in mapping.values()])
        result.expectations.append(outcome)
        if passed:
            return
        text = outcome.atom_text
        subject = ExpectationSubject(scenario.name, outcome.text, status.value,
                                     witness=tuple(outcome.witness.items()) if found.match is not None else None,
                                     unmatched=None if found.match is not None else tuple(outcome.unmatched))
        if status is Verdict.HOLDS:
            assert found.match is not None
            outcome.justification = self._justify(decider.theory, given, found.pattern, found.fixed, world,
                                                  found.match)
            self.reporter.report(
                EXPECTATION_FAILED, expect.node.span,
                f"expected {text} {_WANTED[expect.kind]} in scenario '{scenario.name}', but it follows",
                help="the witness and the justification show why; remove a fact or the rule involved",
                details=[f"witness: {_pairs_text(outcome.witness) or '(none needed)'}"],
                justification=outcome.justification, subject=subject,
            )
            return
        details = []
        justification = None
        if status is Verdict.REFUTED and found.refutation is not None:
            details.append(f"adding it would contradict {found.refutation.contradicts}")
            details.extend(f"from: {fact}" for fact in found.refutation.facts)
            justification = found.refutation.steps
        elif status is Verdict.NOT_APPLICABLE:
            details.append(found.reason)
        if outcome.unmatched and expect.kind is ExpectKind.HOLDS:
            details.append(f"no match for: {', '.join(outcome.unmatched)}")
        self.reporter.report(
            EXPECTATION_FAILED, expect.node.span,
            f"expected {text} {_WANTED[expect.kind]} in scenario '{scenario.name}', but it is {status.value}",
            help=_HELP[expect.kind], details=details, justification=justification, subject=subject,
        )

    def _justify(self, theory: Theory, given: Instance, pattern: tuple[Atom, ...], fixed: dict[str, int],
                 world: Instance, match: dict[str, int]) -> Steps:
        image = [(a.pred, tuple(match[v] for v in a.args)) for a in pattern]
        seed = world.axioms_used(f for f in image if world.has_fact(*f))

        def still_holds(sub: Theory) -> bool:
            chased = chase(given, sub, self.budget)
            return chased.status is ChaseStatus.OK and find_homomorphism(
                pattern, chased.instance, fixed, self.budget.max_search_steps) is not None

        try:
            goal = Goal(frozenset(given.predicates()), frozenset(a.pred for a in pattern), by_failure=False,
                        named=True)
            axioms = minimal_justification(theory, still_holds, seed, goal=goal)
        except ValueError:
            return ()
        return justification_steps(axioms)

    # the table
    def _cells(self, decider: VerdictDecider, result: ScenarioEvaluation, cells: TableCells) -> None:
        world, nodes = decider.world, decider.nodes
        named = {world.find(node): name for name, node in nodes.items()}
        for concept_name, concept in self.concepts.items():
            params = tuple(var for var, _ in concept.params)
            if cells is TableCells.ALL:
                columns = [list(nodes) for _ in concept.params]
            else:
                columns = [[name for name in nodes if kind is None or decider.known_to_be(kind, name)]
                           for _, kind in concept.params]
            if not all(columns):
                continue
            pattern = self.builder.expander.concept_atoms(concept, params, reserved=set())
            holding: dict[tuple[str, ...], dict[str, int]] = {}
            for match in homomorphisms(pattern, world, None, self.budget.max_search_steps):
                if any(match[p] not in named for p in params):
                    continue
                key = tuple(named[match[p]] for p in params)
                if key not in holding:
                    holding[key] = match
            total = 1
            for column in columns:
                total *= len(column)
            if total > MAX_TABLE_TUPLES:
                for key, match in sorted(holding.items()):
                    result.cells.append(self._holding_cell(concept_name, key, match, params, world, result))
                continue
            for key in product(*columns):
                if key in holding:
                    result.cells.append(self._holding_cell(concept_name, key, holding[key], params, world, result))
                    continue
                reason = decider.not_applicable(concept, key)
                if reason:
                    result.cells.append(Cell(concept_name, key, Verdict.NOT_APPLICABLE, reason=reason))
                    continue
                refutation = decider.refutation_of([(concept, key)])
                status = Verdict.REFUTED if refutation is not None else Verdict.OPEN
                result.cells.append(Cell(concept_name, key, status, refutation=refutation))

    def _holding_cell(self, concept: str, key: tuple[str, ...], match: dict[str, int], params: tuple[str, ...],
                      world: Instance, result: ScenarioEvaluation) -> Cell:
        witness = _witness(match, world, set(params))
        labels = list(key) + list(witness.values())
        return Cell(concept, key, Verdict.HOLDS, witness=witness, levels=_levels_of(result.hierarchies, labels))

    # hierarchies
    def _hierarchies(self, theory: Theory, world: Instance) -> list[Hierarchy]:
        out = []
        for axiom in theory.acyclic_relations():
            relation = axiom.relation or ""
            graph: nx.DiGraph[str] = nx.DiGraph()
            for source, target in world.pairs(relation):
                graph.add_edge(world.label(source), world.label(target))
            levels: dict[str, int] = {}
            for node in nx.lexicographical_topological_sort(graph):
                preds = list(graph.predecessors(node))
                levels[node] = max((levels[p] + 1 for p in preds), default=0)
            out.append(Hierarchy(relation, dict(sorted(levels.items(), key=lambda kv: (kv[1], kv[0]))),
                                 sorted(graph.edges())))
        return out


def _pairs_text(values: dict[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in values.items())


def _chain(world: Instance, facts: Iterable[Fact]) -> list[Fact]:
    """The facts behind ``facts``, premises before what they gave, each once."""
    order: list[Fact] = []
    seen: set[Fact] = set()
    stack = [(fact, False) for fact in reversed(list(facts))]
    while stack:
        fact, expanded = stack.pop()
        if expanded:
            order.append(fact)
            continue
        if fact in seen:
            continue
        seen.add(fact)
        stack.append((fact, True))
        stack.extend((p, False) for p in reversed(world.derivation(fact).premises) if p not in seen)
    return order


def _derivation_line(world: Instance, fact: Fact) -> str:
    derivation = world.derivation(fact)
    text = _describe(world, fact)
    if derivation.axiom is None and not derivation.premises:
        return f"{text}: given"
    source = derivation.axiom.label if derivation.axiom is not None else "a merge"
    premises = ", ".join(_describe(world, p) for p in derivation.premises)
    return f"{text}: by {source} from {premises}"


def _describe(world: Instance, fact: Fact) -> str:
    pred, args = fact
    return f"{pred}({', '.join(world.label(world.find(a)) for a in args)})"


def _substituted(atom: Atom, mapping: dict[str, int], world: Instance) -> str:
    """An atom with its matched variables replaced by the entities they matched."""
    args = [world.label(mapping[v]) if v in mapping else v for v in atom.args]
    return f"{atom.pred}({', '.join(args)})"


def _witness(match: dict[str, int], world: Instance, exclude: set[str]) -> dict[str, str]:
    return {var: world.label(node) for var, node in match.items() if var not in exclude}


def _levels_of(hierarchies: list[Hierarchy], labels: list[str]) -> dict[str, dict[str, int]]:
    out = {}
    for hierarchy in hierarchies:
        found = {label: hierarchy.levels[label] for label in labels if label in hierarchy.levels}
        if found:
            out[hierarchy.relation] = dict(sorted(found.items(), key=lambda kv: (kv[1], kv[0])))
    return out


def level_span(levels: dict[str, int]) -> str:
    """``researcher 0 -> agent 1`` for the individuals of one hierarchy, by level."""
    return " -> ".join(f"{label} {level}" for label, level in levels.items())


def _level_notes(result: ScenarioEvaluation) -> list[str]:
    """One note per concept that holds or is tested at more than one pair of levels."""
    seen: dict[tuple[str, str], dict[tuple[int, ...], str]] = {}
    for cell in result.cells:
        if cell.status is Verdict.HOLDS:
            for relation, levels in cell.levels.items():
                key = tuple(sorted(set(levels.values())))
                if len(key) > 1:
                    where = f"{cell.concept}({', '.join(cell.args)})"
                    seen.setdefault((cell.concept, relation), {}).setdefault(key, where)
    for expectation in result.expectations:
        concept = expectation.predicate
        for relation, levels in expectation.levels.items():
            key = tuple(sorted(set(levels.values())))
            if len(key) > 1:
                seen.setdefault((concept, relation), {}).setdefault(key, expectation.text)
    notes = []
    for (concept, relation), pairs in sorted(seen.items()):
        if len(pairs) > 1:
            spans = "; ".join(f"levels {' -> '.join(map(str, k))} ({where})" for k, where in sorted(pairs.items()))
            notes.append(f"{concept} is used between different levels of {relation}: {spans}")
    return notes


def _derived_facts(world: Instance) -> list[DerivedFact]:
    out = []
    for fact in world.facts():
        derivation = world.derivation(fact)
        if derivation.is_given:
            continue
        out.append(DerivedFact(
            world.describe_fact(fact),
            derivation.axiom.label if derivation.axiom is not None else "merge",
            tuple(world.describe_fact(p) if _live(world, p) else str(p) for p in derivation.premises),
        ))
    return out


def _live(world: Instance, fact: Fact) -> bool:
    return all(a in world.graph for a in fact[1])
