"""Output files (``-o PATH``): what writing a view to a path means, decided in one place.

- A regular file, or a path where nothing is yet: replaced whole or not at all. The text goes to
  a temporary file beside it, which is flushed to disk (``fsync``) and renamed over the path
  (``os.replace``); the file keeps its permissions.
- A symbolic link: the file it points to is replaced that way; the link itself stays.
- A FIFO or a character device (a terminal, ``/dev/null``): written to in place, as a stream,
  as a shell redirection would; nothing is created or replaced.
- A directory, a block device or a socket: refused.
- A file that the same run read (the spec, or a spec it imports, by whatever path): refused, so
  that ``report spec.align -o spec.align`` cannot destroy the spec.

Refusals raise :class:`OutputRefusedError`, an ``OSError`` whose ``strerror`` says why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from ..syntax.safe_open import file_type


class OutputRefusedError(OSError):
    """Writing to the path would destroy something that is not an output: an input of the run,
    a directory, a block device or a socket."""


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _refuse(path: str, why: str) -> OutputRefusedError:
    return OutputRefusedError(errno.EPERM, why, path)


def _target(path: str, inputs: Iterable[str]) -> tuple[str, str]:
    """``("stream", path)`` or ``("file", the regular file to replace)``; raises
    :class:`OutputRefusedError` for what must not be written to."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "file", os.path.realpath(path)  # nothing there yet (or a link to nothing yet)
    mode = info.st_mode
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream", path
    if not stat.S_ISREG(mode):
        raise _refuse(path, f"it is {file_type(mode)}, not a file to write a view to")
    if (info.st_dev, info.st_ino) in {_identity(p) for p in inputs}:
        raise _refuse(path, "it is a spec this command reads; choose another output file")
    return "file", os.path.realpath(path)


@contextlib.contextmanager
def _stream(path: str) -> Iterator[IO[str]]:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise _refuse(path, "it changed while it was being opened")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _sync_directory(directory: str) -> None:
    """Make a rename in ``directory`` durable, where the platform allows it."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _replacement(path: str) -> Iterator[IO[str]]:
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
    _sync_directory(directory)


@contextlib.contextmanager
def atomic_output(path: str, inputs: Iterable[str] = ()) -> Iterator[IO[str]]:
    """A text file to write the new content of ``path`` to (see the module's documentation for
    what each kind of path means). A regular file is replaced only when the ``with`` block ends
    without an exception; otherwise it is left as it was and the temporary file is removed.

    ``inputs`` are the files the run read; writing over any of them (by any path, hard links
    and symbolic links included) raises :class:`OutputRefusedError` before anything is written.
    """
    how, target = _target(path, inputs)
    opener = _stream if how == "stream" else _replacement
    with opener(target) as handle:
        yield handle


def write_atomic(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    """Replace the content of ``path`` with ``text`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, inputs) as handle:
        handle.write(text)
