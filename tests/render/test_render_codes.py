"""The code registry's docs and ``alignspec explain``."""

from __future__ import annotations

import re

import pytest

from alignspec.codes import BY_CODE, CODES, DOC_HEADINGS
from alignspec.diagnostics import Severity
from alignspec.render.explain import (
    UnknownCodeError,
    explain,
    explain_markdown,
    list_codes,
    suggest,
)

REPORTED_NAMES = {
    "syntax-error", "unknown-name", "duplicate-name", "arity-mismatch", "kind-mismatch",
    "circular-definition", "import-error", "non-terminating-framing", "unsatisfiable-concept",
    "claim-failed", "concept-collapse", "expectation-failed", "inconsistent-scenario",
    "cycle-in-acyclic", "unused-declaration", "budget-exceeded", "input-error", "restated-premise",
    "vacuous-claim", "unused-suppression",
}
KEYWORD = re.compile(
    r"^\s*(kind|disjoint|relation|concept|framing|rule|claim|scenario|import|spec|expect|[A-Z]\w*"
    r"\s+\w)"
)


def test_registry_covers_every_finding_once():
    assert {c.name for c in CODES} == REPORTED_NAMES
    assert len({c.code for c in CODES}) == len(CODES)
    assert all(re.fullmatch(r"AS\d{3}", c.code) for c in CODES)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c.name) for c in CODES)


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_every_doc_has_the_four_headings_filled(code):
    assert tuple(code.doc) == DOC_HEADINGS
    for heading in DOC_HEADINGS:
        assert code.doc[heading].strip(), f"{code.code}: empty {heading!r}"
    assert code.summary.strip()


@pytest.mark.parametrize("code", CODES, ids=lambda c: c.code)
def test_every_example_is_a_spec_snippet(code):
    example = code.doc["Example"]
    lines = [line for line in example.splitlines() if line.strip()]
    assert lines, code.code
    assert example == example.strip("\n")
    assert not example.startswith((" ", "\t")), "examples are dedented"
    assert any(KEYWORD.match(line) for line in lines if not line.lstrip().startswith("#"))


def test_severities_follow_the_language_reference():
    assert BY_CODE["AS303"].severity is Severity.WARNING
    assert BY_CODE["AS304"].severity is Severity.WARNING
    assert BY_CODE["AS206"].severity is Severity.INFO and BY_CODE["AS207"].severity is Severity.INFO
    assert BY_CODE["AS305"].severity is Severity.INFO and BY_CODE["AS306"].severity is Severity.INFO
    others = [c for c in CODES if c.code not in {"AS303", "AS304", "AS206", "AS207", "AS305", "AS306"}]
    assert all(c.severity is Severity.ERROR for c in others)


@pytest.mark.parametrize("query", ["AS302", "as302", " claim-failed ", "CLAIM-FAILED"])
def test_explain_accepts_code_or_name(query):
    text = explain(query)
    assert text.startswith("AS302 claim-failed")
    for heading in DOC_HEADINGS:
        assert f"\n{heading}\n" in text
    assert "\n    claim: trained implies searcher" in text
    assert text.endswith("\n")


def test_explain_unknown_code_suggests_close_names():
    with pytest.raises(UnknownCodeError) as info:
        explain("claim-faild")
    assert isinstance(info.value, LookupError)
    assert info.value.suggestions[0] == "claim-failed"
    assert "claim-failed" in str(info.value)
    assert suggest("AS3O2") == ["AS302"]
    assert "unused-declaration" in suggest("unused")
    assert suggest("zzzzzzzz") == []


def test_explain_markdown_fences_the_example():
    md = explain_markdown("AS401")
    assert md.startswith("## AS401")
    assert "```\nkind Optimizer" in md
    assert all(f"**{heading}**" in md for heading in DOC_HEADINGS)


def test_list_codes_has_one_row_per_code_in_aligned_columns():
    lines = list_codes().splitlines()
    assert lines[0].split()[:3] == ["CODE", "NAME", "SEVERITY"]
    assert len(lines) == len(CODES) + 1
    name_column = lines[0].index("NAME")
    for code, line in zip(CODES, lines[1:], strict=True):
        assert line.startswith(code.code)
        assert line[name_column:].startswith(code.name)
        assert code.severity.value in line and code.summary in line
