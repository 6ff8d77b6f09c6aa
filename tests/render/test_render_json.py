"""JSON output: schema, determinism, round trip."""

from __future__ import annotations

import json
from dataclasses import replace

from _render_support import check_schema, diag, full_result

from alignspec import __version__
from alignspec.check import CheckOptions, check
from alignspec.diagnostics import Diagnostic, Related, Severity, Span
from alignspec.render.json_format import SCHEMA, SCHEMA_NAME, SCHEMA_VERSION, canonical, render_json
from alignspec.results import CheckResult

TOP_LEVEL = ["schema", "version", "tool", "files", "diagnostics", "claims", "framings", "summary"]
KNOWN_KEYWORDS = {"$schema", "title", "type", "required", "properties", "items", "const", "enum",
                  "minimum", "pattern"}


def _keywords(schema):
    for key, value in schema.items():
        if key == "properties":
            for sub in value.values():
                yield from _keywords(sub)
        elif key == "items":
            yield key
            yield from _keywords(value)
        else:
            yield key


def test_schema_uses_only_keywords_the_test_checker_understands():
    assert set(_keywords(SCHEMA)) <= KNOWN_KEYWORDS


def test_output_matches_schema():
    doc = json.loads(render_json(full_result()))
    assert check_schema(doc, SCHEMA) == []
    assert check_schema(json.loads(render_json(CheckResult())), SCHEMA) == []


def test_schema_checker_catches_mistakes():
    doc = json.loads(render_json(full_result()))
    doc["diagnostics"][0]["severity"] = "fatal"
    del doc["summary"]["errors"]
    doc["version"] = "1"
    errors = check_schema(doc, SCHEMA)
    assert len(errors) == 3


def test_top_level_fields_in_fixed_order():
    doc = json.loads(render_json(full_result()))
    assert list(doc) == TOP_LEVEL
    assert doc["schema"] == SCHEMA_NAME and doc["version"] == SCHEMA_VERSION == 1
    assert doc["tool"] == {"name": "alignspec", "version": __version__}
    assert doc["summary"] == {"files": 3, "errors": 2, "warnings": 1, "infos": 1}


def test_round_trip_reproduces_every_diagnostic():
    result = full_result()
    doc = json.loads(render_json(result))
    rebuilt = []
    for data in doc["diagnostics"]:
        span = Span(*(data[k] for k in ("file", "line", "column", "end_line", "end_column")))
        related = tuple(
            Related(Span(r["file"], r["line"], r["column"], r["end_line"], r["end_column"]),
                    r["message"])
            for r in data["related"]
        )
        rebuilt.append((Diagnostic(
            data["code"], data["name"], Severity(data["severity"]), data["message"], span,
            help=data["help"], related=related, details=tuple(data.get("details", ())),
        ), data.get("counterexample"), data.get("justification")))
    expected = [(replace(d, counterexample=None, justification=None),
                 d.counterexample.to_dict() if d.counterexample else None,
                 [j.to_dict() for j in d.justification] if d.justification is not None else None)
                for d in sorted(result.diagnostics, key=Diagnostic.sort_key)]
    assert rebuilt == expected
    assert doc["claims"] == [] and doc["framings"] == []
    assert doc["files"] == result.files


def test_byte_identical_for_equal_input_whatever_the_insertion_order():
    first = full_result()
    second = full_result()
    second.diagnostics.reverse()
    assert render_json(first) == render_json(second)


def test_format_is_utf8_indented_with_trailing_newline():
    result = CheckResult(files=["ünï.align"], diagnostics=[diag(message="name L″ unknown")])
    text = render_json(result)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "L″" in text and "ünï.align" in text and "\\u" not in text
    assert text.startswith('{\n  "schema"')


def test_sets_and_tuples_become_sorted_lists_and_keys_are_sorted():
    assert canonical({"pair": ("x", "y"), "atoms": {"b(x)", "a(x)"}}) == {"atoms": ["a(x)", "b(x)"], "pair": ["x", "y"]}
    assert list(canonical({"b": 1, "a": 2})) == ["a", "b"]


def test_claims_and_framings_of_a_real_check(seed_path):
    result = check([str(seed_path)], CheckOptions())
    doc = json.loads(render_json(result))
    assert doc["claims"] == [canonical(c.to_dict()) for c in result.claims]
    assert {c["status"] for c in doc["claims"]} == {"holds"} and len(doc["claims"]) == 9
    assert [f["name"] for f in doc["framings"]] == [None, "hubinger2020", "harris", "composable", "harris_composable"]
