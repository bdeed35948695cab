"""The finder's rows are plain values computed once; the page carries the newest rows and the data file all of them,
and both say the same thing under the same header."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from macros.views.finder import COLUMNS, FIRST_SCREEN_ROWS, finder_rows, finder_view, size_label
from macros.views.memory_estimate import (
    BF16_BYTES_PER_PARAM,
    INT4_BYTES_PER_PARAM,
    INT4_OVERHEAD,
    bf16_gb,
    gb_text,
    int4_gb,
)
from macros.views.templating import render


class TableReader(HTMLParser):
    """The finder table as {header label: cell text} per row: tests read cells by header, never by position."""

    def __init__(self):
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[dict] = []
        self._where: str | None = None
        self._text: list[str] = []
        self._column: str | None = None
        self.form_hidden = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-finder-form" in attrs:
            self.form_hidden = "hidden" in attrs
        if tag == "th" and self._where is None and not self.rows and "scope" in attrs and attrs["scope"] == "col":
            self._where, self._column, self._text = "head", attrs["data-column"], []
        elif tag == "tr" and "data-id" in attrs:
            self.rows.append({"id": attrs["data-id"], "cells": {}, "links": []})
        elif tag in ("td", "th") and self.rows and "data-column" in attrs:
            self._where, self._column, self._text = "cell", attrs["data-column"], []
        elif tag == "a" and self._where == "cell":
            self.rows[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._where:
            text = " ".join("".join(self._text).split())
            if self._where == "head":
                self.headers.append((self._column, text))
            else:
                label = dict(self.headers)[self._column]
                self.rows[-1]["cells"][label] = text
            self._where = None

    def handle_data(self, data):
        if self._where:
            self._text.append(data)


def read(html: str) -> TableReader:
    reader = TableReader()
    reader.feed(html)
    return reader


def test_memory_estimate_follows_the_stated_method():
    assert bf16_gb(7) == 7 * BF16_BYTES_PER_PARAM
    assert int4_gb(7) == pytest.approx(7 * INT4_BYTES_PER_PARAM * (1 + INT4_OVERHEAD))
    assert gb_text(bf16_gb(0.6)) == "≈ 1.2 GB"
    assert gb_text(None) == "unknown"


@pytest.mark.parametrize("billions, text", [(0.6, "0.6B"), (72, "72B"), (2400, "2.4T"), (1000, "1T"), (30.5, "30.5B")])
def test_sizes_read_as_people_say_them(billions, text):
    assert size_label(billions) == text


def test_rows_are_newest_first_and_cover_every_model(catalog):
    rows = finder_rows(catalog)
    assert sorted(r["id"] for r in rows) == sorted(catalog.models)
    keys = [catalog.models[r["id"]].released.sort_key for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_row_values_keep_the_qualifiers(catalog):
    rows = {r["id"]: r for r in finder_rows(catalog)}
    for model in catalog.models.values():
        row = rows[model.id]
        if model.is_moe and model.params_total_b and model.params_active_b:
            assert row["cells"]["size"].endswith(f"{size_label(model.params_active_b)} active"), model.id
        if model.context_native and model.context_max and model.context_max > model.context_native:
            assert "→" in row["cells"]["context"], model.id  # native → extended, never one number
        assert row["open"] is model.open_weights
        assert row["cells"]["weights"].startswith("Open" if model.open_weights else "API only")


def test_the_page_shows_the_newest_rows_with_values_under_their_headers(catalog):
    view = finder_view(catalog, "../")
    table = read(render("finder.html", **view))
    assert table.form_hidden is False  # visible from the first paint: no layout shift when the script starts
    assert [r["id"] for r in table.rows] == [r["id"] for r in finder_rows(catalog)][:FIRST_SCREEN_ROWS]
    labels = dict((c.key, c.label) for c in COLUMNS)
    for shown in table.rows:
        model = catalog.models[shown["id"]]
        row = next(r for r in finder_rows(catalog) if r["id"] == model.id)
        assert shown["cells"][labels["model"]] == model.name
        assert shown["cells"][labels["family"]] == catalog.families[model.family].name
        assert shown["cells"][labels["size"]] == row["cells"]["size"]
        assert shown["cells"][labels["context"]] == row["cells"]["context"]
        assert shown["cells"][labels["released"]] == model.released.display
        assert shown["links"] == [f"../models/{model.id}/"]


def test_filter_options_count_the_models_they_match(catalog):
    choices = finder_view(catalog, "")["choices"]
    for family_id, _name, count in choices["family"]:
        assert count == sum(1 for m in catalog.models.values() if m.family == family_id)
    for modality, _label, count in choices["input"]:
        assert count == sum(1 for m in catalog.models.values() if modality in m.modalities_in)


def test_built_finder_page_and_its_data_file_agree(built_site, catalog):
    data = json.loads((built_site / "assets/finder-data.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["rows"]] == [r["id"] for r in finder_rows(catalog)]
    page = (built_site / "finder/index.html").read_text(encoding="utf-8")
    table = read(page)
    assert len(table.rows) == FIRST_SCREEN_ROWS
    assert 'src="../assets/finder.js"' in page


def test_finder_script_loads_only_on_the_finder(built_site):
    carrying = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                      if "assets/finder.js" in p.read_text(encoding="utf-8"))
    assert carrying == ["finder/index.html"]


def test_a_whole_catalogue_table_hands_the_rest_to_the_finder(catalog):
    from macros.views.render_tables import render_models_table
    from macros.views.selection import finder_query

    assert finder_query(open_weights=False) == "weights=api"
    assert finder_query(modality="image", open_weights=True, max_params_b=10) == "weights=open&input=image&max=10"
    assert finder_query(architecture="moe") == "arch=moe"
    models = list(catalog.models.values())[:3]
    html = render_models_table(models, "../", None, (50, "../finder/?arch=moe"))
    assert 'the finder lists all 53' in html and 'href="../finder/?arch=moe"' in html
