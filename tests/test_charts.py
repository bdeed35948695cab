"""Charts: the selection functions directly, then the rendered SVG (one focusable, named mark per drawn
point), page weight against a 10x catalogue, and in a browser: details on tap, the phone view's scroll."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from macros.data.dates import PartialDate
from macros.data.records import Catalog
from macros.views import render_charts as charts
from macros.views.svg import date_position, date_span, month_index

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


# ------------------------------------------------------------------------------------------- helpers

def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg xmlns=.*?</svg>", html, re.S) if 'data-chart="' in s]


def mark_links(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG_NS}a") if a.get("data-r") is not None]


def all_marks(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter(f"{SVG_NS}path") if "atlas-mark" in p.get("class", "").split()]


def model_id(href: str) -> str:
    return re.fullmatch(r"(?:\.\./)*models/(.+)/", href).group(1)


def table(html: str) -> tuple[list[str], list[list[str]]]:
    """The data table under a chart: headers and rows of cell HTML."""
    part = html[html.index('<details class="atlas-chart-data">'):]
    part = part[:part.index("</table>")]
    headers = re.findall(r'<th scope="col">(.*?)</th>', part)
    rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", part, re.S)]
    return headers, rows


def cell(headers: list[str], row: list[str], name: str) -> str:
    return row[headers.index(name)]


def linked_ids(cell_html: str) -> set[str]:
    return {model_id(h) for h in re.findall(r'href="([^"]*models/[^"]*)"', cell_html)}


def clone_catalog(catalog: Catalog, copies: int) -> Catalog:
    """The catalogue with every family cloned `copies` times (new ids and names, same dates and sizes),
    as `make bench` grows it."""
    families, models = dict(catalog.families), dict(catalog.models)
    for n in range(1, copies):
        for f in catalog.families.values():
            families[f"{f.id}-s{n}"] = dataclasses.replace(f, id=f"{f.id}-s{n}", name=f"{f.name} S{n}")
        for m in catalog.models.values():
            models[f"{m.id}-s{n}"] = dataclasses.replace(m, id=f"{m.id}-s{n}", name=f"{m.name}-S{n}",
                                                         family=f"{m.family}-s{n}")
    return dataclasses.replace(catalog, families=families, models=models)


def sized_families(catalog: Catalog) -> list[str]:
    return [f for f in catalog.families if any(m.params_total_b for m in catalog.models_in_family(f))]


# -------------------------------------------------------------------------------- selection: scale

def test_scale_groups_cover_every_sized_model_once(catalog):
    models = catalog.models_by_date()
    groups = charts.scale_groups(models, catalog)
    grouped = [m.id for g in groups for m in g.models]
    assert sorted(grouped) == sorted(m.id for m in models if m.params_total_b is not None)
    for g in groups:
        assert {(m.released, catalog.families[m.family].kind, m.params_total_b) for m in g.models} == \
            {(g.released, g.kind, g.total)}
    assert len(groups) < len(grouped), "base and instruct builds of one size share a mark"


def test_size_records_are_each_the_largest_yet(catalog):
    models = catalog.models_by_date()
    records = charts.size_records(models)
    sizes = [m.params_total_b for m in records]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    assert records[-1].params_total_b == max(m.params_total_b for m in models if m.params_total_b)
    for record in records:
        earlier = [m.params_total_b for m in models
                   if m.params_total_b and m.released.sort_key < record.released.sort_key]
        assert not earlier or record.params_total_b > max(earlier)


# ------------------------------------------------------------------------------ selection: context

def test_one_step_line_per_family_tracks_its_longest_context(catalog):
    models = catalog.models_by_date()
    lines = charts.context_lines(models, catalog)
    with_context = {m.family for m in models if charts.context_of(m)}
    assert sorted(f.id for ln in lines for f in ln.families) == sorted(with_context)
    for ln in lines:
        values = [s.value for s in ln.steps]
        assert values == sorted(values) and len(set(values)) == len(values), "a step line only rises"
        for family in ln.families:
            members = [m for m in catalog.models_in_family(family.id) if charts.context_of(m)]
            assert ln.steps[-1].value == max(charts.context_of(m) for m in members)
            assert ln.steps[0].released == min((m.released for m in members), key=lambda d: d.sort_key)
            for step in ln.steps:
                before = [charts.context_of(m) for m in members if m.released.sort_key <= step.released.sort_key]
                assert max(before) == step.value, (family.id, step)
                assert all(charts.context_of(m) == step.value and m.released == step.released for m in step.models)
                assert step.native == any(m.context_native == step.value for m in step.models)


def test_identical_family_lines_are_drawn_once(catalog):
    tripled = clone_catalog(catalog, 3)
    lines = charts.context_lines(tripled.models_by_date(), tripled)
    assert len(lines) == len(charts.context_lines(catalog.models_by_date(), catalog))
    assert all(len(ln.families) % 3 == 0 for ln in lines)


def test_context_landmarks_are_each_first_longer_window(catalog):
    lines = charts.context_lines(catalog.models_by_date(), catalog)
    records = charts.context_records(lines)
    steps = [lines[i].steps[j] for i, j in records]
    values = [s.value for s in steps]
    assert all(b >= a * charts.RECORD_FACTOR for a, b in zip(values, values[1:], strict=False))
    all_steps = [s for ln in lines for s in ln.steps]
    assert steps[0].released == min((s.released for s in all_steps), key=lambda d: d.sort_key)
    # The first window of a million tokens or more is labelled, whichever model that was.
    million = min((s for s in all_steps if s.value >= 1_000_000), key=lambda s: s.released.sort_key)
    assert any(s.value >= 1_000_000 and s.released == million.released for s in steps)


# -------------------------------------------------------------------------------- selection: ladders

def test_ladder_rows_cover_the_family_largest_first(catalog):
    for family_id in sized_families(catalog):
        models = catalog.models_in_family(family_id)
        rows = charts.ladder_rows(models)
        assert sorted(m.id for r in rows for m in r.models) == sorted(m.id for m in models if m.params_total_b)
        assert [r.total for r in rows] == sorted((r.total for r in rows), reverse=True)


def test_every_size_ladder_shares_one_axis(catalog):
    low, high = charts.shared_param_domain(catalog)
    values = [v for m in catalog.models.values() for v in (m.params_total_b, m.params_active_b) if v]
    assert low <= min(values) and max(values) <= high
    axes = set()
    for family_id in sized_families(catalog):
        [svg] = svgs(charts.render_size_ladder(family_id, catalog.models_in_family(family_id), catalog, "../"))
        ticks = tuple((t.get("x"), t.text) for t in svg.iter(f"{SVG_NS}text") if t.get("class") == "atlas-axis-label")
        axes.add(ticks)
    assert len(axes) == 1, "size ladders of different families use different x axes"


# --------------------------------------------------------------------------------- rendered charts

def check_marks(html: str, expected: int) -> list[ET.Element]:
    """One focusable, named mark per drawn point, linking to a model its table row lists."""
    [svg] = svgs(html)
    links = mark_links(svg)
    assert len(links) == len(all_marks(svg)) == expected
    headers, rows = table(html)
    model_column = "Models"
    for a in links:
        assert a.get("tabindex") == "0"
        title = a.find(f"{SVG_NS}title")
        assert title is not None and len(title.text) > 10, "a mark without an accessible name"
        assert a.get("href") is None, "SVG <a href> breaks scripts that assign .href; xlink:href only"
        row = rows[int(a.get("data-r"))]
        assert model_id(a.get(XLINK_HREF)) in linked_ids(cell(headers, row, model_column))
    return links


def test_scale_ladder_draws_one_mark_per_point(catalog):
    models = catalog.models_by_date()
    groups = charts.scale_groups(models, catalog)
    html = charts.render_scale_ladder(models, catalog, "../")
    check_marks(html, len(groups) + sum(1 for g in groups if g.active))
    [svg] = svgs(html)
    pairs = [e for e in svg.iter(f"{SVG_NS}line") if e.get("class") == "atlas-pair-link"]
    assert len(pairs) == sum(1 for g in groups if g.active)
    assert all(p.get("x1") == p.get("x2") for p in pairs), "total and active share the release date"
    landmarks = [t.text for t in svg.iter(f"{SVG_NS}text") if t.get("class") == "atlas-landmark"]
    largest = charts.size_records(models)[-1]
    assert any(t.startswith(largest.name) for t in landmarks), "the largest model is labelled"


def test_context_chart_draws_one_line_per_family_and_a_mark_per_step(catalog):
    models = catalog.models_by_date()
    lines = charts.context_lines(models, catalog)
    html = charts.render_context_growth(models, catalog, "../")
    check_marks(html, sum(len(ln.steps) for ln in lines))
    [svg] = svgs(html)
    paths = [p for p in svg.iter(f"{SVG_NS}path") if "atlas-step" in p.get("class", "")]
    assert len(paths) == len(lines)
    labels = [t.text for t in svg.iter(f"{SVG_NS}text") if t.get("class", "").startswith("atlas-line-label")]
    assert len(labels) >= 0.8 * len(lines), "most family lines carry their name at their end"
    assert any(t.text.startswith("first ") for t in svg.iter(f"{SVG_NS}text") if t.get("class") == "atlas-landmark")


def test_size_ladder_draws_one_row_and_mark_per_size(catalog):
    for family_id in ("qwen3", "qwen3.5", "qwen2.5", "ofa"):
        models = catalog.models_in_family(family_id)
        rows = charts.ladder_rows(models)
        html = charts.render_size_ladder(family_id, models, catalog, "../../")
        check_marks(html, len(rows) + sum(1 for r in rows if r.active))
        [svg] = svgs(html)
        labels = [t.text for t in svg.iter(f"{SVG_NS}text") if t.get("class") == "atlas-row-label"]
        assert labels == [r.label for r in rows]


def test_size_ladder_without_any_known_size_is_an_error(catalog):
    unsized = [m for m in catalog.models_in_family("qwen3") if m.params_total_b is None]
    assert unsized, "the data has an unsized Qwen3 model (Qwen3-Max); pick another family if that changes"
    with pytest.raises(ValueError, match="no model with a known parameter count"):
        charts.render_size_ladder("qwen3", unsized, catalog, "../")


def test_every_chart_is_described_and_has_a_legend_and_table(catalog):
    models = catalog.models_by_date()
    for html in (charts.render_scale_ladder(models, catalog, "../"),
                 charts.render_context_growth(models, catalog, "../"),
                 charts.render_size_ladder("qwen3", catalog.models_in_family("qwen3"), catalog, "../")):
        [svg] = svgs(html)
        children = list(svg)
        assert children[0].tag == f"{SVG_NS}title" and children[0].text
        assert children[1].tag == f"{SVG_NS}desc" and len(children[1].text) > 40
        assert svg.get("aria-labelledby") == f"{children[0].get('id')} {children[1].get('id')}"
        assert '<ul class="atlas-legend"' in html and "<summary>" in html
        assert html.count('src="../assets/charts.js"') == 1


def test_month_only_dates_span_their_month_and_are_never_given_a_day():
    month_only = PartialDate(2025, 1)
    assert date_span(month_only) == (month_index(2025, 1), month_index(2025, 2))
    assert date_position(month_only) == month_index(2025, 1) + 0.5
    first, last = date_span(PartialDate(2025, 1, 1)), date_span(PartialDate(2025, 1, 31))
    assert first[0] == month_index(2025, 1) and last[1] == pytest.approx(month_index(2025, 2))


def test_month_only_marks_sit_in_a_box_as_wide_as_their_month(catalog):
    models = catalog.models_by_date()
    view = charts.scale_ladder_view(models, catalog, "../")
    groups = charts.scale_groups(models, catalog)
    month_groups = [g for g in groups if g.released.precision == "month"]
    boxed = [m for m in view["marks"] if m["month"]]
    assert month_groups and len(boxed) == len(month_groups) + sum(1 for g in month_groups if g.active)
    year_width = float(view["grid"]["vlines"][1]) - float(view["grid"]["vlines"][0])
    assert all(float(m["month"]["w"]) == pytest.approx(year_width / 12, abs=0.2) for m in boxed)
    assert "only the month is known" in charts.render_scale_ladder(models, catalog, "../")


# ------------------------------------------------------------------------------------------- weight

@pytest.mark.parametrize("chart", ["scale", "context", "ladder"])
def test_chart_weight_grows_with_what_is_drawn_not_with_the_catalogue(catalog, chart):
    """Clones share dates and sizes with the real models, so they add nothing to draw: past the first few
    names a mark or row lists, the chart must not grow (a page stays under 150 KB with the site's chrome)."""
    draw = {
        "scale": lambda c: charts.render_scale_ladder(c.models_by_date(), c, "../"),
        "context": lambda c: charts.render_context_growth(c.models_by_date(), c, "../"),
        "ladder": lambda c: charts.render_size_ladder("qwen3", c.models_in_family("qwen3"), c, "../"),
    }[chart]
    one, ten, thirty = (len(draw(clone_catalog(catalog, n))) for n in (1, 10, 30))
    assert ten <= 1.3 * one and thirty <= 1.02 * ten, (chart, one, ten, thirty)
    assert thirty < 110_000, (chart, thirty)


# --------------------------------------------------------------------------------------- built site

def test_built_chart_pages_link_every_mark_to_an_existing_model_page(built_site, catalog):
    found = {}
    for page in ("charts", "charts/context-windows", "charts/size-ladders"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert 'assets/charts.js"' in html
        for svg in svgs(html):
            found[svg.get("data-chart")] = svg
    assert {"scale-ladder", "context-growth", "size-ladder-qwen3-5"} <= set(found)
    for svg in found.values():
        for a in mark_links(svg):
            assert (built_site / "models" / model_id(a.get(XLINK_HREF)) / "index.html").is_file()
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "charts.js" not in glossary, "the chart script loads only on pages with a chart"


# ------------------------------------------------------------------------------------------ browser

@pytest.mark.browser
def test_tapping_a_mark_shows_its_details(chromium, local_site):
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(local_site.url("charts/"))
        mark = page.locator("svg[data-chart=scale-ladder] a[data-r]").last
        name = mark.locator("title").text_content()
        mark.scroll_into_view_if_needed()
        mark.tap()
        popover = page.locator(".atlas-chart-pop")
        expect(popover).to_be_visible()
        expect(popover).to_contain_text(name)
        expect(popover.locator("a[href*='models/']").first).to_be_visible()
        assert page.url.endswith("/charts/"), "the first tap shows details; it does not navigate"
    finally:
        context.close()


@pytest.mark.browser
def test_keyboard_focus_on_a_mark_shows_its_details(site_page):
    from playwright.sync_api import expect

    page = site_page.page
    site_page.open("charts/context-windows/")
    mark = page.locator("svg[data-chart=context-growth] a[data-r]").first
    mark.focus()
    expect(page.locator(".atlas-chart-pop")).to_contain_text(mark.locator("title").text_content())
    page.keyboard.press("Escape")
    expect(page.locator(".atlas-chart-pop")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("path, chart", [("charts/", "scale-ladder"), ("charts/context-windows/", "context-growth")])
def test_phone_view_opens_on_the_latest_year(chromium, local_site, path, chart):
    context = chromium.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(local_site.url(path))
        scroller = page.locator(f"#{chart} .atlas-chart-scroll")
        years = page.locator(f"svg[data-chart={chart}] text.atlas-year")
        box, latest, earliest = scroller.bounding_box(), years.last.bounding_box(), years.first.bounding_box()
        assert page.evaluate("el => el.scrollWidth > el.clientWidth", scroller.element_handle()), "no overflow"
        assert box["x"] <= latest["x"] and latest["x"] + latest["width"] <= box["x"] + box["width"], \
            f"the latest year ({years.last.text_content()}) is scrolled out of view"
        assert earliest["x"] < box["x"], "the earliest year should be off screen to the left"
    finally:
        context.close()
