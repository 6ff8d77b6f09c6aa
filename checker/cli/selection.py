"""Which findings a run reports: ``select`` and ``ignore`` lists of finding codes, names or code
prefixes, and ``per-file-ignores`` for files matching a pattern.

A selector is a code (``AS303``), a name (``concept-collapse``) or a code prefix (``AS3``: every
reasoning finding; ``AS``: every finding). A finding is reported when some ``select`` selector
matches it (with no ``select``, every finding is selected) and no ``ignore`` selector that is at
least as specific does: a code or a name is more specific than a prefix, and a longer prefix more
specific than a shorter one, so ``select = ["AS3"]`` with ``ignore = ["AS303"]`` drops
collapses only, and ``ignore = ["AS3"]`` with ``select = ["AS303"]`` keeps them. Findings about
unreadable or unparsable files (``input-error``, ``syntax-error``) are always reported: nothing
else in such a file was checked. ``per-file-ignores`` drops the findings it names in the files
its pattern matches, whatever ``select`` says.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..codes import BY_CODE, BY_NAME, CODES, INPUT_ERROR, SYNTAX_ERROR
from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

ALWAYS_REPORTED = frozenset({SYNTAX_ERROR.code, INPUT_ERROR.code})
_PREFIX = re.compile(r"AS[0-9]{0,2}")


class SelectorError(ValueError):
    """A selector that names no finding."""


def specificity(selector: str, code: str) -> int:
    """How specifically ``selector`` names the finding ``code``: 5 for its code or name, the
    prefix's length for a code prefix, -1 when it does not name it."""
    registered = BY_CODE[code]
    if selector.upper() == code or selector.lower() == registered.name:
        return len(code)
    prefix = selector.upper()
    if _PREFIX.fullmatch(prefix) and code.startswith(prefix):
        return len(prefix)
    return -1


def check_selectors(selectors: Iterable[str]) -> None:
    """Raise :class:`SelectorError` for a selector that matches no registered finding."""
    for selector in selectors:
        if not any(specificity(selector, code.code) >= 0 for code in CODES):
            candidates = [*BY_CODE, *BY_NAME]
            close = get_close_matches(selector, candidates, n=1) or get_close_matches(selector.upper(), candidates, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (`alignspec codes` lists them)"
            raise SelectorError(f"'{selector}' is not a finding code, name or code prefix{hint}")


def _best(selectors: Sequence[str], code: str) -> int:
    return max((specificity(s, code) for s in selectors), default=-1)


@dataclass(frozen=True)
class PerFileIgnore:
    """Findings named by ``selectors`` are not reported in files matching ``pattern`` (gitignore
    syntax, relative to ``directory``), whatever ``select`` says."""

    pattern: str
    selectors: tuple[str, ...]
    directory: Path
    spec: GitIgnoreSpec = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from pathspec import GitIgnoreSpec

        object.__setattr__(self, "spec", GitIgnoreSpec.from_lines([self.pattern]))

    def applies_to(self, file: str) -> bool:
        """Whether ``file`` (as a finding names it) matches the pattern."""
        try:
            relative = Path(os.path.abspath(file)).relative_to(self.directory)
        except ValueError:
            return False
        return self.spec.match_file(PurePosixPath(relative).as_posix())


@dataclass(frozen=True)
class Selection:
    """The findings a run reports (see the module's doc); ``select`` None selects every one."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[PerFileIgnore, ...] = ()

    def enabled(self, code: str, file: str | None = None) -> bool:
        """Whether a finding of ``code`` in ``file`` is reported."""
        if code in ALWAYS_REPORTED:
            return True
        selected = 0 if self.select is None else _best(self.select, code)
        if selected < 0:
            return False
        if file is not None and any(_best(rule.selectors, code) >= 0 and rule.applies_to(file)
                                    for rule in self.per_file_ignores):
            return False
        return selected > _best(self.ignore, code)

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics this selection reports, in their order."""
        return [d for d in diagnostics if self.enabled(d.code, d.span.file)]
