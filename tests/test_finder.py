"""The finder shows every model, complete without JavaScript; the memory estimate follows its stated method."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from macros.views.memory_estimate import (
    BF16_BYTES_PER_PARAM,
    INT4_BYTES_PER_PARAM,
    INT4_OVERHEAD,
    bf16_gb,
    gb_text,
    int4_gb,
)
from macros.views.render_compare import render_compare
from macros.views.render_finder import COLUMNS, render_finder


class RowReader(HTMLParser):
    """Rows of the finder table: their data attributes and the text of each cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.headers: list[str] = []
        self._cell: list[str] | None = None
        self.form_hidden = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-finder-form" in attrs:
            self.form_hidden = "hidden" in attrs
        if tag == "tr" and "data-id" in attrs:
            self.rows.append({"attrs": attrs, "cells": [], "links": [], "sorts": []})
        elif tag == "th" and "data-column" in attrs:
            self.headers.append(attrs["data-column"])
        elif tag == "td" and self.rows:
            self._cell = []
            self.rows[-1]["sorts"].append(attrs.get("data-sort"))
        elif tag == "a" and self._cell is not None:
            self.rows[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> RowReader:
    reader = RowReader()
    reader.feed(html)
    return reader


def test_memory_estimate_follows_the_stated_method():
    assert bf16_gb(8) == pytest.approx(16)
    assert int4_gb(8) == pytest.approx(8 * 0.5 * 1.1)
    assert bf16_gb(None) is None and int4_gb(None) is None
    assert gb_text(bf16_gb(235)) == "≈ 470 GB"
    assert gb_text(int4_gb(0.5)) == "≈ 0.28 GB"
    assert gb_text(None) == "unknown"


def test_finder_has_one_row_per_model_linking_to_its_page(catalog):
    reader = read(render_finder(catalog, "../"))
    ids = [row["attrs"]["data-id"] for row in reader.rows]
    assert sorted(ids) == sorted(catalog.models)
    for row in reader.rows:
        assert row["links"][0] == f"../models/{row['attrs']['data-id']}/"
        assert len(row["cells"]) == len(COLUMNS)
    assert reader.headers == [key for key, _ in COLUMNS]


def test_without_javascript_the_controls_are_hidden_and_every_row_shows(catalog):
    html = render_finder(catalog, "../")
    reader = read(html)
    assert reader.form_hidden is True
    assert not re.search(r"<tr[^>]*\shidden", html)


def test_row_attributes_match_the_record(catalog):
    reader = read(render_finder(catalog, "../"))
    column = {key: index for index, (key, _) in enumerate(COLUMNS)}
    for row in reader.rows:
        model = catalog.models[row["attrs"]["data-id"]]
        attrs = row["attrs"]
        assert attrs["data-family"] == model.family
        assert row["cells"][column["weights"]] == ("open" if model.open_weights else "API only")
        assert attrs["data-in"].split() == list(model.modalities_in)
        assert row["cells"][column["license"]] == (model.license or "unknown")
        assert row["cells"][column["model"]] == model.name
        assert model.variant in attrs["data-text"] and all(a.lower() in attrs["data-text"] for a in model.aliases)
        total = row["sorts"][column["total"]]
        assert (float(total) if total else None) == (round(model.params_total_b, 2) if model.params_total_b else None)
        assert row["cells"][column["bf16"]] == gb_text(bf16_gb(model.params_total_b))
        assert row["cells"][column["int4"]] == gb_text(int4_gb(model.params_total_b))


def test_compare_offers_every_model_once_without_embedding_their_facts(catalog):
    html = render_compare(catalog, "../")
    options = re.findall(r'<option value="([^"]+)">', html)
    assert sorted(options) == sorted(catalog.models)
    assert "data-id=" not in html and "<tr" not in html
    assert 'data-api="../api/v1/models/"' in html
    assert f'data-bf16="{BF16_BYTES_PER_PARAM:g}"' in html and f'data-int4-overhead="{INT4_OVERHEAD:g}"' in html


def test_built_finder_page_lists_every_model_and_explains_the_estimate(built_site, catalog):
    html = (built_site / "finder" / "index.html").read_text(encoding="utf-8")
    assert len(read(html).rows) == len(catalog.models)
    method = html[html.index('id="memory-estimate"'):]
    for stated in (f"{BF16_BYTES_PER_PARAM:g} bytes per parameter", f"{INT4_BYTES_PER_PARAM:g} bytes per parameter",
                   f"{INT4_OVERHEAD:.0%}", "KV cache"):
        assert stated in method, f"the method on the page no longer says {stated!r}"


def test_finder_rows_appear_only_on_the_finder(built_site):
    for page in ("compare", "charts", "timeline"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert html.count("<tr data-id=") == 0, page
