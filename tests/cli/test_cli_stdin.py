"""``alignspec check -`` reads one spec from standard input; its imports resolve relative to the
current directory."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from alignspec.cli import main

BASE = "kind Agent\nrelation pursues(Agent, Agent)\n"
USES_BASE = 'import "lib/base.align" as b\nconcept c(x: b.Agent) := b.pursues(x, y)\nclaim: satisfiable c\n'


@pytest.fixture
def stdin(monkeypatch):
    def feed(text: str | bytes) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return feed


def test_a_spec_on_standard_input_is_checked_with_imports_from_the_current_directory(tmp_path, monkeypatch, stdin,
                                                                                      capsys):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "base.align").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    stdin(USES_BASE)
    assert main(["check", "--format", "json", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["files"] == ["<stdin>"]
    assert [c["status"] for c in document["claims"]] == ["holds"]


def test_findings_on_standard_input_point_into_it(tmp_path, monkeypatch, stdin, capsys):
    monkeypatch.chdir(tmp_path)
    stdin("kind Agent\nconcept c(x: Agent) := Agnet(x)\n")
    assert main(["check", "--format", "json", "-"]) == 1
    diagnostics = json.loads(capsys.readouterr().out)["diagnostics"]
    assert [(d["code"], d["file"], d["line"]) for d in diagnostics] == [("AS200", "<stdin>", 2)]


def test_text_output_shows_the_line_from_standard_input(tmp_path, monkeypatch, stdin, capsys):
    monkeypatch.chdir(tmp_path)
    stdin("kind Agent\nconcept c(x: Agent) := Agnet(x)\n")
    assert main(["check", "-"]) == 1
    assert "concept c(x: Agent) := Agnet(x)" in capsys.readouterr().out


def test_undecodable_standard_input_is_an_input_error(tmp_path, monkeypatch, stdin, capsys):
    monkeypatch.chdir(tmp_path)
    stdin(b"kind Mod\xe8le\n")
    assert main(["check", "--format", "json", "-"]) == 1
    assert [d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]] == ["AS101"]


def test_standard_input_through_a_pipe(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "alignspec", "check", "-"], input=BASE.encode(),
                               cwd=tmp_path, capture_output=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
