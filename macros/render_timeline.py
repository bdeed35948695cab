"""Timelines as semantic HTML: an <ol> per year, each entry with a <time> at its true precision."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .dates import PartialDate
from .escape import esc, site_path, url_attr
from .formatting import params_text
from .records import Catalog, Event, Model, Paper


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    kind: str  # "model", "paper" or "event": styled apart, and named in text so colour is not needed
    label: str  # "Qwen3" for a model's family, "Paper", "Post"...
    title_html: str
    detail: str


def model_entry(model: Model, catalog: Catalog, root: str) -> TimelineEntry:
    family = catalog.families[model.family]
    title = f'<a href="{site_path(root, "models", model.id)}">{esc(model.name)}</a>'
    detail = f"{params_text(model)} · {'open weights' if model.open_weights else 'API only'}"
    return TimelineEntry(model.released, "model", family.name, title, detail)


def paper_entry(paper: Paper, root: str) -> TimelineEntry:
    title = f'<a href="{url_attr(paper.url)}">{esc(paper.title)}</a>'
    return TimelineEntry(paper.date, "paper", {"blog": "Blog post", "report": "Report"}.get(paper.kind, "Paper"),
                         title, paper.authors or "")


def event_entry(event: Event, root: str) -> TimelineEntry:
    title = f'<a href="{url_attr(event.url)}">{esc(event.title)}</a>' if event.url else esc(event.title)
    return TimelineEntry(event.date, "event", event.kind.capitalize(), title, "")


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
            date_title = "" if e.date.precision == "day" else ' title="Only the month is known"'
            detail = f'<span class="atlas-tl-detail">{esc(e.detail)}</span>' if e.detail else ""
            parts.append(
                f'<li class="atlas-tl-item atlas-tl-{e.kind}" data-precision="{e.date.precision}">'
                f'<time datetime="{e.date.iso}"{date_title}>{esc(e.date.display)}</time>'
                f'<span class="atlas-tl-label">{esc(e.label)}</span>'
                f'<span class="atlas-tl-title">{e.title_html}</span>{detail}</li>')
        parts.append("</ol></section>")
    parts.append("</div>\n\n")
    return "".join(parts)
