"""restated-premise and vacuous-claim, each both ways."""

from __future__ import annotations

import alignspec
from alignspec.codes import RESTATED_PREMISE, VACUOUS_CLAIM, lookup

VOCABULARY = """
kind Model
kind Objective
kind Human
disjoint Model, Objective
relation pursues(Model, Objective)
relation behaves_by(Model, Objective)
relation trained_by(Model, Human)
relation approved_by(Model, Human)
concept pursuer(m: Model) := pursues(m, o)
concept behaver(m: Model) := behaves_by(m, o)
concept trained(m: Model) := trained_by(m, h)
concept approved(m: Model) := approved_by(m, h)
"""


def found(write, text, code):
    spec = alignspec.load(str(write(VOCABULARY + text)))
    return {d.subject.claim: d for d in spec.diagnostics() if d.code == code.code}


def test_an_implication_that_is_the_rule_restated(write):
    hits = found(write, """
framing b1 {
    rule follows: pursues(m, o) -> behaves_by(m, o)
}
claim restated under b1: pursues(m, o) implies behaves_by(m, o)
""", RESTATED_PREMISE)
    assert set(hits) == {"restated"} and hits["restated"].subject.rule == "rule follows"
    assert hits["restated"].severity.value == "info"


def test_a_weaker_consequence_of_a_rule_is_derived_not_restated(write):
    assert found(write, """
framing b1 {
    rule follows: pursues(m, o) -> behaves_by(m, o)
}
claim weaker under b1: pursuer implies behaver
""", RESTATED_PREMISE) == {}


def test_a_claim_that_needs_two_rules_restates_neither(write):
    assert found(write, """
relation acts_on(Model, Objective)
framing chain {
    rule first: pursues(m, o) -> acts_on(m, o)
    rule second: acts_on(m, o) -> behaves_by(m, o)
}
claim chained under chain: pursues(m, o) implies behaves_by(m, o)
""", RESTATED_PREMISE) == {}


def test_unsatisfiable_and_excludes_restating_a_denial(write):
    hits = found(write, """
framing never {
    rule no_both: pursues(m, o), behaves_by(m, o) -> false
}
claim denied under never: pursues(m, o), behaves_by(m, o) excludes Model(m)
claim unsat under never: unsatisfiable pursues(m, o), behaves_by(m, o)
claim bigger under never: unsatisfiable pursues(m, o), behaves_by(m, o), trained_by(m, h)
""", RESTATED_PREMISE)
    assert set(hits) == {"denied", "unsat"}


def test_an_equivalence_restates_when_one_direction_does(write):
    hits = found(write, """
framing both {
    rule there: pursues(m, o) -> behaves_by(m, o)
    rule back: behaves_by(m, o) -> pursues(m, o)
}
claim eq under both: pursuer equivalent behaver
claim direct under both: pursues(m, o) implies behaves_by(m, o)
""", RESTATED_PREMISE)
    assert set(hits) == {"direct"}


def test_a_definition_can_be_restated_too(write):
    hits = found(write, """
rule approval: trained_by(m, h) -> approved_by(m, h)
claim by_definition: trained_by(m, h) implies approved_by(m, h)
""", RESTATED_PREMISE)
    assert hits["by_definition"].subject.rule == "definition approval"


def test_a_non_implication_whose_right_side_nothing_derives(write):
    hits = found(write, """
claim vacuous: trained does not imply approved
claim two_ways: trained distinct approved
""", VACUOUS_CLAIM)
    assert set(hits) == {"vacuous", "two_ways"}
    assert hits["vacuous"].subject.primitives == ("approved_by",)
    assert hits["two_ways"].subject.primitives == ("approved_by", "trained_by")


def test_a_non_implication_some_framing_could_break_is_not_vacuous(write):
    assert found(write, """
framing approve {
    rule approval: trained_by(m, h) -> approved_by(m, h)
}
claim vacuous: trained does not imply approved
""", VACUOUS_CLAIM) == {}


def test_a_distinct_claim_is_vacuous_only_when_every_failing_direction_is(write):
    hits = found(write, """
framing b1 {
    rule follows: pursues(m, o) -> behaves_by(m, o)
}
claim one_way: pursuer distinct behaver
""", VACUOUS_CLAIM)
    assert hits == {}


def test_a_primitive_the_left_side_contains_does_not_count(write):
    hits = found(write, """
framing b1 {
    rule follows: pursues(m, o) -> behaves_by(m, o)
}
claim shared: trained_by(m, h), pursues(m, o) does not imply trained_by(m, h), behaves_by(m, x)
""", VACUOUS_CLAIM)
    assert hits == {}


def test_the_examples_of_the_docs_trigger_their_finding(write):
    for code in (RESTATED_PREMISE, VACUOUS_CLAIM):
        spec = alignspec.load(str(write(lookup(code.code).doc["Example"], f"{code.name}.align")))
        assert code.code in {d.code for d in spec.diagnostics()}


def test_a_claim_through_a_chain_of_rules_chases_the_whole_theory_only_for_a_rule_it_could_restate(
        write, monkeypatch):
    """Each rule of the justification is first tested on the declarations alone; the chase of
    the framing without the rule, which costs as much as the whole chain, follows only where that
    passes (never here), so the check is linear in the chain, not quadratic."""
    from alignspec.reasoning.logic import Theory

    removed: list[frozenset[str]] = []
    without = Theory.without

    def counting(self, labels):
        removed.append(frozenset(labels))
        return without(self, labels)

    monkeypatch.setattr(Theory, "without", counting)
    kinds = "\n".join(f"kind P{i}" for i in range(40))
    rules = "\n".join(f"    rule step{i}: P{i - 1}(x) -> P{i}(x)" for i in range(1, 40))
    spec = alignspec.load(str(write(f"{kinds}\nframing f {{\n{rules}\n}}\nclaim chain under f: P0(x) implies P39(x)\n")))
    assert [c.status.value for c in spec.claims] == ["holds"]
    assert not [d for d in spec.diagnostics() if d.code == RESTATED_PREMISE.code]
    assert not [labels for labels in removed if any(label.startswith("rule step") for label in labels)]
