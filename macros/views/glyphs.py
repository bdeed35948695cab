"""Shapes that tell family kinds apart without colour, drawn from one table for charts, timelines and legends.

Colour comes from CSS (`.atlas-kind-<kind>` in docs/assets/visual.css), so both palettes apply;
the shape and the written label carry the same information for readers who cannot use the colour.
"""

from __future__ import annotations

import math

from .escape import esc
from .svg import coordinate

# Family kind -> (shape, legend label). Kinds come from data/models/*.yaml (family.kind).
KIND_SHAPES: dict[str, tuple[str, str]] = {
    "language": ("circle", "Language"),
    "vision-language": ("square", "Vision-language"),
    "code": ("diamond", "Code"),
    "math": ("triangle", "Math"),
    "reasoning": ("triangle-down", "Reasoning"),
    "omni": ("star", "Omni and audio"),
    "image": ("hexagon", "Image generation"),
    "multimodal-pretraining": ("pentagon", "Multimodal pretraining"),
}
FALLBACK_SHAPE = ("cross", "Embedding, reranking, safety and tools")
# Kinds drawn like another: a chart has only so many shapes a reader can tell apart.
SHARED_KINDS = {"audio": "omni"}


def _kind(kind: str) -> str:
    return SHARED_KINDS.get(kind, kind)


def kind_shape(kind: str) -> str:
    return KIND_SHAPES.get(_kind(kind), FALLBACK_SHAPE)[0]


def kind_label(kind: str) -> str:
    return KIND_SHAPES.get(_kind(kind), FALLBACK_SHAPE)[1]


def kind_class(kind: str) -> str:
    return "atlas-kind-" + (_kind(kind) if _kind(kind) in KIND_SHAPES else "other")


def _polygon(cx: float, cy: float, r: float, sides: int, rotation: float = -90.0) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(math.radians(rotation + i * 360 / sides)),
             cy + r * math.sin(math.radians(rotation + i * 360 / sides))) for i in range(sides)]


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.radians(-90 + i * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _cross(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    t = r * 0.35
    return [(cx - t, cy - r), (cx + t, cy - r), (cx + t, cy - t), (cx + r, cy - t), (cx + r, cy + t),
            (cx + t, cy + t), (cx + t, cy + r), (cx - t, cy + r), (cx - t, cy + t), (cx - r, cy + t),
            (cx - r, cy - t), (cx - t, cy - t)]


def shape_path(shape: str, cx: float, cy: float, r: float) -> str:
    """An SVG path `d` for a shape of about equal visual weight centred on (cx, cy)."""
    if shape == "circle":
        radius = coordinate(r)
        arc = f"a{radius},{radius} 0 1,0"
        return f"M{coordinate(cx - r)},{coordinate(cy)}{arc} {coordinate(2 * r)},0{arc} {coordinate(-2 * r)},0Z"
    points = {
        "square": lambda: _polygon(cx, cy, r * 1.15, 4, -45),
        "diamond": lambda: _polygon(cx, cy, r * 1.3, 4),
        "triangle": lambda: _polygon(cx, cy + r * 0.2, r * 1.35, 3),
        "triangle-down": lambda: _polygon(cx, cy - r * 0.2, r * 1.35, 3, 90),
        "pentagon": lambda: _polygon(cx, cy, r * 1.15, 5),
        "hexagon": lambda: _polygon(cx, cy, r * 1.15, 6),
        "star": lambda: _star(cx, cy, r * 1.45),
        "cross": lambda: _cross(cx, cy, r * 1.2),
    }[shape]()
    return "M" + "L".join(f"{coordinate(x)},{coordinate(y)}" for x, y in points) + "Z"


def glyph_svg(shape: str, css_class: str, hollow: bool = False) -> str:
    """A small decorative shape for HTML (legends, timeline entries); the text beside it says the same."""
    fill = " atlas-hollow" if hollow else ""
    return (f'<svg class="atlas-glyph {esc(css_class)}{fill}" viewBox="0 0 16 16" aria-hidden="true">'
            f'<path d="{shape_path(shape, 8, 8, 5)}"/></svg>')
