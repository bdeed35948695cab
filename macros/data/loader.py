"""Read YAML files into plain Python values that remember the line each value came from.

PyYAML is YAML 1.1: it would silently turn an unquoted 2025-07-22 into a date and keep only the
last of two identical keys. Both hide contributor mistakes, so this loader keeps dates as text and
reports duplicate keys as problems.

Anchors and aliases (&a / *a) are refused before anything is built from them: a few lines of nested
aliases expand to gigabytes ("billion laughs"), and a fact copied by reference hides where it comes from.
Files and single values have size limits for the same reason: a message, never a MemoryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem


class LocatedDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict
    plain_scalar_lines: frozenset = frozenset()  # top-level document only: lines of unquoted date-like values


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
        self.plain_scalar_lines: set[int] = set()  # see record_plain_dates below

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
        record_plain_dates(self, event)
        return super().compose_node(parent, index)


# --- Hook for the schema owner (issue #12): unquoted dates. -------------------------------------------------
# The loader keeps every date as text, so `released: 2026-07-01` and `released: "2026-07-01"` load the same;
# the guide asks for quotes (other YAML tools turn the unquoted one into a date). The validator refuses the
# unquoted form, and needs to know which date-like scalars were plain: their lines land in
# `plain_scalar_lines`, published on the loaded document as `.plain_scalar_lines`.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$")


def record_plain_dates(loader: _AtlasLoader, event) -> None:
    # A plain scalar has no style: None from PyYAML's parser, "" from libyaml's.
    if isinstance(event, yaml.ScalarEvent) and not event.style and _DATE_LIKE.match(event.value):
        loader.plain_scalar_lines.add(event.start_mark.line + 1)
# -------------------------------------------------------------------------------------------------------------


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


try:  # libyaml's C parser, when PyYAML was built with it: the same events, about three times faster
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml: every file takes the pure-Python path
    CParser = None

if CParser is not None:
    class _FastAtlasLoader(CParser, _AtlasLoader):
        """_AtlasLoader's composer, checks and constructors on events from libyaml's C parser. Used only for
        files that load cleanly: any error is reported by _AtlasLoader, whose marks carry the line's text."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.duplicate_keys = []
            self.plain_scalar_lines = set()

        # CParser composes in C, skipping the alias and anchor refusal: compose with the Python composer.
        get_single_node = yaml.composer.Composer.get_single_node
        compose_document = yaml.composer.Composer.compose_document
        compose_node = _AtlasLoader.compose_node
        compose_scalar_node = yaml.composer.Composer.compose_scalar_node
        compose_sequence_node = yaml.composer.Composer.compose_sequence_node
        compose_mapping_node = yaml.composer.Composer.compose_mapping_node
        check_node = yaml.composer.Composer.check_node
        get_node = yaml.composer.Composer.get_node


def _load_fast(text: str):
    """(data, duplicate keys, plain date lines) through libyaml, or None when the pure-Python loader must
    read the file (no libyaml, or any error: its messages name the line and what is wrong)."""
    if CParser is None:
        return None
    loader = _FastAtlasLoader(text)
    try:
        return loader.get_single_data(), loader.duplicate_keys, loader.plain_scalar_lines
    except Exception:  # noqa: BLE001 - any trouble at all: the careful loader reads it again and reports it
        return None
    finally:
        loader.dispose()


@dataclass
class LoadedFile:
    path: Path  # relative to the project root, for messages and edit links
    data: object


def load_yaml_text(text: str, display_path: str) -> tuple[object, list[Problem]]:
    """Parse one document; a syntax error becomes a Problem with line and column."""
    fast = _load_fast(text)
    if fast is not None:
        data, duplicate_keys, plain_lines = fast
        return _loaded(data, duplicate_keys, plain_lines, display_path)
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
        return None, [_syntax_problem(error, display_path, text)]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 0, None, None, f"YAML error: {error}")]
    finally:
        loader.dispose()
    return _loaded(data, loader.duplicate_keys, loader.plain_scalar_lines, display_path)


def _loaded(data, duplicate_keys, plain_lines, display_path: str) -> tuple[object, list[Problem]]:
    problems = [Problem(display_path, line, None, key, "this key appears twice in the same entry; keep one")
                for key, line in duplicate_keys]
    if isinstance(data, LocatedDict):
        data.plain_scalar_lines = frozenset(plain_lines)  # hook: unquoted dates (see above)
    return data, problems


# --- Syntax errors at the line the mistake is on (schema owner, issue #12) -----------------------------------
# PyYAML notices some mistakes only on a later line: a key without ':' when it reaches the next line, an
# unclosed quote or bracket at the end of the file. Its context mark points at where the broken token
# started, which is the line the contributor has to fix.
_CONTEXT_FIRST = ("while scanning a simple key", "while scanning a quoted scalar", "while parsing a flow",
                  "while scanning a block scalar")
_PLAIN_WORDS = {
    "could not find expected ':'": "a key without ':' after it (write key: value)",
    "found unexpected end of stream": "a quote that is never closed",
}


_QUOTE_OPENS = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote_line(text: str, first: int, error_line: int) -> int | None:
    """The line whose value opens a quote that the mistake left open: its quote runs on to the next quote
    character, on the line where PyYAML finally complains. Lines are 0-based in, 1-based out."""
    lines = text.splitlines()
    for number in range(min(error_line, len(lines)) - 1, max(first, error_line - 60) - 1, -1):
        match = _QUOTE_OPENS.match(lines[number])
        if not match:
            continue
        quote, rest = match[1], match[2]
        same_line = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote in same_line:
            continue
        # Where does this quote close? It must be on the line PyYAML complained about.
        for later in range(number + 1, min(error_line + 1, len(lines))):
            body = lines[later]
            body = body.replace("\\\\", "").replace('\\"', "") if quote == '"' else body.replace("''", "")
            if quote in body:
                return number + 1 if later == error_line else None
        return None
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, display_path: str, text: str = "") -> Problem:
    context = error.context or ""
    if isinstance(error, yaml.parser.ParserError) and error.problem_mark and error.context_mark \
            and error.problem_mark.line > error.context_mark.line:
        line = _unclosed_quote_line(text, error.context_mark.line, error.problem_mark.line)
        if line:
            return Problem(display_path, line, None, None,
                           "YAML syntax error: a quote opened on this line is never closed; close it on the same "
                           "line (the next quote in the file ended it instead)")
    use_context = error.context_mark is not None and context.startswith(_CONTEXT_FIRST)
    mark = error.context_mark if use_context else (error.problem_mark or error.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    reason = error.problem or context or "invalid YAML"
    if use_context and context.startswith("while parsing a flow"):
        reason = f"a {context.removeprefix('while parsing a flow ')} opened here is never closed ({reason})"
    elif use_context:
        reason = _PLAIN_WORDS.get(reason, reason)
    elif reason == "mapping values are not allowed here":
        reason = ("a ': ' inside a value, or a key indented further than the keys around it "
                  "(quote a value that holds ': ', line keys up)")
    return Problem(display_path, line, None, None, f"YAML syntax error at column {column}: {reason}")
# -------------------------------------------------------------------------------------------------------------


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
