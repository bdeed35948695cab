"""How facts are written with their units and qualifiers (total vs active, native vs extended, unknown vs n/a)."""

from __future__ import annotations

import dataclasses

import pytest

from macros.views import formatting


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
    assert "unknown" in formatting.params_html(dataclasses.replace(dense, params_total_b=None))
    extended = dataclasses.replace(dense, context_native=32768, context_max=131072, context_extension="YaRN")
    assert formatting.is_extended(extended)
    assert formatting.context_text(extended) == "32K native, up to 128K extended"
    assert "extended by: YaRN" in formatting.context_html(extended)
    plain = dataclasses.replace(dense, context_native=32768, context_max=32768)
    assert not formatting.is_extended(plain) and formatting.context_text(plain) == "32K"
    unknown = dataclasses.replace(dense, context_native=None, context_max=None)
    assert formatting.context_text(unknown) == "unknown" and "unknown" in formatting.context_html(unknown)
    assert formatting.context_text(dataclasses.replace(dense, context_native=None, context_max=65536)) == \
        "up to 64K (native unknown)"
    assert formatting.weights_html(dense) == "open weights"
    assert formatting.weights_html(dataclasses.replace(dense, open_weights=False)) == "API only"
    assert formatting.license_html(dataclasses.replace(dense, license=None)) == formatting.UNKNOWN
