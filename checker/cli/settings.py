"""The settings of one command: the configuration file's, with the command line's options taking
their place wherever they are given."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ..check import UsageError
from ..limits import Budget
from ..parallel import available_cpus
from .config import NO_CONFIG, Config, ConfigError, discover
from .selection import PerFileIgnore, Selection, SelectorError, check_selectors

LIMIT_OPTIONS = {"max-entities": "max_entities", "max-facts": "max_facts", "max-steps": "max_steps",
                 "max-total-steps": "max_total_steps"}


@dataclass(frozen=True)
class Settings:
    """What a command runs with: import roots, the reasoner's limits, whether warnings fail the
    run, which findings are reported, the configuration file they came from (if any), how many
    processes may analyse specs at once, and whether ``check`` keeps and reuses results across
    runs."""

    roots: tuple[str, ...] = ()
    budget: Budget = field(default_factory=Budget)
    strict: bool = False
    selection: Selection = field(default_factory=Selection)
    config: Config = NO_CONFIG
    jobs: int = 1
    cache: bool = True


def _limit(args: argparse.Namespace, config: Config, key: str, default: int) -> int:
    given = getattr(args, LIMIT_OPTIONS[key], None)
    if given is not None:
        if given < 1:
            raise UsageError(f"--{key} must be at least 1")
        return int(given)
    return int(config.limits.get(key, default))


def _optional_limit(args: argparse.Namespace, config: Config, key: str, default: int | None) -> int | None:
    if default is None and getattr(args, LIMIT_OPTIONS[key], None) is None and key not in config.limits:
        return None
    return _limit(args, config, key, default or 0)


def _timeout(args: argparse.Namespace, config: Config, default: float | None) -> float | None:
    given = getattr(args, "timeout", None)
    if given is not None:
        if not 0 < given < float("inf"):
            raise UsageError("--timeout must be a number of seconds greater than 0")
        return float(given)
    return config.limits.get("timeout", default)


def resolve_budget(args: argparse.Namespace, config: Config, defaults: Budget | None = None) -> Budget:
    """The reasoner's limits: the command line's, else the configuration's, else ``defaults``."""
    defaults = defaults or Budget()
    return Budget(
        max_entities=_limit(args, config, "max-entities", defaults.max_entities),
        max_facts=_limit(args, config, "max-facts", defaults.max_facts),
        max_search_steps=_limit(args, config, "max-steps", defaults.max_search_steps),
        max_total_steps=_optional_limit(args, config, "max-total-steps", defaults.max_total_steps),
        timeout=_timeout(args, config, defaults.timeout),
    )


def resolve_settings(args: argparse.Namespace, cwd: Path | None = None) -> Settings:
    """The settings for ``args`` (a parsed command line): the configuration file's (found from
    ``cwd``, or named by ``--config``; none with ``--isolated``) overridden by the options given.

    Raises ``UsageError`` for a configuration that cannot be used or a bad option value."""
    try:
        config = discover(cwd or Path.cwd(), getattr(args, "config", None), getattr(args, "isolated", False))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    budget = resolve_budget(args, config)
    roots = tuple(args.root) if getattr(args, "root", None) else (config.roots or ())
    strict = getattr(args, "strict", None)
    if strict is None:
        strict = bool(config.strict)
    select = getattr(args, "select", None)
    ignore = getattr(args, "ignore", None)
    for selectors in (select, ignore):
        try:
            check_selectors(selectors or ())
        except SelectorError as exc:
            raise UsageError(str(exc)) from None
    directory = config.directory or Path.cwd()
    selection = Selection(
        select=tuple(select) if select is not None else config.select,
        ignore=tuple(ignore) if ignore is not None else (config.ignore or ()),
        per_file_ignores=tuple(PerFileIgnore(pattern, codes, directory) for pattern, codes in config.per_file_ignores),
    )
    jobs = getattr(args, "jobs", None)
    if jobs is None:
        jobs = config.jobs if config.jobs is not None else 1
    return Settings(roots, budget, strict, selection, config, available_cpus() if jobs == 0 else jobs,
                    _cache(args, config))


def _cache(args: argparse.Namespace, config: Config) -> bool:
    """Whether to use the result cache: ``--cache``/``--no-cache`` when given, else off when
    ``ALIGNSPEC_NO_CACHE`` is set, else the configuration's ``cache`` (default on)."""
    given = getattr(args, "cache", None)
    if given is not None:
        return bool(given)
    from ..result_cache import disabled_by_environment  # the cache's imports are heavy

    if disabled_by_environment():
        return False
    return config.cache is not False
