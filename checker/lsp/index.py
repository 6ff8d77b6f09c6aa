"""Every name written in a spec, with what it refers to: the index that hover, go to
definition, find references, rename and semantic tokens read.

Each occurrence covers the name's own text (for ``p.name``, the alias ``p`` and the name
``name`` are two occurrences) and says whether it declares the name or refers to it. What a
name refers to is a :class:`Target`, which compares equal across separate loads of the same
files (a declaration is known by its file's resolved path and its name), so references can be
collected from several loaders: the document's, other open documents', the workspace's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..enums import TextEnum
from ..model.symbols import (
    ClaimName,
    ConceptSym,
    FramingSym,
    KindSym,
    RelationSym,
    RuleName,
    ScenarioSym,
    Symbol,
    Unit,
)
from ..span import Span
from ..syntax import nodes as n
from .positions import Point, contains


class Category(TextEnum):
    """What sort of thing a name is."""

    KIND = "kind"
    RELATION = "relation"
    CONCEPT = "concept"
    FRAMING = "framing"
    RULE = "rule"
    CLAIM = "claim"
    SCENARIO = "scenario"
    ALIAS = "alias"
    SPEC = "spec"
    MODULE = "module"            # the target of an import: a spec file
    PARAMETER = "parameter"      # a concept's parameter
    VARIABLE = "variable"        # a variable of a concept's body, a rule or a claim
    INDIVIDUAL = "individual"    # a named individual of a scenario
    UNRESOLVED = "unresolved"    # a name that refers to nothing declared


CATEGORY_OF: dict[type, Category] = {
    KindSym: Category.KIND,
    RelationSym: Category.RELATION,
    ConceptSym: Category.CONCEPT,
    FramingSym: Category.FRAMING,
    ScenarioSym: Category.SCENARIO,
    RuleName: Category.RULE,
    ClaimName: Category.CLAIM,
}

#: Names that belong to the spec's namespace (declared once per spec, visible to importers).
DECLARED = frozenset({Category.KIND, Category.RELATION, Category.CONCEPT, Category.FRAMING, Category.RULE,
                      Category.CLAIM, Category.SCENARIO})
#: Names local to one statement.
LOCAL = frozenset({Category.PARAMETER, Category.VARIABLE, Category.INDIVIDUAL})


@dataclass(frozen=True)
class Target:
    """What a name refers to, independent of any one load: the resolved path of the spec that
    declares it, its name and category, and for a name local to a statement (a variable, an
    individual) the place of that statement (``scope``)."""

    file: str
    name: str
    category: Category
    scope: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Occurrence:
    """A name as written: where its text is, what it refers to (None when it does not resolve),
    whether this is its declaration, and the model's symbol when it is a declared name."""

    span: Span
    text: str
    category: Category
    target: Target | None
    declaration: bool = False
    symbol: Symbol | None = None
    unit: Unit | None = None          # the unit the name refers into (for aliases and modules)


def target_of(symbol: Symbol) -> Target:
    """The target of a declared symbol."""
    return Target(symbol.unit.real, symbol.name, CATEGORY_OF[type(symbol)])


def name_span(qname: n.QName) -> Span:
    """The span of the last part of a possibly qualified name (``name`` in ``p.name``)."""
    s = qname.span
    if qname.prefix is None:
        return s
    return Span(s.file, s.end_line, s.end_column - len(qname.name), s.end_line, s.end_column)


def prefix_span(qname: n.QName) -> Span:
    """The span of the alias of a qualified name (``p`` in ``p.name``)."""
    s = qname.span
    return Span(s.file, s.line, s.column, s.line, s.column + len(qname.prefix or ""))


class _Indexer:
    def __init__(self, unit: Unit):
        self.unit = unit
        self.found: list[Occurrence] = []

    def run(self) -> list[Occurrence]:
        for statement in self.unit.spec.statements:
            self.statement(statement)
        return self.found

    # helpers
    def add(self, occurrence: Occurrence) -> None:
        self.found.append(occurrence)

    def declare(self, name: n.Name) -> None:
        symbol = self.unit.own.get(name.text)
        if symbol is None or symbol.span != name.span:
            return   # a duplicate: the first declaration owns the name
        self.add(Occurrence(name.span, name.text, CATEGORY_OF[type(symbol)], target_of(symbol), True, symbol))

    def reference(self, qname: n.QName) -> None:
        scope = self.unit.scope
        if qname.prefix is not None:
            imported = self.unit.aliases.get(qname.prefix)
            alias = Target(self.unit.real, qname.prefix, Category.ALIAS)
            self.add(Occurrence(prefix_span(qname), qname.prefix, Category.ALIAS,
                                alias if imported is not None else None, unit=imported))
            if imported is None:
                self.add(Occurrence(name_span(qname), qname.name, Category.UNRESOLVED, None))
                return
            scope = imported.scope
        symbol = scope.get(qname.name)
        if symbol is None:
            self.add(Occurrence(name_span(qname), qname.name, Category.UNRESOLVED, None))
            return
        self.add(Occurrence(name_span(qname), qname.name, CATEGORY_OF[type(symbol)], target_of(symbol),
                            symbol=symbol))

    def local(self, name: n.Name, category: Category, scope: Span, declaration: bool,
              known: dict[str, Category] | None = None) -> None:
        if known is not None:
            if name.text not in known:
                known[name.text] = category
                declaration = True
            category = known[name.text]
        target = Target(self.unit.real, name.text, category, (scope.line, scope.column))
        self.add(Occurrence(name.span, name.text, category, target, declaration))

    def atoms(self, atoms: tuple[n.Atom, ...], scope: Span, known: dict[str, Category]) -> None:
        for atom in atoms:
            self.reference(atom.pred)
            for arg in atom.args:
                self.local(arg, Category.VARIABLE, scope, False, known)

    # statements
    def statement(self, statement: n.Statement) -> None:
        if isinstance(statement, n.SpecHeader):
            self.add(Occurrence(statement.name.span, statement.name.text, Category.SPEC,
                                Target(self.unit.real, statement.name.text, Category.SPEC), True))
        elif isinstance(statement, n.Import):
            self.imported(statement)
        elif isinstance(statement, n.KindDecl):
            self.declare(statement.name)
            for parent in statement.parents:
                self.reference(parent)
        elif isinstance(statement, n.DisjointDecl):
            for name in statement.names:
                self.reference(name)
        elif isinstance(statement, n.RelationDecl):
            self.declare(statement.name)
            for position in statement.positions:
                self.reference(position)
            for parent in statement.parents:
                self.reference(parent)
        elif isinstance(statement, n.ConceptDecl):
            self.declare(statement.name)
            known: dict[str, Category] = {}
            for param in statement.params:
                self.local(param.var, Category.PARAMETER, statement.span, True, known)
                self.reference(param.kind)
            self.atoms(statement.body, statement.span, known)
        elif isinstance(statement, n.RuleDecl):
            self.rule(statement)
        elif isinstance(statement, n.FramingDecl):
            self.declare(statement.name)
            for parent in statement.extends:
                self.reference(parent)
            for rule in statement.rules:
                self.rule(rule)
        elif isinstance(statement, n.ClaimDecl):
            self.claim(statement)
        elif isinstance(statement, n.ScenarioDecl):
            self.scenario(statement)

    def imported(self, statement: n.Import) -> None:
        target_unit = next((u for s, u in self.unit.import_links if s is statement), None)
        if target_unit is not None:
            self.add(Occurrence(statement.target_span, statement.target, Category.MODULE,
                                Target(target_unit.real, target_unit.name, Category.MODULE), unit=target_unit))
        if statement.alias is not None:
            alias = statement.alias
            self.add(Occurrence(alias.span, alias.text, Category.ALIAS,
                                Target(self.unit.real, alias.text, Category.ALIAS), True, unit=target_unit))

    def rule(self, rule: n.RuleDecl) -> None:
        self.declare(rule.name)
        known: dict[str, Category] = {}
        self.atoms(rule.body, rule.span, known)
        head = rule.head
        if head.kind is n.HeadKind.ATOMS:
            self.atoms(head.atoms, rule.span, known)
        for side in (head.left, head.right):
            if side is not None:
                self.local(side, Category.VARIABLE, rule.span, False, known)

    def claim(self, claim: n.ClaimDecl) -> None:
        if claim.name is not None:
            self.declare(claim.name)
        if claim.framing is not None:
            self.reference(claim.framing)
        known: dict[str, Category] = {}
        for formula in (claim.left, claim.right):
            if isinstance(formula, n.ConceptFormula):
                self.reference(formula.concept)
            elif isinstance(formula, n.AtomsFormula):
                self.atoms(formula.atoms, claim.span, known)

    def scenario(self, scenario: n.ScenarioDecl) -> None:
        self.declare(scenario.name)
        if scenario.framing is not None:
            self.reference(scenario.framing)
        known: dict[str, Category] = {}
        for group in scenario.individuals:
            self.reference(group.kind)
            for name in group.names:
                self.local(name, Category.INDIVIDUAL, scenario.span, True, known)
        atoms = [*scenario.facts, *(f.atom for f in scenario.negative_facts),
                 *(e.atom for e in scenario.expects if e.atom is not None)]
        for atom in sorted(atoms, key=lambda a: (a.span.line, a.span.column)):
            self.reference(atom.pred)
            for arg in atom.args:
                if arg.text in known:
                    self.local(arg, Category.INDIVIDUAL, scenario.span, False, known)
                else:
                    self.add(Occurrence(arg.span, arg.text, Category.INDIVIDUAL, None))


def index_unit(unit: Unit) -> list[Occurrence]:
    """Every name written in ``unit``, in source order."""
    found = _Indexer(unit).run()
    return sorted(found, key=lambda o: (o.span.line, o.span.column))


def at(occurrences: list[Occurrence], point: Point) -> Occurrence | None:
    """The occurrence under ``point`` (a cursor just after a name counts as on it)."""
    best: Occurrence | None = None
    for occurrence in occurrences:
        # a name that starts at the point wins over one that ends there
        starts_here = (occurrence.span.line, occurrence.span.column) == (point.line, point.column)
        if contains(occurrence.span, point) and (best is None or starts_here):
            best = occurrence
    return best


def referring(occurrences: list[Occurrence], target: Target) -> Iterator[Occurrence]:
    """The occurrences that refer to (or declare) ``target``."""
    return (o for o in occurrences if o.target == target)
