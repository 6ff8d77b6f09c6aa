"""The evidence behind an answer: justification steps, and worlds (counterexamples and witnesses).

These are plain, typed data shared by the reasoner's consumers: analysis builds them, renderers
and integrations read their attributes, and only the JSON/SARIF writers call ``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .span import Span

if TYPE_CHECKING:
    from .reasoning.logic import AxiomKind


@dataclass(frozen=True)
class JustificationStep:
    """One axiom an answer depends on.

    ``label`` is how the reasoner names the axiom (``rule builder_is_base``, ``trains is
    acyclic``); ``kind`` says what sort of axiom it is; ``name`` is the declared name behind it
    (the rule's name for a rule, the relation's or kind's name otherwise); ``description`` says
    it in words and ``span`` is where it was declared. ``direction`` names the implication it
    belongs to when an answer has several (``a implies b``).
    """

    label: str
    kind: AxiomKind
    name: str
    description: str = ""
    span: Span | None = None
    direction: str | None = None

    @property
    def is_rule(self) -> bool:
        """Whether the step is a framing rule (a premise a framing adds)."""
        from .reasoning.logic import AxiomKind

        return self.kind is AxiomKind.RULE

    def with_direction(self, direction: str) -> JustificationStep:
        """The same step, marked as part of the implication ``direction``."""
        return JustificationStep(self.label, self.kind, self.name, self.description, self.span, direction)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label}
        if self.span is not None:
            data["description"] = self.description
            data.update(self.span.to_dict())
        if self.direction is not None:
            data["direction"] = self.direction
        return data


@dataclass(frozen=True)
class WorldEntity:
    """An entity of a world: its label, its kinds (sorted) and whether it is a named individual."""

    name: str
    kinds: tuple[str, ...]
    named: bool

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kinds": list(self.kinds), "named": self.named}


@dataclass(frozen=True)
class WorldFact:
    """A fact of a world over entity labels; ``derived_by`` is the axiom that derived it (None: given)."""

    relation: str
    args: tuple[str, ...]
    derived_by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "args": list(self.args), "derived_by": self.derived_by}


@dataclass(frozen=True)
class World:
    """A finite world as data: its entities and its relation facts (kinds are on the entities)."""

    entities: tuple[WorldEntity, ...]
    facts: tuple[WorldFact, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entities": [e.to_dict() for e in self.entities], "facts": [f.to_dict() for f in self.facts]}


@dataclass(frozen=True)
class HoldsElsewhere:
    """A framing (None: the base framing) under which a failed implication holds, and the
    labels of the axioms it adds to the claim's framing that the implication needs."""

    framing: str | None
    adds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"framing": self.framing, "adds": list(self.adds)}


@dataclass(frozen=True)
class Counterexample:
    """A world that refutes an implication (or, for a failed ``unsatisfiable``, shows a member).

    ``scenario`` is the world written as a scenario block a user can paste into a spec;
    ``direction`` the implication refuted (None for a member); ``unmatched`` the atoms of the
    right side that found no match; ``holds_under`` the framings where the implication holds.
    """

    direction: str | None
    framing: str | None
    scenario: str
    world: World
    unmatched: tuple[str, ...] = ()
    holds_under: tuple[HoldsElsewhere, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "framing": self.framing,
            "scenario": self.scenario,
            "world": self.world.to_dict(),
            "unmatched": list(self.unmatched),
            "holds_under": [h.to_dict() for h in self.holds_under],
        }


def steps_to_dicts(steps: tuple[JustificationStep, ...] | None) -> list[dict[str, Any]] | None:
    """A justification as JSON-ready records (None stays None)."""
    return None if steps is None else [step.to_dict() for step in steps]
