"""How every pair of concepts of equal arity relates under each framing, read off the
classification's implication graph (no new reasoning)."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.framings import FramingView
from ..enums import TextEnum
from ..model.symbols import ConceptSym
from .lattice import framing_title


class Relation(TextEnum):
    """How two concepts relate under one framing."""

    EQUIVALENT = "equivalent"
    IMPLIES = "implies"
    IMPLIED_BY = "implied by"
    INCOMPARABLE = "incomparable"
    UNSATISFIABLE = "unsatisfiable"
    UNKNOWN = "unknown"
    NOT_CLASSIFIED = "not classified"


EQUIVALENT, IMPLIES, IMPLIED_BY, INCOMPARABLE = Relation.EQUIVALENT, Relation.IMPLIES, Relation.IMPLIED_BY, \
    Relation.INCOMPARABLE
UNSATISFIABLE, UNKNOWN, NOT_CLASSIFIED = Relation.UNSATISFIABLE, Relation.UNKNOWN, Relation.NOT_CLASSIFIED
ORDER_RELATIONS = (EQUIVALENT, IMPLIES, IMPLIED_BY, INCOMPARABLE)


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
    pairs whose order relation differs between framings, then pairs that differ only in
    satisfiability or in what could be decided, then the pairs every framing agrees on."""

    framings: list[str | None]
    titles: list[str]
    rows: list[Row]

    def record(self) -> dict:
        """The comparison as a versioned JSON-ready document (schema ``alignspec-compare``)."""
        return {"schema": "alignspec-compare", "version": 1,
                "framings": [{"name": f, "title": t} for f, t in zip(self.framings, self.titles)],
                "rows": [r.record(self.framings) for r in self.rows]}


def relation(view: FramingView, left: str, right: str) -> Relation:
    """How ``left`` relates to ``right`` under ``view``: equivalent, implies, implied by,
    incomparable, unsatisfiable (either side), unknown or not classified."""
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
    return INCOMPARABLE


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


def compare(views: list[FramingView], concept: str | None = None) -> Comparison:
    """Compare every pair of equal-arity concepts under ``views`` (only pairs with ``concept``
    when given); pairs are written in concept order, ``left`` first."""
    concepts = concepts_of(views)
    names = list(concepts)
    rows = []
    for i, left in enumerate(names):
        for right in names[i + 1:]:
            if concepts[left].arity != concepts[right].arity:
                continue
            if concept is not None and concept not in (left, right):
                continue
            rows.append(Row(left, right, tuple(relation(v, left, right) for v in views)))
    position = {name: i for i, name in enumerate(names)}
    rows.sort(key=lambda r: (_group(r), position[r.left], position[r.right]))
    return Comparison([v.name or None for v in views], [framing_title(v) for v in views], rows)
