"""A JSON Schema node described in a contributor's words: used by the field reference and by the
validator's messages, so both always say the same thing about a field."""

from __future__ import annotations


def resolve(schema: dict, node: dict) -> dict:
    """Follow one local $ref ('#/$defs/name'); the schema has no deeper indirection."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = schema["$defs"][ref.rsplit("/", 1)[1]]
    local = {k: v for k, v in node.items() if k != "$ref"}  # a description beside the $ref wins
    return {**target, **local} if local else target


def pattern_names(schema: dict) -> dict[str, str]:
    """Name the patterns the schema reuses, so the table says 'lower-case slug' instead of a regex."""
    defs = schema["$defs"]
    return {
        defs["date"]["pattern"]: 'a date "YYYY-MM-DD" or "YYYY-MM" (a real month and day)',
        defs["slug"]["pattern"]: "lower-case slug: a-z, 0-9, '.', '-'",
        defs["url"]["pattern"]: "an https:// URL",
        defs["repo_id"]["pattern"]: "a repository id org/name (letters, digits, '_', '.', '-')",
        defs["source_key"]["pattern"]: "short lower-case keys: a-z, 0-9, '-'",
    }


def type_text(schema: dict, node: dict) -> str:
    node = resolve(schema, node)
    if "enum" in node:
        return "choice"
    types = node.get("type", [])
    types = types if isinstance(types, list) else [types]
    words = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
             "object": "mapping", "null": "null"}
    parts = []
    for kind in types:
        if kind == "array":
            parts.append("list of " + type_text(schema, node.get("items", {})))
        else:
            parts.append(words.get(kind, kind))
    return " or ".join(parts) or "any"


def allowed_text(schema: dict, node: dict) -> str:
    """Constraints in words: enum values, named patterns, bounds, non-empty, no repeats."""
    node = resolve(schema, node)
    rules = []
    if "enum" in node:
        rules.append(", ".join(f"`{v}`" for v in node["enum"]))
    if "pattern" in node:
        rules.append(pattern_names(schema).get(node["pattern"], f"matches `{node['pattern']}`"))
    if "exclusiveMinimum" in node:
        rules.append(f"greater than {node['exclusiveMinimum']}")
    if "minimum" in node:
        rules.append(f"at least {node['minimum']}")
    if node.get("minItems"):
        rules.append(f"at least {node['minItems']} item" + ("s" if node["minItems"] > 1 else ""))
    if node.get("minLength"):
        rules.append("not empty")
    if node.get("maxLength"):
        rules.append(f"at most {node['maxLength']:,} characters")
    if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
        inner = allowed_text(schema, node["additionalProperties"])
        if inner:
            rules.append("each value: " + inner)
    if node.get("uniqueItems"):
        rules.append("no repeats")
    if "items" in node:
        inner = allowed_text(schema, node["items"])
        if inner:
            rules.append("each item: " + inner)
    return "; ".join(rules)


def schema_at(schema: dict, steps: list) -> dict:
    """The schema node that governs the value at a JSON path (keys and list indexes) in a data file."""
    node = schema
    for step in steps:
        node = resolve(schema, node)
        if isinstance(step, int):
            node = node.get("items", {})
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        else:  # a mapping of free keys (sources): every value follows additionalProperties
            extra = node.get("additionalProperties")
            node = extra if isinstance(extra, dict) else {}
    return resolve(schema, node)


def what_to_write(schema: dict, node: dict) -> str:
    """'one of a, b, c' / 'a whole number or null', then the field's description: what a TODO must become."""
    node = resolve(schema, node)
    if "enum" in node:
        wanted = "one of " + ", ".join(str(v) for v in node["enum"])
    elif "pattern" in node and node["pattern"] in pattern_names(schema):
        wanted = pattern_names(schema)[node["pattern"]]
    else:
        wanted = type_text(schema, node)
    description = node.get("description", "").rstrip(".")
    return wanted + (f" ({description})" if description else "")
