"""Fuzzing the Python API in this process: ``alignspec.load`` on every family of hostile inputs
returns a spec or raises ``alignspec.SpecError``, and every finding it gives is positioned within
its file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from _fuzz_support import LIMITS, bases, fuzz_settings, unknown
from hypothesis import given

from bench.fuzz_inputs import SMALL, fuzz_inputs
from bench.fuzz_oracle import load_violations


@fuzz_settings(25)
@given(fuzz_inputs(bases(), SMALL))
def test_load_returns_a_spec_or_raises_spec_error(fuzz_input):
    directory = Path(tempfile.mkdtemp(prefix="alignspec-fuzz-"))
    try:
        violations = load_violations(fuzz_input.write(directory), LIMITS)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    assert unknown(violations) == [], (fuzz_input.family, fuzz_input.origin)
