"""``alignspec fmt`` on every library spec, the seed example and 200 generated specs: the output
parses to the same syntax tree, keeps every comment where it was, follows the layout, and a
second run changes nothing."""

from __future__ import annotations

import shutil

import pytest
from _formatting_support import LIBRARY, SEED, code_tokens, comments, generated_specs, layout_problems, tree

from alignspec.cli import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(name, original text, formatted text) of each spec, formatted by one ``alignspec fmt`` run
    over a directory that holds copies of them."""
    directory = tmp_path_factory.mktemp("corpus")
    (directory / "library").mkdir()
    (directory / "generated").mkdir()
    originals = {}
    for path in [*LIBRARY, SEED]:
        target = directory / "library" / path.name
        shutil.copyfile(path, target)
        originals[target] = path.read_text(encoding="utf-8")
    for name, text in generated_specs():
        target = directory / "generated" / f"{name}.align"
        target.write_text(text, encoding="utf-8")
        originals[target] = text
    assert main(["fmt", str(directory)]) == 0
    return directory, [(path.name, text, path.read_text(encoding="utf-8")) for path, text in originals.items()]


def test_the_corpus_is_what_the_test_says(corpus):
    _, specs = corpus
    assert len(specs) == len(LIBRARY) + 1 + 200
    assert len(LIBRARY) >= 10
    assert sum(text != formatted for _, text, formatted in specs) > 0


def test_the_output_parses_to_the_same_syntax_tree(corpus):
    _, specs = corpus
    assert [name for name, text, formatted in specs if tree(text) != tree(formatted)] == []


def test_the_output_has_the_same_code_tokens(corpus):
    _, specs = corpus
    assert [name for name, text, formatted in specs if code_tokens(text) != code_tokens(formatted)] == []


def test_every_comment_stays_where_it_was(corpus):
    _, specs = corpus
    assert sum(len(comments(text)) for _, text, _ in specs) > 100
    assert [name for name, text, formatted in specs if comments(text) != comments(formatted)] == []


def test_the_output_follows_the_layout(corpus):
    _, specs = corpus
    assert {name: layout_problems(formatted) for name, _, formatted in specs if layout_problems(formatted)} == {}


def test_a_second_run_changes_nothing(corpus):
    directory, _ = corpus
    assert main(["fmt", "--check", str(directory)]) == 0
