"""``KindTable.clash`` against its definition, on random hierarchies (cycles included), and on a
hierarchy thousands of kinds deep."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.diagnostics import Span
from alignspec.model.kinds import KindTable
from alignspec.model.symbols import KindSym

SPAN = Span("t.align", 1, 1, 1, 2)


def hierarchy(n: int, parents: list[tuple[int, int]]) -> list[KindSym]:
    kinds = [KindSym(f"K{i}", None, SPAN) for i in range(n)]
    for child, parent in parents:
        kinds[child].parents.append(kinds[parent])
    return kinds


def table(kinds, groups) -> KindTable:
    unit = SimpleNamespace(disjoints=[SimpleNamespace(members=[kinds[i] for i in g]) for g in groups])
    return KindTable([unit])


def clash_by_definition(t: KindTable, a, b):
    for x in t.ancestors(a):
        for y in t.ancestors(b):
            if t.disjoint(x, y):
                return x, y
    return None


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=12),
    st.lists(st.lists(st.integers(0, n - 1), min_size=2, max_size=4), max_size=3))))
def test_clash_agrees_with_its_definition(case):
    n, parents, groups = case
    kinds = hierarchy(n, parents)
    t = table(kinds, groups)
    for a in kinds:
        for b in kinds:
            assert t.clash(a, b) == clash_by_definition(t, a, b)


def test_clash_in_a_hierarchy_thousands_deep():
    depth = 20_000
    kinds = hierarchy(depth + 2, [(i, i + 1) for i in range(depth)])
    t = table(kinds, [[depth, depth + 1]])
    assert t.clash(kinds[0], kinds[depth + 1]) == (kinds[depth], kinds[depth + 1])
    assert t.clash(kinds[0], kinds[1]) is None
