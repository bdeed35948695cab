"""/badges/<model-id>.svg: a small static badge per model for READMEs and docs, at a permanent address.

The badge shows the name, the size as people say it (30.5B-A3.3B, 2.4T), the context window and the licence.
Neutral colours (a dark name half, a light facts half, a mid-grey outline) read on light and dark pages; the
SVG is an accessible image (role="img", aria-label and <title>); every text value is XML-escaped. A renamed
model's old ids (aliases) get the same file, so old badge URLs keep working.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..data.records import Catalog, Model
from ..views.formatting import number_b, tokens_short
from . import permalinks

BADGES_DIR = "badges/"
HEIGHT = 20
PAD = 6
FONT = "Verdana,DejaVu Sans,Geneva,sans-serif"
NAME_BG, FACTS_BG, OUTLINE = "#374151", "#f3f4f6", "#6b7280"  # white on NAME_BG 10.3:1; FACTS_TEXT on FACTS_BG 16:1
NAME_TEXT, FACTS_TEXT = "#ffffff", "#111827"
MAX_TEXT = 48  # characters shown per half; the full text stays in <title>

# Approximate advance widths of Verdana at 11px. textLength makes the text fit exactly, so a wrong guess
# only changes letter spacing a little, never clips.
_NARROW, _WIDE = set("fijlrtI.,:;!'|()[]{} -/"), set("mwMW@%")


def _text_width(text: str) -> float:
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 4.0
        elif char in _WIDE:
            width += 10.5
        elif char.isupper() or char.isdigit():
            width += 7.5
        else:
            width += 6.8
    return round(width, 1)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(value: object) -> str:
    """One line of text without the control characters XML 1.0 forbids."""
    return " ".join(_XML_INVALID.sub("", str(value)).split())


def xml_text(value: object) -> str:
    """Text safe in XML content and attributes."""
    return html.escape(clean_text(value), quote=True)


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def billions_text(billions: float) -> str:
    """'8.2B', '2.4T', '33M': billions as people say them."""
    if billions >= 1000:
        return f"{billions / 1000:.2f}".rstrip("0").rstrip(".") + "T"
    if billions < 0.1:
        return f"{billions * 1000:.0f}M"
    return number_b(billions)


def size_text(model: Model) -> str | None:
    """The size as people say it: '8.2B', '30.5B-A3.3B' (total-A-active), '2.4T', '33M'; None if unknown."""
    if model.params_total_b is None:
        return None
    if model.is_moe and model.params_active_b is not None:
        return f"{billions_text(model.params_total_b)}-A{billions_text(model.params_active_b)}"
    return billions_text(model.params_total_b)


def context_short(model: Model) -> str | None:
    """'32K ctx', '256K→1M ctx' (native → extended), None if unknown."""
    native, maximum = model.context_native, model.context_max
    if native is None and maximum is None:
        return None
    if native is None:
        return f"≤{tokens_short(maximum)} ctx"
    if maximum and maximum > native:
        return f"{tokens_short(native)}→{tokens_short(maximum)} ctx"
    return f"{tokens_short(native)} ctx"


def licence_text(model: Model) -> str | None:
    if model.license and not (model.license == "proprietary" and not model.open_weights):
        return model.license
    return None if model.open_weights else "API only"


def badge_label(model: Model) -> str:
    """The accessible description: what the badge says, in words (also the alt text of the snippets)."""
    if model.params_total_b is None:
        size = "size undisclosed"
    elif model.is_moe and model.params_active_b is not None:
        size = f"{billions_text(model.params_total_b)} parameters, {billions_text(model.params_active_b)} active"
    else:
        size = f"{billions_text(model.params_total_b)} parameters"
    native, maximum = model.context_native, model.context_max
    if native is None and maximum is None:
        context = "context unknown"
    elif native is None:
        context = f"up to {tokens_short(maximum)} context"
    elif maximum and maximum > native:
        context = f"{tokens_short(native)} context, {tokens_short(maximum)} extended"
    else:
        context = f"{tokens_short(native)} context"
    licence = licence_text(model) or "licence unknown"
    return clean_text(f"{model.name}: {size}, {context}, {licence} (Qwen Atlas)")


def facts_text(model: Model) -> str:
    parts = [size_text(model), context_short(model), licence_text(model)]
    return " · ".join(p for p in parts if p) or "Qwen Atlas"


def _layout(model: Model) -> tuple[str, str, float, float, float, int]:
    name, facts = _shorten(clean_text(model.name)), _shorten(clean_text(facts_text(model)))
    name_w, facts_w = _text_width(name), _text_width(facts)
    left = name_w + 2 * PAD
    return name, facts, name_w, facts_w, left, round(left + facts_w + 2 * PAD)


def badge_size(model: Model) -> tuple[int, int]:
    """(width, height) in CSS pixels, for the width/height of an <img> showing the badge."""
    return _layout(model)[5], HEIGHT


def render_badge(model: Model) -> str:
    """The SVG document (UTF-8 text, no XML declaration: the file is served as image/svg+xml)."""
    name, facts, name_w, facts_w, left, width = _layout(model)
    label = xml_text(badge_label(model))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
            f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{label}">'
            f"<title>{label}</title>"
            f'<rect width="{width}" height="{HEIGHT}" rx="3" fill="{FACTS_BG}"/>'
            f'<rect width="{left:g}" height="{HEIGHT}" rx="3" fill="{NAME_BG}"/>'
            f'<rect x="{left - 3:g}" width="3" height="{HEIGHT}" fill="{NAME_BG}"/>'
            f'<rect x=".5" y=".5" width="{width - 1}" height="{HEIGHT - 1}" rx="2.5" fill="none" '
            f'stroke="{OUTLINE}"/>'
            f'<g font-family="{FONT}" font-size="11" aria-hidden="true">'
            f'<text x="{PAD}" y="14" fill="{NAME_TEXT}" textLength="{name_w:g}">{xml_text(name)}</text>'
            f'<text x="{left + PAD:g}" y="14" fill="{FACTS_TEXT}" textLength="{facts_w:g}">{xml_text(facts)}</text>'
            f"</g></svg>\n")


def badge_path(model_id: str) -> str:
    """The badge's site path (permanent): badges/<model-id>.svg."""
    return f"{BADGES_DIR}{permalinks._part(model_id)}.svg"


def write_badges(catalog: Catalog, site_dir: Path) -> int:
    """Write one badge per model and one more per alias (the same SVG at the old id's address)."""
    written = 0
    (site_dir / BADGES_DIR).mkdir(parents=True, exist_ok=True)
    for model in catalog.models.values():
        svg = render_badge(model).encode("utf-8")
        for model_id in (model.id, *model.aliases):
            (site_dir / badge_path(model_id)).write_bytes(svg)
            written += 1
    return written
