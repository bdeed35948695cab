"""How facts are written with their units and qualifiers (total vs active, native vs extended, unknown vs n/a)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from macros.views import formatting
from macros.views.render_tables import model_rows


@pytest.mark.parametrize("tokens, text", [(32768, "32K"), (262144, "256K"), (1048576, "1M"), (1010000, "1.01M"),
                                          (8000, "8K"), (1000000, "1M"), (1234, "1,234"), (2048, "2K")])
def test_tokens_read_the_way_model_cards_write_them(tokens, text):
    assert formatting.tokens_short(tokens) == text


@pytest.mark.parametrize("billions, text", [(7.61, "7.61B"), (480, "480B"), (0.5, "0.5B"), (30.5, "30.5B")])
def test_billions_without_trailing_zeros(billions, text):
    assert formatting.number_b(billions) == text


def test_sizes_and_contexts_keep_their_qualifiers(catalog):
    moe = catalog.models["qwen3-30b-a3b"]
    assert formatting.params_text(moe) == "30.5B total, 3.3B active"
    dense = catalog.models["qwen3-8b"]
    assert formatting.params_text(dense) == formatting.number_b(dense.params_total_b)
    assert formatting.params_text(dataclasses.replace(dense, params_total_b=None)) == "undisclosed"
    assert model_rows([dataclasses.replace(dense, params_total_b=None)])[0]["params"] is None  # printed "unknown"
    extended = dataclasses.replace(dense, context_native=32768, context_max=131072, context_extension="YaRN")
    assert formatting.is_extended(extended)
    assert formatting.context_text(extended) == "32K native, up to 128K extended"
    assert model_rows([extended])[0]["context_title"].endswith("extended by: YaRN")
    plain = dataclasses.replace(dense, context_native=32768, context_max=32768)
    assert not formatting.is_extended(plain) and formatting.context_text(plain) == "32K"
    unknown = dataclasses.replace(dense, context_native=None, context_max=None)
    assert formatting.context_text(unknown) == "unknown" and model_rows([unknown])[0]["context"] is None
    assert formatting.context_text(dataclasses.replace(dense, context_native=None, context_max=65536)) == \
        "up to 64K (native unknown)"
    assert model_rows([dense])[0]["weights"] == "open weights"
    assert model_rows([dataclasses.replace(dense, open_weights=False)])[0]["weights"] == "API only"
    assert model_rows([dataclasses.replace(dense, license=None)])[0]["licence"] is None


def test_the_models_table_prints_unknown_where_a_fact_is_missing(catalog):
    from macros.views.render_tables import render_models_table

    dense = catalog.models["qwen3-8b"]
    bare = dataclasses.replace(dense, params_total_b=None, context_native=None, context_max=None, license=None)
    cells = re.findall(r"<td>(.*?)</td>", render_models_table([bare], "../"), re.S)
    assert [("atlas-unknown" in c) for c in cells] == [False, False, True, True, False, False, True]
