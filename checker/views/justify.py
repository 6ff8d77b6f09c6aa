"""Why one concept implies another under a framing, or has no member: cached justifications."""

from __future__ import annotations

import os

from ..analysis.axioms import TheoryBuilder, fresh
from ..model.symbols import ConceptSym, FramingSym
from ..reasoning.entailment import decide_implication, decide_satisfiable
from ..reasoning.logic import Budget


class Justifier:
    """Computes, once per question, the minimal justification of an implication between two
    concepts (or of a concept's unsatisfiability) under a framing, as JSON-ready records."""

    def __init__(self, builder: TheoryBuilder, concepts: dict[str, ConceptSym], budget: Budget):
        self.builder = builder
        self.concepts = concepts
        self.budget = budget
        self._cache: dict[tuple, list[dict]] = {}

    def _formula(self, name: str):
        concept = self.concepts[name]
        used: set[str] = set()
        params = tuple(fresh(var, used) for var, _ in concept.params)
        return params, self.builder.expander.concept_atoms(concept, params)

    def implication(self, framing: FramingSym | None, left: str, right: str) -> list[dict]:
        """The axioms that make concept ``left`` imply concept ``right`` under ``framing``."""
        key = ("implies", id(framing), left, right)
        if key not in self._cache:
            params, lhs = self._formula(left)
            rhs = self.builder.expander.concept_atoms(
                self.concepts[right], params, reserved={v for atom in lhs for v in atom.args})
            result = decide_implication(self.builder.theory(framing), lhs, rhs, self.budget, verify=False, explain=False)
            self._cache[key] = _records(result.justification if result.status == "holds" else None)
        return self._cache[key]

    def unsatisfiable(self, framing: FramingSym | None, name: str) -> list[dict]:
        """The axioms that leave concept ``name`` without a member under ``framing``."""
        key = ("unsatisfiable", id(framing), name)
        if key not in self._cache:
            _, atoms = self._formula(name)
            result = decide_satisfiable(self.builder.theory(framing), atoms, self.budget)
            self._cache[key] = _records(result.justification if result.status == "unsatisfiable" else None)
        return self._cache[key]

    def equivalence(self, framing: FramingSym | None, members: list[str]) -> list[dict]:
        """Around the cycle ``members[0] -> members[1] -> ... -> members[0]``: each step's axioms,
        marked with its direction."""
        out = []
        for left, right in zip(members, members[1:] + members[:1]):
            for item in self.implication(framing, left, right):
                out.append({**item, "direction": f"{left} implies {right}"})
        return out


def _records(axioms) -> list[dict]:
    return [axiom.origin.to_dict(axiom.label) if axiom.origin is not None else {"label": axiom.label}
            for axiom in (axioms or [])]


def justification_text(items: list[dict], base: str | None = None) -> str:
    """``rule a (seed.align:62); kind B: C (seed.align:20)``, paths relative to ``base``."""
    return "; ".join(item_text(item, base) for item in items)


def item_text(item: dict, base: str | None = None) -> str:
    """One justification step as ``label (file:line)``, with its direction when it has one."""
    text = item["label"]
    if item.get("file"):
        text += f" ({short_path(item['file'], base)}:{item['line']})"
    if item.get("direction"):
        text += f" [{item['direction']}]"
    return text


def short_path(path: str, base: str | None) -> str:
    """``path`` relative to the directory ``base``; its file name alone when it lies outside."""
    if not base:
        return path
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path
    return os.path.basename(path) if relative.startswith("..") else relative.replace(os.sep, "/")
