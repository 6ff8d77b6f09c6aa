"""How every pair of concepts relates under each framing: implication and equivalence read off
the classification's implication graph; for a pair neither of which implies the other, whether
they exclude each other (their conjunction has no member), which the reasoner decides when asked.

Only pairs that could share a member are compared: concepts of equal arity whose parameter kinds
are not declared disjoint at any position (through the kind hierarchy). Concepts that have no
member under any compared framing (helpers written to be impossible) are hidden unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..analysis.exclusions import Exclusions
from ..analysis.framings import FramingView
from ..analysis.spec import SpecAnalysis
from ..enums import TextEnum
from ..model.kinds import KindTable, all_units
from ..model.symbols import ConceptSym
from ..reasoning import run_budget
from ..reasoning.status import Limit, Satisfiability
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
    ``hidden`` names the concepts left out for having no member under any compared framing,
    ``kinds_disjoint`` counts the pairs not compared because their parameter kinds are disjoint,
    ``cut`` is the limit of the run that was reached while the pairs were compared (None: none
    was): the pairs whose exclusion was still to decide then are ``unknown``; ``complete`` is
    false when the comparison stopped there, leaving the later pairs out; and ``omitted``
    counts the pairs compared but not listed (see :func:`most_informative`)."""

    framings: list[str | None]
    titles: list[str]
    rows: list[Row]
    hidden: list[str] = field(default_factory=list)
    kinds_disjoint: int = 0
    cut: Limit | None = None
    omitted: int = 0
    complete: bool = True

    def record(self) -> dict:
        """The comparison as a versioned JSON-ready document (schema ``alignspec-compare``);
        ``cut`` is there only when a limit of the run was reached."""
        out = {"schema": "alignspec-compare", "version": 1,
               "framings": [{"name": f, "title": t} for f, t in zip(self.framings, self.titles)],
               "rows": [r.record(self.framings) for r in self.rows],
               "hidden": list(self.hidden), "kinds_disjoint": self.kinds_disjoint}
        if self.cut is not None:
            out["cut"] = self.cut.value
        if self.omitted:
            out["omitted"] = self.omitted
        if not self.complete:
            out["complete"] = False
        return out


def relation(view: FramingView, left: str, right: str, exclusions: Exclusions | None = None,
             undecided: bool = False) -> Relation:
    """How ``left`` relates to ``right`` under ``view``: equivalent, implies, implied by,
    excludes (decided with ``exclusions``, when given, for a pair neither of which implies the
    other), incomparable, unsatisfiable (either side), unknown or not classified. With
    ``undecided`` (the run's budget is spent), a pair whose exclusion is still to decide is
    unknown."""
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
        return UNKNOWN if undecided else INCOMPARABLE
    together = exclusions.conjunction(view.framing, view.concepts[left], view.concepts[right])
    if together is Satisfiability.UNSATISFIABLE:
        return EXCLUDES
    return UNKNOWN if together is Satisfiability.UNKNOWN else INCOMPARABLE


_INFORMATIVE = {EQUIVALENT: 0, EXCLUDES: 0, IMPLIES: 1, IMPLIED_BY: 1, UNSATISFIABLE: 2, INCOMPARABLE: 3,
                UNKNOWN: 4, NOT_CLASSIFIED: 5}


def most_informative(comparison: Comparison, limit: int) -> Comparison:
    """``comparison`` with at most ``limit`` rows: those where the framings disagree first, then
    those with the strongest relation under some framing (equivalent or excludes, then implies,
    unsatisfiable, incomparable, unknown, not classified), ties in the comparison's order; the
    rows kept stay in that order, and ``omitted`` counts the others."""
    if len(comparison.rows) <= limit:
        return comparison
    rank = sorted(range(len(comparison.rows)), key=lambda i: (
        _group(comparison.rows[i]), min(_INFORMATIVE[r] for r in comparison.rows[i].relations), i))
    kept = sorted(rank[:limit])
    return replace(comparison, rows=[comparison.rows[i] for i in kept],
                   omitted=comparison.omitted + len(comparison.rows) - len(kept))


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
            exclusions: Exclusions | None = None, show_all: bool = False, stop_when_cut: bool = False) -> Comparison:
    """Compare the pairs of concepts under ``views`` (only pairs with ``concept`` when given):
    pairs of equal arity, without those whose parameter kinds clash in ``kinds`` (when given)
    and, unless ``show_all``, without the concepts that have no member under any of ``views``
    (``concept`` itself is always kept). With ``exclusions``, a pair neither of which implies
    the other is checked for excluding each other, within the run's budget: once it is spent
    (looked at before each pair), the exclusions still to decide are unknown and ``cut`` names
    the limit; every pair is still compared, unless ``stop_when_cut`` (then the pairs after it
    are left out, and ``complete`` is false). Pairs are written in concept order, ``left``
    first."""
    concepts = concepts_of(views)
    hidden = [] if show_all else [name for name in helpers(views) if name != concept]
    names = [name for name in concepts if name not in hidden]
    rows = []
    disjoint = 0
    complete = True
    run = run_budget.active() if exclusions is not None else None
    for left, right in _pairs(names, concept):
        if concepts[left].arity != concepts[right].arity:
            continue
        if kinds is not None and not can_meet(kinds, concepts[left], concepts[right]):
            disjoint += 1
            continue
        spent = run is not None and run.spent() is not None
        if spent and stop_when_cut:
            complete = False
            break
        rows.append(Row(left, right, tuple(relation(v, left, right, None if spent else exclusions, spent)
                                           for v in views)))
    position = {name: i for i, name in enumerate(names)}
    rows.sort(key=lambda r: (_group(r), position[r.left], position[r.right]))
    return Comparison([v.name or None for v in views], [framing_title(v) for v in views], rows, hidden, disjoint,
                      run.exhausted if run is not None else None, complete=complete)


def _pairs(names: list[str], concept: str | None) -> Iterator[tuple[str, str]]:
    """The pairs of ``names`` in order, ``left`` first (only those with ``concept``, when given)."""
    for i, left in enumerate(names):
        for right in names[i + 1:]:
            if concept is None or concept in (left, right):
                yield left, right


def spec_comparison(analysis: SpecAnalysis, views: list[FramingView] | None = None, concept: str | None = None,
                    show_all: bool = False, stop_when_cut: bool = False) -> Comparison:
    """:func:`compare` for a spec: under ``views`` (default: the base framing and each of the
    spec's framings), with the spec's kind hierarchy and its cache of exclusions, within the run
    budget in force or one of the spec's limits started for the comparison."""
    with run_budget.started(analysis.exclusions.budget):
        return compare(analysis.framings if views is None else views, concept, KindTable(all_units(analysis.unit)),
                       analysis.exclusions, show_all, stop_when_cut)
