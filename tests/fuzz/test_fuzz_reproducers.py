"""The inputs with which the fuzzing harness found a bug, cut down (``reproducers/``), each with
the oracle that it broke; a fixed bug's test is an ordinary regression test. A bug not fixed yet
is a strict ``xfail`` naming it, so that the test turns into a pass to notice once it is fixed:
then remove the mark, and the bug's entry in ``_fuzz_support.KNOWN_BUGS``."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from _fuzz_support import (
    LIMITS,
    reproducer,
    run_input,
)

from bench.fuzz_inputs import INPUT_NAME, Extra, FuzzInput
from bench.fuzz_oracle import COMMANDS, load_violations


def _load(fuzz_input: FuzzInput) -> list[str]:
    directory = Path(tempfile.mkdtemp(prefix="alignspec-fuzz-"))
    try:
        return [str(v) for v in load_violations(fuzz_input.write(directory), LIMITS)]
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_scenario_json_of_a_spec_that_does_not_parse():
    outcome = run_input(reproducer("scenario-json-syntax-error.align"), commands=("scenario",))
    assert [str(v) for v in outcome.violations] == []


def test_check_and_lattice_json_of_a_spec_that_does_not_parse():
    outcome = run_input(reproducer("scenario-json-syntax-error.align"), commands=("check", "lattice"))
    assert [str(v) for v in outcome.violations] == []


def test_check_of_a_claim_on_a_chain_of_400_concepts():
    outcome = run_input(reproducer("concept-chain-400-with-claim.align"))
    assert [str(v) for v in outcome.violations] == []


def test_load_of_a_chain_of_1200_concepts():
    assert _load(reproducer("concept-chain-1200.align")) == []


def test_check_of_a_claim_of_1000_atoms():
    outcome = run_input(reproducer("formula-1000-atoms.align"))
    assert [str(v) for v in outcome.violations] == []


def test_load_of_a_claim_of_1000_atoms():
    assert _load(reproducer("formula-1000-atoms.align")) == []


def test_check_and_load_of_a_concept_on_a_path_of_560_edges():
    """A path is a tree: the saturation's normal form walked it on the stack (RecursionError)."""
    fuzz_input = reproducer("concept-path-560.align")
    assert [str(v) for v in run_input(fuzz_input).violations] + _load(fuzz_input) == []


def test_check_of_a_diamond_of_40_concepts():
    outcome = run_input(reproducer("concept-diamond-40.align"), limits=replace(LIMITS, budget_seconds=5.0))
    assert [str(v) for v in outcome.violations] == []


def test_check_of_a_diamond_of_40_concepts_on_variables_apart_stops_at_the_limits():
    outcome = run_input(reproducer("concept-diamond-apart-40.align"), limits=replace(LIMITS, budget_seconds=2.0))
    assert [str(v) for v in outcome.violations] == []


def test_check_of_a_chain_of_1810_sub_relations_keeps_its_run_budget():
    """A claim that holds through 1,810 sub-relations: its minimal justification keeps each
    axiom of the chain without chasing again (predicate reachability proves it necessary), so the
    check ends well within a budget of 10 s."""
    outcome = run_input(reproducer("relation-chain-1810.align"), limits=replace(LIMITS, budget_seconds=10.0))
    assert [str(v) for v in outcome.violations] == []


def test_check_of_a_disjoint_of_1000_kinds_within_200_mb():
    """The seed example checks within 100 MB of address space; 16 KB of kinds should not need
    twice that."""
    outcome = run_input(reproducer("disjoint-1000-kinds.align"), limits=replace(LIMITS, memory_bytes=200 << 20))
    assert [str(v) for v in outcome.violations] == []


@pytest.mark.parametrize("report_format", ["html", "markdown"])
def test_views_of_a_disjoint_of_1000_kinds_within_200_mb(report_format):
    """Drawn as one node linked to each kind, not as its half a million pairs, the statement's
    lattice and report (whose vocabulary diagram draws it) end within the budget and 200 MB."""
    outcome = run_input(reproducer("disjoint-1000-kinds.align"), commands=("lattice", "report"),
                        limits=replace(LIMITS, memory_bytes=200 << 20), report_format=report_format)
    assert [str(v) for v in outcome.violations] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_check_of_an_import_of_a_named_pipe():
    fuzz_input = replace(reproducer("import-fifo.align"), extras=(Extra("fifo.align", "fifo"),))
    outcome = run_input(fuzz_input, limits=replace(LIMITS, budget_seconds=3.0))
    assert [str(v) for v in outcome.violations] == []


def test_an_input_error_after_a_cr_line_end_is_positioned_where_it_is():
    """Bytes that are not UTF-8 after a line ended by CR alone: the finding's line counts CR."""
    fuzz_input = reproducer("input-error-after-cr.align")
    outcome = run_input(fuzz_input, commands=("check", "scenario"))
    assert [str(v) for v in outcome.violations] + _load(fuzz_input) == []


HOSTILE_IMPORTS = ["../" * 12 + "etc/passwd", "a\\nb.align", INPUT_NAME, "link.align"]


@pytest.mark.parametrize("path", HOSTILE_IMPORTS, ids=lambda p: p[:24])
def test_hostile_import_paths(path):
    """Each path is refused, or read as the spec it is, with a positioned finding; nothing
    outside the spec's directory and the library is read."""
    from bench.fuzz_inputs import EXTRAS

    fuzz_input = FuzzInput(f'import "{path}" as P\nkind A\nconcept c(x: A) := P.K(x)\n'.encode(), "imports", path,
                           EXTRAS)
    assert [str(v) for v in run_input(fuzz_input).violations] == []
    assert _load(fuzz_input) == []


def test_every_view_of_a_spec_with_bidirectional_controls_and_crlf():
    text = ('spec s "\u202etitle\u202c"\r\nkind A "\u2067doc\u2069"\r\n# \u202e comment\r\n'
            'concept c(x: A) := A(x)\r\nscenario s {\r\n    A a\r\n    expect c(a)\r\n}\r\n')
    outcome = run_input(FuzzInput(b"\xef\xbb\xbf" + text.encode(), "unicode", "bidi"), commands=COMMANDS,
                        api="here")
    assert [str(v) for v in outcome.violations] == []
