"""Views that list one row per family stay light when the catalogue grows (the bench clones families 10x and
30x): the families index and the fact-check coverage table keep a fixed number of rows and still reach every
family. Sizes are read from the rendered HTML, as the bench reads pages."""

from __future__ import annotations

import re

from macros.views.fact_check import COVERAGE_ROWS_SHOWN, fact_check_view
from macros.views.render_views import FAMILY_ROWS_SHOWN, render_families_table
from macros.views.templating import render
from tests.conftest import scaled_catalog

VIEW_BUDGET = 100 * 1024  # of the 150 KB page budget: the rest is the theme's frame and the page's prose


def _links(html: str, folder: str) -> set[str]:
    return set(re.findall(rf'href="\.\./{folder}/([^/"]+)/"', html))


def test_todays_families_index_is_one_table_of_every_family(catalog):
    html = render_families_table(catalog, "../")
    assert len(re.findall(r"<tr><td>", html)) == len(catalog.families) <= FAMILY_ROWS_SHOWN
    assert "A to Z" not in html


def test_the_families_index_at_30x_shows_the_newest_and_names_every_family(catalog):
    big = scaled_catalog(catalog, 30)
    html = render_families_table(big, "../")
    assert len(html.encode()) < VIEW_BUDGET, f"families index view is {len(html.encode())} bytes at 30x"
    assert len(re.findall(r"<tr><td>", html)) == FAMILY_ROWS_SHOWN
    assert _links(html, "families") == set(big.families)  # every family is still one click away
    first_rows = re.findall(r'<tr><td><a href="\.\./families/([^/"]+)/"', html)
    newest = sorted(big.families, key=lambda f: big.models_in_family(f)[0].released.sort_key, reverse=True)
    assert [big.models_in_family(f)[0].released.sort_key for f in first_rows] == \
        [big.models_in_family(f)[0].released.sort_key for f in newest[:FAMILY_ROWS_SHOWN]]


def test_the_coverage_table_at_30x_lists_the_least_quoted_families_and_sums_up_the_rest(catalog):
    big = scaled_catalog(catalog, 30)
    view = fact_check_view(big, "../")
    coverage = view["coverage"]
    html = str(render("fact_check.html", **view))
    assert len(html.encode()) < VIEW_BUDGET, f"coverage view is {len(html.encode())} bytes at 30x"
    shares = [r["share"] for r in coverage["rows"]]
    assert len(shares) == COVERAGE_ROWS_SHOWN and shares == sorted(shares)
    assert coverage["rest"]["count"] == len(big.families) - COVERAGE_ROWS_SHOWN
    assert coverage["rest"]["lowest"] >= shares[-1]
    assert f"The other {coverage['rest']['count']} families" in html
    total = fact_check_view(catalog, "../")["coverage"]
    assert (coverage["facts"], coverage["quoted"]) == (total["facts"] * 30, total["quoted"] * 30)  # nothing dropped


def test_the_finder_at_30x_stays_within_the_page_budget(catalog):
    """The finder ships its newest rows and one option per family; its script loads every row from JSON."""
    from macros.views.finder import finder_view

    big = scaled_catalog(catalog, 30)
    view = finder_view(big, "../")
    html = str(render("finder.html", **view))
    frame = 35 * 1024  # the theme's header, nav and footer plus the page's own prose, as built today (~29 KB)
    assert len(html.encode()) + frame < 150 * 1024, f"finder view is {len(html.encode())} bytes at 30x"
    assert set(re.findall(r'<option value="([^"]+)">', html)) >= set(big.families)  # every family can be picked
