"""The selection functions the macros call, tested directly: each filter keeps exactly the models it names."""

from __future__ import annotations

import pytest

from macros.views import selection


def test_lookups_return_records_and_unknown_ids_suggest_close_ones(catalog):
    assert selection.model(catalog, "qwen3-8b").name == "Qwen3-8B"
    assert selection.family(catalog, "qwen3").id == "qwen3"
    assert selection.thread(catalog, "long-context").id == "long-context"
    paper_id = next(iter(catalog.papers))
    assert selection.paper(catalog, paper_id).id == paper_id
    with pytest.raises(selection.UnknownReference, match="did you mean 'qwen3-8b'"):
        selection.model(catalog, "qwen3-8bb")
    with pytest.raises(selection.UnknownReference, match="known family ids are in data/"):
        selection.family(catalog, "zzzzzz")


def test_each_filter_keeps_exactly_what_it_names(catalog):
    everything = selection.select_models(catalog)
    assert {m.id for m in everything} == set(catalog.models)
    assert [m.id for m in selection.select_models(catalog, ids=["qwen3-8b", "qwen3-4b"])] == ["qwen3-8b", "qwen3-4b"]
    family = selection.select_models(catalog, family_id="qwen3")
    assert family and all(m.family == "qwen3" for m in family)
    assert len(family) == sum(1 for m in catalog.models.values() if m.family == "qwen3")
    api = selection.select_models(catalog, open_weights=False)
    assert api and all(not m.open_weights for m in api)
    assert len(api) == sum(1 for m in catalog.models.values() if not m.open_weights)
    moe = selection.select_models(catalog, architecture="moe")
    assert moe and all(m.is_moe for m in moe)
    small_vision = selection.select_models(catalog, modality="image", max_params_b=10)
    assert small_vision and all("image" in m.modalities_in and m.params_total_b < 10 for m in small_vision)
    assert all(m.params_total_b is not None for m in small_vision)  # unknown sizes are in no size range
    instruct = selection.select_models(catalog, family_id="qwen2.5", variant="instruct")
    assert instruct and all(m.variant == "instruct" for m in instruct)
    newest = selection.select_models(catalog, newest=5)
    keys = [m.released.sort_key for m in newest]
    assert len(newest) == 5 and keys == sorted(keys, reverse=True)
    assert keys[0] == max(m.released.sort_key for m in catalog.models.values())


def test_thread_selection_covers_its_families(catalog):
    chosen = selection.select_models(catalog, thread_id="agentic-coding")
    families = {f.id for f in catalog.families.values() if "agentic-coding" in f.threads}
    assert chosen and {m.family for m in chosen} >= families & {m.family for m in catalog.models.values()}


def test_a_whole_catalogue_table_keeps_its_newest_rows_and_says_how_to_see_the_rest(catalog):
    from tests.conftest import scaled_catalog

    models = scaled_catalog(catalog, 2).models_by_date()
    rows, left_out = selection.newest_slice(models, True, {"open_weights": False})
    assert len(rows) == selection.WHOLE_CATALOGUE_ROWS
    assert [m.released.sort_key for m in rows] == sorted((m.released.sort_key for m in models), reverse=True)[
        :selection.WHOLE_CATALOGUE_ROWS]
    assert left_out == (len(models) - selection.WHOLE_CATALOGUE_ROWS, "weights=api")
    assert selection.newest_slice(models, False, {}) == (models, None)  # a family or thread table is whole
    few = models[:selection.WHOLE_CATALOGUE_ROWS]
    assert selection.newest_slice(few, True, {}) == (few, None)
