"""SARIF 2.1.0 output: log structure, rules, levels, locations."""

from __future__ import annotations

import json

from _render_support import full_result

from alignspec.codes import CODES
from alignspec.render.sarif import artifact_uri, pascal_case, render_sarif
from alignspec.results import CheckResult


def sarif(result=None):
    return json.loads(render_sarif(result or full_result()))


def test_log_structure():
    log = sarif()
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "alignspec" and driver["version"]
    assert run["columnKind"] in ("unicodeCodePoints", "utf16CodeUnits")
    assert isinstance(run["results"], list)


def test_every_registered_code_is_a_rule():
    rules = sarif(CheckResult())["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.code for c in CODES]
    for rule, code in zip(rules, CODES, strict=True):
        assert rule["name"] == pascal_case(code.name) and rule["name"].isalnum()
        assert rule["properties"]["name"] == code.name
        assert rule["shortDescription"]["text"] == code.summary
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] and "```" in rule["help"]["markdown"]
        level = {"error": "error", "warning": "warning", "info": "note"}[code.severity.value]
        assert rule["defaultConfiguration"]["level"] == level


def test_results_carry_rule_level_message_and_location():
    log = sarif()
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert by_rule["AS206"]["level"] == "note"
    assert by_rule["AS303"]["level"] == "warning"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        (loc,) = res["locations"]
        region = loc["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert region["startLine"] >= 1 and region["endLine"] >= region["startLine"]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in ("seed.align", "lib/other.align")
    claim = by_rule["AS302"]
    assert claim["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 32}
    (related,) = claim["relatedLocations"]
    assert related["message"]["text"] == "trained is defined here"
    assert related["physicalLocation"]["region"]["startLine"] == 2
    assert claim["properties"]["counterexample"]["unmatched"] == ["MesaOptimizer(m)"]
    assert claim["properties"]["help"]


def test_artifacts_and_uris():
    run = sarif()["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["seed.align", "lib/other.align",
                                                                "empty.align"]
    assert artifact_uri("specs/my spec.align") == "specs/my%20spec.align"
    assert artifact_uri("/abs/x.align") == "file:///abs/x.align"
    assert artifact_uri("C:\\specs\\x.align") == "file:///C:/specs/x.align"


def test_deterministic():
    first = full_result()
    second = full_result()
    second.diagnostics.reverse()
    assert render_sarif(first) == render_sarif(second)
    assert render_sarif(first).endswith("}\n")
