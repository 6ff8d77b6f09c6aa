"""What the Python API raises: only documented ``alignspec`` exceptions, each with a message."""

from __future__ import annotations

import pytest

import alignspec
from alignspec import AlignSpecError, SpecError, UsageError
from alignspec.cli import main

SPEC = "kind A\nrelation r(A, A)\nconcept claimed(x: A) := r(x, y)\nconcept understood(x: A) := A(x)\n"


@pytest.fixture
def spec(tmp_path) -> alignspec.Spec:
    path = tmp_path / "spec.align"
    path.write_text(SPEC, encoding="utf-8")
    return alignspec.load(str(path))


def test_the_exceptions_are_exported_with_a_common_base():
    assert issubclass(SpecError, AlignSpecError) and issubclass(UsageError, AlignSpecError)
    assert {"AlignSpecError", "SpecError", "UsageError"} <= set(alignspec.__all__)


def test_questions_whose_first_name_starts_with_a_keyword(spec):
    assert spec.ask("claimed implies understood").status == "holds"
    assert spec.ask("understood implies claimed").status == "fails"
    assert spec.ask("claimed(x) implies understood(x)").status == "holds"
    assert spec.ask("claim: claimed implies understood").status == "holds"
    assert spec.ask("claim named: claimed implies understood").status == "holds"
    assert spec.implies("understood", "claimed").status == "fails"


@pytest.mark.parametrize("question", [None, 3, b"claimed implies understood", ["claimed"]])
def test_a_question_that_is_not_a_string(spec, question):
    with pytest.raises(SpecError, match="string"):
        spec.ask(question)


@pytest.mark.parametrize("left, right, framing", [(None, "claimed", None), ("claimed", 1, None),
                                                   ("claimed", "understood", 5)])
def test_implies_with_arguments_that_are_not_strings(spec, left, right, framing):
    with pytest.raises(SpecError):
        spec.implies(left, right, framing=framing)


@pytest.mark.parametrize("path", ["x" * 5000, "a" * 300 + ".align", "dir\0name.align", "no/such/file.align",
                                  None, 42, b"spec.align"])
def test_load_of_a_path_that_names_no_spec(tmp_path, monkeypatch, path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as raised:
        alignspec.load(path)
    assert str(raised.value) and len(str(raised.value)) < 300


def test_load_with_bad_roots_or_budget(spec, tmp_path):
    with pytest.raises(UsageError):
        alignspec.load(spec.path, roots=[None])
    with pytest.raises(UsageError):
        alignspec.load(spec.path, budget="fast")


def test_load_of_a_file_that_does_not_parse(tmp_path):
    path = tmp_path / "bad.align"
    path.write_text("kind A(\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        alignspec.load(path)
    assert [d.code for d in raised.value.diagnostics] == ["AS100"]


@pytest.mark.parametrize("command", ["check", "report", "scenario"])
def test_command_line_with_a_file_name_too_long(capsys, command):
    status = main([command, "x" * 5000])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and err.count("\n") == 1 and len(err) < 300
