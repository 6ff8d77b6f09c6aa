"""The examples in the package's docstrings run and print what they say (from the examples
folder, where the docstrings' ``seed.align`` is)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import alignspec

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(alignspec.__path__, "alignspec.")
    if not info.name.startswith(("alignspec.sphinx", "alignspec.mkdocs"))
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0
