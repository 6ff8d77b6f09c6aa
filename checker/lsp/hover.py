"""Hover: what a name is. Every declared name shows its declaration, doc string and sources; a
concept also shows its definition unfolded down to kinds and relations, and, from the newest
analysis, what it implies, is implied by, is equivalent to and excludes under each framing.

Implications and equivalences come from the classification the analysis computed. Exclusion
(no member in common) is not part of the classification; it is decided here on demand, for the
hovered concept against each satisfiable concept of its arity, with the same chase, and kept in
a bounded cache until the document changes.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from ..analysis.framings import FramingView
from ..model.symbols import ClaimName, ConceptSym, RuleName, ScenarioSym, Symbol, Unit
from ..reasoning import run_budget
from ..reasoning.entailment import decide_satisfiable
from ..reasoning.logic import AxiomKind, Budget
from ..reasoning.run_budget import SearchBudgetExceeded
from ..reasoning.status import Satisfiability
from .describe import describe, describe_unit, framing_of_rule
from .index import Category, Occurrence, target_of
from .workspace import Analysed

LISTED = 12          # names listed in one line of a hover before "and N more"
CACHE_SIZE = 256     # concepts whose exclusions are kept


def _code(text: str) -> str:
    return f"```alignspec\n{text}\n```"


def _names(names: Iterable[str]) -> str:
    ordered = sorted(names)
    shown = ", ".join(f"`{n}`" for n in ordered[:LISTED])
    more = len(ordered) - LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _where(symbol: Symbol, here: Unit | None) -> str:
    if here is not None and symbol.unit.real == here.real:
        return ""
    return f"from spec `{symbol.unit.name}` ({os.path.basename(symbol.unit.path)})"


@dataclass(frozen=True)
class Neighbourhood:
    """A concept's place under one framing."""

    framing: str
    classified: bool
    unsatisfiable: bool = False
    unknown: bool = False
    equivalent: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    implied_by: tuple[str, ...] = ()
    excludes: tuple[str, ...] | None = None     # None: not decided (yet)


def view_name(view: FramingView, concept: ConceptSym) -> str | None:
    """The name the analysis gave ``concept`` under ``view`` (None: it was not classified)."""
    target = target_of(concept)
    return next((name for name, c in view.concepts.items() if target_of(c) == target), None)


class Exclusions:
    """Which concepts exclude a concept, decided on demand, cached per analysis and concept
    (at most ``size`` entries; the oldest go first)."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._cache: OrderedDict[tuple[int, str, str], tuple[str, ...]] = OrderedDict()

    def known(self, analysed: Analysed, view: FramingView, name: str) -> tuple[str, ...] | None:
        """The exclusions already decided (None: not yet)."""
        return self._cache.get((id(analysed), view.name, name))

    def decide(self, analysed: Analysed, view: FramingView, name: str, budget: Budget) -> tuple[str, ...]:
        """The concepts of the same arity that can have no member in common with ``name``
        under ``view`` (runs the chase: call it off the event loop), within the run's limits of
        ``budget``; an answer cut short by them is not kept."""
        key = (id(analysed), view.name, name)
        if key in self._cache:
            return self._cache[key]
        with run_budget.started(budget) as run:
            found = tuple(_excluded(analysed, view, name, budget))
        if run.exhausted is not None:
            return found
        self._cache[key] = found
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return found


def _excluded(analysed: Analysed, view: FramingView, name: str, budget: Budget) -> list[str]:
    c = view.classification
    analysis = analysed.analysis
    if c is None or analysis is None or name in c.unsatisfiable or name in c.unknown:
        return []
    theory = analysis.builder.theory(view.framing)
    if not any(a.is_false or a.kind is AxiomKind.ACYCLIC for a in theory.axioms):
        return []    # nothing can fail: no two satisfiable concepts exclude each other
    expander = analysis.builder.expander
    concept = view.concepts[name]
    try:
        variables, atoms = expander.concept_formula(concept)
    except SearchBudgetExceeded:  # the run's time ran out while expanding
        return []
    used = {v for a in atoms for v in a.args}
    found = []
    for other, candidate in view.concepts.items():
        if other == name or candidate.arity != concept.arity or other in c.unsatisfiable or other in c.unknown:
            continue
        try:
            both = atoms + expander.concept_atoms(candidate, variables, reserved=used)
        except SearchBudgetExceeded:  # the run's time ran out while expanding
            break
        result = decide_satisfiable(theory, both, budget, justify=False)
        if result.status is Satisfiability.UNSATISFIABLE:
            found.append(other)
    return found


def neighbourhoods(analysed: Analysed, concept: ConceptSym, exclusions: Exclusions) -> list[Neighbourhood]:
    """The concept's place under each framing of the analysis (excluded concepts where already
    decided)."""
    found = []
    analysis = analysed.analysis
    if analysis is None:
        return []
    for view in analysis.framings:
        title = view.name or "the base framing"
        c = view.classification
        name = view_name(view, concept)
        if c is None or name is None:
            found.append(Neighbourhood(title, False))
            continue
        if name in c.unsatisfiable:
            found.append(Neighbourhood(title, True, unsatisfiable=True))
            continue
        if name in c.unknown:
            found.append(Neighbourhood(title, True, unknown=True))
            continue
        members = c.class_of(name) or frozenset({name})
        graph = c.implications
        implies = set(graph.successors(name)) - members if name in graph else set()
        implied_by = set(graph.predecessors(name)) - members if name in graph else set()
        found.append(Neighbourhood(title, True, equivalent=tuple(sorted(members - {name})),
                                   implies=tuple(sorted(implies)), implied_by=tuple(sorted(implied_by)),
                                   excludes=exclusions.known(analysed, view, name)))
    return found


def pending(analysed: Analysed, concept: ConceptSym, exclusions: Exclusions) -> list[tuple[FramingView, str]]:
    """The framings under which the concept's exclusions are still to be decided."""
    out: list[tuple[FramingView, str]] = []
    if analysed.analysis is None:
        return out
    for view in analysed.analysis.framings:
        name = view_name(view, concept)
        if view.classification is not None and name is not None and exclusions.known(analysed, view, name) is None:
            out.append((view, name))
    return out


def _neighbourhood_lines(places: list[Neighbourhood]) -> list[str]:
    lines = []
    for place in places:
        head = f"**under {place.framing}**"
        if not place.classified:
            lines.append(f"- {head}: not classified")
        elif place.unsatisfiable:
            lines.append(f"- {head}: can have no member")
        elif place.unknown:
            lines.append(f"- {head}: not classified within the reasoner's limits")
        else:
            parts = []
            if place.equivalent:
                parts.append(f"equivalent to {_names(place.equivalent)}")
            if place.implies:
                parts.append(f"implies {_names(place.implies)}")
            if place.implied_by:
                parts.append(f"implied by {_names(place.implied_by)}")
            if place.excludes:
                parts.append(f"excludes {_names(place.excludes)}")
            elif place.excludes is None:
                parts.append("exclusions still being decided")
            lines.append(f"- {head}: " + ("; ".join(parts) if parts else "no implication to or from another concept"))
    return lines


def unfolded(analysed: Analysed | None, concept: ConceptSym) -> str | None:
    """The concept's definition with every concept it uses expanded, down to kinds and
    relations (None when it cannot be unfolded: a circular or incomplete definition)."""
    if analysed is None or analysed.analysis is None:
        return None
    for view in analysed.analysis.framings:
        name = view_name(view, concept)
        if name is not None:
            try:
                params, atoms = analysed.analysis.builder.expander.concept_formula(view.concepts[name])
            except SearchBudgetExceeded:  # too large to expand within the limits
                return None
            return f"{name}({', '.join(params)}) := {', '.join(map(str, atoms))}"
    return None


def hover_text(occurrence: Occurrence, here: Unit | None, analysed: Analysed | None,
               exclusions: Exclusions) -> str | None:
    """The hover of a name, as Markdown (None: nothing to say)."""
    symbol = occurrence.symbol
    category = occurrence.category
    if symbol is not None:
        return _symbol_text(symbol, here, analysed, exclusions)
    if category in (Category.ALIAS, Category.MODULE) and occurrence.unit is not None:
        unit = occurrence.unit
        shown = describe_unit(unit)
        what = f"import alias `{occurrence.text}`: " if category is Category.ALIAS else ""
        return "\n\n".join(part for part in [
            _code(shown.signature), f"{what}{os.path.basename(unit.path)}", shown.doc,
            *(f"source: {s}" for s in shown.sources)] if part)
    if category is Category.SPEC and here is not None:
        shown = describe_unit(here)
        return "\n\n".join(p for p in [_code(shown.signature), shown.doc, *(f"source: {s}" for s in shown.sources)]
                           if p)
    if category in (Category.PARAMETER, Category.VARIABLE, Category.INDIVIDUAL) and occurrence.target is not None:
        return _code(f"{category.value} {occurrence.text}")
    return None


def _symbol_text(symbol: Symbol, here: Unit | None, analysed: Analysed | None, exclusions: Exclusions) -> str:
    shown = describe(symbol)
    parts = [_code(shown.signature)]
    where = _where(symbol, here)
    if isinstance(symbol, RuleName):
        framing = framing_of_rule(symbol)
        where = "; ".join(p for p in [f"a rule of framing `{framing}`" if framing else "a definition "
                                      "(a rule in force under every framing)", where] if p)
    if where:
        parts.append(where)
    if shown.doc:
        parts.append(shown.doc)
    parts.extend(f"source: {s}" for s in shown.sources)
    if isinstance(symbol, ConceptSym):
        expanded = unfolded(analysed, symbol)
        if expanded is not None:
            parts.append("unfolded:\n" + _code(expanded))
        if analysed is not None:
            lines = _neighbourhood_lines(neighbourhoods(analysed, symbol, exclusions))
            if lines:
                parts.append("\n".join(lines))
    elif isinstance(symbol, ClaimName) and analysed is not None and analysed.analysis is not None:
        for outcome in analysed.analysis.claims:
            decl = outcome.claim.decl
            if decl.name is not None and decl.name.text == symbol.name and outcome.claim.unit.real == symbol.unit.real:
                under = f" under {outcome.framing_name}" if outcome.framing_name else ""
                parts.append(f"**{outcome.status.value}**{under}" + (f": {outcome.message}" if outcome.message else ""))
    elif isinstance(symbol, ScenarioSym) and analysed is not None and analysed.analysis is not None:
        for evaluation in analysed.analysis.scenarios:
            if evaluation.scenario.name == symbol.name and evaluation.scenario.unit.real == symbol.unit.real:
                passed = sum(1 for e in evaluation.expectations if e.passed)
                parts.append(f"**{evaluation.status.value}**; {passed} of {len(evaluation.expectations)} "
                             "expectations pass")
    return "\n\n".join(parts)
