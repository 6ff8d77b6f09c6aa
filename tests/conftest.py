"""Suite-wide fixtures: the seed example, and a guard that every counterexample and witness the
reasoner verifies during the tests passes the independent model checker, whichever test
produced it."""

from __future__ import annotations

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
def every_counterexample_is_model_checked():
    entailment.verify_counterexample = _verify_or_fail
    entailment.verify_model = _verify_model_or_fail
    yield
    entailment.verify_counterexample = _verify
    entailment.verify_model = _verify_model
