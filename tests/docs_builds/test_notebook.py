"""The rich notebook view of a spec."""

from __future__ import annotations

import alignspec
from alignspec.integrations import spec_html

from .conftest import SEED


def test_spec_html_has_concepts_claims_and_lattices():
    html = spec_html(alignspec.load(str(SEED)))
    assert "<strong>Concepts</strong>" in html and "inner_aligned(m: MesaOptimizer)" in html
    assert "<strong>Claims</strong>" in html and "collapse" in html and 'class="holds"' in html
    assert "<svg" in html
