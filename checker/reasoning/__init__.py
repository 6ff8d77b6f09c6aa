"""The reasoning core: instances, the chase, homomorphisms, entailment and classification.

It knows nothing of files or syntax: it works on the atoms, axioms and theories of
:mod:`alignspec.reasoning.logic`.
"""

from .chase import ChaseResult, Failure, chase
from .classification import Classification, classify
from .entailment import (
                         ImplicationResult,
                         SatisfiabilityResult,
                         canonical_instance,
                         decide_implication,
                         decide_satisfiable,
                         minimal_justification,
)
from .homomorphism import SearchBudgetExceeded, best_partial_match, find_homomorphism, homomorphisms
from .instance import Derivation, Fact, Instance
from .logic import Atom, Axiom, AxiomKind, Budget, Theory
from .status import Answer, ChaseStatus, Limit, Satisfiability
from .termination import weak_acyclicity_violation

__all__ = [
    "Answer", "Atom", "Axiom", "AxiomKind", "Budget", "ChaseResult", "ChaseStatus", "Classification",
    "Derivation", "Fact", "Failure", "ImplicationResult", "Instance", "Limit", "Satisfiability",
    "SatisfiabilityResult", "SearchBudgetExceeded", "Theory", "best_partial_match", "canonical_instance",
    "chase", "classify", "decide_implication", "decide_satisfiable", "find_homomorphism", "homomorphisms",
    "minimal_justification", "weak_acyclicity_violation",
]
