"""Rich display of analysis results in notebooks, without analysis writing HTML: a result's
``_repr_html_`` asks this registry for a writer, and the layer that writes HTML registers one
for each type when it is imported (``alignspec`` does so on import). With none registered,
``_repr_html_`` gives None and a notebook shows the plain ``repr``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_WRITERS: dict[type, Callable[[Any], str]] = {}


def register_html(kind: type[T], write: Callable[[T], str]) -> None:
    """Let ``write`` give the HTML of every value of type ``kind``."""
    _WRITERS[kind] = write


def html_of(value: object) -> str | None:
    """The HTML of ``value`` from the writer registered for its type (None when there is none)."""
    write = _WRITERS.get(type(value))
    return write(value) if write is not None else None
