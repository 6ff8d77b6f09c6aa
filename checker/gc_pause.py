"""Pausing Python's cyclic garbage collector around work that builds large acyclic structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block, then restore it.

    Parsing, resolving and chasing allocate millions of objects that reference counting frees
    on its own; the collector's repeated full passes over them would make the work superlinear
    in the size of the input. Nothing is leaked: collection resumes when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
