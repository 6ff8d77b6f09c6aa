"""The registry of finding codes: one entry per finding, with its stable name, code and doc."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity

DOC_HEADINGS = ("What it means", "Why it matters", "Example", "How to fix")


@dataclass(frozen=True)
class Code:
    """A registered finding: ``code`` (AS + number, grouped by stage), kebab-case ``name``,
    default severity, one-line summary and a doc with the four ``DOC_HEADINGS``."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: dict[str, str]


def _code(code: str, name: str, severity: Severity, summary: str, **doc: str) -> Code:
    sections = {
        "What it means": doc.get("what", ""),
        "Why it matters": doc.get("why", ""),
        "Example": doc.get("example", ""),
        "How to fix": doc.get("fix", ""),
    }
    return Code(code, name, severity, summary, sections)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

# AS1xx: reading and parsing; AS2xx: names, kinds and imports; AS3xx: reasoning;
# AS4xx: scenarios.
CODES: tuple[Code, ...] = (
    _code("AS100", "syntax-error", E, "the text is not in the language"),
    _code("AS101", "input-error", E, "the file cannot be read as a spec (encoding, NUL byte, size)"),
    _code("AS200", "unknown-name", E, "a name that is not declared"),
    _code("AS201", "duplicate-name", E, "a name declared twice in one spec"),
    _code("AS202", "arity-mismatch", E, "an atom with the wrong number of arguments"),
    _code("AS203", "kind-mismatch", E, "a variable or individual forced into two disjoint kinds"),
    _code("AS204", "circular-definition", E, "a concept, kind hierarchy or extends chain that depends on itself"),
    _code("AS205", "import-error", E, "an import that cannot be loaded"),
    _code("AS206", "unused-declaration", I, "a kind, relation or concept that nothing uses"),
    _code("AS300", "non-terminating-framing", E, "a framing whose rules are not weakly acyclic"),
    _code("AS301", "unsatisfiable-concept", E, "a concept with no possible member under a framing"),
    _code("AS302", "claim-failed", E, "a claim that does not hold"),
    _code("AS303", "concept-collapse", W, "satisfiable concepts that are equivalent under a framing"),
    _code("AS304", "budget-exceeded", W, "a chase or search stopped at its limit; the answer is unknown"),
    _code("AS400", "expectation-failed", E, "a scenario expectation that does not pass"),
    _code("AS401", "inconsistent-scenario", E, "scenario facts that violate an axiom"),
    _code("AS402", "cycle-in-acyclic", E, "a cycle of a relation declared acyclic"),
)

BY_CODE = {c.code: c for c in CODES}
BY_NAME = {c.name: c for c in CODES}


def lookup(code_or_name: str) -> Code | None:
    """Find a registered code by its code (``AS302``, any case) or its name (``claim-failed``)."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
