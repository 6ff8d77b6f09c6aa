"""A baseline: ``--write-baseline PATH`` records the findings, ``--baseline PATH`` reports only
new ones, whatever lines the old ones moved to; stale entries are listed with ``--verbose``."""

from __future__ import annotations

import json

from _cli_support import COLLAPSE, findings, run, write

from alignspec.cli.baseline import spanned_text
from alignspec.diagnostics import Span

EXTRA = """
    concept r(y: Agent) := pursues(y, g), Agent(y)
"""


def test_a_baseline_adopts_strict_gradually(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "specs/a.align", COLLAPSE)
    assert run(capsys, "check", "--strict", "specs")[0] == 1
    status, _, err = run(capsys, "check", "--write-baseline", "baseline.json", "specs")
    assert status == 0 and "baseline.json" in err
    document = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert document["schema"] == "alignspec-baseline" and document["version"] == 1
    assert sorted(e["code"] for e in document["findings"]) == ["AS206", "AS303"]
    assert all(e["file"] == "specs/a.align" and "line" not in e for e in document["findings"])
    assert run(capsys, "check", "--strict", "--baseline", "baseline.json", "specs") == (
        0, "0 errors, 0 warnings, 0 infos in 1 file\n", "")


def test_findings_that_moved_stay_known_and_new_ones_are_reported(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    spec = write(tmp_path, "a.align", COLLAPSE)
    run(capsys, "check", "--write-baseline", "baseline.json", "a.align")
    write(tmp_path, "a.align", "# a comment that moves every line down\n\n" + spec.read_text(encoding="utf-8")
          + EXTRA)
    status, found = findings(capsys, "--strict", "--baseline", "baseline.json", "a.align")
    assert status == 1
    # Spare's unused-declaration moved from line 3 to line 5 and stays known; r is new, and so is
    # the collapse of p, q and r (a different class from the recorded one of p and q).
    assert sorted(found) == [("AS206", 11), ("AS303", 7)]


def test_identical_findings_are_counted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.align", "kind A\nconcept c(x: A) := Agnet(x), Agnet(x)\nclaim: satisfiable c\n")
    run(capsys, "check", "--write-baseline", "baseline.json", "a.align")
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["code"], e["count"]) for e in entries] == [("AS200", 2)]
    write(tmp_path, "a.align", "kind A\nconcept c(x: A) := Agnet(x), Agnet(x), Agnet(x)\nclaim: satisfiable c\n")
    assert findings(capsys, "--baseline", "baseline.json", "a.align") == (1, [("AS200", 2)])


def test_stale_entries_are_listed_with_verbose(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.align", COLLAPSE)
    run(capsys, "check", "--write-baseline", "baseline.json", "a.align")
    write(tmp_path, "a.align", COLLAPSE.replace("kind Spare", "kind Spare\n    concept s(x: Spare) := Spare(x)"))
    _, _, err = run(capsys, "check", "--verbose", "--baseline", "baseline.json", "a.align")
    assert "match no finding" in err
    assert "a.align: AS206" in err
    _, _, err = run(capsys, "check", "--baseline", "baseline.json", "a.align")
    assert err == ""


def test_a_missing_or_foreign_baseline_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.align", COLLAPSE)
    assert run(capsys, "check", "--baseline", "missing.json", "a.align")[0] == 2
    write(tmp_path, "other.json", '{"schema": "alignspec-check", "version": 1}')
    assert run(capsys, "check", "--baseline", "other.json", "a.align")[0] == 2


def test_the_text_under_a_span_ignores_layout():
    source = "concept p(x: Agent) :=\n    pursues(x, o)\n"
    assert spanned_text(source, Span("f", 1, 1, 2, 18)) == "concept p(x: Agent) := pursues(x, o)"
    assert spanned_text(source, Span("f", 1, 9, 1, 10)) == "p"
    assert spanned_text(source, Span("f", 9, 1, 9, 2)) == ""


def test_writing_a_baseline_again_records_every_current_finding(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.align", COLLAPSE)
    run(capsys, "check", "--write-baseline", "baseline.json", "a.align")
    before = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    assert run(capsys, "check", "--baseline", "baseline.json", "--write-baseline", "baseline.json", "a.align")[0] == 0
    assert (tmp_path / "baseline.json").read_text(encoding="utf-8") == before
