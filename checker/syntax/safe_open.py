"""Opening input files: regular files only, never blocking, read up to a bound, and, for paths
that must stay inside allowed directories, resolved and opened with no window between the check
and the open.

Every spec file the tool reads goes through :func:`read_regular` or :meth:`Located.read`. A path
that names a FIFO, a device or a socket is refused before it is opened (``stat``), and again
after (``fstat`` of the descriptor), so that swapping one in between cannot make a read block.

:func:`locate` resolves a path the way the kernel does, one component at a time from the file
system's root, holding each directory open and never following a symbolic link implicitly: each
link is read and its target walked in turn. The physical path it returns is therefore the path
of the very entry that :meth:`Located.read` opens (relative to the held parent directory, without
following links), so a check of that path against the allowed roots cannot be raced by swapping
a link.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

MAX_SYMLINKS = 40  # as the kernel's limit on links followed in one lookup

_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# A directory is held open only to look up names in it: O_PATH needs no read permission on it.
_DIR_FLAGS = (getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
              | getattr(os, "O_CLOEXEC", 0))
_WALKS = (
    os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd and os.readlink in os.supports_dir_fd
    and bool(_NOFOLLOW) and hasattr(os, "O_DIRECTORY")
)
_CHUNK = 1 << 16


class NotRegularFileError(OSError):
    """The path names something that is not a regular file: a FIFO, a device or a socket."""


def file_type(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: ``a FIFO``, ``a character device``..."""
    for test, words in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a directory"),
                        (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                        (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return words
    return "not a regular file"


def _require_regular(mode: int, path: str) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(errno.EINVAL, f"{file_type(mode)}, not a regular file", path)


def open_regular(path: str | os.PathLike[str], *, dir_fd: int | None = None,
                 follow_symlinks: bool = True) -> int:
    """Open a regular file for reading and return its descriptor.

    Raises ``IsADirectoryError`` for a directory and :class:`NotRegularFileError` for anything
    else that is not a regular file, checked before opening and on the opened descriptor; the
    open itself never blocks (``O_NONBLOCK``) and never acquires a terminal (``O_NOCTTY``).
    With ``follow_symlinks=False`` a symbolic link is refused (``OSError`` with ``ELOOP``).
    Other ``OSError``\\ s propagate.
    """
    name = os.fspath(path)
    _require_regular(os.stat(name, dir_fd=dir_fd, follow_symlinks=follow_symlinks).st_mode, name)
    flags = _READ_FLAGS | (0 if follow_symlinks else _NOFOLLOW)
    fd = os.open(name, flags, dir_fd=dir_fd) if dir_fd is not None else os.open(name, flags)
    try:
        _require_regular(os.fstat(fd).st_mode, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_descriptor(fd: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes from ``fd`` (one more than allowed, so that the caller
    can tell a file that is too large)."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``max_bytes + 1``); see :func:`open_regular`."""
    fd = open_regular(path)
    try:
        return read_descriptor(fd, max_bytes)
    finally:
        os.close(fd)


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a regular file (following symbolic links); never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


@dataclass
class Located:
    """A resolved path: ``real`` is its physical path (no symbolic link, no ``..``); ``exists``
    whether there is an entry there, and ``is_dir`` whether it is a directory. Close it (or use
    it as a context manager) to release the directory it holds open."""

    real: str
    exists: bool
    is_dir: bool
    _parent: int | None = None
    _name: str = ""

    def read(self, max_bytes: int) -> bytes:
        """The bytes of the located file (at most ``max_bytes + 1``), opened as the entry that
        was resolved: a symbolic link put in its place since is refused, not followed. Raises as
        :func:`open_regular`."""
        if self._parent is None:
            return _read_checked(self.real, max_bytes)
        fd = open_regular(self._name, dir_fd=self._parent, follow_symlinks=False)
        try:
            return read_descriptor(fd, max_bytes)
        finally:
            os.close(fd)

    def close(self) -> None:
        if self._parent is not None:
            os.close(self._parent)
            self._parent = None

    def __enter__(self) -> Located:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _read_checked(real: str, max_bytes: int) -> bytes:
    """Where descriptors cannot anchor a lookup: open the physical path, then make sure the
    descriptor is the file that path names now."""
    fd = open_regular(real)
    try:
        opened, named = os.fstat(fd), os.stat(real, follow_symlinks=False)
        if (opened.st_dev, opened.st_ino) != (named.st_dev, named.st_ino):
            raise OSError(errno.ESTALE, "the file changed while it was being opened", real)
        return read_descriptor(fd, max_bytes)
    finally:
        os.close(fd)


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p not in ("", ".")]


def locate(path: str) -> Located:
    """Resolve ``path`` (relative to the working directory unless absolute) to its physical
    path, holding its parent directory open.

    Symbolic links are followed (at most :data:`MAX_SYMLINKS`) by reading them, never by the
    kernel, so the result names exactly the entry :meth:`Located.read` will open. A path whose
    last components do not exist resolves as far as it exists, the rest taken as written
    (``exists`` is then False). Raises ``NotADirectoryError`` when a component before the last
    is not a directory, and ``OSError`` (``ELOOP``, ``EACCES``...) when the walk cannot go on.
    """
    if not os.path.isabs(path):
        path = os.path.join(os.getcwd(), path)
    if not _WALKS:
        real = os.path.realpath(path)
        return Located(real, os.path.lexists(real), os.path.isdir(real))
    pending = list(reversed(_parts(path)))
    names: list[str] = []
    fds: list[int] = [os.open("/", _DIR_FLAGS)]
    links = 0
    try:
        while pending:
            name = pending.pop()
            if name == "..":
                if names:
                    names.pop()
                    os.close(fds.pop())
                continue
            try:
                info = os.stat(name, dir_fd=fds[-1], follow_symlinks=False)
            except FileNotFoundError:
                rest = os.path.normpath("/".join([name, *reversed(pending)]))
                real = os.path.normpath("/" + "/".join(names + [rest]))
                return Located(real, False, False)
            if stat.S_ISLNK(info.st_mode):
                links += 1
                if links > MAX_SYMLINKS:
                    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)
                target = os.readlink(name, dir_fd=fds[-1])
                if target.startswith("/"):
                    while names:
                        names.pop()
                        os.close(fds.pop())
                pending.extend(reversed(_parts(target)))
                continue
            if not pending:
                parent = fds.pop()
                return Located("/" + "/".join(names + [name]), True, stat.S_ISDIR(info.st_mode), parent, name)
            if not stat.S_ISDIR(info.st_mode):
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path)
            fds.append(os.open(name, _DIR_FLAGS, dir_fd=fds[-1]))
            names.append(name)
        return Located("/" + "/".join(names), True, True)
    finally:
        for fd in fds:
            os.close(fd)
