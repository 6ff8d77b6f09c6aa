"""The VS Code extension's TextMate grammar, run by the engine VS Code uses (vscode-textmate with
vscode-oniguruma, through ``tokenize.js``), agrees with the Pygments lexer: on the seed example,
every library spec and a version-1 sample, each character gets the same token class from both,
every keyword and name is one token, and a qualified name is one unit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pygments.token import Comment, Error, Keyword, Name, Operator, Punctuation, String, Token

from alignspec.pygments_lexer import RESERVED, AlignSpecLexer

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXTENSION = REPO / "editors" / "vscode"
SAMPLES = [REPO / "tests" / "fixtures" / "seed_v0.align", *sorted((REPO / "ontology").glob("*.align")), HERE / "version1.align"]
PRIMES = "'\u2032\u2033\u2034"
TokenType = type(Token)

# The one mapping between the grammar's scopes (less their ".alignspec" suffix) and Pygments token types.
# A scope takes the type of its longest prefix listed here; a token, that of its innermost scope that has one.
SCOPE_TYPES: dict[str, TokenType] = {
    "comment.line.number-sign": Comment.Single,
    "punctuation.definition.comment": Comment.Single,
    "string.quoted.double": String.Double,
    "punctuation.definition.string": String.Double,
    "constant.character.escape": String.Escape,
    "invalid.illegal": Error,
    "storage.type": Keyword.Declaration,
    "keyword.control.import": Keyword.Namespace,
    "keyword.other": Keyword,
    "keyword.other.source": Keyword.Pseudo,
    "keyword.operator.word": Operator.Word,
    "storage.modifier": Keyword.Type,
    "constant.language": Keyword.Constant,
    "keyword.operator": Operator,
    "punctuation": Punctuation,
    "entity.name.type": Name.Class,
    "entity.name.function": Name.Function,
    "entity.name.namespace": Name.Namespace,
    "entity.name.label": Name.Label,
    "variable.other": Name,
}
QUALIFIED_NAME = "meta.qualified-name.alignspec"

# Lexical corners the specs do not show: a reserved word in every place a name may stand, words that
# only start like a keyword, characters outside the language, an escape that is not one and a string
# left open at the end of its line. Every line ends in a comment: Pygments lets a declaration keyword
# and the name it declares stand on two lines, which a TextMate grammar, read line by line, cannot follow.
EDGES = "".join(
    f"kind {w} #\nrelation {w} #\nconcept {w} #\nspec {w} #\nframing {w} #\nrule {w} #\nclaim {w} #\n"
    f"scenario {w} #\nimport x as {w} #\nx.{w} {w}.x #\n{w}ness {w}_x {w}' {w}\u2033 {w}2 L'{w} 2{w} #\n"
    for w in RESERVED
) + 'kind K "a \\q escape" "open string\nkind K\'\'\' "\\\\" "\\n\\"" L\u2034.M\' a.b.c; @x\u00a0y #\n'


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    for package in ("vscode-textmate", "vscode-oniguruma"):
        if not (EXTENSION / "node_modules" / package / "package.json").is_file():
            return f"{package} is not installed: run 'npm ci' in editors/vscode"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def scope_type(scope: str) -> TokenType | None:
    """The Pygments token type of one TextMate scope, by its longest prefix in ``SCOPE_TYPES``."""
    parts = scope.removesuffix(".alignspec").split(".")
    for end in range(len(parts), 0, -1):
        found = SCOPE_TYPES.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def token_type(scopes: list[str]) -> TokenType | None:
    """The Pygments token type of a TextMate token: that of its innermost scope that has one."""
    for scope in reversed(scopes):
        found = scope_type(scope)
        if found is not None:
            return found
    return None


class Tokens:
    """One text as both tokenizers see it: per character, the Pygments and the TextMate type; the
    Pygments tokens and the TextMate tokens as (start, end, ...) spans."""

    def __init__(self, text: str, textmate_lines: list[list[tuple[str, list[str]]]]):
        self.text = text
        self.pygments = [(start, start + len(value), kind, value)
                         for start, kind, value in AlignSpecLexer(stripnl=False).get_tokens_unprocessed(text)]
        self.textmate = []
        offset = 0
        for line in textmate_lines:
            for value, scopes in line:
                self.textmate.append((offset, offset + len(value), scopes, value))
                offset += len(value)
            offset += 1
        assert offset == len(text) + 1, "the TextMate tokens do not cover the text"
        self.pygments_type = [None] * len(text)
        for start, end, kind, _ in self.pygments:
            self.pygments_type[start:end] = [kind] * (end - start)
        self.textmate_type = [None] * len(text)
        self.textmate_scopes = [[] for _ in text]
        for start, end, scopes, _ in self.textmate:
            self.textmate_type[start:end] = [token_type(scopes)] * (end - start)
            self.textmate_scopes[start:end] = [scopes] * (end - start)

    def where(self, index: int) -> str:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return f"{line}:{column}"


@pytest.fixture(scope="module")
def tokenized(tmp_path_factory) -> dict[str, Tokens]:
    """Every sample (and the lexical corners, as ``edges``) tokenized by both tokenizers."""
    edges = tmp_path_factory.mktemp("textmate") / "edges.align"
    edges.write_text(EDGES, encoding="utf-8")
    files = [*SAMPLES, edges]
    done = subprocess.run(["node", str(HERE / "tokenize.js"), str(EXTENSION), *map(str, files)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = json.loads(done.stdout)
    return {("edges" if path == edges else path.name): Tokens(path.read_text(encoding="utf-8"), per_file)
            for path, per_file in zip(files, lines, strict=True)}


def test_every_character_gets_the_same_token_type(tokenized):
    for name, tokens in tokenized.items():
        differences = [
            f"{name}:{tokens.where(i)} {char!r}: pygments {tokens.pygments_type[i]}, "
            f"textmate {tokens.textmate_type[i]} {tokens.textmate_scopes[i]}"
            for i, char in enumerate(tokens.text)
            if char not in " \t\f\r\n" and tokens.pygments_type[i] is not tokens.textmate_type[i]
        ]
        assert not differences, "\n".join(differences[:20])


def test_the_samples_are_in_the_language_and_use_every_keyword(tokenized):
    samples = [tokens for name, tokens in tokenized.items() if name != "edges"]
    assert not [value for tokens in samples for _, _, kind, value in tokens.pygments if kind in Error]
    found = {value for tokens in samples for _, _, kind, value in tokens.pygments
             if value in RESERVED and kind not in Name}
    assert found == set(RESERVED)


def test_keywords_and_names_are_single_tokens(tokenized):
    primed = 0
    for name, tokens in tokenized.items():
        spans = {(start, end) for start, end, _, _ in tokens.textmate}
        for start, end, kind, value in tokens.pygments:
            if kind in Name or kind in Keyword or kind is Operator.Word:
                assert (start, end) in spans, f"{name}:{tokens.where(start)} {value!r} is not one token"
                primed += kind in Name and value[-1] in PRIMES
    assert primed >= 10


def test_a_qualified_name_is_one_unit(tokenized):
    seen = 0
    for name, tokens in tokenized.items():
        found = tokens.pygments
        for prefix, dot, member in zip(found, found[1:], found[2:]):
            if prefix[2] is Name.Namespace and dot[3] == "." and prefix[1] == dot[0] and dot[1] == member[0]:
                start, end = prefix[0], member[1]
                inside = [QUALIFIED_NAME in scopes for scopes in tokens.textmate_scopes[start:end]]
                outside = [QUALIFIED_NAME in tokens.textmate_scopes[i]
                           for i in (start - 1, end) if 0 <= i < len(tokens.text)]
                where = f"{name}:{tokens.where(start)} {tokens.text[start:end]!r}"
                assert all(inside) and not any(outside), where
                assert member[2] is Name, where
                seen += 1
    assert seen >= 10
