"""Standard output that cannot take what is written to it: a full disk, a closed pipe.

Python buffers standard output, so such an error may surface at any write or only at the final
flush, and an unwritten rest makes the interpreter complain again as it exits. The command line
flushes inside its error handling and, on failure, points the descriptor at the null device so
that nothing more is attempted.
"""

from __future__ import annotations

import errno
import os
import sys

#: Exit status after the reader of standard output went away: as if killed by SIGPIPE (128 + 13),
#: which is what shells report for other tools in a pipeline such as ``... | head``.
BROKEN_PIPE_STATUS = 141

_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EPIPE", "ECONNRESET", "EROFS")
    if hasattr(errno, name)
)


def is_output_error(exc: OSError) -> bool:
    """Whether ``exc`` is the kind of error a write to a full, broken or failing stream gives."""
    return exc.errno in _OUTPUT_ERRNOS


def discard_stdout() -> None:
    """Send whatever standard output still holds to the null device, so that the interpreter's
    last flush succeeds silently (the recipe of Python's documentation for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real descriptor (captured output, for one): nothing to redirect


def say(message: str) -> None:
    """Print ``message`` on standard error; a standard error that cannot be written to is
    ignored (there is nowhere left to report to)."""
    try:
        print(message, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
