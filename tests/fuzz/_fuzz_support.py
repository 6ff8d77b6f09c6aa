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
LIMITS = Limits(max_entities=500, max_facts=5_000, max_steps=50_000, timeout=60.0, memory_bytes=2 << 30)


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


SCENARIO_JSON_AS_TEXT = KnownBug(
    "alignspec scenario --format json prints the findings of a spec it cannot read or parse as text on "
    "standard output (run_scenario in checker/cli/main.py renders text when load_and_analyse gives no "
    "analysis), so standard output is not JSON; lattice and report print them on standard error",
    frozenset({("json", "scenario", "not JSON")}),
)
RECURSION_CONCEPT_USABLE = KnownBug(
    "a chain of about 330 concepts each built on the one before, with a claim about the last, exhausts "
    "Python's stack in concept_usable (checker/analysis/axioms.py, recursive per level): check, scenario, "
    "lattice and report exit 2 with no JSON and no positioned finding, alignspec.load raises RecursionError",
    frozenset(),
)
RECURSION_EXPANSION = KnownBug(
    "a chain of about 980 concepts each built on the one before exhausts Python's stack in "
    "ConceptExpander._expand_one (checker/analysis/axioms.py, recursive per level): check exits 2 with no "
    "JSON and no positioned finding, alignspec.load raises RecursionError",
    frozenset(),
)
RECURSION_HOMOMORPHISM = KnownBug(
    "a concept of about 1,000 atoms (no nesting at all) exhausts Python's stack in the homomorphism "
    "search (_search in checker/reasoning/homomorphism.py recurses once per atom): check exits 2 with a "
    "message about concepts nested thousands of levels deep, alignspec.load raises RecursionError",
    frozenset(),
)
EXPONENTIAL_EXPANSION = KnownBug(
    "concept expansion (_expand_one in checker/analysis/axioms.py) copies the body of every use of a "
    "concept, so n concepts each built on the two before expand to about 1.6^n atoms; no limit "
    "(--max-steps, --max-facts, --max-entities) stops it: 40 such concepts make check run for minutes",
    frozenset(),
)
FIFO_IMPORT_BLOCKS = KnownBug(
    "an import of a named pipe (a FIFO beside the spec) blocks check for ever: the loader opens it and "
    "waits for a writer; a directory is refused, a FIFO is not",
    frozenset(),
)
QUADRATIC_DISJOINT = KnownBug(
    "disjoint K1, ..., Kn is kept as its n(n-1)/2 pairs (KindTable._disjoint in checker/model/kinds.py, and "
    "one axiom per pair for the reasoner): one disjoint statement of 1,000 kinds (16 KB) needs about 435 MB "
    "and 8 s, of 1,674 kinds more than 2 GiB (MemoryError)",
    frozenset(),
)
KNOWN_BUGS = (SCENARIO_JSON_AS_TEXT, QUADRATIC_DISJOINT, RECURSION_CONCEPT_USABLE, RECURSION_EXPANSION, RECURSION_HOMOMORPHISM,
              EXPONENTIAL_EXPANSION, FIFO_IMPORT_BLOCKS)
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
