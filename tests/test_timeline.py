"""Timelines: one entry per release event, newest first, grouped by year, at each date's true precision.

The selection functions (release_events, timeline_items, year_groups, split_years, short_labels) are tested
directly; the rendered HTML is read as a tree (class names and labels, never positions); the built pages are
checked for heading order; a browser test drives the family/kind filter and its shareable URL.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest

from macros.data.dates import PartialDate
from macros.views.glyphs import kind_label
from macros.views.render_timeline import (
    release_events,
    render_timeline_legend,
    render_timeline_view,
    short_labels,
    site_items,
    split_years,
    timeline_items,
    timeline_view,
    year_groups,
    year_pages,
)

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


def test_older_years_move_to_year_pages_when_the_page_is_full(catalog):
    items = site_items(catalog)
    budget = 20_000
    view = timeline_view(catalog, "../", items, "site", budget=budget)
    assert view["archived"], "with a small budget some years need pages of their own"
    for key, _ in view["archived"]:
        assert view["year_href"][key] == f"{key}/"
    pages = year_pages(catalog, budget=budget)
    assert set(pages) == {f"timeline/{key}.md" for key, _ in view["archived"]}
    key = view["archived"][-1][0]
    root = tree(pages[f"timeline/{key}.md"].split("---\n", 2)[2])
    assert {li.find("time").get("datetime")[:4] for li in entries(root)} == {key[:4]}
    assert year_pages(catalog) == {}  # today's catalogue fits on the Timeline page


def test_a_year_too_big_for_a_page_is_split_into_halves(catalog):
    items = site_items(catalog)
    biggest = max(year_groups(items), key=lambda g: len(g.items))
    view = timeline_view(catalog, "../", items, "site", budget=len(biggest.items) * 150)
    keys = [key for key, _ in view["years"]]
    assert f"{biggest.year}-jul-dec" in keys and f"{biggest.year}-jan-jun" in keys
    labels = dict(view["years"])
    assert labels[f"{biggest.year}-jan-jun"] == f"{biggest.year}, January to June"


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
