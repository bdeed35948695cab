"""Read YAML files into plain Python values that remember the line each value came from.

PyYAML is YAML 1.1: it would silently turn an unquoted 2025-07-22 into a date and keep only the
last of two identical keys. Both hide contributor mistakes, so this loader keeps dates as text and
reports duplicate keys as problems.

Anchors and aliases (&a / *a) are refused before anything is built from them: a few lines of nested
aliases expand to gigabytes ("billion laughs"), and a fact copied by reference hides where it comes from.
Files and single values have size limits for the same reason: a message, never a MemoryError.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem


class LocatedDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LocatedList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


MAX_FILE_BYTES = 512 * 1024  # the largest data file today is about 60 KB
MAX_SCALAR_CHARS = 8000  # the longest prose value today is under 1,500 characters


class RefusedYAML(yaml.MarkedYAMLError):
    """A construct the atlas does not accept, raised while composing, before any expansion."""


class _AtlasLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver, recording lines and duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int]] = []

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYAML(problem=f"alias *{event.anchor} is not allowed in data files; write the value out "
                                      "in full",
                              problem_mark=event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise RefusedYAML(problem=f"anchor &{event.anchor} is not allowed in data files; write each value out "
                                      "in full", problem_mark=event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
            raise RefusedYAML(problem=f"a value of {len(event.value):,} characters is longer than the "
                                      f"{MAX_SCALAR_CHARS:,} allowed; shorten it", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def _construct_mapping(loader: _AtlasLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            loader.duplicate_keys.append((str(key), key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _AtlasLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_AtlasLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_AtlasLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass
class LoadedFile:
    path: Path  # relative to the project root, for messages and edit links
    data: object


def load_yaml_text(text: str, display_path: str) -> tuple[object, list[Problem]]:
    """Parse one document; a syntax error becomes a Problem with line and column."""
    try:
        loader = _AtlasLoader(text)
    except yaml.reader.ReaderError as error:  # the reader refuses control characters before parsing
        line = text.count("\n", 0, error.position) + 1
        return None, [Problem(display_path, line, None, None,
                              f"character U+{error.character:04X} is not allowed in a YAML file; delete it")]
    try:
        data = loader.get_single_data()
    except RefusedYAML as error:
        return None, [Problem(display_path, error.problem_mark.line + 1, None, None, error.problem)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(display_path, line, None, None, f"YAML syntax error at column {column}: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 0, None, None, f"YAML error: {error}")]
    finally:
        loader.dispose()
    problems = [
        Problem(display_path, line, None, key, "this key appears twice in the same entry; keep one")
        for key, line in loader.duplicate_keys
    ]
    return data, problems


def load_yaml_file(path: Path, root: Path) -> tuple[LoadedFile | None, list[Problem]]:
    display = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(display, 0, None, None, f"the file has {size:,} bytes, more than the {MAX_FILE_BYTES:,} "
                                                      "allowed; split it into smaller files")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(display, 0, None, None, f"not valid UTF-8 text ({error.reason})")]
    data, problems = load_yaml_text(text, display)
    if data is None and not problems:
        problems = [Problem(display, 1, None, None, "the file is empty")]
    return (LoadedFile(Path(display), data) if data is not None else None), problems
