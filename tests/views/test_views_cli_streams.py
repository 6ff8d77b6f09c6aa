"""Where the command line's output goes when something is wrong: a spec with errors under
``scenario``, standard output on a full device, and a reader that goes away."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

DUPLICATE = "kind A\nkind A\nscenario s {\n  A a\n  expect A(a)\n}\n"
UNPARSABLE = "kind A(\n"


@pytest.fixture
def specs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "dup.align").write_text(DUPLICATE, encoding="utf-8")
    (tmp_path / "bad.align").write_text(UNPARSABLE, encoding="utf-8")
    return tmp_path


def test_scenario_json_of_a_spec_that_does_not_parse_is_json(cli, specs):
    status, out, err = cli("scenario", "--format", "json", "bad.align")
    document = json.loads(out)
    assert status == 1 and err == ""
    assert document["scenarios"] == []
    assert [(d["code"], d["line"], d["column"]) for d in document["diagnostics"]] == [("AS100", 1, 7)]


def test_scenario_text_of_a_spec_that_does_not_parse_says_why(cli, specs):
    status, out, err = cli("scenario", "bad.align")
    assert status == 1 and out == ""
    assert "bad.align:1:7: error[AS100 syntax-error]" in err


def test_scenario_reports_the_errors_of_a_spec_it_can_evaluate(cli, specs):
    status, out, err = cli("scenario", "dup.align")
    assert status == 1
    assert out.startswith("scenario s: consistent")
    assert "dup.align:2:6: error[AS201 duplicate-name]" in err
    status, out, err = cli("scenario", "--format", "json", "dup.align")
    document = json.loads(out)
    assert status == 1 and err == ""
    assert [s["name"] for s in document["scenarios"]] == ["s"]
    assert [(d["code"], d["line"]) for d in document["diagnostics"]] == [("AS201", 2)]


def test_scenario_json_without_errors_has_no_diagnostics_key(cli, seed_path):
    status, out, _ = cli("scenario", "--format", "json", seed_path, "three_levels")
    assert status == 0 and "diagnostics" not in json.loads(out)


def run(args, stdout) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alignspec", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check"], ["check", "--format", "json"], ["report"], ["scenario"],
                                  ["lattice"], ["codes"], ["explain", "AS302"]])
def test_a_full_device_is_a_one_line_error(seed_path, args):
    if args[0] not in ("codes", "explain"):
        args = [*args, seed_path]
    with open("/dev/full", "w") as full:
        done = run(args, full)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("alignspec: error: cannot write the output:")


@pytest.mark.parametrize("args", [["check"], ["report"], ["scenario"], ["codes"]])
def test_a_reader_that_went_away_ends_the_command_quietly(seed_path, args):
    if args[0] != "codes":
        args = [*args, seed_path]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = run(args, write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 141 and done.stderr == ""
