"""The VS Code extension's manifest, lock file, TextMate grammar and language configuration are valid
JSON and agree with each other (language id, scope names, files, dependencies) and with the Pygments
lexer's reserved words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from alignspec.pygments_lexer import RESERVED

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
LANGUAGE = "alignspec"
SCOPE = "source.alignspec"
PRIMES = "'\u2032\u2033\u2034"


def load(name: str) -> dict:
    """One JSON file of the extension."""
    return json.loads((EXTENSION / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict:
    """The extension's ``package.json``."""
    return load("package.json")


@pytest.fixture(scope="module")
def grammar(manifest) -> dict:
    """The TextMate grammar the manifest contributes."""
    (contributed,) = manifest["contributes"]["grammars"]
    return load(contributed["path"])


def version(spec: str) -> tuple[int, ...]:
    """``(1, 91, 0)`` for ``^1.91.0``."""
    return tuple(int(part) for part in spec.lstrip("^~>=").split("."))


def walk(node):
    """Every dict inside a JSON value, the value itself included."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_the_manifest_contributes_one_language_its_grammar_and_settings(manifest, grammar):
    assert manifest["name"] == LANGUAGE
    assert (EXTENSION / manifest["main"]).is_file()
    (language,) = manifest["contributes"]["languages"]
    assert language["id"] == LANGUAGE and language["extensions"] == [".align"]
    assert (EXTENSION / language["configuration"]).is_file()
    (contributed,) = manifest["contributes"]["grammars"]
    assert contributed["language"] == LANGUAGE
    assert contributed["scopeName"] == grammar["scopeName"] == SCOPE
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings[f"{LANGUAGE}.server.command"]["default"] == ["alignspec", "lsp"]
    assert settings[f"{LANGUAGE}.server.command"]["type"] == "array"
    assert settings[f"{LANGUAGE}.server.enabled"]["default"] is True
    for command in manifest["contributes"]["commands"]:
        assert command["command"].startswith(f"{LANGUAGE}.")
        assert f"'{command['command']}'" in (EXTENSION / manifest["main"]).read_text(encoding="utf-8")


def test_the_package_carries_the_projects_license(manifest):
    assert manifest["license"] == "MIT"
    assert (EXTENSION / "LICENSE").read_bytes() == (EXTENSION.parents[1] / "LICENSE").read_bytes()


def test_the_lock_file_matches_the_manifest(manifest):
    lock = load("package-lock.json")
    root = lock["packages"][""]
    assert lock["name"] == root["name"] == manifest["name"]
    assert root.get("dependencies", {}) == manifest.get("dependencies", {})
    assert root.get("devDependencies", {}) == manifest.get("devDependencies", {})
    assert set(manifest["dependencies"]) == {"vscode-languageclient"}
    assert {"vscode-textmate", "vscode-oniguruma"} <= set(manifest["devDependencies"])
    client = lock["packages"]["node_modules/vscode-languageclient"]
    assert version(manifest["engines"]["vscode"]) >= version(client["engines"]["vscode"])


def test_the_grammar_is_self_contained_and_scoped_to_the_language(grammar):
    repository = grammar["repository"]
    names, includes = [], []
    for node in walk(grammar):
        if isinstance(node.get("name"), str) and node is not grammar:
            names.append(node["name"])
        if "include" in node:
            includes.append(node["include"])
    assert names and all(name.endswith(f".{LANGUAGE}") for name in names), names
    assert {include.removeprefix("#") for include in includes} == set(repository)


def test_the_grammar_reserves_the_lexers_words(grammar):
    keyword_words = set()
    for pattern in grammar["repository"]["keyword"]["patterns"]:
        keyword_words.update(re.fullmatch(r"\(\?:([a-z_|]+)\).*", pattern["match"]).group(1).split("|"))
    assert keyword_words == set(RESERVED)
    exclusions = [found.split("|") for node in walk(grammar) if "match" in node
                  for found in re.findall(r"\(\?!\(\?:([a-z_|]+)\)", node["match"])]
    assert exclusions and all(set(words) == set(RESERVED) for words in exclusions)


def test_the_language_configuration():
    configuration = load("language-configuration.json")
    assert configuration["comments"] == {"lineComment": "#"}
    pairs = {("(", ")"), ("{", "}")}
    assert {tuple(pair) for pair in configuration["brackets"]} == pairs
    assert {(pair["open"], pair["close"]) for pair in configuration["autoClosingPairs"]} == pairs | {('"', '"')}
    assert {tuple(pair) for pair in configuration["surroundingPairs"]} == pairs | {('"', '"')}
    assert all(prime in configuration["wordPattern"]["pattern"] for prime in PRIMES)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_word_pattern_takes_a_name_with_its_primes_as_one_word():
    configuration = load("language-configuration.json")
    names = ["L", "L'", "L''", "L\u2032", "L\u2033", "a\u2034", "inner_aligned", "\u03a3\u03bf\u03c6\u03af\u03b1", "_x2'"]
    script = ("const [pattern, flags, text] = process.argv.slice(1);"
              "process.stdout.write(JSON.stringify(text.match(new RegExp(pattern, flags + 'g'))));")
    done = subprocess.run(["node", "-e", script, configuration["wordPattern"]["pattern"],
                           configuration["wordPattern"].get("flags", ""), " ".join(names) + " o.Optimizer (x, y)"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    assert json.loads(done.stdout) == [*names, "o", "Optimizer", "x", "y"]
