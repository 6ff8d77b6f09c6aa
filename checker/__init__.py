"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

from ._version import __version__
from .api import Spec, SpecError, load

__all__ = ["Spec", "SpecError", "__version__", "load"]
