"""Why one concept implies another under a framing, or has no member: cached justifications."""

from __future__ import annotations

from ..model.symbols import ConceptSym, FramingSym
from ..reasoning.entailment import decide_implication, decide_satisfiable
from ..reasoning.logic import Atom, Budget
from .axioms import TheoryBuilder


class Justifier:
    """Computes, once per question, the minimal justification of an implication between two
    concepts (or of a concept's unsatisfiability) under a framing, as JSON-ready records."""

    def __init__(self, builder: TheoryBuilder, concepts: dict[str, ConceptSym], budget: Budget):
        self.builder = builder
        self.concepts = concepts
        self.budget = budget
        self._formulas: dict[str, tuple[tuple[str, ...], tuple[Atom, ...]]] = {}
        self._cache: dict[tuple, list[dict]] = {}

    def formula(self, name: str) -> tuple[tuple[str, ...], tuple[Atom, ...]]:
        """Concept ``name`` applied to its own parameters, expanded once."""
        if name not in self._formulas:
            self._formulas[name] = self.builder.expander.concept_formula(self.concepts[name])
        return self._formulas[name]

    def implication(self, framing: FramingSym | None, left: str, right: str) -> list[dict]:
        """The axioms that make concept ``left`` imply concept ``right`` under ``framing``."""
        key = ("implies", id(framing), left, right)
        if key not in self._cache:
            params, lhs = self.formula(left)
            rhs = self.builder.expander.concept_atoms(
                self.concepts[right], params, reserved={v for atom in lhs for v in atom.args})
            result = decide_implication(self.builder.theory(framing), lhs, rhs, self.budget, verify=False, explain=False)
            self._cache[key] = axiom_records(result.justification if result.status == "holds" else None)
        return self._cache[key]

    def unsatisfiable(self, framing: FramingSym | None, name: str) -> list[dict]:
        """The axioms that leave concept ``name`` without a member under ``framing``."""
        key = ("unsatisfiable", id(framing), name)
        if key not in self._cache:
            _, atoms = self.formula(name)
            result = decide_satisfiable(self.builder.theory(framing), atoms, self.budget)
            self._cache[key] = axiom_records(result.justification if result.status == "unsatisfiable" else None)
        return self._cache[key]

    def equivalence(self, framing: FramingSym | None, members: list[str]) -> list[dict]:
        """Around the cycle ``members[0] -> members[1] -> ... -> members[0]``: each step's axioms,
        marked with its direction."""
        out = []
        for left, right in zip(members, members[1:] + members[:1]):
            for item in self.implication(framing, left, right):
                out.append({**item, "direction": f"{left} implies {right}"})
        return out


def axiom_records(axioms) -> list[dict]:
    """Axioms as JSON-ready records: label, description and where each was declared."""
    return [axiom.origin.to_dict(axiom.label) if axiom.origin is not None else {"label": axiom.label}
            for axiom in (axioms or [])]
