"""The field reference is generated from the schema: every field of every record type, nothing invented."""

from __future__ import annotations

import copy
import html
import re

import pytest

from conftest import ROOT
from macros.contrib.render_field_reference import (
    RECORD_TYPES,
    load_schema,
    render_field_reference,
    render_record_fields,
)


@pytest.fixture(scope="module")
def schema():
    return load_schema(ROOT)


def _rows(table_html: str) -> dict[str, list[str]]:
    """field -> its cells as plain text."""
    rows = {}
    for row in re.findall(r"<tr><td>(.*?)</td></tr>", table_html):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in row.split("</td><td>")]
        rows[cells[0]] = cells
    return rows


def test_every_record_type_the_data_files_hold_has_a_section(schema):
    held = {prop.get("items", prop).get("$ref", "").rsplit("/", 1)[-1] for prop in schema["properties"].values()}
    assert held == {record_type for record_type, *_ in RECORD_TYPES}


@pytest.mark.parametrize("record_type", [r[0] for r in RECORD_TYPES])
def test_every_field_is_listed_with_its_requirement_and_allowed_values(schema, catalog, record_type):
    definition = schema["$defs"][record_type]
    table = dict(zip([r[0] for r in RECORD_TYPES], [r[3] for r in RECORD_TYPES], strict=True))[record_type]
    rows = _rows(render_record_fields(schema, record_type, getattr(catalog, table).values()))
    assert set(rows) == set(definition["properties"])
    for field, node in definition["properties"].items():
        cells = rows[field]
        assert cells[2] == ("required" if field in definition.get("required", []) else "optional")
        for value in node.get("enum", []):
            assert value in cells[3], f"{record_type}.{field} does not list {value!r}"
        if "description" in node:
            assert cells[4] == node["description"]


def test_examples_are_real_values_from_the_data(schema, catalog):
    rows = _rows(render_record_fields(schema, "model", catalog.models.values()))
    assert rows["variant"][5] in schema["$defs"]["model"]["properties"]["variant"]["enum"]
    assert rows["released"][5] == '"2025-07-22"'  # the schema's own example wins
    assert rows["context_native"][5].isdigit()


def test_a_field_added_to_the_schema_appears_without_touching_the_page(schema, catalog):
    changed = copy.deepcopy(schema)
    changed["$defs"]["model"]["properties"]["tokenizer"] = {
        "enum": ["qwen-bpe", "tiktoken"], "description": "Which <tokenizer> it uses."}
    rows = _rows(render_record_fields(changed, "model", catalog.models.values()))
    assert rows["tokenizer"][1:5] == ["choice", "optional", "qwen-bpe, tiktoken",
                                      "Which <tokenizer> it uses."]


def test_schema_text_is_escaped(schema, catalog):
    changed = copy.deepcopy(schema)
    changed["$defs"]["term"]["properties"]["term"]["description"] = "<script>x</script> {{ y }} | *z*"
    out = render_field_reference(changed, catalog)
    assert "<script>" not in out and "{{" not in out and "*z*" not in out


def test_the_built_page_carries_an_anchor_per_field(built_site, schema):
    page = html.unescape((built_site / "contributing" / "field-reference" / "index.html").read_text(encoding="utf-8"))
    for record_type, *_ in RECORD_TYPES:
        for field in schema["$defs"][record_type]["properties"]:
            assert f'id="{record_type}-{field}"' in page
