"""Timelines: semantic, readable without colour, and true to each date's precision."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from macros.views.render_timeline import event_entry, model_entry, paper_entry, render_timeline, render_timeline_legend


def parse(html: str) -> ET.Element:
    return ET.fromstring(html.strip())


def global_timeline(catalog) -> ET.Element:
    entries = [model_entry(m, catalog, "../") for m in catalog.models_by_date()]
    entries += [paper_entry(p, "../") for p in catalog.papers_by_date()]
    entries += [event_entry(e, "../") for e in catalog.events_by_date()]
    return parse(render_timeline(entries))


def items(tree: ET.Element) -> list[ET.Element]:
    return [li for li in tree.iter("li")]


def test_every_record_appears_once_in_its_own_style(catalog):
    tree = global_timeline(catalog)
    kinds = [li.get("class").split()[1] for li in items(tree)]
    assert kinds.count("atlas-tl-model") == len(catalog.models)
    assert kinds.count("atlas-tl-paper") == len(catalog.papers)
    assert kinds.count("atlas-tl-event") == len(catalog.events)


def test_grouped_by_year_newest_first_in_ordered_lists(catalog):
    tree = global_timeline(catalog)
    sections = tree.findall("section")
    years = [int(s.find("h3").text) for s in sections]
    assert years == sorted(set(years), reverse=True)
    for section, year in zip(sections, years, strict=True):
        times = [t.get("datetime") for t in section.iter("time")]
        assert section.find("ol") is not None and all(t.startswith(f"{year}-") for t in times)
        assert times == sorted(times, reverse=True)


def test_month_precision_shows_the_month_and_no_day(catalog):
    tree = global_timeline(catalog)
    month_items = [li for li in items(tree) if li.get("data-precision") == "month"]
    assert month_items, "the data has month-only dates (e.g. Qwen3-Next); this test needs one"
    for li in month_items:
        time = next(li.iter("time"))
        assert re.fullmatch(r"\d{4}-\d{2}", time.get("datetime"))
        assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", time.text), time.text
        assert time.get("title") == "Only the month is known"


def test_family_is_named_in_words_and_shape_not_only_colour(catalog):
    tree = global_timeline(catalog)
    family_names = {f.name for f in catalog.families.values()}
    for li in items(tree):
        label = next(s for s in li.iter("span") if s.get("class") == "atlas-tl-label").text
        glyph = li.find("svg")
        assert glyph is not None and glyph.get("aria-hidden") == "true"
        if "atlas-tl-model" in li.get("class"):
            assert label in family_names
        else:
            assert label and label not in family_names


def test_kinds_have_distinct_shapes_in_the_legend(catalog):
    legend = parse(render_timeline_legend(catalog))
    shapes = [li.find(".//path").get("d") + li.find("svg").get("class") for li in legend.iter("li")]
    assert len(shapes) == len({f.kind for f in catalog.families.values()}) + 2
    assert len(set(shapes)) == len(shapes)


def test_built_family_page_timeline_holds_only_that_family(built_site, catalog):
    html = (built_site / "families" / "qwen3.5" / "index.html").read_text(encoding="utf-8")
    names = {m.name for m in catalog.models_in_family("qwen3.5")}
    block = html[html.index('<div class="atlas-timeline">'):]
    labels = re.findall(r'<li class="atlas-tl-item atlas-tl-model".*?'
                        r'<span class="atlas-tl-label">([^<]*)</span>', block)
    assert len(labels) == len(names) and set(labels) == {"Qwen3.5"}
