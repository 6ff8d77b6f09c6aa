"""Instances: finite worlds of entities and facts, kept as a networkx ``MultiDiGraph``.

Entities are nodes (attributes ``kinds``, ``label``, ``named``); a binary fact ``R(s, t)`` is an
edge ``s -> t`` keyed ``R``; a unary fact ``K(n)`` is the kind ``K`` in the node's ``kinds``; a
fact of three or more arguments lives in the per-position indexes only (a graph edge joins two
entities). Per-predicate indexes live beside the graph so that joins never scan it. Every fact ever added
keeps its :class:`Derivation`, including facts that an equality later re-keyed, so that the
reason for any fact can be walked back to the given facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import networkx as nx

from .logic import Axiom

Fact = tuple[str, tuple[int, ...]]

_NONE: Mapping[int, None] = MappingProxyType({})
_NO_INDEX: Mapping[int, Mapping[int, None]] = MappingProxyType({})
_NO_PAIRS: Mapping[tuple[int, int], None] = MappingProxyType({})
_NO_TUPLES: Mapping[tuple[int, ...], None] = MappingProxyType({})
_ABSENT = object()


@dataclass(frozen=True)
class Derivation:
    """Why a fact holds: ``axiom`` applied to ``premises`` (facts, in entity ids of that time).

    ``axiom is None`` and no premises: a given fact. ``merged`` is ``(keep, drop)`` when the fact
    is the re-keyed image of ``premises[0]`` after an equality merged ``drop`` into ``keep``; the
    remaining premises are then the facts that forced the equality.
    """

    axiom: Axiom | None
    premises: tuple[Fact, ...] = ()
    merged: tuple[int, int] | None = None

    @property
    def is_given(self) -> bool:
        return self.axiom is None and not self.premises


GIVEN = Derivation(None, ())


@dataclass(frozen=True)
class MergeStep:
    """One equality step: ``drop`` became ``keep`` because ``axiom`` matched ``premises``."""

    keep: int
    drop: int
    axiom: Axiom | None
    premises: tuple[Fact, ...]


@dataclass(frozen=True)
class DerivationNode:
    """A fact with the derivation trees of its premises (see :meth:`Instance.derivation_tree`)."""

    fact: Fact
    derivation: Derivation
    premises: tuple[DerivationNode, ...]


class Instance:
    """A world of entities and facts with indexes and provenance."""

    def __init__(self) -> None:
        self.graph: nx.MultiDiGraph[int] = nx.MultiDiGraph()
        self._next_id = 0
        self._labels: set[str] = set()
        self._label_counter: dict[str, int] = {}
        self._kind: dict[str, dict[int, None]] = {}
        self._rel: dict[str, dict[tuple[int, int], None]] = {}
        self._out: dict[str, dict[int, dict[int, None]]] = {}
        self._in: dict[str, dict[int, dict[int, None]]] = {}
        self._history: dict[Fact, Derivation] = {}
        self._log: list[Fact] = []
        self._position: dict[Fact, int] = {}
        self._live = 0
        self._parent: dict[int, int] = {}
        self._merges: dict[int, MergeStep] = {}
        self._kinds: dict[int, set[str]] = {}
        self._tuples: dict[str, dict[tuple[int, ...], None]] = {}
        self._at: dict[str, list[dict[int, dict[tuple[int, ...], None]]]] = {}
        self._journal: list[tuple[Any, ...]] | None = None

    # entities -------------------------------------------------------------------------------

    def fresh_label(self, base: str) -> str:
        """``base`` if no entity ever had that label, else ``base_2``, ``base_3``, ..."""
        if base not in self._labels:
            return base
        n = self._label_counter.get(base, 1)
        while True:
            n += 1
            candidate = f"{base}_{n}"
            if candidate not in self._labels:
                if self._journal is not None:
                    self._journal.append(("counter", base, self._label_counter.get(base, _ABSENT)))
                self._label_counter[base] = n
                return candidate

    def add_entity(self, label: str, named: bool = False) -> int:
        """Add an entity; ids count up from 0, labels are made unique with :meth:`fresh_label`."""
        node = self._next_id
        self._next_id += 1
        label = self.fresh_label(label)
        self._labels.add(label)
        kinds: set[str] = set()
        self._kinds[node] = kinds
        self.graph.add_node(node, kinds=kinds, label=label, named=named)
        if self._journal is not None:
            self._journal.append(("entity", node, label))
        return node

    def entities(self) -> list[int]:
        """The current entities, oldest first (ids count up, whatever trials and merges did)."""
        return sorted(self.graph.nodes)

    def num_entities(self) -> int:
        return self.graph.number_of_nodes()

    def label(self, node: int) -> str:
        label: str = self.graph.nodes[self.find(node)]["label"]
        return label

    def is_named(self, node: int) -> bool:
        named: bool = self.graph.nodes[self.find(node)]["named"]
        return named

    def kinds_of(self, node: int) -> frozenset[str]:
        return frozenset(self._kinds[self.find(node)])

    def find(self, node: int) -> int:
        """The entity that ``node`` is now, after any merges."""
        parent = self._parent
        while node in parent:
            node = parent[node]
        return node

    # facts ----------------------------------------------------------------------------------

    def add_fact(self, pred: str, args: tuple[int, ...], derivation: Derivation | None = None) -> bool:
        """Add ``pred(args)`` (one argument: a kind; two or more: a relation); True if it is new."""
        if not self._insert(pred, args):
            return False
        fact = (pred, args)
        logged = fact not in self._history
        if self._journal is not None:
            self._journal.append(("fact", fact, self._history.get(fact, _ABSENT), logged))
        if logged:
            self._position[fact] = len(self._log)
            self._log.append(fact)
        self._history[fact] = derivation if derivation is not None else GIVEN
        return True

    def _insert(self, pred: str, args: tuple[int, ...]) -> bool:
        """Put ``pred(args)`` into the indexes (and the graph); False if it was there."""
        if len(args) == 1:
            (n,) = args
            members = self._kind.get(pred)
            if members is None:
                members = self._kind[pred] = {}
            elif n in members:
                return False
            members[n] = None
            self._kinds[n].add(pred)
        elif len(args) == 2:
            s, t = args
            out = self._out.get(pred)
            if out is None:
                out = self._out[pred] = {}
                self._in[pred] = {}
                self._rel[pred] = {}
            targets = out.get(s)
            if targets is None:
                targets = out[s] = {}
            elif t in targets:
                return False
            targets[t] = None
            sources = self._in[pred].get(t)
            if sources is None:
                sources = self._in[pred][t] = {}
            sources[s] = None
            self._rel[pred][(s, t)] = None
            self.graph.add_edge(s, t, key=pred)
        elif args:
            tuples = self._tuples.get(pred)
            if tuples is None:
                tuples = self._tuples[pred] = {}
                self._at[pred] = [{} for _ in args]
            elif args in tuples:
                return False
            tuples[args] = None
            for index, entity in zip(self._at[pred], args):
                index.setdefault(entity, {})[args] = None
        else:
            raise ValueError(f"{pred}: a fact has at least one argument")
        self._live += 1
        return True

    def _remove_fact(self, pred: str, args: tuple[int, ...]) -> None:
        if self._journal is not None:
            self._journal.append(("removed", (pred, args)))
        self._delete(pred, args)

    def _delete(self, pred: str, args: tuple[int, ...]) -> None:
        """Take ``pred(args)`` out of the indexes (and the graph); its history stays."""
        if len(args) == 1:
            (n,) = args
            del self._kind[pred][n]
            self._kinds[n].discard(pred)
        elif len(args) == 2:
            s, t = args
            del self._out[pred][s][t]
            if not self._out[pred][s]:
                del self._out[pred][s]
            del self._in[pred][t][s]
            if not self._in[pred][t]:
                del self._in[pred][t]
            del self._rel[pred][(s, t)]
            self.graph.remove_edge(s, t, key=pred)
        else:
            del self._tuples[pred][args]
            for index, entity in zip(self._at[pred], args):
                holding = index[entity]
                holding.pop(args, None)
                if not holding:
                    del index[entity]
        self._live -= 1

    def has_fact(self, pred: str, args: tuple[int, ...]) -> bool:
        if len(args) == 1:
            return args[0] in self._kind.get(pred, ())
        if len(args) == 2:
            s, t = args
            return t in self._out.get(pred, {}).get(s, ())
        return args in self._tuples.get(pred, ())

    def facts(self) -> list[Fact]:
        """The current facts, in the order they were added."""
        return [f for f in self._log if self.has_fact(*f)]

    def num_facts(self) -> int:
        return self._live

    def log_size(self) -> int:
        """How many facts were ever added; positions into this log name "what is new"."""
        return len(self._log)

    def facts_since(self, position: int) -> list[Fact]:
        """The current facts first added at log ``position`` or later."""
        return [f for f in self._log[position:] if self.has_fact(*f)]

    def logged(self, start: int, end: int) -> list[Fact]:
        """The facts first added at log positions ``start`` to ``end`` (some may be gone since)."""
        return self._log[start:end]

    def predicates(self) -> set[str]:
        """The kinds and relations that have at least one current fact."""
        return ({k for k, m in self._kind.items() if m} | {r for r, m in self._rel.items() if m}
                | {r for r, m in self._tuples.items() if m})

    def members(self, kind: str) -> Mapping[int, None]:
        """The entities of ``kind`` (a live view: test membership, iterate, count)."""
        return self._kind.get(kind, _NONE)

    def pairs(self, relation: str) -> Mapping[tuple[int, int], None]:
        """The ``(source, target)`` pairs of ``relation`` (a live view)."""
        return self._rel.get(relation, _NO_PAIRS)

    def successors(self, relation: str, node: int) -> Mapping[int, None]:
        """The targets of ``relation`` edges from ``node`` (a live view)."""
        return self._out.get(relation, _NO_INDEX).get(node, _NONE)

    def predecessors(self, relation: str, node: int) -> Mapping[int, None]:
        """The sources of ``relation`` edges into ``node`` (a live view)."""
        return self._in.get(relation, _NO_INDEX).get(node, _NONE)

    def tuples(self, relation: str) -> Mapping[tuple[int, ...], None]:
        """The argument tuples of a relation of three or more positions (a live view)."""
        return self._tuples.get(relation, _NO_TUPLES)

    def tuples_at(self, relation: str, position: int, node: int) -> Mapping[tuple[int, ...], None]:
        """The argument tuples of an n-ary ``relation`` with ``node`` at ``position`` (a live view)."""
        indexes = self._at.get(relation)
        if indexes is None or position >= len(indexes):
            return _NO_TUPLES
        return indexes[position].get(node, _NO_TUPLES)

    def predicates_on(self, args: tuple[int, ...]) -> list[str]:
        """The predicates that hold of exactly ``args`` (current entities)."""
        if len(args) == 1:
            return list(self._kinds.get(args[0], ()))
        if len(args) == 2:
            s, t = args
            return list(self.graph.succ[s].get(t, {})) if s in self.graph else []
        return [pred for pred, tuples in self._tuples.items() if args in tuples]

    def facts_of(self, node: int) -> list[Fact]:
        """The current facts in which ``node`` takes part, kinds first."""
        node = self.find(node)
        out: list[Fact] = [(k, (node,)) for k in sorted(self._kinds[node])]
        seen = set()
        # The graph's adjacency, not its edge views: an edge view refers back to its graph, and
        # that cycle would keep the instance alive while the cyclic collector is paused.
        graph = self.graph
        edges = [(node, t, r) for t, keys in graph.succ[node].items() for r in keys]
        edges += [(s, node, r) for s, keys in graph.pred[node].items() for r in keys]
        for s, t, r in edges:
            if (r, s, t) not in seen:
                seen.add((r, s, t))
                out.append((r, (s, t)))
        for relation, indexes in self._at.items():
            found: dict[tuple[int, ...], None] = {}
            for index in indexes:
                found.update(index.get(node, _NO_TUPLES))
            out.extend((relation, args) for args in found)
        return out

    # equality -------------------------------------------------------------------------------

    def merge(self, keep: int, drop: int, axiom: Axiom | None = None,
              premises: tuple[Fact, ...] = ()) -> int:
        """Make ``drop`` the same entity as ``keep``; returns the entity that remains.

        Each fact of ``drop`` is re-keyed onto ``keep`` and records the equality step. If only
        ``drop`` is named the roles are swapped, so a named entity keeps its id; merging two
        named entities raises ``ValueError`` (unique names).
        """
        keep, drop = self.find(keep), self.find(drop)
        if keep == drop:
            return keep
        nodes = self.graph.nodes
        if nodes[drop]["named"]:
            if nodes[keep]["named"]:
                raise ValueError(f"cannot merge named entities {self.label(keep)} and {self.label(drop)}")
            keep, drop = drop, keep
        old = self.facts_of(drop)
        for fact in old:
            self._remove_fact(*fact)
        for pred, args in old:
            new_args = tuple(keep if a == drop else a for a in args)
            self.add_fact(pred, new_args, Derivation(axiom, ((pred, args),) + tuple(premises), (keep, drop)))
        if self._journal is not None:
            self._journal.append(("merged", drop, dict(nodes[drop]), self._kinds[drop]))
        self.graph.remove_node(drop)
        del self._kinds[drop]
        self._parent[drop] = keep
        self._merges[drop] = MergeStep(keep, drop, axiom, tuple(premises))
        return keep

    # trials ---------------------------------------------------------------------------------

    @contextmanager
    def trial(self) -> Iterator[Instance]:
        """Change the instance inside the ``with`` block, then undo every change when it ends:
        entities, facts, merges and labels come back exactly as they were. For asking "what if
        these facts were added" of a large chased instance without copying it."""
        if self._journal is not None:
            raise RuntimeError("trials do not nest")
        self._journal = []
        try:
            yield self
        finally:
            journal, self._journal = self._journal, None
            for entry in reversed(journal):
                self._undo(entry)

    def _undo(self, entry: tuple[Any, ...]) -> None:
        what = entry[0]
        if what == "fact":
            _, fact, previous, logged = entry
            if self.has_fact(*fact):
                self._delete(*fact)
            if logged:
                self._log.pop()
                del self._position[fact]
            if previous is _ABSENT:
                del self._history[fact]
            else:
                self._history[fact] = previous
        elif what == "removed":
            self._insert(*entry[1])
        elif what == "merged":
            _, drop, attributes, kinds = entry
            self._kinds[drop] = kinds
            self.graph.add_node(drop, **attributes)
            del self._parent[drop]
            del self._merges[drop]
        elif what == "entity":
            _, node, label = entry
            self.graph.remove_node(node)
            del self._kinds[node]
            self._labels.discard(label)
            self._next_id = node
        else:
            _, base, previous = entry
            if previous is _ABSENT:
                del self._label_counter[base]
            else:
                self._label_counter[base] = previous

    def merge_steps(self, node: int) -> list[MergeStep]:
        """The equality steps that turned ``node`` into the entity it is now, in order."""
        steps = []
        while node in self._parent:
            steps.append(self._merges[node])
            node = self._parent[node]
        return steps

    # provenance -----------------------------------------------------------------------------

    def derivation(self, fact: Fact) -> Derivation:
        """How ``fact`` (current, or re-keyed away by a merge) came about."""
        return self._history[fact]

    def derivation_tree(self, fact: Fact) -> DerivationNode:
        """The derivation of ``fact`` down to given facts, as a tree (a premise shared by several
        facts appears under each of them, as one shared node). Built bottom-up without
        recursion, so derivations of any depth are fine."""
        built: dict[Fact, DerivationNode] = {}
        waiting: set[Fact] = set()  # facts whose premises are being built
        stack = [fact]
        while stack:
            current = stack[-1]
            if current in built:
                stack.pop()
                continue
            derivation = self._history[current]
            missing = [p for p in derivation.premises if p not in built]
            if missing:
                if current in waiting or any(p in waiting for p in missing):
                    raise ValueError(f"the derivation of {self.describe_fact(current)} is circular")
                waiting.add(current)
                stack.extend(missing)
                continue
            stack.pop()
            built[current] = DerivationNode(current, derivation, tuple(built[p] for p in derivation.premises))
        return built[fact]

    def support(self, facts: Iterable[Fact]) -> Iterator[Fact]:
        """Every fact in the derivations of ``facts`` (themselves included), each once."""
        seen: set[Fact] = set()
        stack = list(facts)
        while stack:
            fact = stack.pop()
            if fact in seen:
                continue
            seen.add(fact)
            yield fact
            stack.extend(self._history[fact].premises)

    def axioms_used(self, facts: Iterable[Fact]) -> set[str]:
        """Labels of all axioms applied, transitively, in deriving ``facts``."""
        return {d.axiom.label for d in map(self._history.__getitem__, self.support(facts))
                if d.axiom is not None}

    def given_facts(self, facts: Iterable[Fact], before: int | None = None) -> list[Fact]:
        """The given facts that ``facts`` were derived from, in log order (only those first
        added before log position ``before``, when it is given)."""
        found = {f for f in self.support(facts) if self._history[f].is_given}
        if before is not None:
            found = {f for f in found if self._position[f] < before}
        return sorted(found, key=self._position.__getitem__)

    # whole instance -------------------------------------------------------------------------

    def copy(self) -> Instance:
        """An independent copy, with the same ids, labels and provenance."""
        other = Instance.__new__(Instance)
        other.graph = nx.MultiDiGraph()
        other._kinds = {n: set(k) for n, k in self._kinds.items()}
        other.graph.add_nodes_from((n, {"kinds": other._kinds[n], "label": d["label"], "named": d["named"]})
                                   for n, d in self.graph.nodes(data=True))
        edges: list[Any] = [(s, t, r) for s, targets in self.graph.adj.items() for t, keys in targets.items()
                            for r in keys]   # (source, target, key): a relation edge keyed by its relation
        other.graph.add_edges_from(edges)
        other._next_id = self._next_id
        other._labels = set(self._labels)
        other._label_counter = dict(self._label_counter)
        other._kind = {k: dict(m) for k, m in self._kind.items()}
        other._rel = {r: dict(m) for r, m in self._rel.items()}
        other._out = {r: {n: dict(m) for n, m in idx.items()} for r, idx in self._out.items()}
        other._in = {r: {n: dict(m) for n, m in idx.items()} for r, idx in self._in.items()}
        other._tuples = {r: dict(m) for r, m in self._tuples.items()}
        other._at = {r: [{n: dict(m) for n, m in index.items()} for index in indexes]
                     for r, indexes in self._at.items()}
        other._history = dict(self._history)
        other._log = list(self._log)
        other._position = dict(self._position)
        other._live = self._live
        other._parent = dict(self._parent)
        other._merges = dict(self._merges)
        other._journal = None
        return other

    def describe_fact(self, fact: Fact) -> str:
        """``pred(label, ...)`` with the entities' current labels."""
        pred, args = fact
        return f"{pred}({', '.join(self.label(a) for a in args)})"

    def __repr__(self) -> str:
        return f"<Instance: {self.num_entities()} entities, {self.num_facts()} facts>"
