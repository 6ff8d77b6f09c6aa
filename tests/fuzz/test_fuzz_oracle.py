"""The fuzzing harness itself: the oracle sees each kind of violation in a made-up run (so that
an empty list of violations means something), the mutations are deterministic and keep to the
language where they should, and the minimizer cuts an input down."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import time
from pathlib import Path

import _fuzz_support  # noqa: F401  (puts the repository on sys.path)
import pytest

from alignspec.syntax.lexemes import lexemes
from bench.fuzz import Fuzzer, ddmin, minimize, summary_text
from bench.fuzz_inputs import (
    HUGE,
    INPUT_NAME,
    KEEP_SYNTAX,
    NESTINGS,
    TOKEN_OPS,
    WHOLE,
    FuzzInput,
    mutate_tokens,
    mutate_unicode,
    nesting_text,
)
from bench.fuzz_oracle import (
    Limits,
    Outcome,
    Positions,
    Run,
    command_argv,
    load_in_process,
    run_process,
    run_violations,
    source_text,
)

CHECK_OK = {"schema": "alignspec-check", "version": 1, "diagnostics": [], "claims": [],
            "summary": {"files": 1, "errors": 0, "warnings": 0, "infos": 0}}
TEXT = "kind A\nconcept c(x: A) := A(x)\n"


def _run(command="check", returncode=0, stdout=b"", stderr=b""):
    return Run(command, [command], returncode, stdout, stderr, 0.1, 1000)


def _finding(**where):
    base = {"code": "AS200", "severity": "error", "file": "input.align", "line": 2, "column": 1, "end_line": 2,
            "end_column": 8, "related": []}
    return {**base, **where}


def _document(*findings):
    errors = sum(1 for f in findings if f["severity"] == "error")
    return json.dumps({**CHECK_OK, "diagnostics": list(findings), "summary": {**CHECK_OK["summary"],
                                                                               "errors": errors}}).encode()


@pytest.fixture
def positions(tmp_path):
    (tmp_path / "input.align").write_text(TEXT)
    return Positions(tmp_path, [tmp_path])


def _kinds(run, positions=None):
    return sorted(v.kind for v in run_violations(run, positions))


def test_a_clean_run_has_no_violation(positions):
    assert _kinds(_run(stdout=json.dumps(CHECK_OK).encode()), positions) == []
    assert _kinds(_run(returncode=1, stdout=_document(_finding())), positions) == []


def test_a_traceback_on_either_stream():
    trace = b'Traceback (most recent call last):\n  File "/x/checker/a.py", line 3, in f\nKeyError: 1\n'
    assert _kinds(_run(stderr=trace, returncode=1)) == ["traceback"]
    assert _kinds(_run(command="report", stdout=b"# report\n" + trace)) == ["traceback"]
    (violation,) = run_violations(_run(stderr=trace, returncode=1))
    assert violation.key == "KeyError in a.py:f"


def test_memory_timeout_crash_and_exit_status():
    trace = b'Traceback (most recent call last):\n  File "/x/checker/a.py", line 3, in f\nMemoryError\n'
    assert _kinds(_run(stderr=trace, returncode=1)) == ["memory"]
    assert _kinds(_run(returncode=None)) == ["timeout"]
    assert _kinds(_run(returncode=-11)) == ["crash"]
    assert _kinds(_run(command="report", returncode=2)) == ["exit-status"]


def test_json_that_does_not_parse_or_is_of_another_schema():
    assert _kinds(_run(stdout=b"error: x\n", returncode=1)) == ["json"]
    assert _kinds(_run(stdout=b"")) == ["json"]
    assert _kinds(_run(command="scenario", stdout=b"not json")) == ["json"]
    assert _kinds(_run(command="lattice", stdout=json.dumps(CHECK_OK).encode())) == ["json"]
    assert _kinds(_run(command="lattice", returncode=1, stdout=b"")) == []


def test_an_exit_status_that_disagrees_with_the_findings(positions):
    assert _kinds(_run(returncode=0, stdout=_document(_finding())), positions) == ["exit-status"]
    assert _kinds(_run(returncode=1, stdout=json.dumps(CHECK_OK).encode()), positions) == ["exit-status"]


@pytest.mark.parametrize("where", [
    {"line": 3}, {"line": 0}, {"column": 0}, {"end_column": 30}, {"end_line": 1},
    {"line": None}, {"file": "other.align"},
])
def test_positions_outside_the_file(positions, where):
    assert _kinds(_run(returncode=1, stdout=_document(_finding(**where))), positions) == ["position"]


def test_positions_of_related_locations_and_of_claims(positions):
    related = _finding(related=[{"file": "input.align", "line": 9, "column": 1, "end_line": 9, "end_column": 2}])
    assert _kinds(_run(returncode=1, stdout=_document(related)), positions) == ["position"]
    claim = {"file": "input.align", "line": 1, "column": 1, "end_line": 1, "end_column": 99, "justification": []}
    document = json.dumps({**CHECK_OK, "claims": [claim]}).encode()
    assert _kinds(_run(stdout=document), positions) == ["position"]


def test_a_location_outside_the_allowed_directories(positions):
    finding = _finding(file="../../etc/passwd")
    assert _kinds(_run(returncode=1, stdout=_document(finding)), positions) == ["outside-roots"]


def test_positions_of_the_findings_of_scenario(positions):
    document = {"schema": "alignspec-scenario", "version": 1, "scenarios": [],
                "diagnostics": [_finding(line=9)]}
    assert _kinds(_run("scenario", 1, json.dumps(document).encode()), positions) == ["position"]
    document["diagnostics"] = [_finding()]
    assert _kinds(_run("scenario", 1, json.dumps(document).encode()), positions) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_location_in_a_named_pipe_is_its_start_and_the_pipe_is_not_opened(positions, tmp_path):
    os.mkfifo(tmp_path / "fifo.align")
    start = _finding(file="fifo.align", line=1, column=1, end_line=1, end_column=1)
    assert _kinds(_run(returncode=1, stdout=_document(start)), positions) == []
    later = _finding(file="fifo.align", line=1, column=1, end_line=1, end_column=2)
    assert _kinds(_run(returncode=1, stdout=_document(later)), positions) == ["position"]


def test_positions_are_in_the_text_as_the_checker_reads_it():
    assert source_text(b"\xef\xbb\xbfa\r\nb\rc\n") == "a\nb\nc\n"
    assert source_text(b"a\xffb") == "a\ufffdb"


def test_every_command_is_given_the_run_budget(tmp_path):
    limits = Limits(budget_seconds=7.0, max_total_steps=99)
    for command in ("check", "scenario", "lattice", "report"):
        argv = command_argv(command, tmp_path / "input.align", limits)
        assert argv[argv.index("--timeout") + 1] == "7.0"
        assert argv[argv.index("--max-total-steps") + 1] == "99"
    assert "--max-total-steps" not in command_argv("check", tmp_path / "input.align", Limits())


def test_a_command_is_stopped_after_its_budget_and_a_grace():
    assert Limits(budget_seconds=20.0).stop_seconds == 30.0
    assert Limits(budget_seconds=60.0).stop_seconds == 90.0
    assert Limits(budget_seconds=1.0, grace_seconds=0.5).stop_seconds == 1.5


def test_the_api_in_a_process_of_its_own_gets_the_limits(tmp_path):
    (tmp_path / "input.align").write_text(TEXT)
    limits = Limits(budget_seconds=5.0, max_total_steps=1_000)
    violations, run = load_in_process(tmp_path / "input.align", limits, tmp_path)
    assert violations == [] and run.returncode == 0 and run.cpu_seconds > 0
    assert json.loads(run.argv[-1]) == dataclasses.asdict(limits)


def test_run_process_stops_past_the_budget_and_caps_memory(tmp_path):
    slow = run_process("x", [sys.executable, "-c", "import time; time.sleep(30)"], tmp_path,
                       Limits(budget_seconds=0.5, grace_seconds=0.5))
    assert slow.returncode is None and slow.seconds < 10
    (violation,) = run_violations(slow)
    assert violation.kind == "timeout"
    greedy = run_process("x", [sys.executable, "-c", "b = bytearray(1 << 31)"], tmp_path,
                         Limits(memory_bytes=1 << 30))
    assert greedy.returncode == 1 and b"MemoryError" in greedy.stderr
    quick = run_process("x", [sys.executable, "-c", "print('hi')"], tmp_path, Limits())
    assert (quick.returncode, quick.stdout.strip(), quick.peak_rss_kb > 0) == (0, b"hi", True)
    busy = run_process("x", [sys.executable, "-c", "sum(range(3_000_000))"], tmp_path, Limits())
    assert busy.returncode == 0 and busy.cpu_seconds > 0


def _figures_run(command: str, seconds: float, cpu: float, kb: int) -> Run:
    return Run(command, [command], 0, b"", b"", seconds, kb, cpu)


def test_the_summary_gives_the_slowest_inputs_by_wall_and_cpu_and_the_peak_memory(tmp_path):
    args = argparse.Namespace(out=str(tmp_path / "out"), max_entities=500, max_facts=5_000, max_steps=50_000,
                              budget_seconds=2.0, max_total_steps=None, memory_mb=2048, minutes=1.0, seed=0,
                              views_every=4)
    fuzzer = Fuzzer(args)
    for name, runs in (("a", [_figures_run("check", 3.0, 0.5, 40_000), _figures_run("report", 1.0, 0.9, 90_000)]),
                       ("b", [_figures_run("check", 1.5, 1.2, 50_000)])):
        directory = tmp_path / name
        directory.mkdir()
        fuzzer._figures(FuzzInput(b"kind A\n", "nesting", f"{name} 2"), Outcome(runs, []), directory / INPUT_NAME)
    summary = fuzzer.summary()
    assert (summary["slowest"]["origin"], summary["slowest"]["command"]) == ("a 2", "check")
    assert (summary["slowest_cpu"]["origin"], summary["slowest_cpu"]["command"]) == ("b 2", "check")
    assert (summary["peak_memory"]["origin"], summary["peak_memory"]["command"]) == ("a 2", "report")
    assert summary["past_budget"]["runs"] == {"check": 1}
    assert summary["limits"]["stop_seconds"] == 12.0
    assert summary["commands"] == {"check": 2, "report": 1}
    assert "slowest (CPU): check on nesting input" in summary_text(summary)
    assert (tmp_path / "out" / "slowest-cpu").is_dir()
    shutil.rmtree(fuzzer.work)


SEED = (Path(__file__).resolve().parents[2] / "examples" / "seed.align").read_text(encoding="utf-8")


@pytest.mark.parametrize("op", TOKEN_OPS)
def test_token_mutations_are_deterministic_and_lexable(op):
    ops = [(op, 17, 301), (op, 5, 40)]
    mutated = mutate_tokens(SEED, ops)
    assert mutated == mutate_tokens(SEED, ops)
    assert mutated != SEED or op in ("swap", "swap-same", "replace", "swap-statements")
    lexemes(mutated)


@pytest.mark.parametrize("op", [op for op in KEEP_SYNTAX if "statement" in op])
def test_statement_mutations_keep_whole_statements(op):
    from alignspec.syntax.parser import parse_text

    for i in range(0, 60, 7):
        mutated = mutate_tokens(SEED, [(op, i, i + 3)])
        parse_text(mutated)  # still in the language: whole statements moved, copied or dropped


@pytest.mark.parametrize("how", range(len(WHOLE)))
def test_byte_mutations(how):
    data = mutate_unicode("kind A\nkind B\n", [("whole", 0, how)])
    assert data == mutate_unicode("kind A\nkind B\n", [("whole", 0, how)])
    assert isinstance(data, bytes)


@pytest.mark.parametrize("shape", sorted(NESTINGS))
def test_nesting_shapes_are_in_the_language(shape):
    from alignspec.syntax.parser import parse_text

    parse_text(nesting_text(shape, 5))


def test_huge_shapes_have_about_the_size_asked():
    for make in HUGE.values():
        assert 500 <= len(make(1000)) <= 4000


def test_ddmin_and_minimize_cut_an_input_down():
    units = [bytes([c]) for c in b"abcdefghij"]
    assert ddmin(units, lambda data: b"c" in data and b"h" in data, time.monotonic() + 10) == [b"c", b"h"]
    text = b"kind A\nkind B\nconcept c(x: A) := B(x)\nkind C\n"
    assert minimize(text, lambda data: b"B(x)" in data, 10) == b"B(x)"
