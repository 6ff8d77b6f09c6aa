"""How each role of node and edge is drawn, shared by the DOT and Mermaid writers."""

from __future__ import annotations

from .roles import Role

BLUE, RED, GREEN, SAND, GREY = "#3b6ea5", "#a33b3b", "#3c7a3c", "#8a7a3c", "#777777"

DOT_NODES: dict[Role, dict[str, str]] = {
    Role.CLASS: {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef4fb", "color": BLUE},
    Role.FOCUS: {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#d6e6f7", "color": BLUE,
                 "penwidth": "2"},
    Role.UNSATISFIABLE: {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#fbeaea", "color": RED},
    Role.UNKNOWN: {"shape": "box", "style": "rounded,dashed", "color": GREY},
    Role.KIND: {"shape": "box", "style": "filled", "fillcolor": "#f5f1e3", "color": SAND},
    Role.CONJUNCTION: {"shape": "ellipse", "style": "filled", "fillcolor": "#f4f4f4", "color": "#444444",
                       "fontsize": "9"},
    Role.CONCEPT: {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef4fb", "color": BLUE},
    Role.INDIVIDUAL: {"shape": "box", "style": "rounded,filled", "fillcolor": "#eef7ee", "color": GREEN},
    Role.ENTITY: {"shape": "box", "style": "rounded,dashed", "color": GREY},
    Role.NOTE: {"shape": "plaintext"},
    Role.FACT: {"shape": "box", "style": "filled", "fillcolor": "#f4f4f4", "color": "#444444", "fontsize": "9"},
    Role.DISJOINT: {"shape": "box", "style": "rounded,dashed", "color": RED, "fontcolor": RED, "fontsize": "9"},
}

DOT_EDGES: dict[Role, dict[str, str]] = {
    Role.IMPLIES: {"color": BLUE, "fontcolor": BLUE},
    Role.EXCLUDES: {"style": "dashed", "dir": "none", "color": RED, "fontcolor": RED, "constraint": "false"},
    Role.UNSATISFIABLE: {"style": "dashed", "color": RED},
    Role.IS_A: {"arrowhead": "onormal", "color": SAND},
    Role.PREMISE: {"color": "#444444", "arrowsize": "0.6"},
    Role.HOLDS: {"color": GREEN, "fontcolor": GREEN, "penwidth": "1.5"},
    Role.FAILS: {"style": "dashed", "color": RED, "fontcolor": RED},
    Role.RESTATED: {"style": "dotted", "color": SAND, "fontcolor": SAND, "penwidth": "1.5"},
    Role.UNKNOWN: {"style": "dashed", "color": GREY, "fontcolor": GREY},
    Role.RELATION: {"color": "#444444"},
    Role.DISJOINT: {"style": "dashed", "dir": "none", "color": RED, "fontcolor": RED, "constraint": "false"},
    Role.PARAMETER: {"style": "dotted", "color": BLUE, "fontcolor": BLUE},
    Role.USES: {"style": "dotted", "color": GREY, "fontcolor": GREY},
    Role.GIVEN: {"color": "#222222"},
    Role.DERIVED: {"style": "dashed", "color": BLUE, "fontcolor": BLUE},
    Role.ARGUMENT: {"color": "#444444", "fontcolor": "#444444", "arrowsize": "0.6"},
    Role.MEMBER: {"style": "dashed", "dir": "none", "color": RED},
}

MERMAID_SHAPES: dict[Role, tuple[str, str]] = {
    Role.KIND: ("[", "]"),
    Role.CONJUNCTION: ("((", "))"),
    Role.NOTE: ("[", "]"),
    Role.FACT: ("[", "]"),
}
MERMAID_DEFAULT_SHAPE = ("(", ")")

MERMAID_ARROWS: dict[Role, str] = {
    Role.HOLDS: "==>",
    Role.FAILS: "-.->",
    Role.RESTATED: "-->",
    Role.UNKNOWN: "-.->",
    Role.UNSATISFIABLE: "-.->",
    Role.DISJOINT: "-.-",
    Role.MEMBER: "-.-",
    Role.EXCLUDES: "-.-",
    Role.PARAMETER: "-.->",
    Role.USES: "-.->",
    Role.DERIVED: "-.->",
}
MERMAID_DEFAULT_ARROW = "-->"

MERMAID_CLASSES: dict[Role, str] = {
    Role.CLASS: f"fill:#eef4fb,stroke:{BLUE}",
    Role.FOCUS: f"fill:#d6e6f7,stroke:{BLUE},stroke-width:2px",
    Role.UNSATISFIABLE: f"fill:#fbeaea,stroke:{RED},stroke-dasharray: 4 4",
    Role.UNKNOWN: f"fill:#ffffff,stroke:{GREY},stroke-dasharray: 4 4",
    Role.KIND: f"fill:#f5f1e3,stroke:{SAND}",
    Role.CONJUNCTION: "fill:#f4f4f4,stroke:#444444",
    Role.CONCEPT: f"fill:#eef4fb,stroke:{BLUE}",
    Role.INDIVIDUAL: f"fill:#eef7ee,stroke:{GREEN}",
    Role.ENTITY: f"fill:#ffffff,stroke:{GREY},stroke-dasharray: 4 4",
    Role.NOTE: "fill:#ffffff,stroke:#ffffff",
    Role.FACT: "fill:#f4f4f4,stroke:#444444",
    Role.DISJOINT: f"fill:#ffffff,stroke:{RED},color:{RED},stroke-dasharray: 4 4",
}
