"""The Pygments lexer over the seed example and every keyword class."""

from __future__ import annotations

from pygments.lexers import get_lexer_by_name, get_lexer_for_filename, get_lexer_for_mimetype
from pygments.token import Comment, Error, Keyword, Name, Operator, Punctuation, String

from alignspec.pygments_lexer import AlignSpecLexer

from .conftest import SEED

EXTRA = """\
import "other.align" as o
import hubinger2020
kind Human: o.Optimizer
relation r(Human, Human) functional inverse_functional reflexive irreflexive symmetric asymmetric transitive acyclic
framing f extends o.base {
    rule no: r(x, x) -> false
    rule same: r(x, y) -> x = y
}
claim c under f: Human(x) does not imply r(x, x)
claim: L equivalent L'
claim: L' distinct L″
claim: satisfiable L
claim: unsatisfiable L
scenario s "a \\"quoted\\" doc" source "https://example.org" {
    Human a, a', a‴
    expect not r(a, a')
}
"""


def tokens(text: str) -> list[tuple]:
    return [(t, v) for t, v in AlignSpecLexer().get_tokens(text) if v.strip()]


def test_registered_through_the_entry_point():
    for lexer in (get_lexer_by_name("alignspec"), get_lexer_by_name("align"), get_lexer_for_filename("x.align"),
                  get_lexer_for_mimetype("text/x-alignspec")):
        assert isinstance(lexer, AlignSpecLexer)


def test_every_keyword_class_has_its_token_type():
    found = tokens(SEED.read_text(encoding="utf-8")) + tokens(EXTRA)
    assert not [v for t, v in found if t in Error]
    kinds = {}
    for t, v in found:
        kinds.setdefault(v, set()).add(t)
    for word in ("spec", "kind", "disjoint", "relation", "concept", "framing", "rule", "claim", "scenario"):
        assert kinds[word] == {Keyword.Declaration}, word
    for word in ("import", "as"):
        assert kinds[word] == {Keyword.Namespace}
    for word in ("extends", "expect"):
        assert kinds[word] == {Keyword}
    for word in ("under", "implies", "does", "not", "imply", "equivalent", "distinct", "satisfiable", "unsatisfiable"):
        assert kinds[word] == {Operator.Word}, word
    for word in ("functional", "inverse_functional", "reflexive", "irreflexive", "symmetric", "asymmetric",
                 "transitive", "acyclic"):
        assert kinds[word] == {Keyword.Type}, word
    assert kinds["false"] == {Keyword.Constant}
    assert kinds["source"] == {Keyword.Pseudo}
    for op in (":=", "->", "=", ":"):
        assert kinds[op] == {Operator}, op
    assert Punctuation in kinds["("] and Punctuation in kinds["."]
    assert any(t in String for t in kinds['"']) and kinds['\\"'] == {String.Escape}
    assert any(t in Comment for t, _ in found)
    for name in ("L'", "L''", "L″", "a‴"):
        assert kinds[name] <= {Name, Name.Label}, name
    qualified = tokens("kind Human: o.Optimizer")[-3:]
    assert qualified == [(Name.Namespace, "o"), (Punctuation, "."), (Name, "Optimizer")]
    assert kinds["MesaOptimizer"] >= {Name.Class} and kinds["objective_robust"] >= {Name.Function}


def test_keywords_are_whole_words():
    found = {v: t for t, v in tokens("kind kindred: sources, notable, L'")}
    assert found["kindred"] is Name.Class and found["sources"] is Name and found["notable"] is Name


VERSION_1 = """\
relation assigns(Optimizer, Model, Objective): shapes functional inverse_functional
rule trained_shapes: trains(b, m) -> shapes(b, m, o)
claim: deceptive excludes robust
claim under f: deceptive does not exclude pseudo
scenario s {
    Model m
    not robust(m)
    expect refuted robust(m)
    expect open pseudo(m)
    expect inconsistent
}
"""


def test_version_1_words_and_constructs():
    found = tokens(VERSION_1)
    assert not [v for t, v in found if t in Error]
    kinds = {}
    for t, v in found:
        kinds.setdefault(v, set()).add(t)
    for word in ("excludes", "exclude", "refuted", "open", "inconsistent", "not"):
        assert kinds[word] == {Operator.Word}, word
    assert kinds["rule"] == {Keyword.Declaration} and kinds["trained_shapes"] == {Name.Label}
    assert kinds["assigns"] == {Name.Function} and kinds["shapes"] == {Name}
    assert kinds[":"] == {Operator} and kinds["->"] == {Operator}


def test_version_1_words_are_reserved():
    for word in ("excludes", "exclude", "refuted", "open", "inconsistent"):
        assert tokens(f"kind {word}") == [(Keyword.Declaration, "kind"), (Operator.Word, word)], word
        longer = {v: t for t, v in tokens(f"kind {word}ness: {word}_x, {word}'")}
        assert longer == {"kind": Keyword.Declaration, f"{word}ness": Name.Class, ":": Operator, f"{word}_x": Name,
                          ",": Punctuation, f"{word}'": Name}, word
