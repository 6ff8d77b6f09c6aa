"""SARIF 2.1.0 output of ``alignspec check --format sarif`` (for code-scanning services).

One run whose ``tool.driver.rules`` lists every registered code, in registry order: ``id`` is
the code (``AS302``), ``name`` the PascalCase form of the kebab-case name (``ClaimFailed``, as
SARIF validators recommend; the kebab-case name is kept in ``properties.name``),
``shortDescription`` the summary, ``fullDescription`` the "What it means" section, ``help`` the
whole doc as text and Markdown, and ``defaultConfiguration.level`` the severity. Each result
carries ``ruleId``, ``ruleIndex``, its real ``level`` (``info`` becomes ``note``), the message, the
location and related locations; help, details, counterexample and justification go in
``properties``. Columns count Unicode code points, with an exclusive end (``columnKind``).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..codes import CODES, Code
from ..diagnostics import Diagnostic, Severity, Span
from ..results import CheckResult
from .explain import explain, explain_markdown
from .json_format import canonical

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def pascal_case(name: str) -> str:
    """``claim-failed`` -> ``ClaimFailed``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def artifact_uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (``/``-separated and
    percent-encoded), absolute paths become ``file:`` URIs."""
    windows = PureWindowsPath(path)
    if windows.drive:
        return "file:///" + quote(windows.as_posix(), safe="/:")
    posix = PurePosixPath(path.replace("\\", "/"))
    uri = quote(posix.as_posix(), safe="/")
    return "file://" + uri if posix.is_absolute() else uri


def rule(code: Code) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one registered code."""
    return {
        "id": code.code,
        "name": pascal_case(code.name),
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": code.doc.get("What it means", "") or code.summary},
        "help": {"text": explain(code.code), "markdown": explain_markdown(code.code)},
        "defaultConfiguration": {"level": LEVELS[code.severity]},
        "properties": {"name": code.name},
    }


def to_sarif(result: CheckResult) -> dict[str, Any]:
    """The SARIF log object that :func:`render_sarif` serialises."""
    index = {code.code: i for i, code in enumerate(CODES)}
    uris = dict.fromkeys(artifact_uri(str(f)) for f in result.files)
    results = [_result(d, index) for d in sorted(result.diagnostics, key=Diagnostic.sort_key)]
    driver = {
        "name": "alignspec",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule(code) for code in CODES],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": uri}} for uri in uris],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: CheckResult) -> str:
    """``result`` as a SARIF 2.1.0 log (JSON text with a trailing newline)."""
    return json.dumps(to_sarif(result), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _region(span: Span) -> dict[str, int]:
    line = max(span.line, 1)
    column = max(span.column, 1)
    end_line = max(span.end_line, line)
    end_column = span.end_column if end_line > line else max(span.end_column, column + 1)
    return {"startLine": line, "startColumn": column, "endLine": end_line,
            "endColumn": max(end_column, 1)}


def _location(span: Span) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(span.file)},
            "region": _region(span),
        }
    }


def _result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    severity = d.severity if isinstance(d.severity, Severity) else Severity(d.severity)
    data: dict[str, Any] = {"ruleId": d.code}
    if d.code in index:
        data["ruleIndex"] = index[d.code]
    data["level"] = LEVELS[severity]
    data["message"] = {"text": d.message}
    data["locations"] = [_location(d.span)]
    if d.related:
        data["relatedLocations"] = [
            {"id": i, **_location(r.span), "message": {"text": r.message}}
            for i, r in enumerate(d.related, start=1)
        ]
    properties: dict[str, Any] = {"name": d.name}
    if d.help:
        properties["help"] = d.help
    if d.details:
        properties["details"] = list(d.details)
    if d.counterexample is not None:
        properties["counterexample"] = canonical(d.counterexample.to_dict())
    if d.justification is not None:
        properties["justification"] = canonical([step.to_dict() for step in d.justification])
    data["properties"] = properties
    return data
