"""``alignspec check --format junit``: claims and scenario expectations as JUnit XML test cases,
so that CI systems (Jenkins, GitLab, GitHub test reporters) show them as tests.

One ``testsuite`` per spec file checked, in the order checked, each with:

- one ``testcase`` per claim (``classname`` ``SPEC.claims``, named by the claim and its
  statement): a ``failure`` when it fails (with its counterexample or justification), ``skipped``
  when it is unknown (a limit was reached, or its framing is not weakly acyclic);
- one ``testcase`` per expectation of each scenario (``classname`` ``SPEC.scenario.NAME``): a
  ``failure`` when it does not pass; an ``error`` for each expectation of a scenario whose facts
  are inconsistent (one ``error`` test case for the scenario when it has no expectation);
  ``skipped`` when the scenario could not be evaluated;
- an ``error`` test case when the file cannot be read or parsed.

Findings that are not about claims or scenarios (a collapse, an unknown name) are not tests:
they are in the exit status and the other formats. Claims and scenarios are shown as decided,
whatever suppression comments or a baseline do to their findings. The output is deterministic:
no times, no host names, attributes in a fixed order. Characters XML 1.0 forbids are shown as
``\\u{1b}`` (see :func:`~alignspec.render.escape.xml_safe`).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..analysis.claims import ClaimOutcome
from ..analysis.outcomes import ClaimStatus, ScenarioStatus
from ..analysis.scenarios import Expectation, ScenarioEvaluation
from ..codes import CLAIM_FAILED, EXPECTATION_FAILED, INCONSISTENT_SCENARIO, INPUT_ERROR, SYNTAX_ERROR
from ..model.written import atom_text, claim_text
from ..results import CheckResult
from ..syntax import nodes as n
from .answer import evidence_lines
from .escape import xml_safe


@dataclass
class _Suite:
    name: str
    cases: list[ET.Element] = field(default_factory=list)

    def count(self, tag: str) -> int:
        return sum(1 for case in self.cases if case.find(tag) is not None)


def _case(classname: str, name: str, file: str, line: int) -> ET.Element:
    return ET.Element("testcase", {"classname": classname, "name": name, "file": file, "line": str(line)})


def _outcome(case: ET.Element, tag: str, message: str, kind: str = "", text: str = "") -> ET.Element:
    attributes = {"message": message}
    if kind:
        attributes["type"] = kind
    element = ET.SubElement(case, tag, attributes)
    if text:
        element.text = text
    return case


def _claim_case(outcome: ClaimOutcome) -> ET.Element:
    claim = outcome.claim
    under = f" under {outcome.framing_name}" if outcome.framing_name else ""
    span = claim.decl.span
    case = _case(f"{claim.unit.name}.claims", f"{claim.label}: {claim_text(claim)}{under}", span.file, span.line)
    if outcome.status is ClaimStatus.FAILS:
        evidence = "\n".join(line.strip("\n") for line in evidence_lines(outcome))
        return _outcome(case, "failure", f"{claim.title} fails: {outcome.message}", CLAIM_FAILED.name, evidence)
    if outcome.status is ClaimStatus.UNKNOWN:
        return _outcome(case, "skipped", f"{claim.title} was not decided: {outcome.message}")
    return case


def _expectation_failure(expectation: Expectation) -> str:
    text = f"{expectation.text} fails: {expectation.status_text}"
    if expectation.unmatched:
        text += f"; no match for {', '.join(expectation.unmatched)}"
    return text


def _scenario_cases(evaluation: ScenarioEvaluation) -> list[ET.Element]:
    scenario = evaluation.scenario
    classname = f"{scenario.unit.name}.scenario.{scenario.name}"
    file = scenario.span.file
    inconsistent = evaluation.status is ScenarioStatus.INCONSISTENT and evaluation.failed
    problem = f"scenario '{scenario.name}' is inconsistent: {evaluation.reason}"
    written = [e.node for e in scenario.expects]
    if inconsistent and not evaluation.expectations:
        if not written:
            return [_outcome(_case(classname, f"scenario {scenario.name}", file, scenario.span.line), "error",
                             problem, INCONSISTENT_SCENARIO.name)]
        return [_outcome(_case(classname, _written_text(e), file, e.span.line), "error", problem,
                         INCONSISTENT_SCENARIO.name) for e in written]
    if evaluation.status is ScenarioStatus.UNDECIDED and not evaluation.expectations:
        return [_outcome(_case(classname, _written_text(e), file, e.span.line), "skipped",
                         f"scenario '{scenario.name}' was not evaluated: {evaluation.reason}") for e in written]
    cases = []
    for expectation in evaluation.expectations:
        case = _case(classname, expectation.text, file, expectation.span.line)
        if not expectation.passed:
            _outcome(case, "failure", _expectation_failure(expectation), EXPECTATION_FAILED.name)
        cases.append(case)
    return cases


def _written_text(expect: n.Expect) -> str:
    """An ``expect`` line as written (for expectations that were not evaluated)."""
    if expect.atom is None:
        return "expect inconsistent" if expect.kind is n.ExpectKind.INCONSISTENT else "expect"
    word = "" if expect.kind is n.ExpectKind.HOLDS else f"{expect.kind.value} "
    return f"expect {word}{atom_text(expect.atom)}"


def to_element(result: CheckResult) -> ET.Element:
    """The JUnit document of ``result`` as an element tree (see the module's doc)."""
    suites: dict[str, _Suite] = {}
    for file in result.files:
        suites.setdefault(os.path.realpath(file), _Suite(file))

    def suite(real: str, name: str) -> _Suite:
        return suites.setdefault(real, _Suite(name))

    for outcome in result.claims:
        unit = outcome.claim.unit
        suite(unit.real, unit.path).cases.append(_claim_case(outcome))
    for evaluation in result.scenarios:
        unit = evaluation.scenario.unit
        suite(unit.real, unit.path).cases.extend(_scenario_cases(evaluation))
    for diagnostic in sorted(result.diagnostics, key=lambda d: d.sort_key()):
        if diagnostic.code in (SYNTAX_ERROR.code, INPUT_ERROR.code):
            span = diagnostic.span
            case = _case("spec", f"{span.file} can be read", span.file, span.line)
            suite(os.path.realpath(span.file), span.file).cases.append(
                _outcome(case, "error", diagnostic.message, diagnostic.name))
    root = ET.Element("testsuites", {"name": "alignspec"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for entry in suites.values():
        counts = {"tests": len(entry.cases), "failures": entry.count("failure"), "errors": entry.count("error"),
                  "skipped": entry.count("skipped")}
        element = ET.SubElement(root, "testsuite", {"name": entry.name, **{k: str(v) for k, v in counts.items()}})
        element.extend(entry.cases)
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render_junit(result: CheckResult) -> str:
    """``result`` as a JUnit XML document (UTF-8, indented, ending with a newline). Text and
    attributes are made :func:`~alignspec.render.escape.xml_safe`, so a file name or a doc string
    holding a control character still gives a well-formed document."""
    root = to_element(result)
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
        if element.text:
            element.text = xml_safe(element.text)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
