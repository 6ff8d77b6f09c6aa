"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

from ._version import __version__
from .analysis.scenarios import TableCells
from .api import Spec, SpecError, load
from .check import UsageError
from .exceptions import AlignSpecError

__all__ = ["AlignSpecError", "Spec", "SpecError", "TableCells", "UsageError", "__version__", "load"]
