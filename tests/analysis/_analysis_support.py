"""Helpers shared by the reasoner-level tests."""

from __future__ import annotations

import alignspec


def codes(spec: alignspec.Spec) -> list[str]:
    """The names of a spec's findings, in report order."""
    return [d.name for d in spec.diagnostics()]
