"""Which cells of a scenario's table are computed: by default the tuples whose individuals are
known to be of the concept's parameter kinds, every tuple when asked; cells that are not wanted
cost no trial chase."""

from __future__ import annotations

import json

import pytest

import alignspec
from alignspec.analysis import verdicts
from alignspec.analysis.outcomes import Verdict
from alignspec.analysis.scenarios import TableCells
from alignspec.cli import main
from alignspec.model.symbols import ConceptSym
from alignspec.views import render_report

SPEC = """
kind Agent
kind Robot: Agent
kind Human: Agent
kind Goal
kind Thing
disjoint Agent, Goal
relation pursues(Agent, Goal) functional
relation deceives(Agent, Human) irreflexive
concept pursuer(a: Agent) := pursues(a, g)
concept deceiver(a: Agent) := deceives(a, h)
concept deceived(h: Human) := deceives(a, h)
concept pursued(g: Goal) := pursues(a, g)
concept tireless(r: Robot) := pursues(r, g)
framing honest "no pursuer deceives" {
    rule no_deceit: pursues(a, g), deceives(a, h) -> false
}
scenario s under honest {
    Agent model
    Human alice
    Goal g
    Thing box
    pursues(model, g)
    expect pursuer(model)
}
"""


@pytest.fixture
def path(write):
    return write(SPEC)


@pytest.fixture
def cli_main(capsys):
    """Run ``alignspec ARGS`` in-process: ``(status, stdout)``."""

    def run(*args) -> tuple[int, str]:
        status = main([str(a) for a in args])
        return status, capsys.readouterr().out

    return run


def _cells(spec) -> dict:
    (evaluation,) = spec.scenarios
    return {(c.concept, c.args): c.status for c in evaluation.cells}


def test_by_default_only_fitting_cells_are_computed(path):
    cells = _cells(alignspec.load(str(path)))
    assert cells[("pursuer", ("model",))] is Verdict.HOLDS
    assert cells[("deceiver", ("model",))] is Verdict.REFUTED
    assert cells[("deceiver", ("alice",))] is Verdict.OPEN
    assert cells[("pursued", ("g",))] is Verdict.HOLDS
    assert ("pursuer", ("g",)) not in cells        # a Goal: known to be outside
    assert ("pursuer", ("box",)) not in cells      # a Thing: not known to be an Agent
    assert ("deceived", ("model",)) not in cells   # an Agent not known to be a Human
    assert not any(concept == "tireless" for concept, _ in cells)   # no individual is a Robot


def test_every_cell_when_asked(path):
    cells = _cells(alignspec.load(str(path), cells=TableCells.ALL))
    assert len(cells) == 5 * 4
    assert cells[("pursuer", ("g",))] is Verdict.NOT_APPLICABLE
    assert cells[("pursuer", ("box",))] is Verdict.OPEN
    assert cells[("tireless", ("model",))] is Verdict.OPEN


def test_no_cell_that_holds_is_left_out(path):
    fitting = _cells(alignspec.load(str(path)))
    every = _cells(alignspec.load(str(path), cells=TableCells.ALL))
    assert {k for k, v in every.items() if v is Verdict.HOLDS} == {k for k, v in fitting.items() if v is Verdict.HOLDS}
    assert all(every[key] == status for key, status in fitting.items())


def test_cells_not_wanted_cost_no_trial_chase(path, monkeypatch):
    asked: list[list] = []
    real = verdicts.VerdictDecider.refutation_of

    def counting(self, additions):
        asked.append(list(additions))
        return real(self, additions)

    monkeypatch.setattr(verdicts.VerdictDecider, "refutation_of", counting)
    alignspec.load(str(path))
    concepts = [(pred.name, tuple(args)) for additions in asked for pred, args in additions
                if isinstance(pred, ConceptSym)]
    assert sorted(concepts) == [("deceived", ("alice",)), ("deceiver", ("alice",)), ("deceiver", ("model",)),
                                ("pursuer", ("alice",))]
    fitting = len(asked)
    asked.clear()
    alignspec.load(str(path), cells=TableCells.ALL)
    assert len(asked) > fitting


def test_scenario_command_text_and_all(path, cli_main):
    status, out = cli_main("scenario", path)
    assert status == 0
    header = next(line for line in out.splitlines() if line.strip().startswith("pursuer"))
    assert header.split() == ["pursuer", "deceiver", "deceived", "pursued"]
    assert "blank: not known to be of its kind" in out
    box = next(line for line in out.splitlines() if line.strip().startswith("box"))
    assert box.split() == ["box"]
    status, out = cli_main("scenario", "--all", path)
    assert status == 0
    header = next(line for line in out.splitlines() if line.strip().startswith("pursuer"))
    assert "tireless" in header.split()
    assert "blank" not in out


def test_scenario_json_lists_the_cells_computed(path, cli_main):
    _, out = cli_main("scenario", "--format", "json", path)
    (record,) = json.loads(out)["scenarios"]
    assert record["table"] == "fitting"
    assert {(c["concept"], tuple(c["args"])) for c in record["cells"]} == set(_cells(alignspec.load(str(path))))
    _, out = cli_main("scenario", "--all", "--format", "json", path)
    (record,) = json.loads(out)["scenarios"]
    assert record["table"] == "all" and len(record["cells"]) == 20


def test_report_table_leaves_cells_blank(path):
    markdown = render_report(alignspec.load(str(path)), "markdown")
    section = markdown.split("### Scenario `s`", 1)[1]
    assert "a blank cell: the individual is not known to be of the concept's kind" in section
    assert "| `box` |  |  |  |  |" in section
    assert "tireless" not in section
