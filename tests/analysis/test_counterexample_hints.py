""""No match for" hints name what the printed counterexample names: a variable fixed by the left
side is written as the counterexample's entity, and any other variable as ``?name``, which no
entity can be mistaken for (``?`` is not part of a name)."""

from __future__ import annotations

import re

import alignspec

SPEC = """\
kind Model
kind Objective
relation trained_on(Model, Objective)
relation pursues(Model, Objective)
concept trained(m: Model) := trained_on(m, base)
concept pursuing(m: Model) := pursues(m, base)
claim by_concepts: trained implies pursuing
claim by_atoms: trained(m) implies pursues(m, base), trained_on(m, base)
"""

ENTITY_LINE = re.compile(r"^\s+[A-Z]\w* (?P<names>[\w', ]+)$")


def _entities(scenario: str) -> set[str]:
    names: set[str] = set()
    for line in scenario.splitlines():
        match = ENTITY_LINE.match(line)
        if match:
            names |= {name.strip() for name in match.group("names").split(",")}
    return names


def _arguments(hint: str) -> list[str]:
    return [a.strip() for a in hint[hint.index("(") + 1:-1].split(",")]


def test_hints_use_entities_for_fixed_variables_and_marked_names_otherwise(tmp_path):
    path = tmp_path / "cx.align"
    path.write_text(SPEC, encoding="utf-8")
    spec = alignspec.load(str(path))
    outcomes = {o.name: o for o in spec.claims}
    for name in ("by_concepts", "by_atoms"):
        outcome = outcomes[name]
        assert outcome.status.value == "fails"
        entities = _entities(outcome.counterexample.scenario)
        assert outcome.unmatched
        for hint in outcome.unmatched:
            for argument in _arguments(hint):
                assert argument in entities or (argument.startswith("?") and argument[1:] not in entities), (
                    name, hint, entities)
    assert outcomes["by_concepts"].unmatched == ("pursues(m, ?base_2)",)
    assert outcomes["by_atoms"].unmatched == ("pursues(m, ?base)",)
