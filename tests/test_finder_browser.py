"""The finder and compare pages in Chromium: a shared URL restores its view, filters update the URL,
and the scripts run after Material's instant navigation as well as on a full load."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def visible_ids(page) -> list[str]:
    return page.locator("[data-finder-table] tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.id)")


def script_errors(browser_page) -> list[str]:
    """Uncaught exceptions and script errors; failed loads of other resources are test_browser.py's concern."""
    return [e for e in browser_page.console_errors if not e.startswith("Failed to load resource")]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_shared_finder_url_restores_filters_and_sort(site_page, catalog):
    page = site_page.page
    site_page.open("finder/?family=qwen3&weights=open&min=8&sort=total&dir=desc")
    form = page.locator("[data-finder-form]")
    form.wait_for(state="visible")
    assert page.locator("select[name=family]").input_value() == "qwen3"
    assert page.locator("select[name=weights]").input_value() == "open"
    assert page.locator("select[name=min]").input_value() == "8"
    expected = [m for m in catalog.models_in_family("qwen3")
                if m.open_weights and m.params_total_b is not None and m.params_total_b >= 8]
    shown = visible_ids(page)
    assert sorted(shown) == sorted(m.id for m in expected)
    sizes = [catalog.models[i].params_total_b for i in shown]
    assert sizes == sorted(sizes, reverse=True)
    assert page.locator("th[data-column=total]").get_attribute("aria-sort") == "descending"
    assert f"Showing {len(expected)} of {len(catalog.models)}" in page.locator("[data-finder-status]").inner_text()
    assert script_errors(site_page) == []


def test_filtering_writes_the_url_and_the_url_reproduces_the_view(site_page, catalog):
    page = site_page.page
    site_page.open("finder/")
    assert len(visible_ids(page)) == len(catalog.models)  # nothing filtered yet
    page.locator("select[name=modality]").select_option("in:video")
    page.locator("input[name=text]").fill("qwen3")
    sort_button = page.locator("th[data-column=released] button")
    sort_button.evaluate("b => b.scrollIntoView({block: 'center'})")  # not under Material's fixed header
    sort_button.click()
    assert query(page) == {"modality": ["in:video"], "text": ["qwen3"], "sort": ["released"], "dir": ["asc"]}
    view = visible_ids(page)
    expected = {m.id for m in catalog.models.values() if "video" in m.modalities_in
                and "qwen3" in " ".join([m.name, m.id, catalog.families[m.family].name, m.variant, *m.aliases]).lower()}
    assert set(view) == expected and view
    shared = page.url
    site_page.page.goto(shared)
    page.locator("[data-finder-form]").wait_for(state="visible")
    assert visible_ids(page) == view
    page.locator("[data-finder-reset]").evaluate("b => b.scrollIntoView({block: 'center'})")
    page.locator("[data-finder-reset]").click()
    page.wait_for_function("() => location.search === ''")
    assert len(visible_ids(page)) == len(catalog.models)


def test_finder_enhances_after_instant_navigation(site_page, catalog):
    page = site_page.page
    site_page.open("charts/")
    page.locator(".md-nav__link[href$='finder/']").first.click()
    page.wait_for_url("**/finder/")
    page.locator("[data-finder-form]").wait_for(state="visible")
    page.locator("select[name=family]").select_option("qwen3.5")
    assert sorted(visible_ids(page)) == sorted(m.id for m in catalog.models_in_family("qwen3.5"))
    assert script_errors(site_page) == []


def test_shared_compare_url_shows_the_models_side_by_side(dark_site_page, catalog):
    page = dark_site_page.page
    ids = ["qwen3-8b", "qwen3.5-9b", "qwen3-30b-a3b"]
    dark_site_page.open("compare/?ids=" + ",".join(ids))
    table = page.locator("[data-compare-output] table")
    table.wait_for()
    headers = table.locator("thead th a").all_inner_texts()
    assert headers == [catalog.models[i].name for i in ids]
    rows = {r.locator("th").inner_text().rstrip(" ≠"): r.locator("td").all_inner_texts()
            for r in table.locator("tbody tr").all()}
    assert rows["Parameters (total)"] == ["8.2B", "9B", "30.5B"]
    assert rows["Family"] == ["Qwen3", "Qwen3.5", "Qwen3"]
    page.locator("select[data-compare-slot]").nth(1).select_option("")
    assert query(page) == {"ids": ["qwen3-8b,qwen3-30b-a3b"]}
    assert script_errors(dark_site_page) == []
