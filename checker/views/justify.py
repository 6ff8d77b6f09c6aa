"""Justifications as short text for diagrams and tables."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..analysis.justify import Justifier
from ..evidence import JustificationStep

__all__ = ["Justifier", "item_text", "justification_text", "short_path"]


def justification_text(steps: Iterable[JustificationStep], base: str | None = None) -> str:
    """``rule a (seed.align:62); kind B: C (seed.align:20)``, paths relative to ``base``."""
    return "; ".join(item_text(step, base) for step in steps)


def item_text(step: JustificationStep, base: str | None = None) -> str:
    """One justification step as ``label (file:line)``, with its direction when it has one."""
    text = step.label
    if step.span is not None:
        text += f" ({short_path(step.span.file, base)}:{step.span.line})"
    if step.direction:
        text += f" [{step.direction}]"
    return text


def short_path(path: str, base: str | None) -> str:
    """``path`` relative to the directory ``base``; its file name alone when it lies outside."""
    if not base:
        return path
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path
    return os.path.basename(path) if relative.startswith("..") else relative.replace(os.sep, "/")
