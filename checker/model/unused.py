"""unused-declaration: a kind, relation or concept of the spec that nothing refers to."""

from __future__ import annotations

from ..codes import UNUSED_DECLARATION
from ..diagnostic_collector import DiagnosticCollector
from ..syntax import nodes as n
from .symbols import Unit, sort_word


def _referenced_names(unit: Unit) -> set[str]:
    """Every unqualified name the unit refers to (as a kind, relation or concept) outside its
    own declaration."""
    used: set[str] = set()

    def use(qname: n.QName) -> None:
        if qname.prefix is None:
            used.add(qname.name)

    def use_atoms(atoms) -> None:
        for atom in atoms:
            use(atom.pred)

    for s in unit.spec.statements:
        if isinstance(s, n.KindDecl):
            for parent in s.parents:
                use(parent)
        elif isinstance(s, n.DisjointDecl):
            for name in s.names:
                use(name)
        elif isinstance(s, n.RelationDecl):
            use(s.domain)
            use(s.range)
        elif isinstance(s, n.ConceptDecl):
            for param in s.params:
                use(param.kind)
            use_atoms(a for a in s.body if a.pred.text != s.name.text)
        elif isinstance(s, n.FramingDecl):
            for rule in s.rules:
                use_atoms(rule.body)
                use_atoms(rule.head.atoms)
        elif isinstance(s, n.ClaimDecl):
            for side in (s.left, s.right):
                if isinstance(side, n.ConceptFormula):
                    use(side.concept)
                elif isinstance(side, n.AtomsFormula):
                    use_atoms(side.atoms)
        elif isinstance(s, n.ScenarioDecl):
            for group in s.individuals:
                use(group.kind)
            use_atoms(s.facts)
            use_atoms(e.atom for e in s.expects)
    return used


def check_unused(unit: Unit, reporter: DiagnosticCollector) -> None:
    """Report the unit's own kinds, relations and concepts that nothing in it uses."""
    used = _referenced_names(unit)
    for symbol in [*unit.kinds, *unit.relations, *unit.concepts]:
        if symbol.name not in used and unit.own.get(symbol.name) is symbol:
            reporter.report(
                UNUSED_DECLARATION, symbol.span,
                f"{sort_word(symbol)} '{symbol.name}' is declared but never used",
                help="use it in a concept, claim or scenario, or remove it",
            )
