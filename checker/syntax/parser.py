"""Text to syntax tree: the Lark LALR parser with an inline transformer building ``nodes``."""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from ..diagnostics import Span
from ..gc_pause import collector_paused
from . import nodes as n
from .parser_cache import ParserCache

GRAMMAR_PACKAGE = "alignspec.grammar"
GRAMMAR_FILE = "alignspec.lark"


def grammar_text() -> str:
    """The text of the one grammar, loaded from the installed package."""
    return resources.files(GRAMMAR_PACKAGE).joinpath(GRAMMAR_FILE).read_text(encoding="utf-8")


def cache_directory() -> Path:
    """The user's cache directory for AlignSpec (``$XDG_CACHE_HOME/alignspec`` or the platform's)."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alignspec"


def _strict_available() -> bool:
    try:
        import interegular  # noqa: F401
    except ImportError:
        return False
    return True


def _span_of(path: str, first, last) -> Span:
    """The span from the start of ``first`` to the end of ``last`` (tokens or nodes)."""
    a = first if isinstance(first, Token) else first.span
    b = last if isinstance(last, Token) else last.span
    return Span(path, a.line, a.column, b.end_line, b.end_column)


def _ends(items) -> list:
    """The positioned pieces among transformer results, flattening tuples."""
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.extend(_ends(item))
        elif (isinstance(item, (Token, _DocPart, _SourcePart)) or hasattr(item, "span")) and \
                getattr(item, "span", True) is not None:
            out.append(item)
    return out


class _DocPart:
    __slots__ = ("span", "text")

    def __init__(self, text, span):
        self.text, self.span = text, span


class _SourcePart:
    __slots__ = ("span", "text")

    def __init__(self, text, span):
        self.text, self.span = text, span


class _ToNodes(Transformer):
    """Inline LALR callbacks: each returns a node carrying the span of the text it covers."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.path = "<string>"

    def _name(self, token: Token) -> n.Name:
        return n.Name(str(token), _span_of(self.path, token, token))

    def _statement_span(self, keyword: Token, items) -> Span:
        pieces = _ends(items)
        return _span_of(self.path, keyword, pieces[-1] if pieces else keyword)

    @staticmethod
    def _doc(doc: _DocPart, sources) -> n.Doc:
        return n.Doc(doc.text, tuple(s.text for s in sources))

    # names and atoms
    def qname(self, items):
        if len(items) == 2:
            return n.QName(str(items[0]), str(items[1]), _span_of(self.path, items[0], items[1]))
        return n.QName(None, str(items[0]), _span_of(self.path, items[0], items[0]))

    def atom(self, items):
        pred, *args, rpar = items
        return n.Atom(pred, tuple(self._name(a) for a in args), _span_of(self.path, pred, rpar))

    def atoms(self, items):
        return tuple(items)

    # doc strings and sources
    def doc(self, items):
        if not items:
            return _DocPart(None, None)
        return _DocPart(_unquote(items[0]), _span_of(self.path, items[0], items[0]))

    def source(self, items):
        return _SourcePart(_unquote(items[0]), _span_of(self.path, items[0], items[0]))

    def sources(self, items):
        return tuple(items)

    # statements
    def spec_header(self, items):
        keyword, name, doc, sources = items
        return n.SpecHeader(self._name(name), self._doc(doc, sources), self._statement_span(keyword, items))

    def alias(self, items):
        return self._name(items[0]) if items else None

    def import_stmt(self, items):
        keyword, target, alias = items
        is_path = target.type == "STRING"
        text = _unquote(target) if is_path else str(target)
        return n.Import(text, is_path, alias, _span_of(self.path, target, target),
                        self._statement_span(keyword, items))

    def parents(self, items):
        return tuple(items)

    def kind_decl(self, items):
        keyword, name, parents, doc, sources = items
        return n.KindDecl(self._name(name), parents, self._doc(doc, sources), self._statement_span(keyword, items))

    def disjoint_decl(self, items):
        keyword, *names, doc, sources = items
        return n.DisjointDecl(tuple(names), self._doc(doc, sources), self._statement_span(keyword, items))

    def property(self, items):
        return n.Property(str(items[0]), _span_of(self.path, items[0], items[0]))

    def properties(self, items):
        return tuple(items)

    def relation_decl(self, items):
        keyword, name, *positions, _rpar, parents, properties, doc, sources = items
        return n.RelationDecl(self._name(name), tuple(positions), parents, properties, self._doc(doc, sources),
                              self._statement_span(keyword, items))

    def param(self, items):
        var, kind = items
        return n.Param(self._name(var), kind, _span_of(self.path, var, kind))

    def concept_decl(self, items):
        keyword, name, *params, doc, sources, body = items
        return n.ConceptDecl(self._name(name), tuple(params), self._doc(doc, sources), body,
                             self._statement_span(keyword, items))

    def extends(self, items):
        return tuple(items)

    def rule_block(self, items):
        return tuple(items)

    def atom_head(self, items):
        atoms = items[0]
        return n.Head(n.HeadKind.ATOMS, _span_of(self.path, atoms[0], atoms[-1]), atoms=atoms)

    def equality_head(self, items):
        left, right = items
        return n.Head(n.HeadKind.EQUALITY, _span_of(self.path, left, right),
                      left=self._name(left), right=self._name(right))

    def false_head(self, items):
        return n.Head(n.HeadKind.FALSE, _span_of(self.path, items[0], items[0]))

    def rule_decl(self, items):
        keyword, name, body, head, doc, sources = items
        return n.RuleDecl(self._name(name), body, head, self._doc(doc, sources), self._statement_span(keyword, items))

    def framing_decl(self, items):
        keyword, name, extends, doc, sources, block = items
        rules = tuple(r for r in block if isinstance(r, n.RuleDecl))
        return n.FramingDecl(self._name(name), extends, self._doc(doc, sources), rules,
                             self._statement_span(keyword, items))

    def claim_name(self, items):
        return self._name(items[0]) if items else None

    def under(self, items):
        return items[0] if items else None

    def concept_formula(self, items):
        return n.ConceptFormula(items[0], items[0].span)

    def atoms_formula(self, items):
        return n.AtomsFormula(tuple(items), _span_of(self.path, items[0], items[-1]))

    def implies_claim(self, items):
        return (n.ClaimForm.IMPLIES, items[0], items[1])

    def not_implies_claim(self, items):
        left, _not, right = items
        return (n.ClaimForm.DOES_NOT_IMPLY, left, right)

    def excludes_claim(self, items):
        return (n.ClaimForm.EXCLUDES, items[0], items[1])

    def not_excludes_claim(self, items):
        left, _not, right = items
        return (n.ClaimForm.DOES_NOT_EXCLUDE, left, right)

    def _pair(self, form, items):
        return (form, n.ConceptFormula(items[0], items[0].span), n.ConceptFormula(items[1], items[1].span))

    def equivalent_claim(self, items):
        return self._pair(n.ClaimForm.EQUIVALENT, items)

    def distinct_claim(self, items):
        return self._pair(n.ClaimForm.DISTINCT, items)

    def satisfiable_claim(self, items):
        return (n.ClaimForm.SATISFIABLE, items[0], None)

    def unsatisfiable_claim(self, items):
        return (n.ClaimForm.UNSATISFIABLE, items[0], None)

    def claim_decl(self, items):
        keyword, name, framing, (form, left, right), doc, sources = items
        return n.ClaimDecl(name, framing, form, left, right, self._doc(doc, sources),
                           self._statement_span(keyword, (left, right, doc, sources)))

    def individuals(self, items):
        kind, *names = items
        return n.Individuals(kind, tuple(self._name(t) for t in names), _span_of(self.path, kind, names[-1]))

    def fact(self, items):
        return items[0]

    def negative_fact(self, items):
        keyword, atom = items
        return n.NegativeFact(atom, _span_of(self.path, keyword, atom))

    def _expect(self, kind, items):
        keyword, *rest = items
        atom = rest[-1] if rest and isinstance(rest[-1], n.Atom) else None
        return n.Expect(kind, atom, _span_of(self.path, keyword, rest[-1] if rest else keyword))

    def expect_holds(self, items):
        return self._expect(n.ExpectKind.HOLDS, items)

    def expect_not(self, items):
        return self._expect(n.ExpectKind.NOT, items)

    def expect_refuted(self, items):
        return self._expect(n.ExpectKind.REFUTED, items)

    def expect_open(self, items):
        return self._expect(n.ExpectKind.OPEN, items)

    def expect_inconsistent(self, items):
        return self._expect(n.ExpectKind.INCONSISTENT, items)

    def scenario_decl(self, items):
        keyword, name, framing, doc, sources, *body, _rbrace = items
        return n.ScenarioDecl(
            self._name(name), framing, self._doc(doc, sources),
            tuple(i for i in body if isinstance(i, n.Individuals)),
            tuple(i for i in body if isinstance(i, n.Atom)),
            tuple(i for i in body if isinstance(i, n.Expect)),
            self._statement_span(keyword, items),
            tuple(i for i in body if isinstance(i, n.NegativeFact)),
        )

    def start(self, items):
        return items


def _unquote(token: Token) -> str:
    body = str(token)[1:-1]
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), body)


class Grammar:
    """The language's grammar compiled into a Lark LALR parser, with the inline transformer that
    builds ``nodes``. :meth:`parse` may be called from any thread (one parse at a time).

    The compiled parser is taken from ``cache`` when it holds one for this grammar, Lark and
    Python version and these options, and stored there otherwise (see :mod:`.parser_cache`).
    ``from_cache`` says which happened.
    """

    def __init__(self, text: str, cache: ParserCache | None = None):
        self.text = text
        self.transformer = _ToNodes()
        self.from_cache = False
        self._lock = threading.Lock()
        options = {"parser": "lalr", "lexer": "contextual", "propagate_positions": True,
                   "strict": _strict_available(), "maybe_placeholders": False}
        name = self._cache_name(options)
        payload = cache.load(name) if cache is not None else None
        if payload is not None:
            try:
                # Lark's own loader, as Lark(cache=...) uses it, with a fresh transformer.
                self.lark = Lark.__new__(Lark)._load(io.BytesIO(payload), transformer=self.transformer,
                                                     propagate_positions=True)
                self.from_cache = True
                return
            except Exception:  # a parser saved by another Lark: compile it again
                pass
        self.lark = Lark(text, transformer=self.transformer, **options)
        if cache is not None:
            buffer = io.BytesIO()
            self.lark.save(buffer, exclude_options=("transformer",))
            cache.store(name, buffer.getvalue())

    def _cache_name(self, options: dict) -> str:
        what = "\0".join([self.text, lark.__version__, sys.version, repr(sorted(options.items()))])
        return f"parser-{hashlib.sha256(what.encode()).hexdigest()[:32]}"

    def parse(self, text: str, path: str = "<string>") -> n.SpecFile:
        """Parse spec text into a ``SpecFile``; see :func:`parse_text`."""
        with self._lock, collector_paused():
            self.transformer.path = path
            statements = self.lark.parse(text)
        return n.SpecFile(path, tuple(statements))


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    """The grammar of the installed package, compiled once per process (through the user's
    parser cache in :func:`cache_directory`)."""
    return Grammar(grammar_text(), ParserCache(cache_directory()))


def raw_parser() -> Lark:
    """The configured Lark parser (with the inline transformer); for error analysis."""
    return default_grammar().lark


def parse_text(text: str, path: str = "<string>") -> n.SpecFile:
    """Parse spec text into a ``SpecFile``. Raises ``lark.exceptions.UnexpectedInput`` on a
    syntax error (``syntax.errors.describe`` turns it into a diagnostic)."""
    return default_grammar().parse(text, path)


__all__ = ["Grammar", "UnexpectedInput", "cache_directory", "default_grammar", "grammar_text", "parse_text",
           "raw_parser"]
