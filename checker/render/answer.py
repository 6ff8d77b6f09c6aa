"""A claim's answer with its evidence, as text: what ``check --explain-holds`` prints for each
claim that holds, and what ``ask`` prints for a question.

A claim that holds lists the definitions it unfolds (``by ...``) and the axioms it rests on
(``because ...``), or the world that makes it possible; a claim that fails shows its
counterexample (with the atoms of the right side that found no match) or the axioms that make it
fail; an undecided claim says why.
"""

from __future__ import annotations

from ..analysis.claims import ClaimOutcome
from ..analysis.outcomes import ClaimStatus
from ..evidence import Counterexample, JustificationStep
from ..model.written import claim_text
from ..reasoning.logic import AxiomKind
from .escape import visible
from .text import location

_STEP_INDENT = "    "
_WORLD_INDENT = "        "


def claim_heading(outcome: ClaimOutcome) -> str:
    """``examples/seed.align:92:1: claim 'collapse' holds under harris``."""
    under = f" under {outcome.framing_name}" if outcome.framing_name else ""
    name = f"claim '{outcome.name}'" if outcome.name else "the claim"
    return f"{location(outcome.claim.decl.span)}: {name} {outcome.status.value}{under}"


def question_heading(outcome: ClaimOutcome) -> str:
    """``holds: objective_robust implies inner_aligned under harris``: the answer, then the
    question as it was resolved."""
    under = f" under {outcome.framing_name}" if outcome.framing_name else ""
    return f"{outcome.status.value}: {claim_text(outcome.claim)}{under}"


def justification_lines(steps: tuple[JustificationStep, ...] | None) -> list[str]:
    """One line per step: ``by`` a definition, ``because`` an axiom, with where it is declared."""
    lines = []
    for step in steps or ():
        direction = f" [{step.direction}]" if step.direction else ""
        where = f"  ({location(step.span)})" if step.span is not None else ""
        word = "by" if step.kind is AxiomKind.CONCEPT else "because"
        lines.append(f"{_STEP_INDENT}{word} {step.label}{direction}{where}")
    return lines


def _world_lines(title: str, world: Counterexample, unmatched: bool) -> list[str]:
    lines = [f"{_STEP_INDENT}{title}"]
    scenario = world.scenario.strip("\n")
    # split at line feeds only: any other line separator is escaped, never a line of its own
    lines.extend(f"{_WORLD_INDENT}{line}" for line in (scenario.split("\n") if scenario else ()))
    if unmatched and world.unmatched:
        lines.append(f"{_STEP_INDENT}no match for: {', '.join(world.unmatched)}")
    return lines


def evidence_lines(outcome: ClaimOutcome) -> list[str]:
    """The evidence of ``outcome``, indented, without a heading."""
    lines: list[str] = []
    if outcome.status is not ClaimStatus.HOLDS and outcome.message:
        lines.append(f"{_STEP_INDENT}{outcome.message}")
    lines.extend(f"{_STEP_INDENT}{detail}" for detail in outcome.details)
    lines.extend(justification_lines(outcome.justification))
    if outcome.witness is not None:
        lines.extend(_world_lines("because this world is possible:", outcome.witness, unmatched=False))
    if outcome.counterexample is not None:
        lines.extend(_world_lines("counterexample:", outcome.counterexample, unmatched=True))
    return lines


def holds_section(outcomes: list[ClaimOutcome]) -> str:
    """``check --explain-holds``: each claim that holds, with its evidence (control characters
    escaped line by line, as :func:`~alignspec.render.escape.visible` shows them)."""
    lines: list[str] = []
    for outcome in outcomes:
        if outcome.status is ClaimStatus.HOLDS:
            lines.append(claim_heading(outcome))
            lines.extend(evidence_lines(outcome))
    return "\n".join(visible(line) for line in lines)


def answer_text(outcome: ClaimOutcome) -> str:
    """``ask``: the answer to one question with its evidence, ending with a newline (control
    characters escaped line by line, as :func:`~alignspec.render.escape.visible` shows them)."""
    return "\n".join(visible(line) for line in [question_heading(outcome), *evidence_lines(outcome)]) + "\n"
