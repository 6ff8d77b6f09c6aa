"""Which claims are arguments, and what each argues: the ``implies`` claims that read as an
arrow of a diagram like Hubinger's, "outer alignment and objective robustness imply intent
alignment".

A claim is an argument when

- its form is ``implies`` (``equivalent`` and the negative forms are not arrows of a diagram);
- its right side is exactly one concept: a concept name alone, or a single concept atom; that
  concept is the **conclusion** (a right side with more atoms says more than one arrow does);
- its left side has at least one concept: the concepts applied on the left are the
  **premises** (each once, in the order written), and its kind and relation atoms are the
  **conditions** the arrow is drawn with, as written: the atoms that link the premises'
  arguments (``trains(b, a), optimizes(b, o)``), but also any other atom that is not a concept.
  A left side with no concept (``mesa_objective(m, o) implies ...``) says nothing about
  concepts and is not an argument.

Each argument carries the claim's status under its own framing: holds, fails, unknown, or
**restated** when it holds but a ``restated-premise`` finding says it holds only because one
rule states it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.axioms import Namer, ancestors
from ..analysis.claims import ClaimOutcome
from ..analysis.outcomes import ClaimStatus
from ..codes import RESTATED_PREMISE
from ..diagnostics import Diagnostic
from ..enums import TextEnum
from ..model.symbols import ClaimSym, ConceptSym, FormulaSym, FramingSym
from ..model.written import atom_text, claim_text
from ..span import Span
from ..subjects import RestatementSubject
from ..syntax.nodes import ClaimForm
from .justify import short_path


class ArrowStatus(TextEnum):
    """How an argument's arrow is marked: the claim holds, fails or is undecided, or holds only
    because a rule restates it."""

    HOLDS = "holds"
    FAILS = "fails"
    RESTATED = "restated"
    UNKNOWN = "unknown"


_STATUS = {ClaimStatus.HOLDS: ArrowStatus.HOLDS, ClaimStatus.FAILS: ArrowStatus.FAILS,
           ClaimStatus.UNKNOWN: ArrowStatus.UNKNOWN}


@dataclass(frozen=True)
class Shape:
    """What a claim argues: its premises (concept names), its conclusion (a concept name) and
    the other atoms of its left side as written."""

    premises: tuple[str, ...]
    conclusion: str
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class Argument:
    """One argument: the claim (its label), the framing it is decided under (None: the base
    framing), what it argues, how its arrow is marked, the label of the rule it restates (when
    restated), the claim's statement and doc string, and where it is declared."""

    claim: str
    framing: str | None
    premises: tuple[str, ...]
    conclusion: str
    conditions: tuple[str, ...]
    status: ArrowStatus
    restates: str | None
    statement: str
    doc: str
    span: Span

    @property
    def conjunctive(self) -> bool:
        """Whether the left side has two or more premises (an AND node in the map)."""
        return len(self.premises) > 1

    def to_dict(self, base: str | None = None) -> dict[str, Any]:
        """JSON-ready; the location as in the other JSON outputs, its file relative to the
        directory ``base``."""
        return {"claim": self.claim, "framing": self.framing, "status": self.status.value,
                "premises": list(self.premises), "conclusion": self.conclusion,
                "conditions": list(self.conditions), "restates": self.restates,
                "statement": self.statement, "doc": self.doc,
                **self.span.to_dict(), "file": short_path(self.span.file, base)}


def _concepts(formula: FormulaSym, namer: Namer) -> list[str]:
    if formula.concept is not None:
        return [namer(formula.concept)]
    return [namer(atom.pred) for atom in formula.atoms if isinstance(atom.pred, ConceptSym)]


def argument_shape(claim: ClaimSym, namer: Namer) -> Shape | None:
    """What ``claim`` argues, or None when it is not an argument (see the module's doc)."""
    if claim.form is not ClaimForm.IMPLIES or claim.left is None or claim.right is None:
        return None
    right = claim.right
    if right.concept is None and not (len(right.atoms) == 1 and isinstance(right.atoms[0].pred, ConceptSym)):
        return None
    premises = tuple(dict.fromkeys(_concepts(claim.left, namer)))
    if not premises:
        return None
    conditions = tuple(atom_text(atom.node) for atom in claim.left.atoms if not isinstance(atom.pred, ConceptSym))
    return Shape(premises, _concepts(right, namer)[0], conditions)


def framing_scope(framing: FramingSym | None, namer: Namer) -> frozenset[str | None]:
    """The framings whose claims hold under ``framing``: itself, every framing it extends and
    the base framing (None); for the base framing, the base framing alone."""
    if framing is None:
        return frozenset({None})
    return frozenset({None, namer(framing), *(namer(f) for f in ancestors(framing))})


def restatements(diagnostics: Iterable[Diagnostic]) -> dict[tuple[str, str | None], str]:
    """The rule each claim restates, by (claim label, framing), from ``restated-premise``
    findings."""
    return {(d.subject.claim, d.subject.framing): d.subject.rule for d in diagnostics
            if d.code == RESTATED_PREMISE.code and isinstance(d.subject, RestatementSubject)}


def arguments(outcomes: Sequence[ClaimOutcome], diagnostics: Iterable[Diagnostic], namer: Namer,
              scope: frozenset[str | None] | None = None) -> list[Argument]:
    """The arguments among the decided claims ``outcomes``, in the spec's order, marked with
    their status and with the restatements ``diagnostics`` report; with ``scope`` (see
    :func:`framing_scope`), only the claims decided under one of those framings."""
    restated = restatements(diagnostics)
    out = []
    for outcome in outcomes:
        claim = outcome.claim
        framing = outcome.framing_name or None
        if scope is not None and framing not in scope:
            continue
        shape = argument_shape(claim, namer)
        if shape is None:
            continue
        rule = restated.get((claim.label, framing)) if outcome.status is ClaimStatus.HOLDS else None
        status = ArrowStatus.RESTATED if rule is not None else _STATUS[outcome.status]
        out.append(Argument(claim.label, framing, shape.premises, shape.conclusion, shape.conditions, status, rule,
                            claim_text(claim), claim.decl.doc.text or "", claim.decl.span))
    return out
