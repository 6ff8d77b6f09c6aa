"""Fixtures for the view tests: the seed example, a tricky spec beside this file, and a way to
run the command line in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

import alignspec
from alignspec.cli import main

TRICKY = Path(__file__).resolve().parent / "tricky.align"


@pytest.fixture(scope="session")
def tricky_path() -> Path:
    return TRICKY


@pytest.fixture(scope="session")
def tricky(tricky_path) -> alignspec.Spec:
    return alignspec.load(str(tricky_path))


@pytest.fixture
def cli(capsys):
    """Run ``alignspec ARGS`` in-process: ``(status, stdout, stderr)``."""

    def run(*args: str) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return run
