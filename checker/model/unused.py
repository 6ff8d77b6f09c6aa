"""unused-declaration: a kind, relation or concept that nothing refers to.

Within one run, a use anywhere counts: what a spec imports and uses is used, even when the spec
that declares it is checked on its own in the same run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..codes import UNUSED_DECLARATION
from ..diagnostic_collector import DiagnosticCollector
from ..span import Span
from .symbols import ClaimSym, ConceptSym, KindSym, RelationSym, ResolvedAtom, Unit, sort_word


def _atoms_of_claim(claim: ClaimSym) -> Iterator[object]:
    for side in (claim.left, claim.right):
        if side is None:
            continue
        if side.concept is not None:
            yield side.concept
        yield from (atom.pred for atom in side.atoms)


def _preds(atoms: Iterable[ResolvedAtom]) -> Iterator[object]:
    return (atom.pred for atom in atoms)


def used_symbols(unit: Unit) -> set[int]:
    """The ids of the kinds, relations and concepts ``unit`` refers to, its own or imported,
    outside their own declaration."""
    used: set[int] = set()

    def use(symbols: Iterable[object], owner: object = None) -> None:
        used.update(id(s) for s in symbols if s is not None and s is not owner)

    for kind in unit.kinds:
        use(kind.parents, kind)
    for relation in unit.relations:
        use(relation.positions)
        use(relation.parents, relation)
    for group in unit.disjoints:
        use(group.members)
    for concept in unit.concepts:
        use((kind for _, kind in concept.params))
        use(_preds(concept.body), concept)
    rules = [rule for framing in unit.framings for rule in framing.rules] + unit.definitions
    for rule in rules:
        use(_preds(rule.body))
        use(_preds(rule.head.atoms))
    for claim in unit.claims:
        use(_atoms_of_claim(claim))
    for scenario in unit.scenarios:
        use((kind for kind, _ in scenario.individuals.values()))
        use(_preds(scenario.facts))
        use(_preds(scenario.negatives))
        use(_preds(e.atom for e in scenario.expects if e.atom is not None))
    return used


def _contains(outer: Span, inner: Span) -> bool:
    """Whether ``inner`` starts inside ``outer`` (same file)."""
    return (outer.file == inner.file and (outer.line, outer.column) <= (inner.line, inner.column)
            and (inner.line, inner.column) < (outer.end_line, outer.end_column))


def check_unused(unit: Unit, used: set[int], reporter: DiagnosticCollector, errors: Iterable[Span] = ()) -> None:
    """Report the unit's own kinds, relations and concepts whose ids are not in ``used``, except
    those whose declaration already has an error (one of the spans ``errors`` lies inside it): a
    mistake in a declaration is its finding, and "unused" would only add noise."""
    errors = list(errors)
    symbols: list[KindSym | RelationSym | ConceptSym] = [*unit.kinds, *unit.relations, *unit.concepts]
    for symbol in symbols:
        declaration = symbol.decl.span if symbol.decl is not None else symbol.span
        if any(_contains(declaration, error) for error in errors):
            continue
        if id(symbol) not in used and unit.own.get(symbol.name) is symbol:
            reporter.report(
                UNUSED_DECLARATION, symbol.span,
                f"{sort_word(symbol)} '{symbol.name}' is declared but never used",
                help="use it in a concept, claim or scenario, or remove it",
            )
