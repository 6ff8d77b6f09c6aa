"""RFLO §5: mesa-optimization in chains of services (CAIS), with an intermediary service an optimizer
in two respects, as precedent for Harris's three levels."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

MULTILEVEL = "rflo_multilevel"


def levels(evaluation, relation: str) -> dict[str, int]:
    return {h.relation: h.levels for h in evaluation.hierarchies}[relation]


def test_multilevel_spec_checks_clean():
    findings = list(spec(MULTILEVEL).diagnostics())
    assert findings == [], [f"{d.name}: {d.message}" for d in findings]
    assert {c.status for c in spec(MULTILEVEL).claims} == {"holds"}
    assert all(all_passed(s) for s in spec(MULTILEVEL).scenarios)


def test_cais_chain_has_three_levels_and_an_optimizer_in_two_respects():
    chain = scenario(MULTILEVEL, "cais_chain")
    assert levels(chain, "trains") == {"learner": 0, "service": 1, "final_service": 2}
    assert cell(chain, "optimizer_in_two_respects", "service", "learner", "final_service") == "holds"
    assert cell(chain, "meta_optimizer_of", "learner", "service") == "holds"
    assert claim(MULTILEVEL, "two_respects_in_a_chain").status == "holds"


def test_final_service_as_mesa_optimizer_has_the_next_to_final_service_as_base_optimizer():
    final = scenario(MULTILEVEL, "cais_final_mesa")
    assert cell(final, "mesa_optimizer_wrt", "final_service", "service") == "holds"
    assert cell(final, "mesa_optimizer_wrt", "final_service", "learner") == "open"
    assert claim(MULTILEVEL, "final_service_has_its_base_optimizer").status == "holds"


def test_the_vocabulary_makes_every_intermediary_a_mesa_optimizer():
    # §5 says "might also be"; the glossary's definition, as the vocabulary encodes it, says "is"
    assert justification(MULTILEVEL, "glossary_makes_every_intermediary_mesa") == {
        "definition vocabulary.learned_optimizer_is_mesa", "domain of trains", "range of trains"}


def test_harris_middle_level_is_an_optimizer_in_two_respects_given_his_premise():
    assert claim(MULTILEVEL, "harris_middle_level_is_two_respects").status == "holds"
    assert "rule HT.builder_is_base" in justification(MULTILEVEL, "harris_middle_level_is_two_respects")
    assert claim(MULTILEVEL, "harris_levels_need_the_premise").status == "holds"
    # a chain of development needs no such premise
    assert "rule HT.builder_is_base" not in justification(MULTILEVEL, "development_chain_needs_no_premise")
    harris = scenario(MULTILEVEL, "harris_three_levels")
    assert levels(harris, "builds") == {"researcher": 0, "agent": 1, "subagent": 2}
    assert cell(harris, "optimizer_in_two_respects", "agent", "researcher", "subagent") == "holds"
    hubinger = scenario(MULTILEVEL, "harris_three_levels_without_premise")
    assert levels(hubinger, "builds") == {"researcher": 0, "agent": 1, "subagent": 2}
    assert cell(hubinger, "optimizer_in_two_respects", "agent", "researcher", "subagent") == "open"
