"""The field reference: every field of every record type, read from the JSON Schema so it never drifts.

Examples come from the schema's own `examples` when it has them, otherwise from the first real record
that fills the field, so a contributor sees a value that already passes the checks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..data.dates import PartialDate
from ..data.records import Catalog
from ..data.schema_check import FILE_KINDS, SCHEMA_FILE
from ..data.schema_words import allowed_text, resolve, type_text
from ..views.escape import esc

# Record types in the order a contributor meets them, with the top-level key that holds them,
# the files they live in and the Catalog table that holds real examples.
RECORD_TYPES = (
    ("family", "family", "data/models/<family>.yaml (one per file)", "families"),
    ("model", "models", "data/models/<family>.yaml", "models"),
    ("paper", "papers", "data/papers/*.yaml", "papers"),
    ("event", "events", "data/events.yaml", "events"),
    ("thread", "threads", "data/threads.yaml", "threads"),
    ("ecosystem", "ecosystem", "data/ecosystem.yaml", "ecosystem"),
    ("claim", "claims", "data/claims/*.yaml", "claims"),
    ("term", "glossary", "data/glossary.yaml", "glossary"),
)

# Structures nested inside records, each with its own table (the names are $defs of the schema).
NESTED_TYPES = (
    ("fact", "Provenance entry", "each value of a model's, paper's or claim's <code>provenance:</code>, keyed by "
                                 "the field it is about"),
    ("alternative", "Differing value", "each item of a provenance entry's <code>differs:</code>"),
    ("build", "Build", "each item of a model's <code>builds:</code>"),
    ("community_name", "Community name", "each item of a model's <code>community_names:</code>"),
)

_DATE_LIKE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

COLUMNS = ("Field", "Type", "Required", "Allowed values", "Description", "Example")


def load_schema(root: Path) -> dict:
    return json.loads((root / SCHEMA_FILE).read_text(encoding="utf-8"))


def _yaml_value(value: object) -> str:
    """A value as a contributor would type it in the YAML file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PartialDate):
        return f'"{value.iso}"'
    if isinstance(value, (list, tuple)):
        shown = [_yaml_value(v) for v in value[:1]] + (["..."] if len(value) > 1 else [])
        return "[" + ", ".join(shown) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and len(value) > 48:
        return value[:45].rstrip() + "..."
    if isinstance(value, str) and _DATE_LIKE.match(value):
        return f'"{value}"'  # the house rule: dates are quoted text
    return str(value)


def _example(node: dict, field: str, records) -> str | None:
    examples = node.get("examples")
    if examples:
        return _yaml_value(examples[0])
    for record in records:
        if field == "sources" and getattr(record, "source_map", None):
            key, url = next(iter(record.source_map.items()))
            return "{" + f"{key}: {_yaml_value(url)}" + (", ...}" if len(record.source_map) > 1 else "}")
        if field == "provenance":
            provenance = getattr(record, "provenance", None)
            if provenance:
                name, fact = next(iter(provenance.items()))
                return "{" + f"{name}: {{source: {fact.source_key}, quote: \"{_yaml_value(fact.quote)}\"}}" + "}"
            continue
        value = getattr(record, field, None)
        if field in ("builds", "community_names") and value:
            return None  # nested records: see their own tables
        if value not in (None, (), [], ""):
            return _yaml_value(value)
    return None


def _cell(text: str) -> str:
    """Escaped text in which `code spans` become <code>, since the table is HTML, not Markdown."""
    pieces = esc(text).split("&#96;")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def render_record_fields(schema: dict, record_type: str, records) -> str:
    """One HTML table: a row per field of `record_type`, required fields first, then in schema order."""
    definition = schema["$defs"][record_type]
    required = definition.get("required", [])
    in_schema_order = list(definition["properties"])
    fields = [f for f in required if f in in_schema_order] + [f for f in in_schema_order if f not in required]
    rows = []
    for field in fields:
        node = definition["properties"][field]
        resolved = resolve(schema, node)
        example = _example(resolved, field, records)
        cells = [
            f'<code id="{esc(record_type)}-{esc(field)}">{esc(field)}</code>',
            esc(type_text(schema, node)),
            "required" if field in required else "optional",
            _cell(allowed_text(schema, node)) or "—",
            _cell(resolved.get("description", "")) or "—",
            f"<code>{esc(example)}</code>" if example is not None else "—",
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in COLUMNS)
    return (f'\n\n<div class="atlas-table-wrap"><table class="atlas-table atlas-fields">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n\n")


def render_field_reference(schema: dict, catalog: Catalog) -> str:
    """A section per record type: where it lives, then its field table."""
    sections = []
    for record_type, key, where, table in RECORD_TYPES:
        top = schema["properties"][key]
        description = top.get("description") or resolve(schema, top).get("description", "")
        sections.append(f"## {record_type.capitalize()} {{ #{record_type} }}\n\n"
                        f"Under the top-level key <code>{esc(key)}:</code> in <code>{esc(where)}</code>. "
                        f"{_cell(description)}"
                        + render_record_fields(schema, record_type, getattr(catalog, table).values()))
    for definition, title, where in NESTED_TYPES:
        sections.append(f"## {title} {{ #{definition.replace('_', '-')} }}\n\n"
                        f"The fields of {where}. {_cell(schema['$defs'][definition].get('description', ''))}"
                        + render_record_fields(schema, definition, ()))
    return "\n".join(sections)


def render_file_layout() -> str:
    """Which top-level keys each data file holds, from the rules the validator applies."""
    rows = []
    for place, rule in FILE_KINDS.items():
        where = f"data/{place}/*.yaml" if "." not in place else f"data/{place}"
        keys = ", ".join(f"<code>{esc(k)}:</code>" for k in sorted(rule["required"]))
        rows.append(f"<tr><td><code>{esc(where)}</code></td><td>{keys}</td></tr>")
    return ('\n\n<div class="atlas-table-wrap"><table class="atlas-table atlas-file-layout"><thead><tr>'
            '<th scope="col">File</th><th scope="col">Top-level keys (all required)</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n\n")
