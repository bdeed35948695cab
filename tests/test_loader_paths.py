"""The loader reads clean files through libyaml's C parser and everything else through PyYAML's own parser,
whose messages name the line. Both must give the same values, lines, duplicate keys and plain dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data import loader

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))


def _shape(value):
    """The value with the lines it remembers, so two loads compare line for line."""
    if isinstance(value, dict):
        return ("map", value.line, sorted(value.key_lines.items()), [(k, _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", value.line, list(value.item_lines), [_shape(v) for v in value])
    return (type(value).__name__, value)


def _careful(text: str):
    reader = loader._AtlasLoader(text)
    try:
        return reader.get_single_data(), reader.duplicate_keys, reader.plain_scalar_lines
    finally:
        reader.dispose()


@pytest.mark.skipif(loader.CParser is None, reason="PyYAML without libyaml has one path only")
def test_the_fast_path_reads_every_clean_file_exactly_as_the_careful_one():
    fast_read = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        fast = loader._load_fast(text)
        if fast is None:
            continue  # a broken fixture: the careful loader reports it
        fast_read += 1
        data, duplicates, plain = _careful(text)
        assert _shape(fast[0]) == _shape(data), path
        assert fast[1] == duplicates and set(fast[2]) == set(plain), path
    assert fast_read >= len(list((ROOT / "data").rglob("*.yaml")))  # every real data file took the fast path


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "anchor &x is not allowed"),
    ("a: 1\nb: [1, 2\n", "YAML syntax error"),
    ("a: 1\na: 2\n", "this key appears twice"),
    ("released: 2025-01-02\n", None),
])
def test_refused_and_broken_text_gets_the_careful_loaders_message(text, message):
    data, problems = loader.load_yaml_text(text, "data/models/x.yaml")
    if message is None:  # a plain date loads as text, and its line is recorded for the validator
        assert data == {"released": "2025-01-02"} and data.plain_scalar_lines == {1}
    else:
        assert message in " ".join(p.message for p in problems)
