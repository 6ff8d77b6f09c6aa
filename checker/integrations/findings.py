"""A spec's findings with the absolute file and line they are about, for build tools' logs."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One finding: ``file`` is absolute, ``line``/``column`` 1-based; ``severity`` is
    ``error``, ``warning`` or ``info``."""

    code: str
    name: str
    severity: str
    message: str
    file: str
    line: int
    column: int

    def where(self, start: str | None = None) -> str:
        """``file:line:column``, the file relative to ``start`` when given (and below it)."""
        path = self.file
        if start is not None:
            relative = os.path.relpath(path, start)
            if not relative.startswith(".."):
                path = relative
        return f"{path}:{self.line}:{self.column}"

    def text(self, start: str | None = None) -> str:
        """The finding as one line: ``where: severity[CODE name] message``."""
        return f"{self.where(start)}: {self.severity}[{self.code} {self.name}] {self.message}"


def _real_paths(unit, found: dict[str, str]) -> dict[str, str]:
    for u in [unit, *unit.imported]:
        if u.path not in found:
            found[u.path] = u.real
            _real_paths(u, found)
    return found


def findings(spec=None, diagnostics=None, unit=None) -> list[Finding]:
    """The findings of ``spec`` (an ``alignspec.Spec``), or of a list of ``diagnostics`` (for
    a spec that could not be loaded), each located at its absolute file and line."""
    if spec is not None:
        diagnostics = list(spec.diagnostics())
        unit = spec.unit
    paths = _real_paths(unit, {}) if unit is not None else {}
    out = []
    for d in diagnostics or []:
        file = paths.get(d.span.file) or os.path.abspath(d.span.file)
        out.append(Finding(d.code, d.name, d.severity.value, d.message, file, d.span.line, d.span.column))
    return out
