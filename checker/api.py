"""The Python API: load a spec, ask what follows from it, and read its findings.

    >>> import alignspec
    >>> spec = alignspec.load("seed.align")
    >>> answer = spec.implies("serves_designer", "designer_inner_aligned", framing="harris")
    >>> answer.status.value
    'holds'
    >>> [step.label for step in answer.justification]  # doctest: +NORMALIZE_WHITESPACE
    ['definition of serves_designer', 'definition of designer_inner_aligned',
     'definition of inner_aligned_to', 'domain of optimizes', 'rule designer_sees_mesa',
     'rule builder_is_base']
    >>> spec.implies("serves_designer", "designer_inner_aligned", framing="designer_view").unmatched
    ('base_optimizer(h, m)', 'mesa_objective_for(m, h, ?mo)')

These are the objects the command line uses; nothing here prints.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import get_close_matches

from lark.exceptions import UnexpectedInput

from .analysis.claims import ClaimDecider, ClaimOutcome
from .analysis.display import register_html
from .analysis.framings import FramingView
from .analysis.progress import Progress
from .analysis.scenarios import ScenarioEvaluation, TableCells
from .analysis.spec import SpecAnalysis
from .analysis.usable import claim_usable
from .analysis.words import count
from .check import CheckOptions, UsageError, check_files, default_roots, load_and_analyse
from .diagnostic_collector import DiagnosticCollector, ordered
from .diagnostics import Diagnostic
from .exceptions import AlignSpecError
from .model.resolve import resolve_claim
from .model.symbols import FramingSym, Unit
from .reasoning import run_budget
from .reasoning.logic import Budget
from .render.notebook import claim_outcome_html, scenario_html
from .result_cache import ResultCache
from .results import CheckResult
from .syntax import nodes as n
from .syntax.errors import describe
from .syntax.parser import parse_text

register_html(ClaimOutcome, claim_outcome_html)
register_html(ScenarioEvaluation, scenario_html)

QUESTION_FILE = "<question>"


def question_source(claim_text: str) -> str:
    """A question as the claim statement it is parsed as: ``claim`` and a colon are added when
    left out (``"under harris: a implies b"`` becomes ``"claim under harris: a implies b"``).
    Positions in the findings about a question refer to this text."""
    text = claim_text.strip()
    if not _starts_with_word(text, "claim"):
        text = "claim " + (text if _starts_with_word(text, "under") else ": " + text)
    return text


def _with_suggestion(message: str, name: str, choices: list[str]) -> str:
    close = get_close_matches(name, choices, n=1)
    if close:
        return f"{message} (did you mean '{close[0]}'?)"
    return f"{message} (it has: {', '.join(choices)})" if choices else message


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

    def __repr__(self) -> str:
        """``<Spec seed from examples/seed.align: 4 framings, 9 claims, 3 scenarios>``."""
        return (f"<Spec {self.name} from {self.path}: {count(len(self.unit.framings), 'framing')}, "
                f"{count(len(self.analysis.claims), 'claim')}, {count(len(self.analysis.scenarios), 'scenario')}>")

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
            if (view.framing.name if view.framing is not None else None) == framing:
                return view
        names = [v.framing.name for v in self.analysis.framings if v.framing is not None]
        raise SpecError(_with_suggestion(f"no framing named '{framing}' in spec '{self.name}'", str(framing), names))

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
            raise SpecError(_with_suggestion(f"no framing named '{name}' in spec '{self.name}'", name,
                                             self._framing_names()))
        return symbol

    def _framing_names(self) -> list[str]:
        """The framings a question may name: the spec's own, then each import's as ``alias.name``."""
        names = [name for name, symbol in self.unit.scope.items() if isinstance(symbol, FramingSym)]
        names += [f"{alias}.{name}" for alias, unit in self.unit.aliases.items()
                  for name, symbol in unit.scope.items() if isinstance(symbol, FramingSym)]
        return names

    def ask(self, claim_text: str) -> ClaimOutcome:
        """Decide a claim written in the language, e.g. ``"under harris: a equivalent b"``
        or ``"objective_robust(a) implies inner_aligned(a)"`` (the leading ``claim`` is optional).

        Raises ``SpecError`` when the question is not a string, does not parse, or does not
        resolve in this spec."""
        if not isinstance(claim_text, str):
            raise SpecError(f"a question is a string written in the language, not {type(claim_text).__name__}")
        text = question_source(claim_text)
        try:
            parsed = parse_text(text, QUESTION_FILE)
        except UnexpectedInput as exc:
            diagnostic = describe(exc, text, QUESTION_FILE)
            raise SpecError(f"cannot read the question: {diagnostic.message}", [diagnostic]) from None
        if len(parsed.statements) != 1 or not isinstance(parsed.statements[0], n.ClaimDecl):
            raise SpecError("a question is exactly one claim")
        decl = parsed.statements[0]
        reporter = DiagnosticCollector()
        claim = resolve_claim(self.unit, decl, reporter)
        if reporter.diagnostics or not claim.complete:
            first = next(iter(reporter.diagnostics), None)
            reason = "" if first is None else f": {first.message}" + (f" ({first.help})" if first.help else "")
            raise SpecError(f"the question does not resolve in spec '{self.name}'{reason}", reporter.diagnostics)
        if not claim_usable(claim):
            raise SpecError("the question uses a concept that is circular or has errors in its definition; "
                            "see the spec's diagnostics")
        framings = [v.framing for v in self.analysis.framings]
        terminating = {id(v.framing): v.terminating for v in self.analysis.framings}
        decider = ClaimDecider(self.analysis.builder, self.budget,
                               lambda f: terminating.get(id(f), True), [f for f in framings if f is not None])
        with run_budget.started(self.budget):
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


def load(path: str | os.PathLike[str], roots: list[str] | None = None, budget: Budget | None = None,
         progress: Progress | None = None, cells: TableCells = TableCells.FITTING, *,
         timeout: float | None = None, max_total_steps: int | None = None,
         cache: ResultCache | None = None) -> Spec:
    """Load, resolve and analyse a spec file (or a shipped library spec by name); ``progress``,
    when given, hears which framing, claim or scenario is being analysed. ``cells`` says which
    cells of each scenario's individuals-by-concepts table to compute: by default those whose
    individuals are known to be of the concept's parameter kinds, ``TableCells.ALL`` for every
    tuple of individuals.

    ``timeout`` (seconds of wall-clock time) and ``max_total_steps`` (the steps of all chases and
    searches together) bound the analysis as a whole, and then, each one on its own, every later
    piece of work the spec does on demand: a :meth:`Spec.ask`, a report or its sections
    (``alignspec.views.render_report``, ``report_sections``, the notebook view), and a
    justification or an exclusion asked of ``spec.analysis.justifier`` or
    ``spec.analysis.exclusions`` outside those; they take the place of ``budget``'s. Past
    either, what is still undecided is unknown, with the limit named
    (``UndecidedReason.TIMEOUT``, ``UndecidedReason.TOTAL_STEPS``): a justification is empty,
    an exclusion ``Satisfiability.UNKNOWN``, and a report comes out whole, each section it cut
    short saying so (``ReportSection.cut`` names the limit); nothing raises. Inside a run budget
    already in force (``alignspec.reasoning.run_budget.started``), the analysis and all of that
    share it instead, as the documentation integrations do for each spec a page shows.

    With ``cache`` (an ``alignspec.result_cache.ResultCache``), the reasoner's answers (claims,
    framings with their classifications, scenarios, findings) are taken from it when the spec and
    everything it imports have the same bytes as when they were kept, and kept there otherwise
    (not when the timeout cut the analysis short); justifications, exclusions and questions are
    still computed on demand. The spec is the same either way. By default no cache is used.

    Raises ``SpecError`` when the file cannot be read or parsed, with its diagnostics attached,
    and ``UsageError`` when ``path`` names no spec (or cannot name one: too long, not a path),
    or ``roots``, ``budget``, ``cells``, ``timeout`` or ``max_total_steps`` are not what they
    should be.
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
    if not isinstance(cells, TableCells):
        raise UsageError(f"cells is an alignspec.TableCells, not {type(cells).__name__}")
    if cache is not None and not isinstance(cache, ResultCache):
        raise UsageError(f"cache is an alignspec.result_cache.ResultCache, not {type(cache).__name__}")
    budget = budget or Budget()
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < float("inf"):
            raise UsageError("timeout is a number of seconds greater than 0")
        budget = replace(budget, timeout=float(timeout))
    if max_total_steps is not None:
        if isinstance(max_total_steps, bool) or not isinstance(max_total_steps, int) or max_total_steps < 1:
            raise UsageError("max_total_steps is a whole number of at least 1")
        budget = replace(budget, max_total_steps=max_total_steps)
    options = CheckOptions(roots=list(roots or []), budget=budget, progress=progress, cache=cache)
    loaded, analysis = load_and_analyse(path, options, tables=True, cells=cells)
    if analysis is None:
        raise SpecError(f"cannot parse {path}", loaded.diagnostics)
    return Spec(loaded.unit.path, analysis.unit, analysis, list(loaded.diagnostics), budget)
