"""The Python API: load a spec, ask what follows from it, and read its findings.

    >>> import alignspec
    >>> spec = alignspec.load("seed.align")
    >>> spec.implies("objective_robust", "inner_aligned", framing="harris").status
    'holds'

These are the objects the command line uses; nothing here prints.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Iterator

from lark.exceptions import UnexpectedInput

from .analysis.claims import ClaimDecider, ClaimOutcome
from .analysis.framings import FramingView
from .analysis.scenarios import ScenarioEvaluation
from .analysis.spec import SpecAnalysis
from .analysis.usable import claim_usable
from .check import CheckOptions, UsageError, check_files, default_roots, load_and_analyse
from .diagnostics import Diagnostic
from .exceptions import AlignSpecError
from .model.resolve import resolve_claim
from .model.symbols import FramingSym, Unit
from .reasoning.logic import Budget
from .reporter import Reporter, ordered
from .results import CheckResult
from .syntax import nodes as n
from .syntax.errors import describe
from .syntax.parser import parse_text


class SpecError(AlignSpecError):
    """The spec cannot answer as asked: a file that does not parse (``diagnostics`` says why),
    an unknown framing, a question that is malformed or not a string..."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []


def _starts_with_word(text: str, word: str) -> bool:
    """Whether ``text`` starts with the keyword ``word`` (not a longer name such as ``claimed``)."""
    return re.match(re.escape(word) + r"(?![\w'\u2032\u2033\u2034])", text) is not None


@dataclass
class Spec:
    """A loaded, analysed spec."""

    path: str
    unit: Unit
    analysis: SpecAnalysis
    own_diagnostics: list[Diagnostic]
    budget: Budget

    @property
    def name(self) -> str:
        return self.unit.name

    def diagnostics(self) -> Iterator[Diagnostic]:
        """Every finding about this spec, in the order ``check`` prints them."""
        yield from ordered([*self.own_diagnostics, *self.analysis.reporter.diagnostics])

    @property
    def claims(self) -> list[ClaimOutcome]:
        """The decision on each claim of the spec."""
        return self.analysis.claims

    @property
    def framings(self) -> list[str]:
        """The names of the spec's own framings."""
        return [f.name for f in self.unit.framings]

    def classification(self, framing: str | None = None) -> FramingView:
        """The classification under ``framing`` (None: the base framing): ``view.classification``
        has the equivalence classes, the Hasse diagram and the unsatisfiable concepts."""
        for view in self.analysis.framings:
            if (view.framing is None and framing is None) or (view.framing is not None and view.framing.name == framing):
                return view
        raise SpecError(f"no framing named '{framing}' in spec '{self.name}'")

    @property
    def scenarios(self) -> list[ScenarioEvaluation]:
        return self.analysis.scenarios

    def _framing(self, name: str | None) -> FramingSym | None:
        if name is None:
            return None
        symbol = self.unit.scope.get(name)
        if "." in name:
            prefix, _, rest = name.partition(".")
            unit = self.unit.aliases.get(prefix)
            symbol = unit.scope.get(rest) if unit is not None else None
        if not isinstance(symbol, FramingSym):
            raise SpecError(f"no framing named '{name}' in spec '{self.name}'")
        return symbol

    def ask(self, claim_text: str) -> ClaimOutcome:
        """Decide a claim written in the language, e.g. ``"under harris: a equivalent b"``
        or ``"objective_robust(a) implies inner_aligned(a)"`` (the leading ``claim`` is optional).

        Raises ``SpecError`` when the question is not a string, does not parse, or does not
        resolve in this spec."""
        if not isinstance(claim_text, str):
            raise SpecError(f"a question is a string written in the language, not {type(claim_text).__name__}")
        text = claim_text.strip()
        if not _starts_with_word(text, "claim"):
            text = "claim " + (text if _starts_with_word(text, "under") else ": " + text)
        try:
            parsed = parse_text(text, "<question>")
        except UnexpectedInput as exc:
            diagnostic = describe(exc, text, "<question>")
            raise SpecError(f"cannot read the question: {diagnostic.message}", [diagnostic]) from None
        if len(parsed.statements) != 1 or not isinstance(parsed.statements[0], n.ClaimDecl):
            raise SpecError("a question is exactly one claim")
        decl = parsed.statements[0]
        reporter = Reporter()
        claim = resolve_claim(self.unit, decl, reporter)
        if reporter.diagnostics or not claim.complete:
            raise SpecError("the question does not resolve in this spec", reporter.diagnostics)
        if not claim_usable(claim):
            raise SpecError("the question uses a concept that is circular or has errors in its definition; "
                            "see the spec's diagnostics")
        framings = [v.framing for v in self.analysis.framings]
        terminating = {id(v.framing): v.terminating for v in self.analysis.framings}
        decider = ClaimDecider(self.analysis.builder, self.budget,
                               lambda f: terminating.get(id(f), True), [f for f in framings if f is not None])
        return decider.decide(claim)

    def implies(self, left: str, right: str, framing: str | None = None) -> ClaimOutcome:
        """Whether formula ``left`` implies ``right`` under ``framing`` (concept names or atoms).

        Raises ``SpecError`` as :meth:`ask` does, and for an unknown framing."""
        for what, value in (("left", left), ("right", right)):
            if not isinstance(value, str):
                raise SpecError(f"{what} is a formula written in the language, not {type(value).__name__}")
        if framing is not None and not isinstance(framing, str):
            raise SpecError(f"framing is a framing's name, not {type(framing).__name__}")
        self._framing(framing)
        under = f"under {framing}" if framing else ""
        return self.ask(f"claim {under}: {left} implies {right}")

    def check(self) -> CheckResult:
        """The same result ``alignspec check`` renders for this file."""
        result, _ = check_files([self.path], CheckOptions(roots=default_roots([self.path]), budget=self.budget))
        return result

    def _repr_html_(self) -> str:
        """The spec in a notebook: findings, concepts, claims and each framing's lattice."""
        from .integrations import spec_html

        return spec_html(self)


def load(path: str | os.PathLike[str], roots: list[str] | None = None, budget: Budget | None = None) -> Spec:
    """Load, resolve and analyse a spec file (or a shipped library spec by name).

    Raises ``SpecError`` when the file cannot be read or parsed, with its diagnostics attached,
    and ``UsageError`` when ``path`` names no spec (or cannot name one: too long, not a path),
    or ``roots`` or ``budget`` are not what they should be.
    """
    try:
        path = os.fspath(path)
        roots = [os.fspath(root) for root in roots or []]
    except TypeError as exc:
        raise UsageError(f"load() takes paths: {exc}") from None
    if not all(isinstance(p, str) for p in [path, *roots]):
        raise UsageError("load() takes paths as str or os.PathLike, not bytes")
    if budget is not None and not isinstance(budget, Budget):
        raise UsageError(f"budget is an alignspec.reasoning.logic.Budget, not {type(budget).__name__}")
    budget = budget or Budget()
    loaded, analysis = load_and_analyse(path, CheckOptions(roots=list(roots or []), budget=budget), tables=True)
    if analysis is None:
        raise SpecError(f"cannot parse {path}", loaded.diagnostics)
    return Spec(loaded.unit.path, loaded.unit, analysis, list(loaded.diagnostics), budget)
