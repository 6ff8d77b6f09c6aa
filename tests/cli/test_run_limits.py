"""The run's limits (--timeout, --max-total-steps) on the command line, in the configuration and
in the API: past them, what is undecided is unknown with budget-exceeded naming the limit, and
everything decided is still reported; within them, nothing changes. The hostile inputs run in a
fresh process under a time limit and a memory cap, so that a regression fails instead of
hanging or exhausting the machine."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import alignspec
from alignspec import UsageError
from alignspec.analysis.outcomes import UndecidedReason

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.hostile import chase_blowup, deep_concepts, long_doc_string

EASY = "claim easy: L1(x) implies Node(x)\nclaim also_easy: L2(x) implies Node(x)\n"


def _mixed(tmp_path: Path, depth: int, claims: int) -> Path:
    """Two claims decided at once, then ``claims`` claims whose chases grow a tree of
    ``2 ** (depth + 1)`` entities."""
    text = chase_blowup(depth, claims)
    first_claim = text.index("claim c0")
    path = tmp_path / "mixed.align"
    path.write_text(text[:first_claim] + EASY + text[first_claim:], encoding="utf-8")
    return path


def _claims(out: str) -> dict[str, str]:
    return {c["label"]: c["status"] for c in json.loads(out)["claims"]}


def _limits_named(out: str) -> list[str]:
    """The option each budget-exceeded finding of a JSON report names in its help."""
    options = ("--max-total-steps", "--timeout", "--max-steps", "--max-facts", "--max-entities")
    return [next(o for o in options if o in d["help"]) for d in json.loads(out)["diagnostics"]
            if d["code"] == "AS304"]


def test_past_the_total_steps_undecided_claims_are_unknown_and_decided_ones_are_printed(tmp_path, bounded_cli):
    path = _mixed(tmp_path, depth=7, claims=4)
    status, out, _ = bounded_cli("check", "--isolated", "--format", "json", "--max-total-steps", "2000", path,
                                 timeout=60)
    claims = _claims(out)
    assert status == 0  # budget-exceeded is a warning, as for every other limit
    assert claims["easy"] == claims["also_easy"] == "holds"
    assert {claims[f"c{k}"] for k in range(4)} == {"unknown"}
    assert _limits_named(out) == ["--max-total-steps"] * 4
    strict, _, _ = bounded_cli("check", "--isolated", "--strict", "--max-total-steps", "2000", path, timeout=60)
    assert strict == 1


def test_within_the_run_limits_the_output_is_unchanged(tmp_path, bounded_cli):
    path = _mixed(tmp_path, depth=4, claims=2)
    for fmt in ("text", "json"):
        plain = bounded_cli("check", "--isolated", "--format", fmt, path, timeout=60)
        bounded = bounded_cli("check", "--isolated", "--format", fmt, "--timeout", "600",
                              "--max-total-steps", "100000000", path, timeout=60)
        assert plain == bounded
    _, out, _ = bounded_cli("check", "--isolated", "--format", "json", path, timeout=60)
    assert set(_claims(out).values()) == {"holds", "fails"}


def test_a_timeout_ends_a_run_that_would_take_minutes(tmp_path, bounded_cli):
    path = _mixed(tmp_path, depth=13, claims=20)
    status, out, _ = bounded_cli("check", "--isolated", "--format", "json", "--timeout", "1", path, timeout=120)
    claims = _claims(out)
    assert status == 0
    assert claims["easy"] == "holds"
    assert {status for label, status in claims.items() if label.startswith("c")} == {"unknown"}
    assert "--timeout" in _limits_named(out)


@pytest.mark.parametrize("fmt", ["text", "junit", "sarif"])
def test_every_format_reports_the_run_limit(tmp_path, bounded_cli, fmt):
    path = _mixed(tmp_path, depth=7, claims=2)
    status, out, _ = bounded_cli("check", "--isolated", "--format", fmt, "--max-total-steps", "2000", path,
                                 timeout=60)
    assert status == 0 and "--max-total-steps" in out


def test_max_steps_bounds_the_searches_of_classification(tmp_path, bounded_cli):
    """A deep chain of concepts: every pair compared used to split its pattern into parts in
    quadratic time, work no step counted, so --max-steps 1 still ran for minutes."""
    path = tmp_path / "deep.align"
    path.write_text(deep_concepts(150), encoding="utf-8")
    status, out, _ = bounded_cli("check", "--isolated", "--format", "json", "--max-steps", "1",
                                 "--max-total-steps", "300000", path, timeout=60)
    assert status == 0
    assert json.loads(out)["summary"]["errors"] == 0


def test_a_long_doc_string_takes_memory_linear_in_its_length(tmp_path, bounded_cli):
    """The lexer's string pattern kept a backtracking frame per character (about 140 bytes
    each), and the echoed line a list per character: 4 MB took well over 512 MB."""
    path = tmp_path / "doc.align"
    path.write_text(long_doc_string(4 * 1024 * 1024), encoding="utf-8")
    for fmt in ("text", "json"):
        status, out, err = bounded_cli("check", "--isolated", "--format", fmt, path, timeout=60)
        assert status == 0, err[-500:]
        assert "unused-declaration" in out


@pytest.mark.parametrize(("line", "key"), [
    ("timeout = 0\n", "timeout"),
    ("timeout = \"soon\"\n", "timeout"),
    ("max-total-steps = 0\n", "max-total-steps"),
    ("max-total-steps = 1.5\n", "max-total-steps"),
])
def test_bad_run_limits_in_the_configuration_are_errors(tmp_path, bounded_cli, line, key):
    (tmp_path / "alignspec.toml").write_text(line, encoding="utf-8")
    (tmp_path / "a.align").write_text("kind A\n", encoding="utf-8")
    status, _, err = bounded_cli("check", "a.align", cwd=tmp_path, timeout=60)
    assert status == 2 and key in err and "Traceback" not in err


def test_run_limits_come_from_the_configuration(tmp_path, bounded_cli):
    path = _mixed(tmp_path, depth=7, claims=2)
    (tmp_path / "alignspec.toml").write_text("max-total-steps = 2000\ntimeout = 300\n", encoding="utf-8")
    status, out, _ = bounded_cli("check", "--format", "json", path.name, cwd=tmp_path, timeout=60)
    claims = _claims(out)
    assert status == 0 and claims["c0"] == "unknown" and claims["easy"] == "holds"
    assert set(_limits_named(out)) == {"--max-total-steps"}


@pytest.mark.parametrize("option", ["--timeout=0", "--timeout=-1", "--timeout=nan", "--max-total-steps=0"])
def test_bad_run_limits_on_the_command_line_are_usage_errors(tmp_path, bounded_cli, option):
    (tmp_path / "a.align").write_text("kind A\n", encoding="utf-8")
    status, _, err = bounded_cli("check", "--isolated", option, "a.align", cwd=tmp_path, timeout=60)
    assert status == 2 and "Traceback" not in err


def test_the_api_takes_the_run_limits(tmp_path):
    path = _mixed(tmp_path, depth=7, claims=2)
    spec = alignspec.load(str(path), max_total_steps=2000)
    outcomes = {o.claim.label: o for o in spec.claims}
    assert outcomes["easy"].status.value == "holds"
    assert outcomes["c0"].undecided is UndecidedReason.TOTAL_STEPS
    assert outcomes["c0"].undecided.option == "--max-total-steps"
    roomy = alignspec.load(str(path), timeout=600, max_total_steps=10 ** 9)
    assert roomy.claims[0].status.value == "holds"
    for bad in ({"timeout": 0}, {"timeout": "1"}, {"max_total_steps": 0}, {"max_total_steps": True}):
        with pytest.raises(UsageError):
            alignspec.load(str(path), **bad)


def test_max_steps_bounds_chases_whose_rules_have_one_body_atom(tmp_path, bounded_cli):
    """Rules whose body is one atom counted no step, so a chase of them grew to its entity or
    fact limit whatever --max-steps said: --max-steps 1 decided every claim, after minutes."""
    text = chase_blowup(11, 4).replace("relation below(Node, Node) transitive", "relation below(Node, Node)")
    path = tmp_path / "tree.align"
    path.write_text(text, encoding="utf-8")
    status, out, _ = bounded_cli("check", "--isolated", "--format", "json", "--max-steps", "1", path, timeout=60)
    assert status == 0
    assert set(_claims(out).values()) == {"unknown"}
    assert set(_limits_named(out)) == {"--max-steps"}


def test_each_spec_has_the_total_steps_of_its_own(tmp_path, bounded_cli):
    """A spec's answers under --max-total-steps do not depend on the specs checked before it,
    nor on --jobs."""
    heavy = tmp_path / "heavy.align"
    heavy.write_text(chase_blowup(7, 4), encoding="utf-8")
    light = tmp_path / "light.align"
    light.write_text(EASY.replace("claim easy", "claim light_easy").replace("claim also_easy", "claim light_also")
                     + "kind Node\nkind L1: Node\nkind L2: Node\n", encoding="utf-8")
    _, alone, _ = bounded_cli("check", "--isolated", "--format", "json", "--max-total-steps", "2000", light,
                              timeout=60)
    for jobs in ("1", "2"):
        _, together, _ = bounded_cli("check", "--isolated", "--format", "json", "--max-total-steps", "2000",
                                     "--jobs", jobs, heavy, light, timeout=60)
        claims = _claims(together)
        assert {claims["light_easy"], claims["light_also"]} == {"holds"} == set(_claims(alone).values())
        assert {claims[f"c{k}"] for k in range(4)} == {"unknown"}


SUB_RELATIONS = ("kind K\nrelation r0(K, K)\nrelation r1(K, K): r0\nrelation r2(K, K): r1\n"
                 "concept c(x: K) := r2(x, y)\nconcept d(x: K) := r0(x, y)\n")


def _steps(path: Path, question: str = "c implies d") -> tuple[int, int]:
    """The steps the analysis of ``path``, and then ``question`` asked of it, count against the
    run's budget (deterministic)."""
    from alignspec.reasoning import run_budget
    from alignspec.reasoning.logic import Budget

    with run_budget.started(Budget()) as run:
        spec = alignspec.load(str(path))
        analysis = run.steps
        spec.ask(question)
    return analysis, run.steps - analysis


def _edge_justifications(out: str) -> list[int]:
    return [len(edge["justification"]) for edge in json.loads(out)["graphs"][0]["edges"]]


def test_a_view_decides_on_demand_within_the_run_budget(tmp_path, bounded_cli):
    """The lattice justifies its edges while rendering, after the analysis: those searches
    count against the same --max-total-steps (and --timeout) as the analysis."""
    path = tmp_path / "sub.align"
    path.write_text(SUB_RELATIONS, encoding="utf-8")
    analysis, _ = _steps(path)
    lattice = ("lattice", "--isolated", "--format", "json", path)
    status, out, err = bounded_cli(*lattice, timeout=60)
    assert status == 0 and _edge_justifications(out) == [2], err[-500:]
    status, out, err = bounded_cli(*lattice, "--max-total-steps", analysis, timeout=60)
    assert status == 0 and _edge_justifications(out) == [0], err[-500:]


def test_ask_decides_its_question_within_the_budget_of_the_analysis(tmp_path, bounded_cli):
    """Enough steps for the analysis and for the question, but not for both: unknown."""
    path = tmp_path / "sub.align"
    path.write_text(SUB_RELATIONS, encoding="utf-8")
    analysis, question = _steps(path)
    ask = ("ask", "--isolated", "--format", "json", path, "c implies d")
    status, out, _ = bounded_cli(*ask, "--max-total-steps", analysis + question, timeout=60)
    assert (status, json.loads(out)["answer"]["status"]) == (0, "holds")
    status, out, _ = bounded_cli(*ask, "--max-total-steps", max(analysis, question), timeout=60)
    assert (status, json.loads(out)["answer"]["status"]) == (1, "unknown")
