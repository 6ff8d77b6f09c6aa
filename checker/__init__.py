"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

__version__ = "0.1.0"

from .api import Spec, SpecError, load  # noqa: E402

__all__ = ["Spec", "SpecError", "load", "__version__"]
