"""Check each data file against the JSON Schema and turn each error into a located Problem."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from jsonschema import Draft202012Validator

from .hosts import mirror_hint
from .loader import LoadedFile, LocatedDict, LocatedList
from .problems import Problem, did_you_mean
from .schema_words import pattern_names, schema_at, what_to_write

SCHEMA_FILE = Path("data") / "schema" / "atlas.schema.json"
DATE_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")  # = $defs.date.pattern (tested)

# Which top-level keys a file may hold, by where it lives. The schema says what each key holds.
FILE_KINDS = {
    "models": {"required": {"family", "models"}, "allowed": {"family", "models"}},
    "papers": {"required": {"papers"}, "allowed": {"papers"}},
    "claims": {"required": {"claims"}, "allowed": {"claims"}},
    "events.yaml": {"required": {"events"}, "allowed": {"events"}},
    "threads.yaml": {"required": {"threads"}, "allowed": {"threads"}},
    "ecosystem.yaml": {"required": {"ecosystem"}, "allowed": {"ecosystem"}},
    "glossary.yaml": {"required": {"glossary"}, "allowed": {"glossary"}},
}


def schema_validator(root: Path) -> Draft202012Validator:
    """The validator of the project's schema; read_data makes one per build and passes it to every file."""
    return Draft202012Validator(json.loads((root / SCHEMA_FILE).read_text(encoding="utf-8")))


def file_kind(path: Path) -> str | None:
    """'models', 'papers', 'claims', or the file name for single files; None when unexpected."""
    parts = path.parts  # ("data", "models", "qwen3.yaml")
    if len(parts) == 3 and parts[1] in ("models", "papers", "claims"):
        return parts[1]
    if len(parts) == 2 and parts[1] in FILE_KINDS:
        return parts[1]
    return None


def line_of(data: object, path: list) -> int:
    """The line of the deepest located value along a JSON path."""
    line = getattr(data, "line", 0)
    node = data
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


_TODO = re.compile(r"\bTODO\b")


def is_todo(value: object) -> bool:
    """A placeholder left by `make new-model` (or the template) that the contributor has not filled in yet."""
    return isinstance(value, str) and bool(_TODO.search(value))


def _todo_paths(node: object, steps: tuple = ()):
    """JSON paths of every TODO value, depth first, in file order."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _todo_paths(value, (*steps, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _todo_paths(value, (*steps, index))
    elif is_todo(node):
        yield list(steps)


def _describe(value: object) -> str:
    if value is None:
        return "null (empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (dict, list)):
        return "a " + ("mapping" if isinstance(value, dict) else "list")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_SIZE_WITH_UNIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KkMmBb])\s*$")


def _type_hint(expected: list[str], value: object) -> str:
    """How to write the value the way the schema wants it, for the mistakes newcomers make most."""
    if "array" in expected and not isinstance(value, list):
        return f" (write a list, e.g. [{value}])" if isinstance(value, str) else " (write a list, e.g. [text])"
    if isinstance(value, str) and ("integer" in expected or "number" in expected):
        match = _SIZE_WITH_UNIT.match(value)
        if match and match[2] in "Bb":
            return f" (write billions as a plain number: {match[1]})"
        if match:
            tokens = float(match[1]) * (1024 if match[2] in "Kk" else 1024 * 1024)
            return f" (write the number of tokens as on the model card, e.g. {int(tokens)} for {value.strip()})"
        return " (write a plain number without quotes, or null if unknown)"
    if "boolean" in expected and isinstance(value, str):
        return " (write true or false, without quotes)"
    if expected == ["string"] and isinstance(value, (int, float)) and not isinstance(value, bool):
        return " (put it in quotes: unquoted, YAML reads it as a number and 3.10 becomes 3.1)"
    return ""


def _control_characters(value, steps=()):
    """(path, character) for each text value holding a control character other than newline and tab.

    YAML's "\x1f" escapes let such characters into data, and feeds and front matter cannot carry them."""
    if isinstance(value, str):
        bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"), None)
        if bad:
            yield list(steps), bad
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _control_characters(item, (*steps, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(item, (*steps, index))


def _message(error, root_schema: dict) -> str:
    """Say what was expected and what was found, in a contributor's words."""
    kind, schema = error.validator, error.schema
    if kind == "required":
        missing = error.message.split("'")[1]
        return f"missing required field '{missing}'"
    if kind == "additionalProperties":  # one message per unknown key: see _unknown_keys
        allowed = sorted(schema.get("properties", {}))
        return f"unknown field; allowed fields: {', '.join(allowed)}"
    if kind == "type":
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        hint = _type_hint(expected, error.instance)
        return f"expected {' or '.join(expected)}, got {_describe(error.instance)}{hint}"
    if kind == "enum":
        options = ", ".join(str(o) for o in schema["enum"])
        hint = did_you_mean(error.instance, schema["enum"], 1)
        return f"expected one of {options}; got {_describe(error.instance)}{hint}"
    if kind == "pattern":
        wanted = (pattern_names(root_schema).get(schema["pattern"]) or schema.get("description")
                  or f"text matching {schema['pattern']}")
        hint = ""
        if isinstance(error.instance, str) and error.instance.startswith("http://"):
            hint = f" (use https://{error.instance.removeprefix('http://')})"
        return f"expected {wanted.rstrip('.')}; got {_describe(error.instance)}{hint}"
    if kind == "maxLength":
        hint = " (keep only the words that state the fact)" if schema.get("maxLength") == 200 else " (shorten it)"
        return (f"expected at most {schema['maxLength']} characters, got {len(error.instance)}{hint}")
    if kind == "propertyNames":
        return f"expected keys that are {pattern_names(root_schema)[SOURCE_KEY]}; got {_describe(error.instance)}"
    if kind in ("minItems", "minLength"):
        return f"must not be empty; got {_describe(error.instance)}"
    if kind in ("minimum", "exclusiveMinimum"):
        bound = f"above {schema[kind]}" if kind == "exclusiveMinimum" else f"of at least {schema[kind]}"
        return f"expected a number {bound}, got {_describe(error.instance)}"
    if kind == "uniqueItems":
        return f"lists the same item twice: {_describe(error.instance)}"
    if kind == "minProperties":
        return "the file has no content" if not error.absolute_path else "must not be empty"
    return error.message


SOURCE_KEY = "^[a-z0-9][a-z0-9-]*$"  # = $defs.source_key.pattern


def _unknown_keys(error, root_schema: dict):
    """(path, message) for each key the schema does not allow, at the key's own line."""
    allowed = sorted(error.schema.get("properties", {}))
    steps = list(error.absolute_path)
    record_kind = _record_kind(root_schema, steps)
    for key in error.instance:
        if key in allowed:
            continue
        if steps and steps[-1] == "provenance":
            fields = set(_properties(root_schema, record_kind))
            what = ("is a field that does not carry provenance" if key in fields
                    else f"is not a field of a {record_kind}{did_you_mean(key, allowed, 1)}")
            yield [*steps, key], (f"expected one of the fields that may carry provenance ({', '.join(allowed)}); "
                                  f"got '{key}', which {what}")
        else:
            hint = did_you_mean(key, allowed, 1)
            yield [*steps, key], f"unknown field '{key}'{hint}; allowed fields: {', '.join(allowed)}"


def _record_kind(root_schema: dict, steps: list) -> str:
    top = {"models": "model", "papers": "paper", "claims": "claim", "family": "family", "events": "event",
           "ecosystem": "ecosystem", "threads": "thread", "glossary": "term"}
    return top.get(steps[0], "record") if steps else "record"


def _properties(root_schema: dict, record_kind: str) -> dict:
    return root_schema["$defs"].get(record_kind, {}).get("properties", {})


def _url_values(node, steps=()):
    """(path, url) for every text value that is a URL, wherever it sits in the entry."""
    if isinstance(node, str):
        if node.startswith(("http://", "https://")):
            yield list(steps), node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _url_values(value, (*steps, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _url_values(value, (*steps, index))


def _plain_dates(data) -> list[tuple[list, str]]:
    """Dates written without quotes (the loader records which date-like values were plain)."""
    lines = getattr(data, "plain_scalar_lines", frozenset())
    if not lines:
        return []
    found = []

    def walk(node, steps):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and node.key_lines.get(key) in lines and DATE_PATTERN.match(value) \
                        and node.key_lines[key] not in claimed:
                    claimed.add(node.key_lines[key])
                    found.append(([*steps, key], value))
                walk(value, [*steps, key])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                line = node.item_lines[index]
                if isinstance(value, str) and line in lines and DATE_PATTERN.match(value) and line not in claimed:
                    claimed.add(line)
                    found.append(([*steps, index], value))
                walk(value, [*steps, index])

    claimed: set[int] = set()
    walk(data, [])
    return found


def schema_problems(loaded: LoadedFile, root: Path, validator: Draft202012Validator | None = None) -> list[Problem]:
    validator = validator or schema_validator(root)
    path = loaded.path.as_posix()
    kind = file_kind(loaded.path)
    if kind is None:
        return [Problem(path, 0, None, None,
                        "unexpected data file; models go in data/models/<family>.yaml, papers in data/papers/, "
                        "claims in data/claims/, and events.yaml, threads.yaml, ecosystem.yaml at the top of data/")]
    data = loaded.data
    if not isinstance(data, dict):
        return [Problem(path, getattr(data, "line", 1), None, None,
                        f"expected a mapping with keys {', '.join(sorted(FILE_KINDS[kind]['required']))}, "
                        f"got {_describe(data)}")]
    problems = []
    rule = FILE_KINDS[kind]
    for key in sorted(rule["required"] - set(data)):
        problems.append(Problem(path, data.line, None, None, f"missing top-level key '{key}'"))
    for key in sorted(set(data) - rule["allowed"]):
        if key in validator.schema["properties"]:
            problems.append(Problem(path, data.key_lines.get(key, 0), None, None,
                                    f"'{key}' does not belong in this file; "
                                    f"allowed here: {', '.join(sorted(rule['allowed']))}"))
    located = []
    for error in validator.iter_errors(data):
        if is_todo(error.instance):
            continue  # a TODO gets one message below, saying what to write instead
        if error.validator == "additionalProperties":
            located += _unknown_keys(error, validator.schema)
        elif error.validator == "type" and list(error.absolute_path)[-1:] == ["sources"] \
                and isinstance(error.instance, list):
            located.append((list(error.absolute_path),
                            "expected a mapping of short key to URL (card: https://..., blog: https://...), got a "
                            "list; run .venv/bin/python -m macros.data.migrate_sources on the file"))
        elif "propertyNames" in error.absolute_schema_path:  # a bad key: at the key's own line
            located.append(([*error.absolute_path, error.instance], _message(error, validator.schema)))
        else:
            located.append((list(error.absolute_path), _message(error, validator.schema)))
    for steps, url in _url_values(data):
        hint = mirror_hint(url)
        if hint:
            located.append((steps, hint))
    for steps, value in _plain_dates(data):
        located.append((steps, f'expected a quoted date, got {value} without quotes; write "{value}" '
                               "(unquoted, other YAML tools read it as a date object, not text)"))
    for steps in _todo_paths(data):
        wanted = what_to_write(validator.schema, schema_at(validator.schema, steps))
        located.append((steps, f"still TODO: replace it with {wanted}"))
    for steps, char in _control_characters(data):
        located.append((steps, f"contains the invisible control character U+{ord(char):04X}; delete it "
                               "(it usually arrives with text pasted from a PDF or a terminal)"))
    for steps, message in located:
        entry = None
        field_steps = steps
        if len(steps) >= 2 and isinstance(steps[1], int):
            record = data[steps[0]][steps[1]]
            named = isinstance(record, dict) and isinstance(record.get("id"), str) and not is_todo(record["id"])
            entry = record["id"] if named else f"{steps[0]}[{steps[1]}]"
            field_steps = steps[2:]
        elif steps and steps[0] == "family":
            record = data.get("family")
            entry = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else "family"
            field_steps = steps[1:]
        field = ".".join(str(s) for s in field_steps) or None
        problems.append(Problem(path, line_of(data, steps), entry, field, message))
    return problems
