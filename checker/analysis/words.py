"""Small helpers for writing messages."""

from __future__ import annotations


def article(noun: str) -> str:
    """``a Model``, ``an Optimizer``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
