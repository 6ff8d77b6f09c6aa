"""Go to definition, find references, the outline of a document, workspace symbols, and rename.

References and renames reach every spec that can use a name: the document and what it imports,
the other open documents, and every spec of the workspace folders (read from the editor's text
when open, else from disk). A name is matched by its target (the file that declares it and its
name), so ``p.name`` through an alias and ``name`` imported without one are both found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from lsprotocol import types as lsp

from ..model.symbols import Unit
from ..span import Span
from ..syntax import nodes as n
from ..syntax.errors import RESERVED_WORDS
from .describe import signature
from .index import DECLARED, LOCAL, Category, Occurrence, Target, index_unit
from .positions import LineIndex

NAME = re.compile(r"[^\W\d]\w*['\u2032\u2033\u2034]*")

#: Where a span is shown: its URI and the range of the span there.
Place = Callable[[Span], lsp.Location]

SYMBOL_KINDS = {
    Category.KIND: lsp.SymbolKind.Class,
    Category.RELATION: lsp.SymbolKind.Interface,
    Category.CONCEPT: lsp.SymbolKind.Function,
    Category.FRAMING: lsp.SymbolKind.Namespace,
    Category.RULE: lsp.SymbolKind.Method,
    Category.CLAIM: lsp.SymbolKind.Boolean,
    Category.SCENARIO: lsp.SymbolKind.Struct,
    Category.ALIAS: lsp.SymbolKind.Module,
    Category.SPEC: lsp.SymbolKind.File,
    Category.INDIVIDUAL: lsp.SymbolKind.Object,
    Category.PARAMETER: lsp.SymbolKind.Variable,
    Category.VARIABLE: lsp.SymbolKind.Variable,
}

#: Categories a rename may change: declared names, import aliases, and names local to a statement.
RENAMEABLE = DECLARED | LOCAL | {Category.ALIAS}


class RenameError(ValueError):
    """A rename that cannot be done; the message says why."""


def is_name(text: str) -> bool:
    """Whether ``text`` can be a name: a letter or ``_``, letters, digits or ``_``, then prime
    marks, and not a reserved word."""
    return NAME.fullmatch(text) is not None and text not in RESERVED_WORDS


def definition_span(occurrence: Occurrence) -> Span | None:
    """Where the name under the cursor is declared (None: nowhere the index knows)."""
    if occurrence.symbol is not None:
        return occurrence.symbol.span
    if occurrence.category is Category.MODULE and occurrence.unit is not None:
        return Span(occurrence.unit.path, 1, 1, 1, 1)
    return None


def local_declaration(occurrences: Iterable[Occurrence], target: Target) -> Occurrence | None:
    """The declaring occurrence of a local name or an alias."""
    return next((o for o in occurrences if o.target == target and o.declaration), None)


def _each_file_once(units: Iterable[Unit]) -> Iterator[Unit]:
    """``units`` in order, without a second unit of a file already given."""
    seen: set[str] = set()
    for unit in units:
        if unit.real not in seen:
            seen.add(unit.real)
            yield unit


def references(units: Iterable[Unit], target: Target, include_declaration: bool) -> list[Occurrence]:
    """Every occurrence of ``target`` in ``units`` (each unit once, in order), the declaration
    too when ``include_declaration``."""
    found = []
    for unit in _each_file_once(units):
        if target.category in LOCAL | {Category.ALIAS} and unit.real != target.file:
            continue
        for occurrence in index_unit(unit):
            if occurrence.target == target and (include_declaration or not occurrence.declaration):
                found.append(occurrence)
    return found


def prepare_rename(occurrence: Occurrence | None) -> Span:
    """The span a rename of the name under the cursor replaces; :class:`RenameError` when the
    cursor is not on a name that can be renamed (a reserved word, a string, a name that does
    not resolve, a spec's name or an import's target)."""
    if occurrence is None:
        raise RenameError("there is no name here to rename")
    if occurrence.target is None:
        raise RenameError(f"'{occurrence.text}' is not declared anywhere, so it cannot be renamed")
    if occurrence.category not in RENAMEABLE:
        raise RenameError(f"a {occurrence.category.value} name cannot be renamed here")
    symbol = occurrence.symbol
    if symbol is not None and symbol.unit.is_library:
        raise RenameError(f"'{occurrence.text}' is declared in the shipped library, which cannot be changed")
    return occurrence.span


def rename_edits(occurrences: list[Occurrence], new_name: str, declared: dict[str, set[str]]) -> list[Occurrence]:
    """Check a rename to ``new_name`` of the name whose every occurrence is ``occurrences``;
    return them. ``declared`` maps each file's resolved path to the names already declared
    there: taking one of them is refused, as is a reserved word or a text that is not a name."""
    if not is_name(new_name):
        if new_name in RESERVED_WORDS:
            raise RenameError(f"'{new_name}' is a reserved word")
        raise RenameError(f"'{new_name}' is not a name: a letter or _, then letters, digits or _, then primes")
    declaration = next((o for o in occurrences if o.declaration), None)
    if (declaration is not None and declaration.target is not None and declaration.category in DECLARED
            and new_name in declared.get(declaration.target.file, set())):
            raise RenameError(f"'{new_name}' is already declared in that spec")
    return occurrences


def workspace_edit(occurrences: list[Occurrence], new_name: str, place: Place) -> lsp.WorkspaceEdit:
    """The edit that replaces every occurrence with ``new_name``, grouped by document."""
    changes: dict[str, list[lsp.TextEdit]] = {}
    for occurrence in occurrences:
        location = place(occurrence.span)
        edits = changes.setdefault(location.uri, [])
        edit = lsp.TextEdit(location.range, new_name)
        if edit not in edits:
            edits.append(edit)
    return lsp.WorkspaceEdit(changes=changes)


def _symbol(name: str, category: Category, whole: Span, chosen: Span, index: LineIndex, detail: str = "",
            children: list[lsp.DocumentSymbol] | None = None) -> lsp.DocumentSymbol:
    full = index.range(whole)
    selection = index.range(chosen)
    return lsp.DocumentSymbol(name=name, kind=SYMBOL_KINDS[category], range=full, selection_range=selection,
                              detail=detail or None, children=children or None)


def document_symbols(spec: n.SpecFile, index: LineIndex) -> list[lsp.DocumentSymbol]:
    """The outline of a document: its declarations, with a framing's rules and a scenario's
    individuals inside them."""
    out = []
    for s in spec.statements:
        if isinstance(s, n.SpecHeader):
            out.append(_symbol(s.name.text, Category.SPEC, s.span, s.name.span, index, s.doc.text or ""))
        elif isinstance(s, n.Import) and s.alias is not None:
            out.append(_symbol(s.alias.text, Category.ALIAS, s.span, s.alias.span, index, s.target))
        elif isinstance(s, (n.KindDecl, n.RelationDecl, n.ConceptDecl, n.RuleDecl)):
            category = {n.KindDecl: Category.KIND, n.RelationDecl: Category.RELATION,
                        n.ConceptDecl: Category.CONCEPT, n.RuleDecl: Category.RULE}[type(s)]
            out.append(_symbol(s.name.text, category, s.span, s.name.span, index, signature(s)))
        elif isinstance(s, n.FramingDecl):
            rules = [_symbol(r.name.text, Category.RULE, r.span, r.name.span, index, signature(r)) for r in s.rules]
            out.append(_symbol(s.name.text, Category.FRAMING, s.span, s.name.span, index, signature(s), rules))
        elif isinstance(s, n.ClaimDecl):
            name = s.name.text if s.name is not None else f"claim (line {s.span.line})"
            chosen = s.name.span if s.name is not None else s.span
            out.append(_symbol(name, Category.CLAIM, s.span, chosen, index, signature(s)))
        elif isinstance(s, n.ScenarioDecl):
            individuals = [_symbol(name.text, Category.INDIVIDUAL, group.span, name.span, index, group.kind.text)
                           for group in s.individuals for name in group.names]
            out.append(_symbol(s.name.text, Category.SCENARIO, s.span, s.name.span, index, signature(s),
                               individuals))
    return out


def matches(query: str, name: str) -> bool:
    """Whether a workspace-symbol query matches a name: its letters in order, in any case."""
    position = 0
    lowered = name.lower()
    for char in query.lower():
        position = lowered.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def workspace_symbols(units: Iterable[Unit], query: str, place: Place) -> list[lsp.WorkspaceSymbol]:
    """The declared names of ``units`` that match ``query``."""
    found = []
    for unit in _each_file_once(units):
        for occurrence in index_unit(unit):
            if occurrence.declaration and occurrence.category in DECLARED and matches(query, occurrence.text):
                found.append(lsp.WorkspaceSymbol(name=occurrence.text, kind=SYMBOL_KINDS[occurrence.category],
                                                 location=place(occurrence.span), container_name=unit.name))
    return found
