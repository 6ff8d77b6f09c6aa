"""``check --jobs N`` analyses specs in N processes and prints what one process prints, in every
format; a worker that dies does not stop the run or change its output."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from _cli_support import BROKEN, BUDGET, COLLAPSE, run, write

from alignspec import parallel
from alignspec.check import CheckOptions, check
from alignspec.cli.check_command import FORMATS
from alignspec.cli.config import ConfigError, load_config
from alignspec.limits import Budget
from alignspec.render.text import render_text

ALL_FORMATS = ("text", *FORMATS)
LIBRARY = str(Path(__file__).resolve().parents[2] / "ontology")

# Specs with findings of every stage: a syntax error, a name that does not resolve, a failing
# claim, a claim left unknown at a limit, an import of a spec with errors, and a declaration
# used only by the spec that imports it (so not unused in a run that checks both).
SHARED = """
    kind Agent
    kind Goal
    relation pursues(Agent, Goal)
    concept striving(a: Agent) := pursues(a, g)
"""
USER = """
    import "shared.align"
    concept driven(a: Agent) := striving(a)
    claim: driven implies striving
    claim: striving does not imply driven
"""
IMPORTS_BROKEN = """
    import "broken.align"
    kind Thing
"""
SYNTAX = """
    kind Agent
    concept c(x: Agent) := (
"""


@pytest.fixture
def specs(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "specs"
    write(folder, "budget.align", BUDGET)
    write(folder, "broken.align", BROKEN)
    write(folder, "collapse.align", COLLAPSE)
    write(folder, "imports_broken.align", IMPORTS_BROKEN)
    write(folder, "shared.align", SHARED)
    write(folder, "syntax.align", SYNTAX)
    write(folder, "user.align", USER)
    monkeypatch.chdir(tmp_path)
    return folder


def rendered(result) -> dict[str, str]:
    return {"text": render_text(result), **{name: render(result) for name, render in FORMATS.items()}}


def test_the_library_checks_the_same_in_two_processes():
    one = check([LIBRARY], CheckOptions(jobs=1))
    two = check([LIBRARY], CheckOptions(jobs=2))
    assert rendered(two) == rendered(one)
    assert two.inputs == one.inputs
    assert [c.to_dict() for c in two.claims] == [c.to_dict() for c in one.claims]


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_specs_with_errors_print_the_same_in_every_format(specs, capsys, fmt):
    args = ["check", "--isolated", "--max-facts", "2", "--format", fmt, "specs"]
    status, out, err = run(capsys, *args, "--jobs", "1")
    assert status == 1 and out
    assert run(capsys, *args, "--jobs", "3") == (status, out, err)


def test_standard_input_among_files_prints_the_same(specs, capsys, monkeypatch):
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setattr("sys.stdin", _Stdin(COLLAPSE.encode()))
        outputs.append(run(capsys, "check", "--isolated", "--format", "json", "--jobs", jobs,
                           "specs/user.align", "-", "specs/shared.align"))
    assert outputs[0] == outputs[1]
    assert outputs[0][1]


class _Stdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the crash is planted by forking")
def test_a_worker_that_dies_leaves_the_output_unchanged(specs, monkeypatch):
    expected = check(["specs"], CheckOptions(jobs=1))
    run_process = os.getpid()
    findings_of = parallel.findings_of

    def dying(unit, budget, progress=None, deadline=None):
        if os.getpid() != run_process:
            os._exit(3)
        return findings_of(unit, budget, progress, deadline)

    monkeypatch.setattr(parallel, "findings_of", dying)
    assert rendered(check(["specs"], CheckOptions(jobs=2))) == rendered(expected)


def test_one_unit_or_one_job_runs_in_this_process(specs):
    result = check(["specs/collapse.align"], CheckOptions(jobs=4))
    assert [d.code for d in result.diagnostics] == [d.code for d in check(["specs/collapse.align"]).diagnostics]
    assert parallel.analyse_units([], Budget(), 4) == []


@pytest.mark.parametrize(("value", "jobs"), [("0", None), ("auto", None), ("2", 2)])
def test_jobs_option_and_auto(specs, capsys, value, jobs, monkeypatch):
    seen = []
    analyse_units = parallel.analyse_units

    def spy(units, budget, count, progress=None, deadline=None):
        seen.append(count)
        return analyse_units(units, budget, 1, progress, deadline)

    monkeypatch.setattr("alignspec.check.analyse_units", spy)
    status, _, _ = run(capsys, "check", "--isolated", "--jobs", value, "specs/collapse.align")
    assert status == 0
    assert seen == [jobs or parallel.available_cpus()]


@pytest.mark.parametrize("value", ["-1", "two", ""])
def test_a_bad_jobs_option_is_a_usage_error(specs, capsys, value):
    with pytest.raises(SystemExit) as stop:
        run(capsys, "check", "--jobs", value, "specs/collapse.align")
    assert stop.value.code == 2


def test_jobs_in_the_configuration(tmp_path):
    assert load_config(write(tmp_path, "alignspec.toml", "jobs = 3\n")).jobs == 3
    assert load_config(write(tmp_path, "alignspec.toml", "jobs = 'auto'\n")).jobs == 0
    assert load_config(write(tmp_path, "alignspec.toml", "strict = true\n")).jobs is None
    for bad in ("jobs = -1\n", "jobs = true\n", "jobs = 'many'\n"):
        with pytest.raises(ConfigError):
            load_config(write(tmp_path, "alignspec.toml", bad))


@pytest.mark.parametrize(("config", "option", "jobs"), [("jobs = 2\n", None, 2), ("jobs = 2\n", "1", 1),
                                                      ("jobs = 'auto'\n", None, None)])
def test_the_configuration_gives_jobs_and_the_option_replaces_it(specs, capsys, monkeypatch, config, option, jobs):
    write(specs.parent, "alignspec.toml", config)
    seen = []
    analyse_units = parallel.analyse_units

    def spy(units, budget, count, progress=None, deadline=None):
        seen.append(count)
        return analyse_units(units, budget, 1, progress, deadline)

    monkeypatch.setattr("alignspec.check.analyse_units", spy)
    status, _, _ = run(capsys, "check", *(["--jobs", option] if option else []), "specs/collapse.align")
    assert status == 0
    assert seen == [jobs or parallel.available_cpus()]


def test_without_worker_processes_the_run_analyses_in_its_own(specs, monkeypatch):
    expected = check(["specs"], CheckOptions(jobs=1))

    def unavailable(*args, **kwargs):
        raise NotImplementedError("no semaphores here")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", unavailable)
    assert rendered(check(["specs"], CheckOptions(jobs=2))) == rendered(expected)
