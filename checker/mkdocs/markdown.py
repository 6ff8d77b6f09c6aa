"""Page Markdown with AlignSpec expanded: fenced ```` ```alignspec ```` blocks (an inline spec)
and include lines ``<!-- alignspec: path/to/spec.align -->`` (a spec file, relative to the docs
directory) become the spec's report in Markdown, with Mermaid diagrams as ```` ```mermaid ````
fences. Findings go to a logging function, each with its file and line."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..api import SpecError, load
from ..check import UsageError
from ..integrations import Finding, OutsideError, findings, resolve_inside, spec_files
from ..views import render_report

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<info>[^\s`}]*)[^`]*$")
INCLUDE = re.compile(r"^\s*<!--\s*alignspec:\s*(?P<path>\S.*?)\s*-->\s*$")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Expansion:
    """The expanded Markdown and the spec files it was made from (to watch)."""

    markdown: str
    files: set[str] = field(default_factory=set)


def shift_headings(markdown: str, offset: int) -> str:
    """``markdown`` with every ATX heading outside fenced code ``offset`` levels deeper (at most 6)."""
    if offset <= 0:
        return markdown
    out, fence = [], None
    for line in markdown.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group("fence")
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is None and re.match(r"^#{1,6} ", line):
            hashes = len(line) - len(line.lstrip("#"))
            line = "#" * min(6, hashes + offset) + line[hashes:]
        out.append(line)
    return "\n".join(out)


class Expander:
    """Expands the AlignSpec blocks of one page. ``log(level, message)`` receives findings and
    problems; ``level`` is ``warning`` or ``info``."""

    def __init__(self, docs_dir: str, log: Callable[[str, str], None], heading_offset: int = 1,
                 show_source: bool = True, warning_level: str = "warning"):
        self.docs_dir = os.path.abspath(docs_dir)
        self.log = log
        self.heading_offset = heading_offset
        self.show_source = show_source
        self.warning_level = warning_level

    def _report(self, finding: Finding, where: str, line_offset: int = 0, file: str | None = None) -> None:
        place = f"{file}:{finding.line + line_offset}:{finding.column}" if file else finding.where(self.docs_dir)
        text = f"{place}: {finding.severity}[{finding.code} {finding.name}] {finding.message} ({where})"
        level = "warning" if SEVERITY_RANK.get(finding.severity, 2) <= SEVERITY_RANK[self.warning_level] else "info"
        self.log(level, text)

    def _render(self, path: str, where: str, expansion: Expansion, line_offset: int = 0,
                file: str | None = None) -> str:
        try:
            spec = load(path)
        except SpecError as exc:
            for finding in findings(diagnostics=exc.diagnostics):
                self._report(finding, where, line_offset, file)
            return f"> **AlignSpec:** the spec could not be read: {exc}"
        except UsageError as exc:
            self.log("warning", f"{where}: {exc}")
            return f"> **AlignSpec:** {exc}"
        if file is None:
            expansion.files.update(spec_files(spec))
        for finding in findings(spec):
            if file is not None and finding.file != os.path.realpath(path):
                file_of = finding.where(self.docs_dir)
                self.log("warning", f"{file_of}: {finding.severity}[{finding.code} {finding.name}] {finding.message}")
                continue
            self._report(finding, where, line_offset, file)
        return shift_headings(render_report(spec, "markdown"), self.heading_offset).rstrip("\n")

    def _inline(self, text: str, page: str, fence_line: int, expansion: Expansion) -> str:
        stem = Path(page).stem or "inline"
        with tempfile.TemporaryDirectory(prefix="alignspec-") as tmp:
            path = os.path.join(tmp, f"{stem}.align")
            Path(path).write_text(text, encoding="utf-8")
            report = self._render(path, f"inline spec in {page}", expansion, fence_line, page)
        if not self.show_source:
            return report
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}alignspec\n{text.rstrip(chr(10))}\n{fence}\n\n{report}"

    def _include(self, argument: str, page: str, line: int, expansion: Expansion) -> str:
        argument = argument.strip().strip("\"'")
        where = f"included in {page}:{line}"
        try:
            path = resolve_inside(argument, self.docs_dir, self.docs_dir)
        except OutsideError as exc:
            self.log("warning", f"{page}:{line}: alignspec: {exc}")
            return f"> **AlignSpec:** {exc}"
        expansion.files.add(str(path))
        if not path.is_file():
            self.log("warning", f"{page}:{line}: alignspec: no such spec file: {argument}")
            return f"> **AlignSpec:** no such spec file: `{argument}`"
        return self._render(str(path), where, expansion)

    def expand(self, markdown: str, page: str) -> Expansion:
        """The Markdown of ``page`` (its path relative to the docs directory) with every
        AlignSpec fence and include replaced by the spec's report."""
        expansion = Expansion("")
        lines = markdown.split("\n")
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            match = FENCE.match(line)
            if match:
                fence = match.group("fence")
                end = i + 1
                while end < len(lines):
                    stripped = lines[end].strip()
                    if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                        break
                    end += 1
                if match.group("info").lower() in ("alignspec", "align"):
                    body = "\n".join(lines[i + 1:end]) + "\n"
                    out.append(self._inline(body, page, i + 1, expansion))
                else:
                    out.extend(lines[i:end + 1])
                i = end + 1
                continue
            include = INCLUDE.match(line)
            if include:
                out.append(self._include(include.group("path"), page, i + 1, expansion))
            else:
                out.append(line)
            i += 1
        expansion.markdown = "\n".join(out)
        return expansion
