"""``alignspec scenario``: a scenario's evaluation as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..analysis.outcomes import Verdict
from ..analysis.scenarios import Cell, Hierarchy, Levels, ScenarioEvaluation
from ..diagnostics import Diagnostic
from .escape import visible

SHORT = {Verdict.HOLDS: "holds", Verdict.REFUTED: "refuted", Verdict.OPEN: "open", Verdict.NOT_APPLICABLE: "n/a"}


def hierarchy_tree(hierarchy: Hierarchy) -> list[str]:
    """The hierarchy as an indented tree: each root, then its children by level, with levels."""
    children: dict[str, list[str]] = {}
    for source, target in hierarchy.edges:
        children.setdefault(source, []).append(target)
    targets = {target for _, target in hierarchy.edges}
    levels = hierarchy.levels
    lines: list[str] = []

    for root in (name for name in levels if name not in targets):
        # depth first, children in order; an explicit stack, so long chains print without recursion
        stack = [(root, 0, frozenset({root}))]
        while stack:
            name, depth, trail = stack.pop()
            lines.append(f"{'  ' * depth}{name} (level {levels[name]})")
            below = sorted(children.get(name, []), key=lambda c: (levels[c], c))
            stack.extend((child, depth + 1, trail | {child}) for child in reversed(below) if child not in trail)
    return lines


def unary_columns(cells: Sequence[Cell]) -> list[str]:
    """The concepts of one parameter that have at least one computed cell, in table order."""
    return list(dict.fromkeys(c.concept for c in cells if len(c.args) == 1))


def has_blanks(cells: Sequence[Cell], individuals: Sequence[str]) -> bool:
    """Whether the table of one-parameter concepts has a cell that was not computed (an
    individual not known to be of the concept's kind)."""
    computed = {(c.concept, c.args[0]) for c in cells if len(c.args) == 1}
    return any((concept, name) not in computed for concept in unary_columns(cells) for name in individuals)


def _table(cells: list[Cell], individuals: list[str]) -> list[str]:
    unary = [c for c in cells if len(c.args) == 1]
    concepts = unary_columns(cells)
    if not concepts:
        return []
    status = {(c.concept, c.args[0]): SHORT[c.status] for c in unary}
    width = max(len(n) for n in individuals + [""]) + 2
    widths = [max(len(c), 5) + 2 for c in concepts]
    lines = [" " * width + "".join(c.ljust(w) for c, w in zip(concepts, widths)).rstrip()]
    for name in individuals:
        row = name.ljust(width) + "".join(status.get((c, name), "").ljust(w) for c, w in zip(concepts, widths))
        lines.append(row.rstrip())
    return lines


def _levels(levels: Levels) -> str:
    parts = []
    for relation, spans in levels.items():
        if len(spans) > 1:
            parts.append(f"{relation} levels " + " -> ".join(f"{name} {level}" for name, level in spans.items()))
    return f"  [{'; '.join(parts)}]" if parts else ""


def render_scenario_text(evaluations: Sequence[ScenarioEvaluation], derivations: bool = False) -> str:
    """The evaluation of each scenario: hierarchy, table, witnesses, expectations, derivations.
    Each line is composed first and then escaped as a whole (see :func:`.escape.visible`), so
    nothing echoed from the spec can start a line of its own."""
    out: list[str] = []
    for evaluation in evaluations:
        under = f" under {evaluation.framing}" if evaluation.framing else ""
        head = f"scenario {evaluation.scenario.name}{under}: {evaluation.status.value}"
        if evaluation.reason:
            head += f" ({evaluation.reason})"
        out.append(head)
        for hierarchy in evaluation.hierarchies:
            out.append(f"  hierarchy of {hierarchy.relation}:")
            out.extend(f"    {line}" for line in hierarchy_tree(hierarchy))
        individuals = list(evaluation.scenario.individuals)
        table = _table(evaluation.cells, individuals)
        if table:
            blank = "; blank: not known to be of its kind" if has_blanks(evaluation.cells, individuals) else ""
            out.append(f"  concepts (holds / refuted / open / n/a not applicable{blank}):")
            out.extend(f"    {line}" for line in table)
        holding = [c for c in evaluation.cells if c.status is Verdict.HOLDS]
        if holding:
            out.append("  what holds, and why:")
            for cell in holding:
                witness = ", ".join(f"{k} = {v}" for k, v in cell.witness.items())
                text = f"    {cell.concept}({', '.join(cell.args)})"
                if witness:
                    text += f" with {witness}"
                out.append(text + _levels(cell.levels))
        others = [c for c in evaluation.cells if c.status is not Verdict.HOLDS and len(c.args) > 1]
        if others:
            counts: dict[str, int] = {}
            for cell in others:
                counts[cell.status.value] = counts.get(cell.status.value, 0) + 1
            out.append("  other tuples of binary concepts: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        if evaluation.expectations:
            out.append("  expectations:")
            for e in evaluation.expectations:
                verdict = "pass" if e.passed else "FAIL"
                line = f"    {verdict}  {e.text}  ({e.status_text})"
                if e.unmatched and not e.passed:
                    line += f"; no match for {', '.join(e.unmatched)}"
                out.append(line)
        for note in evaluation.level_notes:
            out.append(f"  note: {note}")
        if derivations and evaluation.derivations:
            out.append("  derived facts:")
            for fact in evaluation.derivations:
                out.append(f"    {fact.fact}  by {fact.by} from {', '.join(fact.premises)}")
        out.append("")
    return "\n".join(visible(line) for line in out).rstrip("\n") + "\n"


def render_scenario_json(evaluations: Sequence[ScenarioEvaluation], diagnostics: Sequence[Diagnostic] = ()) -> str:
    """The evaluation as a versioned JSON document; when the spec has errors (``diagnostics``),
    they are listed under ``diagnostics``, each as in ``check --format json``."""
    document: dict[str, Any] = {"schema": "alignspec-scenario", "version": 1,
                                "scenarios": [e.to_dict() for e in evaluations]}
    if diagnostics:
        document["diagnostics"] = [d.to_dict() for d in diagnostics]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
