"""HTML fragments for notebooks: a claim's answer with its evidence, and a scenario's
expectations as a table. ``alignspec`` registers them as the rich display of
:class:`~alignspec.analysis.claims.ClaimOutcome` and
:class:`~alignspec.analysis.scenarios.ScenarioEvaluation` (see :mod:`alignspec.analysis.display`)."""

from __future__ import annotations

from html import escape

from ..analysis.claims import ClaimOutcome
from ..analysis.outcomes import ClaimStatus, ScenarioStatus
from ..analysis.scenarios import ScenarioEvaluation
from ..evidence import Counterexample, JustificationStep
from ..model.written import claim_text
from ..reasoning.logic import AxiomKind
from .text import location

_COLOURS = {"holds": "#1f6f2a", "pass": "#1f6f2a", "consistent": "#1f6f2a", "fails": "#a12626",
            "fail": "#a12626", "inconsistent": "#a12626", "unknown": "#8a5a00", "undecided": "#8a5a00"}
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top"


def _status(word: str) -> str:
    colour = _COLOURS.get(word, "inherit")
    return f'<span style="color:{colour};font-weight:600">{escape(word)}</span>'


def _steps(steps: tuple[JustificationStep, ...]) -> str:
    items = []
    for step in steps:
        word = "by" if step.kind is AxiomKind.CONCEPT else "because"
        direction = f" [{escape(step.direction)}]" if step.direction else ""
        where = f" <small>({escape(location(step.span))})</small>" if step.span is not None else ""
        items.append(f"<li>{word} {escape(step.label)}{direction}{where}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _world(title: str, world: Counterexample, unmatched: bool) -> str:
    html = f"<p>{escape(title)}</p><pre>{escape(world.scenario)}</pre>"
    if unmatched and world.unmatched:
        html += f"<p>no match for: <code>{escape(', '.join(world.unmatched))}</code></p>"
    return html


def claim_outcome_html(outcome: ClaimOutcome) -> str:
    """The answer (status, the claim, its framing) and its evidence."""
    claim = outcome.claim
    under = f" under {escape(outcome.framing_name)}" if outcome.framing_name else ""
    parts = ['<div class="alignspec-answer">',
             f"<p><strong>{escape(claim.title)}</strong>{under}: <code>{escape(claim_text(claim))}</code> "
             f"{_status(outcome.status.value)}</p>"]
    if outcome.status is not ClaimStatus.HOLDS and outcome.message:
        parts.append(f"<p>{escape(outcome.message)}</p>")
    parts.extend(f"<p>{escape(detail)}</p>" for detail in outcome.details)
    if outcome.justification:
        parts.append(_steps(outcome.justification))
    if outcome.witness is not None:
        parts.append(_world("because this world is possible:", outcome.witness, unmatched=False))
    if outcome.counterexample is not None:
        parts.append(_world("counterexample:", outcome.counterexample, unmatched=True))
    parts.append("</div>")
    return "".join(parts)


def scenario_html(evaluation: ScenarioEvaluation) -> str:
    """The scenario's status and a table of its expectations: outcome, verdict, evidence."""
    scenario = evaluation.scenario
    under = f" under {escape(evaluation.framing)}" if evaluation.framing else ""
    reason = f" ({escape(evaluation.reason)})" if evaluation.reason else ""
    parts = ['<div class="alignspec-scenario">',
             f"<p><strong>scenario {escape(scenario.name)}</strong>{under}: "
             f"{_status(evaluation.status.value)}{reason}</p>"]
    if evaluation.expectations:
        head = "".join(f'<th style="{_CELL}">{h}</th>' for h in ("expectation", "outcome", "verdict", "evidence"))
        rows = []
        for expectation in evaluation.expectations:
            evidence = ", ".join(expectation.unmatched)
            evidence = f"no match for {evidence}" if evidence else ""
            cells = [f"<code>{escape(expectation.text)}</code>", _status(expectation.outcome.value),
                     escape(expectation.status_text), escape(evidence)]
            rows.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
        parts.append(f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
                     f"<tbody>{''.join(rows)}</tbody></table>")
    elif evaluation.status is ScenarioStatus.CONSISTENT:
        parts.append("<p>no expectations</p>")
    parts.append("</div>")
    return "".join(parts)
