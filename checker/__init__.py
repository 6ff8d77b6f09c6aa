"""AlignSpec: a formal ontology language and consistency checker for AI-alignment vocabulary."""

__version__ = "0.1.0"
