"""The compare page's selection functions, called directly, and the page the template renders."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.views.render_compare import (
    KINDS,
    MAX_MODELS,
    ROW_GROUPS,
    SUGGESTED,
    compare_view,
    difference,
    family_names,
    render_compare,
    requested_ids,
    rows,
    suggested_comparisons,
)

SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "compare.js"


# --- the rows ---------------------------------------------------------------------------------------------------

def test_rows_are_grouped_as_a_reader_scans_them():
    assert [g.key for g in ROW_GROUPS] == ["identity", "size", "context", "modalities", "licence", "lineage", "sources"]
    keys = [r.key for r in rows()]
    assert len(keys) == len(set(keys)), "a row key twice"
    assert all(r.kind in KINDS for r in rows())
    # Rows that are one per model by nature are never counted as differences.
    assert {r.key for r in rows() if r.kind == "unique"} == {"hf_repo", "modelscope_repo", "sources"}


def test_every_row_has_a_filler_in_the_script():
    script = SCRIPT.read_text(encoding="utf-8")
    fields = script[script.index("var FIELDS = {"):script.index("\n  };", script.index("var FIELDS = {"))]
    filled = set(re.findall(r"^    (\w+): function", fields, re.M))
    assert filled == {r.key for r in rows()}


# --- what counts as a difference --------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "values", "expected"), [
    ("number", [8.19, 8.2], "same"),  # one size stated to different precision
    ("number", [8.2, 9.0], "differs"),
    ("number", [8.2, None], "unknown"),
    ("number", [None, None], "same"),
    ("date", ["2025-04", "2025-04-29"], "same"),  # a month-only date may be that day
    ("date", ["2025-04-29", "2025-04-30"], "differs"),
    ("date", ["2025-04", "2025-05-01"], "differs"),
    ("set", [["text", "image"], ["image", "text"]], "same"),
    ("set", [["text"], ["text", "image"]], "differs"),
    ("exact", [True, True, True], "same"),
    ("exact", [32768, 32768, 262144], "differs"),
    ("exact", ["Apache-2.0", None, "Apache-2.0"], "unknown"),
    ("unique", ["Qwen/Qwen3-8B", "Qwen/Qwen3-8B"], "unique"),
])
def test_difference(kind, values, expected):
    assert difference(kind, values) == expected


def test_difference_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        difference("fuzzy", [1, 2])


# --- the URL and the suggestions --------------------------------------------------------------------------------

def test_requested_ids_keep_order_drop_repeats_and_unknowns_and_stop_at_four():
    known = {"a", "b", "c", "d", "e"}
    assert requested_ids("a, b,a,,zz,c,d,e", known) == (["a", "b", "c", "d"], ["zz"])
    assert requested_ids(None, known) == ([], [])
    assert len(requested_ids(",".join(sorted(known)), known)[0]) == MAX_MODELS


def test_suggestions_name_models_that_exist(catalog):
    found = suggested_comparisons(catalog)
    assert len(found) >= 3, "most suggested comparisons point at models that left the catalogue"
    for suggestion in found:
        ids = suggestion["ids"].split(",")
        assert all(i in catalog.models for i in ids)
        assert suggestion["title"] == " vs ".join(catalog.models[i].name for i in ids)


def test_a_suggestion_with_a_missing_model_is_dropped():
    gone = SUGGESTED[0][1][1]  # in the first suggestion only
    assert all(gone not in ids for _, ids in SUGGESTED[1:])
    models = {i: SimpleNamespace(id=i, name=i.upper()) for _, ids in SUGGESTED for i in ids if i != gone}
    found = suggested_comparisons(SimpleNamespace(models=models))
    assert [s["ids"] for s in found] == [",".join(ids) for _, ids in SUGGESTED[1:]]


def test_family_names_list_only_families_with_models(catalog):
    names = dict(family_names(catalog))
    assert {m.family for m in catalog.models.values()} == set(names)
    assert all(names[f] == catalog.families[f].name for f in names)


# --- the page ---------------------------------------------------------------------------------------------------

class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find(self, **wanted) -> list[dict]:
        return [a for t, a in self.elements if all((t if k == "tag" else a.get(k)) == v for k, v in wanted.items())]


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_picker_is_an_aria_combobox_with_a_listbox_popup(catalog):
    page = parse(render_compare(catalog, "../"))
    [combo] = page.find(role="combobox")
    assert combo["aria-expanded"] == "false" and combo["aria-autocomplete"] == "list"
    [listbox] = page.find(role="listbox")
    assert combo["aria-controls"] == listbox["id"]
    [label] = page.find(tag="label", **{"for": combo["id"]})
    assert label is not None
    assert page.find(id=combo["aria-describedby"]), "the keyboard help is not linked to the box"
    [switch] = page.find(role="switch")
    assert switch["type"] == "checkbox"
    assert page.find(role="status")  # where additions and removals are announced


def test_page_carries_suggestions_and_rows_but_no_model_facts(catalog):
    html = render_compare(catalog, "../")
    page = parse(html)
    links = [a["href"] for a in page.find(tag="a") if a.get("data-compare-suggestion")]
    assert links == [f"?ids={s['ids']}" for s in suggested_comparisons(catalog)]
    assert [r["data-field"] for r in page.find(tag="tr") if "data-field" in r] == [r.key for r in rows()]
    assert [b["data-group"] for b in page.find(tag="tbody")] == [g.key for g in ROW_GROUPS]
    # The facts come from the API: no model rows, and the page names only the suggested models.
    assert "<tr data-id" not in html
    outside_families = re.sub(r"<template data-compare-families>.*?</template>", "", html, flags=re.S)
    named = {m.id for m in catalog.models.values() if f">{m.name}<" in outside_families}
    assert named <= {i for s in suggested_comparisons(catalog) for i in s["ids"].split(",")}
    [root] = [a for t, a in page.elements if "data-compare" in a]
    assert root["data-api"] == "../api/v1/models/" and root["data-index"] == "../api/v1/models.json"
    scripts = page.find(tag="script")
    assert [s["src"] for s in scripts] == ["../assets/compare.js"] and "defer" in scripts[0]


def test_without_javascript_the_page_points_to_the_finder_and_the_model_pages(catalog):
    html = render_compare(catalog, "../")
    notes = re.findall(r"<noscript>(.*?)</noscript>", html, re.S)
    assert any('href="../finder/"' in n for n in notes)
    for suggestion in suggested_comparisons(catalog):
        for model in suggestion["models"]:
            assert any(f'href="../models/{model.id}/"' in n for n in notes), model.id


def test_page_size_does_not_grow_with_the_catalogue(catalog):
    """The option list is fetched, not embedded: only the families' names scale (with families, not models)."""
    view = compare_view(catalog, "../")
    assert view["count"] == len(catalog.models)
    assert len(render_compare(catalog, "../").encode()) < 15_000
