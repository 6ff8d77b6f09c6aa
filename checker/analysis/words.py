"""Small helpers for writing messages."""

from __future__ import annotations


def article(noun: str) -> str:
    """``a Model``, ``an Optimizer``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 framing``, ``0 framings``, ``2 analyses`` (with ``plural`` for irregular nouns);
    thousands are separated by commas (``1,000 facts``)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
