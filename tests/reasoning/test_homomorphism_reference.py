"""The homomorphism search and the best partial match against the reference versions they
replaced: on random patterns and instances both make the same choices in the same order, so they
find the same homomorphisms in the same order, count the same steps and run out of steps at the
same point."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning import homomorphism, run_budget
from alignspec.reasoning.homomorphism import SearchBudgetExceeded, _search, _start, best_partial_match, homomorphisms
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.run_budget import StepCounter

from .reference_homomorphism import reference_best_partial_match, reference_homomorphisms, reference_search
from .strategies import atom_lists, instances

VARIABLES = ("x", "y", "z", "w", "u", "v")
KEPT_AND_SCANNED = (0, homomorphism._SCAN_BELOW)  # every pattern in a choice tree; small ones scanned
UNBOUNDED = 10**12


def _fixed(data, pattern, inst: Instance) -> dict[str, int]:
    """Some of the pattern's variables fixed to entities, as named individuals are."""
    variables = sorted({v for a in pattern for v in a.args})
    chosen = data.draw(st.lists(st.sampled_from(variables), unique=True, max_size=2))
    return {v: data.draw(st.sampled_from(inst.entities())) for v in chosen}


def _run(search, pattern, inst: Instance, fixed: dict[str, int], limit: int = UNBOUNDED):
    """What a search finds, whether it ran out of steps, the steps it counted and its limit
    raised by the steps counted outside it."""
    counter = StepCounter(limit)
    found = []
    try:
        for match in search(list(pattern), _start(list(pattern), inst, fixed), inst, counter):
            found.append(match)
    except SearchBudgetExceeded:
        return found, True, counter.steps, counter.limit
    return found, counter.steps, counter.limit


def _until_budget(search, pattern, inst: Instance, fixed: dict[str, int], budget: int):
    found = []
    try:
        for match in search(pattern, inst, fixed, budget):
            found.append(match)
    except SearchBudgetExceeded:
        return found, True
    return found, False


patterns = atom_lists(variables=VARIABLES, max_size=12)


@settings(max_examples=300, deadline=None)
@given(patterns, instances(max_entities=4), st.data())
def test_the_search_makes_the_reference_choices(pattern, inst, data):
    fixed = _fixed(data, pattern, inst)
    expected = _run(reference_search, pattern, inst, fixed)
    for scan_below in KEPT_AND_SCANNED:
        with patch.object(homomorphism, "_SCAN_BELOW", scan_below):
            assert _run(_search, pattern, inst, fixed) == expected


@settings(max_examples=200, deadline=None)
@given(patterns, instances(max_entities=3), st.data(), st.integers(1, 200))
def test_the_search_runs_out_of_steps_where_the_reference_does(pattern, inst, data, budget):
    fixed = _fixed(data, pattern, inst)
    expected = _until_budget(reference_homomorphisms, pattern, inst, fixed, budget)
    for scan_below in KEPT_AND_SCANNED:
        with patch.object(homomorphism, "_SCAN_BELOW", scan_below):
            assert _until_budget(homomorphisms, pattern, inst, fixed, budget) == expected


@settings(max_examples=100, deadline=None)
@given(atom_lists(variables=tuple(f"v{i}" for i in range(12)), min_size=10, max_size=48), instances(max_entities=3),
       st.data())
def test_long_patterns_agree_up_to_a_step_limit(pattern, inst, data):
    fixed = _fixed(data, pattern, inst)
    expected = _run(reference_search, pattern, inst, fixed, 5_000)
    for scan_below in KEPT_AND_SCANNED:
        with patch.object(homomorphism, "_SCAN_BELOW", scan_below):
            assert _run(_search, pattern, inst, fixed, 5_000) == expected


def test_a_pattern_with_no_atoms_has_the_empty_homomorphism():
    inst = Instance()
    for scan_below in KEPT_AND_SCANNED:
        with patch.object(homomorphism, "_SCAN_BELOW", scan_below):
            assert _run(_search, (), inst, {}) == _run(reference_search, (), inst, {}) == ([{}], 0, UNBOUNDED)


def _partial(match, pattern, inst: Instance, fixed: dict[str, int], budget: int):
    """A best partial match, and the steps it charged to the run."""
    with patch.object(run_budget, "charge") as charge:
        found = match(pattern, inst, fixed, budget)
    return found, charge.call_args_list


@settings(max_examples=200, deadline=None)
@given(atom_lists(variables=VARIABLES, max_size=10), instances(max_entities=3), st.data(), st.integers(0, 300))
def test_the_best_partial_match_makes_the_reference_choices(pattern, inst, data, budget):
    fixed = _fixed(data, pattern, inst)
    expected = _partial(reference_best_partial_match, pattern, inst, fixed, budget)
    for scan_below in KEPT_AND_SCANNED:
        with patch.object(homomorphism, "_SCAN_BELOW", scan_below):
            assert _partial(best_partial_match, pattern, inst, fixed, budget) == expected
