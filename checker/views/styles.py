"""How each role of node and edge is drawn, shared by the DOT and Mermaid writers."""

from __future__ import annotations

BLUE, RED, GREEN, SAND, GREY = "#3b6ea5", "#a33b3b", "#3c7a3c", "#8a7a3c", "#777777"

DOT_NODES: dict[str, dict[str, str]] = {
    "class": {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef4fb", "color": BLUE},
    "unsatisfiable": {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#fbeaea", "color": RED},
    "unknown": {"shape": "box", "style": "rounded,dashed", "color": GREY},
    "kind": {"shape": "box", "style": "filled", "fillcolor": "#f5f1e3", "color": SAND},
    "concept": {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef4fb", "color": BLUE},
    "individual": {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef7ee", "color": GREEN},
    "entity": {"shape": "box", "style": "rounded,dashed", "color": GREY},
    "note": {"shape": "plaintext"},
}

DOT_EDGES: dict[str, dict[str, str]] = {
    "implies": {"color": BLUE, "fontcolor": BLUE},
    "unsatisfiable": {"style": "dashed", "color": RED},
    "is_a": {"arrowhead": "onormal", "color": SAND},
    "relation": {"color": "#444444"},
    "disjoint": {"style": "dashed", "dir": "none", "color": RED, "fontcolor": RED, "constraint": "false"},
    "parameter": {"style": "dotted", "color": BLUE, "fontcolor": BLUE},
    "uses": {"style": "dotted", "color": GREY, "fontcolor": GREY},
    "given": {"color": "#222222"},
    "derived": {"style": "dashed", "color": BLUE, "fontcolor": BLUE},
}

MERMAID_SHAPES: dict[str, tuple[str, str]] = {
    "kind": ("[", "]"),
    "note": ("[", "]"),
}
MERMAID_DEFAULT_SHAPE = ("(", ")")

MERMAID_ARROWS: dict[str, str] = {
    "unsatisfiable": "-.->",
    "disjoint": "-.-",
    "parameter": "-.->",
    "uses": "-.->",
    "derived": "-.->",
}
MERMAID_DEFAULT_ARROW = "-->"

MERMAID_CLASSES: dict[str, str] = {
    "class": f"fill:#eef4fb,stroke:{BLUE}",
    "unsatisfiable": f"fill:#fbeaea,stroke:{RED},stroke-dasharray: 4 4",
    "unknown": f"fill:#ffffff,stroke:{GREY},stroke-dasharray: 4 4",
    "kind": f"fill:#f5f1e3,stroke:{SAND}",
    "concept": f"fill:#eef4fb,stroke:{BLUE}",
    "individual": f"fill:#eef7ee,stroke:{GREEN}",
    "entity": f"fill:#ffffff,stroke:{GREY},stroke-dasharray: 4 4",
    "note": "fill:#ffffff,stroke:#ffffff",
}
