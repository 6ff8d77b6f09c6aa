"""Deterministic generators of synthetic AlignSpec specs for the benchmarks.

``parse_spec`` writes a large spec with the mix of statements a real one has (kind trees,
disjointness, relations with properties, documented concepts, framings with rules, claims and
scenarios) for the parse and resolve benchmark. ``classification_spec`` writes a spec made for
the reasoner: many concepts built from shared sub-patterns over a fixed vocabulary, and one
framing of weakly acyclic rules, some with existential heads. ``scenario_spec`` writes one large
consistent scenario of optimizers training models (long chains or broad trees), objectives and
alignment facts, under a framing of weakly acyclic rules, with expectations that pass.

All generators are seeded and produce the same text for the same arguments. The specs they
write are well-formed: names resolve and no variable is forced into two disjoint kinds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

PROPERTIES = ("functional", "inverse_functional", "transitive", "symmetric", "asymmetric",
              "irreflexive", "acyclic")
WORDS = ("objective", "reward", "policy", "training", "oversight", "preference", "behaviour",
         "optimizer", "model", "agent", "search", "proxy", "goal", "deployment", "feedback",
         "human", "system", "robust", "aligned", "corrigible", "honest", "intent", "mesa", "base")
BODY_VARS = ("b", "o", "m", "h", "g", "p", "q", "s", "t", "w", "v", "z")


def _phrase(rng: random.Random, low: int = 4, high: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _doc(rng: random.Random) -> str:
    return f'"{_phrase(rng)}"'


def _source(rng: random.Random) -> str:
    return f'source "https://example.org/{rng.choice(WORDS)}/{rng.randint(1, 99999)}"'


@dataclass
class _Vocabulary:
    """What the parse generator has declared so far, with the typing it needs."""

    kind_tree: dict[str, int] = field(default_factory=dict)         # kind -> tree id
    ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> itself and ancestors
    children: dict[str, list[str]] = field(default_factory=dict)
    tree_kinds: dict[int, list[str]] = field(default_factory=dict)
    relations: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_domain: dict[str, list[str]] = field(default_factory=dict)
    by_range: dict[str, list[str]] = field(default_factory=dict)
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> parameter kinds
    unary_by_kind: dict[str, list[str]] = field(default_factory=dict)
    by_signature: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def add_kind(self, name: str, tree: int, parents: list[str]) -> None:
        self.kind_tree[name] = tree
        seen = dict.fromkeys([name])
        for parent in parents:
            seen.update(dict.fromkeys(self.ancestors[parent]))
            self.children.setdefault(parent, []).append(name)
        self.ancestors[name] = tuple(seen)
        self.tree_kinds.setdefault(tree, []).append(name)

    def add_relation(self, name: str, domain: str, range_: str) -> None:
        self.relations[name] = (domain, range_)
        self.by_domain.setdefault(domain, []).append(name)
        self.by_range.setdefault(range_, []).append(name)

    def add_concept(self, name: str, kinds: tuple[str, ...]) -> None:
        self.concepts[name] = kinds
        self.by_signature.setdefault(kinds, []).append(name)
        if len(kinds) == 1:
            self.unary_by_kind.setdefault(kinds[0], []).append(name)

    def out_relations(self, kind: str) -> list[str]:
        return [r for a in self.ancestors[kind] for r in self.by_domain.get(a, ())]

    def in_relations(self, kind: str) -> list[str]:
        return [r for a in self.ancestors[kind] for r in self.by_range.get(a, ())]

    def concepts_for(self, kind: str) -> list[str]:
        return [c for a in self.ancestors[kind] for c in self.unary_by_kind.get(a, ())]


class _Atoms:
    """Typed atom generation: every variable has one kind and atoms only use it compatibly."""

    def __init__(self, vocab: _Vocabulary, rng: random.Random, kinds: dict[str, str]):
        self.vocab, self.rng = vocab, rng
        self.kinds = dict(kinds)
        self.atoms: list[str] = []
        self._names = iter(BODY_VARS + tuple(f"v{i}" for i in range(1000)))

    def _fresh(self) -> str:
        for name in self._names:
            if name not in self.kinds:
                return name
        raise AssertionError("unreachable")

    def grow(self, count: int, concept_uses: bool = True) -> None:
        rng, vocab = self.rng, self.vocab
        while len(self.atoms) < count:
            var = rng.choice(list(self.kinds)[-3:])
            kind = self.kinds[var]
            roll = rng.random()
            if roll < 0.6 and vocab.out_relations(kind):
                rel = rng.choice(vocab.out_relations(kind))
                target = self._fresh()
                self.kinds[target] = vocab.relations[rel][1]
                self.atoms.append(f"{rel}({var}, {target})")
            elif roll < 0.8 and vocab.in_relations(kind):
                rel = rng.choice(vocab.in_relations(kind))
                source = self._fresh()
                self.kinds[source] = vocab.relations[rel][0]
                self.atoms.append(f"{rel}({source}, {var})")
            elif roll < 0.9 and concept_uses and vocab.concepts_for(kind):
                self.atoms.append(f"{rng.choice(vocab.concepts_for(kind))}({var})")
            else:
                narrower = vocab.children.get(kind, [])
                choice = rng.choice(narrower) if narrower and rng.random() < 0.5 else rng.choice(vocab.ancestors[kind])
                if choice in narrower:
                    self.kinds[var] = choice
                self.atoms.append(f"{choice}({var})")

    def linking_relation(self, a: str, b: str) -> str | None:
        """A relation whose signature accepts ``(a, b)``, if one exists."""
        accepted = self.vocab.ancestors[self.kinds[b]]
        options = [r for r in self.vocab.out_relations(self.kinds[a]) if self.vocab.relations[r][1] in accepted]
        return self.rng.choice(options) if options else None


def _statements(seed: int) -> Iterator[str]:
    """Statements of an endless spec, in modules of about a hundred lines."""
    rng = random.Random(seed)
    vocab = _Vocabulary()
    yield f'spec synthetic_{seed} "a synthetic spec for benchmarks"\n{_source(rng)}\n'
    module = 0
    while True:
        m = module
        yield f"\n# module {m}: {_phrase(rng, 3, 6)}\n"
        # a tree of kinds
        names = []
        for i in range(8):
            name = f"K{m}_{i}"
            parents = [] if i == 0 else rng.sample(names, 2 if i > 2 and rng.random() < 0.2 else 1)
            vocab.add_kind(name, m, parents)
            names.append(name)
            text = f"kind {name}"
            if parents:
                text += ": " + ", ".join(parents)
            if rng.random() < 0.6:
                text += " " + _doc(rng)
            if rng.random() < 0.1:
                text += "\n    " + _source(rng)
            yield text + "\n"
        if m > 0:
            for _ in range(rng.randint(1, 2)):
                other = rng.randrange(m)
                yield f"disjoint {rng.choice(names)}, {rng.choice(vocab.tree_kinds[other])}\n"
        # relations, the first leaving the tree's root
        for i in range(6):
            name = f"r{m}_{i}"
            domain = names[0] if i == 0 else (rng.choice(names) if rng.random() < 0.7 or m == 0
                                              else rng.choice(vocab.tree_kinds[rng.randrange(m)]))
            range_ = rng.choice(names) if rng.random() < 0.5 or m == 0 else rng.choice(
                vocab.tree_kinds[rng.randrange(m)])
            vocab.add_relation(name, domain, range_)
            props = rng.sample(PROPERTIES, rng.choice((0, 0, 1, 1, 2)))
            text = f"relation {name}({domain}, {range_})" + "".join(" " + p for p in props)
            if rng.random() < 0.5:
                text += ("\n    " if rng.random() < 0.5 else " ") + _doc(rng)
            yield text + "\n"
        # documented concepts
        for i in range(12):
            name = f"c{m}_{i}"
            arity = 2 if rng.random() < 0.2 else 1
            params = {"x": rng.choice(names)}
            if arity == 2:
                params["y"] = rng.choice(list(vocab.kind_tree))
            gen = _Atoms(vocab, rng, params)
            if arity == 2:
                link = gen.linking_relation("x", "y")
                if link:
                    gen.atoms.append(f"{link}(x, y)")
                else:
                    gen.atoms.append(f"{rng.choice(vocab.ancestors[params['y']])}(y)")
            gen.grow(rng.randint(3, 6))
            head = ", ".join(f"{v}: {k}" for v, k in params.items())
            text = f"concept {name}({head})\n    {_doc(rng)}\n"
            if rng.random() < 0.2:
                text += f"    {_source(rng)}\n"
            text += f"    := {', '.join(gen.atoms)}\n"
            vocab.add_concept(name, tuple(params.values()))
            yield text
        # a framing with rules
        extends = f" extends F{m - 1}" if m > 0 and rng.random() < 0.5 else ""
        text = f"framing F{m}{extends} {_doc(rng)} {{\n"
        for i in range(4):
            start = rng.choice(names)
            gen = _Atoms(vocab, rng, {"x": start})
            gen.grow(rng.randint(1, 3), concept_uses=rng.random() < 0.3)
            variables = list(gen.kinds)
            roll = rng.random()
            if roll < 0.05:
                head = "false"
            elif roll < 0.1 and len(variables) >= 2:
                same = [(a, b) for a in variables for b in variables if a < b and gen.kinds[a] == gen.kinds[b]]
                kind = rng.choice(vocab.ancestors[gen.kinds[variables[0]]])
                head = f"{same[0][0]} = {same[0][1]}" if same else f"{kind}({variables[0]})"
            elif roll < 0.45:
                var = rng.choice(variables)
                narrower = vocab.children.get(gen.kinds[var], [])
                kind = rng.choice(narrower or list(vocab.ancestors[gen.kinds[var]]))
                head = f"{kind}({var})"
            else:
                a, b = rng.choice(variables), rng.choice(variables)
                link = gen.linking_relation(a, b) if a != b else None
                if link:
                    head = f"{link}({a}, {b})"
                else:
                    out = vocab.out_relations(gen.kinds[a])
                    head = f"{rng.choice(out)}({a}, new)" if out else f"{gen.kinds[a]}({a})"
            text += f"    rule R{m}_{i}: {', '.join(gen.atoms)} -> {head}"
            if rng.random() < 0.3:
                text += "\n        " + _doc(rng)
            text += "\n"
        yield text + "}\n"
        # claims
        groups = [g for g in vocab.by_signature.values() if len(g) >= 2]
        for i in range(5):
            label = f"claim cl{m}_{i}" if rng.random() < 0.7 else "claim"
            under = f" under F{rng.randrange(m + 1)}" if rng.random() < 0.7 else ""
            roll = rng.random()
            if groups and roll < 0.7:
                a, b = rng.sample(rng.choice(groups), 2)
                form = rng.choice((f"{a} implies {b}", f"{a} does not imply {b}", f"{a} equivalent {b}",
                                   f"{a} distinct {b}"))
            elif roll < 0.85:
                form = f"satisfiable {rng.choice(list(vocab.concepts))}"
            else:
                kind = rng.choice(names)
                gen = _Atoms(vocab, rng, {"a": kind})
                gen.grow(2, concept_uses=False)
                last = list(gen.kinds)[-1]
                form = f"{', '.join(gen.atoms)} implies {rng.choice(vocab.ancestors[gen.kinds[last]])}({last})"
            yield f"{label}{under}: {form}\n"
        # a scenario
        text = f"scenario S{m} under F{m} {_doc(rng)} {{\n"
        individuals: dict[str, list[str]] = {}
        facts, expects = [], []
        for j, rel in enumerate(rng.sample(list(vocab.relations), min(3, len(vocab.relations)))):
            domain, range_ = vocab.relations[rel]
            a, b = f"i{j}_a", f"i{j}_b"
            individuals.setdefault(domain, []).append(a)
            individuals.setdefault(range_, []).append(b)
            facts.append(f"{rel}({a}, {b})")
            expects.append(f"expect {rng.choice(vocab.ancestors[range_])}({b})")
            options = vocab.concepts_for(domain)
            if options:
                expects.append(f"expect not {rng.choice(options)}({a})")
        for kind, members in individuals.items():
            text += f"    {kind} {', '.join(members)}\n"
        for line in facts + expects:
            text += f"    {line}\n"
        yield text + "}\n"
        module += 1


def parse_spec(lines: int | None = None, seed: int = 0, max_bytes: int | None = None) -> str:
    """A synthetic spec of at least ``lines`` lines (or ``max_bytes`` bytes of UTF-8), whole
    statements only, so it may run a few lines over."""
    if lines is None and max_bytes is None:
        raise ValueError("give lines or max_bytes")
    parts: list[str] = []
    count = size = 0
    for statement in _statements(seed):
        parts.append(statement)
        count += statement.count("\n")
        size += len(statement.encode("utf-8"))
        if (lines is not None and count >= lines) or (max_bytes is not None and size >= max_bytes):
            break
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# classification specs

CLASSIFICATION_KINDS = (
    ("Entity", None), ("Agent", "Entity"), ("Artifact", "Entity"), ("Goal", "Entity"),
    ("Human", "Agent"), ("AISystem", "Agent"), ("Model", "AISystem"), ("Dataset", "Artifact"),
    ("Reward", "Goal"), ("Preference", "Goal"),
)
CLASSIFICATION_DISJOINT = (("Agent", "Artifact"), ("Agent", "Goal"), ("Artifact", "Goal"))
PARAMETER_KINDS = ("Agent", "AISystem", "Model", "Human", "Goal")


def _kind_ancestors() -> dict[str, tuple[str, ...]]:
    parent = dict(CLASSIFICATION_KINDS)
    out = {}
    for kind, _ in CLASSIFICATION_KINDS:
        chain, k = [], kind
        while k is not None:
            chain.append(k)
            k = parent[k]
        out[kind] = tuple(chain)
    return out


ANCESTORS = _kind_ancestors()


def _conflict(forced: dict[str, set[str]]) -> bool:
    for kinds in forced.values():
        closed = {a for k in kinds for a in ANCESTORS[k]}
        if any(a in closed and b in closed for a, b in CLASSIFICATION_DISJOINT):
            return True
    return False


def _forced(atoms: list[tuple[str, tuple[str, ...]]], relations: dict, params: dict[str, str]) -> dict[str, set[str]]:
    forced: dict[str, set[str]] = {v: {k} for v, k in params.items()}
    for pred, args in atoms:
        if len(args) == 1:
            forced.setdefault(args[0], set()).add(pred)
        else:
            domain, range_ = relations[pred][:2]
            forced.setdefault(args[0], set()).add(domain)
            forced.setdefault(args[1], set()).add(range_)
    return forced


def _atom_text(atom: tuple[str, tuple[str, ...]]) -> str:
    return f"{atom[0]}({', '.join(atom[1])})"


def _weakly_acyclic(relations: dict, rules: list) -> bool:
    from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory
    from alignspec.reasoning.termination import weak_acyclicity_violation

    axioms = []
    for kind, parent in CLASSIFICATION_KINDS:
        if parent:
            axioms.append(Axiom(f"k{kind}", AxiomKind.SUBKIND, body=(Atom(kind, ("x",)),),
                                head=(Atom(parent, ("x",)),)))
    for rel, (domain, range_, props) in relations.items():
        axioms.append(Axiom(f"d{rel}", AxiomKind.DOMAIN, body=(Atom(rel, ("x", "y")),), head=(Atom(domain, ("x",)),)))
        axioms.append(Axiom(f"r{rel}", AxiomKind.RANGE, body=(Atom(rel, ("x", "y")),), head=(Atom(range_, ("y",)),)))
        if "transitive" in props:
            axioms.append(Axiom(f"t{rel}", AxiomKind.TRANSITIVE, body=(Atom(rel, ("x", "y")), Atom(rel, ("y", "z"))),
                                head=(Atom(rel, ("x", "z")),)))
        if "symmetric" in props:
            axioms.append(Axiom(f"s{rel}", AxiomKind.SYMMETRIC, body=(Atom(rel, ("x", "y")),),
                                head=(Atom(rel, ("y", "x")),)))
    for i, (body, head) in enumerate(rules):
        axioms.append(Axiom(f"rule{i}", AxiomKind.RULE, body=tuple(Atom(p, a) for p, a in body),
                            head=tuple(Atom(p, a) for p, a in head)))
    return weak_acyclicity_violation(Theory("f", tuple(axioms))) is None


def classification_spec(concepts: int, seed: int = 0, relations: int = 20, rules: int = 20,
                        motifs: int = 40) -> str:
    """A spec with ``concepts`` concepts of 3-6 atoms over ``relations`` relations and the ten
    kinds of ``CLASSIFICATION_KINDS``, and one framing ``F`` of ``rules`` weakly acyclic rules.

    Concept bodies are trees rooted at the first parameter, assembled from a pool of ``motifs``
    shared sub-patterns, so that a concept whose motifs include another's implies it; the rules
    (sub-relations, kind inferences, compositions and existential ones) add further implications.
    """
    rng = random.Random(seed)
    kinds = [k for k, _ in CLASSIFICATION_KINDS]
    rels: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for i in range(relations):
        domain = rng.choice(kinds[1:])
        range_ = domain if i % 5 == 0 else rng.choice(kinds[1:])
        if i % 5 == 0:
            props = ("transitive",) if i % 10 == 0 else ("symmetric",)
        elif i % 7 == 3:
            props = ("functional",)
        else:
            props = ()
        rels[f"rel{i}"] = (domain, range_, props)

    def compatible(domain_kind: str, var_kinds: set[str]) -> bool:
        return not _conflict({"v": var_kinds | {domain_kind}})

    # the framing: rules kept only while the set stays weakly acyclic
    rule_list: list[tuple[list, list]] = []
    names = list(rels)
    attempts = 0
    while len(rule_list) < rules and attempts < 10_000:
        attempts += 1
        shape = rng.random()
        r = rng.choice(names)
        _d, e, _ = rels[r]
        if shape < 0.25:      # sub-relation
            s = rng.choice([x for x in names if x != r])
            body, head = [(r, ("x", "y"))], [(s, ("x", "y"))]
        elif shape < 0.45:    # kind inference
            k = rng.choice([k for k in kinds if compatible(k, {e})])
            body, head = [(r, ("x", "y"))], [(k, ("y",))]
        elif shape < 0.6:     # composition
            s = rng.choice(names)
            t = rng.choice(names)
            body, head = [(r, ("x", "y")), (s, ("y", "z"))], [(t, ("x", "z"))]
        elif shape < 0.8:     # existential from a kind
            k = rng.choice(kinds[1:])
            s = rng.choice(names)
            head = [(s, ("x", "w"))]
            if rng.random() < 0.5:
                head.append((rng.choice([c for c in kinds if compatible(c, {rels[s][1]})]), ("w",)))
            body = [(k, ("x",))]
        else:                 # existential from an edge
            s = rng.choice(names)
            body, head = [(r, ("x", "y"))], [(s, ("y", "w"))]
        if _conflict(_forced(body + head, rels, {})):
            continue
        if not _weakly_acyclic(rels, rule_list + [(body, head)]):
            continue
        rule_list.append((body, head))

    # the pool of shared sub-patterns, each rooted at the variable "x"
    pool: list[list[tuple[str, tuple[str, ...]]]] = []
    while len(pool) < motifs:
        r = rng.choice(names)
        shape = rng.random()
        if shape < 0.3:
            motif = [(r, ("x", "u"))]
        elif shape < 0.55:
            motif = [(r, ("x", "u")), (rng.choice(kinds), ("u",))]
        elif shape < 0.8:
            motif = [(r, ("x", "u")), (rng.choice(names), ("u", "v"))]
        else:
            motif = [(r, ("u", "x"))]
        if not _conflict(_forced(motif, rels, {})):
            pool.append(motif)

    lines = [f'spec classification_{seed} "a synthetic spec for classification benchmarks"', ""]
    for kind, parent in CLASSIFICATION_KINDS:
        lines.append(f"kind {kind}" + (f": {parent}" if parent else "") + f' "{_phrase(rng, 3, 6)}"')
    for a, b in CLASSIFICATION_DISJOINT:
        lines.append(f"disjoint {a}, {b}")
    lines.append("")
    for rel, (domain, range_, props) in rels.items():
        lines.append(f"relation {rel}({domain}, {range_})" + "".join(f" {p}" for p in props))
    lines.append("")

    unary: list[tuple[str, str]] = []
    made = 0
    while made < concepts:
        param_kind = rng.choice(PARAMETER_KINDS)
        arity = 2 if rng.random() < 0.2 else 1
        params = {"x": param_kind}
        atoms: list[tuple[str, tuple[str, ...]]] = []
        if arity == 2:
            params["y"] = rng.choice(PARAMETER_KINDS)
            atoms.append((rng.choice(names), ("x", "y")))
        target = rng.randint(3, 6)
        fresh = 0
        uses: list[str] = []
        while len(atoms) + len(uses) < target:
            if unary and rng.random() < 0.05:
                options = [c for c, k in unary if k == param_kind]
                if options:
                    uses.append(rng.choice(options))
                    continue
            motif = rng.choice(pool)
            root = "y" if arity == 2 and rng.random() < 0.3 else "x"
            renaming = {"x": root}
            for _, args in motif:
                for a in args:
                    if a not in renaming:
                        fresh += 1
                        renaming[a] = f"{a}{fresh}"
            for pred, args in motif:
                atom = (pred, tuple(renaming[a] for a in args))
                if atom not in atoms:
                    atoms.append(atom)
        atoms = atoms[:target - len(uses)] if len(atoms) + len(uses) > target else atoms
        if _conflict(_forced(atoms, rels, params)):
            continue
        name = f"c{made}"
        body = [_atom_text(a) for a in atoms] + [f"{u}(x)" for u in uses]
        head = ", ".join(f"{v}: {k}" for v, k in params.items())
        lines.append(f"concept {name}({head}) \"{_phrase(rng, 3, 8)}\"")
        lines.append(f"    := {', '.join(body)}")
        if arity == 1:
            unary.append((name, param_kind))
        made += 1

    lines.append("")
    lines.append('framing F "the rules under which the concepts are classified" {')
    for i, (body, head) in enumerate(rule_list):
        lines.append(f"    rule rule{i}: {', '.join(map(_atom_text, body))} -> {', '.join(map(_atom_text, head))}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# scenario specs

SCENARIO_KINDS = (
    ("Entity", ()), ("Agent", ("Entity",)), ("Human", ("Agent",)), ("AISystem", ("Agent",)),
    ("Optimizer", ("Agent",)), ("Model", ("AISystem",)), ("MesaOptimizer", ("Model", "Optimizer")),
    ("InnerAligned", ("Model",)), ("Deceptive", ("Model",)), ("Objective", ("Entity",)),
    ("IntendedObjective", ("Objective",)), ("LearnedObjective", ("Objective",)),
    ("Artifact", ("Entity",)), ("Dataset", ("Artifact",)),
)
SCENARIO_DISJOINT = (("Agent", "Objective"), ("Agent", "Artifact"), ("Objective", "Artifact"))
SCENARIO_RELATIONS = (
    ("trains", "Optimizer", "Model", ("acyclic",)),
    ("builds", "Human", "AISystem", ()),
    ("oversees", "Human", "AISystem", ()),
    ("influences", "Agent", "Entity", ()),
    ("optimizes", "Optimizer", "Objective", ()),
    ("behavioral_objective", "Model", "Objective", ("functional",)),
    ("aligned_with", "Objective", "Objective", ("transitive",)),
    ("intends", "Human", "Objective", ()),
    ("trained_toward", "Model", "Objective", ()),
    ("serves", "AISystem", "Objective", ()),
    ("answers_to", "AISystem", "Human", ()),
    ("trained_on", "Model", "Dataset", ()),
    ("derived_from", "Dataset", "Dataset", ("acyclic",)),
)
# The rule pool, by shape (as in ``classification_spec``): sub-relations, kind inferences,
# compositions, existential rules, and a denial. Every rule is safe for the facts that
# ``scenario_spec`` writes (none derives a second behavioural objective, a cycle, or a
# deceptive model that is inner aligned). The two ``exist*`` rules close cycles through an
# existential position with the kind inferences of ``MesaOptimizer`` and with the existential
# ``optimizes`` rule, so the weak-acyclicity filter drops one or two rules, depending on the
# seeded order.
SCENARIO_RULES = (
    ("sub", "builds(h, s) -> oversees(h, s)"),
    ("sub", "trains(o, m) -> influences(o, m)"),
    ("sub", "oversees(h, s) -> influences(h, s)"),
    ("sub", "trained_toward(m, g) -> influences(m, g)"),
    ("kind", "trains(o, m), Model(o) -> MesaOptimizer(o)"),
    ("kind", "optimizes(o, g), Model(o) -> MesaOptimizer(o)"),
    ("kind", "behavioral_objective(m, g) -> LearnedObjective(g)"),
    ("kind", "intends(h, g) -> IntendedObjective(g)"),
    ("kind", "trained_toward(m, g), behavioral_objective(m, h), aligned_with(h, g) -> InnerAligned(m)"),
    ("compose", "trains(o, m), optimizes(o, g) -> trained_toward(m, g)"),
    ("compose", "oversees(h, s), trains(s, m) -> oversees(h, m)"),
    ("compose", "builds(h, s), intends(h, g) -> serves(s, g)"),
    ("compose", "serves(s, g), aligned_with(g, k) -> serves(s, k)"),
    ("compose", "trained_toward(m, g), intends(h, g) -> answers_to(m, h)"),
    ("compose", "behavioral_objective(m, h), optimizes(m, g) -> aligned_with(h, g)"),
    ("compose", "trained_on(m, d), derived_from(d, e) -> trained_on(m, e)"),
    ("exist", "Model(m) -> behavioral_objective(m, g), LearnedObjective(g)"),
    ("exist", "Optimizer(o) -> optimizes(o, g), Objective(g)"),
    ("exist", "builds(h, s) -> intends(h, g)"),
    ("exist", "Dataset(d), derived_from(e, d) -> trained_on(m, d)"),
    ("exist*", "MesaOptimizer(m) -> trains(o, m), Optimizer(o)"),
    ("exist*", "Dataset(d) -> trained_on(m, d), MesaOptimizer(m)"),
    ("false", "InnerAligned(m), Deceptive(m) -> false"),
)


_ATOM = re.compile(r"(\w+)\(([^)]*)\)")


def _parse_rule(text: str) -> tuple[list, list]:
    """``"a(x, y), K(x) -> b(x)"`` as (body, head) lists of (predicate, arguments)."""
    def atoms(side: str) -> list:
        return [(m.group(1), tuple(a.strip() for a in m.group(2).split(",")))
                for m in _ATOM.finditer(side)]
    body, head = text.split("->")
    return atoms(body), atoms(head)


def _scenario_theory_acyclic(rules: list[tuple[list, list]]) -> bool:
    from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory
    from alignspec.reasoning.termination import weak_acyclicity_violation

    axioms = []
    for kind, parents in SCENARIO_KINDS:
        for parent in parents:
            axioms.append(Axiom(f"k{kind}{parent}", AxiomKind.SUBKIND, body=(Atom(kind, ("x",)),),
                                head=(Atom(parent, ("x",)),)))
    for rel, domain, range_, props in SCENARIO_RELATIONS:
        axioms.append(Axiom(f"d{rel}", AxiomKind.DOMAIN, body=(Atom(rel, ("x", "y")),), head=(Atom(domain, ("x",)),)))
        axioms.append(Axiom(f"r{rel}", AxiomKind.RANGE, body=(Atom(rel, ("x", "y")),), head=(Atom(range_, ("y",)),)))
        if "transitive" in props:
            axioms.append(Axiom(f"t{rel}", AxiomKind.TRANSITIVE, body=(Atom(rel, ("x", "y")), Atom(rel, ("y", "z"))),
                                head=(Atom(rel, ("x", "z")),)))
    for i, (body, head) in enumerate(rules):
        if head:
            axioms.append(Axiom(f"rule{i}", AxiomKind.RULE, body=tuple(Atom(p, a) for p, a in body),
                                head=tuple(Atom(p, a) for p, a in head)))
    return weak_acyclicity_violation(Theory("f", tuple(axioms))) is None


def scenario_framing(seed: int = 0) -> list[str]:
    """The rules of the scenario framing, in a seeded order, each kept only while the set stays
    weakly acyclic (checked with the project's own ``weak_acyclicity_violation``)."""
    rng = random.Random(seed)
    pool = [text for _, text in SCENARIO_RULES]
    rng.shuffle(pool)
    kept: list[str] = []
    parsed: list[tuple[list, list]] = []
    for text in pool:
        rule = _parse_rule(text)
        if _scenario_theory_acyclic(parsed + [rule]):
            kept.append(text)
            parsed.append(rule)
    return kept


class _ScenarioWriter:
    """Collects individuals (by declared kind), facts and expectations of the scenario."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.individuals: dict[str, list[str]] = {}
        self.facts: list[str] = []
        self.expects: list[str] = []

    def individual(self, kind: str, name: str) -> str:
        self.individuals.setdefault(kind, []).append(name)
        return name

    def fact(self, rel: str, a: str, b: str) -> None:
        self.facts.append(f"{rel}({a}, {b})")

    @property
    def size(self) -> int:
        """Given facts: one kind fact per individual and one per relation fact."""
        return sum(len(v) for v in self.individuals.values()) + len(self.facts)


def _family(w: _ScenarioWriter, tag: str, shape: str, target: int, depth: int, fanout: int,
            rules: set[str]) -> None:
    """One lab: a developer who intends an objective and builds a base optimizer, and the
    models it trains, as one chain of ``depth`` models or a tree of ``fanout`` children per
    model; each model mostly gets a behavioural objective, aligned with its trainer's objective
    in runs of at most three, and some models are deceptive (never aligned with it)."""
    rng = w.rng
    dev = w.individual("Human", f"dev_{tag}")
    goal = w.individual("Objective", f"goal_{tag}")
    base = w.individual("Optimizer", f"sgd_{tag}")
    data = w.individual("Dataset", f"data_{tag}")
    w.fact("intends", dev, goal)
    w.fact("builds", dev, base)
    w.fact("optimizes", base, goal)
    # (trainer, the objective it optimizes, its aligned run length, level)
    queue = [(base, goal, 0, 0)]
    count = 0
    inner, deceptive, leaves, declared_model = [], [], [], []
    while queue and w.size < target:
        parent, parent_goal, run, level = queue.pop(0)
        children = 1 if shape == "chain" else fanout
        if level >= depth:
            continue
        for _ in range(children):
            if w.size >= target:
                break
            count += 1
            name = f"m_{tag}_{count}"
            last = level + 1 >= depth
            kind = "Deceptive" if rng.random() < 0.05 else (
                "Model" if last or rng.random() < 0.1 else "MesaOptimizer")
            w.individual(kind, name)
            if kind == "Model" and not last and w.size + 2 * fanout < target:
                declared_model.append(name)
            w.fact("trains", parent, name)
            if level == 0:
                w.fact("oversees", dev, name)
            new_run = 0
            objective = None
            if rng.random() < 0.85:
                objective = w.individual("Objective", f"obj_{tag}_{count}")
                w.fact("behavioral_objective", name, objective)
                if kind != "Deceptive" and parent_goal is not None and run < 3 and rng.random() < 0.8:
                    w.fact("aligned_with", objective, parent_goal)
                    new_run = run + 1
                    inner.append(name)
            if not last:
                goal_of_model = objective
                if objective is not None and rng.random() < 0.9:
                    w.fact("optimizes", name, objective)
                else:
                    goal_of_model = None
                queue.append((name, goal_of_model, new_run if goal_of_model else 0, level + 1))
            else:
                leaves.append(name)
            if rng.random() < 0.3:
                w.fact("trained_on", name, data)
            if kind == "Deceptive":
                deceptive.append(name)
    if count >= 2 and rng.random() < 0.5:
        extra = w.individual("Dataset", f"data_{tag}_raw")
        w.fact("derived_from", data, extra)
    picks = [f"InnerAligned({m})" for m in inner[:2]]
    picks += [f"inner_aligned_model({m})" for m in inner[2:3]]
    picks += [f"not InnerAligned({m})" for m in deceptive[:1]]
    picks += [f"oversees({dev}, {m})" for m in (leaves or inner)[-1:]]
    if count:
        picks += [f"trained_toward(m_{tag}_1, {goal})", f"supervised_system(m_{tag}_1)"]
    if "trains(o, m), Model(o) -> MesaOptimizer(o)" in rules:
        picks += [f"MesaOptimizer({m})" for m in declared_model[:1]]
    if f"obj_{tag}_1" in w.individuals.get("Objective", ()):
        picks.append(f"not aligned_with({goal}, obj_{tag}_1)")
    w.expects += [f"expect {text}" for text in picks]


def scenario_spec(facts: int, shape: str = "chain", seed: int = 0, depth: int | None = None,
                  fanout: int = 8, max_expects: int = 40) -> str:
    """A spec with one scenario of about ``facts`` given facts (kind facts of the declared
    individuals plus relation facts) under a framing ``F`` from :func:`scenario_framing`.

    ``shape`` is ``"chain"`` (labs whose base optimizer trains a chain of ``depth`` models,
    default 250, each training the next) or ``"tree"`` (each model trains ``fanout`` models,
    ``depth`` levels, default 3). The facts are consistent under ``F`` and every expectation
    passes (at most ``max_expects`` of them, from the first labs).
    """
    if shape not in ("chain", "tree"):
        raise ValueError(shape)
    rng = random.Random(seed)
    depth = depth if depth is not None else (250 if shape == "chain" else 3)
    w = _ScenarioWriter(rng)
    rules = scenario_framing(seed)
    lab = 0
    while w.size < facts:
        _family(w, str(lab), shape, facts, depth, fanout, set(rules))
        lab += 1
    w.expects = w.expects[:max_expects]

    lines = [f'spec scenario_{shape}_{seed} "a synthetic spec with one large scenario"', ""]
    for kind, parents in SCENARIO_KINDS:
        lines.append(f"kind {kind}" + (f": {', '.join(parents)}" if parents else "") + f' "{_phrase(rng, 3, 6)}"')
    for a, b in SCENARIO_DISJOINT:
        lines.append(f"disjoint {a}, {b}")
    lines.append("")
    for rel, domain, range_, props in SCENARIO_RELATIONS:
        lines.append(f"relation {rel}({domain}, {range_})" + "".join(f" {p}" for p in props))
    lines += [
        "",
        'concept inner_aligned_model(m: Model) "its learned objective is aligned with what trained it"',
        "    := trained_toward(m, g), behavioral_objective(m, h), aligned_with(h, g)",
        'concept mesa_optimizer(m: Model) "a model that optimizes an objective" := optimizes(m, g)',
        'concept supervised_system(s: AISystem) "someone oversees it" := oversees(h, s)',
        'concept grand_trainer(o: Optimizer) "trains a model that trains a model" := trains(o, m), trains(m, n)',
        'concept pursues_intent(s: AISystem) "serves what a human intends" := serves(s, g), intends(h, g)',
        'concept accountable(s: AISystem, h: Human) "answers to that human" := answers_to(s, h), oversees(h, s)',
        'concept data_fed(m: Model) "trained on some dataset" := trained_on(m, d)',
        'concept hidden_goal(m: Model) "deceptive, with a learned objective"'
        ' := Deceptive(m), behavioral_objective(m, h)',
        "",
        'framing F "what training and oversight give" {',
    ]
    for i, rule in enumerate(rules):
        lines.append(f"    rule s{i}: {rule}")
    lines.append("}")
    lines.append("")
    lines.append(f'scenario world under F "{shape}s of optimizers training models" {{')
    for kind, names in w.individuals.items():
        for start in range(0, len(names), 20):
            lines.append(f"    {kind} {', '.join(names[start:start + 20])}")
    lines += [f"    {fact}" for fact in w.facts]
    lines += [f"    {expect}" for expect in w.expects]
    lines.append("}")
    return "\n".join(lines) + "\n"

__all__ = ["classification_spec", "parse_spec", "scenario_framing", "scenario_spec"]
