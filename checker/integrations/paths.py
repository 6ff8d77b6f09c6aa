"""The files a rendered spec depends on, and keeping user paths inside a documentation tree."""

from __future__ import annotations

import os
from pathlib import Path


class OutsideError(ValueError):
    """A path that leaves the directory it must stay in."""


def inside(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """Whether ``path`` is ``root`` or below it, after resolving ``..`` and symbolic links."""
    real, base = Path(path).resolve(), Path(root).resolve()
    return real == base or base in real.parents


def resolve_inside(path: str, base: str | os.PathLike, root: str | os.PathLike) -> Path:
    """``path`` (relative to ``base``) as an absolute path; :class:`OutsideError` when it is
    absolute or leaves ``root`` (by ``..`` or through a symbolic link)."""
    if os.path.isabs(path):
        raise OutsideError(f"'{path}' is an absolute path; give a path relative to the documentation")
    candidate = (Path(base) / path)
    if not inside(candidate, root):
        raise OutsideError(f"'{path}' is outside the documentation source directory {Path(root).resolve()}")
    return candidate.resolve()


def spec_files(spec) -> list[str]:
    """The real paths of the files ``spec`` (an ``alignspec.Spec``) was loaded from: its own and,
    recursively, every spec it imports (each once, in load order)."""
    seen: dict[str, None] = {}
    stack = [spec.unit]
    while stack:
        unit = stack.pop(0)
        if unit.real in seen:
            continue
        seen[unit.real] = None
        stack.extend(unit.imported)
    return list(seen)
