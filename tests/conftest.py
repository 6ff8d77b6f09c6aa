"""Suite-wide fixtures: the seed example, a guard that every counterexample and witness the
reasoner verifies during the tests passes the independent model checker, whichever test
produced it, and no result cache (so that every test runs the reasoner, and none writes into
the user's cache directory) except where a test turns it on."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import alignspec
from alignspec.reasoning import entailment

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seed_v0.align"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed argument as the version-0 spec (a verbatim copy of the original seed example)."""
    return SEED


@pytest.fixture(scope="session")
def seed(seed_path) -> alignspec.Spec:
    """The seed example, loaded and analysed."""
    return alignspec.load(str(seed_path))

MEMORY_CAP = 512 << 20  # address space allowed to a command run by ``bounded_cli``


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.fixture
def bounded_cli():
    """Run ``alignspec ARGS`` in a fresh process under a time limit and a memory cap:
    ``(status, stdout, stderr)``. A command that hangs fails the test with
    ``subprocess.TimeoutExpired`` (the process is killed); one that grows without end runs out
    of memory instead of taking the machine's."""

    def run(*args, cwd=None, timeout: float = 60, env=None, stdin=subprocess.DEVNULL):
        environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
        completed = subprocess.run(
            [sys.executable, "-m", "alignspec", *(str(a) for a in args)], cwd=cwd, env=environment,
            stdin=stdin, capture_output=True, text=True, errors="replace", timeout=timeout,
            preexec_fn=_cap_memory,
        )
        return completed.returncode, completed.stdout, completed.stderr

    return run


_verify = entailment.verify_counterexample


def _verify_or_fail(theory, lhs, rhs, instance, var_map):
    verified = _verify(theory, lhs, rhs, instance, var_map)
    assert verified, (
        "the model checker rejected a counterexample: "
        f"{', '.join(map(str, lhs))} => {', '.join(map(str, rhs))} under {theory.name or 'the base framing'}"
    )
    return verified


_verify_model = entailment.verify_model


def _verify_model_or_fail(theory, atoms, instance, var_map):
    verified = _verify_model(theory, atoms, instance, var_map)
    assert verified, (
        "the model checker rejected a witness world: "
        f"{', '.join(map(str, atoms))} under {theory.name or 'the base framing'}"
    )
    return verified


@pytest.fixture(autouse=True, scope="session")
def no_result_cache():
    """``ALIGNSPEC_NO_CACHE=1`` for the whole session, commands run in subprocesses included."""
    before = os.environ.get("ALIGNSPEC_NO_CACHE")
    os.environ["ALIGNSPEC_NO_CACHE"] = "1"
    yield
    if before is None:
        del os.environ["ALIGNSPEC_NO_CACHE"]
    else:
        os.environ["ALIGNSPEC_NO_CACHE"] = before


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    """The result cache turned on, in a directory of its own: ``XDG_CACHE_HOME``."""
    home = tmp_path / "cache-home"
    monkeypatch.delenv("ALIGNSPEC_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture(autouse=True, scope="session")
def every_counterexample_is_model_checked():
    entailment.verify_counterexample = _verify_or_fail
    entailment.verify_model = _verify_model_or_fail
    yield
    entailment.verify_counterexample = _verify
    entailment.verify_model = _verify_model
