"""Writing a chased instance back as a ``scenario`` block a user can paste into a spec."""

from __future__ import annotations

from collections.abc import Sequence

from ..evidence import World, WorldEntity, WorldFact
from ..reasoning.instance import Instance
from ..reasoning.logic import AxiomKind, Theory


def _kind_parents(theory: Theory) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for axiom in theory.axioms:
        if axiom.kind is AxiomKind.SUBKIND:
            parents.setdefault(axiom.body[0].pred, set()).add(axiom.head[0].pred)
    return parents


def _implied(kinds: Sequence[str], parents: dict[str, set[str]]) -> set[str]:
    """Every kind that one of ``kinds`` is a subkind of, transitively (iterative; safe on cycles)."""
    implied: set[str] = set()
    stack = [parent for kind in kinds for parent in parents.get(kind, ())]
    while stack:
        kind = stack.pop()
        if kind not in implied:
            implied.add(kind)
            stack.extend(parents.get(kind, ()))
    return implied


def scenario_text(
    instance: Instance,
    theory: Theory,
    name: str,
    expects: Sequence[str] = (),
    doc: str | None = None,
) -> str:
    """The instance as a scenario block under ``theory``'s framing.

    Each entity is declared with its most specific kind; further kinds that no declared kind
    implies become facts. Facts the chase derived are marked with a comment naming the axiom.
    """
    parents = _kind_parents(theory)
    lines = [f"scenario {name}" + (f" under {theory.name}" if theory.name else "")
             + (f' "{_escape(doc)}"' if doc else "") + " {"]
    extra_kinds: list[tuple[str, str]] = []
    groups: dict[str, list[str]] = {}
    for entity in instance.entities():
        kinds = sorted(instance.kinds_of(entity))
        implied = _implied(kinds, parents)
        specific = [k for k in kinds if k not in implied] or kinds
        if not specific:
            continue
        groups.setdefault(specific[0], []).append(instance.label(entity))
        extra_kinds.extend((k, instance.label(entity)) for k in specific[1:])
    for kind in sorted(groups):
        lines.append(f"    {kind} {', '.join(groups[kind])}")
    for kind, label in extra_kinds:
        lines.append(f"    {kind}({label})")
    for pred, args in instance.facts():
        if len(args) < 2:
            continue
        text = f"    {pred}({', '.join(instance.label(a) for a in args)})"
        derivation = instance.derivation((pred, args))
        if derivation.axiom is not None:
            text += f"    # by {derivation.axiom.label}"
        lines.append(text)
    lines.extend(f"    {e}" for e in expects)
    lines.append("}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def world_data(instance: Instance) -> World:
    """The instance as data: entities with their kinds, and relation facts."""
    entities = tuple(WorldEntity(instance.label(e), tuple(sorted(instance.kinds_of(e))), instance.is_named(e))
                     for e in instance.entities())
    facts = []
    for pred, args in instance.facts():
        if len(args) < 2:
            continue
        derivation = instance.derivation((pred, args))
        facts.append(WorldFact(pred, tuple(instance.label(a) for a in args),
                               derivation.axiom.label if derivation.axiom is not None else None))
    return World(entities, tuple(facts))
