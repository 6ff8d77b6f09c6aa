"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

__version__ = "0.1.0"

from .api import Spec, SpecError, load  # noqa: E402
from .check import UsageError  # noqa: E402
from .exceptions import AlignSpecError  # noqa: E402

__all__ = ["AlignSpecError", "Spec", "SpecError", "UsageError", "load", "__version__"]
