"""What a finding is about, as typed data: the claim, the concepts, the scenario... Tools read
these from a diagnostic's ``subject`` (the JSON output's ``data``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ClaimSubject:
    """A claim, by label, with its framing (None: the base framing) and form."""

    claim: str
    framing: str | None
    form: str

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "framing": self.framing, "form": self.form}


@dataclass(frozen=True)
class RestatementSubject:
    """A claim that restates a rule: the claim's label, its framing and the rule's label."""

    claim: str
    framing: str | None
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "framing": self.framing, "rule": self.rule}


@dataclass(frozen=True)
class VacuitySubject:
    """A non-implication that holds only for lack of any connection: the claim's label, its
    framing and the primitive kinds and relations its right side needs."""

    claim: str
    framing: str | None
    primitives: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "framing": self.framing, "primitives": list(self.primitives)}


@dataclass(frozen=True)
class ConceptsSubject:
    """Concepts under a framing: an unsatisfiable concept, or the members of a collapse."""

    framing: str | None
    concepts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"framing": self.framing, "concepts": list(self.concepts)}


@dataclass(frozen=True)
class FramingSubject:
    """A framing (None: the base framing, that is the definitions) and the axioms (labels) on
    its offending cycle."""

    framing: str | None
    axioms: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"framing": self.framing, "axioms": list(self.axioms)}


@dataclass(frozen=True)
class ExpectationSubject:
    """A failed expectation: the scenario, the expectation as written and its verdict, with the
    witness (when the atom follows) or the unmatched atoms (when it does not)."""

    scenario: str
    expect: str
    status: str
    witness: tuple[tuple[str, str], ...] | None = None
    unmatched: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"scenario": self.scenario, "expect": self.expect, "status": self.status}
        if self.witness is not None:
            data["witness"] = dict(self.witness)
        if self.unmatched is not None:
            data["unmatched"] = list(self.unmatched)
        return data


@dataclass(frozen=True)
class InconsistencySubject:
    """A scenario whose facts violate ``axiom`` (a label), with the facts involved."""

    scenario: str
    axiom: str
    facts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "axiom": self.axiom, "facts": list(self.facts)}


@dataclass(frozen=True)
class CycleSubject:
    """A scenario with a cycle of an acyclic ``relation``: the individuals around it and the facts."""

    scenario: str
    relation: str
    cycle: tuple[str, ...]
    facts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "relation": self.relation, "cycle": list(self.cycle),
                "facts": list(self.facts)}


Subject = (
    ClaimSubject | ConceptsSubject | FramingSubject | ExpectationSubject | InconsistencySubject | CycleSubject
    | RestatementSubject | VacuitySubject
)
