"""Shared helpers of the library tests: load a shipped spec once, and find its claims, scenarios
and cells by name."""

from __future__ import annotations

import textwrap

import alignspec
from alignspec.model.loader import library_names
from alignspec.model.symbols import ConceptSym

_cache: dict[str, alignspec.Spec] = {}


def source_specs() -> list[str]:
    """Every shipped spec that formalizes a source (all but the vocabulary and the comparison)."""
    return [name for name in library_names() if name not in ("vocabulary", "comparison")]


def spec(name: str) -> alignspec.Spec:
    """The shipped spec ``name``, loaded once per test session, with every cell of its scenario
    tables decided (not only those whose individuals are known to be of the concept's kinds)."""
    if name not in _cache:
        _cache[name] = alignspec.load(name, cells=alignspec.TableCells.ALL)
    return _cache[name]


def claim(name: str, label: str):
    """The outcome of the claim ``label`` of spec ``name``."""
    found = [c for c in spec(name).claims if c.claim.label == label]
    assert found, f"no claim {label!r} in {name}"
    return found[0]


def justification(name: str, label: str) -> set[str]:
    """The labels of the justification of a claim that holds."""
    return {j.label for j in claim(name, label).justification or []}


def scenario(name: str, scenario_name: str):
    """The evaluation of one scenario of spec ``name``."""
    found = [s for s in spec(name).scenarios if s.scenario.name == scenario_name]
    assert found, f"no scenario {scenario_name!r} in {name}"
    return found[0]


def cell(evaluation, concept: str, *args: str) -> str:
    """The verdict of one cell of a scenario's table."""
    found = [c for c in evaluation.cells if c.concept == concept and tuple(c.args) == args]
    assert found, f"no cell {concept}{args}"
    return found[0].status


def all_passed(evaluation) -> bool:
    """The scenario is consistent and every expectation passes."""
    return evaluation.status == "consistent" and all(e.passed for e in evaluation.expectations)


def write(tmp_path, text: str, name: str = "spec.align"):
    """Write a dedented spec into ``tmp_path`` and return its path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def arrow(name: str, label: str) -> tuple[list[str], list[str], list[str]]:
    """The concepts on the left of an ``implies`` claim, the other atoms there, and the atoms on
    its right, by predicate name."""
    decl = claim(name, label).claim
    premises = [a.pred.name for a in decl.left.atoms if isinstance(a.pred, ConceptSym)]
    others = [a.pred.name for a in decl.left.atoms if not isinstance(a.pred, ConceptSym)]
    return premises, others, [a.pred.name for a in decl.right.atoms]


def diagram_arrows(name: str) -> set[str]:
    """The ``implies`` claims that read as arrows of a diagram: concepts on the left, one concept
    on the right."""
    found = set()
    for outcome in spec(name).claims:
        decl = outcome.claim
        if decl.form != "implies":
            continue
        right = decl.right.atoms
        if len(right) == 1 and isinstance(right[0].pred, ConceptSym) and any(
                isinstance(a.pred, ConceptSym) for a in decl.left.atoms):
            found.add(decl.label)
    return found
