"""Walking a graph of declarations (imports, ``extends``) depth first, dependencies first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def postorder(start: T, children: Callable[[T], Iterable[T]]) -> list[T]:
    """``start`` and everything reachable from it, each once, every item after its children;
    iterative, so long chains do not exhaust the stack, and safe on cycles."""
    order: list[T] = []
    seen: set[int] = {id(start)}
    stack: list[tuple[T, Iterable[T]]] = [(start, iter(children(start)))]
    while stack:
        item, pending = stack[-1]
        for child in pending:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, iter(children(child))))
                break
        else:
            stack.pop()
            order.append(item)
    return order
