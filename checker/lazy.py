"""Names a package re-exports from its modules, imported only when first used.

A package's ``__init__`` that re-exports from heavy modules makes every import of any of its
modules pay for all of them; ``lazy_exports`` lets it name what it offers without importing it::

    __getattr__, __dir__ = lazy_exports(__name__, {"render_text": ".text"})

A name that is also the name of one of the package's modules cannot be exported this way: once
the module is imported, the package's attribute is the module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, sources: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``: ``sources`` maps each
    exported name to the module that defines it (relative to ``package``, e.g. ``".text"``). A
    name is imported on first access and then kept in the package's namespace."""

    def __getattr__(name: str) -> Any:
        source = sources.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(source, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(sources))

    return __getattr__, __dir__
