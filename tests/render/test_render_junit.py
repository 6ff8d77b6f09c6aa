"""``check --format junit``: claims and expectations as test cases, one test suite per spec."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from alignspec.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed_v0.align"
SCENARIOS = ROOT / "tests" / "golden" / "specs" / "scenario_findings.align"
REASONING = ROOT / "tests" / "golden" / "specs" / "reasoning_findings.align"
SYNTAX = ROOT / "tests" / "golden" / "specs" / "syntax_error.align"
BUDGET = ROOT / "tests" / "golden" / "specs" / "budget.align"


def _junit(capsys, *args: str) -> tuple[int, str, ET.Element]:
    status = main(["check", "--format", "junit", *args])
    out = capsys.readouterr().out
    return status, out, ET.fromstring(out)


def _status(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return tag
    return "passed"


def test_one_suite_per_file_with_counts_that_add_up(capsys):
    status, _, root = _junit(capsys, str(SEED), str(SCENARIOS), str(REASONING), str(SYNTAX))
    assert status == 1
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(SEED), str(SCENARIOS), str(REASONING), str(SYNTAX)]
    for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        for suite in suites:
            assert int(suite.get(key)) == sum(1 for c in suite.iter("testcase") if c.find(tag) is not None)
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    assert int(root.get("tests")) == sum(1 for _ in root.iter("testcase"))


def test_claims_pass_fail_and_skip(capsys):
    _, _, root = _junit(capsys, str(SEED), str(REASONING))
    seed, reasoning = root.findall("testsuite")
    seed_claims = [c for c in seed.iter("testcase") if c.get("classname").endswith(".claims")]
    assert seed_claims and all(_status(c) == "passed" for c in seed_claims)
    failed = [c for c in reasoning.iter("testcase") if _status(c) == "failure"]
    assert failed and all(c.find("failure").get("type") in ("claim-failed", "expectation-failed") for c in failed)
    assert all(c.get("file") and int(c.get("line")) > 0 for c in reasoning.iter("testcase"))
    _, _, root = _junit(capsys, "--max-facts", "2", str(BUDGET))
    assert [_status(c) for c in root.iter("testcase")] == ["skipped"]


def test_expectations_are_test_cases_and_inconsistent_scenarios_are_errors(capsys):
    _, _, root = _junit(capsys, str(SCENARIOS))
    cases = list(root.iter("testcase"))
    scenario_cases = [c for c in cases if ".scenario." in c.get("classname")]
    assert all(c.get("name").startswith(("expect", "scenario")) for c in scenario_cases)
    statuses = {_status(c) for c in scenario_cases}
    assert {"passed", "failure", "error"} <= statuses
    errors = [c.find("error") for c in scenario_cases if _status(c) == "error"]
    assert all(e.get("type") == "inconsistent-scenario" for e in errors)


def test_an_unreadable_spec_is_an_error_case(capsys):
    _, _, root = _junit(capsys, str(SYNTAX))
    assert [(_status(c), c.find("error").get("type")) for c in root.iter("testcase")] == [("error", "syntax-error")]


def test_output_is_deterministic_and_declares_utf8(capsys):
    _, first, _ = _junit(capsys, str(SEED), str(SCENARIOS))
    _, second, _ = _junit(capsys, str(SEED), str(SCENARIOS))
    assert first == second
    assert first.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="alignspec"')
    assert "time=" not in first


def test_an_expected_inconsistency_is_a_passing_test(tmp_path, capsys):
    spec = tmp_path / "inconsistent.align"
    spec.write_text("kind A\nrelation r(A, A) functional\nscenario s {\n    A x, y, z\n    r(x, y)\n    r(x, z)\n"
                    "    expect inconsistent\n}\n", encoding="utf-8")
    _, _, root = _junit(capsys, str(spec))
    assert [(c.get("name"), _status(c)) for c in root.iter("testcase")] == [("expect inconsistent", "passed")]
