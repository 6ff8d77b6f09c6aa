"""Hand-built check results and a small JSON-Schema checker for the renderer tests."""

from __future__ import annotations

import re
from typing import Any

from alignspec.diagnostics import Diagnostic, Related, Severity, Span
from alignspec.evidence import Counterexample, JustificationStep, World, WorldEntity
from alignspec.reasoning.logic import AxiomKind
from alignspec.results import CheckResult

SEED = (
    "kind Model\n"
    "\tconcept trained(m: Model) := trains(b, m)\n"
    "claim: trained implies searcher\n"
)
TABBED = "\tx\tconcept c(y: Ünïcode) := r(y, y)\n"


def diag(
    code: str = "AS200",
    name: str = "unknown-name",
    severity: Severity = Severity.ERROR,
    span: Span | None = None,
    message: str = "unknown relation `trains`",
    **extra: Any,
) -> Diagnostic:
    """A diagnostic with sensible defaults; keyword arguments fill the optional fields."""
    span = span or Span("seed.align", 2, 31, 2, 37)
    return Diagnostic(code, name, severity, message, span, **extra)


def full_result() -> CheckResult:
    """One diagnostic of each severity, with every optional part present somewhere."""
    claim = diag(
        "AS302", "claim-failed", Severity.ERROR,
        Span("seed.align", 3, 8, 3, 32), "claim does not hold: trained implies searcher",
        help="add the missing premise as a framing rule, or claim `does not imply`",
        related=(Related(Span("seed.align", 2, 10, 2, 17), "trained is defined here"),),
        details=("under the base framing",),
        counterexample=Counterexample(None, None, "scenario counterexample {\n    Model m\n}",
                                      World((WorldEntity("m", ("Model",), False),), ()), ("MesaOptimizer(m)",)),
        justification=(JustificationStep("kind Model", AxiomKind.SUBKIND, "Model", "Model(x)",
                                         Span("seed.align", 1, 1, 1, 11)),),
    )
    collapse = diag("AS303", "concept-collapse", Severity.WARNING,
                    Span("seed.align", 2, 10, 2, 17), "trained and has_trainer collapse")
    unused = diag("AS206", "unused-declaration", Severity.INFO,
                  Span("lib/other.align", 1, 6, 1, 11), "kind `Thing` is never used")
    return CheckResult(
        files=["seed.align", "lib/other.align", "empty.align"],
        diagnostics=[unused, claim, collapse, diag()],
        sources={"seed.align": SEED, "lib/other.align": "kind Thing\n"},
    )


_TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
    "number": (int, float),
}


def check_schema(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Errors of ``value`` against the subset of JSON Schema used by ``json_format.SCHEMA``."""
    errors: list[str] = []
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{path}: expected integer, got {value!r}"]
    elif kind is not None and not isinstance(value, _TYPES[kind]):
        return [f"{path}: expected {kind}, got {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        missing = [key for key in schema.get("required", ()) if key not in value]
        errors += [f"{path}: missing {key!r}" for key in missing]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += check_schema(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += check_schema(item, schema["items"], f"{path}[{i}]")
    return errors
