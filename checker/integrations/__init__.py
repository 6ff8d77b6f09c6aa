"""What the documentation integrations share: choosing the parts of a spec's report to show,
the concepts and claims a page can link to, the files a rendered spec depends on, where its
findings are, and the rich notebook view.

The integrations themselves are ``alignspec.sphinx`` (a Sphinx extension), ``alignspec.mkdocs``
(a MkDocs plugin) and ``alignspec.pygments_lexer`` (a Pygments lexer); this package needs none of Sphinx,
MkDocs or Pygments.
"""

from .cache import build_cache
from .entries import ClaimEntry, ConceptEntry, claim_entries, concept_entries
from .findings import Finding, findings
from .notebook import spec_html
from .paths import OutsideError, inside, resolve_inside, spec_files
from .sections import SHOW_CHOICES, SHOW_DEFAULT, Section, parse_show, select_sections

DOCS_TIMEOUT = 120.0
"""Seconds the reasoner may spend on one spec a documentation page shows, its analysis and what
its report decides while it is drawn together: a page whose spec takes longer builds with the
undecided answers reported (``budget-exceeded``) and the sections cut short saying so, instead
of holding up the build."""

__all__ = [
    "DOCS_TIMEOUT",
    "SHOW_CHOICES",
    "SHOW_DEFAULT",
    "ClaimEntry",
    "ConceptEntry",
    "Finding",
    "OutsideError",
    "Section",
    "build_cache",
    "claim_entries",
    "concept_entries",
    "findings",
    "inside",
    "parse_show",
    "resolve_inside",
    "select_sections",
    "spec_files",
    "spec_html",
]
