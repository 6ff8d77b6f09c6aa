"""GitHub Actions workflow commands (``--format github``): one annotation line per diagnostic.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=AS302 claim-failed::message``;
``warning`` for warnings and ``notice`` for infos. ``col``/``endColumn`` are given only for a
span on one line (GitHub ignores columns on multi-line annotations); ``endColumn`` is exclusive,
as in every other output. The message carries the details, related locations and help on
further lines, encoded as GitHub requires.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..results import CheckResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Encode a command's message: ``%``, carriage return and newline."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Encode a property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    """The workflow command for one diagnostic."""
    severity = d.severity if isinstance(d.severity, Severity) else Severity(d.severity)
    span = d.span
    line = max(span.line, 1)
    end_line = max(span.end_line, line)
    props = [("file", span.file), ("line", str(line))]
    if end_line == line:
        column = max(span.column, 1)
        props += [("col", str(column)), ("endLine", str(end_line)),
                  ("endColumn", str(max(span.end_column, column + 1)))]
    else:
        props.append(("endLine", str(end_line)))
    props.append(("title", f"{d.code} {d.name}"))
    body = [d.message, *d.details]
    body += [f"{r.span.file}:{r.span.line}:{r.span.column}: note: {r.message}" for r in d.related]
    if d.help:
        body.append(f"help: {d.help}")
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[severity]} {fields}::{escape_data(chr(10).join(body))}"


def render_github(result: CheckResult) -> str:
    """One annotation per diagnostic (in ``sort_key`` order), each on its own line."""
    lines = [annotation(d) for d in sorted(result.diagnostics, key=Diagnostic.sort_key)]
    return "".join(line + "\n" for line in lines)
