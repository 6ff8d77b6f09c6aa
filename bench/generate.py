"""Deterministic generators of synthetic AlignSpec specs for the benchmarks.

``parse_spec`` writes a large spec with the mix of statements a real one has (kind trees,
disjointness, relations with properties, documented concepts, framings with rules, claims and
scenarios) for the parse and resolve benchmark. ``classification_spec`` writes a spec made for
the reasoner: many concepts built from shared sub-patterns over a fixed vocabulary, and one
framing of weakly acyclic rules, some with existential heads. ``scenario_spec`` writes one large
consistent scenario of optimizers training models (long chains or broad trees), objectives and
alignment facts, under a framing of weakly acyclic rules, with expectations that pass; its
``ternary`` shape writes the trees with relations of three positions (a model's behaviour per
context, training per context).

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


def _theory(relations: dict, rules: list):
    """The kind, relation and rule axioms of a generated classification spec."""
    from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory

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
    return Theory("f", tuple(axioms))


def _weakly_acyclic(relations: dict, rules: list) -> bool:
    from alignspec.reasoning.termination import weak_acyclicity_violation

    return weak_acyclicity_violation(_theory(relations, rules)) is None


def _tree_shaped(relations: dict, rules: list) -> bool:
    from alignspec.reasoning.saturation import in_fragment

    return in_fragment(_theory(relations, rules))


Relations = dict[str, tuple[str, str, tuple[str, ...]]]
Rules = list[tuple[list, list]]
Motifs = list[list[tuple[str, tuple[str, ...]]]]


def _classification_relations(rng: random.Random, relations: int, tree_shaped: bool = False) -> Relations:
    """Relations over the classification kinds: every fifth transitive or symmetric on one
    kind, a few functional (with ``tree_shaped``, only the transitive ones keep a property)."""
    kinds = [k for k, _ in CLASSIFICATION_KINDS]
    rels: Relations = {}
    for i in range(relations):
        domain = rng.choice(kinds[1:])
        range_ = domain if i % 5 == 0 else rng.choice(kinds[1:])
        if i % 5 == 0:
            props: tuple[str, ...] = ("transitive",) if i % 10 == 0 else () if tree_shaped else ("symmetric",)
        elif i % 7 == 3 and not tree_shaped:
            props = ("functional",)
        else:
            props = ()
        rels[f"rel{i}"] = (domain, range_, props)
    return rels


def _classification_rules(rng: random.Random, rels: Relations, rules: int, tree_shaped: bool = False) -> Rules:
    """Up to ``rules`` rules (sub-relations, kind inferences, compositions and existential
    ones), each kept only while the set stays weakly acyclic (and, with ``tree_shaped``, in the
    tree-shaped fragment)."""
    kinds = [k for k, _ in CLASSIFICATION_KINDS]

    def compatible(domain_kind: str, var_kinds: set[str]) -> bool:
        return not _conflict({"v": var_kinds | {domain_kind}})

    rule_list: Rules = []
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
        if tree_shaped and not _tree_shaped(rels, rule_list + [(body, head)]):
            continue
        rule_list.append((body, head))
    return rule_list


def _motif_pool(rng: random.Random, rels: Relations, motifs: int, tree_shaped: bool = False) -> Motifs:
    """The pool of shared sub-patterns of concept bodies, each rooted at the variable ``x``
    (with ``tree_shaped``, none with an edge into ``x``)."""
    kinds = [k for k, _ in CLASSIFICATION_KINDS]
    names = list(rels)
    pool: Motifs = []
    while len(pool) < motifs:
        r = rng.choice(names)
        shape = rng.random()
        if shape < 0.3:
            motif = [(r, ("x", "u"))]
        elif shape < 0.55:
            motif = [(r, ("x", "u")), (rng.choice(kinds), ("u",))]
        elif shape < 0.8:
            motif = [(r, ("x", "u")), (rng.choice(names), ("u", "v"))]
        elif tree_shaped:
            continue
        else:
            motif = [(r, ("u", "x"))]
        if not _conflict(_forced(motif, rels, {})):
            pool.append(motif)
    return pool


def _vocabulary_lines(rng: random.Random, rels: Relations, header: str) -> list[str]:
    """The spec header, the kinds with their doc strings, the disjoint pairs and the relations."""
    lines = [header, ""]
    for kind, parent in CLASSIFICATION_KINDS:
        lines.append(f"kind {kind}" + (f": {parent}" if parent else "") + f' "{_phrase(rng, 3, 6)}"')
    for a, b in CLASSIFICATION_DISJOINT:
        lines.append(f"disjoint {a}, {b}")
    lines.append("")
    for rel, (domain, range_, props) in rels.items():
        lines.append(f"relation {rel}({domain}, {range_})" + "".join(f" {p}" for p in props))
    lines.append("")
    return lines


def _concept_lines(rng: random.Random, rels: Relations, pool: Motifs,
                   concepts: int, tree_shaped: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    """``concepts`` concepts assembled from the motif pool (20% binary, none with
    ``tree_shaped``; 5% of the atoms an earlier concept), as spec lines, and the unary ones with
    their parameter kind."""
    names = list(rels)
    lines: list[str] = []
    unary: list[tuple[str, str]] = []
    made = 0
    while made < concepts:
        param_kind = rng.choice(PARAMETER_KINDS)
        arity = 2 if rng.random() < 0.2 and not tree_shaped else 1
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
    return lines, unary


def _rule_line(name: str, rule: tuple[list, list]) -> str:
    body, head = rule
    return f"    rule {name}: {', '.join(map(_atom_text, body))} -> {', '.join(map(_atom_text, head))}"


def classification_spec(concepts: int, seed: int = 0, relations: int = 20, rules: int = 20,
                        motifs: int = 40, tree_shaped: bool = False) -> str:
    """A spec with ``concepts`` concepts of 3-6 atoms over ``relations`` relations and the ten
    kinds of ``CLASSIFICATION_KINDS``, and one framing ``F`` of ``rules`` weakly acyclic rules.

    Concept bodies are trees rooted at the first parameter, assembled from a pool of ``motifs``
    shared sub-patterns, so that a concept whose motifs include another's implies it; the rules
    (sub-relations, kind inferences, compositions and existential ones) add further implications.

    With ``tree_shaped``, the spec stays in the fragment that saturation decides (see
    ``alignspec.reasoning.el_fragment``): one parameter, every edge pointing away from it,
    transitive but no symmetric or functional relations, and only rules of the fragment.
    """
    rng = random.Random(seed)
    rels = _classification_relations(rng, relations, tree_shaped)
    rule_list = _classification_rules(rng, rels, rules, tree_shaped)
    pool = _motif_pool(rng, rels, motifs, tree_shaped)
    lines = _vocabulary_lines(rng, rels, f'spec classification_{seed} "a synthetic spec for classification benchmarks"')
    lines += _concept_lines(rng, rels, pool, concepts, tree_shaped)[0]
    lines.append("")
    lines.append('framing F "the rules under which the concepts are classified" {')
    for i, rule in enumerate(rule_list):
        lines.append(_rule_line(f"rule{i}", rule))
    lines.append("}")
    return "\n".join(lines) + "\n"


def chained_spec(concepts: int = 300, framings: int = 100, seed: int = 0, chained: bool = True,
                 claims: int = 40) -> str:
    """``concepts`` concepts as in :func:`classification_spec` under ``framings`` framings
    ``F0``, ``F1``, ... of one rule each, every one extending the one before (``chained``) or
    none extending another (the same framings side by side), and ``claims`` claims between
    concepts of one parameter kind under framings spread over the chain, most of which fail.

    The vocabulary has five ``acyclic`` relations; the rules are drawn as for
    :func:`classification_spec` and stay weakly acyclic all together, so the deepest framing
    of the chain has every rule.
    """
    rng = random.Random(seed)
    rels = _classification_relations(rng, 20)
    for i, (rel, (domain, range_, props)) in enumerate(list(rels.items())):
        if not props and i % 3 == 1:
            rels[rel] = (domain, range_, ("acyclic",))
    rule_list = _classification_rules(rng, rels, framings)
    pool = _motif_pool(rng, rels, 40)
    kind = "chained" if chained else "side by side"
    lines = _vocabulary_lines(rng, rels, f'spec chained_{seed} "{concepts} concepts under {framings} framings, {kind}"')
    concept_lines, unary = _concept_lines(rng, rels, pool, concepts)
    lines += concept_lines
    lines.append("")
    for i in range(framings):
        extends = f" extends F{i - 1}" if chained and i > 0 else ""
        lines.append(f"framing F{i}{extends} {{")
        if i < len(rule_list):
            lines.append(_rule_line(f"rule{i}", rule_list[i]))
        lines.append("}")
    lines.append("")
    by_kind: dict[str, list[str]] = {}
    for name, param_kind in unary:
        by_kind.setdefault(param_kind, []).append(name)
    groups = [names for names in by_kind.values() if len(names) >= 2]
    for i in range(claims):
        a, b = rng.sample(rng.choice(groups), 2)
        under = f" under F{rng.randrange(framings)}" if rng.random() < 0.9 else ""
        form = rng.choice(("implies", "implies", "implies", "equivalent", "does not imply"))
        lines.append(f"claim k{i}{under}: {a} {form} {b}")
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
# (name, the kinds of its positions, properties)
SCENARIO_RELATIONS = (
    ("trains", ("Optimizer", "Model"), ("acyclic",)),
    ("builds", ("Human", "AISystem"), ()),
    ("oversees", ("Human", "AISystem"), ()),
    ("influences", ("Agent", "Entity"), ()),
    ("optimizes", ("Optimizer", "Objective"), ()),
    ("behavioral_objective", ("Model", "Objective"), ("functional",)),
    ("aligned_with", ("Objective", "Objective"), ("transitive",)),
    ("intends", ("Human", "Objective"), ()),
    ("trained_toward", ("Model", "Objective"), ()),
    ("serves", ("AISystem", "Objective"), ()),
    ("answers_to", ("AISystem", "Human"), ()),
    ("trained_on", ("Model", "Dataset"), ()),
    ("derived_from", ("Dataset", "Dataset"), ("acyclic",)),
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
SCENARIO_CONCEPTS = (
    'concept inner_aligned_model(m: Model) "its learned objective is aligned with what trained it"\n'
    "    := trained_toward(m, g), behavioral_objective(m, h), aligned_with(h, g)",
    'concept mesa_optimizer(m: Model) "a model that optimizes an objective" := optimizes(m, g)',
    'concept supervised_system(s: AISystem) "someone oversees it" := oversees(h, s)',
    'concept grand_trainer(o: Optimizer) "trains a model that trains a model" := trains(o, m), trains(m, n)',
    'concept pursues_intent(s: AISystem) "serves what a human intends" := serves(s, g), intends(h, g)',
    'concept accountable(s: AISystem, h: Human) "answers to that human" := answers_to(s, h), oversees(h, s)',
    'concept data_fed(m: Model) "trained on some dataset" := trained_on(m, d)',
    'concept hidden_goal(m: Model) "deceptive, with a learned objective"'
    " := Deceptive(m), behavioral_objective(m, h)",
)

# The ternary vocabulary: the same labs written with relations of three positions, a model's
# behaviour per context (``behaves``, functional: one objective per model and context), who
# trains whom in which context (``trained_on``, inverse functional: one trainer per model and
# context), oversight, deployment, training direction and service per context; contexts are
# training or deployment contexts.
TERNARY_KINDS = (
    ("Entity", ()), ("Agent", ("Entity",)), ("Human", ("Agent",)), ("AISystem", ("Agent",)),
    ("Optimizer", ("Agent",)), ("Model", ("AISystem",)), ("MesaOptimizer", ("Model", "Optimizer")),
    ("InnerAligned", ("Model",)), ("Deceptive", ("Model",)), ("Objective", ("Entity",)),
    ("IntendedObjective", ("Objective",)), ("LearnedObjective", ("Objective",)),
    ("Context", ("Entity",)), ("Training", ("Context",)), ("Deployment", ("Context",)),
)
TERNARY_DISJOINT = (("Agent", "Objective"), ("Agent", "Context"), ("Objective", "Context"),
                    ("Training", "Deployment"))
TERNARY_RELATIONS = (
    ("trained_on", ("Optimizer", "Model", "Context"), ("inverse_functional",)),
    ("behaves", ("Model", "Context", "Objective"), ("functional",)),
    ("oversees", ("Human", "AISystem", "Context"), ()),
    ("deploys", ("Human", "Model", "Context"), ()),
    ("trained_toward", ("Model", "Context", "Objective"), ()),
    ("serves", ("AISystem", "Context", "Objective"), ()),
    ("trains", ("Optimizer", "Model"), ("acyclic",)),
    ("influences", ("Agent", "Entity"), ()),
    ("optimizes", ("Optimizer", "Objective"), ()),
    ("aligned_with", ("Objective", "Objective"), ("transitive",)),
    ("intends", ("Human", "Objective"), ()),
    ("answers_to", ("AISystem", "Human"), ()),
)
# The ternary rule pool, of the same shapes. In a training context a model behaves by what its
# trainer optimizes (a deceptive model plays along); every model trained in a context behaves
# somehow there, and every optimizer optimizes something: where a trainer's objective is not
# given, both existential rules fire in the same round and the functional ``behaves`` merges
# the two unknown objectives in the next. The ``exist*`` rules close cycles through an
# existential position with the ``MesaOptimizer`` kind inference and with each other, so the
# filter drops one or two rules, depending on the seeded order.
TERNARY_RULES = (
    ("sub", "trained_on(o, m, c) -> trains(o, m)"),
    ("sub", "trains(o, m) -> influences(o, m)"),
    ("sub", "deploys(h, m, d) -> oversees(h, m, d)"),
    ("sub", "oversees(h, s, c) -> influences(h, s)"),
    ("sub", "behaves(m, c, g) -> serves(m, c, g)"),
    ("kind", "trained_on(o, m, c), Model(o) -> MesaOptimizer(o)"),
    ("kind", "behaves(m, d, g), Deployment(d) -> LearnedObjective(g)"),
    ("kind", "intends(h, g) -> IntendedObjective(g)"),
    ("kind", "deploys(h, m, c) -> Deployment(c)"),
    ("kind", "trained_toward(m, t, g), behaves(m, d, h), Deployment(d), aligned_with(h, g) -> InnerAligned(m)"),
    ("compose", "trained_on(o, m, c), optimizes(o, g) -> trained_toward(m, c, g)"),
    ("compose", "trained_on(o, m, t), Training(t), optimizes(o, g) -> behaves(m, t, g)"),
    ("compose", "oversees(h, s, c), trained_on(s, m, c) -> oversees(h, m, c)"),
    ("compose", "serves(s, c, g), aligned_with(g, k) -> serves(s, c, k)"),
    ("compose", "trained_toward(m, c, g), intends(h, g) -> answers_to(m, h)"),
    ("exist", "trained_on(o, m, c) -> behaves(m, c, g)"),
    ("exist", "deploys(h, m, d) -> behaves(m, d, g), LearnedObjective(g)"),
    ("exist", "Optimizer(o) -> optimizes(o, g), Objective(g)"),
    ("exist", "oversees(h, s, c) -> intends(h, g)"),
    ("exist*", "MesaOptimizer(m) -> trained_on(o, m, t), Training(t), Optimizer(o)"),
    ("exist*", "Training(t) -> trained_on(o, m, t), MesaOptimizer(m)"),
    ("false", "InnerAligned(m), Deceptive(m) -> false"),
)
TERNARY_CONCEPTS = (
    'concept inner_aligned_model(m: Model) "behaves in deployment by an objective aligned with what it was'
    ' trained toward"\n    := trained_toward(m, t, g), behaves(m, d, h), Deployment(d), aligned_with(h, g)',
    'concept plays_along(m: Model, c: Context) "behaves there by what it is trained toward there"'
    " := trained_toward(m, c, g), behaves(m, c, g)",
    'concept supervised_system(s: AISystem) "someone oversees it somewhere" := oversees(h, s, c)',
    'concept grand_trainer(o: Optimizer) "trains a model that trains a model in the same context"'
    " := trained_on(o, m, c), trained_on(m, n, c)",
    'concept pursues_intent(s: AISystem) "serves what a human intends" := serves(s, c, g), intends(h, g)',
    'concept deployed_model(m: Model) "deployed, with a behaviour there" := deploys(h, m, d), behaves(m, d, g)',
    'concept treacherous(m: Model) "deceptive, with a behaviour in training and one in deployment"'
    " := Deceptive(m), behaves(m, t, g), Training(t), behaves(m, d, h), Deployment(d)",
    'concept hidden_goal(m: Model) "deceptive, with a learned objective it behaves by in deployment"'
    " := Deceptive(m), behaves(m, d, h), Deployment(d), LearnedObjective(h)",
)
SCENARIO_SHAPES = ("chain", "tree", "ternary")


def _vocabulary(shape: str) -> tuple:
    """Kinds, disjoint pairs, relations, rule pool and concepts of a scenario shape."""
    if shape == "ternary":
        return TERNARY_KINDS, TERNARY_DISJOINT, TERNARY_RELATIONS, TERNARY_RULES, TERNARY_CONCEPTS
    return SCENARIO_KINDS, SCENARIO_DISJOINT, SCENARIO_RELATIONS, SCENARIO_RULES, SCENARIO_CONCEPTS


_ATOM = re.compile(r"(\w+)\(([^)]*)\)")


def _parse_rule(text: str) -> tuple[list, list]:
    """``"a(x, y), K(x) -> b(x)"`` as (body, head) lists of (predicate, arguments)."""
    def atoms(side: str) -> list:
        return [(m.group(1), tuple(a.strip() for a in m.group(2).split(",")))
                for m in _ATOM.finditer(side)]
    body, head = text.split("->")
    return atoms(body), atoms(head)


def _scenario_theory_acyclic(rules: list[tuple[list, list]], kinds: tuple = SCENARIO_KINDS,
                             relations: tuple = SCENARIO_RELATIONS) -> bool:
    from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory
    from alignspec.reasoning.termination import weak_acyclicity_violation

    axioms = []
    for kind, parents in kinds:
        for parent in parents:
            axioms.append(Axiom(f"k{kind}{parent}", AxiomKind.SUBKIND, body=(Atom(kind, ("x",)),),
                                head=(Atom(parent, ("x",)),)))
    for rel, positions, props in relations:
        xs = tuple(f"x{i}" for i in range(len(positions)))
        for i, kind in enumerate(positions):
            axioms.append(Axiom(f"p{i}{rel}", AxiomKind.SIGNATURE, body=(Atom(rel, xs),), head=(Atom(kind, (xs[i],)),)))
        if "transitive" in props:
            axioms.append(Axiom(f"t{rel}", AxiomKind.TRANSITIVE, body=(Atom(rel, ("x", "y")), Atom(rel, ("y", "z"))),
                                head=(Atom(rel, ("x", "z")),)))
    for i, (body, head) in enumerate(rules):
        if head:
            axioms.append(Axiom(f"rule{i}", AxiomKind.RULE, body=tuple(Atom(p, a) for p, a in body),
                                head=tuple(Atom(p, a) for p, a in head)))
    return weak_acyclicity_violation(Theory("f", tuple(axioms))) is None


def scenario_framing(seed: int = 0, shape: str = "chain") -> list[str]:
    """The rules of the scenario framing of ``shape`` (the chain and tree shapes share theirs),
    in a seeded order, each kept only while the set stays weakly acyclic (checked with the
    project's own ``weak_acyclicity_violation``)."""
    kinds, _, relations, pool_rules, _ = _vocabulary(shape)
    rng = random.Random(seed)
    pool = [text for _, text in pool_rules]
    rng.shuffle(pool)
    kept: list[str] = []
    parsed: list[tuple[list, list]] = []
    for text in pool:
        rule = _parse_rule(text)
        if _scenario_theory_acyclic(parsed + [rule], kinds, relations):
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

    def fact(self, rel: str, *args: str) -> None:
        self.facts.append(f"{rel}({', '.join(args)})")

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


def _ternary_family(w: _ScenarioWriter, tag: str, target: int, depth: int, fanout: int,
                    rules: set[str]) -> None:
    """One lab in the ternary vocabulary: a developer who intends an objective, a base optimizer
    that optimizes it, two training contexts (pre-training and fine-tuning) and a deployment
    context (10% only declared a ``Context``, and inferred a deployment from a ``deploys``
    fact), and a tree of models, ``fanout`` children per model and ``depth`` levels, each trained
    by its parent in pre-training (40% also in fine-tuning). Each model mostly behaves in
    deployment by its own objective, aligned with its trainer's objective in runs of at most
    three (never for deceptive models); half of the models have their training behaviour given
    as well (by what the trainer optimizes, as the framing derives it), and 30% are deployed."""
    rng = w.rng
    dev = w.individual("Human", f"dev_{tag}")
    goal = w.individual("Objective", f"goal_{tag}")
    base = w.individual("Optimizer", f"sgd_{tag}")
    pre = w.individual("Training", f"pre_{tag}")
    tune = w.individual("Training", f"tune_{tag}")
    deploy_kind = "Context" if rng.random() < 0.1 else "Deployment"
    deploy = w.individual(deploy_kind, f"deploy_{tag}")
    w.fact("intends", dev, goal)
    w.fact("optimizes", base, goal)
    # (trainer, the objective it optimizes, its aligned run length, level)
    queue = [(base, goal, 0, 0)]
    count = 0
    inner, leaves, declared_model, unknown_trainer = [], [], [], []
    deceptive: list[tuple[str, str | None, str | None]] = []   # (model, trainer's objective, own)
    while queue and w.size < target:
        parent, parent_goal, run, level = queue.pop(0)
        if level >= depth:
            continue
        for _ in range(fanout):
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
            w.fact("trained_on", parent, name, pre)
            if rng.random() < 0.4:
                w.fact("trained_on", parent, name, tune)
            if level == 0:
                w.fact("oversees", dev, name, pre)
            if parent_goal is None:
                unknown_trainer.append(name)
            elif rng.random() < 0.5:
                w.fact("behaves", name, pre, parent_goal)
            new_run = 0
            objective = None
            if rng.random() < 0.85:
                objective = w.individual("Objective", f"obj_{tag}_{count}")
                w.fact("behaves", name, deploy, objective)
                if kind != "Deceptive" and parent_goal is not None and run < 3 and rng.random() < 0.8:
                    w.fact("aligned_with", objective, parent_goal)
                    new_run = run + 1
                    inner.append(name)
            if rng.random() < 0.3 or (deploy_kind == "Context" and count == 1):
                w.fact("deploys", dev, name, deploy)
            if not last:
                goal_of_model = objective
                if objective is not None and rng.random() < 0.9:
                    w.fact("optimizes", name, objective)
                else:
                    goal_of_model = None
                queue.append((name, goal_of_model, new_run if goal_of_model else 0, level + 1))
            else:
                leaves.append(name)
            if kind == "Deceptive":
                deceptive.append((name, parent_goal, objective))
    picks = [f"InnerAligned({m})" for m in inner[:2]]
    picks += [f"inner_aligned_model({m})" for m in inner[2:3]]
    for m, trainer_goal, own in deceptive[:1]:
        picks += [f"not InnerAligned({m})", f"plays_along({m}, {pre})"]
        if trainer_goal is not None:
            picks += [f"behaves({m}, {pre}, {trainer_goal})", f"not behaves({m}, {deploy}, {trainer_goal})"]
        if own is not None and deploy_kind == "Deployment":
            picks.append(f"treacherous({m})")
    picks += [f"plays_along({m}, {pre})" for m in unknown_trainer[:1]]
    picks += [f"oversees({dev}, {m}, {pre})" for m in (leaves or inner)[-1:]]
    if count:
        picks += [f"trained_toward(m_{tag}_1, {pre}, {goal})", f"supervised_system(m_{tag}_1)"]
        if deploy_kind == "Context":
            picks.append(f"Deployment({deploy})")
    if "trained_on(o, m, c), Model(o) -> MesaOptimizer(o)" in rules:
        picks += [f"MesaOptimizer({m})" for m in declared_model[:1]]
    if f"obj_{tag}_1" in w.individuals.get("Objective", ()):
        picks.append(f"not aligned_with({goal}, obj_{tag}_1)")
    w.expects += [f"expect {text}" for text in picks]


def scenario_spec(facts: int, shape: str = "chain", seed: int = 0, depth: int | None = None,
                  fanout: int = 8, max_expects: int = 40) -> str:
    """A spec with one scenario of about ``facts`` given facts (kind facts of the declared
    individuals plus relation facts) under a framing ``F`` from :func:`scenario_framing`.

    ``shape`` is ``"chain"`` (labs whose base optimizer trains a chain of ``depth`` models,
    default 250, each training the next), ``"tree"`` (each model trains ``fanout`` models,
    ``depth`` levels, default 3) or ``"ternary"`` (trees as in ``"tree"``, written in the
    ternary vocabulary: who trains whom in which context, a model's behaviour per context). The
    facts are consistent under ``F`` and every expectation passes (at most ``max_expects`` of
    them, from the first labs).
    """
    if shape not in SCENARIO_SHAPES:
        raise ValueError(shape)
    rng = random.Random(seed)
    depth = depth if depth is not None else (250 if shape == "chain" else 3)
    w = _ScenarioWriter(rng)
    rules = scenario_framing(seed, shape)
    lab = 0
    while w.size < facts:
        if shape == "ternary":
            _ternary_family(w, str(lab), facts, depth, fanout, set(rules))
        else:
            _family(w, str(lab), shape, facts, depth, fanout, set(rules))
        lab += 1
    w.expects = w.expects[:max_expects]

    kinds, disjoint, relations, _, concepts = _vocabulary(shape)
    lines = [f'spec scenario_{shape}_{seed} "a synthetic spec with one large scenario"', ""]
    for kind, parents in kinds:
        lines.append(f"kind {kind}" + (f": {', '.join(parents)}" if parents else "") + f' "{_phrase(rng, 3, 6)}"')
    for a, b in disjoint:
        lines.append(f"disjoint {a}, {b}")
    lines.append("")
    for rel, positions, props in relations:
        lines.append(f"relation {rel}({', '.join(positions)})" + "".join(f" {p}" for p in props))
    lines += ["", *concepts, "", 'framing F "what training and oversight give" {']
    for i, rule in enumerate(rules):
        lines.append(f"    rule s{i}: {rule}")
    lines.append("}")
    lines.append("")
    title = "labs of optimizers training models in contexts" if shape == "ternary" else \
        f"{shape}s of optimizers training models"
    lines.append(f'scenario world under F "{title}" {{')
    for kind, names in w.individuals.items():
        for start in range(0, len(names), 20):
            lines.append(f"    {kind} {', '.join(names[start:start + 20])}")
    lines += [f"    {fact}" for fact in w.facts]
    lines += [f"    {expect}" for expect in w.expects]
    lines.append("}")
    return "\n".join(lines) + "\n"

__all__ = ["classification_spec", "parse_spec", "scenario_framing", "scenario_spec"]
