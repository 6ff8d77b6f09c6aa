"""Machine-readable output of ``alignspec check --format json``.

The document is one JSON object, version 1 of the schema named ``alignspec-check``; its
structure is :data:`SCHEMA` (a JSON Schema, draft 2020-12). Top-level keys come in the order
``schema, version, tool, files, diagnostics, claims, framings, summary``; each diagnostic has
the keys of :meth:`Diagnostic.to_dict` in that order; free-form objects supplied by the reasoner
(claims, framings, counterexamples, justification steps) have their keys sorted. The text is
UTF-8 (``ensure_ascii=False``), indented by two spaces and ends with a newline, so equal
results give byte-identical output. Adding keys is a compatible change; removing or renaming
one raises ``version``.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from .._version import __version__
from ..diagnostics import Diagnostic
from ..results import CheckResult

SCHEMA_NAME = "alignspec-check"
SCHEMA_VERSION = 1

_INT = {"type": "integer", "minimum": 0}
_STR = {"type": "string"}
_STR_LIST = {"type": "array", "items": _STR}
_POSITION = {"file": _STR, "line": _INT, "column": _INT, "end_line": _INT, "end_column": _INT}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "alignspec check result",
    "type": "object",
    "required": ["schema", "version", "tool", "files", "diagnostics", "claims", "framings",
                 "summary"],
    "properties": {
        "schema": {"const": SCHEMA_NAME},
        "version": {"const": SCHEMA_VERSION},
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"const": "alignspec"}, "version": _STR},
        },
        "files": _STR_LIST,
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "name", "severity", "message", *_POSITION, "help", "related"],
                "properties": {
                    "code": {"type": "string", "pattern": "^AS[0-9]{3}$"},
                    "name": _STR,
                    "severity": {"enum": ["error", "warning", "info"]},
                    "message": _STR,
                    **_POSITION,
                    "help": _STR,
                    "related": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [*_POSITION, "message"],
                            "properties": {**_POSITION, "message": _STR},
                        },
                    },
                    "details": _STR_LIST,
                    "counterexample": {
                        "type": "object",
                        "properties": {"scenario": _STR, "unmatched": _STR_LIST},
                    },
                    "justification": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "label": _STR,
                                "description": _STR,
                                "file": _STR,
                                "line": _INT,
                                "column": _INT,
                            },
                        },
                    },
                },
            },
        },
        "claims": {"type": "array", "items": {"type": "object"}},
        "framings": {"type": "array", "items": {"type": "object"}},
        "summary": {
            "type": "object",
            "required": ["files", "errors", "warnings", "infos"],
            "properties": {"files": _INT, "errors": _INT, "warnings": _INT, "infos": _INT},
        },
    },
}


def to_document(result: CheckResult) -> dict[str, Any]:
    """The JSON-ready object that :func:`render_json` serialises."""
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "tool": {"name": "alignspec", "version": __version__},
        "files": [str(f) for f in result.files],
        "diagnostics": [_diagnostic(d) for d in _sorted(result.diagnostics)],
        "claims": [canonical(c.to_dict()) for c in result.claims],
        "framings": [canonical(f.to_dict()) for f in result.framings],
        "summary": result.summary(),
    }


def render_json(result: CheckResult) -> str:
    """``result`` as a version-1 ``alignspec-check`` JSON document (see :data:`SCHEMA`)."""
    text = json.dumps(to_document(result), ensure_ascii=False, indent=2, allow_nan=False)
    return text + "\n"


def canonical(value: Any) -> Any:
    """``value`` with every mapping's keys sorted, tuples and sets as lists (sets sorted), enums
    as their values and paths as strings: the same data always serialises the same way."""
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, Mapping):
        return {str(k): canonical(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"cannot write {value!r} to JSON")
    return value


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    data = d.to_dict()
    for key in ("counterexample", "justification"):
        if key in data:
            data[key] = canonical(data[key])
    return data
