"""Concepts expanded into atoms: each concept applied to arguments is replaced by its parameter
kinds and its body, renamed apart with fresh variables.

An expanded formula is the pattern a search matches and the canonical instance a chase starts
from, so what expanding adds to the formula as written is bounded as a chase's additions are:
more atoms than ``max_facts`` or more new variables than ``max_entities`` and the expansion
stops, as it goes, with :class:`ExpansionTooLarge` naming the limit. It also looks at the run's
clock as it goes, so a long expansion ends at the run's ``timeout``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ..limits import DEFAULT_BUDGET, Budget
from ..model.symbols import ConceptSym, KindSym, Predicate, RelationSym, ResolvedAtom, Symbol
from ..reasoning import run_budget
from ..reasoning.logic import Atom
from ..reasoning.run_budget import SearchBudgetExceeded
from ..reasoning.status import Limit
from .words import count

CLOCK_STRIDE = 4_096
"""How many atoms an expansion adds between two looks at the run's clock."""

_UNITS = {Limit.FACTS: ("atom", "atoms"), Limit.ENTITIES: ("new variable", "new variables")}


class FreshNames:
    """The names taken in a formula, handing out fresh ones: ``base`` if it is free, else the
    first free of ``base_2``, ``base_3``... Names are only ever added, so the index a base
    reached is remembered and the search for a free name goes on from there: each name costs
    constant time, amortised."""

    __slots__ = ("_next", "_taken")

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._taken

    def __iter__(self) -> Iterator[str]:
        return iter(self._taken)

    def add(self, name: str) -> None:
        """Take ``name``."""
        self._taken.add(name)

    def update(self, names: Iterable[str]) -> None:
        """Take every name of ``names``."""
        self._taken.update(names)

    def fresh(self, base: str) -> str:
        """A free name made of ``base``, taken from now on."""
        index = self._next.get(base, 1)
        name = base if index == 1 else f"{base}_{index}"
        while name in self._taken:
            index += 1
            name = f"{base}_{index}"
        self._next[base] = index + 1
        self._taken.add(name)
        return name


class ExpansionTooLarge(SearchBudgetExceeded):
    """An expansion passed ``limit`` (facts: the atoms its concepts give; entities: its new
    variables), ``bound``; ``predicate`` is the concept of the formula being expanded then."""

    def __init__(self, limit: Limit, predicate: str, bound: int) -> None:
        super().__init__(limit)
        self.predicate = predicate
        self.bound = bound

    def explain(self) -> str:
        """``expanding c gives more than 250,000 atoms (--max-facts)``."""
        option = "--max-facts" if self.limit is Limit.FACTS else "--max-entities"
        return f"expanding {self.predicate} gives more than {count(self.bound, *_UNITS[self.limit])} ({option})"


class _Overflow(Exception):
    """The atoms being expanded passed ``limit``."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.value)
        self.limit = limit


class _Output:
    """The atoms of one expansion, each once, in the order first made; counts the atoms the
    concepts gave (``added``: an atom written in the formula itself is not counted unless a
    concept gives it too) and the fresh variables; raises :class:`_Overflow` past a limit and
    looks at the run's clock now and then."""

    __slots__ = ("added", "atoms", "max_atoms", "max_variables", "variables")

    def __init__(self, max_atoms: int, max_variables: int) -> None:
        self.atoms: dict[Atom, bool] = {}   # atom -> whether a concept gave it
        self.added = 0
        self.variables = 0
        self.max_atoms = max_atoms
        self.max_variables = max_variables

    def write(self, atom: Atom) -> None:
        """An atom of the formula as written."""
        self.atoms.setdefault(atom, False)

    def add(self, atom: Atom) -> None:
        """An atom a concept gives."""
        if self.atoms.get(atom):
            return
        self.atoms[atom] = True
        self.added += 1
        if self.added > self.max_atoms:
            raise _Overflow(Limit.FACTS)
        if self.added % CLOCK_STRIDE == 0:
            run_budget.check()

    def fresh(self, names: FreshNames, base: str) -> str:
        """A fresh variable for a concept's local variable ``base``."""
        self.variables += 1
        if self.variables > self.max_variables:
            raise _Overflow(Limit.ENTITIES)
        return names.fresh(base)

    def sizes(self) -> tuple[int, int]:
        return self.added, self.variables


def _pattern(args: Sequence[str]) -> tuple[int, ...]:
    """Which arguments are the same variable: ``(x, y, x)`` gives ``(0, 1, 0)``."""
    first: dict[str, int] = {}
    return tuple(first.setdefault(a, len(first)) for a in args)


class Expander:
    """Turns resolved atoms into logic atoms, expanding concepts in place with fresh variables;
    an expansion whose concepts give more atoms than ``budget.max_facts``, or more fresh
    variables than ``budget.max_entities``, raises :class:`ExpansionTooLarge`.

    A concept found too large for the limits, applied to arguments that repeat in some pattern,
    is remembered: its expansion on arguments in that pattern, alone or inside another
    formula, is too large wherever it is met again, so it is not expanded again."""

    def __init__(self, namer: Callable[[Symbol], str], budget: Budget = DEFAULT_BUDGET) -> None:
        self.namer = namer
        self.max_atoms = budget.max_facts
        self.max_variables = budget.max_entities
        self._too_large: dict[tuple[int, tuple[int, ...]], Limit] = {}
        self._entered = 0  # concepts entered by every expansion so far, for the run's clock

    def expand(self, atoms: Iterable[ResolvedAtom], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        """Expand ``atoms``; fresh variables avoid ``reserved`` and the atoms' own variables."""
        atoms = list(atoms)
        names = FreshNames(reserved)
        for atom in atoms:
            names.update(atom.args)
        out = _Output(self.max_atoms, self.max_variables)
        expanded: set[tuple[int, tuple[str, ...]]] = set()
        for atom in atoms:
            self._expand_one(atom.pred, atom.args, names, out, expanded)
        return tuple(out.atoms)

    def concept_formula(self, concept: ConceptSym) -> tuple[tuple[str, ...], tuple[Atom, ...]]:
        """The concept applied to its own parameters (made distinct): ``(parameters, atoms)``."""
        names = FreshNames()
        params = tuple(names.fresh(var) for var, _ in concept.params)
        return params, self.concept_atoms(concept, params)

    def concept_atoms(self, concept: ConceptSym, args: Sequence[str], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        """The expansion of ``concept(args)``: parameter kinds and the body, renamed apart."""
        names = FreshNames(reserved)
        names.update(args)
        out = _Output(self.max_atoms, self.max_variables)
        self._expand_one(concept, tuple(args), names, out, set())
        return tuple(out.atoms)

    def _expand_one(self, pred: Predicate, args: tuple[str, ...], names: FreshNames, out: _Output,
                    expanded: set[tuple[int, tuple[str, ...]]]) -> None:
        """Add the expansion of ``pred(args)`` to ``out``, depth first, body atoms in order.

        A concept applied to arguments it was already applied to in this conjunction (the uses
        in ``expanded``) is not expanded again: the second copy would differ from the first only
        in its fresh variables, which occur nowhere else, so it adds nothing to the formula's
        meaning. A concept reached along several paths (``c := a, b`` where ``a`` and ``b`` both
        use ``d`` on the same variables) is thus expanded once, not once per path.

        Iterative (a stack of concepts being expanded), so the depth of nesting is bounded only
        by memory. Callers expand only usable concepts (see :mod:`.usable`); a concept met again
        inside its own expansion raises ``ValueError`` rather than expanding forever.
        """
        if isinstance(pred, (KindSym, RelationSym)):
            out.write(Atom(self.namer(pred), args))
            return
        run_budget.check_time()  # once the run's time is spent, no expansion starts
        # a frame: the concept, its arguments, its variables' names, the rest of its body, and
        # the sizes of the expansion when it was entered
        stack: list[tuple[ConceptSym, tuple[str, ...], dict[str, str], Iterator[ResolvedAtom], tuple[int, int]]] = []
        open_concepts: set[int] = set()

        def enter(concept: ConceptSym, arguments: tuple[str, ...]) -> None:
            if id(concept) in open_concepts:
                raise ValueError(f"concept '{concept.name}' is defined in terms of itself")
            if (id(concept), arguments) in expanded:
                return
            known = self._too_large.get((id(concept), _pattern(arguments)))
            if known is not None:
                raise _Overflow(known)
            expanded.add((id(concept), arguments))
            self._entered += 1
            if self._entered % CLOCK_STRIDE == 0:  # a chain of concepts on one variable adds no atom
                run_budget.check_time()
            sizes = out.sizes()
            mapping = {param: arg for (param, _), arg in zip(concept.params, arguments)}
            open_concepts.add(id(concept))
            stack.append((concept, arguments, mapping, iter(concept.body), sizes))
            for (_param, kind), arg in zip(concept.params, arguments):
                if kind is not None:
                    out.add(Atom(self.namer(kind), (arg,)))

        try:
            enter(pred, args)
            while stack:
                concept, _, mapping, body, _ = stack[-1]
                atom = next(body, None)
                if atom is None:
                    stack.pop()
                    open_concepts.discard(id(concept))
                    continue
                for var in atom.args:
                    if var not in mapping:
                        mapping[var] = out.fresh(names, var)
                mapped = tuple(mapping[v] for v in atom.args)
                if isinstance(atom.pred, (KindSym, RelationSym)):
                    out.add(Atom(self.namer(atom.pred), mapped))
                else:
                    enter(atom.pred, mapped)
        except _Overflow as overflow:
            self._remember(stack, out, overflow.limit)
            bound = self.max_atoms if overflow.limit is Limit.FACTS else self.max_variables
            raise ExpansionTooLarge(overflow.limit, self.namer(pred), bound) from None

    def _remember(self, stack: list[tuple[ConceptSym, tuple[str, ...], dict[str, str], Iterator[ResolvedAtom],
                                          tuple[int, int]]],
                  out: _Output, limit: Limit) -> None:
        """Remember the concepts being expanded that are too large by themselves: those that
        gave more atoms, or more fresh variables, than the limit since they were entered. What
        one gives inside a formula is no more than its expansion alone on arguments in the same
        pattern (what is there already is not given again), so that expansion is too large too;
        and a formula that uses it there has all of that expansion, renamed apart."""
        atoms, variables = out.sizes()
        for concept, arguments, _, _, (atoms_then, variables_then) in stack:
            if atoms - atoms_then > self.max_atoms or variables - variables_then > self.max_variables:
                self._too_large[(id(concept), _pattern(arguments))] = limit
