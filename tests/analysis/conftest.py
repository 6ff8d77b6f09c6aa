"""Fixtures for the reasoner-level tests: the seed example and small specs written to disk."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import alignspec

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed.align"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("the shared seed example is not beside the repository")
    return SEED


@pytest.fixture(scope="session")
def seed(seed_path) -> alignspec.Spec:
    return alignspec.load(str(seed_path))


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "spec.align") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write

