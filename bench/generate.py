"""Deterministic generators of synthetic AlignSpec specs for the benchmarks.

``parse_spec`` writes a large spec with the mix of statements a real one has (kind trees,
disjointness, relations with properties, documented concepts, framings with rules, claims and
scenarios) for the parse and resolve benchmark. ``classification_spec`` writes a spec made for
the reasoner: many concepts built from shared sub-patterns over a fixed vocabulary, and one
framing of weakly acyclic rules, some with existential heads.

Both generators are seeded and produce the same text for the same arguments. The specs they
write are well-formed: names resolve and no variable is forced into two disjoint kinds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterator

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
                head = f"{same[0][0]} = {same[0][1]}" if same else f"{rng.choice(vocab.ancestors[gen.kinds[variables[0]]])}({variables[0]})"
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
        for j, rel in enumerate(rng.sample([r for r in vocab.relations], min(3, len(vocab.relations)))):
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
            axioms.append(Axiom(f"k{kind}", AxiomKind.SUBKIND, body=(Atom(kind, ("x",)),), head=(Atom(parent, ("x",)),)))
    for rel, (domain, range_, props) in relations.items():
        axioms.append(Axiom(f"d{rel}", AxiomKind.DOMAIN, body=(Atom(rel, ("x", "y")),), head=(Atom(domain, ("x",)),)))
        axioms.append(Axiom(f"r{rel}", AxiomKind.RANGE, body=(Atom(rel, ("x", "y")),), head=(Atom(range_, ("y",)),)))
        if "transitive" in props:
            axioms.append(Axiom(f"t{rel}", AxiomKind.TRANSITIVE, body=(Atom(rel, ("x", "y")), Atom(rel, ("y", "z"))),
                                head=(Atom(rel, ("x", "z")),)))
        if "symmetric" in props:
            axioms.append(Axiom(f"s{rel}", AxiomKind.SYMMETRIC, body=(Atom(rel, ("x", "y")),), head=(Atom(rel, ("y", "x")),)))
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
        d, e, _ = rels[r]
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


__all__ = ["parse_spec", "classification_spec"]
