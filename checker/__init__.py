"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

from ._version import __version__
from .analysis.scenarios import TableCells
from .api import Spec, SpecError, load

__all__ = ["Spec", "SpecError", "TableCells", "__version__", "load"]
