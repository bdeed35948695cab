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

Paging (plan_pages): the Timeline page holds the newest periods that fit PAGE_BUDGET_BYTES; older periods get a
page each (/timeline/2023/), and a period too big for one page divides into halves, quarters, months, then days,
measured from its rendered entries, never from today's counts. A divided period keeps a page listing its parts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import Markup

from ..data.dates import PartialDate
from ..data.records import Catalog, Event, Family, Model, Paper
from .formatting import number_b
from .glyphs import glyph_svg, kind_class, kind_label, kind_shape
from .templating import ENVIRONMENT, block, render

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


# A period too big for a page divides into its halves, a half into quarters, a quarter into months (a month then
# into days: YearGroup.parts).
SPANS = {12: 6, 6: 3, 3: 1}


def _abbr(month: int) -> str:
    return calendar.month_abbr[month].lower()


@dataclass(frozen=True)
class YearGroup:
    """The entries of a period: a year or, when a year is too big for one page, a half, a quarter, a month, or
    days of a month (the entries dated only to that month are a part of their own: days (0, 0))."""

    year: int
    items: tuple[TimelineItem, ...]
    counts: dict[str, int] = field(default_factory=dict)  # kind -> entries
    first: int = 1  # the period's months, first to last
    last: int = 12
    days: tuple[int, int] | None = None  # within a month: first and last day; None: whole months

    @property
    def span(self) -> int:
        return self.last - self.first + 1

    @property
    def _month_days(self) -> tuple[int, int]:
        """The part's days as written: the last day of the month, not 31, ends a range."""
        first, last = self.days
        return first, min(last, calendar.monthrange(self.year, self.first)[1])

    @property
    def key(self) -> str:
        """'2025', '2025-jul-dec', '2025-q3', '2025-jul', '2025-jul-16-31', '2025-jul-09' or '2025-jul-undated':
        the heading's id (#y2025) and the page's URL (/timeline/2025/, /timeline/2025-q3/)."""
        if self.span == 12:
            return str(self.year)
        if self.span == 6:
            return f"{self.year}-{_abbr(self.first)}-{_abbr(self.last)}"
        if self.span == 3:
            return f"{self.year}-q{(self.first + 2) // 3}"
        month = f"{self.year}-{_abbr(self.first)}"
        if self.days is None:
            return month
        first, last = self._month_days
        if first == 0:
            return f"{month}-undated"
        return f"{month}-{first:02d}" if first == last else f"{month}-{first:02d}-{last:02d}"

    @property
    def label(self) -> str:
        """The heading: '2025', '2025, July to December', 'July 2025', '16 to 31 July 2025'."""
        return self._words(short=False)

    @property
    def short(self) -> str:
        """The jump link: '2025', 'Jul–Dec 2025', 'Jul 2025', '16–31 Jul 2025'."""
        return self._words(short=True)

    def _words(self, short: bool) -> str:
        names, to = (calendar.month_abbr, "–") if short else (calendar.month_name, " to ")
        if self.span == 12:
            return str(self.year)
        if self.span > 1:
            return (f"{names[self.first]}–{names[self.last]} {self.year}" if short
                    else f"{self.year}, {names[self.first]} to {names[self.last]}")
        month = f"{names[self.first]} {self.year}"
        if self.days is None:
            return month
        first, last = self._month_days
        if first == 0:
            return f"{month}, {'no day' if short else 'day not known'}"
        return f"{first} {month}" if first == last else f"{first}{to}{last} {month}"

    def covers(self, other: YearGroup) -> bool:
        """True when `other` is this period or one of its parts, at any depth."""
        if other.year != self.year or not self.first <= other.first <= other.last <= self.last:
            return False
        if self.days is None:
            return True
        return other.days is not None and self.days[0] <= other.days[0] <= other.days[1] <= self.days[1]

    def parts(self) -> list[YearGroup]:
        """The next smaller periods that have entries, newest first. A month divides into its second half, its
        first half and its entries known only to the month; days divide in two at the middle day that has entries; one
        day has no parts."""
        step = SPANS.get(self.span)
        if step is not None:
            ranges = [(first, first + step - 1, None) for first in range(self.last - step + 1, self.first - 1, -step)]
        elif self.days is None:
            ranges = [(self.first, self.first, days) for days in ((16, 31), (1, 15), (0, 0))]
        else:  # days with entries, split in two at the middle one (a part is never empty)
            present = sorted({i.date.day for i in self.items if i.date.day})
            if self.days[0] == 0 or len(present) < 2:
                return []
            middle = present[(len(present) - 1) // 2]
            ranges = [(self.first, self.first, days) for days in ((middle + 1, present[-1]), (present[0], middle))]
        parts = []
        for first, last, days in ranges:
            members = [i for i in self.items if first <= i.date.month <= last
                       and (days is None or days[0] <= (i.date.day or 0) <= days[1])]
            if members:
                parts.append(_group(self.year, members, first, last, days))
        return parts


def _group(year: int, members: Sequence[TimelineItem], first: int = 1, last: int = 12,
           days: tuple[int, int] | None = None) -> YearGroup:
    counts = {kind: sum(1 for i in members if i.kind == kind) for kind, _ in KINDS}
    return YearGroup(year, tuple(members), counts, first, last, days)


def year_groups(items: Sequence[TimelineItem]) -> list[YearGroup]:
    """Items (already newest first) by year, newest year first."""
    return [_group(year, tuple(members)) for year, members in groupby(items, key=lambda i: i.date.year)]


def family_choices(items: Sequence[TimelineItem], catalog: Catalog) -> list[tuple[str, str, int]]:
    """(id, name, release events) for the filter, by name; only families with a release on this timeline."""
    counts: dict[str, int] = {}
    for item in items:
        if item.kind == "model":
            counts[item.families[0]] = counts.get(item.families[0], 0) + 1
    return sorted(((f, catalog.families[f].name, n) for f, n in counts.items()), key=lambda c: c[1].lower())


# Bytes of timeline HTML a page may hold: the theme's frame around it (header, navigation, footer: about 30 KB,
# checked by tests/test_timeline.py against the built page) brings a page to at most the project's 150 KB budget
# (tests/bench.py). The Timeline page holds the newest periods that fit; older ones get a page each
# (/timeline/<period>/), and a period bigger than a page is divided (page_periods). Today every year fits.
PAGE_BUDGET_BYTES = 110 * 1024
YEAR_PAGE = "timeline/{year}.md"  # a generated page; its URL is /timeline/<key>/ (/timeline/2023/, /timeline/2025-q3/)
PLAN_ROOT = "../../"  # periods are measured as a period page links (the longest relative links of the two pages)


def split_years(sizes: Sequence[tuple[str, int]], budget: int = PAGE_BUDGET_BYTES) -> tuple[list[str], list[str]]:
    """(period, bytes) newest first -> (periods on the Timeline page, periods on pages of their own). The newest
    period is always on the Timeline page; the page then takes periods while they fit; every period after the first
    that does not fit gets its own page, so a period never moves back once it has a page of its own."""
    shown, archived, used = [], [], 0
    for year, size in sizes:
        if not archived and (not shown or used + size <= budget):
            shown.append(year)
            used += size
        else:
            archived.append(year)
    return shown, archived


def page_periods(groups: Sequence[YearGroup], size_of, budget: int) -> tuple[list[YearGroup], list[YearGroup]]:
    """(periods, divided): years, each divided (halves, quarters, months, days) while its page would pass the
    budget, newest first; and the periods that were divided, which keep a page listing their parts."""
    periods: list[YearGroup] = []
    divided: list[YearGroup] = []

    def place(group: YearGroup) -> None:
        parts = group.parts() if size_of(group) > budget else []
        if not parts:
            periods.append(group)
            return
        divided.append(group)
        for part in parts:
            place(part)

    for group in groups:
        place(group)
    return periods, divided


@dataclass(frozen=True)
class Plan:
    """How the site timeline is paged, the same for the Timeline page and the period pages."""

    periods: tuple[YearGroup, ...]  # newest first, each fits a page (or is one day, which cannot divide)
    shown: tuple[str, ...]  # keys of the periods on the Timeline page
    archived: tuple[str, ...]  # keys of the periods with a page of their own
    divided: tuple[YearGroup, ...]  # periods split into parts; each keeps a page listing them
    sizes: dict[str, int]  # key -> bytes of a period's page (entries and its filter)
    entries: dict[int, Markup]  # id of an item -> its entry, rendered for a period page (root PLAN_ROOT)

    def href(self, key: str, page: str | None = None) -> str:
        """A period's link from the Timeline page (page None) or from the page of period `page`."""
        if page is None:
            return f"#y{key}" if key in self.shown else f"{key}/"
        if key == page:
            return f"#y{key}"
        return f"../#y{key}" if key in self.shown else f"../{key}/"


def _bytes(html: str) -> int:
    return len(html.encode("utf-8"))


def plan_pages(catalog: Catalog, items: Sequence[TimelineItem], budget: int = PAGE_BUDGET_BYTES) -> Plan:
    """Divide the site timeline into periods whose pages fit the budget. A period is measured as its page renders
    it (its entries and its family filter); the frame around the periods (the jump links, the older-periods line)
    is measured for the plan it serves, and the periods are planned again in the room left until it fits."""
    context = _context(catalog, PLAN_ROOT, "site")
    entries = {id(i): entry_html(i, context) for i in items}  # each entry rendered once, whatever the division
    sizes: dict[str, int] = {}

    def size_of(group: YearGroup) -> int:
        if group.key not in sizes:
            families = family_choices(group.items, catalog)
            sizes[group.key] = (_bytes(year_section(group, context, True, "h2", entries))
                                + _bytes(_filter_html(families, len(group.items))))
        return sizes[group.key]

    groups = year_groups(items)
    reserve = 0
    while True:  # more periods need more links; the links grow at most to one per month: this settles
        periods, divided = page_periods(groups, size_of, budget - reserve)
        shown, archived = split_years([(g.key, size_of(g)) for g in periods], budget - reserve)
        plan = Plan(tuple(periods), tuple(shown), tuple(archived), tuple(divided), sizes, entries)
        frame = max(_bytes(render("timeline.html", **_paged_view(plan, context, scope, page)))
                    for scope, page in (("site", None), ("year", archived[0] if archived else None)))
        if frame <= reserve or reserve >= budget:
            return plan
        reserve = frame


def _filter_html(families: list[tuple[str, str, int]], total: int) -> str:
    module = ENVIRONMENT.get_template("timeline_parts.html").module
    return str(module.filter(kinds=KINDS, families=families, total=total))


def _paged_view(plan: Plan, context: dict, scope: str, period: str | None, sections=(), families=(),
                total: int = 0) -> dict:
    """The template's context for the Timeline page (scope "site") or a period's page (scope "year")."""
    by_key = {g.key: g for g in plan.periods}
    return {
        **context,
        "scope": scope,
        "sections": list(sections),
        "filter": True,
        "families": list(families),
        "kinds": KINDS,
        "total": total,
        "years": [(k, by_key[k].short) for k in by_key],
        "year_href": {k: plan.href(k, period if scope == "year" else None) for k in by_key},
        "current_year": period,
        "archived": [(k, by_key[k].short) for k in plan.archived] if scope == "site" else [],
    }


def _context(catalog: Catalog, root: str, scope: str) -> dict:
    return {
        "root": root,
        "show_family": scope != "family",
        "glyphs": {kind: (kind_shape(kind), kind_class(kind)) for kind in {f.kind for f in catalog.families.values()}},
        "paper_kinds": PAPER_KINDS,
        "detail": single_detail,
        "names_family": names_family,
    }


def entry_html(item: TimelineItem, context: dict) -> Markup:
    return render("timeline_entry.html", item=item, **context)


def year_section(group: YearGroup, context: dict, show_years: bool, year_heading: str,
                 entries: dict[int, Markup] | None = None) -> Markup:
    """A period's heading and list. `entries` (id of an item -> its rendered entry, for the same root) lets a
    plan measure a period at each size without rendering its entries again."""
    html = [entries[id(i)] if entries is not None and id(i) in entries else entry_html(i, context)
            for i in group.items]
    return render("timeline_year.html", group=group, entries=html, show_years=show_years,
                  year_heading=year_heading, **context)


def timeline_view(catalog: Catalog, root: str, items: Sequence[TimelineItem], scope: str = "site",
                  period: str | None = None, budget: int = PAGE_BUDGET_BYTES, plan: Plan | None = None) -> dict:
    """The template's context. Scope "site": the Timeline page (the newest periods, then links to pages of
    their own for older ones); "year": the page of one older period (`period`, e.g. "2023" or "2025-q3");
    "family" and "thread": a section of those pages."""
    if scope not in SCOPES + ("year",):
        raise ValueError(f"unknown timeline scope {scope!r}; expected one of {', '.join(SCOPES)}")
    if not items:
        raise ValueError("this timeline has no entries; check the family or thread given to the macro")
    context = _context(catalog, root, scope)
    paged = scope in ("site", "year")
    if not paged:
        groups = year_groups(items)
        show_years = len(groups) > 1
        return {**context, "scope": scope, "filter": False, "families": [], "kinds": KINDS, "total": len(items),
                "sections": [year_section(g, context, show_years, "h3") for g in groups],
                "years": [], "year_href": {}, "current_year": None, "archived": []}
    plan = plan or plan_pages(catalog, items, budget)
    if scope == "year" and period not in plan.archived:
        raise ValueError(f"{period} is on the Timeline page, not on a page of its own")
    by_key = {g.key: g for g in plan.periods}
    on_page = [by_key[k] for k in ([period] if scope == "year" else plan.shown)]
    page_items = [i for g in on_page for i in g.items]
    entries = plan.entries if root == PLAN_ROOT else None
    return _paged_view(plan, context, scope, period, [year_section(g, context, True, "h2", entries) for g in on_page],
                       family_choices(page_items, catalog), len(page_items))


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


def _front_matter(label: str, description: str) -> str:
    return f'---\ntitle: "Timeline: {label}"\ndescription: "{description}"\n---\n\n# Timeline: {label}\n\n'


def year_pages(catalog: Catalog, budget: int = PAGE_BUDGET_BYTES) -> dict[str, str]:
    """Markdown for the pages of the periods the Timeline page has no room for, {"timeline/2023.md": text},
    and for each divided period a page listing its parts, so a period's address keeps working after its
    entries move to smaller pages (/timeline/2025/ lists /timeline/2025-jul-dec/ and /timeline/2025-jan-jun/).
    Today's catalogue fits on the Timeline page: no pages."""
    items = site_items(catalog)
    if not items:
        return {}
    plan = plan_pages(catalog, items, budget)
    by_key = {g.key: g for g in plan.periods}
    pages = {}
    for key in plan.archived:
        label = by_key[key].label
        view = timeline_view(catalog, "../../", items, "year", key, budget, plan)
        pages[YEAR_PAGE.format(year=key)] = (
            _front_matter(label, f"Qwen model releases, papers and milestones of {label}, newest first.")
            + f"Every release, paper and milestone of {label} in the atlas, newest first. The newest entries are "
              f"on the [Timeline](../timeline.md) page.\n"
            + block(render("timeline.html", **view)))
    for group in plan.divided:
        parts = []
        for part in group.parts():
            inside = [g for g in plan.periods if part.covers(g)]
            leaves = [(g.short, plan.href(g.key, group.key)) for g in inside] if inside != [part] else []
            parts.append((part, plan.href(part.key, group.key), leaves))
        pages[YEAR_PAGE.format(year=group.key)] = (
            _front_matter(group.label, f"The Qwen timeline of {group.label}, by period.")
            + f"{group.label} has more entries than one page holds; they are on these pages, newest first. "
              f"The newest entries are on the [Timeline](../timeline.md) page.\n"
            + block(render("timeline_divided.html", group=group, parts=parts)))
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
