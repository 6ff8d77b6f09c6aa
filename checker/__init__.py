"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary.

``load``, ``Spec``, ``SpecError`` and ``TableCells`` are imported when first used, so that the
command line starts without loading the parser and the reasoner."""

from typing import TYPE_CHECKING

from ._version import __version__
from .exceptions import AlignSpecError, UsageError
from .lazy import lazy_exports

if TYPE_CHECKING:
    from .analysis.scenarios import TableCells
    from .api import Spec, SpecError, load

__all__ = ["AlignSpecError", "Spec", "SpecError", "TableCells", "UsageError", "__version__", "load"]

__getattr__, __dir__ = lazy_exports(__name__, {
    "Spec": ".api",
    "SpecError": ".api",
    "TableCells": ".analysis.scenarios",
    "load": ".api",
})
