"""The finder in Chromium: a full-width table whose header stays in view, filters and picks restored from a shared
URL, and a compare link for the picks. Every wait is for a state, never for the clock."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def shown_ids(page) -> list[str]:
    return page.locator("[data-finder-body] tr").evaluate_all("rows => rows.map(r => r.dataset.id)")


def ready(site_page, path: str):
    site_page.open(path)
    site_page.page.locator("[data-finder][data-ready=true]").wait_for(state="attached")
    return site_page.page


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_default_columns_fit_a_laptop_without_sideways_scrolling(site_page):
    page = ready(site_page, "finder/")
    box = page.locator("[data-finder-scroll]")
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "default columns overflow at 1280 px"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert site_page.problems() == []


def test_header_stays_visible_after_scrolling(site_page):
    page = ready(site_page, "finder/")
    box = page.locator("[data-finder-scroll]")
    box.scroll_into_view_if_needed()
    box.evaluate("el => { el.scrollTop = 2000; }")
    header = page.locator("thead th[data-column=model]")
    top_of_box = box.evaluate("el => el.getBoundingClientRect().top")
    header_top = header.evaluate("el => el.getBoundingClientRect().top")
    assert abs(header_top - top_of_box) <= 2, (header_top, top_of_box)
    assert header.is_visible()


def test_filters_sort_columns_and_picks_are_restored_from_a_shared_url(site_page, catalog):
    page = ready(site_page, "finder/?family=qwen3&weights=open&min=8&sort=-size&cols=family,size,layers"
                            "&pick=qwen3-8b,qwen3-32b")
    assert page.locator("select[name=family]").input_value() == "qwen3"
    assert page.locator("select[name=min]").input_value() == "8"
    expected = [m for m in catalog.models.values() if m.family == "qwen3" and m.open_weights
                and m.params_total_b is not None and m.params_total_b >= 8]
    shown = shown_ids(page)
    assert sorted(shown) == sorted(m.id for m in expected)
    sizes = [catalog.models[i].params_total_b for i in shown]
    assert sizes == sorted(sizes, reverse=True)
    assert page.locator("thead th[data-column=size]").get_attribute("aria-sort") == "descending"
    visible = page.locator("thead th:not([hidden])").evaluate_all("ths => ths.map(t => t.dataset.column)")
    assert visible == ["model", "family", "size", "layers"]
    assert page.locator("input[data-pick=qwen3-8b]").is_checked()
    link = page.locator("[data-picks-compare]")
    assert link.get_attribute("href").endswith("compare/?ids=qwen3-8b,qwen3-32b")
    assert site_page.problems() == []


def test_picking_in_the_table_writes_the_url_and_offers_compare(site_page):
    page = ready(site_page, "finder/?text=qwen3-8b")
    page.locator("input[data-pick=qwen3-8b]").check()
    page.locator("input[name=text]").fill("qwen3-32b")
    page.locator("input[data-pick=qwen3-32b]").check()
    assert query(page)["pick"] == ["qwen3-8b,qwen3-32b"]
    assert page.locator("[data-picks-compare]").is_visible()


def test_counts_follow_the_other_filters(site_page, catalog):
    page = ready(site_page, "finder/?weights=api")
    option = page.locator("select[name=family] option[value=qwen3]")
    api_only = sum(1 for m in catalog.models.values() if m.family == "qwen3" and not m.open_weights)
    assert option.inner_text().endswith(f"({api_only})")


def test_on_a_phone_each_model_is_a_card_and_filters_fold(site_page):
    page = site_page.page
    page.set_viewport_size({"width": 375, "height": 812})
    ready(site_page, "finder/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("[data-filters-toggle]").is_visible()
    assert not page.locator("select[name=family]").is_visible()
    first = page.locator("[data-finder-body] tr").first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "grid"
