"""Concept expansion: a concept reached along several paths on the same arguments is expanded
once, so a diamond of concepts expands in linear size, and the expansion means what the plain
copy-every-use expansion means (checked against it on small random concept graphs)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import alignspec
from alignspec.model.symbols import ConceptSym
from alignspec.reasoning.logic import Atom
from alignspec.reasoning.status import Answer


def _load(tmp_path, text: str) -> alignspec.Spec:
    path = tmp_path / "spec.align"
    path.write_text(text, encoding="utf-8")
    return alignspec.load(str(path))


def _diamond(levels: int) -> str:
    lines = ["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)", "concept c1(x: K) := r(y, x)"]
    lines += [f"concept c{i}(x: K) := c{i - 1}(x), c{i - 2}(x)" for i in range(2, levels)]
    return "\n".join(lines) + f"\nclaim: c{levels - 1} implies c0\n"


def test_a_diamond_of_sixty_concepts_expands_to_a_handful_of_atoms(tmp_path):
    spec = _load(tmp_path, _diamond(60))
    (x,), atoms = spec.analysis.builder.expander.concept_formula(spec.unit.scope["c59"])
    # copying every use would give about 10^12 atoms
    assert len(atoms) == 3
    assert {a.pred for a in atoms} == {"K", "r"} and Atom("K", (x,)) in atoms
    assert [c.status for c in spec.claims] == [Answer.HOLDS]
    assert [d.name for d in spec.diagnostics() if d.severity.value == "error"] == []


# --------------------------------------------------------------------------------------------
# against the plain expansion


def _plain(concept: ConceptSym, args: tuple[str, ...], counter: itertools.count) -> list[Atom]:
    """Every use of a concept copied, with fresh variables: the reference."""
    mapping = dict(zip((p for p, _ in concept.params), args))
    out = [Atom(kind.name, (arg,)) for (_, kind), arg in zip(concept.params, args) if kind is not None]
    for atom in concept.body:
        for var in atom.args:
            mapping.setdefault(var, f"_v{next(counter)}")
        mapped = tuple(mapping[v] for v in atom.args)
        if isinstance(atom.pred, ConceptSym):
            out += _plain(atom.pred, mapped, counter)
        else:
            out.append(Atom(atom.pred.name, mapped))
    return out


def _maps_into(source: list[Atom], target: list[Atom], fixed: tuple[str, ...]) -> bool:
    """Whether some homomorphism maps ``source`` into ``target`` keeping ``fixed`` in place
    (plain backtracking: the formulas are small)."""
    facts = set(target)

    def search(rest: list[Atom], binding: dict[str, str]) -> bool:
        if not rest:
            return True
        atom, *others = rest
        for fact in facts:
            if fact.pred != atom.pred or len(fact.args) != len(atom.args):
                continue
            added: dict[str, str] = {}
            ok = True
            for var, value in zip(atom.args, fact.args):
                bound = binding.get(var, added.get(var))
                if bound is None:
                    added[var] = value
                elif bound != value:
                    ok = False
                    break
            if ok and search(others, {**binding, **added}):
                return True
        return False

    return search(source, {v: v for v in fixed})


@st.composite
def concept_graphs(draw: st.DrawFn) -> str:
    """Four to seven unary or binary concepts, each built of relation atoms and uses of the
    concepts before it, on its parameters and one or two local variables."""
    lines = ["kind K", "relation r(K, K)", "relation s(K, K)", "kind P: K"]
    arities: list[int] = []
    for i in range(draw(st.integers(4, 7))):
        arity = draw(st.integers(1, 2))
        params = ["x", "z"][:arity]
        names = params + ["u", "w"]
        atoms = []
        for _ in range(draw(st.integers(1, 4))):
            choice = draw(st.integers(0, 2 + (i > 0)))
            if choice == 3:
                used = draw(st.integers(0, i - 1))
                args = [draw(st.sampled_from(names)) for _ in range(arities[used])]
                atoms.append(f"c{used}({', '.join(args)})")
            elif choice == 2:
                atoms.append(f"P({draw(st.sampled_from(names))})")
            else:
                rel = "r" if choice == 0 else "s"
                atoms.append(f"{rel}({draw(st.sampled_from(names))}, {draw(st.sampled_from(names))})")
        lines.append(f"concept c{i}({', '.join(f'{p}: K' for p in params)}) := {', '.join(atoms)}")
        arities.append(arity)
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(text=concept_graphs())
def test_the_expansion_is_equivalent_to_copying_every_use(tmp_path_factory, text):
    spec = _load(tmp_path_factory.mktemp("graph"), text)
    expander = spec.analysis.builder.expander
    for concept in spec.unit.concepts:
        params, atoms = expander.concept_formula(concept)
        plain = _plain(concept, params, itertools.count())
        shared = [Atom(a.pred, a.args) for a in atoms]
        assert len(set(shared)) <= len(set(plain))
        assert _maps_into(plain, shared, params) and _maps_into(shared, plain, params), text
