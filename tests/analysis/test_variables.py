"""A rule's, a concept's and a claim's variables are their own: expanding a concept inside a rule
never captures the rule's variables, and renaming variables consistently never changes a result."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alignspec

CAPTURE = """
kind T
relation r(T, T)
relation b(T, T)
concept c(x: T) := r(q, x)
framing f {
    rule m: c(x) -> b(q, q)
}
claim under f: r(p, x) implies b(p, p)
claim under f: r(p, x) implies b(y, y)
"""


def statuses(write, text, name="spec.align"):
    spec = alignspec.load(str(write(text, name)))
    return [outcome.status.value for outcome in spec.claims]


def test_a_concept_inside_a_rule_does_not_capture_the_rules_variables(write):
    # the head's q is a new entity, not the concept's hidden r-source: b(p, p) does not follow
    assert statuses(write, CAPTURE) == ["fails", "holds"]


# Each declaration's variables are written {name}; a renaming maps them, per declaration, onto
# names drawn from a small pool, so that names collide across declarations as often as possible.
TEMPLATE = """
kind T
kind U: T
relation r(T, T)
relation s(T, T)
relation b(T, T)
concept c({x}: T) := r({q}, {x}), U({q})
concept d({y}: T) := c({y}), s({y}, {z})
framing f {{
    rule m: c({x2}) -> b({q2}, {q2})
    rule n: d({y2}), r({p2}, {y2}) -> s({p2}, {p2})
    rule e: b({u2}, {v2}), s({v2}, {w2}) -> {u2} = {w2}
}}
claim under f: r({p3}, {x3}) implies b({p3}, {p3})
claim under f: r({p4}, {x4}), U({p4}) implies b({y4}, {y4})
claim under f: d({x5}), r({p5}, {x5}) implies s({p5}, {p5})
claim under f: c equivalent d
claim under f: satisfiable d({x6}), b({x6}, {y6})
"""
SLOTS = sorted(set(re.findall(r"\{(\w+)\}", TEMPLATE)))
GROUPS = [["x", "q"], ["y", "z"], ["x2", "q2"], ["y2", "p2"], ["u2", "v2", "w2"], ["p3", "x3"], ["p4", "x4", "y4"],
          ["p5", "x5"], ["x6", "y6"]]
POOL = ["x", "y", "z", "q", "p", "w", "v", "u", "q_2", "x1"]


@st.composite
def renamings(draw):
    names = {}
    for group in GROUPS:
        chosen = draw(st.permutations(POOL))[: len(group)]
        names.update(zip(group, chosen))
    return names


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(renaming=renamings())
def test_renaming_variables_never_changes_a_result(write, renaming):
    identity = {slot: slot.rstrip("0123456789") or slot for slot in SLOTS}
    expected = statuses(write, TEMPLATE.format(**identity), "identity.align")
    assert statuses(write, TEMPLATE.format(**renaming), "renamed.align") == expected
