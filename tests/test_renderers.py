"""Unit tests of the pure pieces: slugs, dates, formatting, escaping and each renderer."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

from macros.contrib.page_refs import refs_in_text
from macros.data.dates import PartialDate
from macros.data.records import Origin
from macros.data.slugs import slugify
from macros.views.escape import esc, page_root, site_path, url_attr
from macros.views.formatting import context_text, params_text, tokens_short
from macros.views.render_card import render_model_card
from macros.views.render_tables import MODEL_COLUMNS, render_models_table

HOSTILE = 'Evil | <script>alert(1)</script> {{ x }} {% if %} *bold* [link](http://x) "q" \'s` & \\'


class TagCollector(HTMLParser):
    """Collects start tags and text, to prove no markup came from data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.rows = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th") and self.rows:
            self.rows[-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


@pytest.mark.parametrize("name, slug", [
    ("Qwen3.5-35B-A3B", "qwen3.5-35b-a3b"),
    ("Qwen2.5-7B-Instruct-1M", "qwen2.5-7b-instruct-1m"),
    ("QwQ-32B-Preview", "qwq-32b-preview"),
    ("Qwen (1.0) 7B Chat", "qwen-1.0-7b-chat"),
    ("  Odd__Name!! ", "odd-name"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_partial_dates_keep_precision_and_order():
    month, day = PartialDate.parse("2025-07"), PartialDate.parse("2025-07-22")
    assert (month.precision, day.precision) == ("month", "day")
    assert month.display == "Jul 2025" and day.display == "22 Jul 2025"
    assert month.sort_key < day.sort_key
    assert not month.certainly_before(day) and not day.certainly_before(month)  # could be the same day
    assert PartialDate.parse("2025-06-30").certainly_before(month)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25-01-01", "2025/01/01", "July 2025"])
def test_impossible_dates_are_rejected(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize("tokens, short", [(32768, "32K"), (131072, "128K"), (262144, "256K"),
                                           (1048576, "1M"), (1010000, "1.01M"), (1000000, "1M"), (8000, "8K")])
def test_tokens_short(tokens, short):
    assert tokens_short(tokens) == short


def test_escape_neutralises_html_markdown_and_jinja():
    out = esc(HOSTILE)
    assert "<" not in out and ">" not in out and "|" not in out
    assert "{{" not in out and "{%" not in out and "*" not in out and "[" not in out
    assert parse(out).tags == []


def test_only_http_urls_become_links():
    assert url_attr("javascript:alert(1)") == "#invalid-url"
    assert url_attr('https://x.org/"onmouseover=1') == "https://x.org/&quot;onmouseover=1"


def test_relative_links_from_any_depth():
    assert page_root("") == ""
    assert page_root("families/qwen3/") == "../../"
    assert site_path("../", "models", "qwen3.5-4b") == "../models/qwen3.5-4b/"


def hostile(model):
    return dataclasses.replace(model, name=HOSTILE, license=HOSTILE, attention=HOSTILE, summary=HOSTILE,
                               context_extension=HOSTILE, hf_repo="Qwen/x" if model.open_weights else None,
                               sources=("javascript:alert(1)", "https://ok.example/" + HOSTILE))


def test_models_table_escapes_and_keeps_columns(catalog):
    models = [hostile(m) for m in catalog.models_in_family("qwen3.5")]
    html = render_models_table(models, "../", caption=HOSTILE)
    collected = parse(html)
    assert "script" not in collected.tags
    assert set(collected.rows) == {len(MODEL_COLUMNS)}
    assert len(collected.rows) == len(models) + 1  # header + one row per model
    assert HOSTILE.split("|")[0] in "".join(collected.text)


def test_models_table_refuses_to_be_empty():
    with pytest.raises(ValueError, match="no models match"):
        render_models_table([], "")


def test_model_card_shows_qualifiers(catalog):
    coder = catalog.models["qwen3-coder-480b-a35b-instruct"]
    html = render_model_card(coder, catalog, "../")
    assert "480B" in html and "35B" in html
    assert "256K" in html
    dense = next(m for m in catalog.models.values() if m.architecture == "dense")
    assert "dense: all parameters are active" in render_model_card(dense, catalog, "")


def test_model_card_escapes_everything(catalog):
    html = render_model_card(hostile(catalog.models["qwen3.5-4b"]), catalog, "")
    collected = parse(html)
    assert "script" not in collected.tags
    assert 'href="javascript' not in html


def test_params_and_context_text_name_their_qualifiers(catalog):
    moe = catalog.models["qwen3.5-35b-a3b"]
    assert params_text(moe) == "35B total, 3B active"
    extended = next(m for m in catalog.models.values()
                    if m.context_max and m.context_native and m.context_max > m.context_native)
    assert context_text(extended).startswith(f"{tokens_short(extended.context_native)} native, up to ")
    html = render_model_card(extended, catalog, "")
    assert esc(extended.context_extension) in html  # the method is a fact of its own on the card


def test_page_reference_scanner_finds_macros_and_links():
    text = 'x\n{{ model_card("a-1") }}\n{{ models_table(ids=["b", "c"], family="f") }}\n[l](../models/d-2/)\n' \
           '[ext](https://other.site/models/zzz/)\n{% raw %}{{ not_python ! }}{% endraw %}'
    refs = {(r.kind, r.id, r.line) for r in refs_in_text(text, "docs/x.md")}
    assert refs == {("model", "a-1", 2), ("model", "b", 3), ("model", "c", 3), ("family", "f", 3), ("model", "d-2", 4)}


def test_origin_is_recorded_for_edit_links(catalog):
    model = catalog.models["qwen3.5-4b"]
    assert model.origin == Origin("data/models/qwen3.5.yaml", model.origin.line) and model.origin.line > 1


def test_blank_lines_are_dropped_outside_pre_only():
    from macros.outputs.html_whitespace import drop_blank_lines

    html = "<nav>\n   \n\t\n<a>x</a>\n  \n</nav><pre>line 1\n\n   \nline 4</pre><textarea>a\n\nb</textarea>\n\n<p>y</p>"
    assert drop_blank_lines(html) == ("<nav>\n<a>x</a>\n</nav><pre>line 1\n\n   \nline 4</pre>"
                                      "<textarea>a\n\nb</textarea>\n<p>y</p>")
