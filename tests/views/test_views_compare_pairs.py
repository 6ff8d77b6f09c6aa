"""Which pairs the comparison shows: only concepts whose parameter kinds can meet, helpers with
no member anywhere hidden unless asked for, and ``excludes`` decided by the reasoner, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import alignspec
from alignspec.analysis import exclusions as exclusions_module
from alignspec.analysis.exclusions import Exclusions
from alignspec.views import render_report
from alignspec.views.compare import Relation, compare, spec_comparison

COMPARING = Path(__file__).resolve().parent / "comparing.align"


@pytest.fixture
def spec() -> alignspec.Spec:
    return alignspec.load(str(COMPARING))


def _pairs(comparison) -> dict:
    return {(r.left, r.right): dict(zip(comparison.framings, r.relations)) for r in comparison.rows}


def _concepts(comparison) -> set[str]:
    return {name for r in comparison.rows for name in (r.left, r.right)}


def test_pairs_whose_kinds_are_disjoint_are_not_compared(spec):
    comparison = spec_comparison(spec.analysis)
    pairs = _pairs(comparison)
    assert ("robot_user", "tool_used") not in pairs and ("tool_used", "robot_user") not in pairs
    assert ("calm", "tool_used") not in pairs
    assert pairs[("tool_used", "hammer_used")][None] is Relation.IMPLIED_BY
    assert pairs[("calm", "robot_user")][None] is Relation.INCOMPARABLE
    assert comparison.kinds_disjoint == 6


def test_without_a_kind_table_every_pair_of_equal_arity_is_compared(spec):
    comparison = compare(spec.analysis.framings)
    assert ("robot_user", "tool_used") in _pairs(comparison)
    assert comparison.kinds_disjoint == 0


def test_excludes_is_a_relation_of_its_own(spec):
    comparison = spec_comparison(spec.analysis)
    calm_angry = _pairs(comparison)[("calm", "angry")]
    assert calm_angry == {None: Relation.INCOMPARABLE, "moody": Relation.EXCLUDES, "gentle": Relation.UNSATISFIABLE}
    assert comparison.rows[0].disagree
    assert all(r is not Relation.EXCLUDES for row in comparison.rows if (row.left, row.right) != ("calm", "angry")
               for r in row.relations)


def test_helpers_with_no_member_anywhere_are_hidden_unless_asked(spec):
    comparison = spec_comparison(spec.analysis)
    assert comparison.hidden == ["confused"]
    assert "confused" not in _concepts(comparison)
    assert "angry" in _concepts(comparison)  # no member under gentle only
    shown = spec_comparison(spec.analysis, show_all=True)
    assert shown.hidden == []
    assert _pairs(shown)[("calm", "confused")]["moody"] is Relation.UNSATISFIABLE


def test_hidden_depends_on_the_framings_compared(spec):
    gentle = [spec.classification("gentle")]
    assert spec_comparison(spec.analysis, gentle).hidden == ["angry", "confused"]
    assert spec_comparison(spec.analysis, gentle, concept="angry").hidden == ["confused"]


def test_exclusions_are_decided_once_and_only_for_shown_pairs(spec, monkeypatch):
    calls = []
    real = exclusions_module.decide_satisfiable

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(exclusions_module, "decide_satisfiable", counting)
    first = spec_comparison(spec.analysis)
    asked = len(calls)
    incomparable = sum(1 for row in first.rows for r in row.relations if r in (Relation.INCOMPARABLE, Relation.EXCLUDES))
    assert asked == incomparable
    spec_comparison(spec.analysis)
    assert len(calls) == asked
    for atoms in calls:  # no conjunction of a pair whose kinds clash: no variable is both an agent and a tool
        agents = {a.args[0] for a in atoms if a.pred in ("Agent", "Robot")}
        tools = {a.args[0] for a in atoms if a.pred in ("Tool", "Hammer")}
        assert not agents & tools


def test_the_cache_is_bounded(spec):
    cache = Exclusions(spec.analysis.builder, spec.budget, size=1)
    view = spec.classification("moody")
    concepts = view.concepts
    assert cache.excludes(view.framing, concepts["calm"], concepts["angry"])
    assert not cache.excludes(view.framing, concepts["calm"], concepts["robot_user"])
    assert len(cache) == 1


def test_cli_text_markdown_and_json(cli):
    status, text, _ = cli("compare", COMPARING)
    assert status == 0
    assert "excludes" in text and "confused" in text.splitlines()[-2]
    _, markdown, _ = cli("compare", "--format", "markdown", COMPARING)
    assert "| `calm` | `angry` | incomparable | excludes | unsatisfiable | yes |" in markdown
    _, out, _ = cli("compare", "--format", "json", COMPARING)
    document = json.loads(out)
    assert (document["schema"], document["version"]) == ("alignspec-compare", 1)
    assert document["hidden"] == ["confused"] and document["kinds_disjoint"] == 6
    relations = {r["relation"] for row in document["rows"] for r in row["relations"]}
    assert "excludes" in relations
    _, out, _ = cli("compare", "--all", "--format", "json", COMPARING)
    document = json.loads(out)
    assert document["hidden"] == []
    assert any("confused" in (row["left"], row["right"]) for row in document["rows"])


def test_report_comparison_follows(spec):
    markdown = render_report(spec, "markdown")
    section = markdown.split("## Comparison of the framings", 1)[1].split("\n## ", 1)[0]
    assert "| [`calm`](#concept-calm) | [`angry`](#concept-angry) |" in section
    assert "`confused`" not in section
    assert "Not shown: 1 concept" in section
