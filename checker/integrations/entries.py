"""The concepts and claims a spec declares, as plain records a documentation page can list and
link to."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.written import definition, signature, statement_text


@dataclass(frozen=True)
class ConceptEntry:
    """A concept the spec declares: ``signature`` as written (``inner_aligned(m: MesaOptimizer)``),
    ``definition`` its body, ``doc`` its doc string (or ``""``), ``file``/``line`` where it is."""

    spec: str
    name: str
    signature: str
    definition: str
    doc: str
    file: str
    line: int

    @property
    def fullname(self) -> str:
        """``spec.name``, the name cross-references may use to be unambiguous."""
        return f"{self.spec}.{self.name}"


@dataclass(frozen=True)
class ClaimEntry:
    """A named claim the spec declares, with its decision: ``status`` is ``holds``, ``fails``
    or ``unknown``; ``framing`` is ``""`` for the base framing."""

    spec: str
    name: str
    statement: str
    framing: str
    status: str
    file: str
    line: int

    @property
    def fullname(self) -> str:
        """``spec.name``, the name cross-references may use to be unambiguous."""
        return f"{self.spec}.{self.name}"


def concept_entries(spec) -> list[ConceptEntry]:
    """The concepts ``spec`` (an ``alignspec.Spec``) declares itself, in declaration order."""
    unit = spec.unit
    out = []
    for concept in unit.concepts:
        decl = concept.decl
        if decl is None or unit.own.get(concept.name) is not concept:
            continue
        out.append(ConceptEntry(unit.name, concept.name, signature(concept), definition(concept),
                                decl.doc.text or "", unit.real, decl.span.line))
    return out


def claim_entries(spec) -> list[ClaimEntry]:
    """The named claims ``spec`` declares, with their outcome, in declaration order."""
    unit = spec.unit
    out = []
    for outcome in spec.claims:
        decl = outcome.claim.decl
        if decl.name is None or outcome.claim.unit is not unit:
            continue
        out.append(ClaimEntry(unit.name, decl.name.text, statement_text(decl), outcome.framing_name or "",
                              outcome.status.value, unit.real, decl.span.line))
    return out
