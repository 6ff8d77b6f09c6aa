"""Every construct of the language parses to the syntax tree its meaning needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from syntax_support import HERE, SEED, parse, seed_text

from alignspec.syntax import nodes as n
from alignspec.syntax.errors import RESERVED_WORDS, parse_file

ALL = HERE / "all_constructs.align"


@pytest.fixture(scope="module")
def spec() -> n.SpecFile:
    spec, diagnostics = parse_file(ALL)
    assert diagnostics == []
    return spec


def of(spec, cls):
    return [s for s in spec.statements if isinstance(s, cls)]


def by_name(items, name):
    [item] = [i for i in items if i.name is not None and i.name.text == name]
    return item


def test_spec_header_with_sources(spec):
    [header] = of(spec, n.SpecHeader)
    assert header.name.text == "all_constructs"
    assert header.doc == n.Doc("Every construct of AlignSpec", ("LANGUAGE.md", "seed.align"))
    assert spec.statements[0] is header


def test_imports_both_forms_with_and_without_alias(spec):
    imports = [(i.target, i.is_path, i.alias.text if i.alias else None) for i in of(spec, n.Import)]
    assert imports == [("agents.align", True, "ag"), ("plain.align", True, None),
                       ("alignment", False, "al"), ("basics", False, None)]


def test_kinds_with_parents_doc_sources_and_unicode(spec):
    kinds = of(spec, n.KindDecl)
    mesa = by_name(kinds, "MesaOptimizer")
    assert [p.text for p in mesa.parents] == ["Model", "Optimizer"]
    assert mesa.doc == n.Doc("a trained optimizer", ("a", "b"))
    assert by_name(kinds, "Optimizer").doc == n.Doc("a system that searches", ("Hubinger 2019",))
    objective = by_name(kinds, "Objective")
    assert [(p.prefix, p.name) for p in objective.parents] == [("al", "Thing")]
    assert {"Σοφία", "_hidden"} <= {k.name.text for k in kinds}


def test_disjoint_with_two_or_more_names(spec):
    first, second = of(spec, n.DisjointDecl)
    assert [q.text for q in first.names] == ["Optimizer", "Objective"]
    assert [q.text for q in second.names] == ["Model", "Objective", "ag.Goal"]
    assert second.doc == n.Doc("no model is an objective", ("common sense",))


def test_relation_with_every_property(spec):
    relations = of(spec, n.RelationDecl)
    trains = by_name(relations, "trains")
    assert [p.name for p in trains.properties] == [
        "functional", "inverse_functional", "reflexive", "irreflexive", "symmetric",
        "asymmetric", "transitive", "acyclic"]
    aligned = by_name(relations, "aligned_with")
    assert [q.text for q in aligned.positions] == ["Objective", "al.Objective"] and aligned.parents == ()
    assert aligned.doc == n.Doc(None, ("x",))
    assert by_name(relations, "plain").properties == ()


def test_relations_of_any_arity_with_parents(spec):
    relations = of(spec, n.RelationDecl)
    behaves = by_name(relations, "behaves")
    assert behaves.arity == 3 and [q.text for q in behaves.parents] == ["optimizes"]
    assert [p.name for p in behaves.properties] == ["functional"]
    assert behaves.doc == n.Doc("a ternary relation", ("v1",))
    acts = by_name(relations, "acts")
    assert [q.text for q in acts.positions] == ["Model", "al.Objective", "Objective"]


def test_rules_outside_framings_are_definitions(spec):
    definitions = {r.name.text: r for r in of(spec, n.RuleDecl)}
    assert definitions["defined"].doc == n.Doc("a definition", ("v1",))
    assert definitions["deny"].head.kind is n.HeadKind.FALSE


def test_negative_facts_and_every_expectation(spec):
    scenario = by_name(of(spec, n.ScenarioDecl), "v1")
    assert [f.atom.pred.text for f in scenario.negative_facts] == ["trained", "behaves"]
    assert [e.kind for e in scenario.expects] == [n.ExpectKind.REFUTED, n.ExpectKind.OPEN,
                                                   n.ExpectKind.INCONSISTENT]
    assert scenario.expects[-1].atom is None


def test_concept_with_doc_and_sources_before_the_body(spec):
    concepts = of(spec, n.ConceptDecl)
    inner = by_name(concepts, "inner_aligned")
    assert [(p.var.text, p.kind.text) for p in inner.params] == [("m", "MesaOptimizer"),
                                                                 ("b", "al.Optimizer")]
    assert inner.doc == n.Doc("doc before :=", ("s1", "s2"))
    args = [a.text for atom in inner.body for a in atom.args]
    assert {"L'", "L''", "L′", "L″", "L‴"} <= set(args)
    assert inner.body[2].pred.text == "al.aligned"
    assert by_name(concepts, "sourced").doc == n.Doc(None, ("only a source",))


def test_framings_with_extends_rules_and_every_head(spec):
    framings = of(spec, n.FramingDecl)
    hub = by_name(framings, "hubinger2020")
    assert hub.doc == n.Doc("gradient descent is the base optimizer", ("paper",))
    rules = {r.name.text: r for r in hub.rules}
    assert rules["mesa_behaves"].doc == n.Doc("an atom head", ("r",))
    assert rules["mesa_behaves"].head.kind is n.HeadKind.ATOMS
    assert len(rules["two"].head.atoms) == 2 and len(rules["two"].body) == 2
    same = rules["same"].head
    assert same.kind is n.HeadKind.EQUALITY and (same.left.text, same.right.text) == ("a", "b")
    assert rules["never"].head.kind is n.HeadKind.FALSE and rules["never"].head.atoms == ()
    harris = by_name(framings, "harris")
    assert [q.text for q in harris.extends] == ["hubinger2020", "al.base"]
    assert harris.rules == ()


def test_framings_without_braces(spec):
    framings = of(spec, n.FramingDecl)
    assert by_name(framings, "bare").extends == ()
    assert [q.text for q in by_name(framings, "bare_extends").extends] == ["harris"]
    bare_doc = by_name(framings, "bare_doc")
    assert bare_doc.doc == n.Doc("no rules", ("none",)) and bare_doc.rules == ()


def test_every_claim_form_with_and_without_name_and_framing(spec):
    claims = of(spec, n.ClaimDecl)
    seen = {(c.form, c.name is not None, c.framing is not None) for c in claims}
    for form in n.CLAIM_FORMS:
        assert (form, True, True) in seen
        assert (form, False, False) in seen
    named = by_name(claims, "named")
    assert isinstance(named.left, n.AtomsFormula) and len(named.right.atoms) == 2
    assert by_name(claims, "a1").left == n.ConceptFormula(by_name(claims, "a1").left.concept,
                                                          by_name(claims, "a1").left.span)
    doc_claim = [c for c in claims if c.doc.text == "doc after formula"]
    assert doc_claim and doc_claim[0].doc.sources == ("c",)
    assert by_name(claims, "eq").framing.text == "al.frame"
    satisfiable = by_name(claims, "s")
    assert satisfiable.right is None


def test_scenario_with_individuals_facts_and_expectations(spec):
    scenarios = of(spec, n.ScenarioDecl)
    three = by_name(scenarios, "three_levels")
    assert three.framing.text == "harris"
    assert three.doc == n.Doc("individuals, facts, expectations", ("seed",))
    assert [(i.kind.text, [x.text for x in i.names]) for i in three.individuals] == [
        ("Model", ["agent", "subagent"]), ("al.Objective", ["L", "L'", "L''"]),
        ("Optimizer", ["researcher"])]
    assert [f.pred.text for f in three.facts] == ["optimizes", "trains", "Model", "al.aligned"]
    assert [(e.atom.pred.text, e.negated) for e in three.expects] == [
        ("trained", False), ("trained", True), ("al.thing", False)]
    empty = by_name(scenarios, "empty")
    assert (empty.individuals, empty.facts, empty.expects) == ((), (), ())


def test_statement_spans(spec):
    framing = by_name(of(spec, n.FramingDecl), "hubinger2020")
    text = ALL.read_text(encoding="utf-8").split("\n")
    assert text[framing.span.line - 1].startswith("framing hubinger2020")
    assert text[framing.span.end_line - 1].strip() == "}"


def test_the_seed_example_parses():
    spec, diagnostics = parse(seed_text(), str(SEED))
    assert diagnostics == []
    counts = {}
    for statement in spec.statements:
        counts[type(statement).__name__] = counts.get(type(statement).__name__, 0) + 1
    assert counts == {"SpecHeader": 1, "KindDecl": 7, "DisjointDecl": 4, "RelationDecl": 6,
                      "ConceptDecl": 6, "FramingDecl": 4, "ClaimDecl": 9, "ScenarioDecl": 3}
    three = next(s for s in spec.statements if isinstance(s, n.ScenarioDecl))
    assert [x.text for x in three.individuals[2].names] == ["L", "L'", "L''"]


def test_primes_are_part_of_names_and_never_normalised():
    spec, _ = parse("kind L''\nkind L″\nkind L'\nkind L′\nkind L‴")
    assert [s.name.text for s in spec.statements] == ["L''", "L″", "L'", "L′", "L‴"]
    assert len({s.name.text for s in spec.statements}) == 5


@pytest.mark.parametrize("word", RESERVED_WORDS)
def test_names_that_start_or_end_like_reserved_words(word):
    names = [word + "ly", word + "_x", "x" + word, word + "'", "_" + word, word.capitalize()]
    text = "\n".join(f"kind {name}" for name in names)
    spec, diagnostics = parse(text)
    assert diagnostics == []
    assert [s.name.text for s in spec.statements] == names


def test_keywords_need_no_space_before_punctuation():
    spec, diagnostics = parse("kind A:B,C\"d\"source\"s\"\nrelation r(A,B)functional\"x\"")
    assert diagnostics == []
    assert spec.statements[0].doc == n.Doc("d", ("s",))


def test_string_escapes():
    spec, _ = parse(r'kind A "say \"hi\"\\ and\nbye"')
    assert spec.statements[0].doc.text == 'say "hi"\\ and\nbye'


def test_comments_and_whitespace_mean_nothing():
    plain, _ = parse("kind A: B\nrelation r(A, B)")
    spaced, _ = parse("# c\n  kind\tA # c\n :\n B # c\n\nrelation r ( A , B ) # end")
    strip = lambda spec: [(type(s), s.name.text) for s in spec.statements]  # noqa: E731
    assert strip(plain) == strip(spaced)


def test_claim_formulas_may_span_lines():
    spec, diagnostics = parse("claim x under F:\n    A(a),\n    B(a)\n    implies\n    C(a)")
    assert diagnostics == []
    assert len(spec.statements[0].left.atoms) == 2


def test_empty_text_and_comments_only_parse_to_no_statements():
    for text in ["", "\n", "   \n\t\n", "# only a comment", "# a\n# b\n"]:
        spec, diagnostics = parse(text)
        assert diagnostics == [] and spec.statements == ()


def test_empty_rule_block_and_empty_atom():
    spec, diagnostics = parse("framing F {}\nclaim: A() implies B()")
    assert diagnostics == []
    assert spec.statements[1].left.atoms[0].args == ()


def test_all_constructs_file_exists_beside_the_tests():
    assert Path(ALL).is_file()
