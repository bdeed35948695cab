"""axe-core (shipped inside axe-playwright-python, so no network) on the pages readers use most,
in the light and the dark palette: no violation of a WCAG 2.0/2.1 level A or AA rule."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import search

pytestmark = pytest.mark.browser

PAGES = ["", "families/qwen3.5/", "models/qwen3.5-4b/", "models/qwen3.8-max/", "timeline/", "finder/", "api/",
         "compare/?ids=qwen3-8b,qwen3.5-9b,qwen3-30b-a3b", "charts/", "charts/context-windows/", "papers/", "changes/"]
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEME_OF = {"light": "default", "dark": "slate"}  # the browser's preference -> Material's scheme


def describe(violations: list[dict]) -> str:
    """One line per failing element, enough to find and fix it."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1].strip()}")
    return "\n".join(lines)


def wcag_violations(page) -> list[dict]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]})
    return results.response["violations"]


@pytest.fixture(params=["light", "dark"])
def palette_page(request):
    """The same page fixture in each colour scheme the site offers."""
    return request.getfixturevalue("site_page" if request.param == "light" else "dark_site_page"), request.param


@pytest.mark.parametrize("path", PAGES, ids=[p.split("?")[0].strip("/") or "home" for p in PAGES])
def test_no_wcag_a_or_aa_violations(palette_page, path):
    browser_page, scheme = palette_page
    browser_page.open(path)
    page = browser_page.page
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEME_OF[scheme]
    violations = wcag_violations(page)
    assert violations == [], f"{path or 'home'} ({scheme}):\n{describe(violations)}"


def test_axe_finds_a_planted_violation(site_page):
    """Proof the checker is live: an image without alt text and an unlabeled input are reported."""
    site_page.open("")
    site_page.page.evaluate("""() => {
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
        article.insertAdjacentHTML('beforeend', '<input type="text">');
    }""")
    found = {v["id"] for v in wcag_violations(site_page.page)}
    assert {"image-alt", "label"} <= found


def test_open_search_dialog_is_named_and_passes(palette_page):
    """Search results bring their own colours (highlights, counts); and Material's dialog has no name
    by default (axe aria-dialog-name, a best-practice rule checked here on purpose)."""
    site_page, scheme = palette_page
    site_page.open("")
    assert search(site_page.page, "qwen3")
    results = Axe().run(site_page.page, options={
        "runOnly": {"type": "rule", "values": ["aria-dialog-name"]}, "resultTypes": ["violations", "passes"]})
    assert results.response["violations"] == [], describe(results.response["violations"])
    assert [r["id"] for r in results.response["passes"]] == ["aria-dialog-name"]
    violations = wcag_violations(site_page.page)
    assert violations == [], f"search open ({scheme}):\n{describe(violations)}"
