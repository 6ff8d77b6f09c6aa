"""Fuzzing the command line: each family of hostile inputs through ``alignspec check --format
json`` in a process of its own, and a sample through ``scenario``, ``lattice`` and ``report``.
No traceback, exit status 0 or 1, JSON of the command's schema, every finding positioned within
its file (see ``bench/fuzz_oracle.py``)."""

from __future__ import annotations

import pytest
from _fuzz_support import ROOT, bases, fuzz_settings, run_input, unknown
from hypothesis import given

from bench.fuzz_inputs import (
    SMALL,
    FuzzInput,
    huge_inputs,
    import_inputs,
    mutate_tokens,
    nesting_inputs,
    nesting_text,
    token_inputs,
    unicode_inputs,
)
from bench.fuzz_oracle import COMMANDS


def library_text(name: str) -> str:
    """The text of a spec of the repository."""
    return (ROOT / name).read_text(encoding="utf-8")


@fuzz_settings(5)
@given(token_inputs(bases(), SMALL))
def test_check_on_mutated_specs(fuzz_input):
    assert unknown(run_input(fuzz_input).violations) == [], fuzz_input.origin


@fuzz_settings(4)
@given(unicode_inputs(bases(), SMALL))
def test_check_on_hostile_unicode_and_bytes(fuzz_input):
    assert unknown(run_input(fuzz_input).violations) == [], fuzz_input.origin


@fuzz_settings(4)
@given(nesting_inputs(SMALL))
def test_check_on_deep_nesting(fuzz_input):
    assert unknown(run_input(fuzz_input).violations) == [], fuzz_input.origin


@fuzz_settings(3)
@given(huge_inputs(SMALL))
def test_check_on_huge_statements(fuzz_input):
    assert unknown(run_input(fuzz_input).violations) == [], fuzz_input.origin


@fuzz_settings(4)
@given(import_inputs(bases(), SMALL))
def test_check_on_hostile_imports(fuzz_input):
    assert unknown(run_input(fuzz_input).violations) == [], fuzz_input.origin


VIEW_INPUTS = [  # a failing claim and expectation, which the views draw; a chain of 40 rules
    FuzzInput(mutate_tokens(library_text("tests/fixtures/seed_v0.align"), [("replace", 237, 3), ("replace", 346, 3)])
              .encode(), "tokens", "tests/fixtures/seed_v0.align: replace 237 3, replace 346 3"),
    FuzzInput(nesting_text("rule-chain", 40).encode(), "nesting", "rule-chain 40"),
]


@pytest.mark.parametrize("fuzz_input", VIEW_INPUTS, ids=lambda x: x.family)
def test_views(fuzz_input):
    outcome = run_input(fuzz_input, commands=COMMANDS[1:], report_format="markdown")
    assert unknown(outcome.violations) == [], fuzz_input.origin
