"""The site search index stays light (every page would pay for it) and still finds a model by name, id and size."""

from __future__ import annotations

import json

from macros.views.finder import size_label

INDEX_BUDGET = 400 * 1024  # today's catalogue; it grows with prose and models, never with tables or charts


def test_the_search_index_fits_its_budget(built_site):
    size = (built_site / "search/search_index.json").stat().st_size
    assert size <= INDEX_BUDGET, f"search index {size / 1024:.0f} KB > {INDEX_BUDGET // 1024} KB"


def test_every_model_is_found_by_name_id_and_size(built_site, catalog):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {d["location"]: d for d in docs}
    for model in catalog.models.values():
        entry = pages.get(f"models/{model.id}/")
        assert entry is not None, model.id
        assert entry["title"] == model.name
        assert model.id in entry["text"]
        if model.params_total_b is not None:
            assert size_label(model.params_total_b) in entry["text"], model.id


def test_generated_views_and_source_lists_are_not_indexed(built_site):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = " ".join(d["text"] for d in docs if d["location"].startswith("models/"))
    assert "read 2026" not in texts and "Source 1" not in texts  # provenance popovers stay out
    finder = [d for d in docs if d["location"].startswith("finder/")]
    assert all("Qwen3.8-27B" not in d["text"] for d in finder)  # the finder's rows are not indexed
