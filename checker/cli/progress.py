"""Progress on standard error for long runs: after about two seconds, one line that says which
file, framing, claim or scenario is being analysed, rewritten in place as the analysis moves on,
and erased when the run ends. Nothing is written when standard error is not a terminal."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from typing import TextIO

DELAY_SECONDS = 2.0
MIN_INTERVAL_SECONDS = 0.1
_ERASE = "\r\x1b[K"


class ProgressReporter:
    """A progress callback (``reporter("seed.align: framing harris")``) that shows the latest
    step once the run has lasted ``delay`` seconds, on a terminal only.

    Use it as a context manager, or call :meth:`close` before writing anything else to the
    terminal: it stops the timer and erases the line.
    """

    def __init__(self, stream: TextIO, delay: float = DELAY_SECONDS, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic, width: int | None = None) -> None:
        self.stream = stream
        self.delay = delay
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.clock = clock
        self.width = width if width is not None else max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        self.started = clock()
        self.current = ""
        self.shown = False
        self._last_write = 0.0
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if self.enabled:
            self._timer = threading.Timer(delay, self._show_current)
            self._timer.daemon = True
            self._timer.start()

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            self.current = message
            now = self.clock()
            if now - self.started >= self.delay and now - self._last_write >= MIN_INTERVAL_SECONDS:
                self._write(message, now)

    def _show_current(self) -> None:
        with self._lock:
            if self.enabled and self.current:
                self._write(self.current, self.clock())

    def _write(self, message: str, now: float) -> None:
        text = message if len(message) <= self.width else message[: self.width - 1] + "…"
        try:
            self.stream.write(_ERASE + text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False
            return
        self.shown = True
        self._last_write = now

    def close(self) -> None:
        """Stop showing progress and erase the line if one was shown."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self.shown:
                try:
                    self.stream.write(_ERASE)
                    self.stream.flush()
                except (OSError, ValueError):
                    pass
            self.enabled = False
            self.shown = False

    def __enter__(self) -> ProgressReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
