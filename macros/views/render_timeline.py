"""Timelines as semantic HTML: an <ol> per year, each entry with a <time> at its true precision.

Readable without JavaScript or colour: each entry names its family (or "Paper", "Milestone") in
words and carries the family kind's shape; papers and events have their own hollow shapes and style.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..data.dates import PartialDate
from ..data.records import Catalog, Event, Model, Paper
from .escape import esc, site_path, url_attr
from .formatting import params_text
from .glyphs import glyph_svg, kind_class, kind_label, kind_shape


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    kind: str  # "model", "paper" or "event": styled apart, and named in text so colour is not needed
    label: str  # "Qwen3" for a model's family, "Paper", "Post"...
    title_html: str
    detail: str
    glyph_html: str  # decorative: the label says the same in words


def model_entry(model: Model, catalog: Catalog, root: str) -> TimelineEntry:
    family = catalog.families[model.family]
    title = f'<a href="{site_path(root, "models", model.id)}">{esc(model.name)}</a>'
    detail = f"{params_text(model)} · {'open weights' if model.open_weights else 'API only'}"
    glyph = glyph_svg(kind_shape(family.kind), kind_class(family.kind))
    return TimelineEntry(model.released, "model", family.name, title, detail, glyph)


def paper_entry(paper: Paper, root: str) -> TimelineEntry:
    title = f'<a href="{url_attr(paper.url)}">{esc(paper.title)}</a>'
    return TimelineEntry(paper.date, "paper", {"blog": "Blog post", "report": "Report"}.get(paper.kind, "Paper"),
                         title, paper.authors or "", glyph_svg("square", "atlas-kind-paper", hollow=True))


def event_entry(event: Event, root: str) -> TimelineEntry:
    title = f'<a href="{url_attr(event.url)}">{esc(event.title)}</a>' if event.url else esc(event.title)
    return TimelineEntry(event.date, "event", event.kind.capitalize(), title, "",
                         glyph_svg("diamond", "atlas-kind-event", hollow=True))


def render_timeline(entries: list[TimelineEntry], newest_first: bool = True) -> str:
    if not entries:
        raise ValueError("this timeline has no entries; check the family or thread given to the macro")
    ordered = sorted(entries, key=lambda e: (e.date.sort_key, e.kind, e.title_html), reverse=newest_first)
    parts = ['\n\n<div class="atlas-timeline">']
    for year, items in groupby(ordered, key=lambda e: e.date.year):
        items = list(items)
        parts.append(f'<section class="atlas-tl-year" aria-labelledby="tl-{year}">'
                     f'<h3 class="atlas-tl-heading" id="tl-{year}">{year}</h3><ol class="atlas-tl-list">')
        for e in items:
            # A month-only date is shown as the month and says so; it is never given a made-up day.
            date_title = "" if e.date.precision == "day" else ' title="Only the month is known"'
            detail = f'<span class="atlas-tl-detail">{esc(e.detail)}</span>' if e.detail else ""
            parts.append(
                f'<li class="atlas-tl-item atlas-tl-{e.kind}" data-precision="{e.date.precision}">'
                f'<time datetime="{e.date.iso}"{date_title}>{esc(e.date.display)}</time>'
                f'{e.glyph_html}<span class="atlas-tl-label">{esc(e.label)}</span>'
                f'<span class="atlas-tl-title">{e.title_html}</span>{detail}</li>')
        parts.append("</ol></section>")
    parts.append("</div>\n\n")
    return "".join(parts)


def render_timeline_legend(catalog: Catalog) -> str:
    """A legend naming each family kind's shape, then the paper and milestone styles."""
    kinds = sorted({f.kind for f in catalog.families.values()}, key=kind_label)
    items = [f"<li>{glyph_svg(kind_shape(k), kind_class(k))} {esc(kind_label(k))} family</li>" for k in kinds]
    items.append(f'<li>{glyph_svg("square", "atlas-kind-paper", hollow=True)} Paper, report or blog post</li>')
    items.append(f'<li>{glyph_svg("diamond", "atlas-kind-event", hollow=True)} Milestone or announcement</li>')
    return f'\n\n<ul class="atlas-legend" aria-label="Legend">{"".join(items)}</ul>\n\n'
