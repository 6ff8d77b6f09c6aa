"""Helpers of the fuzzing tests: the inputs and the oracle of ``bench/fuzz_inputs.py`` and
``bench/fuzz_oracle.py`` (the long run is ``bench/fuzz.py``), small limits, and the bugs the
harness has found that are not fixed yet.

The tests draw a few dozen inputs with Hypothesis, derandomized so that every run tries the same
ones; ``ALIGNSPEC_FUZZ_CLI_EXAMPLES`` sets how many each test draws instead (the parse-only
property tests of ``tests/syntax/test_syntax_fuzz.py`` have their own count).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fuzz_inputs import Base, FuzzInput, generated_bases, library_bases  # noqa: E402
from bench.fuzz_oracle import Limits, Outcome, Violation, check_file  # noqa: E402

REPRODUCERS = Path(__file__).resolve().parent / "reproducers"
LIMITS = Limits(max_entities=500, max_facts=5_000, max_steps=50_000, budget_seconds=20.0, memory_bytes=2 << 30)
"""The limits of the tests: each command gets a run budget of 20 s and is stopped (a ``timeout``
violation) if it has not ended 10 s after that."""


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for a fuzzing test: ``examples`` inputs (or
    ``ALIGNSPEC_FUZZ_CLI_EXAMPLES``), the same ones every run, no deadline, no database."""
    return settings(max_examples=int(os.environ.get("ALIGNSPEC_FUZZ_CLI_EXAMPLES", examples)), deadline=None,
                    derandomize=True, database=None, suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.generate, Phase.shrink])


@functools.lru_cache(maxsize=1)
def bases() -> list[Base]:
    """The library, the examples and three small generated specs."""
    return library_bases() + generated_bases(3)


@dataclass(frozen=True)
class KnownBug:
    """A violation the harness found that is not fixed yet: what it is (the reason of the
    strict ``xfail`` that reproduces it) and the signatures it shows as."""

    reason: str
    signatures: frozenset[tuple[str, str, str]]


KNOWN_BUGS: tuple[KnownBug, ...] = ()
TOLERATED = frozenset().union(*(bug.signatures for bug in KNOWN_BUGS))
"""The signatures of known bugs that random inputs run into: the random tests let them pass (each
has a strict ``xfail`` test of its own in ``test_fuzz_reproducers.py``)."""


def unknown(violations: list[Violation]) -> list[str]:
    """The violations that are not of a known bug, as text for an assertion message."""
    return [str(v) for v in violations if v.signature not in TOLERATED]


def run_input(fuzz_input: FuzzInput, commands: tuple[str, ...] = ("check",), api: str = "none",
              limits: Limits = LIMITS, report_format: str = "html") -> Outcome:
    """Lay ``fuzz_input`` out in a directory of its own and check it with the oracle."""
    directory = Path(tempfile.mkdtemp(prefix="alignspec-fuzz-"))
    try:
        return check_file(fuzz_input.write(directory), limits, commands, api=api, report_format=report_format)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def reproducer(name: str) -> FuzzInput:
    """The input saved as ``reproducers/NAME``."""
    return FuzzInput((REPRODUCERS / name).read_bytes(), "reproducer", name)
