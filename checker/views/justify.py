"""Justifications as short text for diagrams and tables."""

from __future__ import annotations

import os

from ..analysis.justify import Justifier

__all__ = ["Justifier", "item_text", "justification_text", "short_path"]


def justification_text(items: list[dict], base: str | None = None) -> str:
    """``rule a (seed.align:62); kind B: C (seed.align:20)``, paths relative to ``base``."""
    return "; ".join(item_text(item, base) for item in items)


def item_text(item: dict, base: str | None = None) -> str:
    """One justification step as ``label (file:line)``, with its direction when it has one."""
    text = item["label"]
    if item.get("file"):
        text += f" ({short_path(item['file'], base)}:{item['line']})"
    if item.get("direction"):
        text += f" [{item['direction']}]"
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
