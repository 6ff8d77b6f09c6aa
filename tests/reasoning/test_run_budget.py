"""The run's budget: a deadline and a number of steps shared by every chase and search."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from alignspec.reasoning import run_budget
from alignspec.reasoning.chase import chase
from alignspec.reasoning.homomorphism import find_homomorphism
from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Budget, Theory
from alignspec.reasoning.run_budget import RunBudget, SearchBudgetExceeded, StepCounter
from alignspec.reasoning.status import ChaseStatus, Limit


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_steps_past_the_total_exhaust_the_run_and_every_later_charge():
    run = RunBudget(max_total_steps=10)
    run.charge(10)
    with pytest.raises(SearchBudgetExceeded) as stopped:
        run.charge(1)
    assert stopped.value.limit is Limit.TOTAL_STEPS and run.exhausted is Limit.TOTAL_STEPS
    with pytest.raises(SearchBudgetExceeded):
        run.charge(0)


def test_the_clock_is_read_at_a_stride_and_by_check():
    clock = FakeClock()
    run = RunBudget(timeout=5, clock=clock)
    clock.now = 6
    run.charge(run_budget.CLOCK_STRIDE - 1)  # not yet looked at
    assert run.exhausted is None
    with pytest.raises(SearchBudgetExceeded) as stopped:
        run.charge(1)
    assert stopped.value.limit is Limit.TIMEOUT
    late = RunBudget(timeout=1, clock=clock)
    clock.now = 8
    with pytest.raises(SearchBudgetExceeded):
        late.check()


def test_a_counter_reports_to_the_run_in_force_and_keeps_its_own_limit():
    with run_budget.started(Budget(max_total_steps=10 ** 9)) as run:
        counter = StepCounter(limit=5_000)
        counter.add(100)
        assert run.steps == 0  # below the stride: not reported yet
        counter.settle()
        assert run.steps == 100
        with pytest.raises(SearchBudgetExceeded) as stopped:
            counter.add(10_000)
        assert stopped.value.limit is Limit.STEPS
        assert run.steps == 10_100


def test_a_run_started_inside_a_run_is_that_run():
    with run_budget.started(Budget(max_total_steps=7)) as outer, run_budget.started(Budget()) as inner:
        assert inner is outer
    assert run_budget.active() is None


def _growing_chain(length: int) -> tuple[Instance, Theory]:
    theory = Theory("grow", tuple(
        Axiom(f"r{i}", AxiomKind.RULE, body=(Atom(f"L{i}", ("x",)),), head=(Atom("next", ("x", "y")), Atom(f"L{i + 1}", ("y",))))
        for i in range(length)))
    inst = Instance()
    inst.add_fact("L0", (inst.add_entity("x"),))
    return inst, theory


def test_a_chase_stops_when_the_run_runs_out_and_says_which_limit():
    inst, theory = _growing_chain(200)
    assert chase(inst, theory).status is ChaseStatus.OK
    with run_budget.started(Budget(max_total_steps=50)):
        result = chase(inst, theory)
        assert result.status is ChaseStatus.BUDGET and result.limit is Limit.TOTAL_STEPS
        # every later chase, however small, is undecided too: the run is over
        small, small_theory = _growing_chain(1)
        assert chase(small, small_theory).limit is Limit.TOTAL_STEPS


def test_a_search_counts_towards_the_run():
    inst = Instance()
    left = [inst.add_entity(f"l{i}") for i in range(15)]
    right = [inst.add_entity(f"r{i}") for i in range(15)]
    for a in left:
        for b in right:
            inst.add_fact("r", (a, b))
            inst.add_fact("r", (b, a))
    pattern = [Atom("r", ("a", "b")), Atom("r", ("b", "c")), Atom("r", ("c", "a"))]  # no triangle in a bipartite graph
    with run_budget.started(Budget(max_total_steps=10 ** 9)) as run:
        assert find_homomorphism(pattern, inst) is None
        spent = run.steps
    assert spent > 30
    with run_budget.started(Budget(max_total_steps=spent // 2)), pytest.raises(SearchBudgetExceeded) as stopped:
        find_homomorphism(pattern, inst)
    assert stopped.value.limit is Limit.TOTAL_STEPS


def test_a_pattern_of_many_independent_parts_is_split_in_linear_time():
    """Splitting a pattern into its independent parts compared each atom with every part found
    so far: 20,000 atoms of their own took minutes. Run in a bounded process."""
    script = (
        "from alignspec.reasoning.homomorphism import find_homomorphism\n"
        "from alignspec.reasoning.instance import Instance\n"
        "from alignspec.reasoning.logic import Atom\n"
        "inst = Instance()\n"
        "a, b = inst.add_entity('a'), inst.add_entity('b')\n"
        "inst.add_fact('r', (a, b))\n"
        "pattern = [Atom('r', ('x', f'y{i}')) for i in range(20000)] + [Atom('r', ('z', 'w'))]\n"
        "assert find_homomorphism(pattern, inst, {'x': a, 'z': b}) is None  # b has no successor\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          preexec_fn=_cap_memory)
    assert done.returncode == 0, done.stderr[-2000:]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
