"""A Pygments lexer for AlignSpec spec files (``*.align``).

Registered under the ``pygments.lexers`` entry point, so once AlignSpec is installed
``pygmentize -l alignspec``, Sphinx code blocks in language ``alignspec`` (or ``align``) and
MkDocs' highlighting all find it.

It reads language version 1, which reserves five more words, ``excludes exclude refuted open
inconsistent``; its other additions (definitions: ``rule`` outside a framing; relations of any arity
with parents: ``relation R(A, B, C): S functional``; negative facts: ``not ATOM`` in a scenario) are
written with words and punctuation of version 0.

Token types:

* declaration keywords ``spec kind disjoint relation concept framing rule claim scenario``:
  ``Keyword.Declaration``; ``import as``: ``Keyword.Namespace``; ``extends expect``: ``Keyword``;
* claim words ``under implies does not imply equivalent distinct satisfiable unsatisfiable excludes
  exclude`` and the words of an expectation ``refuted open inconsistent`` (as in ``expect refuted ATOM``,
  like ``not`` in ``expect not ATOM`` or in a negative fact ``not ATOM``): ``Operator.Word``;
* relation properties (``functional`` ... ``acyclic``): ``Keyword.Type``;
* ``false``: ``Keyword.Constant``; ``source``: ``Keyword.Pseudo``;
* ``:=`` ``->`` ``=`` ``:``: ``Operator``; brackets, commas and the dot of a qualified name:
  ``Punctuation``;
* strings: ``String.Double`` (escapes ``String.Escape``); comments: ``Comment.Single``;
* the name a declaration introduces: ``Name.Class`` (kind), ``Name.Function`` (relation,
  concept), ``Name.Namespace`` (spec, framing, import alias and the prefix of a qualified name),
  ``Name.Label`` (rule, claim, scenario); every other name: ``Name``.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Operator, Punctuation, String, Whitespace

__all__ = ["CLAIM_WORDS", "DECLARATION_WORDS", "EXPECT_WORDS", "PROPERTIES", "RESERVED", "AlignSpecLexer"]

_END = r"(?![\w'\u2032\u2033\u2034])"
_PRIMES = "'\u2032\u2033\u2034"

DECLARATION_WORDS = ("spec", "kind", "disjoint", "relation", "concept", "framing", "rule", "claim", "scenario")
NAMESPACE_WORDS = ("import", "as")
OTHER_STATEMENT_WORDS = ("extends", "expect")
CLAIM_WORDS = ("under", "implies", "does", "not", "imply", "equivalent", "distinct", "satisfiable",
               "unsatisfiable", "excludes", "exclude")
EXPECT_WORDS = ("refuted", "open", "inconsistent")
PROPERTIES = ("functional", "inverse_functional", "reflexive", "irreflexive", "symmetric", "asymmetric",
              "transitive", "acyclic")
RESERVED = (*DECLARATION_WORDS, *NAMESPACE_WORDS, *OTHER_STATEMENT_WORDS, *CLAIM_WORDS, *EXPECT_WORDS,
            *PROPERTIES, "false", "source")

_RESERVED_ALT = "|".join(sorted(RESERVED, key=lambda w: (-len(w), w)))
NAME = rf"(?!(?:{_RESERVED_ALT}){_END})[^\W\d]\w*[{_PRIMES}]*"
_SPACE = r"(\s+)"


class AlignSpecLexer(RegexLexer):
    """Lexer for AlignSpec, the ontology language of alignment vocabulary."""

    name = "AlignSpec"
    aliases = ["alignspec", "align"]
    filenames = ["*.align"]
    mimetypes = ["text/x-alignspec"]

    tokens = {
        "root": [
            (r"[ \t\f\r\n]+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            (rf"(kind){_END}{_SPACE}({NAME})", bygroups(Keyword.Declaration, Whitespace, Name.Class)),
            (rf"(relation|concept){_END}{_SPACE}({NAME})",
             bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (rf"(spec|framing){_END}{_SPACE}({NAME})", bygroups(Keyword.Declaration, Whitespace, Name.Namespace)),
            (rf"(rule|claim|scenario){_END}{_SPACE}({NAME})",
             bygroups(Keyword.Declaration, Whitespace, Name.Label)),
            (rf"(as){_END}{_SPACE}({NAME})", bygroups(Keyword.Namespace, Whitespace, Name.Namespace)),
            (words(DECLARATION_WORDS, suffix=_END), Keyword.Declaration),
            (words(NAMESPACE_WORDS, suffix=_END), Keyword.Namespace),
            (words(OTHER_STATEMENT_WORDS, suffix=_END), Keyword),
            (words(CLAIM_WORDS, suffix=_END), Operator.Word),
            (words(EXPECT_WORDS, suffix=_END), Operator.Word),
            (words(PROPERTIES, suffix=_END), Keyword.Type),
            (rf"false{_END}", Keyword.Constant),
            (rf"source{_END}", Keyword.Pseudo),
            (rf"({NAME})(\.)({NAME})", bygroups(Name.Namespace, Punctuation, Name)),
            (NAME, Name),
            (r":=|->|=|:", Operator),
            (r"[(),{}.]", Punctuation),
        ],
        "string": [
            (r'\\["\\n]', String.Escape),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\n", String.Double, "#pop"),
        ],
    }
