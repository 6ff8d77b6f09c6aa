"""Specs far deeper or wider than a person writes: every walk over them is iterative, so they
get ordinary results and diagnostics, never a crash of the interpreter's stack. Each case runs
in a fresh process under a time limit and a memory cap."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

TIMEOUT = 240


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def diagnostics(out: str) -> list[tuple[str, int]]:
    return [(d["code"], d["line"]) for d in json.loads(out)["diagnostics"]]


def python(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT)


SELF_REFERENCE = """\
kind A
concept c(x: A) := c(x)
scenario s {
  A a
  expect c(a)
}
"""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_concept_used_in_an_expectation_that_refers_to_itself(tmp_path, bounded_cli, fmt):
    write(tmp_path, "self.align", SELF_REFERENCE)
    status, out, err = bounded_cli("check", "--format", fmt, "self.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 1 and err == ""
    if fmt == "json":
        assert diagnostics(out) == [("AS204", 2)]
    else:
        assert "error[AS204 circular-definition]" in out


def test_a_chain_of_concepts_hundreds_deep(tmp_path, bounded_cli):
    lines = ["kind A", "relation r(A, A)", "concept c0(x: A) := r(x, y)"]
    lines += [f"concept c{i}(x: A) := c{i - 1}(x)" for i in range(1, 350)]
    lines += ["claim top: c349 implies c0", "claim back: c0 implies c349", "claim: c349 equivalent c0",
              "scenario s {", "  A a, b", "  r(a, b)", "  expect c349(a)", "  expect not c349(b)", "}"]
    write(tmp_path, "chain.align", "\n".join(lines) + "\n")
    status, out, err = bounded_cli("check", "--format", "json", "chain.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0, err
    assert [c["status"] for c in json.loads(out)["claims"]] == ["holds"] * 3
    for command in ("report",):
        status, _, err = bounded_cli(command, "chain.align", cwd=tmp_path, timeout=TIMEOUT)
        assert status == 0, (command, err)


# A body of a thousand atoms on one relation is joined from each of its atoms for every new fact:
# about a million steps per fact, past the default of the whole analysis, which is for hostile
# input; these tests are about depth, so they give the analysis room.
ROOMY = ("--max-total-steps", "50000000")


def test_a_concept_of_a_thousand_atoms(tmp_path, bounded_cli):
    atoms = ", ".join(f"r(x, y{i})" for i in range(1000))
    write(tmp_path, "wide.align", f"""kind A
relation r(A, A)
concept big(x: A) := {atoms}
concept small(x: A) := r(x, y)
claim: big implies small
claim: small implies big
claim: big(x) does not imply r(y, x)
scenario s {{
  A a, b
  r(a, b)
  expect big(a)
  expect not big(b)
}}
""")
    status, out, err = bounded_cli("check", "--format", "json", *ROOMY, "wide.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0, err
    assert [c["status"] for c in json.loads(out)["claims"]] == ["holds", "holds", "holds"]
    status, out, _ = bounded_cli("scenario", "--format", "json", *ROOMY, "wide.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0
    assert [e["passed"] for e in json.loads(out)["scenarios"][0]["expectations"]] == [True, True]


def test_a_rule_with_a_thousand_atoms(tmp_path, bounded_cli):
    body = ", ".join(f"r(x, y{i})" for i in range(1000))
    write(tmp_path, "rule.align", f"""kind A
kind B
relation r(A, A)
concept c(x: A) := r(x, y)
concept d(x: A) := B(x)
framing f {{
  rule big: {body} -> B(x)
}}
claim under f: c implies d
""")
    status, out, err = bounded_cli("check", "--format", "json", *ROOMY, "rule.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0, err
    assert [c["status"] for c in json.loads(out)["claims"]] == ["holds"]


def test_a_kind_chain_thousands_deep_declared_child_first(tmp_path, bounded_cli):
    lines = [f"kind K{i}: K{i + 1}" for i in range(3000)] + ["kind K3000", "kind B"]
    lines += ["concept c(x: K0) := K0(x)", "concept d(x: K0) := B(x)", "claim fails: c implies d",
              "claim: satisfiable c"]
    write(tmp_path, "kinds.align", "\n".join(lines) + "\n")
    status, out, err = bounded_cli("check", "--format", "json", "kinds.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 1, err
    assert diagnostics(out) == [("AS302", 3005)]
    claims = json.loads(out)["claims"]
    assert [c["status"] for c in claims] == ["fails", "holds"]
    assert claims[0]["counterexample"]["scenario"].splitlines()[1].strip() == "K0 x"


def test_a_framing_chain_and_an_acyclic_relation_thousands_of_levels_deep(tmp_path, bounded_cli):
    lines = ["kind A", "relation r(A, A) acyclic", "concept c(x: A) := r(x, y)", "framing f0"]
    lines += [f"framing f{i} extends f{i - 1}" for i in range(1, 300)]
    lines += ["claim under f299: satisfiable c", "scenario s under f299 {",
              "  A " + ", ".join(f"a{i}" for i in range(1500))]
    lines += [f"  r(a{i}, a{i + 1})" for i in range(1499)] + ["  expect c(a0)", "}"]
    write(tmp_path, "long.align", "\n".join(lines) + "\n")
    status, out, err = bounded_cli("check", "--format", "json", "long.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0, err
    status, out, _ = bounded_cli("scenario", "long.align", cwd=tmp_path, timeout=TIMEOUT)
    assert status == 0 and "a1499 (level 1499)" in out


def test_api_questions_and_loads_of_deep_specs(tmp_path):
    write(tmp_path, "spec.align", "kind A\nrelation r(A, A)\nconcept held(x: A) := r(x, y)\n"
          + "\n".join(f"concept c{i}(x: A) := {'held' if i == 0 else f'c{i - 1}'}(x)" for i in range(350)) + "\n")
    write(tmp_path, "self.align", SELF_REFERENCE)
    done = python("""
        import alignspec
        spec = alignspec.load("spec.align")
        wide = ", ".join(f"r(x, y{i})" for i in range(1500))
        print(spec.ask(f"held(x) implies {wide}, r(y1499, x)").status)
        print(spec.ask(f"{wide} implies held(x)").status)
        print(spec.ask("c349 equivalent held").status)
        print([d.code for d in alignspec.load("self.align").diagnostics()])
        try:
            spec = alignspec.load("self.align").ask("c implies c")
        except alignspec.SpecError as exc:
            print("SpecError")
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:5] == ["fails", "holds", "holds", "['AS204']", "SpecError"]


def test_documentation_builds_of_deep_specs(tmp_path):
    lines = [f"kind K{i}: K{i + 1}" for i in range(1500)] + ["kind K1500", "kind B"]
    lines += ["concept c(x: K0) := K0(x)", "concept d(x: K0) := B(x)", "claim fails: c implies d"]
    write(tmp_path, "kinds.align", "\n".join(lines) + "\n")
    write(tmp_path, "self.align", SELF_REFERENCE)
    done = python("""
        from alignspec.mkdocs.markdown import Expander
        logged = []
        page = "<!-- alignspec: kinds.align -->\\n<!-- alignspec: self.align -->\\n"
        Expander(".", lambda level, message: logged.append(message)).expand(page, "page.md")
        print(sorted({m.split("[")[1].split()[0] for m in logged if "[" in m}))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['AS204', 'AS302']"
