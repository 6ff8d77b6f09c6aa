"""Per framing: termination, classification of the concepts, and the findings they give
(non-terminating-framing, unsatisfiable-concept, concept-collapse), each reported once, where
it first appears, unless a claim acknowledges it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..codes import CONCEPT_COLLAPSE, NON_TERMINATING_FRAMING, UNSATISFIABLE_CONCEPT
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Related, Span
from ..model.kinds import all_units
from ..model.order import postorder
from ..model.symbols import ConceptSym, FramingSym, Unit
from ..reasoning.classification import Classification, classify
from ..reasoning.logic import Axiom, AxiomKind, Budget
from ..reasoning.termination import Termination, extended_termination, termination
from ..subjects import ConceptsSubject, FramingSubject
from ..syntax.nodes import ClaimForm
from .axioms import TheoryBuilder, ancestors, axiom_name, extends_acyclic, origin_of
from .established import NOTHING, Established
from .justify import Justifier
from .progress import Progress, announce
from .usable import concept_usable


def framing_order(framings: Iterable[FramingSym]) -> list[FramingSym]:
    """Framings with every framing before those that extend it (source order otherwise)."""
    framings = list(framings)
    graph: nx.DiGraph[int] = nx.DiGraph()
    index = {id(f): i for i, f in enumerate(framings)}
    by_id = {id(f): f for f in framings}
    graph.add_nodes_from(index)
    for f in framings:
        for parent in f.extends:
            if id(parent) in index:
                graph.add_edge(id(parent), id(f))
    try:
        order = list(nx.lexicographical_topological_sort(graph, key=index.__getitem__))
    except nx.NetworkXUnfeasible:
        order = list(index)
    return [by_id[i] for i in order]


@dataclass
class FramingView:
    """What the reasoner found under one framing (``framing`` None is the base framing) of the
    spec ``spec``: whether its rules terminate (else the labels of the rules on the offending
    cycle) and the classification of the concepts."""

    framing: FramingSym | None
    name: str
    spec: str = ""
    terminating: bool = True
    cycle_rules: list[str] = field(default_factory=list)
    classification: Classification | None = None
    concepts: dict[str, ConceptSym] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        c = self.classification
        data: dict[str, Any] = {"name": self.name or None, "spec": self.spec, "terminating": self.terminating,
                                "classes": [], "hasse": [], "unsatisfiable": [], "unknown": []}
        if not self.terminating:
            data["non_terminating_rules"] = self.cycle_rules
        if c is None:
            return data
        classes = [sorted(cls) for cls in c.classes]
        data["classes"] = classes
        position = {frozenset(cls): i for i, cls in enumerate(c.classes)}
        data["hasse"] = sorted(
            [{"from": classes[position[frozenset(a)]], "to": classes[position[frozenset(b)]]}
             for a, b in c.hasse.edges()],
            key=lambda e: (e["from"], e["to"]),
        )
        data["unsatisfiable"] = sorted(c.unsatisfiable)
        data["unknown"] = sorted(c.unknown)
        return data


class FramingAnalysis:
    """Runs termination and classification for the base framing and a spec's own framings.

    With ``incremental`` (the default), a framing's classification goes on from the chases of
    the framing it extends (see ``classify``'s ``parent``); without it, every framing is
    classified from the start, which gives the same answers (the reference the tests compare
    against)."""

    def __init__(self, unit: Unit, builder: TheoryBuilder, budget: Budget, reporter: DiagnosticCollector,
                 incremental: bool = True):
        self.unit = unit
        self.incremental = incremental
        self.builder = builder
        self.budget = budget
        self.reporter = reporter
        self.views: list[FramingView] = []
        self._terminations: dict[int, Termination] = {}
        memo: dict[int, bool] = {}
        self.concepts = {
            builder.namer(c): c for u in all_units(unit) for c in u.concepts
            if u.own.get(c.name) is c and concept_usable(c, memo)
        }
        self.claims = [c for u in all_units(unit) for c in u.claims]
        self.justifier = Justifier(builder, self.concepts, budget)
        self._classified: dict[int, Classification] = {}
        self._inherited: dict[int, Established] = {}
        self._established: dict[int, Established] = {}
        self._chains_acyclic = True
        self._own_framings = {id(f) for f in unit.framings}

    def terminating(self, framing: FramingSym | None) -> bool:
        """Whether the chase under ``framing`` (None: the base framing, whose rules are the
        definitions) is guaranteed to terminate (weak acyclicity)."""
        return self._violation(framing) is None

    def _violation(self, framing: FramingSym | None) -> list[Axiom] | None:
        """The rules on a cycle that keeps the chase under ``framing`` from being known to
        terminate, or None when its rules are weakly acyclic."""
        return self._termination(framing).violation

    def _termination(self, framing: FramingSym | None) -> Termination:
        """Weak acyclicity under ``framing``; for a framing that extends at most one framing,
        from that framing's (or the base framing's) when it is known, by the rules it adds."""
        key = id(framing)
        found = self._terminations.get(key)
        if found is None:
            theory = self.builder.theory(framing)
            parent = self._terminations.get(id(framing.extends[0] if framing.extends else None)) \
                if framing is not None and len(framing.extends) <= 1 else None
            if parent is None:
                found = termination(theory)
            else:
                assert framing is not None
                added = [a for rule in framing.rules if (a := self.builder.rule_axiom(rule)) is not None]
                found = extended_termination(parent, theory, added)
            self._terminations[key] = found
        return found

    def classification(self, framing: FramingSym | None) -> Classification | None:
        """The classification of the concepts under ``framing`` (None: the base framing), once
        :meth:`run` has made it; None for a framing that is not the spec's own or whose rules
        are not weakly acyclic."""
        return self._classified.get(id(framing))

    def run(self, progress: Progress | None = None) -> list[FramingView]:
        framings = [None, *framing_order(self.unit.framings)]
        self._chains_acyclic = extends_acyclic(self.unit.framings)
        waiting: dict[int, int] = {}   # framings yet to go on from each framing's chased formulas
        holders: dict[int, int] = {}   # classifications that keep each chased formula
        for framing in framings:
            for source in self._continues_from(framing):
                waiting[id(source)] = waiting.get(id(source), 0) + 1
        for framing in framings:
            view = FramingView(framing, self.builder.namer(framing) if framing is not None else "", self.unit.name)
            announce(progress, f"{self.unit.path}: classifying concepts under {view.name or 'the base framing'}")
            self.views.append(view)
            violation = self._violation(framing)
            if violation is not None:
                view.terminating = False
                view.cycle_rules = [a.label for a in violation]
                if framing is None:
                    self._report_non_terminating_definitions(violation)
                elif self.terminating(None) and all(self.terminating(p) for p in ancestors(framing)):
                    self._report_non_terminating(framing, violation)
                continue
            view.concepts = self.concepts
            earlier = self._earlier(framing)
            sources = self._continues_from(framing)
            parent = next((self._classified.get(id(s)) for s in sources), None)
            last = len(sources) == 1 and waiting[id(sources[0])] == 1
            view.classification = classify(
                self.builder.theory(framing),
                {name: self.justifier.formula(name) for name in self.concepts},
                self.budget,
                known_implications=earlier.implications,
                known_unsatisfiable=earlier.unsatisfiable,
                parent=parent if self.incremental else None,
                consumable=(lambda chased: holders[id(chased)] == 1) if last and self.incremental else None,
            )
            self._classified[id(framing)] = view.classification
            for chased in view.classification.chased.values():
                holders[id(chased)] = holders.get(id(chased), 0) + 1
            # A framing's chased formulas are kept only until the framings that go on from them are classified.
            for source in sources:
                waiting[id(source)] -= 1
            for done in [*sources, framing]:
                classification = self._classified.get(id(done))
                if waiting.get(id(done), 0) <= 0 and classification is not None:
                    for chased in classification.chased.values():
                        holders[id(chased)] -= 1
                    classification.chased = {}
            self._report_findings(view, view.classification)
        return self.views

    def _continues_from(self, framing: FramingSym | None) -> list[FramingSym | None]:
        """The framing whose classification ``framing``'s goes on from (see ``classify``'s
        ``parent``), if any: its first parent of the spec's own whose rules are weakly acyclic,
        else the base framing when its rules are."""
        if framing is None or not self.terminating(framing):
            return []
        parent = next((p for p in framing.extends if id(p) in self._own_framings and self.terminating(p)), None)
        return [parent] if parent is not None or self.terminating(None) else []

    def _report_non_terminating(self, framing: FramingSym, violation: list[Axiom]) -> None:
        rules = [a for a in violation if a.kind is AxiomKind.RULE]
        names = ", ".join(axiom_name(a) for a in rules) or ", ".join(a.label for a in violation)
        self.reporter.report(
            NON_TERMINATING_FRAMING, framing.span,
            f"framing '{framing.name}' is not weakly acyclic: rules {names} can create new entities without end",
            help="make sure no rule's new entity can feed, through other rules, the rule that created it; "
                 "claims and scenarios under this framing are not decided",
            related=[Related(a.origin.span, f"{a.label} is on the cycle") for a in violation if a.origin is not None],
            subject=FramingSubject(framing.name, tuple(a.label for a in violation)),
        )

    def _report_non_terminating_definitions(self, violation: list[Axiom]) -> None:
        """The definitions alone are not weakly acyclic: reported at the spec's own first
        definition on the offending cycle (a cycle among imported definitions is the imported
        spec's finding)."""
        own = {id(rule.decl.span): rule for rule in self.unit.definitions}
        mine = [a for a in violation if (o := origin_of(a)) is not None and id(o.span) in own]
        if not mine:
            return
        names = ", ".join(axiom_name(a) for a in violation if a.kind is AxiomKind.DEFINITION)
        first = origin_of(mine[0])
        assert first is not None
        self.reporter.report(
            NON_TERMINATING_FRAMING, first.span,
            f"the definitions are not weakly acyclic: definitions {names} can create new entities without end",
            help="make sure no definition's new entity can feed, through other rules, the rule that created it; "
                 "definitions hold under every framing, so no claim or scenario of the spec is decided",
            related=[Related(a.origin.span, f"{a.label} is on the cycle") for a in violation if a.origin is not None],
            subject=FramingSubject(None, tuple(a.label for a in violation)),
        )

    # acknowledgement
    def _applies(self, claim_framing: FramingSym | None, framing: FramingSym | None) -> bool:
        if claim_framing is None:
            return True
        if framing is None:
            return False
        return claim_framing is framing or any(claim_framing is a for a in ancestors(framing))

    def _acknowledged_unsat(self, name: str, framing: FramingSym | None) -> bool:
        return any(
            c.form is ClaimForm.UNSATISFIABLE and c.left is not None and c.left.concept is not None
            and self.builder.namer(c.left.concept) == name and self._applies(c.framing, framing)
            for c in self.claims
        )

    def _acknowledged_collapse(self, members: frozenset[str], framing: FramingSym | None) -> bool:
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(members)
        for c in self.claims:
            if c.form is not ClaimForm.EQUIVALENT or c.left is None or c.right is None:
                continue
            if c.left.concept is None or c.right.concept is None or not self._applies(c.framing, framing):
                continue
            a, b = self.builder.namer(c.left.concept), self.builder.namer(c.right.concept)
            if a in members and b in members:
                graph.add_edge(a, b)
        return bool(nx.is_connected(graph))

    def _earlier(self, framing: FramingSym | None) -> Established:
        """What the classifications under the framings ``framing`` extends (the base framing
        included) established."""
        if framing is None:
            return NOTHING
        if not self._chains_acyclic:
            earlier = {id(a) for a in ancestors(framing)}
            return NOTHING.adding_all(v.classification for v in self.views
                                      if v.framing is None or id(v.framing) in earlier)
        for f in postorder(framing, lambda f: [p for p in f.extends if id(p) not in self._inherited]):
            if id(f) not in self._inherited:
                parents: list[FramingSym | None] = [*f.extends] if f.extends else [None]
                self._inherited[id(f)] = Established.gather(self._under(p) for p in parents)
        return self._inherited[id(framing)]

    def _under(self, framing: FramingSym | None) -> Established:
        """What holds under ``framing``: what its classification and its ancestors' established
        (asked of a framing only once it and its ancestors are classified)."""
        key = id(framing)
        if key not in self._established:
            earlier = NOTHING if framing is None else self._inherited[key]
            self._established[key] = earlier.adding(self._classified.get(key))
        return self._established[key]

    def _own(self, concept: ConceptSym) -> bool:
        return self.unit.own.get(concept.name) is concept

    def _place(self, concept: ConceptSym | None, framing: FramingSym | None) -> Span:
        """Where a finding about ``concept`` under ``framing`` goes: the concept when it is the
        spec's own, else the spec's own framing."""
        if concept is not None and self._own(concept):
            return concept.span
        assert framing is not None
        return framing.span

    def _report_findings(self, view: FramingView, classification: Classification) -> None:
        framing = view.framing
        own_framing = framing is not None and self.unit.own.get(framing.name) is framing
        earlier = self._earlier(framing)
        under = f" under {view.name}" if view.name else " with no framing"
        for name in sorted(classification.unsatisfiable, key=self._source_order):
            concept = self.concepts[name]
            if not (own_framing or self._own(concept)) or concept.kind_mismatch:
                continue
            if name in earlier.unsatisfiable:
                continue
            if self._acknowledged_unsat(name, framing):
                continue
            span = self._place(concept, framing)
            self.reporter.report(
                UNSATISFIABLE_CONCEPT, span, f"concept '{name}' can have no member{under}",
                help="if this is intended, say so with a claim `unsatisfiable " + name + "`; otherwise "
                     "relax the definition or the rules listed",
                justification=self.justifier.unsatisfiable(framing, name),
                subject=ConceptsSubject(view.name or None, (name,)),
            )
        for members in classification.classes:
            if len(members) < 2:
                continue
            concepts = [self.concepts[m] for m in sorted(members, key=self._source_order)]
            if not (own_framing or any(self._own(c) for c in concepts)):
                continue
            if members in earlier.classes:
                continue
            if self._acknowledged_collapse(members, framing):
                continue
            ordered = sorted(members, key=self._source_order)
            span = self._place(next((c for c in concepts if self._own(c)), None), framing)
            justification = self.justifier.equivalence(framing, ordered)
            names = ", ".join(ordered)
            self.reporter.report(
                CONCEPT_COLLAPSE, span, f"concepts {names} are equivalent{under}",
                help="if the framing is meant to identify them, say so with a claim `"
                     + f"{ordered[0]} equivalent {ordered[1]}`; otherwise find the rule that collapses them",
                related=[Related(self.concepts[m].span, f"'{m}' is in the same class") for m in ordered if
                         self.concepts[m].span != span],
                justification=justification,
                subject=ConceptsSubject(view.name or None, tuple(ordered)),
            )

    def _source_order(self, name: str) -> tuple[bool, str, int, int, str]:
        concept = self.concepts[name]
        own = self._own(concept)
        return (not own, concept.span.file, concept.span.line, concept.span.column, name)
