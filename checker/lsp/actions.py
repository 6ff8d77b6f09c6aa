"""Code actions: quick fixes for the findings of a document, each read from the finding's typed
data (its code, subject, counterexample and fixes), never from its message.

- a failing claim with a counterexample: paste the counterexample as a scenario after the claim;
- a collapse: acknowledge it with ``equivalent`` claims that connect its concepts;
- an unsatisfiable concept: acknowledge it with an ``unsatisfiable`` claim;
- a misspelled name or keyword: replace it with the name the finding suggests;
- any finding but a syntax or input error: suppress it with a comment (added to the comment's
  list when the line already has one).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from lark.exceptions import UnexpectedInput
from lsprotocol import types as lsp

from ..cli.selection import ALWAYS_REPORTED
from ..codes import CLAIM_FAILED, CONCEPT_COLLAPSE, UNSATISFIABLE_CONCEPT
from ..diagnostics import Diagnostic
from ..model.symbols import Unit
from ..subjects import ConceptsSubject
from ..syntax import nodes as n
from ..syntax.parser import parse_text
from ..syntax.suppressions import find_suppressions
from .positions import LineIndex, split_lines

QUICK_FIX = lsp.CodeActionKind.QuickFix


def _action(title: str, uri: str, edits: list[lsp.TextEdit], sent: lsp.Diagnostic,
            preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=QUICK_FIX, diagnostics=[sent], is_preferred=preferred or None,
                          edit=lsp.WorkspaceEdit(changes={uri: edits}))


def writable(unit: Unit, name: str) -> bool:
    """Whether ``name`` (as the analysis names a concept or framing) can be written in the
    spec: it is in scope, or is ``alias.name`` through one of its imports."""
    if name in unit.scope:
        return True
    prefix, dot, rest = name.partition(".")
    return bool(dot) and prefix in unit.aliases and rest in unit.aliases[prefix].scope


def _append(index: LineIndex, text: str, block: str) -> lsp.TextEdit:
    """An edit that adds ``block`` after the last line of ``text``, a blank line before it."""
    end = index.end()
    if not text.strip() or text.endswith("\n\n"):
        lead = ""
    elif text.endswith("\n"):
        lead = "\n"
    else:
        lead = "\n\n"
    return lsp.TextEdit(lsp.Range(end, end), f"{lead}{block}\n")


def _after_line(index: LineIndex, line: int, block: str) -> lsp.TextEdit:
    """An edit that adds ``block`` on lines of its own after 1-based ``line``, a blank line before."""
    row = line - 1
    end = lsp.Position(row, index.character(row, len(index.lines[row]) if row < len(index.lines) else 0))
    return lsp.TextEdit(lsp.Range(end, end), f"\n\n{block}")


def _scenario_block(scenario: str, unit: Unit | None) -> str:
    """The counterexample's scenario, renamed when its name is taken in the spec."""
    text = scenario.rstrip("\n")
    try:
        parsed = parse_text(text, "<counterexample>")
    except UnexpectedInput:
        return text
    decl = next((s for s in parsed.statements if isinstance(s, n.ScenarioDecl)), None)
    if decl is None or unit is None or decl.name.text not in unit.scope:
        return text
    taken = set(unit.scope)
    number = 2
    while f"{decl.name.text}_{number}" in taken:
        number += 1
    lines = text.split("\n")
    span = decl.name.span
    line = lines[span.line - 1]
    lines[span.line - 1] = line[: span.column - 1] + f"{decl.name.text}_{number}" + line[span.end_column - 1:]
    return "\n".join(lines)


def _counterexample(uri: str, finding: Diagnostic, sent: lsp.Diagnostic, unit: Unit | None,
                    index: LineIndex) -> list[lsp.CodeAction]:
    example = finding.counterexample
    if example is None:
        return []
    block = _scenario_block(example.scenario, unit)
    edit = _after_line(index, finding.span.end_line, block)
    return [_action("Paste the counterexample as a scenario", uri, [edit], sent)]


def _acknowledge(uri: str, text: str, finding: Diagnostic, sent: lsp.Diagnostic, unit: Unit | None,
                 index: LineIndex) -> list[lsp.CodeAction]:
    subject = finding.subject
    if not isinstance(subject, ConceptsSubject) or unit is None:
        return []
    names = [*subject.concepts, *([subject.framing] if subject.framing else [])]
    if not all(writable(unit, name) for name in names):
        return []
    under = f" under {subject.framing}" if subject.framing else ""
    concepts = list(subject.concepts)
    if finding.code == CONCEPT_COLLAPSE.code and len(concepts) >= 2:
        claims = [f"claim{under}: {a} equivalent {b}" for a, b in pairwise(concepts)]
        title = f"Acknowledge the collapse with {'an equivalent claim' if len(claims) == 1 else 'equivalent claims'}"
    elif finding.code == UNSATISFIABLE_CONCEPT.code and len(concepts) == 1:
        claims = [f"claim{under}: unsatisfiable {concepts[0]}"]
        title = "Acknowledge it with an unsatisfiable claim"
    else:
        return []
    return [_action(title, uri, [_append(index, text, "\n".join(claims))], sent)]


def _fixes(uri: str, finding: Diagnostic, sent: lsp.Diagnostic, index: LineIndex) -> list[lsp.CodeAction]:
    return [_action(f"Change to '{fix.replacement}'", uri, [lsp.TextEdit(index.range(fix.span), fix.replacement)],
                    sent, preferred=True) for fix in finding.fixes]


def _suppress(uri: str, text: str, finding: Diagnostic, sent: lsp.Diagnostic,
              index: LineIndex) -> list[lsp.CodeAction]:
    if finding.code in ALWAYS_REPORTED:
        return []
    line = finding.span.line
    title = f"Suppress {finding.code} {finding.name} with a comment"
    for suppression in find_suppressions(finding.span.file, text):
        if not suppression.covers(line) or suppression.problem:
            continue
        if suppression.codes is None or finding.name in suppression.codes or finding.code in suppression.codes:
            return []
        end = suppression.span
        row = end.line - 1
        close = lsp.Position(row, index.character(row, end.end_column - 2))
        return [_action(title, uri, [lsp.TextEdit(lsp.Range(close, close), f", {finding.name}")], sent)]
    lines = split_lines(text)
    row = line - 1
    current = lines[row] if row < len(lines) else ""
    indent = current[: len(current) - len(current.lstrip())]
    start = lsp.Position(row, 0)
    comment = f"{indent}# alignspec: ignore[{finding.name}]\n"
    return [_action(title, uri, [lsp.TextEdit(lsp.Range(start, start), comment)], sent)]


def code_actions(uri: str, text: str, unit: Unit | None, index: LineIndex,
                 findings: Iterable[tuple[lsp.Diagnostic, Diagnostic]]) -> list[lsp.CodeAction]:
    """The quick fixes for ``findings`` (each as sent, and the finding it came from) of the
    document at ``uri`` whose text is ``text``."""
    actions: list[lsp.CodeAction] = []
    for sent, finding in findings:
        actions += _fixes(uri, finding, sent, index)
        if finding.code == CLAIM_FAILED.code:
            actions += _counterexample(uri, finding, sent, unit, index)
        actions += _acknowledge(uri, text, finding, sent, unit, index)
        actions += _suppress(uri, text, finding, sent, index)
    return actions
