"""Writing a view to a file atomically: a temporary file beside it, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import IO


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """A text file to write the new content of ``path`` to. It replaces ``path`` only when the
    ``with`` block ends without an exception; otherwise ``path`` is left as it was and the
    temporary file is removed."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: str, text: str) -> None:
    """Replace the content of ``path`` with ``text`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path) as handle:
        handle.write(text)
