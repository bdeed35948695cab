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


def test_every_name_a_reader_may_arrive_with_finds_its_page(built_site):
    """Hub ids, API names, official build repositories, community tags (names.json): each is in the search
    index under the page it leads to, so typing it into the site search lands there."""
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    names = json.loads((built_site / "api/v1/names.json").read_text(encoding="utf-8"))["names"]
    text: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        text[page] = f"{text.get(page, '')} {doc['title']} {doc['text']}".lower()
    kinds = {target["kind"] for target in names.values()}
    assert {"hf", "build-hf", "api"} <= kinds  # the check covers the kinds the issue names
    missing = [name for name, target in names.items() if name.lower() not in text.get(target["url"], "")]
    assert missing == []
