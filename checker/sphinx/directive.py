"""The ``.. alignspec:: PATH`` directive: a spec file's report in a page, its findings as
Sphinx warnings, and its concepts and claims as cross-reference targets."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..api import SpecError, load
from ..check import UsageError
from ..integrations import (
    DOCS_TIMEOUT,
    OutsideError,
    build_cache,
    claim_entries,
    concept_entries,
    findings,
    parse_show,
    resolve_inside,
    select_sections,
    spec_files,
)
from ..reasoning import run_budget
from ..reasoning.logic import Budget
from ..render.escape import visible
from ..syntax.source import SourceError, read_source
from ..views.document import Table
from .domain import anchor
from .findings import note_findings
from .render import block_nodes, table_node

logger = logging.getLogger(__name__)

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
DIAGRAM_CHOICES = ("auto", "graphviz", "layered", "source")


def _diagrams(argument: str) -> str:
    return directives.choice(argument, DIAGRAM_CHOICES)


def report_finding(finding, docname: str, level: str) -> bool:
    """Log one finding at its spec file and line: a warning of type ``alignspec`` (subtype the
    finding's name) when it is at least as severe as ``level``, else an info message. Returns
    whether it was a warning."""
    message = visible(f"{finding.severity}[{finding.code} {finding.name}] {finding.message} (shown in {docname})")
    location = f"{visible(finding.file)}:{finding.line}"
    if SEVERITY_RANK.get(finding.severity, 2) <= SEVERITY_RANK.get(level, 1):
        logger.warning(message, location=location, type="alignspec", subtype=finding.name, once=True)
        return True
    logger.info(message, location=location)
    return False


class AlignSpecDirective(SphinxDirective):
    """``.. alignspec:: PATH`` (relative to the document, or ``/``-rooted at the source
    directory; it may not leave the source directory).

    Options: ``:framing: NAME`` (the lattice, claims and scenarios of one framing),
    ``:show: concepts, claims, ...`` (any of ``summary diagnostics vocabulary concepts claims
    lattice comparison scenarios source``, or ``all``), ``:diagrams: auto|graphviz|layered|source``
    and ``:no-index:`` (no cross-reference targets)."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec = {
        "framing": directives.unchanged_required,
        "show": directives.unchanged,
        "diagrams": _diagrams,
        "no-index": directives.flag,
    }

    def _path(self) -> Path:
        argument = self.arguments[0].strip()
        srcdir = Path(self.env.srcdir)
        if argument.startswith("/"):
            base, argument = srcdir, argument.lstrip("/")
        else:
            base = Path(self.env.doc2path(self.env.docname)).parent
        try:
            return resolve_inside(argument, base, srcdir)
        except OutsideError as exc:
            raise self.error(f"alignspec: {exc}; copy the spec into the documentation, or generate it "
                             "there from conf.py") from None

    def _drawing(self) -> str:
        """How diagrams are drawn: ``graphviz``, ``layered`` or ``source`` (``auto`` resolved:
        Graphviz when its ``dot`` is installed, else the layered layout)."""
        mode = self.options.get("diagrams") or self.config.alignspec_diagrams
        if mode == "auto":
            return "graphviz" if shutil.which(self.config.graphviz_dot) is not None else "layered"
        return mode

    def run(self) -> list[nodes.Node]:
        """Load the spec, report its findings, and return its report as nodes; the analysis and
        what the report decides while it is drawn share one budget of ``DOCS_TIMEOUT`` seconds."""
        path = self._path()
        self.env.note_dependency(str(path))
        if not path.is_file():
            raise self.error(f"alignspec: no such spec file: {self.arguments[0]}")
        try:
            show = parse_show(self.options.get("show"))
        except ValueError as exc:
            raise self.error(f"alignspec: {exc}") from None
        with run_budget.started(Budget(timeout=DOCS_TIMEOUT)):
            return self._load_and_render(path, show)

    def _load_and_render(self, path: Path, show) -> list[nodes.Node]:
        """Load the spec and render its report, within the run budget of the page's spec."""
        try:
            spec = load(str(path), timeout=DOCS_TIMEOUT, cache=build_cache(bool(self.config.alignspec_cache)))
        except SpecError as exc:
            self._report(findings(diagnostics=exc.diagnostics))
            warning = nodes.warning()
            warning += nodes.paragraph(text=f"The spec {self.arguments[0]} could not be read: {exc}")
            return [warning]
        except UsageError as exc:
            raise self.error(f"alignspec: {exc}") from None
        for real in spec_files(spec):
            self.env.note_dependency(real)
        self._report(findings(spec))
        try:
            sections = select_sections(spec, show, self.options.get("framing"))
        except SpecError as exc:
            raise self.error(f"alignspec: {exc}") from None
        return self._render(spec, path, show, sections)

    def _report(self, found) -> None:
        """Log the findings, and remember in the environment that this document has some (so
        that it is read again, and they are logged again, by the next build)."""
        warned = [report_finding(f, self.env.docname, self.config.alignspec_warning_level) for f in found]
        if any(warned):
            note_findings(self.env, self.env.docname, sum(warned))

    def _ids(self, objtype: str, fullname: str) -> list[str]:
        ident = anchor(objtype, fullname)
        if ident in self.state.document.ids:
            return []
        return [ident]

    def _hidden_claim_targets(self, spec, targets: list[nodes.Element]) -> list[nodes.Node]:
        """Targets for the named claims the page does not list (under another framing than the
        one shown), so that references to them still resolve here."""
        domain = self.env.get_domain("align")
        hidden: list[nodes.Node] = []
        for claim in claim_entries(spec):
            ident = anchor("claim", claim.fullname)
            if ident in self.state.document.ids or any(ident in t["ids"] for t in targets):
                continue
            target = nodes.target("", "", ids=[ident])
            targets.append(target)
            hidden.append(target)
            domain.note_object("claim", claim.fullname, ident, claim.spec, claim.statement,
                               location=(self.env.docname, self.lineno))
        return hidden

    def _render(self, spec, path: Path, show, sections) -> list[nodes.Node]:
        docname = self.env.docname
        drawing = self._drawing()
        index = "no-index" not in self.options
        domain = self.env.get_domain("align")
        container = nodes.container(classes=["alignspec", f"alignspec-{spec.name}"])
        self.set_source_info(container)
        entries = addnodes.index(entries=[])
        targets: list[nodes.Element] = []
        shown_claims: dict[str, object] = {}
        for section in sections:
            if section.key == "concepts":
                concepts = concept_entries(spec)
                row_ids = {i: self._ids("concept", c.fullname) for i, c in enumerate(concepts)} if index else {}
                rows = [(c.name, c.signature, c.definition, c.doc) for c in concepts]
                blocks = list(section.blocks)
                container.extend(block_nodes(blocks[0], docname, drawing))
                if rows:
                    table = table_node(("concept", "signature", "definition", "meaning"), rows, frozenset({0, 1, 2}),
                                       row_ids, classes=("alignspec-table", "alignspec-concepts"))
                    container += table
                    targets.extend(e for e in table.findall(nodes.entry) if e["ids"])
                    for i, c in enumerate(concepts):
                        if row_ids.get(i):
                            domain.note_object("concept", c.fullname, row_ids[i][0], c.spec, c.doc,
                                               location=(docname, self.lineno))
                            entries["entries"].append(("single", f"{c.name} (concept in {c.spec})", row_ids[i][0],
                                                       "", None))
                for block in blocks[1:]:
                    container.extend(block_nodes(block, docname, drawing))
                continue
            if section.key == "claims" and index:
                named = {c.name: c for c in claim_entries(spec)}
                shown_claims.update(named)
                for block in section.blocks:
                    if isinstance(block, Table) and block.row_targets:
                        row_ids = {}
                        for i, target in enumerate(block.row_targets):
                            claim = named.get(target.name) if target is not None else None
                            if claim is not None:
                                ids = self._ids("claim", claim.fullname)
                                if ids:
                                    row_ids[i] = ids
                                    domain.note_object("claim", claim.fullname, ids[0], claim.spec, claim.statement,
                                                       location=(docname, self.lineno))
                        table = table_node(block.header, block.rows, block.code_columns, row_ids)
                        targets.extend(e for e in table.findall(nodes.entry) if e["ids"])
                        container += table
                    else:
                        container.extend(block_nodes(block, docname, drawing))
                continue
            for block in section.blocks:
                container.extend(block_nodes(block, docname, drawing))
        if "source" in show:
            try:
                text = read_source(str(path)).text
            except (OSError, SourceError) as exc:
                raise self.error(f"alignspec: cannot read {self.arguments[0]}: {exc}") from None
            container += nodes.rubric("", f"Source: {os.path.basename(path)}", classes=["alignspec-h2"])
            listing = nodes.literal_block(text, text, language="alignspec", classes=["alignspec-source"])
            listing["linenos"] = True
            listing["source"] = str(path)
            container += listing
        if index and shown_claims:
            container.extend(self._hidden_claim_targets(spec, targets))
        for target in targets:
            for ident in target["ids"]:
                self.state.document.ids[ident] = target
        return [entries, container] if entries["entries"] else [container]
