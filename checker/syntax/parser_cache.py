"""Compiled parsers kept between runs in the user's cache directory, trusted only when proven
to be written by this user's AlignSpec.

Compiling the grammar takes about 50 ms (about 0.7 s in strict mode, when ``interegular`` is
installed); loading a compiled parser takes about 10 ms. A compiled parser is a pickle,
and unpickling runs code, so a cache file is loaded only when

- it is a regular file (never a FIFO, a device or a symbolic link), owned by the user and not
  writable by group or others, and no larger than :data:`MAX_CACHE_BYTES`;
- its HMAC-SHA256 tag, under a random key kept beside it in ``key`` (mode 0600, owned by the
  user), matches its name and content.

Files are written whole or not at all (a temporary file, flushed, then renamed), so a
concurrent run never reads half a file. Anything unexpected means "no cache": the grammar is
compiled again, and nothing is ever raised from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

from .safe_open import read_descriptor

MAX_CACHE_BYTES = 4 * 1024 * 1024
MAGIC = b"alignspec parser cache 1\n"
KEY_FILE = "key"
KEY_BYTES = 32
TAG_BYTES = hashlib.sha256().digest_size

_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_OWNED = hasattr(os, "geteuid")  # where files have owners and permission bits


def _trusted(info: os.stat_result, forbidden_mode: int) -> bool:
    """Whether a file (or directory) is the user's own and no one else may change it."""
    if not _OWNED:
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & forbidden_mode


class ParserCache:
    """A directory of compiled parsers, each stored under a name derived from what it was
    compiled from (see :meth:`load` and :meth:`store`)."""

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)

    def _usable_directory(self, create: bool) -> bool:
        try:
            if create:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
            info = os.stat(self.directory)
        except (OSError, ValueError):
            return False
        return stat.S_ISDIR(info.st_mode) and _trusted(info, 0o022)

    def _read(self, name: str, limit: int, forbidden_mode: int) -> bytes | None:
        """The bytes of the file ``name``, when it is a regular file the user alone controls and
        holds at most ``limit`` bytes; otherwise None."""
        try:
            fd = os.open(self.directory / name, _READ_FLAGS)
        except (OSError, ValueError):
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _trusted(info, forbidden_mode) or info.st_size > limit:
                return None
            data = read_descriptor(fd, limit)
            return data if len(data) <= limit else None
        except OSError:
            return None
        finally:
            os.close(fd)

    def _write(self, name: str, data: bytes, link: bool = False) -> bool:
        """Write ``data`` as the file ``name``, whole or not at all: by renaming a temporary
        file over it, or, with ``link``, by linking it in place only where nothing is yet."""
        try:
            fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=self.directory)  # mode 0600
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if link:
                os.link(temporary, self.directory / name)
            else:
                os.replace(temporary, self.directory / name)
            return True
        except OSError:
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _key(self, create: bool) -> bytes | None:
        key = self._read(KEY_FILE, KEY_BYTES, 0o077)
        if key is not None and len(key) == KEY_BYTES:
            return key
        if not create or key is not None:
            return None
        self._write(KEY_FILE, secrets.token_bytes(KEY_BYTES), link=True)
        key = self._read(KEY_FILE, KEY_BYTES, 0o077)  # ours, or one a concurrent run wrote first
        return key if key is not None and len(key) == KEY_BYTES else None

    @staticmethod
    def _tag(key: bytes, name: str, payload: bytes) -> bytes:
        return hmac.new(key, name.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()

    def load(self, name: str) -> bytes | None:
        """The payload stored under ``name`` if it can be trusted (see the module's
        documentation), else None."""
        if not self._usable_directory(create=False):
            return None
        key = self._key(create=False)
        if key is None:
            return None
        data = self._read(name, len(MAGIC) + TAG_BYTES + MAX_CACHE_BYTES, 0o022)
        if data is None or not data.startswith(MAGIC):
            return None
        tag, payload = data[len(MAGIC):len(MAGIC) + TAG_BYTES], data[len(MAGIC) + TAG_BYTES:]
        if not hmac.compare_digest(tag, self._tag(key, name, payload)):
            return None
        return payload

    def store(self, name: str, payload: bytes) -> None:
        """Store ``payload`` under ``name`` (creating the directory, mode 0700, and the key);
        does nothing when that cannot be done safely."""
        if len(payload) > MAX_CACHE_BYTES or not self._usable_directory(create=True):
            return
        key = self._key(create=True)
        if key is not None:
            self._write(name, MAGIC + self._tag(key, name, payload) + payload)
