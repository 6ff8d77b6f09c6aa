"""Name resolution: declare a unit's names, build its scope, and resolve every reference.

Reports unknown-name (with a "did you mean"), duplicate-name and arity-mismatch. Kinds,
cycles and unused declarations are separate passes over the resolved unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from ..codes import ARITY_MISMATCH, DUPLICATE_NAME, KIND_MISMATCH, SYNTAX_ERROR, UNKNOWN_NAME
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Fix, Related
from ..syntax import nodes as n
from .symbols import (
    ClaimName,
    ClaimSym,
    ConceptSym,
    DisjointSym,
    ExpectSym,
    FormulaSym,
    FramingSym,
    KindSym,
    RelationSym,
    ResolvedAtom,
    ResolvedHead,
    RuleName,
    RuleSym,
    ScenarioSym,
    Unit,
    sort_word,
)

PREDICATES = (KindSym, RelationSym, ConceptSym)
LISTED = 12
PLURALS = {"kind, relation or concept": "kinds, relations and concepts", "kind or relation": "kinds and relations"}
NARY_PROPERTIES = ("functional", "inverse_functional")
IMPORTABLE = (KindSym, RelationSym, ConceptSym, FramingSym)
DECLARATIONS = {
    n.KindDecl: (KindSym, "kinds"),
    n.RelationDecl: (RelationSym, "relations"),
    n.ConceptDecl: (ConceptSym, "concepts"),
    n.FramingDecl: (FramingSym, "framings"),
    n.ScenarioDecl: (ScenarioSym, "scenarios"),
}


def resolve_unit(unit: Unit, reporter: DiagnosticCollector) -> None:
    """Resolve everything in ``unit``, whose imports are already resolved."""
    _declare(unit, reporter)
    _build_scope(unit, reporter)
    _Resolver(unit, reporter).run()


def _declare(unit: Unit, reporter: DiagnosticCollector) -> None:
    def add(symbol) -> None:
        previous = unit.own.get(symbol.name)
        if previous is not None:
            reporter.report(
                DUPLICATE_NAME, symbol.span,
                f"'{symbol.name}' is already declared as a {sort_word(previous)}",
                help="every name is declared once per spec; rename one of them",
                related=[Related(previous.span, f"first declaration of '{symbol.name}'")],
            )
            return
        unit.own[symbol.name] = symbol

    for statement in unit.spec.statements:
        declared = DECLARATIONS.get(type(statement))
        if declared is not None:
            symbol_type, collection = declared
            symbol = symbol_type(statement.name.text, unit, statement.name.span, decl=statement)
            getattr(unit, collection).append(symbol)
            add(symbol)
        if isinstance(statement, n.FramingDecl):
            for rule in statement.rules:
                add(RuleName(rule.name.text, unit, rule.name.span))
        elif isinstance(statement, n.RuleDecl):
            add(RuleName(statement.name.text, unit, statement.name.span))
        elif isinstance(statement, n.ClaimDecl) and statement.name is not None:
            add(ClaimName(statement.name.text, unit, statement.name.span))
    headers = [s for s in unit.spec.statements if isinstance(s, n.SpecHeader)]
    for header in headers[1:]:
        reporter.report(
            DUPLICATE_NAME, header.span, "a spec has at most one `spec` header",
            help="remove this header",
            related=[Related(headers[0].span, "first header")],
        )
    if headers and unit.spec.statements[0] is not headers[0]:
        reporter.report(
            SYNTAX_ERROR, headers[0].span, "the `spec` header must be the first statement",
            help="move it to the top of the file",
        )


def _build_scope(unit: Unit, reporter: DiagnosticCollector) -> None:
    unit.scope = dict(unit.own)
    for statement in unit.spec.statements:
        if not isinstance(statement, n.Import):
            continue
        imported = _unit_for(unit, statement)
        if imported is None:
            continue
        if statement.alias is not None:
            alias = statement.alias.text
            if alias in unit.own:
                reporter.report(
                    DUPLICATE_NAME, statement.alias.span,
                    f"import alias '{alias}' is also declared as a {sort_word(unit.own[alias])}",
                    help="choose another alias",
                    related=[Related(unit.own[alias].span, "the declaration")],
                )
            elif unit.aliases.get(alias, imported) is not imported:
                first = next(s.alias for s in unit.spec.statements
                             if isinstance(s, n.Import) and s.alias is not None and s.alias.text == alias)
                reporter.report(DUPLICATE_NAME, statement.alias.span,
                                f"import alias '{alias}' is used twice", help="choose another alias",
                                related=[Related(first.span, f"first use of '{alias}'")])
            else:
                unit.aliases[alias] = imported
            continue
        for name, symbol in imported.scope.items():
            if not isinstance(symbol, IMPORTABLE):
                continue
            present = unit.scope.get(name)
            if present is None:
                unit.scope[name] = symbol
            elif present is not symbol:
                if present.unit is unit:
                    reporter.report(
                        DUPLICATE_NAME, present.span,
                        f"'{name}' is declared here and in the imported spec '{imported.name}'",
                        help="rename one of them, or import the spec with `as P` and refer to its names as `P.name`",
                        related=[Related(symbol.span, f"the declaration in '{imported.name}'")],
                    )
                else:
                    reporter.report(
                        DUPLICATE_NAME, statement.target_span,
                        f"'{name}' is declared in two imported specs",
                        help="import one of them with `as P` and refer to its names as `P.name`",
                        related=[Related(present.span, "one declaration"), Related(symbol.span, "the other")],
                    )


def _unit_for(unit: Unit, statement: n.Import) -> Unit | None:
    for linked, imported in unit.import_links:
        if linked is statement:
            return imported
    return None


def resolve_claim(unit: Unit, decl: n.ClaimDecl, reporter: DiagnosticCollector) -> ClaimSym:
    """Resolve a claim written against ``unit``'s names, without adding it to the unit."""
    return _Resolver(unit, reporter).claim(decl, len(unit.claims))


class _Resolver:
    def __init__(self, unit: Unit, reporter: DiagnosticCollector):
        self.unit = unit
        self.reporter = reporter
        # Imports that failed to load (already an import-error): their aliases exist, their names
        # are unknown without further reports, and any unknown name may have come from them.
        failed = [s for s in unit.spec.statements if isinstance(s, n.Import) and _unit_for(unit, s) is None]
        self.failed_aliases = {s.alias.text for s in failed if s.alias is not None}
        self.failed_targets = [s.target for s in failed if s.alias is None]

    def run(self) -> None:
        unit = self.unit
        for statement in unit.spec.statements:
            if isinstance(statement, n.KindDecl):
                self._kind(self._own(statement), statement)
            elif isinstance(statement, n.RelationDecl):
                self._relation(self._own(statement), statement)
            elif isinstance(statement, n.DisjointDecl):
                self._disjoint(statement)
        for statement in unit.spec.statements:
            if isinstance(statement, n.ConceptDecl):
                self._concept(self._own(statement), statement)
        for statement in unit.spec.statements:
            if isinstance(statement, n.FramingDecl):
                self._framing(self._own(statement), statement)
            elif isinstance(statement, n.RuleDecl):
                unit.definitions.append(self._rule(statement, None))
        claim_index = 0
        for statement in unit.spec.statements:
            if isinstance(statement, n.ClaimDecl):
                self.unit.claims.append(self.claim(statement, claim_index))
                claim_index += 1
            elif isinstance(statement, n.ScenarioDecl):
                self._scenario(self._own(statement), statement)

    def _own(self, statement):
        """The symbol declared by ``statement`` (a fresh one when its name was a duplicate)."""
        symbol = self.unit.own.get(statement.name.text)
        if symbol is not None and getattr(symbol, "decl", None) is statement:
            return symbol
        for collection in (self.unit.kinds, self.unit.relations, self.unit.concepts,
                           self.unit.framings, self.unit.scenarios):
            for candidate in collection:
                if candidate.decl is statement:
                    return candidate
        raise LookupError(statement.name.text)

    # lookup
    def lookup(self, qname: n.QName, sorts: tuple[type, ...], what: str):
        """Resolve ``qname`` to a symbol of one of ``sorts``, or report unknown-name."""
        if qname.prefix is not None:
            imported = self.unit.aliases.get(qname.prefix)
            if imported is None:
                if qname.prefix in self.failed_aliases:
                    return None
                aliases = sorted(self.unit.aliases)
                self._unknown(qname, f"no import is named '{qname.prefix}'",
                              [f"{alias}.{k}" for alias in aliases for k, v in self.unit.aliases[alias].scope.items()
                               if isinstance(v, sorts)],
                              f"the imports are named {', '.join(aliases)}" if aliases
                              else "import the spec with `import NAME as " + qname.prefix + "`")
                return None
            symbol = imported.scope.get(qname.name)
        else:
            symbol = self.unit.scope.get(qname.name)
        if symbol is None:
            self._unknown(qname, f"unknown {what} '{qname.text}'", self._candidates(qname, sorts),
                          self._unknown_help(qname, sorts, what))
            return None
        if not isinstance(symbol, sorts):
            self._unknown(qname, f"'{qname.text}' is a {sort_word(symbol)}, not a {what}",
                          self._candidates(qname, sorts), f"use a {what} here",
                          related=[Related(symbol.span, "declared here")])
            return None
        return symbol

    def _candidates(self, qname: n.QName, sorts: tuple[type, ...]) -> list[str]:
        """The names of the right sort that ``qname`` might have meant."""
        if qname.prefix is not None:
            scope = self.unit.aliases[qname.prefix].scope
            return [f"{qname.prefix}.{k}" for k, v in scope.items() if isinstance(v, sorts)]
        candidates = [k for k, v in self.unit.scope.items() if isinstance(v, sorts)]
        candidates += [f"{alias}.{k}" for alias, imported in self.unit.aliases.items()
                       for k, v in imported.scope.items() if isinstance(v, sorts)]
        return candidates

    def _unknown_help(self, qname: n.QName, sorts: tuple[type, ...], what: str) -> str:
        """What to do about an unknown name when no declared name is close to it: the names of
        that sort an imported spec has (for a qualified name, or for a framing), and the failed
        imports it may have come from."""
        listed = ""
        if qname.prefix is not None or sorts == (FramingSym,):
            names = self._candidates(qname, sorts)
            if names:
                shown = ", ".join(names[:LISTED]) + (", ..." if len(names) > LISTED else "")
                where = f"'{qname.prefix}'" if qname.prefix is not None else "this spec"
                listed = f"; {where} has {PLURALS.get(what, what + 's')} {shown}"
        help = f"declare the {what} or fix the name{listed}"
        if self.failed_targets and qname.prefix is None:
            imports = ", ".join(f"'{t}'" for t in self.failed_targets)
            help += f" (it may be declared in {imports}, which could not be imported)"
        return help

    def _unknown(self, qname: n.QName, message: str, candidates: Iterable[str], help: str, related=()):
        close = get_close_matches(qname.text, sorted(set(candidates)), n=1, cutoff=0.6)
        if not close:
            lowered = {c.lower(): c for c in candidates}
            if qname.text.lower() in lowered:
                close = [lowered[qname.text.lower()]]
        fixes: tuple[Fix, ...] = ()
        if close:
            help = f"did you mean '{close[0]}'?"
            fixes = (Fix(qname.span, close[0]),)
        self.reporter.report(UNKNOWN_NAME, qname.span, message, help=help, related=related, fixes=fixes)

    def atom(self, atom: n.Atom) -> ResolvedAtom | None:
        symbol = self.lookup(atom.pred, PREDICATES, "kind, relation or concept")
        if symbol is None:
            return None
        expected = 1 if isinstance(symbol, KindSym) else symbol.arity
        if isinstance(symbol, ConceptSym) and symbol.decl is not None and not symbol.params and symbol.decl.params:
            expected = len(symbol.decl.params)
        if len(atom.args) != expected:
            self.reporter.report(
                ARITY_MISMATCH, atom.span,
                f"{sort_word(symbol)} '{atom.pred.text}' takes {expected} argument{'s' if expected != 1 else ''}, "
                f"not {len(atom.args)}",
                help=f"write {atom.pred.text}({', '.join(_placeholders(expected))})",
                related=[Related(symbol.span, "declared here")],
            )
            return None
        return ResolvedAtom(symbol, tuple(a.text for a in atom.args), atom)

    def atoms(self, atoms: Iterable[n.Atom]) -> tuple[list[ResolvedAtom], bool]:
        out, complete = [], True
        for atom in atoms:
            resolved = self.atom(atom)
            if resolved is None:
                complete = False
            else:
                out.append(resolved)
        return out, complete

    # declarations
    def _kind(self, symbol: KindSym, decl: n.KindDecl) -> None:
        for parent in decl.parents:
            resolved = self.lookup(parent, (KindSym,), "kind")
            if resolved is not None:
                symbol.parents.append(resolved)

    def _relation(self, symbol: RelationSym, decl: n.RelationDecl) -> None:
        symbol.positions = [self.lookup(position, (KindSym,), "kind") for position in decl.positions]
        for parent in decl.parents:
            resolved = self.lookup(parent, (RelationSym,), "relation")
            if resolved is None:
                continue
            if resolved.arity != decl.arity:
                self.reporter.report(
                    ARITY_MISMATCH, parent.span,
                    f"relation '{decl.name.text}' has {_count(decl.arity, 'position')} and '{parent.text}' has "
                    f"{resolved.arity}; a relation can only be a sub-relation of one of the same arity",
                    help="give both relations the same positions, or remove the parent",
                    related=[Related(resolved.span, "declared here")],
                )
                continue
            symbol.parents.append(resolved)
            symbol.parent_refs.append(parent)
        for prop in decl.properties:
            if prop.name in symbol.properties:
                self.reporter.report(DUPLICATE_NAME, prop.span, f"property '{prop.name}' is given twice",
                                     help="remove one", related=[Related(symbol.properties[prop.name], "first")])
            elif decl.arity > 2 and prop.name not in NARY_PROPERTIES:
                self.reporter.report(
                    ARITY_MISMATCH, prop.span,
                    f"'{prop.name}' applies to binary relations; '{decl.name.text}' has {decl.arity} positions",
                    help="a relation of more than two positions can be `functional` (its last position is "
                         "determined by the others) or `inverse_functional` (its first position is)",
                )
            else:
                symbol.properties[prop.name] = prop.span

    def _disjoint(self, decl: n.DisjointDecl) -> None:
        members = [self.lookup(q, (KindSym, RelationSym), "kind or relation") for q in decl.names]
        resolved = [m for m in members if m is not None]
        sorts = {type(m) for m in resolved}
        if len(sorts) > 1:
            self.reporter.report(
                KIND_MISMATCH, decl.span, "a `disjoint` statement lists kinds or relations, not both",
                help="split it into one statement for kinds and one for relations",
            )
            return
        arities = {m.arity for m in resolved if isinstance(m, RelationSym)}
        if len(arities) > 1:
            self.reporter.report(
                ARITY_MISMATCH, decl.span, "relations declared disjoint must have the same number of positions",
                help="split the statement so that each lists relations of one arity",
            )
            return
        if len(resolved) == len(members):
            self.unit.disjoints.append(DisjointSym(self.unit, decl, resolved))

    def _concept(self, symbol: ConceptSym, decl: n.ConceptDecl) -> None:
        seen: dict[str, n.Param] = {}
        for param in decl.params:
            if param.var.text in seen:
                self.reporter.report(
                    DUPLICATE_NAME, param.var.span, f"parameter '{param.var.text}' is declared twice",
                    help="give each parameter its own name",
                    related=[Related(seen[param.var.text].var.span, "first declaration")],
                )
                symbol.complete = False
                continue
            seen[param.var.text] = param
            kind = self.lookup(param.kind, (KindSym,), "kind")
            if kind is None:
                symbol.complete = False
            symbol.params.append((param.var.text, kind))
        symbol.body, complete = self.atoms(decl.body)
        symbol.complete = symbol.complete and complete

    def _framing(self, symbol: FramingSym, decl: n.FramingDecl) -> None:
        for parent in decl.extends:
            resolved = self.lookup(parent, (FramingSym,), "framing")
            if resolved is not None:
                symbol.extends.append(resolved)
        for rule in decl.rules:
            symbol.rules.append(self._rule(rule, symbol))

    def _rule(self, rule: n.RuleDecl, framing: FramingSym | None) -> RuleSym:
        """Resolve a rule of ``framing``, or a definition (``framing`` None)."""
        body, complete = self.atoms(rule.body)
        variables = {a for atom in rule.body for a in (arg.text for arg in atom.args)}
        written = rule.head
        if written.kind is n.HeadKind.EQUALITY:
            assert written.left is not None and written.right is not None
            head = ResolvedHead(written.kind, equality=(written.left.text, written.right.text))
            for side in (written.left, written.right):
                if side.text not in variables:
                    self.reporter.report(
                        UNKNOWN_NAME, side.span,
                        f"variable '{side.text}' of the equality does not occur in the rule's body",
                        help="an equality can only merge entities the body has matched",
                    )
                    complete = False
        elif written.kind is n.HeadKind.FALSE:
            head = ResolvedHead(written.kind)
        else:
            atoms, head_complete = self.atoms(written.atoms)
            head = ResolvedHead(written.kind, atoms=tuple(atoms))
            complete = complete and head_complete
        return RuleSym(rule.name.text, framing, rule, body, head, complete, self.unit)

    def _formula(self, formula) -> FormulaSym:
        if isinstance(formula, n.ConceptFormula):
            concept = self.lookup(formula.concept, (ConceptSym,), "concept")
            if concept is None:
                return FormulaSym([], None, formula, complete=False)
            return FormulaSym([], concept, formula)
        atoms, complete = self.atoms(formula.atoms)
        return FormulaSym(atoms, None, formula, complete)

    def claim(self, decl: n.ClaimDecl, index: int) -> ClaimSym:
        """Resolve one claim (not added to the unit)."""
        framing = self.lookup(decl.framing, (FramingSym,), "framing") if decl.framing is not None else None
        left = self._formula(decl.left)
        right = self._formula(decl.right) if decl.right is not None else None
        claim = ClaimSym(self.unit, decl, framing, decl.form, left, right, index)
        if right is not None and left.concept is not None and right.concept is not None:
            if left.concept.arity != right.concept.arity:
                self.reporter.report(
                    ARITY_MISMATCH, decl.right.span,
                    f"'{left.concept.name}' takes {_count(left.concept.arity, 'argument')} and "
                    f"'{right.concept.name}' takes {right.concept.arity}; a claim compares concepts of equal arity",
                    help="compare concepts with the same number of parameters, or write the atoms out",
                )
                right.complete = False
        elif (right is not None and (left.concept is not None) != (right.concept is not None)
              and left.complete and right.complete):
            bare = left if left.concept is not None else right
            self.reporter.report(
                ARITY_MISMATCH, bare.node.span,
                "a concept name alone can only be compared with another concept name",
                help=f"write the concept with arguments, e.g. "
                     f"{bare.concept.name}({', '.join(_placeholders(bare.concept.arity))})",
            )
            bare.complete = False
        return claim

    def _scenario(self, symbol: ScenarioSym, decl: n.ScenarioDecl) -> None:
        if decl.framing is not None:
            symbol.framing = self.lookup(decl.framing, (FramingSym,), "framing")
            if symbol.framing is None:
                symbol.complete = False
        for group in decl.individuals:
            kind = self.lookup(group.kind, (KindSym,), "kind")
            if kind is None:
                symbol.complete = False
            for name in group.names:
                if name.text in symbol.individuals:
                    self.reporter.report(
                        DUPLICATE_NAME, name.span, f"individual '{name.text}' is declared twice",
                        help="each individual is declared once, with one kind; add more kinds as facts `K(x)`",
                        related=[Related(symbol.individuals[name.text][1], "first declaration")],
                    )
                    continue
                symbol.individuals[name.text] = (kind, name.span)
        negatives = [f.atom for f in decl.negative_facts]
        for written, collected in ((decl.facts, symbol.facts), (negatives, symbol.negatives)):
            facts, complete = self.atoms(written)
            symbol.complete = symbol.complete and complete
            for fact in facts:
                if self._check_individuals(symbol, fact.node):
                    collected.append(fact)
                else:
                    symbol.complete = False
        for expect in decl.expects:
            atom = self.atom(expect.atom) if expect.atom is not None else None
            if atom is not None and not self._check_individuals(symbol, atom.node):
                atom = None
            symbol.expects.append(ExpectSym(atom, expect.kind, expect))

    def _check_individuals(self, scenario: ScenarioSym, atom: n.Atom) -> bool:
        ok = True
        for arg in atom.args:
            if arg.text not in scenario.individuals:
                close = get_close_matches(arg.text, sorted(scenario.individuals), n=1)
                self.reporter.report(
                    UNKNOWN_NAME, arg.span, f"unknown individual '{arg.text}' in scenario '{scenario.name}'",
                    help=f"did you mean '{close[0]}'?" if close
                    else f"declare it first, e.g. `{_example_kind(scenario)} {arg.text}`",
                    fixes=[Fix(arg.span, close[0])] if close else (),
                )
                ok = False
        return ok


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _placeholders(count: int) -> list[str]:
    return ["x", "y", "z", "w"][:count] if count <= 4 else [f"x{i}" for i in range(1, count + 1)]


def _example_kind(scenario: ScenarioSym) -> str:
    """A kind to show in a hint about declaring an individual of ``scenario``."""
    for kind, _ in scenario.individuals.values():
        if kind is not None:
            return kind.name
    return "KIND"
