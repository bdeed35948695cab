"""The compare page in Chromium: the picker by keyboard alone, a shared URL restored, "only differences",
and a phone layout where only the table scrolls sideways. Cells are read by their row and column headers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from macros.views.formatting import number_b, tokens_short
from macros.views.memory_estimate import bf16_gb, gb_text, int4_gb
from macros.views.render_compare import difference

pytestmark = pytest.mark.browser

THREE = ["qwen3-8b", "qwen3.5-9b", "qwen3-30b-a3b"]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def script_errors(browser_page) -> list[str]:
    return [e for e in browser_page.console_errors if not e.startswith("Failed to load resource")]


def read_table(page) -> dict[str, dict[str, str]]:
    """{row header: {column header: cell text}} of the visible rows, by header names, never positions."""
    return page.locator("[data-compare-output] table").evaluate("""table => {
        const columns = Array.from(table.tHead.rows[0].cells).map(c => c.innerText.trim());
        const out = {};
        for (const row of table.querySelectorAll("tbody tr[data-field]")) {
            if (row.hidden || row.parentElement.hidden) continue;
            const label = row.cells[0].querySelector(".atlas-compare-field").innerText.trim();
            out[label] = {};
            Array.from(row.cells).forEach((cell, i) => { if (i) out[label][columns[i]] = cell.innerText.trim(); });
        }
        return out;
    }""")


def row_states(page) -> dict[str, str]:
    return page.locator("[data-compare-output] tr[data-field]").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.dataset.field, r.dataset.state]))")


def focus_picker_by_keyboard(page) -> None:
    """Tab from the top of the page to the search box, as a keyboard user would."""
    box = page.get_by_role("combobox", name="Add a model")
    for _ in range(60):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("the picker cannot be reached with Tab")


def test_picker_by_keyboard_alone(site_page, catalog):
    page = site_page.page
    site_page.open("compare/")
    box = page.get_by_role("combobox", name="Add a model")
    status = page.get_by_role("status")
    focus_picker_by_keyboard(page)

    page.keyboard.type("Qwen3-8B")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    option = page.locator("#" + box.get_attribute("aria-activedescendant"))
    expect(option).to_have_attribute("aria-selected", "true")
    expect(option.locator(".atlas-compare-option-name")).to_have_text("Qwen3-8B")
    page.keyboard.press("Enter")
    chips = page.locator("[data-compare-chips] li")
    expect(chips).to_have_text(["Qwen3-8B×"])
    expect(status).to_contain_text("Added Qwen3-8B.")
    assert query(page) == {"ids": ["qwen3-8b"]}
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_be_focused()

    page.keyboard.type("3.5 9b")  # words in any order, over name, id, family and size
    page.keyboard.press("ArrowDown")
    expect(page.locator("#" + box.get_attribute("aria-activedescendant"))).to_contain_text("Qwen3.5-9B")
    page.keyboard.press("Enter")
    expect(chips).to_have_count(2)
    assert query(page) == {"ids": ["qwen3-8b,qwen3.5-9b"]}
    expect(page.locator("[data-compare-output] thead th")).to_have_text(["Fact", "Qwen3-8B", "Qwen3.5-9B"])

    page.keyboard.type("vl")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Escape")
    expect(box).to_have_value("")

    # Tab reaches the first chip's remove button; Enter removes it and the live region says so.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Remove Qwen3-8B")).to_be_focused()
    page.keyboard.press("Enter")
    expect(chips).to_have_text(["Qwen3.5-9B×"])
    expect(status).to_contain_text("Removed Qwen3-8B.")
    assert query(page) == {"ids": ["qwen3.5-9b"]}
    assert script_errors(site_page) == []


def test_shared_url_restores_three_models(dark_site_page, catalog):
    page = dark_site_page.page
    dark_site_page.open("compare/?ids=" + ",".join(THREE))
    models = [catalog.models[i] for i in THREE]
    expect(page.locator("[data-compare-output] thead th")).to_have_text(["Fact", *[m.name for m in models]])
    expect(page.locator("[data-compare-chips] li")).to_have_count(3)
    table = read_table(page)
    for m in models:
        assert table["Family"][m.name] == catalog.families[m.family].name
        assert table["Released"][m.name] == m.released.display
        assert table["Parameters"][m.name] == number_b(m.params_total_b)
        assert table["Native"][m.name] == tokens_short(m.context_native)
        assert table["Maximum"][m.name] == tokens_short(m.context_max)
        assert table["bf16 weights"][m.name] == gb_text(bf16_gb(m.params_total_b))
        assert table["4-bit weights"][m.name] == gb_text(int4_gb(m.params_total_b))
        assert table["Input"][m.name] == ", ".join(m.modalities_in)
        assert table["Hugging Face"][m.name] == m.hf_repo
    # Repositories and base models are links: the hub for the repo, the atlas page for the base model.
    hf = page.locator("[data-compare-output] tr[data-field=hf_repo] a")
    assert hf.evaluate_all("links => links.map(a => a.href)") == [f"https://huggingface.co/{m.hf_repo}" for m in models]
    bases = page.locator("[data-compare-output] tr[data-field=base_model] a")
    expected_bases = [m.base_model for m in models if m.base_model]
    assert bases.evaluate_all("links => links.map(a => new URL(a.href).pathname)") == [
        f"/models/{b}/" for b in expected_bases]
    if expected_bases:
        expect(bases.first).to_have_text(catalog.models[expected_bases[0]].name)
    # The script marks what the reference rules of render_compare.difference mark.
    states = row_states(page)
    assert states["params_total"] == difference("number", [m.params_total_b for m in models])
    assert states["released"] == difference("date", [m.released.iso for m in models])
    assert states["modalities_in"] == difference("set", [list(m.modalities_in) for m in models])
    assert states["variant"] == difference("exact", [m.variant for m in models])
    assert states["hf_repo"] == "unique"
    marked = page.locator("[data-compare-output] tr[data-field]:has(.atlas-compare-mark)")
    assert set(marked.evaluate_all("rows => rows.map(r => r.dataset.field)")) == {
        k for k, v in states.items() if v == "differs"}
    assert script_errors(dark_site_page) == []


def test_only_differences_hides_equal_rows_and_lives_in_the_url(site_page, catalog):
    page = site_page.page
    ids = ["qwen3-8b-base", "qwen3-8b"]
    site_page.open("compare/?ids=" + ",".join(ids))
    switch = page.get_by_role("switch", name="Only differences")
    expect(switch).to_be_enabled()
    before = read_table(page)
    states = row_states(page)
    same = [f for f, s in states.items() if s == "same"]
    assert same, "the base and instruct models share no fact?"
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).to_be_checked()
    assert query(page) == {"ids": [",".join(ids)], "diff": ["1"]}
    expect(page.locator("[data-compare-output] tr[data-field]:visible")).to_have_count(len(states) - len(same))
    after = read_table(page)
    assert "Variant" in after and "Layers" not in after  # base vs instruct: variant differs, layers do not
    assert set(after) < set(before)
    # The switch is restored from a shared URL.
    site_page.open("compare/?ids=" + ",".join(ids) + "&diff=1")
    expect(page.get_by_role("switch", name="Only differences")).to_be_checked()
    expect(page.locator("[data-compare-output] tr[data-field]:visible")).to_have_count(len(states) - len(same))
    assert script_errors(site_page) == []


def test_unknown_ids_are_dropped_with_a_message(site_page):
    page = site_page.page
    site_page.open("compare/?ids=qwen3-8b,no-such-model")
    expect(page.get_by_role("status")).to_contain_text("no-such-model")
    expect(page.locator("[data-compare-chips] li")).to_have_count(1)
    assert query(page) == {"ids": ["qwen3-8b"]}


def test_on_a_phone_only_the_table_scrolls_sideways(site_page):
    page = site_page.page
    page.set_viewport_size({"width": 375, "height": 812})
    site_page.open("compare/?ids=" + ",".join(THREE))
    box = page.locator("[data-compare-output]")
    expect(box.locator("thead th")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "three models should scroll inside their box"
    # The field names stay in view while the models scroll.
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    first = box.locator("tbody tr[data-field=params_total] th")
    box_left = box.evaluate("el => el.getBoundingClientRect().left")
    assert first.evaluate("th => th.getBoundingClientRect().left") >= box_left - 1
    site_page.open("compare/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
