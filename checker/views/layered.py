"""A layered (Sugiyama) layout in pure Python, for drawing graphs when Graphviz is not installed.

The classic four steps: cycles are broken by reversing the back edges of a depth-first search;
nodes are put on layers by longest path; each edge that spans several layers gets a chain of
dummy points; the order within each layer is improved by barycentre sweeps (the order with the
fewest crossings is kept); and each layer's x coordinates are the closest, in least squares, to
the mean of their neighbours' that keeps the boxes apart (isotonic regression by pool adjacent
violators). Everything is iterated in insertion order, so the same graph gives the same layout.

    >>> layout = layered_layout([("a", 40, 20), ("b", 40, 20)], [("a", "b")])
    >>> layout.nodes["a"].y < layout.nodes["b"].y
    True
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import networkx as nx

from ..reasoning import run_budget

DUMMY_WIDTH = 10.0
SWEEPS = 12
ROW_WIDTH = 960.0  # parts are packed in rows at least this wide (about a page's width)
MAX_SOURCE_ROWS = 8


@dataclass(frozen=True)
class Placed:
    """A node's box: ``x``/``y`` its centre, ``width``/``height`` its size."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """Where every node goes (by id) and the points of every edge (by its index in the input),
    in a drawing ``width`` by ``height`` with the origin at the top left."""

    width: float
    height: float
    nodes: dict[str, Placed]
    edges: tuple[tuple[tuple[float, float], ...], ...]


def _acyclic(nodes: list[str], edges: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], set[int]]:
    """The edges with every back edge of a depth-first search reversed, and the indexes of the
    reversed ones (self-loops are left out)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    back: set[tuple[str, str]] = set()
    on_stack: set[str] = set()
    for u, v, kind in nx.dfs_labeled_edges(graph):
        if kind == "forward":
            on_stack.add(v)
        elif kind == "reverse":
            on_stack.discard(v)
        elif kind == "nontree" and v in on_stack:
            back.add((u, v))
    out, reversed_ = [], set()
    for i, (u, v) in enumerate(edges):
        if u == v:
            continue
        if (u, v) in back:
            out.append((v, u))
            reversed_.add(i)
        else:
            out.append((u, v))
    return out, reversed_


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering: sources on layer 0, each edge at least one layer down."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    index = {n: i for i, n in enumerate(nodes)}
    layer: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(graph, key=index.__getitem__):
        layer[node] = max((layer[p] + 1 for p in graph.predecessors(node)), default=0)
    return layer


def _wrap_sources(layer: dict[str, int], widths: dict[str, float], node_gap: float, order: list[str]) -> dict[str, int]:
    """``layer`` with the first layer (the sources) split over several layers when it is much
    wider than a page and than every other layer: the sources keep their edges, which only get
    longer, so the drawing grows down instead of sideways (at most ``MAX_SOURCE_ROWS`` rows)."""
    rows: dict[int, float] = {}
    for node, number in layer.items():
        rows[number] = rows.get(number, 0.0) + widths[node] + node_gap
    limit = max([ROW_WIDTH, *(w for number, w in rows.items() if number)])
    total = rows.get(0, 0.0)
    if total <= limit * 1.25:
        return layer
    limit = max(limit, total / MAX_SOURCE_ROWS)
    chunks: list[list[str]] = [[]]
    filled = 0.0
    for node in (n for n in order if layer[n] == 0):
        if chunks[-1] and filled + widths[node] > limit:
            chunks.append([])
            filled = 0.0
        chunks[-1].append(node)
        filled += widths[node] + node_gap
    shift = len(chunks) - 1
    out = {node: number + shift for node, number in layer.items()}
    for row, chunk in enumerate(chunks):
        for node in chunk:
            out[node] = row
    return out


def _crossings(upper: dict[str, int], lower: dict[str, int], pairs: list[tuple[str, str]]) -> int:
    """The number of crossings between two adjacent layers, counted as inversions."""
    order = sorted((upper[a], lower[b]) for a, b in pairs)
    seen: list[int] = []
    count = 0
    for _, position in order:
        index = bisect_left(seen, position + 1)
        count += len(seen) - index
        seen.insert(index, position)
    return count


class _Graph:
    """The proper layered graph: real and dummy nodes per layer, edges between adjacent layers."""

    def __init__(self, boxes: dict[str, tuple[float, float]], edges: list[tuple[str, str]], layer: dict[str, int]):
        self.size = dict(boxes)
        self.layer = dict(layer)
        self.down: dict[str, list[str]] = {n: [] for n in boxes}
        self.up: dict[str, list[str]] = {n: [] for n in boxes}
        self.chains: list[list[str]] = []
        for index, (u, v) in enumerate(edges):
            chain = [u]
            for step in range(layer[u] + 1, layer[v]):
                dummy = f"\0{index}.{step}"
                self.size[dummy] = (DUMMY_WIDTH, 0.0)
                self.layer[dummy] = step
                self.down[dummy], self.up[dummy] = [], []
                chain.append(dummy)
            chain.append(v)
            for a, b in itertools.pairwise(chain):
                self.down[a].append(b)
                self.up[b].append(a)
            self.chains.append(chain)
        depth = max(self.layer.values(), default=-1) + 1
        self.rows: list[list[str]] = [[] for _ in range(depth)]
        for node in self._first_order(list(boxes)):
            self.rows[self.layer[node]].append(node)

    def _first_order(self, roots: list[str]) -> list[str]:
        """Every node once, depth first from the real nodes in input order (a start that keeps
        each edge's chain together)."""
        seen: dict[str, None] = {}
        for root in roots:
            stack = [root]
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen[node] = None
                stack.extend(reversed(self.down[node]))
        return list(seen)

    def crossings(self) -> int:
        total = 0
        for upper, lower in zip(self.rows, self.rows[1:]):
            up_pos = {n: i for i, n in enumerate(upper)}
            low_pos = {n: i for i, n in enumerate(lower)}
            total += _crossings(up_pos, low_pos, [(a, b) for a in upper for b in self.down[a]])
        return total

    def order(self) -> None:
        """Barycentre sweeps, down then up, keeping the order with the fewest crossings."""
        best, best_rows = self.crossings(), [list(r) for r in self.rows]
        for sweep in range(SWEEPS):
            downward = sweep % 2 == 0
            indexes = range(1, len(self.rows)) if downward else range(len(self.rows) - 2, -1, -1)
            for i in indexes:
                run_budget.check_time()
                fixed = self.rows[i - 1] if downward else self.rows[i + 1]
                position = {n: p for p, n in enumerate(fixed)}
                neighbours = self.up if downward else self.down
                keyed = []
                for p, node in enumerate(self.rows[i]):
                    near = [position[n] for n in neighbours[node] if n in position]
                    keyed.append((sum(near) / len(near) if near else float(p), p, node))
                self.rows[i] = [node for _, _, node in sorted(keyed)]
            count = self.crossings()
            if count < best:
                best, best_rows = count, [list(r) for r in self.rows]
        self.rows = best_rows


def _isotonic(targets: list[float], gaps: list[float]) -> list[float]:
    """Positions closest to ``targets`` (least squares) with ``x[i] - x[i-1] >= gaps[i-1]``."""
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    blocks: list[list[float]] = []  # [mean, count]
    for target, offset in zip(targets, offsets):
        blocks.append([target - offset, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1][0] = (blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count)
            blocks[-1][1] += count
    values = [mean for mean, count in blocks for _ in range(int(count))]
    return [v + o for v, o in zip(values, offsets)]


def _coordinates(graph: _Graph, node_gap: float) -> dict[str, float]:
    x: dict[str, float] = {}
    for row in graph.rows:
        position = 0.0
        for i, node in enumerate(row):
            if i:
                position += (graph.size[row[i - 1]][0] + graph.size[node][0]) / 2 + node_gap
            x[node] = position
    for sweep in range(8):
        downward = sweep % 2 == 0
        rows = graph.rows if downward else list(reversed(graph.rows))
        for row in rows:
            run_budget.check_time()
            targets = []
            for node in row:
                near = [x[n] for n in (graph.up[node] + graph.down[node])]
                targets.append(sum(near) / len(near) if near else x[node])
            gaps = [(graph.size[a][0] + graph.size[b][0]) / 2 + (node_gap if "\0" not in a + b else node_gap / 3)
                    for a, b in itertools.pairwise(row)]
            for node, value in zip(row, _isotonic(targets, gaps)):
                x[node] = value
    return x


def _ports(graph: _Graph, centre: Callable[[str], tuple[float, float]]) -> dict[tuple[int, int], float]:
    """Where each edge leaves its source (key ``(chain, 0)``) and reaches its target (``(chain,
    1)``), as an offset from the middle of the box's side: the edges at one side are spread
    over half its length in the order of their other ends, so that arrow heads do not meet."""
    sides: dict[tuple[str, int], list[tuple[float, int]]] = {}
    for index, chain in enumerate(graph.chains):
        sides.setdefault((chain[0], 0), []).append((centre(chain[1])[0], index))
        sides.setdefault((chain[-1], 1), []).append((centre(chain[-2])[0], index))
    offsets: dict[tuple[int, int], float] = {}
    for (node, end), items in sides.items():
        items.sort()
        span = graph.size[node][0] / 2
        step = span / len(items) if len(items) > 1 else 0.0
        for k, (_, index) in enumerate(items):
            offsets[(index, end)] = (k - (len(items) - 1) / 2) * step
    return offsets


def layered_layout(nodes: Sequence[tuple[str, float, float]], edges: Sequence[tuple[str, str]],
                   direction: str = "TB", rank_gap: float = 48.0, node_gap: float = 24.0,
                   margin: float = 12.0) -> Layout:
    """Place ``nodes`` (id, width, height) and route ``edges`` (source id, target id) in layers.

    ``direction`` is where the edges point: ``TB`` (down), ``BT`` (up), ``LR`` (right) or
    ``RL`` (left). Each edge's points run from its source's box to its target's; a self-loop
    gets no points (the drawing adds a loop). The connected parts of the graph are laid out
    each on its own and packed in rows (at least ``ROW_WIDTH`` wide), in the order of their
    first node, so that many small parts make a block rather than one long line."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(n for n, _, _ in nodes)
    graph.add_edges_from(edges)
    order = {n: i for i, (n, _, _) in enumerate(nodes)}
    parts = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
                   key=lambda c: order[c[0]])
    if len(parts) <= 1:
        return _one_part(nodes, edges, direction, rank_gap, node_gap, margin)
    by_id = {n: (n, w, h) for n, w, h in nodes}
    part_of = {n: i for i, part in enumerate(parts) for n in part}
    layouts = []
    for part in parts:
        members = set(part)
        part_edges = [(u, v) for u, v in edges if u in members]
        layouts.append(_one_part([by_id[n] for n in part], part_edges, direction, rank_gap, node_gap, 0.0))
    area = sum((lay.width + node_gap) * (lay.height + node_gap) for lay in layouts)
    row_width = max(max(lay.width for lay in layouts), (area * 3.0) ** 0.5, ROW_WIDTH)
    offsets: list[tuple[float, float]] = []
    x = y = row_height = 0.0
    for lay in layouts:
        if x > 0 and x + lay.width > row_width:
            x, y, row_height = 0.0, y + row_height + rank_gap, 0.0
        offsets.append((x + margin, y + margin))
        x += lay.width + node_gap
        row_height = max(row_height, lay.height)
    width = max(dx + lay.width for (dx, _), lay in zip(offsets, layouts)) + margin
    height = max(dy + lay.height for (_, dy), lay in zip(offsets, layouts)) + margin
    placed: dict[str, Placed] = {}
    for (dx, dy), lay in zip(offsets, layouts):
        for n, p in lay.nodes.items():
            placed[n] = Placed(round(p.x + dx, 1), round(p.y + dy, 1), p.width, p.height)
    routes = [iter(lay.edges) for lay in layouts]
    out: list[tuple[tuple[float, float], ...]] = []
    for u, _ in edges:
        index = part_of[u]
        dx, dy = offsets[index]
        out.append(tuple((round(px + dx, 1), round(py + dy, 1)) for px, py in next(routes[index])))
    return Layout(round(width, 1), round(height, 1), {n: placed[n] for n, _, _ in nodes}, tuple(out))


def _one_part(nodes: Sequence[tuple[str, float, float]], edges: Sequence[tuple[str, str]], direction: str,
              rank_gap: float, node_gap: float, margin: float) -> Layout:
    """The layout of a connected graph (see :func:`layered_layout`)."""
    horizontal = direction in ("LR", "RL")
    ids = [n for n, _, _ in nodes]
    boxes = {n: ((h, w) if horizontal else (w, h)) for n, w, h in nodes}
    acyclic, reversed_ = _acyclic(ids, edges)
    layers = _wrap_sources(_layers(ids, acyclic), {n: w for n, (w, _) in boxes.items()}, node_gap, ids)
    graph = _Graph(boxes, acyclic, layers)
    graph.order()
    x = _coordinates(graph, node_gap)
    heights = [max((graph.size[n][1] for n in row), default=0.0) for row in graph.rows]
    tops, y = [], margin
    for height in heights:
        tops.append(y)
        y += height + rank_gap
    total_height = (y - rank_gap + margin) if heights else 2 * margin
    left = min((x[n] - graph.size[n][0] / 2 for n in x), default=0.0)
    right = max((x[n] + graph.size[n][0] / 2 for n in x), default=0.0)
    total_width = right - left + 2 * margin

    def centre(node: str) -> tuple[float, float]:
        layer = graph.layer[node]
        return x[node] - left + margin, tops[layer] + heights[layer] / 2

    def place(point: tuple[float, float]) -> tuple[float, float]:
        px, py = point
        if direction == "BT":
            py = total_height - py
        elif horizontal:
            px, py = py, px
            if direction == "RL":
                px = total_height - px
        return round(px, 1), round(py, 1)

    placed = {}
    for n, w, h in nodes:
        cx, cy = place(centre(n))
        placed[n] = Placed(cx, cy, w, h)
    ports = _ports(graph, centre)
    routes: list[tuple[tuple[float, float], ...]] = []
    chains = iter(enumerate(graph.chains))
    for i, (u, v) in enumerate(edges):
        if u == v:
            routes.append(())
            continue
        index, chain = next(chains)
        points = [centre(n) for n in chain]
        first, last = chain[0], chain[-1]
        points[0] = (points[0][0] + ports[(index, 0)], points[0][1] + graph.size[first][1] / 2)
        points[-1] = (points[-1][0] + ports[(index, 1)], points[-1][1] - graph.size[last][1] / 2)
        route = tuple(place(p) for p in points)
        routes.append(tuple(reversed(route)) if i in reversed_ else route)
    width, height = (total_height, total_width) if horizontal else (total_width, total_height)
    return Layout(round(width, 1), round(height, 1), placed, tuple(routes))
