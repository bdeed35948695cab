"""Timelines: one entry per release event, newest first, grouped by year, at each date's true precision.

The selection functions (release_events, timeline_items, year_groups, split_years, short_labels) are tested
directly; the rendered HTML is read as a tree (class names and labels, never positions); the built pages are
checked for heading order; a browser test drives the family/kind filter and its shareable URL.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest

from macros.data.dates import PartialDate
from macros.views.glyphs import kind_label
from macros.views.render_timeline import (
    PAGE_BUDGET_BYTES,
    _group,
    plan_pages,
    release_events,
    render_timeline_legend,
    render_timeline_view,
    short_labels,
    site_items,
    split_years,
    timeline_items,
    timeline_records,
    timeline_view,
    year_groups,
    year_pages,
)
from macros.views.selection import WHOLE_CATALOGUE_ROWS
from macros.views.templating import render
from tests.conftest import scaled_catalog as scaled

PAGE_BUDGET_HTML = 150 * 1024  # tests/bench.py: every page at most this much HTML
VOID = {"link", "input", "br", "img", "meta", "hr", "source", "wbr"}


class _Tree(HTMLParser):
    """HTML -> ElementTree (void elements closed), so tests can use find/iter on a timeline's markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.builder = ET.TreeBuilder()
        self.builder.start("root", {})

    def handle_starttag(self, tag, attrs):
        self.builder.start(tag, {k: v or "" for k, v in attrs})
        if tag in VOID:
            self.builder.end(tag)

    def handle_startendtag(self, tag, attrs):
        self.builder.start(tag, {k: v or "" for k, v in attrs})
        self.builder.end(tag)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.builder.end(tag)

    def handle_data(self, data):
        self.builder.data(data)


def tree(html: str) -> ET.Element:
    parser = _Tree()
    parser.feed(str(html))
    parser.close()
    parser.builder.end("root")
    return parser.builder.close()


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def entries(root: ET.Element) -> list[ET.Element]:
    return [li for li in root.iter("li") if "tl-e" in classes(li)]


def site_tree(catalog) -> ET.Element:
    return tree(render_timeline_view(catalog, "../", models=catalog.models.values(),
                                     papers=catalog.papers.values(), events=catalog.events.values()))


# ---- selection ----------------------------------------------------------------------------------------------


def test_same_day_same_family_models_are_one_release(catalog):
    releases = release_events(catalog.models.values(), catalog)
    assert sum(len(r.models) for r in releases) == len(catalog.models)
    assert len(releases) == len({(m.family, m.released) for m in catalog.models.values()})
    coder = [r for r in releases if r.family.id == "qwen2.5-coder" and r.date == PartialDate(2024, 11, 12)]
    assert len(coder) == 1 and len(coder[0].models) == 8
    rows = {row.label: [m.label for m in row.members] for row in coder[0].rows}
    assert rows == {"Instruct": ["0.5B", "3B", "14B", "32B"], "Base": ["0.5B", "3B", "14B", "32B"]}


def test_a_month_only_release_is_not_merged_with_a_day_of_that_month(catalog):
    model = next(m for m in catalog.models.values() if m.released.precision == "day")
    twin = dataclasses.replace(model, id=model.id + "-x", name=model.name + "-X",
                               released=PartialDate(model.released.year, model.released.month))
    releases = release_events([model, twin], catalog)
    assert sorted(r.date.precision for r in releases) == ["day", "month"]


def test_short_labels_drop_the_shared_start_and_the_variant_word_never_everything(catalog):
    coder = [m for m in catalog.models.values() if m.family == "qwen2.5-coder"]
    labels = short_labels(coder)
    assert labels["qwen2.5-coder-32b-instruct"] == "32B" and labels["qwen2.5-coder-32b"] == "32B"
    assert all(labels.values())
    one = coder[0]
    assert short_labels([one]) == {one.id: one.name}  # alone, a model keeps its full name
    vl = [m for m in catalog.models.values() if m.name in ("Qwen3-VL-30B-A3B-Instruct", "Qwen3-VL-30B-A3B-Thinking")]
    assert set(short_labels(vl).values()) == {"30B-A3B"}  # the size stays even when both share it
    kept = short_labels(coder, drop_variant_words=False)
    assert kept["qwen2.5-coder-32b-instruct"] == "32B-Instruct"


def test_items_are_newest_first_and_years_group_them(catalog):
    items = site_items(catalog)
    keys = [i.date.sort_key for i in items]
    assert keys == sorted(keys, reverse=True)
    groups = year_groups(items)
    assert [g.year for g in groups] == sorted({i.date.year for i in items}, reverse=True)
    assert all(i.date.year == g.year for g in groups for i in g.items)
    kinds = Counter(i.kind for i in items)
    assert kinds["paper"] == len(catalog.papers) and kinds["event"] == len(catalog.events)


def test_papers_carry_the_families_of_their_models_for_the_filter(catalog):
    paper = next(p for p in catalog.papers.values() if p.models)
    item = next(i for i in timeline_items(catalog, papers=[paper]))
    assert set(item.families) == {catalog.models[m].family for m in paper.models}


def test_split_years_keeps_the_newest_years_and_never_brings_a_year_back():
    assert split_years([(2026, 50), (2025, 40), (2024, 30)], budget=100) == ([2026, 2025], [2024])
    assert split_years([(2026, 500), (2025, 1)], budget=100) == ([2026], [2025])  # the newest always shows
    # once one year does not fit, every older one has its own page too (small years do not jump back)
    assert split_years([(2026, 60), (2025, 60), (2024, 1)], budget=100) == ([2026], [2025, 2024])


# ---- rendering ----------------------------------------------------------------------------------------------


def test_site_timeline_has_year_h2s_jumps_filter_and_one_entry_per_release(catalog):
    root = site_tree(catalog)
    sections = [s for s in root.iter("section") if "tl-year" in classes(s)]
    years = [int(s.get("data-year")) for s in sections]
    assert years == sorted(years, reverse=True)
    for section in sections:
        heading = section.find("h2")
        assert heading is not None and heading.get("id") == f"y{section.get('data-year')}"
        assert section.find("ol") is not None
        times = [t.get("datetime") for t in section.iter("time")]
        assert all(t.startswith(section.get("data-year")) for t in times)
        assert [PartialDate.parse(t).sort_key for t in times] == sorted(
            (PartialDate.parse(t).sort_key for t in times), reverse=True)
    jumps = [a.get("href") for nav in root.iter("nav") for a in nav.iter("a")]
    assert jumps == [f"#y{y}" for y in years]
    models = [li for li in entries(root) if li.get("data-kind") == "model"]
    assert len(models) == len(release_events(catalog.models.values(), catalog)) < len(catalog.models)
    form = root.find(".//form")
    assert {i.get("value") for i in form.iter("input")} == {"model", "paper", "event"}
    assert {o.get("value") for o in form.iter("option")} - {""} == {m.family for m in catalog.models.values()}
    assert any(s.get("src", "").endswith("assets/timeline.js") for s in root.iter("script"))


def test_grouped_entry_lists_sizes_by_variant_each_linking_to_its_model(catalog):
    root = site_tree(catalog)
    entry = next(li for li in entries(root) if li.get("data-family") == "qwen2.5-coder"
                 and li.find("time").get("datetime") == "2024-11-12")
    assert "Qwen2.5-Coder" in text(entry.find("p")) and "8 models" in text(entry.find("p"))
    rows = {text(div.find("dt")): div.find("dd") for div in entry.find("dl")}
    links = {a.text: a.get("href") for a in rows["Instruct"].iter("a")}
    assert links == {size: f"../models/qwen2.5-coder-{size.lower()}-instruct/" for size in ("0.5B", "3B", "14B", "32B")}


def test_month_precision_shows_the_month_and_says_so(catalog):
    root = site_tree(catalog)
    month = [li for li in entries(root) if re.fullmatch(r"\d{4}-\d{2}", li.find("time").get("datetime"))]
    assert month, "the data has month-only dates (e.g. Qwen3-Next); this test needs one"
    for li in month:
        time = li.find("time")
        assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", time.text), time.text
        assert time.get("title") == "Only the month is known"


def test_family_timeline_does_not_repeat_the_family_and_uses_h3_years(catalog):
    family = "qwen2.5-coder"
    models = catalog.models_in_family(family)
    root = tree(render_timeline_view(catalog, "../../", models=models,
                                     papers=catalog.papers_about_family(family), scope="family"))
    assert not [a for a in root.iter("a") if "tl-f" in classes(a)]
    heads = [text(li.find("p")) for li in entries(root) if li.get("data-kind") == "model"]
    assert heads and not [h for h in heads if h.startswith("Qwen2.5-Coder ")]
    assert root.find(".//form") is None and root.find(".//script") is None  # no filter on a family page
    assert root.find(".//h2") is None  # under the page's "## Timeline"
    years = {m.released.year for m in models}
    assert len(root.findall(".//h3")) == (len(years) if len(years) > 1 else 0)


def test_thread_timeline_names_families(catalog):
    thread = next(iter(catalog.threads))
    papers = catalog.papers_in_thread(thread)
    named = {m for p in papers for m in p.models}
    models = [m for m in catalog.models_in_thread(thread) if m.id in named]
    if not models:
        pytest.skip("this thread's papers name no model")
    root = tree(render_timeline_view(catalog, "../../", models=models, papers=papers, scope="thread"))
    for li in entries(root):
        if li.get("data-kind") == "model" and li.find("dl") is not None:
            assert any("tl-f" in classes(a) for a in li.iter("a"))


def site_pages(catalog, budget: int) -> dict[str, str]:
    """The Timeline page's timeline block and every period page, by URL path."""
    view = timeline_view(catalog, "../", site_items(catalog), "site", budget=budget)
    pages = {"timeline/": str(render("timeline.html", **view))}
    for path, text in year_pages(catalog, budget=budget).items():
        pages[path.removesuffix(".md") + "/"] = text.split("---\n", 2)[2]
    return pages


def timeline_block(html: str) -> str:
    return html[html.index('<div class="atlas-tline'):html.rindex("</div>") + len("</div>")]


def assert_links_resolve(pages: dict[str, str]) -> None:
    """Every period link (a jump, an older-period link, a divided period's part) reaches a page and a heading."""
    ids = {path: {e.get("id") for e in tree(html).iter() if e.get("id")} for path, html in pages.items()}
    for path, html in pages.items():
        for a in tree(html).iter("a"):
            href = a.get("href", "")
            if not (href.startswith("#y") or re.fullmatch(r"(\.\./)?(\d{4}[^/]*/)?(#y.+)?", href)) or not href:
                continue
            target, _, fragment = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(path, target)) + "/" if target else path
            resolved = resolved.replace("//", "/")
            assert resolved in pages, f"{path}: {a.text} links {href}, which is no page"
            if fragment:
                assert fragment in ids[resolved], f"{path}: {a.text} links {href}, which is no heading there"


@pytest.mark.parametrize("copies, budget", [(1, 30_000), (1, 12_000), (10, PAGE_BUDGET_BYTES), (30, PAGE_BUDGET_BYTES)])
def test_every_timeline_page_fits_the_budget_and_its_period_links_resolve(catalog, copies, budget):
    big = scaled(catalog, copies)
    plan = plan_pages(big, site_items(big), budget)
    pages = site_pages(big, budget)
    single_days = {g.key for g in plan.periods if not g.parts()}  # the smallest periods: they cannot divide
    assert len(plan.periods) > 1 or budget == PAGE_BUDGET_BYTES
    for path, html in pages.items():
        key = path.removeprefix("timeline/").rstrip("/")
        size = len((timeline_block(html) if "atlas-tline" in html else html).encode())
        if path == "timeline/":
            alone = len(plan.shown) == 1 and plan.sizes[plan.shown[0]] > budget  # the newest period always shows
            assert size <= budget or alone, f"the Timeline page holds {size} bytes of timeline (budget {budget})"
        elif key in plan.archived:
            assert size <= budget or key in single_days, f"{path} holds {size} bytes of timeline (budget {budget})"
        else:
            assert key in {g.key for g in plan.divided}, f"{path} is neither a period nor a divided period"
            assert size <= budget
    assert_links_resolve(pages)


def test_older_periods_move_to_pages_of_their_own_when_the_page_is_full(catalog):
    items = site_items(catalog)
    budget = 20_000
    view = timeline_view(catalog, "../", items, "site", budget=budget)
    assert view["archived"], "with a small budget some periods need pages of their own"
    for key, _ in view["archived"]:
        assert view["year_href"][key] == f"{key}/"
    plan = plan_pages(catalog, items, budget)
    pages = year_pages(catalog, budget=budget)
    assert set(pages) == {f"timeline/{key}.md" for key in plan.archived} | {
        f"timeline/{g.key}.md" for g in plan.divided}
    key = view["archived"][-1][0]
    root = tree(pages[f"timeline/{key}.md"].split("---\n", 2)[2])
    assert {li.find("time").get("datetime")[:4] for li in entries(root)} == {key[:4]}
    assert year_pages(catalog) == {}  # today's catalogue fits on the Timeline page


def test_a_period_too_big_for_a_page_is_divided_into_halves_quarters_months_then_days(catalog):
    items = site_items(catalog)
    biggest = max(year_groups(items), key=lambda g: len(g.items))
    view = timeline_view(catalog, "../", items, "site", budget=len(biggest.items) * 150)
    keys = [key for key, _ in view["years"]]
    assert str(biggest.year) not in keys and [k for k in keys if k.startswith(f"{biggest.year}-")]
    half = next(g for g in biggest.parts() if g.first == 1)
    assert (half.key, half.label, half.short) == (f"{biggest.year}-jan-jun", f"{biggest.year}, January to June",
                                                  f"Jan–Jun {biggest.year}")
    quarter = half.parts()[0]
    assert quarter.span == 3 and re.fullmatch(rf"{biggest.year}-q[12]", quarter.key)
    month = quarter.parts()[0]
    assert month.span == 1 and month.label.endswith(str(biggest.year))
    # A month divides into its second half, its first half, then its entries known only to the month.
    days = month.parts()
    assert [p.days for p in days] == [d for d in ((16, 31), (1, 15), (0, 0)) if [
        i for i in month.items if d[0] <= (i.date.day or 0) <= d[1]]]
    assert sorted(i.title for p in days for i in p.items) == sorted(i.title for i in month.items)
    september = _group(2025, [], 9, 9, (16, 31))
    assert (september.key, september.label, september.short) == ("2025-sep-16-30", "16 to 30 September 2025",
                                                                 "16–30 Sep 2025")
    undated = _group(2025, [], 9, 9, (0, 0))
    assert (undated.key, undated.label) == ("2025-sep-undated", "September 2025, day not known")
    assert _group(2025, [], 9, 9, (22, 22)).parts() == [] and undated.parts() == []
    # Every entry of a divided period is in exactly one of its parts, newest part first.
    assert sorted(i.title for p in biggest.parts() for i in p.items) == sorted(i.title for i in biggest.items)
    assert [p.first for p in biggest.parts()] == sorted((p.first for p in biggest.parts()), reverse=True)
    # With the smallest budget every year is divided down to days, and each divided period keeps a page.
    plan = plan_pages(catalog, items, budget=1)
    assert all(g.span == 1 and g.days is not None and not g.parts() for g in plan.periods)
    assert {g.key for g in plan.divided} >= {str(g.year) for g in year_groups(items) if len(g.parts()) > 1}
    divided = year_pages(catalog, budget=1)[f"timeline/{biggest.year}.md"]
    assert [li.find("a").get("href") for li in tree(divided.split("---\n", 2)[2]).iter("li")] == [
        plan.href(p.key, str(biggest.year)) for p in biggest.parts()]


def test_the_timeline_budget_leaves_room_for_the_page_around_it(built_site):
    """PAGE_BUDGET_BYTES is the timeline's share: the built page around it must fit in the rest of the 150 KB."""
    html = (built_site / "timeline" / "index.html").read_bytes().decode()
    frame = len(html.encode()) - len(timeline_block(html).encode())
    assert frame + PAGE_BUDGET_BYTES <= PAGE_BUDGET_HTML, f"the page around the timeline takes {frame} bytes"


def test_thread_timelines_do_not_grow_with_the_catalogue(catalog):
    """A thread's timeline lists its papers and milestones and the models they name, not every model of every
    family tagged with the thread: ten times the families leaves each thread page's timeline as it is."""
    big = scaled(catalog, 10)
    for thread in catalog.threads:
        small, large = timeline_records(catalog, thread_id=thread), timeline_records(big, thread_id=thread)
        assert [m.id for m in large["models"]] == [m.id for m in small["models"]], thread


def test_built_thread_pages_fit_the_budget_and_hand_long_tables_to_the_finder(built_site):
    for page in sorted((built_site / "threads").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert len(html.encode()) <= PAGE_BUDGET_HTML, f"{page.parent.name}: {len(html.encode())} bytes"
        tables = re.findall(r"(<table[^>]*atlas-models.*?</table>)(?:\s*</div>)?\s*(<p[^>]*>.*?</p>)?", html, re.S)
        for table, after in tables:
            rows = len(re.findall(r"<tr[\s>]", table)) - 1  # less the header row
            assert rows <= WHOLE_CATALOGUE_ROWS, f"{page.parent.name}: a models table of {rows} rows"
            if rows == WHOLE_CATALOGUE_ROWS:
                assert "finder" in after, f"{page.parent.name}: a full table does not link the finder"


def test_legend_names_each_kind_once(catalog):
    legend = tree(render_timeline_legend(catalog))
    labels = [text(li) for li in legend.iter("li")]
    assert len(labels) == len(set(labels))  # kinds without a shape of their own share "Other family" once
    assert len(labels) == len({kind_label(f.kind) for f in catalog.families.values()}) + 2


# ---- the built site -----------------------------------------------------------------------------------------


def headings(html: str) -> list[int]:
    main = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


def assert_no_skipped_level(levels: list[int]) -> None:
    assert levels and levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {levels}"


def test_built_timeline_page_goes_h1_h2(built_site):
    html = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    levels = headings(html)
    assert_no_skipped_level(levels)
    assert levels.count(2) >= 3


def test_built_family_and_thread_timelines_keep_heading_order(built_site, catalog):
    for page in ("families/qwen2.5-coder", "families/qwen3.5", "threads/agentic-coding"):
        assert_no_skipped_level(headings((built_site / page / "index.html").read_text(encoding="utf-8")))
    html = (built_site / "families" / "qwen3.5" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('<div class="atlas-tline'):]
    block = block[:block.index('<h2')]  # up to the next section of the page
    assert 'class="tl-f"' not in block
    assert len(re.findall(r'<li class="tl-e', block)) == len(
        {m.released for m in catalog.models_in_family("qwen3.5")}) + len(catalog.papers_about_family("qwen3.5"))


# ---- in a browser ---------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_filter_hides_other_entries_and_comes_back_from_a_shared_url(site_page):
    from playwright.sync_api import expect

    page = site_page.page
    site_page.open("timeline/")
    all_entries = page.locator(".tl-e")
    total = all_entries.count()
    expect(page.locator("[data-tl-status]")).to_have_text(f"{total} entries")
    form = page.locator("[data-tl-form]")
    form.get_by_label("Family").select_option("qwen2.5-coder")
    form.get_by_role("checkbox", name="Papers and posts").uncheck()
    form.get_by_role("checkbox", name="Milestones").uncheck()
    visible = page.locator(".tl-e:visible")
    expect(visible.first).to_be_visible()
    shown = visible.count()
    assert 0 < shown < total
    families = visible.evaluate_all("els => els.map(e => e.dataset.family + '|' + e.dataset.kind)")
    assert set(families) == {"qwen2.5-coder|model"}
    expect(page.locator("[data-tl-status]")).to_have_text(f"{shown} of {total} entries")
    assert "family=qwen2.5-coder" in page.url and "kind=model" in page.url
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("[data-tl-status]")).to_have_text(f"{shown} of {total} entries")
    other_form = other.locator("[data-tl-form]")
    expect(other_form.get_by_label("Family")).to_have_value("qwen2.5-coder")
    expect(other_form.get_by_role("checkbox", name="Papers and posts")).not_to_be_checked()
    expect(other_form.get_by_role("checkbox", name="Model releases")).to_be_checked()
    assert other.locator(".tl-e:visible").count() == shown
    # years without a visible entry are hidden, with their jump links
    hidden_years = other.locator(".tl-year:not(:visible)").count()
    assert hidden_years == other.locator(".tl-years li:not(:visible)").count() > 0
    assert site_page.problems() == []
