"""Exit statuses of the view commands: 2 for usage errors, 1 when the spec has errors."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args, message", [
    (["lattice", "{seed}", "--framing", "hubinger"], "did you mean 'hubinger2020'?"),
    (["compare", "{seed}", "--concept", "inner_alignd"], "did you mean 'inner_aligned'?"),
    (["compare", "{seed}", "--framing", "haris"], "did you mean 'harris'?"),
    (["graph", "{seed}", "--scenario", "three_level"], "did you mean 'three_levels'?"),
    (["report", "{missing}"], "no such file"),
])
def test_usage_errors_exit_2(cli, seed_path, tmp_path, args, message):
    args = [a.format(seed=seed_path, missing=tmp_path / "missing.align") for a in args]
    status, out, err = cli(*args)
    assert status == 2
    assert message in err and out == ""


def test_bad_format_is_a_usage_error(cli, seed_path):
    with pytest.raises(SystemExit) as exc:
        cli("lattice", seed_path, "--format", "png")
    assert exc.value.code == 2


def test_a_spec_that_does_not_resolve_exits_1_without_a_view(cli, tmp_path):
    path = tmp_path / "broken.align"
    path.write_text("kind A\nconcept c(x: A) := nothere(x, y)\n", encoding="utf-8")
    status, out, err = cli("lattice", path)
    assert status == 1 and out == ""
    assert "unknown-name" in err


def test_a_syntax_error_exits_1(cli, tmp_path):
    path = tmp_path / "broken.align"
    path.write_text("kind A B C (\n", encoding="utf-8")
    status, out, err = cli("report", path)
    assert status == 1 and out == "" and "syntax-error" in err


def test_a_failing_claim_still_gives_the_view_and_exits_1(cli, tmp_path):
    path = tmp_path / "claims.align"
    path.write_text(
        'kind A\nkind B\nrelation r(A, B)\n'
        'concept c(x: A) "has an r" := r(x, y)\n'
        'concept d(x: A) := A(x)\n'
        'claim wrong: d implies c\n', encoding="utf-8")
    status, out, err = cli("report", path)
    assert status == 1
    assert "**Claim wrong** ([`d`](#concept-d) implies [`c`](#concept-c)): fails" in out
    assert "claim-failed" in err
