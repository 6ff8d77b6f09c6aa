"""The base of every enum whose values are words the output shows."""

from __future__ import annotations

import enum


class TextEnum(str, enum.Enum):
    """An enum whose members are their own text: ``str(member)`` and formatting give the value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)
