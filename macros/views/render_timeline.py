"""Timelines: one entry per release event, newest first, grouped by year.

A release event is what a reader remembers: "Qwen2.5-Coder, 12 Nov 2024: 0.5B, 3B, 14B and 32B, base and
instruct" is one entry, not eight rows. The selection functions here are plain Python (records in, plain
values out) and tested directly; templates/timeline.html turns their output into an <ol> per year with a
<time> per entry at its true precision ("Sep 2025" when only the month is known).

Three scopes:
- "site": the Timeline page. Year headings are h2 (under the page's h1), with year jump links and a
  family/kind filter (docs/assets/timeline.js; without the script every entry shows).
- "family": a family page, under its "## Timeline". The family is not repeated on each entry.
- "thread": a research-thread page, under its "## Timeline". Entries name their family.
On family and thread pages the year headings are h3, and only appear when the entries span several years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import Markup

from ..data.dates import PartialDate
from ..data.records import Catalog, Event, Family, Model, Paper
from .formatting import number_b
from .glyphs import glyph_svg, kind_class, kind_label, kind_shape
from .templating import block, render

SCOPES = ("site", "family", "thread")
KINDS = (("model", "Model releases"), ("paper", "Papers and posts"), ("event", "Milestones"))
PAPER_KINDS = {"paper": "Paper", "report": "Technical report", "blog": "Blog post"}

# Rows of a release, in this order; each row lists the sizes released in that variant.
VARIANT_ORDER = ("hybrid-thinking", "instruct", "thinking", "base", "reward", "prm", "api", "other")
VARIANT_LABELS = {"hybrid-thinking": "Hybrid thinking", "instruct": "Instruct", "thinking": "Thinking",
                  "base": "Base", "reward": "Reward model", "prm": "Process reward", "api": "API",
                  "other": "Other"}
# Words a model name repeats from its variant row ("Qwen2.5-7B-Instruct" in the Instruct row reads "7B").
VARIANT_WORDS = {"instruct": {"instruct", "chat"}, "base": {"base"}, "thinking": {"thinking"}}


# ---- selection: records -> release events and timeline items ------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One model inside a release event: the short label shown in its variant row ("0.5B")."""

    id: str
    name: str
    label: str


@dataclass(frozen=True)
class VariantRow:
    variant: str
    label: str  # "Instruct"
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Release:
    """Every model of one family released on one date."""

    family: Family
    date: PartialDate
    models: tuple[Model, ...]

    @property
    def rows(self) -> tuple[VariantRow, ...]:
        return variant_rows(self.models)

    @property
    def weights(self) -> str:
        open_count = sum(m.open_weights for m in self.models)
        if open_count == len(self.models):
            return "open weights"
        return "API only" if open_count == 0 else "open weights and API"


@dataclass(frozen=True)
class TimelineItem:
    """One entry of a timeline. `families` feeds the family filter (papers: the families of their models)."""

    date: PartialDate
    kind: str  # "model", "paper" or "event"
    title: str  # for a stable order among entries of one day
    families: tuple[str, ...]
    release: Release | None = None
    paper: Paper | None = None
    event: Event | None = None


def _tokens(name: str) -> list[str]:
    return name.split("-")


def short_labels(models: Sequence[Model], drop_variant_words: bool = True) -> dict[str, str]:
    """Each model's name without what its release entry already says: the words all names share at the start
    ("Qwen2.5-Coder-") and, in a variant row, the variant word ("-Instruct"). A label is never empty."""
    if len(models) == 1:
        return {models[0].id: models[0].name}
    token_lists = [_tokens(m.name) for m in models]
    shared = 0
    shortest = min(len(t) for t in token_lists)
    while shared < shortest - 1 and len({t[shared].lower() for t in token_lists}) == 1:
        shared += 1
    labels = {}
    for model, tokens in zip(models, token_lists, strict=True):
        rest = tokens[shared:]
        words = VARIANT_WORDS.get(model.variant, set()) if drop_variant_words else set()
        kept = [t for t in rest if t.lower() not in words] or rest
        labels[model.id] = "-".join(kept)
    return labels


def _size_key(model: Model) -> tuple:
    return (model.params_total_b is None, model.params_total_b or 0.0, model.name)


def variant_rows(models: Sequence[Model]) -> tuple[VariantRow, ...]:
    """The models of a release by variant (in VARIANT_ORDER), each row smallest first."""
    labels = short_labels(models)
    order = {v: i for i, v in enumerate(VARIANT_ORDER)}
    rows = []
    for variant in sorted({m.variant for m in models}, key=lambda v: (order.get(v, len(order)), v)):
        members = sorted((m for m in models if m.variant == variant), key=_size_key)
        rows.append(VariantRow(variant, VARIANT_LABELS.get(variant, variant.replace("-", " ").capitalize()),
                               tuple(Member(m.id, m.name, labels[m.id]) for m in members)))
    return tuple(rows)


def release_events(models: Iterable[Model], catalog: Catalog) -> list[Release]:
    """Models of one family released on the same date form one release event (dates compare at their
    precision: a month-only date is its own event, never merged with a day in that month)."""
    key = lambda m: (m.family, m.released.sort_key, m.released.precision)  # noqa: E731
    return [Release(catalog.families[family], group[0].released, tuple(group))
            for (family, _, _), group in ((k, list(g)) for k, g in
                                          groupby(sorted(models, key=lambda m: (key(m), m.name)), key=key))]


def _newest_first(items: list[TimelineItem]) -> list[TimelineItem]:
    kind_order = {"event": 0, "model": 1, "paper": 2}
    items = sorted(items, key=lambda i: (kind_order[i.kind], i.title))
    return sorted(items, key=lambda i: i.date.sort_key, reverse=True)  # stable: same day keeps kind order


def timeline_items(catalog: Catalog, models: Iterable[Model] = (), papers: Iterable[Paper] = (),
                   events: Iterable[Event] = ()) -> list[TimelineItem]:
    """Release events, papers and milestones, newest first."""
    family_of = {m.id: m.family for m in catalog.models.values()}

    def families(model_ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(family_of[m] for m in model_ids if m in family_of))

    items = [TimelineItem(r.date, "model", r.family.name, (r.family.id,), release=r)
             for r in release_events(models, catalog)]
    items += [TimelineItem(p.date, "paper", p.title, families(p.models), paper=p) for p in papers]
    items += [TimelineItem(e.date, "event", e.title, families(e.models), event=e) for e in events]
    return _newest_first(items)


@dataclass(frozen=True)
class YearGroup:
    year: int
    items: tuple[TimelineItem, ...]
    counts: dict[str, int] = field(default_factory=dict)  # kind -> entries


def year_groups(items: Sequence[TimelineItem]) -> list[YearGroup]:
    """Items (already newest first) by year, newest year first."""
    groups = []
    for year, members in groupby(items, key=lambda i: i.date.year):
        members = tuple(members)
        counts = {kind: sum(1 for i in members if i.kind == kind) for kind, _ in KINDS}
        groups.append(YearGroup(year, members, counts))
    return groups


def family_choices(items: Sequence[TimelineItem], catalog: Catalog) -> list[tuple[str, str, int]]:
    """(id, name, release events) for the filter, by name; only families with a release on this timeline."""
    counts: dict[str, int] = {}
    for item in items:
        if item.kind == "model":
            counts[item.families[0]] = counts.get(item.families[0], 0) + 1
    return sorted(((f, catalog.families[f].name, n) for f, n in counts.items()), key=lambda c: c[1].lower())


def timeline_view(catalog: Catalog, root: str, items: Sequence[TimelineItem], scope: str = "site") -> dict:
    """The template's context: year groups, headings at the right level, and what each scope shows."""
    if scope not in SCOPES:
        raise ValueError(f"unknown timeline scope {scope!r}; expected one of {', '.join(SCOPES)}")
    if not items:
        raise ValueError("this timeline has no entries; check the family or thread given to the macro")
    groups = year_groups(items)
    site = scope == "site"
    return {
        "root": root,
        "scope": scope,
        "groups": groups,
        "show_years": site or len(groups) > 1,
        "year_heading": "h2" if site else "h3",
        "show_family": scope != "family",
        "filter": site,
        "families": family_choices(items, catalog) if site else [],
        "kinds": KINDS,
        "total": len(items),
        "glyphs": {kind: (kind_shape(kind), kind_class(kind)) for kind in {f.kind for f in catalog.families.values()}},
        "paper_kinds": PAPER_KINDS,
        "detail": single_detail,
        "names_family": names_family,
    }


def size_text(billions: float) -> str:
    """How people say sizes: 0.6B, 72B, 2.4T."""
    return number_b(billions) if billions < 1000 else f"{billions / 1000:.2f}".rstrip("0").rstrip(".") + "T"


def single_detail(model: Model) -> str:
    """'7.61B · open weights', '2.4T total, 95B active · open weights', 'API only' (an API model's size is
    unpublished: the model page says so)."""
    weights = "open weights" if model.open_weights else "API only"
    if model.params_total_b is None:
        return "size undisclosed · open weights" if model.open_weights else weights
    size = size_text(model.params_total_b)
    if model.is_moe and model.params_active_b is not None:
        size += f" total, {size_text(model.params_active_b)} active"
    return f"{size} · {weights}"


def names_family(model: Model, family: Family) -> bool:
    """True when the model's name already says its family ("Qwen3.8-27B" in Qwen3.8)."""
    return model.name.lower().startswith(family.name.lower())


def render_timeline_view(catalog: Catalog, root: str, *, models: Iterable[Model] = (),
                         papers: Iterable[Paper] = (), events: Iterable[Event] = (), scope: str = "site") -> str:
    """The timeline block for a page (what the `timeline` macro returns)."""
    items = timeline_items(catalog, models, papers, events)
    return block(render("timeline.html", **timeline_view(catalog, root, items, scope)))


def render_timeline_legend(catalog: Catalog) -> str:
    """A legend naming each family kind's shape, then the paper and milestone styles."""
    kinds = sorted({f.kind for f in catalog.families.values()}, key=kind_label)
    entries = [(Markup(glyph_svg(kind_shape(k), kind_class(k))), f"{kind_label(k)} family") for k in kinds]
    entries.append((Markup(glyph_svg("square", "atlas-kind-paper", hollow=True)), "Paper, report or blog post"))
    entries.append((Markup(glyph_svg("diamond", "atlas-kind-event", hollow=True)), "Milestone or announcement"))
    return block(render("timeline_legend.html", entries=entries))


# ---- the `timeline` macro's older calling convention ----------------------------------------------------------
# macros/__init__.py (the lead's) builds entries with these three functions and hands them to render_timeline.
# They now only carry the records; render_timeline groups them and infers the page's scope. The macro can
# call render_timeline_view(...) with an explicit scope instead.


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    record: Model | Paper | Event
    catalog: Catalog | None
    root: str


def model_entry(model: Model, catalog: Catalog, root: str) -> TimelineEntry:
    return TimelineEntry("model", model, catalog, root)


def paper_entry(paper: Paper, root: str) -> TimelineEntry:
    return TimelineEntry("paper", paper, None, root)


def event_entry(event: Event, root: str) -> TimelineEntry:
    return TimelineEntry("event", event, None, root)


def infer_scope(catalog: Catalog, models: Sequence[Model], events: Sequence[Event]) -> str:
    if len(models) == len(catalog.models) and len(models) > 0:
        return "site"
    if models and not events and len({m.family for m in models}) == 1:
        return "family"
    return "thread"


def render_timeline(entries: list[TimelineEntry], catalog: Catalog | None = None, scope: str | None = None) -> str:
    models = [e.record for e in entries if e.kind == "model"]
    papers = [e.record for e in entries if e.kind == "paper"]
    events = [e.record for e in entries if e.kind == "event"]
    catalog = catalog or next((e.catalog for e in entries if e.catalog is not None), None)
    if catalog is None:
        if not entries:
            raise ValueError("this timeline has no entries; check the family or thread given to the macro")
        catalog = Catalog()
    root = entries[0].root if entries else ""
    return render_timeline_view(catalog, root, models=models, papers=papers, events=events,
                                scope=scope or infer_scope(catalog, models, events))

