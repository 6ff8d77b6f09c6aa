"""The limits of a chase bound the expansion of concepts on the command line: a claim whose
concepts expand past --max-facts or --max-entities is unknown with budget-exceeded naming the
option, in every format, and every other claim is decided and printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CLAIMS = ("claim small_holds: c2 implies c0\n"
          "claim small_not: c0 does not imply c1\n"
          "claim big: c7 implies c0\n")


def _spec(tmp_path: Path, levels: int = 8) -> Path:
    """Concepts each built on the one before on its parameter and on the one before that on a
    new variable: c7 expands to 62 atoms on 41 fresh variables."""
    lines = ["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)", "concept c1(x: K) := r(y, x)"]
    lines += [f"concept c{i}(x: K) := c{i - 1}(x), r(x, y), c{i - 2}(y)" for i in range(2, levels)]
    path = tmp_path / "apart.align"
    path.write_text("\n".join(lines) + "\n" + CLAIMS, encoding="utf-8")
    return path


def _claims(out: str) -> dict[str, str]:
    return {c["label"]: c["status"] for c in json.loads(out)["claims"]}


@pytest.mark.parametrize(("option", "value"), [("--max-facts", "61"), ("--max-entities", "40")])
def test_past_the_limit_the_claim_that_needs_the_expansion_is_unknown(tmp_path, bounded_cli, option, value):
    path = _spec(tmp_path)
    status, out, err = bounded_cli("check", "--isolated", "--format", "json", option, value, path, timeout=60)
    assert status == 0, err[-500:]
    assert _claims(out) == {"small_holds": "holds", "small_not": "holds", "big": "unknown"}
    exceeded = [d for d in json.loads(out)["diagnostics"] if d["code"] == "AS304"]
    assert len(exceeded) == 1 and option in exceeded[0]["help"]
    strict, _, _ = bounded_cli("check", "--isolated", "--strict", option, value, path, timeout=60)
    assert strict == 1


@pytest.mark.parametrize("fmt", ["text", "junit", "sarif", "github"])
def test_every_format_reports_the_limit_and_the_decided_claims(tmp_path, bounded_cli, fmt):
    path = _spec(tmp_path)
    big = path.read_text(encoding="utf-8").splitlines().index("claim big: c7 implies c0") + 1
    status, out, err = bounded_cli("check", "--isolated", "--format", fmt, "--max-facts", "61", path, timeout=60)
    assert status == 0, err[-500:]
    assert "--max-facts" in out and "Traceback" not in err
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        exceeded = [r for r in results if r["ruleId"] == "AS304"]
        assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in exceeded] == [big]
    elif fmt == "github":
        assert [line for line in out.splitlines() if "AS304" in line and f",line={big}," in line] \
            == [line for line in out.splitlines() if "AS304" in line] != []
    elif fmt == "junit":
        assert "small_holds" in out and "small_not" in out
    else:
        assert out.count("AS304") == 1


def test_just_within_the_limits_the_output_is_unchanged(tmp_path, bounded_cli):
    path = _spec(tmp_path)
    for fmt in ("text", "json"):
        plain = bounded_cli("check", "--isolated", "--format", fmt, path, timeout=60)
        tight = bounded_cli("check", "--isolated", "--format", fmt, "--max-facts", "62", "--max-entities", "41",
                            path, timeout=60)
        assert plain == tight


def test_forty_levels_end_at_the_limits(tmp_path, bounded_cli):
    """About 10^8 atoms if expanded in full."""
    path = _spec(tmp_path, 40)
    path.write_text(path.read_text(encoding="utf-8").replace("c7 implies", "c39 implies"), encoding="utf-8")
    status, out, err = bounded_cli("check", "--isolated", "--format", "json", "--max-facts", "5000",
                                   "--max-entities", "500", "--max-steps", "50000", path, timeout=60)
    assert status == 0, err[-500:]
    assert _claims(out)["big"] == "unknown"
    line = path.read_text(encoding="utf-8").splitlines().index("claim big: c39 implies c0") + 1
    exceeded = [d for d in json.loads(out)["diagnostics"] if d["code"] == "AS304" and d["line"] == line]
    assert len(exceeded) == 1 and "--max-entities" in exceeded[0]["help"]
