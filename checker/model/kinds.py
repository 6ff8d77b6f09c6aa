"""The kind hierarchy, disjointness, and the static kind-mismatch check.

A variable's kinds are inferred from the atoms it occurs in (kind atoms, relation signatures,
concept parameters) and closed upwards in the hierarchy; two of them declared disjoint is a
kind-mismatch. Framing rules are never used here: what they force is the reasoner's business.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..codes import KIND_MISMATCH
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Related, Span
from ..syntax.nodes import ClaimForm, HeadKind
from .order import postorder
from .symbols import ClaimSym, ConceptSym, KindSym, RelationSym, ResolvedAtom, RuleSym, Unit


def all_units(root: Unit) -> list[Unit]:
    """``root`` and everything it imports, transitively, each once, imports first."""
    return postorder(root, lambda unit: unit.imported)


class KindTable:
    """Ancestors and disjointness over every kind visible from a root unit."""

    def __init__(self, units: Iterable[Unit]):
        self._ancestors: dict[int, list[KindSym]] = {}
        self._nearest: dict[int, dict[int, list[tuple[int, KindSym]]]] = {}
        # each disjoint statement of kinds once, as the set of its members' ids; per kind, the
        # statements it is in (a kind listed twice in one statement is not disjoint from itself)
        self._groups: list[set[int]] = []
        self._groups_of: dict[int, list[int]] = {}
        for unit in units:
            for group in unit.disjoints:
                kinds = [m for m in group.members if isinstance(m, KindSym)]
                if len(kinds) < 2:
                    continue
                index = len(self._groups)
                self._groups.append({id(k) for k in kinds})
                for kind in dict.fromkeys(kinds):
                    self._groups_of.setdefault(id(kind), []).append(index)

    def ancestors(self, kind: KindSym) -> list[KindSym]:
        """``kind`` and every kind above it, each once, nearest first; safe on cycles."""
        cached = self._ancestors.get(id(kind))
        if cached is not None:
            return cached
        out, seen, frontier = [], {id(kind)}, deque([kind])
        while frontier:
            current = frontier.popleft()
            out.append(current)
            for parent in current.parents:
                if id(parent) not in seen:
                    seen.add(id(parent))
                    frontier.append(parent)
        self._ancestors[id(kind)] = out
        return out

    def disjoint(self, a: KindSym, b: KindSym) -> bool:
        """Whether ``a`` and ``b`` are two kinds one ``disjoint`` statement lists."""
        if a is b:
            return False
        groups = self._groups
        return any(id(b) in groups[g] for g in self._groups_of.get(id(a), ()))

    def clash(self, a: KindSym, b: KindSym) -> tuple[KindSym, KindSym] | None:
        """A declared disjoint pair among the ancestors of ``a`` and ``b``, if any: the nearest
        ancestor ``x`` of ``a`` disjoint from some ancestor of ``b``, and the nearest such ``y``.

        Linear in the number of ancestors and the statements they are in (each ancestor of ``a``
        is looked up through its statements among the nearest ancestors of ``b`` in each), not
        in their product nor in the pairs of a statement."""
        if not self._groups:
            return None
        nearest = self._nearest.get(id(b))
        if nearest is None:
            nearest = self._nearest[id(b)] = self._nearest_in_groups(b)
        for x in self.ancestors(a):
            found = [(i, y) for g in self._groups_of.get(id(x), ()) for i, y in nearest.get(g, ()) if y is not x]
            if found:
                return x, min(found, key=lambda item: item[0])[1]
        return None

    def _nearest_in_groups(self, kind: KindSym) -> dict[int, list[tuple[int, KindSym]]]:
        """Per statement, the two nearest ancestors of ``kind`` it lists, with their places among
        the ancestors (two, so that one is left when the other is the kind it is matched with)."""
        out: dict[int, list[tuple[int, KindSym]]] = {}
        for i, y in enumerate(self.ancestors(kind)):
            for g in self._groups_of.get(id(y), ()):
                found = out.setdefault(g, [])
                if len(found) < 2:
                    found.append((i, y))
        return out


@dataclass(frozen=True)
class Forcing:
    """Variable ``var`` must be of ``kind`` because of the text at ``span`` (``why`` says how)."""

    var: str
    kind: KindSym
    span: Span
    why: str


def atom_forcings(atom: ResolvedAtom) -> Iterator[Forcing]:
    """What one atom says about the kinds of its arguments."""
    pred, span, text = atom.pred, atom.node.span, _atom_text(atom)
    if isinstance(pred, KindSym):
        yield Forcing(atom.args[0], pred, span, text)
    elif isinstance(pred, RelationSym):
        for i, (kind, arg) in enumerate(zip(pred.positions, atom.args)):
            if kind is not None:
                yield Forcing(arg, kind, span, f"{text} ({_position_word(pred, i)} of {pred.name})")
    elif isinstance(pred, ConceptSym):
        for (param, kind), arg in zip(pred.params, atom.args):
            if kind is not None:
                yield Forcing(arg, kind, span, f"{text} (parameter {param} of {pred.name})")


def _position_word(relation: RelationSym, i: int) -> str:
    if relation.arity == 2:
        return "domain" if i == 0 else "range"
    return f"position {i + 1}"


def _atom_text(atom: ResolvedAtom) -> str:
    return f"{atom.node.pred.text}({', '.join(atom.args)})"


def find_mismatches(table: KindTable, forcings: Iterable[Forcing]) -> list[tuple[Forcing, Forcing, KindSym, KindSym]]:
    """Per variable, the first pair of forcings whose kinds are disjoint (in source order)."""
    # Only the first forcing of each kind can be part of the first clashing pair (a later forcing
    # of the same kind meets every kind the first one met), so a hub individual forced into the
    # same kind by thousands of facts costs one entry, not thousands.
    by_var: dict[str, list[Forcing]] = {}
    seen: set[tuple[str, int]] = set()
    for forcing in forcings:
        key = (forcing.var, id(forcing.kind))
        if key not in seen:
            seen.add(key)
            by_var.setdefault(forcing.var, []).append(forcing)
    found = []
    for var in by_var:
        items = by_var[var]
        done = False
        for j, later in enumerate(items):
            for earlier in items[: j + 1]:
                pair = table.clash(earlier.kind, later.kind)
                if pair is not None:
                    found.append((earlier, later, *pair))
                    done = True
                    break
            if done:
                break
    return found


def _through(first: KindSym, second: KindSym, a: KindSym, b: KindSym) -> str:
    """`` (as X and Y)`` when the declared disjoint pair is not the two kinds themselves."""
    if {id(first), id(second)} == {id(a), id(b)}:
        return ""
    return f" (as {a.name} and {b.name})"


def report_mismatches(table: KindTable, forcings: Iterable[Forcing], context: str,
                      reporter: DiagnosticCollector) -> int:
    """Report each variable forced into disjoint kinds; returns how many were reported."""
    count = 0
    for earlier, later, a, b in find_mismatches(table, forcings):
        if earlier is later:
            message = (f"{context} '{later.var}' must be a {later.kind.name}, "
                       f"and {a.name} and {b.name} are declared disjoint")
            related = [Related(later.span, f"forces {later.kind.name}: {later.why}")]
        else:
            message = (f"{context} '{later.var}' is forced to be both {earlier.kind.name} and {later.kind.name}, "
                       f"which are disjoint{_through(earlier.kind, later.kind, a, b)}")
            related = [
                Related(earlier.span, f"forces {earlier.kind.name}: {earlier.why}"),
                Related(later.span, f"forces {later.kind.name}: {later.why}"),
            ]
        reporter.report(
            KIND_MISMATCH, later.span, message,
            help="use another variable, or change the kinds or the disjoint declaration",
            related=related,
        )
        count += 1
    return count


def _check_equality(table: KindTable, rule: RuleSym, forcings: list[Forcing], reporter: DiagnosticCollector) -> None:
    """A rule head ``x = y`` whose two variables are forced into disjoint kinds by the body."""
    assert rule.head.equality is not None
    left, right = rule.head.equality
    if left == right:
        return
    for a in (f for f in forcings if f.var == left):
        for b in (f for f in forcings if f.var == right):
            pair = table.clash(a.kind, b.kind)
            if pair is None:
                continue
            reporter.report(
                KIND_MISMATCH, rule.decl.head.span,
                f"the head makes '{left}' and '{right}' one entity, but they are forced to be "
                f"{a.kind.name} and {b.kind.name}, which are disjoint{_through(a.kind, b.kind, *pair)}",
                help="equate variables of compatible kinds, or change the kinds or the disjoint declaration",
                related=[
                    Related(a.span, f"forces {a.kind.name}: {a.why}"),
                    Related(b.span, f"forces {b.kind.name}: {b.why}"),
                ],
            )
            return


def _side_forcings(side) -> list[Forcing]:
    """What one side of a claim says about its variables' kinds (a bare concept name applies
    the concept to x1..xn)."""
    forcings = []
    if side.concept is not None:
        forcings.extend(
            Forcing(f"x{i + 1}", kind, side.node.span, f"parameter {var} of {side.concept.name}")
            for i, (var, kind) in enumerate(side.concept.params) if kind is not None
        )
    for atom in side.atoms:
        forcings.extend(atom_forcings(atom))
    return forcings


def acknowledged_unsatisfiable(claim: ClaimSym) -> ConceptSym | None:
    """The concept an ``unsatisfiable`` claim says has no member: ``unsatisfiable c``, or
    ``unsatisfiable c(x1, ..., xn)`` with distinct variables; None for any other claim."""
    if claim.form is not ClaimForm.UNSATISFIABLE or claim.left is None:
        return None
    if claim.left.concept is not None:
        return claim.left.concept
    atoms = claim.left.atoms
    if len(atoms) == 1 and isinstance(atoms[0].pred, ConceptSym) and len(set(atoms[0].args)) == len(atoms[0].args):
        return atoms[0].pred
    return None


def check_kinds(unit: Unit, table: KindTable, reporter: DiagnosticCollector) -> None:
    """Static kind-mismatch findings for the unit's relations, concepts, rules, claims and
    scenario facts.

    In a claim that says the right side holds (``implies``, ``equivalent``) both sides use the
    shared variables; in ``does not imply``, ``distinct``, ``excludes`` and ``does not exclude``
    each side is checked on its own, since saying that disjoint things do not coincide is no
    mistake; an ``unsatisfiable`` claim's formula is not checked (it says it cannot be met)."""
    acknowledged = {id(c) for claim in unit.claims if (c := acknowledged_unsatisfiable(claim)) is not None}
    for relation in unit.relations:
        _check_parents(table, relation, reporter)
    for concept in unit.concepts:
        if id(concept) in acknowledged or concept.decl is None:
            continue
        forcings = [
            Forcing(var, kind, concept.decl.params[i].span, f"parameter {var}: {kind.name}")
            for i, (var, kind) in enumerate(concept.params) if kind is not None
        ]
        for atom in concept.body:
            forcings.extend(atom_forcings(atom))
        concept.kind_mismatch = report_mismatches(table, forcings, "variable", reporter) > 0
    rules = [rule for framing in unit.framings for rule in framing.rules] + unit.definitions
    for rule in rules:
        forcings = [f for atom in rule.body for f in atom_forcings(atom)]
        forcings.extend(f for atom in rule.head.atoms for f in atom_forcings(atom))
        report_mismatches(table, forcings, "variable", reporter)
        if rule.head.kind is HeadKind.EQUALITY:
            _check_equality(table, rule, forcings, reporter)
    for claim in unit.claims:
        if claim.form is ClaimForm.UNSATISFIABLE:
            continue
        sides = [_side_forcings(side) for side in (claim.left, claim.right) if side is not None]
        if claim.form in (ClaimForm.IMPLIES, ClaimForm.EQUIVALENT):
            sides = [[f for side in sides for f in side]]
        for forcings in sides:
            report_mismatches(table, forcings, "variable", reporter)
    for scenario in unit.scenarios:
        forcings = [
            Forcing(name, kind, span, f"declared {kind.name} {name}")
            for name, (kind, span) in scenario.individuals.items() if kind is not None
        ]
        for atom in scenario.facts:
            forcings.extend(atom_forcings(atom))
        if report_mismatches(table, forcings, "individual", reporter):
            scenario.complete = False


def _check_parents(table: KindTable, relation: RelationSym, reporter: DiagnosticCollector) -> None:
    """A sub-relation whose position is of a kind disjoint from its parent's at that position:
    no tuple could be in both, so the sub-relation could never hold."""
    if relation.decl is None:
        return
    for parent, written in zip(relation.parents, relation.parent_refs):
        for i, (mine, theirs) in enumerate(zip(relation.positions, parent.positions)):
            if mine is None or theirs is None:
                continue
            clash = table.clash(mine, theirs)
            if clash is None:
                continue
            reporter.report(
                KIND_MISMATCH, written.span,
                f"position {i + 1} of '{relation.name}' is {mine.name} and position {i + 1} of its parent "
                f"'{parent.name}' is {theirs.name}, which are disjoint{_through(mine, theirs, *clash)}",
                help="a sub-relation's positions must be of kinds its parent's positions allow",
                related=[Related(parent.span, f"'{parent.name}' is declared here")],
            )
            break
