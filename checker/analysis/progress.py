"""Telling a caller what a long analysis is doing: a callback that receives one short line
(``seed.align: framing harris``) each time the analysis moves on. Analysis never prints; the
command line decides whether and where the lines are shown."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]
"""Receives a description of the step that starts now."""


def announce(progress: Progress | None, message: str) -> None:
    """Pass ``message`` to ``progress`` when there is one."""
    if progress is not None:
        progress(message)
