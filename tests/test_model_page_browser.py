"""A model page in Chromium: the facts come first, and each source marker shows the source's own words on click
or tap and on keyboard focus + Enter, without leaving the page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def quoted_model(catalog):
    """A model whose parameter count is quoted (the marker under test)."""
    return next(m for m in catalog.models.values() if "params_total_b" in m.provenance and m.confidence == "high")


def test_a_source_marker_shows_the_quote_on_click_and_keyboard(site_page, catalog):
    model = quoted_model(catalog)
    site_page.open(f"models/{model.id}/")
    page = site_page.page
    card = page.locator(".atlas-glance-item", has=page.locator("dt", has_text="Parameters"))
    marker = card.locator(".atlas-src").first
    popover = page.locator(f"#{marker.get_attribute('popovertarget')}")
    assert not popover.is_visible()
    marker.click()
    popover.wait_for(state="visible")
    assert model.provenance["params_total_b"].quote in " ".join(popover.inner_text().split())
    assert page.url.endswith(f"models/{model.id}/")  # details open in place
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    marker.focus()
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    assert site_page.problems() == []


def test_facts_come_first_on_a_phone(site_page, catalog):
    model = quoted_model(catalog)
    page = site_page.page
    page.set_viewport_size({"width": 375, "height": 812})
    site_page.open(f"models/{model.id}/")
    first_card = page.locator(".atlas-glance-item").first
    assert first_card.bounding_box()["y"] < 812 / 2, "the first fact starts below the middle of the first screen"
