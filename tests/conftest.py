"""Suite-wide guard: every counterexample the reasoner verifies during the tests must pass the
independent model checker, whichever test produced it."""

from __future__ import annotations

import pytest

from alignspec.reasoning import entailment

_verify = entailment.verify_counterexample


def _verify_or_fail(theory, lhs, rhs, instance, var_map):
    verified = _verify(theory, lhs, rhs, instance, var_map)
    assert verified, (
        "the model checker rejected a counterexample: "
        f"{', '.join(map(str, lhs))} => {', '.join(map(str, rhs))} under {theory.name or 'the base framing'}"
    )
    return verified


@pytest.fixture(autouse=True, scope="session")
def every_counterexample_is_model_checked():
    entailment.verify_counterexample = _verify_or_fail
    yield
    entailment.verify_counterexample = _verify
