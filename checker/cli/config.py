"""The project's configuration: ``[tool.alignspec]`` in ``pyproject.toml``, or ``alignspec.toml``.

The file is found by walking up from the current directory: in each directory ``alignspec.toml``
is taken first (its keys at the top level), then a ``pyproject.toml`` that has a
``[tool.alignspec]`` table; the first one found is the configuration, and directories above it
are not read. ``--config PATH`` names the file instead, ``--isolated`` reads none. Relative
paths in the file (``roots``, the patterns of ``per-file-ignores``) are relative to the
directory that holds it.

Every key is checked: an unknown key, or a value of the wrong type, is an error naming the file
and, where the key can be found in the text, its line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from ..syntax.safe_open import read_regular
from .selection import SelectorError, check_selectors

OWN_FILE = "alignspec.toml"
PYPROJECT = "pyproject.toml"
SECTION = ("tool", "alignspec")

LIMIT_KEYS = ("max-entities", "max-facts", "max-steps", "max-total-steps", "timeout")
KEYS = ("roots", "strict", *LIMIT_KEYS, "jobs", "select", "ignore", "per-file-ignores", "cache")
AUTO_JOBS = "auto"
MAX_CONFIG_BYTES = 16 * 1024 * 1024


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file (and line)."""


@dataclass(frozen=True)
class Config:
    """The settings a configuration file gives; None (or empty) where it says nothing.

    ``path`` is the file they came from (None: no file); ``roots`` are absolute directories;
    ``per_file_ignores`` pairs a gitignore-style pattern (relative to ``directory``) with the
    codes or names it ignores; ``jobs`` is how many processes ``check`` may use (0: one per
    processor, which the file writes as ``"auto"``).
    """

    path: Path | None = None
    roots: tuple[str, ...] | None = None
    strict: bool | None = None
    limits: Mapping[str, float] = field(default_factory=dict)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    jobs: int | None = None
    cache: bool | None = None

    @property
    def directory(self) -> Path | None:
        """The directory relative paths of the file are relative to."""
        return self.path.parent if self.path is not None else None


NO_CONFIG = Config()


def find_config(start: Path) -> Path | None:
    """The configuration file for a run started in ``start``: the nearest ``alignspec.toml``,
    or ``pyproject.toml`` with a ``[tool.alignspec]`` table, at or above ``start``."""
    for directory in [start, *start.parents]:
        own = directory / OWN_FILE
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _table(pyproject, _parse(pyproject)) is not None:
            return pyproject
    return None


def load_config(path: Path) -> Config:
    """Read and check the settings of ``path`` (an ``alignspec.toml`` or a ``pyproject.toml``)."""
    document = _parse(path)
    table = _table(path, document)
    if table is None:
        if path.name == PYPROJECT:
            raise ConfigError(f"{path}: no [tool.alignspec] table")
        table = {}
    return _settings(path, table)


def discover(start: Path, explicit: str | None = None, isolated: bool = False) -> Config:
    """The configuration of a run: none with ``isolated``, the file ``explicit`` names when
    given, else the one :func:`find_config` finds from ``start`` (none when there is none)."""
    if isolated:
        return NO_CONFIG
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"configuration file '{explicit}' does not exist")
        return load_config(path.resolve())
    found = find_config(start.resolve())
    return load_config(found) if found is not None else NO_CONFIG


def _text(path: Path) -> str:
    """The text of a configuration file, read as spec files are: a regular file only (a FIFO or
    a device is never opened), bounded (see :mod:`~alignspec.syntax.safe_open`)."""
    data = read_regular(path, MAX_CONFIG_BYTES)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than the limit of {MAX_CONFIG_BYTES:,} bytes for a configuration file")
    return data.decode("utf-8")


def _parse(path: Path) -> dict[str, Any]:
    try:
        document: dict[str, Any] = tomllib.loads(_text(path))
        return document
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    """The settings table of a parsed file: the whole file for ``alignspec.toml``, the
    ``[tool.alignspec]`` table for any other name (None when it has none)."""
    if path.name == OWN_FILE:
        return document
    table: Any = document
    for key in SECTION:
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    if not isinstance(table, dict):
        raise ConfigError(f"{_where(path, 'alignspec')}: [tool.alignspec] must be a table")
    return table


def _where(path: Path, key: str) -> str:
    """``path:line`` of the line that sets ``key`` in the settings table (just ``path`` when
    the line cannot be found: tomllib keeps no positions, so the text is searched)."""
    try:
        lines = _text(path).splitlines()
    except (OSError, UnicodeDecodeError, ConfigError):
        return str(path)
    wanted = "" if path.name == OWN_FILE else ".".join(SECTION)
    own_table = f"{wanted}.{key}" if wanted else key
    assignment = re.compile(r"""^\s*["']?""" + re.escape(key) + r"""["']?\s*=""")
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
    table = ""
    for number, line in enumerate(lines, 1):
        match = header.match(line)
        if match:
            table = re.sub(r"\s*\.\s*", ".", match.group(1).replace('"', "").replace("'", ""))
            if table == own_table:
                return f"{path}:{number}"
        elif table == wanted and assignment.match(line):
            return f"{path}:{number}"
    return str(path)


def _settings(path: Path, table: dict[str, Any]) -> Config:
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        key = unknown[0]
        close = get_close_matches(key, KEYS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(KEYS)})"
        raise ConfigError(f"{_where(path, key)}: unknown key '{key}' in the alignspec configuration{hint}")
    directory = path.parent
    roots = table.get("roots")
    if roots is not None:
        roots = tuple(str((directory / root).resolve()) for root in _strings(path, "roots", roots))
    strict = table.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise ConfigError(f"{_where(path, 'strict')}: 'strict' must be true or false")
    cache = table.get("cache")
    if cache is not None and not isinstance(cache, bool):
        raise ConfigError(f"{_where(path, 'cache')}: 'cache' must be true or false")
    limits: dict[str, float] = {}
    for key in LIMIT_KEYS:
        if key in table:
            value = table[key]
            if key == "timeout":
                if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < float("inf"):
                    raise ConfigError(f"{_where(path, key)}: '{key}' must be a number of seconds greater than 0")
            elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{_where(path, key)}: '{key}' must be a whole number of at least 1")
            limits[key] = value
    jobs = _jobs(path, table["jobs"]) if "jobs" in table else None
    select = _codes(path, "select", table["select"]) if "select" in table else None
    ignore = _codes(path, "ignore", table["ignore"]) if "ignore" in table else None
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{_where(path, 'per-file-ignores')}: 'per-file-ignores' must be a table of "
                          "patterns, each with a list of finding codes or names")
    per_file_ignores = tuple((str(pattern), _codes(path, "per-file-ignores", codes))
                             for pattern, codes in per_file.items())
    return Config(path, roots, strict, limits, select, ignore, per_file_ignores, jobs, cache)


def _jobs(path: Path, value: Any) -> int:
    if value == AUTO_JOBS:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{_where(path, 'jobs')}: 'jobs' must be a whole number of at least 0, or \"{AUTO_JOBS}\" "
                          "(0 and \"auto\": one process per processor)")
    return value


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)}: '{key}' must be a list of strings")
    return tuple(value)


def _codes(path: Path, key: str, value: Any) -> tuple[str, ...]:
    codes = _strings(path, key, value)
    try:
        check_selectors(codes)
    except SelectorError as exc:
        raise ConfigError(f"{_where(path, key)}: {exc}") from None
    return codes
