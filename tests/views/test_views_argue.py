"""The argument map: which claims are arrows, how they are drawn (AND nodes, statuses), how
``--framing`` narrows it, its formats, and the report section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import alignspec
from alignspec.views import render_report
from alignspec.views.argument_map import ARGUE_SCHEMA, argument_map, conjunction_id
from alignspec.views.arguments import ArrowStatus
from alignspec.views.report import SectionKey, report_sections
from alignspec.views.roles import Role

ARGUMENTS = Path(__file__).resolve().parent / "arguments.align"
LIBRARY = Path(__file__).resolve().parents[2] / "ontology"
ARROWS = {"conjunction_elim", "both_safe", "shared_trait", "safe_helps", "by_fiat"}


@pytest.fixture(scope="module")
def spec() -> alignspec.Spec:
    return alignspec.load(str(ARGUMENTS))


def _map(spec: alignspec.Spec, framing: str | None = None):
    view = spec.classification(framing) if framing is not None else None
    return argument_map(spec.analysis, spec.diagnostics(), view)


def _by_claim(found) -> dict:
    return {a.claim: a for a in found.arguments}


def _arrow_into(graph, conclusion: str, claim: str) -> dict:
    """The one arrow of ``claim`` into ``conclusion``."""
    found = [d for _, v, d in graph.in_edges(conclusion, data=True) if d["claim"] == claim and d["role"] != Role.PREMISE]
    assert len(found) == 1
    return found[0]


def test_only_implies_claims_from_concepts_to_one_concept_are_arrows(spec):
    assert set(_by_claim(_map(spec))) == ARROWS


def test_premises_conclusion_and_conditions(spec):
    arguments = _by_claim(_map(spec))
    shared = arguments["shared_trait"]
    assert shared.premises == ("honest", "capable")
    assert shared.conclusion == "safe"
    assert shared.conditions == ("shows(a, t)", "shows(b, t)")
    assert arguments["safe_helps"].premises == ("safe",)
    assert arguments["both_safe"].conditions == ()


def test_statuses_and_restatements(spec):
    arguments = _by_claim(_map(spec))
    assert arguments["both_safe"].status is ArrowStatus.HOLDS
    assert arguments["shared_trait"].status is ArrowStatus.FAILS
    assert arguments["by_fiat"].status is ArrowStatus.RESTATED
    assert arguments["by_fiat"].restates == "rule helpful_by_fiat"
    assert arguments["safe_helps"].status is ArrowStatus.RESTATED
    assert arguments["both_safe"].restates is None
    assert arguments["conjunction_elim"].framing is None
    assert arguments["both_safe"].framing == "careful"


def test_conjunctive_claims_are_and_nodes(spec):
    found = _map(spec)
    graph = found.graph
    for argument in found.arguments:
        arrow = _arrow_into(graph, argument.conclusion, argument.claim)
        assert arrow["status"] == argument.status.value
        assert arrow["role"] == argument.status.value
        assert arrow["framing"] == argument.framing
        node = conjunction_id(argument)
        if argument.conjunctive:
            assert graph.nodes[node]["role"] == Role.CONJUNCTION
            assert sorted(u for u, _ in graph.in_edges(node)) == sorted(argument.premises)
            assert all(d["role"] == Role.PREMISE for _, _, d in graph.in_edges(node, data=True))
            assert list(graph.successors(node)) == [argument.conclusion]
        else:
            assert node not in graph
            assert graph.has_edge(argument.premises[0], argument.conclusion)
    assert {n for n, d in graph.nodes(data=True) if d["role"] == Role.CONCEPT} == {
        "honest", "capable", "safe", "helpful"}


def test_framing_keeps_its_claims_and_those_of_what_it_extends(spec):
    assert set(_by_claim(_map(spec, "careful"))) == {"conjunction_elim", "both_safe", "shared_trait"}
    assert set(_by_claim(_map(spec, "eager"))) == {"conjunction_elim", "both_safe", "shared_trait", "safe_helps"}
    assert set(_by_claim(_map(spec, "stated"))) == {"conjunction_elim", "by_fiat"}


def test_base_framing_keeps_only_claims_with_no_framing(cli):
    status, out, _ = cli("argue", "--framing", "base", "--format", "json", ARGUMENTS)
    assert status == 1  # the spec has a failing claim; the map is written all the same
    document = json.loads(out)
    assert [a["claim"] for a in document["arguments"]] == ["conjunction_elim"]
    assert document["scope"] == [None]


def test_json_envelope(cli):
    _, out, _ = cli("argue", "--format", "json", ARGUMENTS)
    document = json.loads(out)
    assert (document["schema"], document["version"]) == (ARGUE_SCHEMA, 1)
    assert document["framing"] is None and document["scope"] is None
    assert {a["claim"] for a in document["arguments"]} == ARROWS
    assert {a["status"] for a in document["arguments"]} == {"holds", "fails", "restated"}
    ids = {n["id"] for n in document["graph"]["nodes"]}
    assert "and:both_safe" in ids and "and:safe_helps" not in ids


def test_text_dot_and_mermaid_mark_every_status(cli):
    _, text, _ = cli("argue", ARGUMENTS)
    for word in ("holds", "fails", "restated"):
        assert word in text
    _, dot, _ = cli("argue", "--format", "dot", ARGUMENTS)
    assert dot.count('shape="ellipse"') == 4
    _, mermaid, _ = cli("argue", "--format", "mermaid", ARGUMENTS)
    assert mermaid.startswith("flowchart BT")
    assert "==>" in mermaid and "-.->" in mermaid


def test_unknown_framing_is_a_usage_error(cli):
    status, _, err = cli("argue", "--framing", "carefull", ARGUMENTS)
    assert status == 2
    assert "did you mean 'careful'" in err


def test_a_spec_without_arrows_has_an_empty_map(tricky):
    found = argument_map(tricky.analysis, tricky.diagnostics())
    assert found.arguments == ()
    assert found.graph.number_of_nodes() == 0
    assert "no claim argues" in found.text()


def test_report_has_the_section_only_when_there_are_arrows(spec, tricky):
    sections = {s.key: s.blocks for s in report_sections(spec)}
    keys = list(sections)
    assert keys.index(SectionKey.ARGUMENTS) == keys.index(SectionKey.CLAIMS) + 1
    assert sections[SectionKey.ARGUMENTS]
    assert not {s.key: s.blocks for s in report_sections(tricky)}[SectionKey.ARGUMENTS]
    assert "## Arguments" in render_report(spec, "markdown")
    assert "## Arguments" not in render_report(tricky, "markdown")


def test_report_narrowed_to_a_framing_narrows_the_section(spec):
    blocks = {s.key: s.blocks for s in report_sections(spec, "careful")}[SectionKey.ARGUMENTS]
    table = blocks[-1]
    assert {row[0] for row in table.rows} == {"conjunction_elim", "both_safe", "shared_trait"}


@pytest.mark.parametrize("path", sorted(LIBRARY.glob("*.align")), ids=lambda p: p.stem)
def test_library_maps_are_well_formed(path):
    spec = alignspec.load(str(path))
    found = argument_map(spec.analysis, spec.diagnostics())
    decided = {o.claim.label for o in spec.claims}
    for argument in found.arguments:
        assert argument.claim in decided
        assert argument.premises and argument.conclusion
        _arrow_into(found.graph, argument.conclusion, argument.claim)
        assert (conjunction_id(argument) in found.graph) == argument.conjunctive


def test_hubinger_diagram():
    """Hubinger 2020's first diagram, relying only on what a rewrite of the library keeps: the
    claims a1, a2 and a3 encode the post's arrows A1-A3 as implications between concepts (their
    concept names and the premises each spells out may change). Each holds under a framing that
    adds the premise it needs; A3 joins two concepts (an AND node); and the arrows chain as in the
    post: what A1 concludes (objective robustness) is a premise of A2, and what A2 concludes
    (intent alignment) is a premise of A3."""
    spec = alignspec.load("hubinger2020")
    found = argument_map(spec.analysis, spec.diagnostics())
    arrows = _by_claim(found)
    a1, a2, a3 = arrows["a1"], arrows["a2"], arrows["a3"]
    for argument in (a1, a2, a3):
        assert argument.status is ArrowStatus.HOLDS and argument.framing is not None
        assert _arrow_into(found.graph, argument.conclusion, argument.claim)["status"] == "holds"
    assert a3.conjunctive and conjunction_id(a3) in found.graph
    assert a1.conclusion in a2.premises
    assert a2.conclusion in a3.premises
