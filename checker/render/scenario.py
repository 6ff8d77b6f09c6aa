"""``alignspec scenario``: a scenario's evaluation as text or JSON."""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..analysis.scenarios import HOLDS, NOT_APPLICABLE, NOT_FOLLOWING
from ..diagnostics import Diagnostic
from .escape import visible

SHORT = {HOLDS: "holds", NOT_FOLLOWING: "-", NOT_APPLICABLE: "n/a"}


def _tree(hierarchy: dict[str, Any]) -> list[str]:
    children: dict[str, list[str]] = {}
    targets = set()
    for source, target in hierarchy["edges"]:
        children.setdefault(source, []).append(target)
        targets.add(target)
    levels = hierarchy["levels"]
    roots = [name for name in levels if name not in targets]
    lines: list[str] = []

    for root in roots:
        # depth first, children in order; an explicit stack, so long chains print without recursion
        stack = [(root, 0, frozenset({root}))]
        while stack:
            name, depth, trail = stack.pop()
            lines.append(f"{'  ' * depth}{name} (level {levels[name]})")
            below = sorted(children.get(name, []), key=lambda c: (levels[c], c))
            stack.extend((child, depth + 1, trail | {child}) for child in reversed(below) if child not in trail)
    return lines


def _table(cells: list[dict], individuals: list[str]) -> list[str]:
    unary = [c for c in cells if len(c["args"]) == 1]
    concepts = list(dict.fromkeys(c["concept"] for c in unary))
    if not concepts:
        return []
    status = {(c["concept"], c["args"][0]): SHORT[c["status"]] for c in unary}
    width = max(len(n) for n in individuals + [""]) + 2
    widths = [max(len(c), 5) + 2 for c in concepts]
    lines = [" " * width + "".join(c.ljust(w) for c, w in zip(concepts, widths)).rstrip()]
    for name in individuals:
        row = name.ljust(width) + "".join(status.get((c, name), "").ljust(w) for c, w in zip(concepts, widths))
        lines.append(row.rstrip())
    return lines


def _levels(levels: dict[str, dict[str, int]]) -> str:
    parts = []
    for relation, spans in levels.items():
        if len(spans) > 1:
            parts.append(f"{relation} levels " + " -> ".join(f"{name} {level}" for name, level in spans.items()))
    return f"  [{'; '.join(parts)}]" if parts else ""


def render_scenario_text(records: list[dict], derivations: bool = False) -> str:
    """The evaluation of each scenario: hierarchy, table, witnesses, expectations, derivations.
    Each line is composed first and then escaped as a whole (see :func:`.escape.visible`), so
    nothing echoed from the spec can start a line of its own."""
    out: list[str] = []
    for record in records:
        under = f" under {record['framing']}" if record["framing"] else ""
        head = f"scenario {record['name']}{under}: {record['status']}"
        if record["reason"]:
            head += f" ({record['reason']})"
        out.append(head)
        for hierarchy in record["hierarchies"]:
            out.append(f"  hierarchy of {hierarchy['relation']}:")
            out.extend(f"    {line}" for line in _tree(hierarchy))
        table = _table(record["cells"], list(record["individuals"]))
        if table:
            out.append("  concepts (holds / - does not follow / n/a not applicable):")
            out.extend(f"    {line}" for line in table)
        holding = [c for c in record["cells"] if c["status"] == HOLDS]
        if holding:
            out.append("  what holds, and why:")
            for cell in holding:
                witness = ", ".join(f"{k} = {v}" for k, v in cell["witness"].items())
                text = f"    {cell['concept']}({', '.join(cell['args'])})"
                if witness:
                    text += f" with {witness}"
                out.append(text + _levels(cell["levels"]))
        others = [c for c in record["cells"] if c["status"] != HOLDS and len(c["args"]) > 1]
        if others:
            counts: dict[str, int] = {}
            for cell in others:
                counts[cell["status"]] = counts.get(cell["status"], 0) + 1
            out.append("  other tuples of binary concepts: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        if record["expectations"]:
            out.append("  expectations:")
            for e in record["expectations"]:
                verdict = "pass" if e["passed"] else "FAIL"
                line = f"    {verdict}  {e['expect']}  ({e['status']})"
                if e["unmatched"] and not e["passed"]:
                    line += f"; no match for {', '.join(e['unmatched'])}"
                out.append(line)
        for note in record["level_notes"]:
            out.append(f"  note: {note}")
        if derivations and record["derived_facts"]:
            out.append("  derived facts:")
            for fact in record["derived_facts"]:
                out.append(f"    {fact['fact']}  by {fact['by']} from {', '.join(fact['from'])}")
        out.append("")
    return "\n".join(visible(line) for line in out).rstrip("\n") + "\n"


def render_scenario_json(records: list[dict], diagnostics: Sequence[Diagnostic] = ()) -> str:
    """The evaluation as a versioned JSON document; when the spec has errors (``diagnostics``),
    they are listed under ``diagnostics``, each as in ``check --format json``."""
    document: dict[str, Any] = {"schema": "alignspec-scenario", "version": 1, "scenarios": records}
    if diagnostics:
        document["diagnostics"] = [d.to_dict() for d in diagnostics]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
