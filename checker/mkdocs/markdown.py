"""Page Markdown with AlignSpec expanded: fenced ```` ```alignspec ```` blocks (an inline spec)
and include lines ``<!-- alignspec: path/to/spec.align -->`` (a spec file, relative to the docs
directory) become the spec's report in Markdown, with diagrams as inline SVG figures (or as
```` ```mermaid ```` fences). Findings go to a logging function, each with its file and line.

Both take options as ``key="value"`` attributes: after the language on the fence line
(```` ```alignspec show="concepts, claims" framing="harris" ````, or in braces,
```` ```{.alignspec show="claims"} ````) and after the path in an include line
(``<!-- alignspec: seed.align show="lattice" -->``). ``show`` chooses the report's sections as
the Sphinx directive's ``:show:`` does (``source`` among them shows the spec's text), and
``framing`` narrows the lattice, claims and scenarios to one framing."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..api import Spec, SpecError, load
from ..check import UsageError
from ..integrations import (
    DOCS_TIMEOUT,
    Finding,
    OutsideError,
    findings,
    parse_show,
    resolve_inside,
    select_sections,
    spec_files,
)
from ..reasoning import run_budget
from ..reasoning.logic import Budget
from ..result_cache import ResultCache
from ..syntax.source import SourceError, read_source
from ..views.document import Block
from ..views.markdown_report import render_markdown
from ..views.pictures import Drawing
from ..views.report import report_blocks

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<info>[^\s`}]*)[^`]*$")
INCLUDE = re.compile(r"^\s*<!--\s*alignspec:\s*(?P<path>\S.*?)\s*-->\s*$")
ATTRIBUTE = re.compile(r"""(?P<key>[A-Za-z_][\w-]*)\s*=\s*"""
                       r"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s}]+))""")
OPTIONS = ("show", "framing")
DIAGRAM_CHOICES = ("svg", "mermaid")


@dataclass(frozen=True)
class Options:
    """What one AlignSpec block shows: the report's sections (None: the whole report, title
    included) and the framing it is narrowed to."""

    show: tuple[str, ...] | None = None
    framing: str | None = None


def parse_options(text: str) -> Options:
    """The ``key="value"`` attributes of a fence line or an include line. Raises ``ValueError``
    for an unknown key or section."""
    values: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(text):
        key = match.group("key")
        if key not in OPTIONS:
            raise ValueError(f"unknown option '{key}' (choose from {', '.join(OPTIONS)})")
        values[key] = next(v for v in match.group("double", "single", "bare") if v is not None)
    show = parse_show(values["show"]) if "show" in values else None
    return Options(show, values.get("framing") or None)


def split_include(argument: str) -> tuple[str, str]:
    """An include line's path and the options after it (the path may be quoted)."""
    argument = argument.strip()
    if argument[:1] in "\"'":
        quote = argument[0]
        end = argument.find(quote, 1)
        if end > 0:
            return argument[1:end], argument[end + 1:]
    path, _, rest = argument.partition(" ")
    return path, rest
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
                 show_source: bool = True, warning_level: str = "warning", diagrams: str = "svg",
                 cache: ResultCache | None = None):
        self.docs_dir = os.path.abspath(docs_dir)
        self.log = log
        self.heading_offset = heading_offset
        self.show_source = show_source
        self.warning_level = warning_level
        self.drawing = Drawing.AUTO if diagrams == "svg" else Drawing.SOURCE
        self.cache = cache

    def _report(self, finding: Finding, where: str, line_offset: int = 0, file: str | None = None) -> None:
        place = f"{file}:{finding.line + line_offset}:{finding.column}" if file else finding.where(self.docs_dir)
        text = f"{place}: {finding.severity}[{finding.code} {finding.name}] {finding.message} ({where})"
        level = "warning" if SEVERITY_RANK.get(finding.severity, 2) <= SEVERITY_RANK[self.warning_level] else "info"
        self.log(level, text)

    def _blocks(self, spec: Spec, options: Options) -> list[Block]:
        if options.show is None and options.framing is None:
            return report_blocks(spec)
        sections = select_sections(spec, options.show or parse_show(None), options.framing)
        return [block for section in sections for block in section.blocks]

    def _render(self, path: str, where: str, expansion: Expansion, line_offset: int = 0,
                file: str | None = None, options: Options = Options()) -> str:
        """The spec's report as Markdown; the analysis and what the report decides while it is
        drawn share one budget of ``DOCS_TIMEOUT`` seconds."""
        with run_budget.started(Budget(timeout=DOCS_TIMEOUT)):
            return self._load_and_render(path, where, expansion, line_offset, file, options)

    def _load_and_render(self, path: str, where: str, expansion: Expansion, line_offset: int,
                         file: str | None, options: Options) -> str:
        try:
            # an inline spec's file is new each time: no cache
            spec = load(path, timeout=DOCS_TIMEOUT, cache=self.cache if file is None else None)
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
        try:
            blocks = self._blocks(spec, options)
        except SpecError as exc:
            self.log("warning", f"{where}: alignspec: {exc}")
            return f"> **AlignSpec:** {exc}"
        text = render_markdown(blocks, status_html=True, drawing=self.drawing)
        return shift_headings(text, self.heading_offset).rstrip("\n")

    def _options(self, text: str, place: str) -> Options | str:
        """The options of a block, or (when they are wrong) the note that replaces it."""
        try:
            return parse_options(text)
        except ValueError as exc:
            self.log("warning", f"{place}: alignspec: {exc}")
            return f"> **AlignSpec:** {exc}"

    def _inline(self, text: str, page: str, fence_line: int, expansion: Expansion, attributes: str = "") -> str:
        options = self._options(attributes, f"{page}:{fence_line}")
        if isinstance(options, str):
            return options
        stem = Path(page).stem or "inline"
        with tempfile.TemporaryDirectory(prefix="alignspec-") as tmp:
            path = os.path.join(tmp, f"{stem}.align")
            Path(path).write_text(text, encoding="utf-8")
            report = self._render(path, f"inline spec in {page}", expansion, fence_line, page, options)
        shown = self.show_source if options.show is None else "source" in options.show
        if not shown:
            return report
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}alignspec\n{text.rstrip(chr(10))}\n{fence}\n\n{report}"

    def _include(self, argument: str, page: str, line: int, expansion: Expansion) -> str:
        argument, attributes = split_include(argument)
        options = self._options(attributes, f"{page}:{line}")
        if isinstance(options, str):
            return options
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
        report = self._render(str(path), where, expansion, options=options)
        if options.show is None or "source" not in options.show:
            return report
        try:
            text = read_source(str(path)).text
        except (OSError, SourceError) as exc:
            self.log("warning", f"{page}:{line}: alignspec: cannot read {argument}: {exc}")
            return report
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{report}\n\n{fence}alignspec\n{text.rstrip(chr(10))}\n{fence}"

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
                    attributes = line[match.end("info"):]
                    out.append(self._inline(body, page, i + 1, expansion, attributes))
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
