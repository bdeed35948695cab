"""The built site in a real browser (Debian's Chromium through Playwright), served from 127.0.0.1.

Every test's page fixture also fails the test if the page asked any other host for anything.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from browser_support import RequestLog, open_context, search, type_in_search

pytestmark = pytest.mark.browser

# Pages a reader reaches first; each must load cleanly and stay on our host.
TOUR = ["", "families/qwen3.5/", "models/qwen3.5-4b/", "timeline/", "finder/", "api/", "papers/", "glossary/"]


def test_home_loads_without_console_errors(site_page):
    site_page.open("")
    assert site_page.page.locator("h1").first.inner_text().strip()
    site_page.page.wait_for_load_state("networkidle")
    assert site_page.problems() == []


@pytest.mark.parametrize("path", TOUR[1:])
def test_page_loads_without_console_errors(site_page, path):
    site_page.open(path)
    site_page.page.wait_for_load_state("networkidle")
    assert site_page.problems() == []


@pytest.mark.parametrize(("query", "expected"), [
    ("Qwen3.5-4B", "/models/qwen3.5-4b/"),  # by display name
    ("qwen2.5-vl-7b-instruct", "/models/qwen2.5-vl-7b-instruct/"),  # by id, as the API and URLs spell it
])
def test_search_finds_a_model(site_page, query, expected):
    site_page.open("")
    hrefs = search(site_page.page, query)
    assert expected in {urlsplit(h).path for h in hrefs}, hrefs  # search.highlight adds ?h=...


def test_search_for_nonsense_finds_nothing(site_page):
    """The search test above could pass on any query if results were always listed; this one shows they are not."""
    site_page.open("")
    type_in_search(site_page.page, "zzqxjvv")
    meta = site_page.page.locator(".md-search-result__meta")
    meta.filter(has_text="No matching documents").wait_for()
    assert site_page.page.locator(".md-search-result__item").count() == 0


def test_palette_toggle_switches_scheme(site_page):
    site_page.open("")
    body = site_page.page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    site_page.page.locator('label[for="__palette_1"]').click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background_dark = site_page.page.evaluate("getComputedStyle(document.body).backgroundColor")
    site_page.page.locator('label[for="__palette_0"]').click()
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert site_page.page.evaluate("getComputedStyle(document.body).backgroundColor") != background_dark


def test_palette_choice_survives_navigation(site_page):
    site_page.open("")
    site_page.page.locator('label[for="__palette_1"]').click()
    site_page.open("families/qwen3.5/")
    assert site_page.page.locator("body").get_attribute("data-md-color-scheme") == "slate"


MATERIAL_READY = "() => window.component$ !== undefined"  # Material's bundle has run and mounted its components


def test_material_script_waits_for_the_reader(site_page):
    """Material's bundle is not fetched at load (overrides/main.html); the first sign of use loads and mounts it."""
    bundle_requests = []
    site_page.page.on("request", lambda r: "/javascripts/bundle." in r.url and bundle_requests.append(r.url))
    site_page.open("")
    site_page.page.wait_for_load_state("networkidle")
    assert bundle_requests == []
    assert site_page.page.evaluate("window.component$ === undefined")
    site_page.page.mouse.move(200, 300)
    site_page.page.wait_for_function(MATERIAL_READY)
    assert len(bundle_requests) == 1


@pytest.mark.parametrize("path", TOUR)
def test_material_script_runs_cleanly_once_loaded(site_page, path):
    """The console checks above, with Material's script loaded (a reader's first key press loads it)."""
    site_page.open(path)
    site_page.page.keyboard.press("Shift")
    site_page.page.wait_for_function(MATERIAL_READY)
    site_page.page.wait_for_load_state("networkidle")
    assert site_page.problems() == []


def test_search_shortcut_pressed_before_material_loaded_opens_search(site_page):
    """"/" is Material's shortcut to the search box; pressed first thing, it is kept and replayed once loaded."""
    site_page.open("")
    site_page.page.keyboard.press("/")
    site_page.page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('input.md-search__input')")


def test_phone_search_button_tapped_before_material_loaded_searches(site_page):
    """On a phone the header's search button is the way in; its first tap also loads Material's script."""
    site_page.page.set_viewport_size({"width": 375, "height": 812})
    site_page.open("")
    site_page.page.locator('label.md-header__button[for="__search"]').click()
    site_page.page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    hrefs = search(site_page.page, "Qwen3.5-4B")
    assert "/models/qwen3.5-4b/" in {urlsplit(h).path for h in hrefs}, hrefs


def test_search_highlight_link_loads_material_at_once(site_page):
    """A search result's link (?h=) highlights the words on arrival, without waiting for the reader to act."""
    site_page.open("models/qwen3-8b/?h=qwen3")
    site_page.page.wait_for_function(MATERIAL_READY)
    site_page.page.locator("article mark").first.wait_for()


def test_palette_follows_the_system_scheme_before_any_script(dark_site_page):
    """With no stored choice, a dark system gets the dark palette from the header's own script."""
    dark_site_page.open("")
    assert dark_site_page.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert dark_site_page.page.evaluate("window.component$ === undefined")
    assert dark_site_page.page.locator('label[for="__palette_0"]').is_visible()  # the toggle back to light


def test_family_table_lists_the_familys_models(site_page, catalog):
    site_page.open("families/qwen3.5/")
    table = site_page.page.locator("table.atlas-models").first
    rows = table.locator("tbody tr")
    expected = [m.name for m in catalog.models_in_family("qwen3.5")]
    assert rows.count() == len(expected)
    names = rows.locator("td:first-child a").all_inner_texts()  # the cell also names the variant
    assert [n.strip() for n in names] == expected
    headers = table.locator("thead th").count()
    assert all(row.locator("td").count() == headers for row in rows.all())


def test_model_page_json_link_returns_the_model(site_page, catalog):
    site_page.open("models/qwen3.5-4b/")
    link = site_page.page.get_by_role("link", name="JSON", exact=True).first
    link.click()
    site_page.page.wait_for_url("**/api/v1/models/qwen3.5-4b.json")
    # Chromium shows JSON as text; fetch the same URL from the page for headers and body.
    status, content_type, body = site_page.page.evaluate(
        "async () => { const r = await fetch(location.href);"
        " return [r.status, r.headers.get('content-type'), await r.text()]; }")
    assert status == 200
    assert "json" in content_type
    document = json.loads(body)
    assert document["model"]["id"] == "qwen3.5-4b"
    assert document["model"]["name"] == catalog.models["qwen3.5-4b"].name


def test_no_request_leaves_the_local_server(site_page, session_requests):
    """Visit every page of the tour (the fixture counts per test; this also sums the whole session)."""
    for path in TOUR:
        site_page.open(path)
        site_page.page.wait_for_load_state("networkidle")
    assert site_page.requests.local_count > len(TOUR)  # the recorder saw our own traffic
    assert site_page.requests.foreign == []
    assert session_requests.foreign == []


def test_request_recorder_catches_a_foreign_request(chromium, local_site):
    """Proof the zero above is measured: a page that asks another host is caught (and blocked)."""
    log = RequestLog(local_site.netloc)
    probe = open_context(chromium, local_site, log)
    try:
        probe.open("")
        probe.page.evaluate("fetch('https://cdn.example.invalid/lib.js').catch(() => null)")
        probe.page.wait_for_timeout(200)
    finally:
        probe.page.context.close()
    assert [url for _, url in log.foreign] == ["https://cdn.example.invalid/lib.js"]


def test_problem_recorder_catches_a_missing_file_and_a_script_error(site_page):
    """Proof the console checks above can fail."""
    site_page.open("")
    site_page.page.evaluate("fetch('assets/no-such-file.js').catch(() => null)")
    site_page.page.evaluate("setTimeout(() => { throw new Error('planted failure'); })")
    site_page.page.wait_for_load_state("networkidle")
    problems = site_page.problems()
    assert any(p.startswith("404 ") and p.endswith("/assets/no-such-file.js") for p in problems), problems
    assert any("planted failure" in p for p in problems), problems
