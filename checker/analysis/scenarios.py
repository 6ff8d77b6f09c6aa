"""Scenarios: chase a concrete world under its framing with unique names, then evaluate every
concept over its individuals (holds / does not follow / not applicable), check expectations,
and lay out the levels of every acyclic relation."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Iterable

import networkx as nx

from ..diagnostics import Related, Span
from ..model.symbols import ConceptSym, KindSym, RelationSym, ScenarioSym
from ..reasoning.chase import chase
from ..reasoning.entailment import minimal_justification
from ..reasoning.homomorphism import SearchBudgetExceeded, best_partial_match, find_homomorphism, homomorphisms
from ..reasoning.instance import Fact, Instance
from ..reasoning.logic import Atom, AxiomKind, Budget, Theory
from ..reporter import Reporter
from .axioms import TheoryBuilder, fresh
from .justify import axiom_records
from .words import article

HOLDS, NOT_FOLLOWING, NOT_APPLICABLE = "holds", "does not follow", "not applicable"
MAX_TABLE_TUPLES = 10_000


@dataclass
class Cell:
    """One concept applied to one tuple of individuals."""

    concept: str
    args: tuple[str, ...]
    status: str
    witness: dict[str, str] = field(default_factory=dict)     # the concept's other variables
    levels: dict[str, dict[str, int]] = field(default_factory=dict)  # relation -> individual -> level
    reason: str = ""

    def record(self) -> dict:
        return {"concept": self.concept, "args": list(self.args), "status": self.status,
                "witness": self.witness, "levels": self.levels, "reason": self.reason}


@dataclass
class Expectation:
    """The outcome of one ``expect`` or ``expect not``."""

    text: str
    negated: bool
    passed: bool
    status: str                                   # holds / does not follow / not applicable
    span: Span
    witness: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    justification: list[dict] = field(default_factory=list)
    levels: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self) -> dict:
        return {"expect": self.text, "negated": self.negated, "passed": self.passed, "status": self.status,
                "line": self.span.line, "column": self.span.column, "witness": self.witness,
                "unmatched": self.unmatched, "justification": self.justification, "levels": self.levels}


@dataclass
class Hierarchy:
    """An acyclic relation over the scenario's entities: levels by longest path from the roots."""

    relation: str
    levels: dict[str, int]
    edges: list[tuple[str, str]]

    def record(self) -> dict:
        return {"relation": self.relation, "levels": self.levels, "edges": [list(e) for e in self.edges]}


@dataclass
class ScenarioEvaluation:
    """Everything known about one scenario after the chase."""

    scenario: ScenarioSym
    framing: str
    status: str = "consistent"                    # consistent | inconsistent | undecided
    instance: Instance | None = None
    reason: str = ""
    hierarchies: list[Hierarchy] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    level_notes: list[str] = field(default_factory=list)
    derivations: list[dict] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "name": self.scenario.name,
            "framing": self.framing or None,
            "status": self.status,
            "reason": self.reason,
            "individuals": {name: (kind.name if kind else None) for name, (kind, _) in self.scenario.individuals.items()},
            "hierarchies": [h.record() for h in self.hierarchies],
            "cells": [c.record() for c in self.cells],
            "expectations": [e.record() for e in self.expectations],
            "level_notes": self.level_notes,
            "derived_facts": self.derivations,
        }


class ScenarioEvaluator:
    """Evaluates the scenarios of a spec; ``terminating`` says which framings may be chased."""

    def __init__(self, builder: TheoryBuilder, concepts: dict[str, ConceptSym], budget: Budget,
                 terminating, reporter: Reporter):
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
        for name, (kind, span) in scenario.individuals.items():
            nodes[name] = instance.add_entity(name, named=True)
        for name, (kind, span) in scenario.individuals.items():
            if kind is not None:
                fact = (namer(kind), (nodes[name],))
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
                fact = (logic_atom.pred, tuple(nodes.get(v, unknowns.get(v)) for v in logic_atom.args))
                instance.add_fact(*fact)
                spans.setdefault(fact, atom.node.span)
        return instance, spans, nodes

    def evaluate(self, scenario: ScenarioSym, table: bool = True) -> ScenarioEvaluation:
        """Chase and evaluate one scenario, reporting its findings."""
        framing = scenario.framing
        name = self.builder.namer(framing) if framing is not None else ""
        result = ScenarioEvaluation(scenario, name)
        if not self.terminating(framing):
            result.status, result.reason = "undecided", f"framing '{name}' is not weakly acyclic"
            return result
        theory = self.builder.theory(framing)
        instance, spans, nodes = self._world(scenario)
        chased = chase(instance, theory, self.budget)
        result.instance = chased.instance
        if chased.status == "failed":
            result.status = "inconsistent"
            self._report_failure(scenario, chased.instance, chased.failure, spans)
            result.reason = f"violates {chased.failure.axiom.label}"
            return result
        if chased.status == "budget":
            result.status, result.reason = "undecided", "the chase reached its limit"
            self.reporter.report("budget-exceeded", scenario.span,
                                 f"scenario '{scenario.name}' was not evaluated: the chase reached its limit",
                                 help="raise --max-entities / --max-facts, or split the scenario")
            return result
        world = chased.instance
        result.hierarchies = self._hierarchies(theory, world)
        result.derivations = _derived_facts(world)
        try:
            self._expectations(scenario, theory, world, nodes, instance, result)
            if table:
                self._cells(scenario, world, nodes, result)
        except SearchBudgetExceeded:
            result.status, result.reason = "undecided", "a search reached its limit"
            self.reporter.report("budget-exceeded", scenario.span,
                                 f"scenario '{scenario.name}' was not fully evaluated: a search reached its limit",
                                 help="raise --max-steps")
        result.level_notes = _level_notes(result)
        return result

    # failures
    def _report_failure(self, scenario: ScenarioSym, world: Instance, failure, spans: dict[Fact, Span]) -> None:
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
                "cycle-in-acyclic", scenario.span,
                f"scenario '{scenario.name}' has a cycle of {axiom.relation}, which is acyclic: {' -> '.join(cycle)}",
                help=f"remove one of the {axiom.relation} facts on the cycle", related=related, details=details,
                data={"scenario": scenario.name, "relation": axiom.relation, "cycle": cycle, "facts": facts},
            )
            return
        self.reporter.report(
            "inconsistent-scenario", scenario.span,
            f"scenario '{scenario.name}' violates {axiom.label}",
            help="remove or correct one of the facts involved; its expectations are not evaluated",
            related=related, details=details,
            data={"scenario": scenario.name, "axiom": axiom.label, "facts": facts},
        )

    # expectations
    def _pattern(self, concept_or_pred, args: tuple[str, ...], reserved: Iterable[str]) -> tuple[Atom, ...]:
        if isinstance(concept_or_pred, ConceptSym):
            return self.builder.expander.concept_atoms(concept_or_pred, args, reserved=reserved)
        return (Atom(self.builder.namer(concept_or_pred), args),)

    def _applicable(self, pred, args: tuple[str, ...], world: Instance, nodes: dict[str, int]) -> str:
        """An empty string when the atom applies to its arguments; otherwise why not."""
        if not isinstance(pred, ConceptSym):
            return ""
        for (param, kind), arg in zip(pred.params, args):
            if kind is not None and self.builder.namer(kind) not in world.kinds_of(world.find(nodes[arg])):
                return f"{arg} is not {article(kind.name)}"
        return ""

    def _expectations(self, scenario, theory, world, nodes, given: Instance, result) -> None:
        for expect in scenario.expects:
            if expect.atom is None:
                continue
            atom = expect.atom
            text = f"{atom.node.pred.text}({', '.join(atom.args)})"
            pattern = self._pattern(atom.pred, atom.args, reserved=nodes)
            fixed = {name: nodes[name] for name in atom.args}
            not_applicable = self._applicable(atom.pred, atom.args, world, nodes)
            match = None if not_applicable else find_homomorphism(pattern, world, fixed, self.budget.max_search_steps)
            status = NOT_APPLICABLE if not_applicable else HOLDS if match is not None else NOT_FOLLOWING
            passed = (match is None) if expect.negated else (match is not None)
            outcome = Expectation(("expect not " if expect.negated else "expect ") + text, expect.negated, passed,
                                  status, expect.node.span)
            if match is not None:
                outcome.witness = _witness(match, world, set(atom.args))
                outcome.levels = _levels_of(result.hierarchies, [world.label(n) for n in match.values()])
            else:
                mapping, unmatched = best_partial_match(pattern, world, fixed)
                outcome.unmatched = [_substituted(a, mapping, world) for a in unmatched]
                outcome.levels = _levels_of(result.hierarchies, [world.label(n) for n in mapping.values()])
            result.expectations.append(outcome)
            if passed:
                continue
            if expect.negated:
                outcome.justification = self._justify(theory, given, pattern, fixed, world, match)
                self.reporter.report(
                    "expectation-failed", expect.node.span,
                    f"expected {text} not to follow in scenario '{scenario.name}', but it does",
                    help="the witness and the justification show why; remove a fact or the rule involved",
                    details=[f"witness: {', '.join(f'{k} = {v}' for k, v in outcome.witness.items()) or '(none needed)'}"],
                    justification=outcome.justification,
                    data={"scenario": scenario.name, "expect": outcome.text, "status": status,
                          "witness": outcome.witness},
                )
            else:
                reason = f" ({not_applicable}: not applicable)" if not_applicable else ""
                self.reporter.report(
                    "expectation-failed", expect.node.span,
                    f"expected {text} to follow in scenario '{scenario.name}', but it does not{reason}",
                    help="add the missing facts, or a rule that derives them",
                    details=[f"no match for: {', '.join(outcome.unmatched)}"] if outcome.unmatched else [],
                    data={"scenario": scenario.name, "expect": outcome.text, "status": status,
                          "unmatched": outcome.unmatched},
                )

    def _justify(self, theory: Theory, given: Instance, pattern, fixed, world: Instance, match) -> list[dict]:
        image = [(a.pred, tuple(match[v] for v in a.args)) for a in pattern]
        seed = world.axioms_used(f for f in image if world.has_fact(*f))

        def still_holds(sub: Theory) -> bool:
            chased = chase(given, sub, self.budget)
            return chased.status == "ok" and find_homomorphism(
                pattern, chased.instance, fixed, self.budget.max_search_steps) is not None

        try:
            axioms = minimal_justification(theory, still_holds, seed)
        except ValueError:
            return []
        return axiom_records(axioms)

    # the table
    def _cells(self, scenario, world: Instance, nodes: dict[str, int], result: ScenarioEvaluation) -> None:
        named = {world.find(node): name for name, node in nodes.items()}
        for concept_name, concept in self.concepts.items():
            params = tuple(var for var, _ in concept.params)
            pattern = self.builder.expander.concept_atoms(concept, params, reserved=set())
            holding: dict[tuple[str, ...], dict[str, int]] = {}
            for match in homomorphisms(pattern, world, None, self.budget.max_search_steps):
                key = tuple(named.get(match[p]) for p in params)
                if None in key or key in holding:
                    continue
                holding[key] = match
            columns = [list(nodes) for _ in concept.params]
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
                reason = self._applicable(concept, key, world, nodes)
                status = NOT_APPLICABLE if reason else NOT_FOLLOWING
                result.cells.append(Cell(concept_name, key, status, reason=reason))

    def _holding_cell(self, concept, key, match, params, world: Instance, result) -> Cell:
        witness = _witness(match, world, set(params))
        labels = list(key) + list(witness.values())
        return Cell(concept, key, HOLDS, witness=witness, levels=_levels_of(result.hierarchies, labels))

    # hierarchies
    def _hierarchies(self, theory: Theory, world: Instance) -> list[Hierarchy]:
        out = []
        for axiom in theory.acyclic_relations():
            graph = nx.DiGraph()
            for source, target in world.pairs(axiom.relation):
                graph.add_edge(world.label(source), world.label(target))
            levels: dict[str, int] = {}
            for node in nx.lexicographical_topological_sort(graph):
                preds = list(graph.predecessors(node))
                levels[node] = max((levels[p] + 1 for p in preds), default=0)
            out.append(Hierarchy(axiom.relation, dict(sorted(levels.items(), key=lambda kv: (kv[1], kv[0]))),
                                 sorted(graph.edges())))
        return out


def _chain(world: Instance, facts) -> list[Fact]:
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
        if cell.status == HOLDS:
            for relation, levels in cell.levels.items():
                key = tuple(sorted(set(levels.values())))
                if len(key) > 1:
                    seen.setdefault((cell.concept, relation), {}).setdefault(key, f"{cell.concept}({', '.join(cell.args)})")
    for expectation in result.expectations:
        concept = expectation.text.split(" ", 2)[-1].split("(")[0]
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


def _derived_facts(world: Instance) -> list[dict]:
    out = []
    for fact in world.facts():
        derivation = world.derivation(fact)
        if derivation.axiom is None and not derivation.premises:
            continue
        out.append({
            "fact": world.describe_fact(fact),
            "by": derivation.axiom.label if derivation.axiom is not None else "merge",
            "from": [world.describe_fact(p) if _live(world, p) else str(p) for p in derivation.premises],
        })
    return out


def _live(world: Instance, fact: Fact) -> bool:
    return all(a in world.graph for a in fact[1])
