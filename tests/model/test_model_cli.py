"""The command line around the static checks: exit statuses, targets, determinism, codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _model_support import run, write

from alignspec import __version__
from alignspec.cli import main
from alignspec.codes import CODES

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seed_v0.align"

CLEAN = """
    kind Agent
    kind Objective
    relation pursues(Agent, Objective)
    concept goal_directed(x: Agent) := pursues(x, o)
    claim: satisfiable goal_directed
"""

COLLAPSE = """
    kind Agent
    kind Objective
    relation pursues(Agent, Objective)
    concept p(x: Agent) := pursues(x, o)
    concept q(a: Agent) := pursues(a, b)
    claim: p implies q
"""

ERROR = """
    kind Agent
    concept c(x: Agent) := Agnet(x)
"""


def test_seed_example_checks_clean(capsys):
    result = run(SEED)
    assert [d for d in result.diagnostics if d.severity.value in ("error", "warning")] == []
    assert main(["check", "--strict", str(SEED)]) == 0


def test_exit_statuses(tmp_path, capsys):
    clean = write(tmp_path, "clean.align", CLEAN)
    collapse = write(tmp_path, "collapse.align", COLLAPSE)
    error = write(tmp_path, "error.align", ERROR)
    (tmp_path / "empty").mkdir()
    assert main(["check", str(clean)]) == 0
    assert main(["check", "--strict", str(clean)]) == 0
    assert main(["check", str(collapse)]) == 0
    assert main(["check", "--strict", str(collapse)]) == 1
    assert main(["check", str(error)]) == 1
    assert main(["check", str(clean), str(error)]) == 1
    assert main(["check", str(tmp_path / "missing.align")]) == 2
    assert main(["check", str(tmp_path / "empty")]) == 2
    assert main(["check", str(clean), str(tmp_path / "missing.align")]) == 2
    assert "missing.align" in capsys.readouterr().err


def test_directories_are_checked_in_sorted_order(tmp_path):
    for name in ("b.align", "a.align", "c/z.align", "c/a.align", "B.align"):
        write(tmp_path, name, ERROR)
    write(tmp_path, "notes.txt", "not a spec")
    result = run(tmp_path)
    expected = sorted(str(tmp_path / n) for n in ("b.align", "a.align", "c/z.align", "c/a.align", "B.align"))
    assert result.files == expected
    assert [d.span.file for d in result.diagnostics if d.name == "unknown-name"] == expected


def test_a_file_named_twice_is_checked_once(tmp_path):
    spec = write(tmp_path, "a.align", ERROR)
    result = run(spec, tmp_path, spec)
    assert result.files == [str(spec)]
    assert len([d for d in result.diagnostics if d.name == "unknown-name"]) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_is_deterministic(tmp_path, fmt):
    write(tmp_path, "base.align", CLEAN)
    write(tmp_path, "collapse.align", COLLAPSE)
    write(tmp_path, "error.align", ERROR + """
        import "base.align" as B
        kind Objective
        disjoint Agent, Objective
        relation pursues(Agent, Objective)
        concept d(x: Agent) := pursues(x, y), Agent(y), B.goal_directd(x)
        concept e(x: Agent) := e(x)
        kind Lonely
    """)
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, NO_COLOR="1")
        completed = subprocess.run(
            [sys.executable, "-m", "alignspec", "check", "--format", fmt, "."],
            cwd=tmp_path, env=env, capture_output=True, timeout=60,
        )
        assert completed.returncode == 1, completed.stderr
        outputs.append(completed.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_explain(capsys):
    assert main(["explain", "AS302"]) == 0
    by_code = capsys.readouterr().out
    assert "AS302" in by_code and "claim-failed" in by_code
    assert main(["explain", "claim-failed"]) == 0
    assert capsys.readouterr().out == by_code
    assert main(["explain", "AS999"]) == 2
    assert main(["explain", "no-such-finding"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""


def test_codes_lists_every_code(capsys):
    assert main(["codes"]) == 0
    out = capsys.readouterr().out
    for code in CODES:
        assert code.code in out and code.name in out
