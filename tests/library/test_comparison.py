"""The comparison spec: outer alignment needs an explicit mapping (DOMAIN.md §4, case 12)."""

from __future__ import annotations

from _library_support import claim, justification, write

from alignspec.check import CheckOptions, check

# ---- DOMAIN case 12: arity / meaning clash for "outer alignment" --------------------------------

def test_case12_outer_alignment_needs_an_explicit_mapping(tmp_path):
    assert claim("comparison", "outer_H_to_G").status == "holds"
    assert claim("comparison", "outer_H_to_G_needs_mapping").status == "holds"
    assert claim("comparison", "outer_G_not_H").status == "holds"
    assert {"rule outer_optimum", "rule competent_on"} <= justification("comparison", "outer_H_to_G")
    path = write(tmp_path, """
        import hubinger2020 as H
        import koch2021 as K
        claim unify: H.outer_aligned equivalent K.outer_aligned_G
        """)
    result = check([str(path)], CheckOptions())
    assert [d.name for d in result.diagnostics if d.severity.value == "error"] == ["arity-mismatch"]
