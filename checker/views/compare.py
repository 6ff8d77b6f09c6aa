"""How every pair of concepts relates under each framing: implication and equivalence read off
the classification's implication graph; for a pair neither of which implies the other, whether
they exclude each other (their conjunction has no member), which the reasoner decides when asked.

Only pairs that could share a member are compared: concepts of equal arity whose parameter kinds
are not declared disjoint at any position (through the kind hierarchy). Concepts that have no
member under any compared framing (helpers written to be impossible) are hidden unless asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analysis.exclusions import Exclusions
from ..analysis.framings import FramingView
from ..analysis.spec import SpecAnalysis
from ..enums import TextEnum
from ..model.kinds import KindTable, all_units
from ..model.symbols import ConceptSym
from ..reasoning.status import Satisfiability
from .lattice import framing_title


class Relation(TextEnum):
    """How two concepts relate under one framing."""

    EQUIVALENT = "equivalent"
    IMPLIES = "implies"
    IMPLIED_BY = "implied by"
    EXCLUDES = "excludes"
    INCOMPARABLE = "incomparable"
    UNSATISFIABLE = "unsatisfiable"
    UNKNOWN = "unknown"
    NOT_CLASSIFIED = "not classified"


EQUIVALENT, IMPLIES, IMPLIED_BY, INCOMPARABLE = Relation.EQUIVALENT, Relation.IMPLIES, Relation.IMPLIED_BY, \
    Relation.INCOMPARABLE
UNSATISFIABLE, UNKNOWN, NOT_CLASSIFIED = Relation.UNSATISFIABLE, Relation.UNKNOWN, Relation.NOT_CLASSIFIED
EXCLUDES = Relation.EXCLUDES
ORDER_RELATIONS = (EQUIVALENT, IMPLIES, IMPLIED_BY, EXCLUDES, INCOMPARABLE)


@dataclass(frozen=True)
class Row:
    """One pair of concepts and its relation under each compared framing, in framing order."""

    left: str
    right: str
    relations: tuple[Relation, ...]

    @property
    def disagree(self) -> bool:
        """Whether two framings relate the pair differently."""
        return len(set(self.relations)) > 1

    def record(self, framings: list[str | None]) -> dict:
        """JSON-ready: the pair, whether framings disagree, and the relation per framing."""
        return {"left": self.left, "right": self.right, "disagree": self.disagree,
                "relations": [{"framing": f, "relation": r.value} for f, r in zip(framings, self.relations)]}


@dataclass(frozen=True)
class Comparison:
    """The compared framings (None: the base framing), their titles, and the rows: first the
    pairs whose relation differs between framings, then pairs that differ only in
    satisfiability or in what could be decided, then the pairs every framing agrees on.
    ``hidden`` names the concepts left out for having no member under any compared framing, and
    ``kinds_disjoint`` counts the pairs not compared because their parameter kinds are disjoint."""

    framings: list[str | None]
    titles: list[str]
    rows: list[Row]
    hidden: list[str] = field(default_factory=list)
    kinds_disjoint: int = 0

    def record(self) -> dict:
        """The comparison as a versioned JSON-ready document (schema ``alignspec-compare``)."""
        return {"schema": "alignspec-compare", "version": 1,
                "framings": [{"name": f, "title": t} for f, t in zip(self.framings, self.titles)],
                "rows": [r.record(self.framings) for r in self.rows],
                "hidden": list(self.hidden), "kinds_disjoint": self.kinds_disjoint}


def relation(view: FramingView, left: str, right: str, exclusions: Exclusions | None = None) -> Relation:
    """How ``left`` relates to ``right`` under ``view``: equivalent, implies, implied by,
    excludes (decided with ``exclusions``, when given, for a pair neither of which implies the
    other), incomparable, unsatisfiable (either side), unknown or not classified."""
    c = view.classification
    if c is None:
        return NOT_CLASSIFIED
    if left in c.unsatisfiable or right in c.unsatisfiable:
        return UNSATISFIABLE
    if left in c.unknown or right in c.unknown:
        return UNKNOWN
    forward = c.implications.has_edge(left, right)
    backward = c.implications.has_edge(right, left)
    if forward and backward:
        return EQUIVALENT
    if forward:
        return IMPLIES if (right, left) not in c.unknown_pairs else UNKNOWN
    if backward:
        return IMPLIED_BY if (left, right) not in c.unknown_pairs else UNKNOWN
    if (left, right) in c.unknown_pairs or (right, left) in c.unknown_pairs:
        return UNKNOWN
    if exclusions is None:
        return INCOMPARABLE
    together = exclusions.conjunction(view.framing, view.concepts[left], view.concepts[right])
    if together is Satisfiability.UNSATISFIABLE:
        return EXCLUDES
    return UNKNOWN if together is Satisfiability.UNKNOWN else INCOMPARABLE


def _group(row: Row) -> int:
    if not row.disagree:
        return 2
    return 0 if len({r for r in row.relations if r in ORDER_RELATIONS}) > 1 else 1


def concepts_of(views: list[FramingView]) -> dict[str, ConceptSym]:
    """Every classified concept of ``views``, in the spec's concept order."""
    out: dict[str, ConceptSym] = {}
    for view in views:
        for name, concept in view.concepts.items():
            out.setdefault(name, concept)
    return out


def can_meet(kinds: KindTable, left: ConceptSym, right: ConceptSym) -> bool:
    """Whether ``left`` and ``right`` have equal arity and, at each position, parameter kinds
    that are not declared disjoint (through the kind hierarchy)."""
    if left.arity != right.arity:
        return False
    return not any(a is not None and b is not None and kinds.clash(a, b) is not None
                   for (_, a), (_, b) in zip(left.params, right.params))


def helpers(views: Sequence[FramingView]) -> list[str]:
    """The concepts with no member under every one of ``views`` (none when a view is not
    classified), in concept order."""
    if not views or any(v.classification is None for v in views):
        return []
    return [name for name in concepts_of(views)
            if all(v.classification is not None and name in v.classification.unsatisfiable for v in views)]


def compare(views: list[FramingView], concept: str | None = None, kinds: KindTable | None = None,
            exclusions: Exclusions | None = None, show_all: bool = False) -> Comparison:
    """Compare the pairs of concepts under ``views`` (only pairs with ``concept`` when given):
    pairs of equal arity, without those whose parameter kinds clash in ``kinds`` (when given)
    and, unless ``show_all``, without the concepts that have no member under any of ``views``
    (``concept`` itself is always kept). With ``exclusions``, a pair neither of which implies
    the other is checked for excluding each other. Pairs are written in concept order,
    ``left`` first."""
    concepts = concepts_of(views)
    hidden = [] if show_all else [name for name in helpers(views) if name != concept]
    names = [name for name in concepts if name not in hidden]
    rows = []
    disjoint = 0
    for i, left in enumerate(names):
        for right in names[i + 1:]:
            if concepts[left].arity != concepts[right].arity:
                continue
            if concept is not None and concept not in (left, right):
                continue
            if kinds is not None and not can_meet(kinds, concepts[left], concepts[right]):
                disjoint += 1
                continue
            rows.append(Row(left, right, tuple(relation(v, left, right, exclusions) for v in views)))
    position = {name: i for i, name in enumerate(names)}
    rows.sort(key=lambda r: (_group(r), position[r.left], position[r.right]))
    return Comparison([v.name or None for v in views], [framing_title(v) for v in views], rows, hidden, disjoint)


def spec_comparison(analysis: SpecAnalysis, views: list[FramingView] | None = None, concept: str | None = None,
                    show_all: bool = False) -> Comparison:
    """:func:`compare` for a spec: under ``views`` (default: the base framing and each of the
    spec's framings), with the spec's kind hierarchy and its cache of exclusions."""
    return compare(analysis.framings if views is None else views, concept, KindTable(all_units(analysis.unit)),
                   analysis.exclusions, show_all)
