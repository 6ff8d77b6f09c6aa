"""Which spec files a directory holds: every ``*.align`` below it, except what a project keeps
out of its sources.

A walk skips hidden directories (a name starting with ``.``), virtual environments (a
directory holding ``pyvenv.cfg``), directories named ``build``, ``dist`` or ``node_modules``,
and whatever the ``.gitignore`` files ignore. The ``.gitignore`` files read are those inside the
walked directory and those of its parents up to the repository root (the nearest directory with
a ``.git``); a deeper file's patterns take precedence, and within one file the last matching
pattern wins, as in git. Patterns follow gitignore(5) exactly (``pathspec``'s ``GitIgnoreSpec``):
negation, anchoring, ``**`` and directory-only patterns included. As in git, nothing inside an
ignored directory is looked at, so a negated pattern cannot bring back a file below one.

The directory asked for is walked even when its name or a ``.gitignore`` would skip it (naming
it says it is wanted); the ``.gitignore`` files above it are then not read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pathspec import GitIgnoreSpec

from ..syntax.safe_open import read_regular

SKIPPED_DIRECTORY_NAMES = frozenset({"build", "dist", "node_modules"})
VIRTUAL_ENVIRONMENT_MARKER = "pyvenv.cfg"
IGNORE_FILE = ".gitignore"
MAX_IGNORE_FILE_BYTES = 16 * 1024 * 1024
SPEC_SUFFIX = ".align"


@dataclass(frozen=True)
class IgnoreFile:
    """The patterns of one ``.gitignore``; they apply to paths below ``base``."""

    base: Path
    spec: GitIgnoreSpec

    def verdict(self, path: Path, is_dir: bool) -> bool | None:
        """True when the last pattern matching ``path`` ignores it, False when it re-includes
        it (``!pattern``), None when no pattern matches or ``path`` is not below ``base``."""
        try:
            relative = PurePosixPath(path.relative_to(self.base)).as_posix()
        except ValueError:
            return None
        result = self.spec.check_file(relative + "/" if is_dir else relative)
        return result.include


def read_ignore_file(directory: Path) -> IgnoreFile | None:
    """The ``.gitignore`` of ``directory``, or None when it has none (or it cannot be read: a
    FIFO or a device in its place is never opened, and only its first 16 MiB are read)."""
    path = directory / IGNORE_FILE
    try:
        text = read_regular(path, MAX_IGNORE_FILE_BYTES)[:MAX_IGNORE_FILE_BYTES].decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return None
    return IgnoreFile(directory, GitIgnoreSpec.from_lines(text.splitlines()))


def repository_root(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` that holds a ``.git``, if any."""
    for candidate in [directory, *directory.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def _parent_ignore_files(directory: Path) -> list[IgnoreFile]:
    """The ``.gitignore`` files strictly above ``directory`` up to its repository root, the
    outermost first; none outside a repository."""
    root = repository_root(directory)
    if root is None or root == directory:
        return []
    chain = []
    for parent in directory.parents:
        chain.append(parent)
        if parent == root:
            break
    found = [read_ignore_file(parent) for parent in reversed(chain)]
    return [f for f in found if f is not None]


def is_ignored(path: Path, is_dir: bool, ignore_files: list[IgnoreFile]) -> bool:
    """Whether ``path`` is ignored by ``ignore_files`` (outermost first: the deepest file that
    has a matching pattern decides)."""
    for ignore_file in reversed(ignore_files):
        verdict = ignore_file.verdict(path, is_dir)
        if verdict is not None:
            return verdict
    return False


def is_virtual_environment(directory: Path) -> bool:
    """Whether ``directory`` is a Python virtual environment (it holds ``pyvenv.cfg``)."""
    return (directory / VIRTUAL_ENVIRONMENT_MARKER).is_file()


def skipped_directory(directory: Path) -> bool:
    """Whether a walk passes over ``directory`` whatever the ``.gitignore`` files say: hidden,
    a build output, installed packages, or a virtual environment."""
    name = directory.name
    return name.startswith(".") or name in SKIPPED_DIRECTORY_NAMES or is_virtual_environment(directory)


def spec_files_below(directory: str | os.PathLike[str]) -> list[Path]:
    """Every spec file below ``directory`` that a walk does not skip, sorted by path.

    Directories reached through a symbolic link are not entered (a link cannot make the walk
    loop or leave the directory); a linked file is kept when it resolves inside ``directory``.
    """
    top = Path(directory)
    absolute = Path(os.path.abspath(top))
    inside = os.path.realpath(top)
    named_despite_rules = skipped_directory(absolute) or is_ignored(
        absolute, True, _parent_ignore_files(absolute))
    ignore_files = [] if named_despite_rules else _parent_ignore_files(absolute)
    found: list[Path] = []
    # an explicit stack of directories still to read, so a tree of any depth is walked without
    # recursion; each directory carries the .gitignore files that apply to it
    pending: list[tuple[Path, Path, list[IgnoreFile]]] = [(top, absolute, ignore_files)]
    while pending:
        shown, current, inherited = pending.pop()
        own = read_ignore_file(current)
        active = inherited + [own] if own is not None else inherited
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = current / entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                if not (skipped_directory(path) or is_ignored(path, True, active)):
                    pending.append((shown / entry.name, path, active))
            elif is_file and entry.name.endswith(SPEC_SUFFIX) and not is_ignored(path, False, active) \
                    and _inside(os.path.realpath(path), inside):
                found.append(shown / entry.name)
    return sorted(found, key=str)


def _inside(path: str, directory: str) -> bool:
    try:
        return os.path.commonpath([path, directory]) == directory
    except ValueError:
        return False
