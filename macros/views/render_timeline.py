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

import re
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


_SIZE_TOKEN = re.compile(r"^(\d+(\.\d+)?[BTM]|A\d+(\.\d+)?B)$", re.IGNORECASE)  # 7B, 2.4T, A3B


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
    while (shared < shortest - 1 and len({t[shared].lower() for t in token_lists}) == 1
           and not _SIZE_TOKEN.match(token_lists[0][shared])):  # a size is what tells models apart: keep it
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
    """A year of entries, or half of one ("jan-jun", "jul-dec") when a year is too big for one page."""

    year: int
    items: tuple[TimelineItem, ...]
    counts: dict[str, int] = field(default_factory=dict)  # kind -> entries
    half: str = ""

    @property
    def key(self) -> str:
        """'2025', or '2025-jul-dec': the heading's id (#y2025) and the page's URL (/timeline/2025/)."""
        return f"{self.year}-{self.half}" if self.half else str(self.year)

    @property
    def label(self) -> str:
        return f"{self.year}, {HALVES[self.half]}" if self.half else str(self.year)


HALVES = {"jul-dec": "July to December", "jan-jun": "January to June"}


def _group(year: int, members: Sequence[TimelineItem], half: str = "") -> YearGroup:
    counts = {kind: sum(1 for i in members if i.kind == kind) for kind, _ in KINDS}
    return YearGroup(year, tuple(members), counts, half)


def year_groups(items: Sequence[TimelineItem]) -> list[YearGroup]:
    """Items (already newest first) by year, newest year first."""
    return [_group(year, tuple(members)) for year, members in groupby(items, key=lambda i: i.date.year)]


def halves(group: YearGroup) -> list[YearGroup]:
    """A year as its two halves, newest first (a half with no entries is left out)."""
    late = [i for i in group.items if i.date.month >= 7]
    early = [i for i in group.items if i.date.month < 7]
    if not late or not early:
        return [group]
    return [_group(group.year, late, "jul-dec"), _group(group.year, early, "jan-jun")]


def family_choices(items: Sequence[TimelineItem], catalog: Catalog) -> list[tuple[str, str, int]]:
    """(id, name, release events) for the filter, by name; only families with a release on this timeline."""
    counts: dict[str, int] = {}
    for item in items:
        if item.kind == "model":
            counts[item.families[0]] = counts.get(item.families[0], 0) + 1
    return sorted(((f, catalog.families[f].name, n) for f, n in counts.items()), key=lambda c: c[1].lower())


# The Timeline page holds the newest years while their entries fit this many bytes of HTML (the theme adds about
# 20 KB); older years get a page each (/timeline/<year>/), linked from the year jumps. Today every year fits.
PAGE_BUDGET_BYTES = 110 * 1024
YEAR_PAGE = "timeline/{year}.md"  # a generated page; its URL is /timeline/<year>/ (or /timeline/2025-jan-jun/)


def split_years(sizes: Sequence[tuple[int, int]], budget: int = PAGE_BUDGET_BYTES) -> tuple[list[int], list[int]]:
    """(year, bytes) newest first -> (years on the Timeline page, years on pages of their own). The newest year is
    always on the Timeline page; the page then takes years while they fit; every year after the first that does
    not fit gets its own page, so a year never moves back once it has a page of its own."""
    shown, archived, used = [], [], 0
    for year, size in sizes:
        if not archived and (not shown or used + size <= budget):
            shown.append(year)
            used += size
        else:
            archived.append(year)
    return shown, archived


def _context(catalog: Catalog, root: str, scope: str) -> dict:
    return {
        "root": root,
        "show_family": scope != "family",
        "glyphs": {kind: (kind_shape(kind), kind_class(kind)) for kind in {f.kind for f in catalog.families.values()}},
        "paper_kinds": PAPER_KINDS,
        "detail": single_detail,
        "names_family": names_family,
    }


def year_section(group: YearGroup, context: dict, show_years: bool, year_heading: str) -> Markup:
    return render("timeline_year.html", group=group, show_years=show_years, year_heading=year_heading, **context)


def page_periods(groups: Sequence[YearGroup], size_of, budget: int) -> list[YearGroup]:
    """Years, each split into halves when it alone is bigger than a page's budget."""
    periods = []
    for group in groups:
        periods += halves(group) if size_of(group) > budget else [group]
    return periods


def timeline_view(catalog: Catalog, root: str, items: Sequence[TimelineItem], scope: str = "site",
                  period: str | None = None, budget: int = PAGE_BUDGET_BYTES) -> dict:
    """The template's context. Scope "site": the Timeline page (the newest years, then links to pages of
    their own for older years); "year": the page of one older year or half-year (`period`, e.g. "2023");
    "family" and "thread": a section of those pages."""
    if scope not in SCOPES + ("year",):
        raise ValueError(f"unknown timeline scope {scope!r}; expected one of {', '.join(SCOPES)}")
    if not items:
        raise ValueError("this timeline has no entries; check the family or thread given to the macro")
    groups = year_groups(items)
    context = _context(catalog, root, scope)
    paged = scope in ("site", "year")
    show_years = paged or len(groups) > 1
    heading = "h2" if paged else "h3"
    cache: dict[str, Markup] = {}

    def section(group: YearGroup) -> Markup:
        if group.key not in cache:
            cache[group.key] = year_section(group, context, show_years, heading)
        return cache[group.key]

    periods = page_periods(groups, lambda g: len(section(g)), budget) if paged else groups
    by_key = {g.key: g for g in periods}
    shown, archived = split_years([(g.key, len(section(g))) for g in periods], budget) if paged else (
        list(by_key), [])
    if scope == "year":
        if period not in archived:
            raise ValueError(f"{period} is on the Timeline page, not on a page of its own")
        on_page = [period]
        href = {k: (f"#y{k}" if k == period else f"../{k}/" if k in archived else f"../#y{k}") for k in by_key}
    else:
        on_page = shown
        href = {k: (f"#y{k}" if k in shown else f"{k}/") for k in by_key}
    page_items = [i for k in on_page for i in by_key[k].items]
    return {
        **context,
        "scope": scope,
        "sections": [section(by_key[k]) for k in on_page],
        "filter": paged,
        "families": family_choices(page_items, catalog) if paged else [],
        "kinds": KINDS,
        "total": len(page_items),
        "years": [(k, by_key[k].label) for k in by_key],
        "year_href": href,
        "current_year": period,
        "archived": [(k, by_key[k].label) for k in archived] if scope == "site" else [],
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


def timeline_records(catalog: Catalog, family: Family | None = None, thread_id: str | None = None) -> dict:
    """What a page's timeline covers: the family's models and the papers about them; a thread's papers and events
    and only the models they are about (a whole family's ladder would bury the thread's story, and make the page
    grow with every family tagged with the thread); or everything, for the Timeline page."""
    if family is not None:
        models = [m for m in catalog.models.values() if m.family == family.id]
        ids = {m.id for m in models}
        papers = [p for p in catalog.papers.values() if ids & set(p.models)]
        return {"models": models, "papers": papers, "events": [], "scope": "family"}
    if thread_id is not None:
        papers = [p for p in catalog.papers.values() if thread_id in p.threads]
        events = [e for e in catalog.events.values() if thread_id in e.threads]
        named = {m for item in (*papers, *events) for m in item.models}
        about = {m for p in papers for m in p.models}
        families = {f.id for f in catalog.families.values() if thread_id in f.threads}
        models = [m for m in catalog.models.values() if m.id in named and (m.family in families or m.id in about)]
        return {"models": models, "papers": papers, "events": events, "scope": "thread"}
    return {"models": list(catalog.models.values()), "papers": list(catalog.papers.values()),
            "events": list(catalog.events.values()), "scope": "site"}


def site_items(catalog: Catalog) -> list[TimelineItem]:
    return timeline_items(catalog, catalog.models.values(), catalog.papers.values(), catalog.events.values())


def year_pages(catalog: Catalog, budget: int = PAGE_BUDGET_BYTES) -> dict[str, str]:
    """Markdown for the pages of the years (or half-years) the Timeline page has no room for:
    {"timeline/2023.md": text}. Today's catalogue fits on the Timeline page: no pages."""
    items = site_items(catalog)
    if not items:
        return {}
    archived = timeline_view(catalog, "../", items, "site", budget=budget)["archived"]
    pages = {}
    for key, label in archived:
        view = timeline_view(catalog, "../../", items, "year", key, budget)
        pages[YEAR_PAGE.format(year=key)] = (
            f'---\ntitle: "Timeline: {label}"\ndescription: "Qwen model releases, papers and milestones of '
            f'{label}, newest first."\n---\n\n# Timeline: {label}\n\n'
            f"Every release, paper and milestone of {label} in the atlas, newest first. The newest years are on "
            f"the [Timeline](../timeline.md) page.\n"
            + block(render("timeline.html", **view)))
    return pages


def add_timeline_year_pages(files, config, catalog: Catalog) -> None:
    """MkDocs hook helper (on_files): add the year pages to the build."""
    from mkdocs.structure.files import File

    for path, text in year_pages(catalog).items():
        files.append(File.generated(config, path, content=text))


def render_timeline_legend(catalog: Catalog) -> str:
    """A legend naming each family kind's shape, then the paper and milestone styles."""
    # Kinds without a shape of their own share the fallback ("Other"): listed once.
    kinds = {kind_label(f.kind): f.kind for f in sorted(catalog.families.values(), key=lambda f: f.kind)}
    entries = [(Markup(glyph_svg(kind_shape(k), kind_class(k))), label)
               for label, k in sorted(kinds.items())]
    entries.append((Markup(glyph_svg("square", "atlas-kind-paper", hollow=True)), "Paper, report or blog post"))
    entries.append((Markup(glyph_svg("diamond", "atlas-kind-event", hollow=True)), "Milestone or announcement"))
    return block(render("timeline_legend.html", entries=entries))
