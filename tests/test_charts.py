"""Charts: parse the SVG and count one mark per data point; every mark links to its model's page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from macros.data.dates import PartialDate
from macros.views.render_charts import render_context_growth, render_scale_ladder, render_size_ladder
from macros.views.svg import date_position, date_span, month_index

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg xmlns=.*?</svg>", html, re.S) if 'data-chart="' in s]


def marks(svg: ET.Element) -> list[tuple[str, str, bool]]:
    """(linked model id, role, hollow) for every mark, read from the SVG itself."""
    found = []
    for link in svg.iter(f"{SVG_NS}a"):
        for path in link.iter(f"{SVG_NS}path"):
            classes = path.get("class", "").split()
            if "atlas-mark" in classes:
                href = link.get(XLINK_HREF)
                found.append((re.fullmatch(r"(?:\.\./)+models/(.+)/", href).group(1), link.get("data-role"),
                              "atlas-hollow" in classes))
    return found


def all_marks(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter(f"{SVG_NS}path") if "atlas-mark" in p.get("class", "").split()]


def table_rows(html: str) -> int:
    details = html[html.index('<details class="atlas-chart-data">'):]
    return details.count("<tr>") - 1  # minus the header row


def test_scale_ladder_has_one_mark_per_parameter_count(catalog):
    models = catalog.models_by_date()
    html = render_scale_ladder(models, catalog, "../")
    [svg] = svgs(html)
    expected = [(m.id, "total", False) for m in models if m.params_total_b is not None]
    expected += [(m.id, "active", True) for m in models
                 if m.architecture == "moe" and m.params_total_b is not None and m.params_active_b is not None]
    assert sorted(marks(svg)) == sorted(expected)
    assert len(all_marks(svg)) == len(expected), "a mark outside a model link"
    assert table_rows(html) == sum(1 for m in models if m.params_total_b is not None)


def test_moe_total_and_active_are_joined_by_a_line(catalog):
    models = catalog.models_by_date()
    [svg] = svgs(render_scale_ladder(models, catalog, "../"))
    links = [e for e in svg.iter(f"{SVG_NS}line") if e.get("class") == "atlas-pair-link"]
    moe = [m for m in models if m.architecture == "moe" and m.params_active_b and m.params_total_b]
    assert moe and len(links) == len(moe)
    assert all(line.get("x1") == line.get("x2") for line in links), "total and active share the release date"


def test_context_growth_has_one_mark_per_window(catalog):
    models = catalog.models_by_date()
    [svg] = svgs(render_context_growth(models, catalog, "../"))
    expected = [(m.id, "native", False) for m in models if m.context_native]
    expected += [(m.id, "maximum", bool(m.context_native)) for m in models
                 if m.context_max and (not m.context_native or m.context_max > m.context_native)]
    assert sorted(marks(svg)) == sorted(expected)


@pytest.mark.parametrize("family_id", ["qwen3", "qwen3.5", "qwen2.5", "qwen1.5", "ofa"])
def test_size_ladder_has_one_row_and_mark_per_sized_model(catalog, family_id):
    models = catalog.models_in_family(family_id)
    html = render_size_ladder(family_id, models, catalog, "../../")
    [svg] = svgs(html)
    sized = [m for m in models if m.params_total_b is not None]
    expected = len(sized) + sum(1 for m in sized if m.architecture == "moe" and m.params_active_b is not None)
    assert len(marks(svg)) == len(all_marks(svg)) == expected
    labels = [t.text for t in svg.iter(f"{SVG_NS}text") if t.get("class") == "atlas-row-label"]
    assert sorted(labels) == sorted(m.name for m in sized)
    sizes = [next(m.params_total_b for m in sized if m.name == label) for label in labels]
    assert sizes == sorted(sizes, reverse=True), "a ladder runs from the largest model down"


def test_size_ladder_without_any_known_size_is_an_error(catalog):
    unsized = [m for m in catalog.models_in_family("qwen3") if m.params_total_b is None]
    assert unsized, "the data has an unsized Qwen3 model (Qwen3-Max); pick another family if that changes"
    with pytest.raises(ValueError, match="no model with a known parameter count"):
        render_size_ladder("qwen3", unsized, catalog, "../")


def test_every_chart_is_described_and_has_its_data_table(catalog):
    models = catalog.models_by_date()
    for html in (render_scale_ladder(models, catalog, "../"), render_context_growth(models, catalog, "../"),
                 render_size_ladder("qwen3", catalog.models_in_family("qwen3"), catalog, "../")):
        [svg] = svgs(html)
        children = list(svg)
        assert children[0].tag == f"{SVG_NS}title" and children[0].text
        assert children[1].tag == f"{SVG_NS}desc" and len(children[1].text) > 40
        assert svg.get("aria-labelledby") == f"{children[0].get('id')} {children[1].get('id')}"
        assert '<ul class="atlas-legend"' in html and "<summary>" in html
        # Material's instant navigation assigns .href on every [href] element; an SVG <a href> throws.
        assert all(a.get("href") is None for a in svg.iter(f"{SVG_NS}a"))


def test_month_precision_dates_span_their_month_and_are_never_given_a_day():
    month_only = PartialDate(2025, 1)
    assert date_span(month_only) == (month_index(2025, 1), month_index(2025, 2))
    assert date_position(month_only) == month_index(2025, 1) + 0.5
    first, last = date_span(PartialDate(2025, 1, 1)), date_span(PartialDate(2025, 1, 31))
    assert first[0] == month_index(2025, 1) and last[1] == pytest.approx(month_index(2025, 2))


def test_month_only_models_get_a_month_bar(catalog):
    models = catalog.models_by_date()
    [svg] = svgs(render_scale_ladder(models, catalog, "../"))
    spans = [e for e in svg.iter(f"{SVG_NS}line") if e.get("class") == "atlas-month-span"]
    month_points = [m for m in models if m.released.precision == "month" and m.params_total_b is not None]
    month_points += [m for m in month_points if m.architecture == "moe" and m.params_active_b is not None]
    assert len(spans) == len(month_points)


def test_built_chart_pages_link_every_mark_to_an_existing_model_page(built_site, catalog):
    charts = {}
    for page in ("charts", "charts/context-windows", "charts/size-ladders"):
        for svg in svgs((built_site / page / "index.html").read_text(encoding="utf-8")):
            charts[svg.get("data-chart")] = svg
    assert {"scale-ladder", "context-growth", "size-ladder-qwen3-5"} <= set(charts)
    for svg in charts.values():
        for model_id, _, _ in marks(svg):
            assert (built_site / "models" / model_id / "index.html").is_file(), model_id
    drawn = {m for m, _, _ in marks(charts["scale-ladder"])}
    assert drawn == {m.id for m in catalog.models.values() if m.params_total_b is not None}
