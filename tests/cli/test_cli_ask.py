"""``alignspec ask FILE QUESTION``: the answer with its evidence, as ``Spec.ask`` gives it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cli_support import BUDGET, run, write

ROOT = Path(__file__).resolve().parents[2]
SEED = str(ROOT / "tests" / "fixtures" / "seed_v0.align")


def test_an_answer_that_holds_lists_its_justification(capsys):
    status, out, err = run(capsys, "ask", SEED, "under harris: objective_robust implies inner_aligned")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "holds: objective_robust implies inner_aligned under harris"
    assert any(line.strip().startswith("because rule trained_is_mesa") for line in lines)


def test_an_answer_that_fails_shows_its_counterexample(capsys):
    status, out, _ = run(capsys, "ask", SEED, "under hubinger2020: objective_robust(a) implies inner_aligned(a)")
    assert status == 0
    assert out.startswith("fails: ")
    assert "counterexample:" in out and "scenario " in out and "no match for:" in out


def test_json_is_the_claim_outcome_in_a_versioned_document(capsys):
    status, out, _ = run(capsys, "ask", "--format", "json", SEED, "satisfiable inner_aligned")
    assert status == 0
    document = json.loads(out)
    assert (document["schema"], document["version"]) == ("alignspec-answer", 1)
    assert document["answer"]["status"] == "holds" and document["answer"]["witness"] is not None


def test_a_question_that_does_not_resolve_exits_1_and_says_why(capsys):
    status, out, err = run(capsys, "ask", SEED, "under hubinger2020: objective_robst implies inner_aligned")
    assert status == 1 and out == ""
    assert "objective_robst" in err and "objective_robust" in err
    assert "claim under hubinger2020: objective_robst" in err
    status, _, err = run(capsys, "ask", SEED, "objective_robust implies")
    assert status == 1 and "AS100" in err


def test_an_unknown_answer_exits_1_and_names_the_limit(tmp_path, capsys):
    spec = write(tmp_path, "budget.align", BUDGET)
    status, out, _ = run(capsys, "ask", "--max-facts", "2", str(spec), "under chatty: helper implies knower")
    assert status == 1
    assert out.startswith("unknown: ") and "--max-facts" in out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert run(capsys, "ask", str(tmp_path / "missing.align"), "satisfiable x")[0] == 2
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "ask", "--max-steps", "0", SEED, "satisfiable inner_aligned")
    assert exit_info.value.code == 2
