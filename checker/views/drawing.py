"""A view graph drawn as SVG with the layered layout of :mod:`.layered`, for when Graphviz is not
installed. Nodes and edges take the colours and line styles of their ``role`` (the same as in
DOT); every node and edge has its ``description`` as a tooltip. Edge labels are drawn at the
middle of their edge, except on lattice edges (their rule names are in the tooltip), since this
layout does not keep room for them the way Graphviz does."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import networkx as nx

from .layered import Layout, layered_layout
from .roles import Role
from .styles import DOT_EDGES, DOT_NODES

FONT = "Helvetica, Arial, sans-serif"
FONT_SIZE = 14.0
EDGE_FONT_SIZE = 11.0
LINE_HEIGHT = 1.25
PAD_X, PAD_Y = 10.0, 7.0
WRAP = 40
_NARROW, _WIDE = set("iljtf.,;:'!|()[] "), set("mwMW@%")
_UNLABELLED_EDGES = {Role.IMPLIES.value}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the width of ``text`` in a sans-serif font of ``size`` pixels."""
    units = 0.0
    for char in text:
        if char in _NARROW:
            units += 0.3
        elif char in _WIDE:
            units += 0.85
        elif char.isupper() or char.isdigit():
            units += 0.66
        else:
            units += 0.56
    return units * size


def wrap(label: str, width: int = WRAP) -> list[str]:
    """The lines of ``label``: its own line breaks, and lines longer than ``width`` characters
    broken at spaces."""
    lines: list[str] = []
    for line in str(label).split("\n"):
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return lines


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _dot_node(role: str) -> dict[str, str]:
    return DOT_NODES.get(Role(role), {}) if role in Role._value2member_map_ else {}


def _box_style(role: str) -> dict[str, str]:
    dot = _dot_node(role)
    style = dot.get("style", "")
    out = {"fill": dot.get("fillcolor", "#ffffff") if "filled" in style else "#ffffff",
           "stroke": dot.get("color", "#444444")}
    if "dashed" in style:
        out["stroke-dasharray"] = "5,3"
    if dot.get("shape") == "plaintext":
        out["stroke"] = "none"
    return out


def _edge_style(role: str) -> tuple[dict[str, str], str]:
    """The SVG attributes of an edge of ``role`` and its arrow head (``normal``, ``open`` or ``none``)."""
    dot = DOT_EDGES.get(Role(role), {}) if role in Role._value2member_map_ else {}
    style = dot.get("style", "")
    out = {"stroke": dot.get("color", "#444444")}
    if "dashed" in style:
        out["stroke-dasharray"] = "6,4"
    elif "dotted" in style:
        out["stroke-dasharray"] = "2,3"
    head = "none" if dot.get("dir") == "none" else ("open" if dot.get("arrowhead") == "onormal" else "normal")
    return out, head


def _attrs(values: dict[str, str]) -> str:
    return " ".join(f'{k}="{escape(v)}"' for k, v in values.items())


def _markers(prefix: str, colours: Sequence[tuple[str, str]]) -> list[str]:
    out = []
    for colour, head in colours:
        ident = f"{prefix}a-{head}-{colour.lstrip('#')}"
        fill = colour if head == "normal" else "#ffffff"
        out.append(f'<marker id="{ident}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
                   f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{fill}" stroke="{colour}"/>'
                   "</marker>")
    return out


def _path(points: Sequence[tuple[float, float]], bend: float) -> str:
    if len(points) == 2 and bend:
        (x1, y1), (x2, y2) = points
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
        cx, cy = (x1 + x2) / 2 - (y2 - y1) / length * bend, (y1 + y2) / 2 + (x2 - x1) / length * bend
        return f"M{_f(x1)},{_f(y1)} Q{_f(cx)},{_f(cy)} {_f(x2)},{_f(y2)}"
    head, *rest = points
    return f"M{_f(head[0])},{_f(head[1])} " + " ".join(f"L{_f(x)},{_f(y)}" for x, y in rest)


def _middle(points: Sequence[tuple[float, float]], bend: float) -> tuple[float, float]:
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
        return ((x1 + x2) / 2 - (y2 - y1) / length * bend / 2, (y1 + y2) / 2 + (x2 - x1) / length * bend / 2)
    segment = len(points) // 2
    (x1, y1), (x2, y2) = points[segment - 1], points[segment]
    return (x1 + x2) / 2, (y1 + y2) / 2


def _label(lines: list[str], x: float, y: float, size: float, extra: str = "", anchor: str = "middle") -> str:
    top = y - (len(lines) - 1) * size * LINE_HEIGHT / 2
    spans = "".join(f'<tspan x="{_f(x)}" y="{_f(top + i * size * LINE_HEIGHT)}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text text-anchor="{anchor}" dominant-baseline="central" font-size="{_f(size)}"{extra}>'
            f"{spans}</text>")


def _shared_labels(edges: list[tuple[Any, Any, dict[str, Any]]]) -> dict[int, str]:
    """The label drawn on each edge, by index: edges of one role between the same two nodes in
    the same direction share one label (theirs, one a line) on the first of them, since their
    paths run side by side."""
    first: dict[tuple[Any, Any, str], int] = {}
    lines: dict[int, list[str]] = {}
    for index, (u, v, data) in enumerate(edges):
        label, role = data.get("label", ""), data.get("role", "")
        if not label or role in _UNLABELLED_EDGES:
            continue
        owner = first.setdefault((u, v, role), index)
        lines.setdefault(owner, []).extend(wrap(label, 24))
    return {index: "\n".join(text) for index, text in lines.items()}


def graph_layout(graph: nx.Graph[Any]) -> tuple[Layout, dict[Any, list[str]]]:
    """The layout of ``graph`` (its ``rankdir``, its nodes' wrapped ``label`` lines) and those lines."""
    lines = {node: wrap(data.get("label", str(node))) for node, data in graph.nodes(data=True)}
    ids = {node: str(i) for i, node in enumerate(graph.nodes)}
    boxes = []
    for node in graph.nodes:
        width = max(text_width(line) for line in lines[node]) + 2 * PAD_X
        height = len(lines[node]) * FONT_SIZE * LINE_HEIGHT + 2 * PAD_Y
        boxes.append((ids[node], round(width, 1), round(height, 1)))
    edges = [(ids[u], ids[v]) for u, v in graph.edges()]
    rankdir = graph.graph.get("rankdir", "TB")
    labels = [max(text_width(line, EDGE_FONT_SIZE) for line in wrap(d["label"], 24))
              for _, _, d in graph.edges(data=True) if d.get("label") and d.get("role") not in _UNLABELLED_EDGES]
    if rankdir in ("LR", "RL"):
        rank_gap = max(48.0, min(max(labels, default=0.0) + 36.0, 240.0))
    else:
        rank_gap = 72.0 if labels else 48.0
    loops = any(u == v for u, v in graph.edges())
    return layered_layout(boxes, edges, rankdir, rank_gap=rank_gap, margin=48.0 if loops else 12.0), lines


def to_svg(graph: nx.Graph[Any], id_prefix: str = "", title: str = "") -> str:
    """An ``<svg>`` element drawing ``graph`` (a view graph) with the layered layout; element
    ids start with ``id_prefix``; ``title`` is its accessible name."""
    layout, lines = graph_layout(graph)
    ids = {node: str(i) for i, node in enumerate(graph.nodes)}
    parallel: dict[frozenset[Any], int] = {}
    body: list[str] = []
    colours: dict[tuple[str, str], None] = {}
    edge_items = list(graph.edges(data=True))
    count: dict[frozenset[Any], int] = {}
    for u, v, _ in edge_items:
        count[frozenset((u, v))] = count.get(frozenset((u, v)), 0) + 1
    shared_labels = _shared_labels(edge_items)
    for index, ((u, v, data), points) in enumerate(zip(edge_items, layout.edges)):
        role = data.get("role", "")
        style, head = _edge_style(role)
        tip = f"<title>{escape(data.get('description', ''))}</title>"
        key = frozenset((u, v))
        nth = parallel.get(key, 0)
        parallel[key] = nth + 1
        if u == v:
            box = layout.nodes[ids[u]]
            x, y = box.x + box.width / 2, box.y
            reach = 18 + 8 * nth
            d = f"M{_f(x)},{_f(y - 6)} C{_f(x + reach)},{_f(y - 14)} {_f(x + reach)},{_f(y + 14)} {_f(x)},{_f(y + 6)}"
            middle = (x + reach * 0.75 + 4, y)
        else:
            forward = int(ids[u]) < int(ids[v])
            bend = (nth - (count[key] - 1) / 2) * 16 * (1 if forward else -1)
            d = _path(points, bend)
            middle = _middle(points, bend)
        marker = ""
        if head != "none":
            colours[(style["stroke"], head)] = None
            marker = f' marker-end="url(#{id_prefix}a-{head}-{style["stroke"].lstrip("#")})"'
        parts = [f'<g class="edge" id="{escape(id_prefix)}e{index}">{tip}',
                 f'<path d="{d}" fill="none" {_attrs(style)} stroke-width="1.2"{marker}/>']
        label = shared_labels.get(index, "")
        if label:
            parts.append(_label(label.split("\n"), middle[0], middle[1], EDGE_FONT_SIZE,
                                f' fill="{style["stroke"]}" class="edge-label"', "start" if u == v else "middle"))
        parts.append("</g>")
        body.append("".join(parts))
    for node, data in graph.nodes(data=True):
        box = layout.nodes[ids[node]]
        style = _box_style(data.get("role", ""))
        rounded = ' rx="6"' if "rounded" in _dot_node(data.get("role", "")).get("style", "") else ""
        tip = f"<title>{escape(data.get('description', ''))}</title>"
        body.append(f'<g class="node" id="{escape(id_prefix)}n{ids[node]}">{tip}'
                    f'<rect x="{_f(box.x - box.width / 2)}" y="{_f(box.y - box.height / 2)}" '
                    f'width="{_f(box.width)}" height="{_f(box.height)}"{rounded} {_attrs(style)}/>'
                    + _label(lines[node], box.x, box.y, FONT_SIZE) + "</g>")
    if not graph.number_of_nodes() and graph.graph.get("note"):
        note = wrap(graph.graph["note"], 60)
        width = max(text_width(line) for line in note) + 2 * PAD_X
        height = len(note) * FONT_SIZE * LINE_HEIGHT + 2 * PAD_Y
        layout = Layout(round(width, 1), round(height, 1), {}, ())
        body.append(_label(note, width / 2, height / 2, FONT_SIZE, ' font-style="italic"'))
    defs = _markers(id_prefix, list(colours))
    label = f' aria-label="{escape(title)}"' if title else ""
    return (f'<svg class="alignspec-drawing" width="{_f(layout.width)}" height="{_f(layout.height)}" '
            f'viewBox="0 0 {_f(layout.width)} {_f(layout.height)}" role="img"{label} '
            f'font-family="{FONT}">\n'
            + (f"<defs>{''.join(defs)}</defs>\n" if defs else "")
            + "\n".join(body) + "\n</svg>")
