"""Expanding concepts is bounded as a chase is: the atoms concepts give count against
``max_facts`` and their fresh variables against ``max_entities``. Past a limit the results that
need the expansion are unknown (budget-exceeded naming the limit) and every other result is
decided; within the limits every expansion is the one the plain algorithm (kept here as the
reference) gives, name for name."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import alignspec
from alignspec.analysis.expansion import Expander, ExpansionTooLarge, FreshNames
from alignspec.analysis.outcomes import UndecidedReason
from alignspec.model.symbols import ConceptSym, KindSym, Predicate, RelationSym, ResolvedAtom
from alignspec.reasoning import run_budget
from alignspec.reasoning.logic import Atom, Budget
from alignspec.reasoning.run_budget import SearchBudgetExceeded
from alignspec.reasoning.status import Answer, Limit

ROOMY = Budget(max_facts=10 ** 9, max_entities=10 ** 9)


def _load(tmp_path, text: str, budget: Budget = ROOMY) -> alignspec.Spec:
    path = tmp_path / "spec.align"
    path.write_text(text, encoding="utf-8")
    return alignspec.load(str(path), budget=budget)


def apart(levels: int, extra: str = "") -> str:
    """``levels`` concepts, each built on the one before on its parameter and on the one before
    that on a new variable: the expansion of the last has about 1.6^levels atoms."""
    lines = ["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)", "concept c1(x: K) := r(y, x)"]
    lines += [f"concept c{i}(x: K) := c{i - 1}(x), r(x, y), c{i - 2}(y)" for i in range(2, levels)]
    return "\n".join(lines) + "\n" + extra


CLAIMS = ("claim small_holds: c2 implies c0\n"
          "claim small_fails: c0 implies c1\n"
          "claim big: c7 implies c0\n"
          "claim big_written: c7(a), r(a, b) implies c0(a)\n"
          "claim big_satisfiable: satisfiable c7\n")

# c7 gives 62 atoms on 41 fresh variables
C7_ATOMS, C7_VARIABLES = 62, 41


def _sizes(spec: alignspec.Spec, name: str) -> tuple[int, int]:
    params, atoms = spec.analysis.builder.expander.concept_formula(spec.unit.scope[name])
    return len(atoms), len({v for a in atoms for v in a.args} - set(params))


def test_the_sizes_the_limits_below_are_set_from(tmp_path):
    spec = _load(tmp_path, apart(8))
    assert _sizes(spec, "c7") == (C7_ATOMS, C7_VARIABLES)


@pytest.mark.parametrize(("budget", "reason"), [
    (Budget(max_facts=C7_ATOMS - 1), UndecidedReason.FACTS),
    (Budget(max_entities=C7_VARIABLES - 1), UndecidedReason.ENTITIES),
    (Budget(max_facts=C7_ATOMS - 1, max_entities=C7_VARIABLES - 1), UndecidedReason.ENTITIES),
])
def test_past_a_limit_the_claims_that_need_the_expansion_are_unknown(tmp_path, budget, reason):
    spec = _load(tmp_path, apart(8, CLAIMS), budget)
    outcomes = {o.claim.label: o for o in spec.claims}
    assert outcomes["small_holds"].status is Answer.HOLDS
    assert outcomes["small_fails"].status is Answer.FAILS
    for label in ("big", "big_written", "big_satisfiable"):
        assert outcomes[label].status is Answer.UNKNOWN
        assert outcomes[label].undecided is reason
    found = [d for d in spec.diagnostics() if d.name == "budget-exceeded"]
    assert len(found) == 3 and all(reason.option in d.help for d in found)
    assert all(f"{reason.limit(budget):,}" in d.message for d in found)
    base = spec.analysis.framings[0].classification
    assert base is not None and "c7" in base.unknown and "c2" not in base.unknown


def test_just_within_the_limits_the_claims_are_decided_as_before(tmp_path):
    roomy = _load(tmp_path, apart(8, CLAIMS))
    budget = Budget(max_facts=C7_ATOMS, max_entities=C7_VARIABLES)
    tight = _load(tmp_path, apart(8, CLAIMS), budget)
    assert [o.status for o in tight.claims] == [o.status for o in roomy.claims]
    assert Answer.UNKNOWN not in [o.status for o in tight.claims]
    assert [d.name for d in tight.diagnostics()] == [d.name for d in roomy.diagnostics()]


RULES = """kind M: K
framing big_rule {
    rule grow: c7(x) -> M(x)
}
framing small_rule {
    rule shrink: c2(x) -> M(x)
}
claim under big_rule: c2 implies c0
claim under small_rule: c2 implies c0
claim under small_rule: c0 implies c1
scenario s under big_rule {
    K a
    expect K(a)
}
scenario t under small_rule {
    K a
    r(a, a)
    expect M(a)
}
"""


def test_a_rule_too_large_to_expand_leaves_its_framing_undecided_and_the_others_decided(tmp_path):
    text = apart(8, RULES)
    spec = _load(tmp_path, text, Budget(max_entities=40))
    statuses = [(o.framing_name, o.status, o.undecided) for o in spec.claims]
    assert statuses == [("big_rule", Answer.UNKNOWN, UndecidedReason.ENTITIES),
                        ("small_rule", Answer.HOLDS, None), ("small_rule", Answer.FAILS, None)]
    scenarios = {s.scenario.name: s for s in spec.scenarios}
    assert scenarios["s"].undecided is UndecidedReason.ENTITIES
    assert scenarios["t"].undecided is None and all(e.passed for e in scenarios["t"].expectations)
    views = {v.name: v for v in spec.analysis.framings}
    assert views["big_rule"].classification is None and views["small_rule"].classification is not None
    rule_line = next(i for i, line in enumerate(text.splitlines(), 1) if "rule grow" in line)
    rule_findings = [d for d in spec.diagnostics() if d.name == "budget-exceeded" and d.span.line == rule_line]
    assert len(rule_findings) == 1 and "--max-entities" in rule_findings[0].message


def test_a_definition_too_large_to_expand_leaves_every_claim_unknown_without_an_error(tmp_path):
    text = apart(8, "kind M: K\nrule grow: c7(x) -> M(x)\nclaim: c2 implies c0\n")
    spec = _load(tmp_path, text, Budget(max_facts=60))
    assert [(o.status, o.undecided) for o in spec.claims] == [(Answer.UNKNOWN, UndecidedReason.FACTS)]
    assert [d.name for d in spec.diagnostics() if d.severity.value == "error"] == []
    assert spec.analysis.framings[0].classification is None


def test_a_scenario_fact_too_large_to_expand_leaves_the_scenario_undecided(tmp_path):
    text = apart(8, "scenario s {\n    K a\n    c7(a)\n    expect K(a)\n}\n"
                     "scenario t {\n    K a\n    c2(a)\n    expect c0(a)\n}\n")
    spec = _load(tmp_path, text, Budget(max_facts=60))
    scenarios = {s.scenario.name: s for s in spec.scenarios}
    assert scenarios["s"].undecided is UndecidedReason.FACTS
    assert scenarios["t"].undecided is None and all(e.passed for e in scenarios["t"].expectations)


def test_a_concept_too_large_stays_too_large_where_it_is_used(tmp_path):
    spec = _load(tmp_path, apart(16))
    expander = Expander(spec.analysis.builder.namer, Budget(max_facts=C7_ATOMS - 1))
    with pytest.raises(ExpansionTooLarge) as first:
        expander.concept_formula(spec.unit.scope["c7"])
    assert first.value.limit is Limit.FACTS and first.value.predicate == "c7"
    for name in ("c14", "c15"):
        with pytest.raises(ExpansionTooLarge) as found:
            expander.concept_formula(spec.unit.scope[name])
        assert found.value.limit is Limit.FACTS and found.value.predicate == name


def test_an_expansion_ends_at_the_run_timeout(tmp_path):
    spec = _load(tmp_path, apart(20))
    with run_budget.started(Budget(), deadline=time.monotonic() - 1), \
            pytest.raises(SearchBudgetExceeded) as stopped:
        spec.analysis.builder.expander.concept_formula(spec.unit.scope["c19"])
    assert stopped.value.limit is Limit.TIMEOUT


# --------------------------------------------------------------------------------------------
# against the algorithm without limits


def _old_fresh(base: str, used: set[str]) -> str:
    name = base
    i = 2
    while name in used:
        name = f"{base}_{i}"
        i += 1
    used.add(name)
    return name


class OldExpander:
    """The expansion as it was before it had limits: the reference."""

    def __init__(self, namer):
        self.namer = namer

    def expand(self, atoms: Iterable[ResolvedAtom], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        atoms = list(atoms)
        used = set(reserved) | {a for atom in atoms for a in atom.args}
        out: list[Atom] = []
        expanded: set[tuple[int, tuple[str, ...]]] = set()
        for atom in atoms:
            self._expand_one(atom.pred, atom.args, used, out, expanded)
        return tuple(dict.fromkeys(out))

    def concept_formula(self, concept: ConceptSym) -> tuple[tuple[str, ...], tuple[Atom, ...]]:
        used: set[str] = set()
        params = tuple(_old_fresh(var, used) for var, _ in concept.params)
        return params, self.concept_atoms(concept, params)

    def concept_atoms(self, concept: ConceptSym, args: Sequence[str], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        used = set(reserved) | set(args)
        out: list[Atom] = []
        self._expand_one(concept, tuple(args), used, out, set())
        return tuple(dict.fromkeys(out))

    def _expand_one(self, pred: Predicate, args: tuple[str, ...], used: set[str], out: list[Atom],
                    expanded: set[tuple[int, tuple[str, ...]]]) -> None:
        if isinstance(pred, (KindSym, RelationSym)):
            out.append(Atom(self.namer(pred), args))
            return
        stack: list[tuple[ConceptSym, dict[str, str], Iterator[ResolvedAtom]]] = []

        def enter(concept: ConceptSym, arguments: tuple[str, ...]) -> None:
            if (id(concept), arguments) in expanded:
                return
            expanded.add((id(concept), arguments))
            mapping = {param: arg for (param, _), arg in zip(concept.params, arguments)}
            for (_param, kind), arg in zip(concept.params, arguments):
                if kind is not None:
                    out.append(Atom(self.namer(kind), (arg,)))
            stack.append((concept, mapping, iter(concept.body)))

        enter(pred, args)
        while stack:
            _, mapping, body = stack[-1]
            atom = next(body, None)
            if atom is None:
                stack.pop()
                continue
            for var in atom.args:
                if var not in mapping:
                    mapping[var] = _old_fresh(var, used)
            mapped = tuple(mapping[v] for v in atom.args)
            if isinstance(atom.pred, (KindSym, RelationSym)):
                out.append(Atom(self.namer(atom.pred), mapped))
            else:
                enter(atom.pred, mapped)


@st.composite
def concept_graphs(draw: st.DrawFn) -> str:
    """Three to seven concepts of one to three parameters, each built of relation and kind
    atoms and of uses of the concepts before it (arguments repeated at times), on its
    parameters and local variables, some named like the fresh names expansion makes."""
    lines = ["kind K", "relation r(K, K)", "relation t(K, K, K)", "kind P: K"]
    arities: list[int] = []
    for i in range(draw(st.integers(3, 7))):
        arity = draw(st.integers(1, 3))
        params = ["x", "z", "x_2"][:arity]
        names = params + ["u", "w", "u_2"]
        atoms = []
        for _ in range(draw(st.integers(1, 4))):
            choice = draw(st.integers(0, 2 + 2 * (i > 0)))
            if choice >= 3:
                used = draw(st.integers(max(0, i - 2), i - 1))
                args = [draw(st.sampled_from(names)) for _ in range(arities[used])]
                atoms.append(f"c{used}({', '.join(args)})")
            elif choice == 2:
                atoms.append(f"P({draw(st.sampled_from(names))})")
            elif choice == 1:
                atoms.append(f"t({', '.join(draw(st.sampled_from(names)) for _ in range(3))})")
            else:
                atoms.append(f"r({draw(st.sampled_from(names))}, {draw(st.sampled_from(names))})")
        lines.append(f"concept c{i}({', '.join(f'{p}: K' for p in params)}) := {', '.join(atoms)}")
        arities.append(arity)
    return "\n".join(lines) + "\n"


def _expansions(expander, spec: alignspec.Spec, calls: list[tuple[int, int, tuple[str, ...]]],
                written_relation: bool = True):
    """Each of ``calls`` (a concept formula, a concept applied to arguments, or two concepts
    written together, after ``r(a, b)`` when ``written_relation``) expanded by ``expander``:
    the atoms, or the limit it stopped at."""
    concepts = [spec.unit.scope[f"c{i}"] for i in range(len(spec.unit.concepts))]
    relation = [ResolvedAtom(spec.unit.scope["r"], ("a", "b"), None)] if written_relation else []
    for kind, index, args in calls:
        concept = concepts[index % len(concepts)]
        try:
            if kind == 0:
                yield expander.concept_formula(concept)
            elif kind == 1:
                yield expander.concept_atoms(concept, (args * 3)[:concept.arity], reserved={"u", "y"})
            else:
                other = concepts[(index + 1) % len(concepts)]
                written = [ResolvedAtom(c, (args * 3)[:c.arity], None) for c in (concept, other)]
                yield expander.expand(relation + written, reserved={"w"})
        except ExpansionTooLarge as exc:
            yield exc.limit


CALLS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 6), st.sampled_from([("a",), ("a", "b"), ("b", "a", "b"),
                                                                                   ("a", "a", "c")])),
                 min_size=1, max_size=12)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(text=concept_graphs(), calls=CALLS, max_facts=st.integers(1, 40), max_entities=st.integers(0, 25))
def test_within_the_limits_every_expansion_is_the_old_one(tmp_path_factory, text, calls, max_facts, max_entities):
    spec = _load(tmp_path_factory.mktemp("graph"), text)
    namer = spec.analysis.builder.namer
    old = list(_expansions(OldExpander(namer), spec, calls))
    assert list(_expansions(Expander(namer), spec, calls)) == old, text
    # what the concepts give: the expansion without the written relation atom
    given_atoms = list(_expansions(OldExpander(namer), spec, calls, written_relation=False))
    bounded = list(_expansions(Expander(namer, Budget(max_facts=max_facts, max_entities=max_entities)), spec, calls))
    for (kind, _, args), reference, given_only, found in zip(calls, old, given_atoms, bounded):
        atoms = given_only[1] if kind == 0 else given_only
        written = set(args) | set(reference[0] if kind == 0 else ())
        facts, variables = len(atoms), len({v for a in atoms for v in a.args} - written)
        if facts <= max_facts and variables <= max_entities:
            assert found == reference, text
        else:
            assert (found is Limit.FACTS and facts > max_facts) or (found is Limit.ENTITIES
                                                                    and variables > max_entities), text


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["y", "y_2", "y_3", "y_2_2", "z", "y_10"])), max_size=40))
def test_fresh_names_are_the_names_the_plain_search_gives(steps):
    used: set[str] = set()
    names = FreshNames()
    for take, base in steps:
        if take:
            used.add(base)
            names.add(base)
        else:
            assert names.fresh(base) == _old_fresh(base, used)
    assert set(names) == used


def test_fresh_names_cost_constant_time_each():
    """A hundred thousand names of one base: the plain search would look at five billion."""
    names = FreshNames(["y"])
    made = [names.fresh("y") for _ in range(100_000)]
    assert made[0] == "y_2" and made[-1] == "y_100001"


def test_a_chain_of_concepts_that_add_no_atom_ends_at_the_run_timeout(tmp_path, monkeypatch):
    """Each concept of the chain is the one before on the same variable, so the expansion of the
    last has two atoms however long the chain: its concepts, not its atoms, meet the clock (looked
    at every ``CLOCK_STRIDE`` of them, made small here so that a short chain shows it)."""
    from alignspec.analysis import expansion

    chain = "\n".join(f"concept c{i}(x: K) := c{i - 1}(x)" for i in range(1, 50))
    spec = _load(tmp_path, f"kind K\nrelation r(K, K)\nconcept c0(x: K) := r(x, y)\n{chain}\n")
    expander = spec.analysis.builder.expander
    assert len(expander.concept_formula(spec.unit.scope["c49"])[1]) == 2
    monkeypatch.setattr(expansion, "CLOCK_STRIDE", 8)
    with run_budget.started(Budget(), deadline=time.monotonic() - 1), \
            pytest.raises(SearchBudgetExceeded) as stopped:
        expander.concept_formula(spec.unit.scope["c49"])
    assert stopped.value.limit is Limit.TIMEOUT
    with run_budget.started(Budget(), deadline=time.monotonic() - 1) as run:
        run.exhausted = Limit.TIMEOUT
        with pytest.raises(SearchBudgetExceeded):  # a spent run starts no expansion at all
            expander.concept_formula(spec.unit.scope["c0"])
