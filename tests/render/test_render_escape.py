"""Control characters in what the tool echoes (file names, import paths, doc strings, messages)
are shown escaped in text output, encoded for GitHub, and kept out of GraphML where XML forbids
them: nothing from a spec can start a line of its own or act on a terminal."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from alignspec.analysis.scenarios import ScenarioEvaluation
from alignspec.cli import main
from alignspec.render.escape import visible
from alignspec.render.scenario import render_scenario_text

# what a terminal or a CI log would act on
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
EVIL = "evil\n::error file=x.align,line=1::pwned\r\x1b[2J\u202e"


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def assert_harmless(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text).group())
    assert not any(line.lstrip().startswith("::") for line in text.split("\n")), text


def test_visible():
    assert visible("plain ünïcode ⊥ text") == "plain ünïcode ⊥ text"
    assert visible("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert visible("\x00\x1b[31m\x7f\x85\u202e\u2066\u2028") == "\\u{0}\\u{1b}[31m\\u{7f}\\u{85}\\u{202e}\\u{2066}\\u{2028}"


@pytest.fixture
def evil_file(tmp_path, monkeypatch):
    """A spec with an error, whose file name holds a line break, a CR, ESC and an override."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    name = EVIL + ".align"
    (tmp_path / name).write_text("kind A\nconcept c(x: A) := Agnet(x)\n", encoding="utf-8")
    return name


def test_file_names_are_escaped_in_text_output(capsys, evil_file):
    status, out, _err = run(capsys, "check", evil_file)
    assert status == 1
    assert_harmless(out)
    assert visible(evil_file) + ":2:20: error[AS200 unknown-name]" in out


def test_file_names_are_encoded_in_github_annotations(capsys, evil_file):
    status, out, _ = run(capsys, "check", "--format", "github", evil_file)
    lines = out.split("\n")[:-1]
    assert status == 1 and lines
    assert all(line.startswith(("::error file=evil%0A%3A%3Aerror ", "::notice file=evil%0A%3A%3Aerror "))
               for line in lines)
    assert "\r" not in out and "\x1b" in out  # GitHub's encoding leaves other characters alone


def test_file_names_are_escaped_on_stderr(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", EVIL)
    assert status == 2 and out == ""
    assert_harmless(err) and err.count("\n") == 1
    status, out, err = run(capsys, "explain", EVIL)
    assert status == 2 and err.count("\n") == 1
    assert_harmless(err)


def test_import_paths_are_escaped(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "main.align").write_text('import "x\\n::error::pwned.align"\nkind A\n', encoding="utf-8")
    status, out, _ = run(capsys, "check", "main.align")
    assert status == 1
    assert_harmless(out)
    assert "imported file 'x\\n::error::pwned.align' does not exist" in out
    status, out, _ = run(capsys, "check", "--format", "json", "main.align")
    assert json.loads(out)["diagnostics"][0]["message"].startswith("imported file 'x\n::error::pwned.align'")


DOCS = ('kind A "an \x1b[31mA\x1b[0m"\n'
        'concept c(x: A) "one\\n::error::two \x07\x7f\u0085\u2028\u202e" := A(x)\n'
        'concept d(x: A) "plain" := A(x)\n'
        "claim: c equivalent d\n"
        'scenario s "doc \x1b" {\n  A a\n  expect c(a)\n}\n')


@pytest.fixture
def docs_spec(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "docs.align").write_text(DOCS, encoding="utf-8")
    return "docs.align"


@pytest.mark.parametrize("args", [
    ["lattice"], ["compare"], ["scenario"], ["check", "--explain-holds"], ["report"], ["compare", "--format", "markdown"],
])
def test_doc_strings_are_escaped_in_text_views(capsys, docs_spec, args):
    status, out, err = run(capsys, *args, docs_spec)
    assert status == 0, err
    assert_harmless(out + err)


def test_lattice_shows_escaped_docs(capsys, docs_spec):
    _, out, _ = run(capsys, "lattice", docs_spec)
    assert "c: one\\n::error::two \\u{7}\\u{7f}\\u{85}\\u{2028}\\u{202e}" in out


def test_source_snippets_escape_controls_and_keep_the_caret_aligned(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "s.align").write_text('kind A "\x1b\u202e"\nconcept c(x: A) "\x1b" := Agnet(x)\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", "s.align")
    assert_harmless(out)
    lines = out.split("\n")
    head = next(i for i, line in enumerate(lines) if "AS200" in line)
    source, caret = lines[head + 1], lines[head + 2]
    assert source == '    concept c(x: A) "\\u{1b}" := Agnet(x)'
    assert caret.index("^") == source.index("Agnet") and caret.strip() == "^~~~~"


def test_graphml_stays_well_formed(capsys, docs_spec):
    for args in (["graph", "--format", "graphml"], ["graph", "--format", "graphml", "--scenario", "s"]):
        status, out, _ = run(capsys, *args, docs_spec)
        assert status == 0
        root = ET.fromstring(out.encode("utf-8"))
        text = " ".join(e.text or "" for e in root.iter())
        assert "\\u{1b}" in text or args[-1] == "s"


def test_scenario_records_are_escaped_line_by_line():
    scenario = SimpleNamespace(name="s\n::error::x", individuals={})
    record = ScenarioEvaluation(scenario=scenario, framing="", level_notes=["a\rb"])  # type: ignore[arg-type]
    text = render_scenario_text([record])
    assert_harmless(text)
    assert text == "scenario s\\n::error::x: consistent\n  note: a\\rb\n"


def test_documentation_build_logs_are_escaped(monkeypatch):
    from alignspec.integrations import Finding
    from alignspec.mkdocs import plugin
    from alignspec.sphinx import directive

    logged: list[str] = []
    record = SimpleNamespace(warning=lambda message, **kw: logged.append((message, kw.get("location"))),
                             info=lambda message, **kw: logged.append((message, kw.get("location"))))
    monkeypatch.setattr(plugin, "log", record)
    monkeypatch.setattr(directive, "logger", record)
    plugin.AlignSpecPlugin()._log("warning", "x\n::error::y")
    finding = Finding("AS200", "unknown-name", "error", "bad \x1b name", "/d/a\nb.align", 3, 1)
    directive.report_finding(finding, "index", "warning")
    assert logged == [("x\\n::error::y", None),
                      ("error[AS200 unknown-name] bad \\u{1b} name (shown in index)", "/d/a\\nb.align:3")]
