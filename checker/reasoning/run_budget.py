"""The budget of a whole run: a wall-clock deadline and a number of steps shared by every chase
and search of the run, beside the limits of each one (:class:`~.logic.Budget`).

Every chase and search counts its steps on a :class:`StepCounter`, which enforces its own limit
and, every ``REPORT_STRIDE`` steps and when it ends, reports what it counted to the run's
:class:`RunBudget` (the one :func:`started` made active in this thread). The run budget looks
at the clock every ``CLOCK_STRIDE`` steps reported. Once a limit of the run is passed, the
counter that reported it, and every one after it, raises :class:`SearchBudgetExceeded` naming
that limit: what was decided stays decided, and everything still to decide is unknown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .logic import Budget
from .status import Limit

REPORT_STRIDE = 1_024
CLOCK_STRIDE = 16_384
RUN_LIMITS = frozenset({Limit.TIMEOUT, Limit.TOTAL_STEPS})


class SearchBudgetExceeded(Exception):
    """A chase or a search passed a limit (``limit``: its own steps, or a limit of the whole
    run); the answer is unknown."""

    def __init__(self, limit: Limit = Limit.STEPS) -> None:
        super().__init__(limit.value)
        self.limit = limit


class RunBudget:
    """What is left of a run's time and steps; ``exhausted`` is the limit passed, once one is."""

    def __init__(self, timeout: float | None = None, max_total_steps: int | None = None,
                 clock: Callable[[], float] = time.monotonic, deadline: float | None = None) -> None:
        self._clock = clock
        self.deadline = deadline if deadline is not None else clock() + timeout if timeout is not None else None
        self.steps_left = max_total_steps
        self.steps = 0
        self.exhausted: Limit | None = None
        self._unclocked = 0

    def charge(self, steps: int) -> None:
        """Count ``steps`` more; raise :class:`SearchBudgetExceeded` once a limit of the run is
        passed (and on every call after that)."""
        if self.exhausted is not None:
            raise SearchBudgetExceeded(self.exhausted)
        self.steps += steps
        if self.steps_left is not None:
            self.steps_left -= steps
            if self.steps_left < 0:
                self._stop(Limit.TOTAL_STEPS)
        if self.deadline is not None:
            self._unclocked += steps
            if self._unclocked >= CLOCK_STRIDE:
                self._unclocked = 0
                if self._clock() > self.deadline:
                    self._stop(Limit.TIMEOUT)

    def check(self) -> None:
        """Raise :class:`SearchBudgetExceeded` if a limit of the run is passed, looking at the
        clock now; for loops whose rounds count no steps."""
        if self.exhausted is None and self.deadline is not None and self._clock() > self.deadline:
            self._stop(Limit.TIMEOUT)
        self.charge(0)

    def spent(self) -> Limit | None:
        """The limit of the run that is passed, looking at the clock now (None: none is); for
        work that goes on, without deciding anything more, once the budget is spent."""
        if self.exhausted is None and self.deadline is not None and self._clock() > self.deadline:
            self.exhausted = Limit.TIMEOUT
        return self.exhausted

    def seconds_left(self) -> float | None:
        """The wall-clock seconds left before the deadline (at most 0 once it is passed); None
        when the run has no timeout."""
        return None if self.deadline is None else self.deadline - self._clock()

    def _stop(self, limit: Limit) -> None:
        self.exhausted = limit
        raise SearchBudgetExceeded(limit)


_ACTIVE: ContextVar[RunBudget | None] = ContextVar("alignspec_run_budget", default=None)


def active() -> RunBudget | None:
    """The run budget in force in this thread (None outside any run)."""
    return _ACTIVE.get()


def deadline_of(budget: Budget) -> float | None:
    """The time on the monotonic clock (which every process of the machine shares) at which
    ``budget``'s ``timeout``, starting now, runs out; None without a timeout."""
    return time.monotonic() + budget.timeout if budget.timeout is not None else None


@contextmanager
def started(budget: Budget, deadline: float | None = None) -> Iterator[RunBudget]:
    """Make a run budget of ``budget``'s ``max_total_steps`` and ``timeout`` (or of the monotonic
    clock's ``deadline``, when given) the one in force for the ``with`` block; inside a run
    already started, that run's budget stays in force."""
    current = _ACTIVE.get()
    if current is not None:
        yield current
        return
    run = RunBudget(budget.timeout, budget.max_total_steps, deadline=deadline)
    token = _ACTIVE.set(run)
    try:
        yield run
    finally:
        _ACTIVE.reset(token)


def charge(steps: int) -> None:
    """Count ``steps`` against the run budget in force, if any."""
    run = _ACTIVE.get()
    if run is not None:
        run.charge(steps)


def seconds_left() -> float | None:
    """The wall-clock seconds the run budget in force has left (None: no run, or no timeout),
    for work outside the reasoner that must end by the run's deadline, such as a subprocess."""
    run = _ACTIVE.get()
    return run.seconds_left() if run is not None else None


def check_time() -> None:
    """Raise :class:`SearchBudgetExceeded` (``TIMEOUT``) if the run budget in force has passed its
    deadline; for work that decides nothing, such as laying out a diagram, which the run's steps
    do not bound."""
    left = seconds_left()
    if left is not None and left < 0:
        raise SearchBudgetExceeded(Limit.TIMEOUT)


def check() -> None:
    """Raise :class:`SearchBudgetExceeded` if the run budget in force is exhausted."""
    run = _ACTIVE.get()
    if run is not None:
        run.check()


def run_limit(limit: Limit | None) -> bool:
    """Whether ``limit`` is a limit of the whole run (not of one chase or search)."""
    return limit in RUN_LIMITS


def stop_at_run_limit(limit: Limit | None) -> None:
    """Raise :class:`SearchBudgetExceeded` when ``limit`` (which left an answer unknown) is a
    limit of the whole run: nothing after it can be decided either."""
    if run_limit(limit):
        assert limit is not None
        raise SearchBudgetExceeded(limit)


class StepCounter:
    """Counts the steps of one chase or search: raises :class:`SearchBudgetExceeded` once the
    count passes ``limit`` or the run budget in force is exhausted.

    The hot loops add to ``steps`` themselves and call :meth:`overflow` once ``steps`` passes
    ``bound``, so counting costs them one addition and one comparison."""

    __slots__ = ("_reported", "bound", "limit", "run", "steps")

    def __init__(self, limit: int) -> None:
        self.steps = 0
        self.limit = limit
        self.run = _ACTIVE.get()
        self._reported = 0
        self.bound = limit if self.run is None else min(limit, REPORT_STRIDE)

    @property
    def exceeded(self) -> bool:
        return self.steps > self.limit

    def add(self, steps: int) -> None:
        """Count ``steps`` more."""
        self.steps += steps
        if self.steps > self.bound:
            self.overflow()

    def add_outside_limit(self, steps: int) -> None:
        """Count ``steps`` towards the run's budget only, not towards ``limit``."""
        self.limit += steps
        self.add(steps)

    def overflow(self) -> None:
        """``steps`` passed ``bound``: report to the run, and raise past a limit."""
        self.settle()
        if self.steps > self.limit:
            raise SearchBudgetExceeded(Limit.STEPS)
        self.bound = min(self.limit, self.steps + REPORT_STRIDE)

    def settle(self, quiet: bool = False) -> None:
        """Report the steps not yet reported to the run budget; raises once it is exhausted,
        unless ``quiet`` (for a search being closed, which may not raise)."""
        if self.run is not None:
            steps, self._reported = self.steps - self._reported, self.steps
            try:
                self.run.charge(steps)
            except SearchBudgetExceeded:
                if not quiet:
                    raise
