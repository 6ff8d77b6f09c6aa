"""The shipped library as a whole (ontology/*.align): it checks clean with --strict, every spec
loads by name, and every definition cites a source. Each source spec has its own test module,
which pins the results the source asserts (DOMAIN.md §4)."""

from __future__ import annotations

from _library_support import source_specs, spec

from alignspec.check import CheckOptions, check
from alignspec.model.loader import library_directory, library_names

# ---- the library as a whole ---------------------------------------------------------------------

def test_library_checks_clean_and_loads_by_name():
    names = library_names()
    for name in ["vocabulary", "comparison", *source_specs()]:
        assert name in names, f"{name}.align is not in the shipped library"
    result = check([str(library_directory())], CheckOptions())
    bad = [f"{d.name}: {d.message}" for d in result.diagnostics if d.severity.value in ("error", "warning")]
    assert bad == []
    assert result.exit_status(strict=True) == 0
    assert result.claims and {c.status for c in result.claims} == {"holds"}
    for name in names:
        loaded = spec(name)
        assert loaded.name == name
        assert [d for d in loaded.diagnostics() if d.severity.value in ("error", "warning")] == []


def _declarations(statements):
    """Kinds, relations, concepts and rules, those inside framings included."""
    for statement in statements:
        kind = type(statement).__name__
        if kind in ("KindDecl", "RelationDecl", "ConceptDecl", "RuleDecl"):
            yield statement
        elif kind == "FramingDecl":
            yield from statement.rules


def test_every_definition_of_a_source_spec_cites_a_source():
    for name in ["vocabulary", *source_specs()]:
        statements = spec(name).unit.spec.statements
        assert name == "vocabulary" or any(type(s).__name__ == "ConceptDecl" for s in statements), name
        for declaration in _declarations(statements):
            assert declaration.doc.text and declaration.doc.sources, (
                f"{name}: {declaration.name.text} has no doc string or no source")


def test_the_comparison_cites_a_source_for_every_bridge():
    for declaration in _declarations(spec("comparison").unit.spec.statements):
        assert declaration.doc.text and declaration.doc.sources, declaration.name.text
