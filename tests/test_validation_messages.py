"""Messages written for contributors: a TODO says what to write instead, patterns are named in words."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from macros.data.loader import LoadedFile, load_yaml_text
from macros.data.schema_check import is_todo, schema_problems

MODEL = """\
family:
  id: demo
  name: Demo
  kind: language
  summary: A family.
  sources: [https://example.org/demo]
models:
  - id: demo-1b
    name: Demo-1B
    variant: {variant}
    released: "2025-01"
    architecture: dense
    params_total_b: 1
    context_native: {context}
    context_max: 4096
    modalities_in: [text]
    modalities_out: [text]
    open_weights: true
    license: Apache-2.0
    hf_repo: Demo/Demo-1B
    summary: {summary}
    sources: [{source}]
"""


def _problems(**values) -> list[str]:
    fields = {"variant": "base", "context": "4096", "summary": "Fine.", "source": "https://example.org/a"} | values
    data, problems = load_yaml_text(MODEL.format(**fields), "data/models/demo.yaml")
    assert not problems
    return [str(p) for p in schema_problems(LoadedFile(Path("data/models/demo.yaml"), data), ROOT)]


def test_a_valid_entry_has_no_problems():
    assert _problems() == []


def test_each_todo_is_one_line_saying_what_to_write():
    assert _problems(variant="TODO", context="TODO", summary="\"TODO: say what it is\"", source="TODO") == [
        "data/models/demo.yaml:10: demo-1b: variant: still TODO: replace it with one of base, instruct, thinking, "
        "hybrid-thinking, reward, prm, api, other (base = pretrained only; instruct = chat/instruction-tuned; "
        "thinking = reasoning-only; hybrid-thinking = switchable; reward/prm = reward models; api = served "
        "product; other)",
        "data/models/demo.yaml:14: demo-1b: context_native: still TODO: replace it with whole number or null "
        "(Tokens the model was trained to handle; null = unknown)",
        "data/models/demo.yaml:21: demo-1b: summary: still TODO: replace it with text",
        "data/models/demo.yaml:22: demo-1b: sources.0: still TODO: replace it with an http(s) URL",
    ]


def test_a_wrong_url_is_named_in_words_not_as_a_regex():
    assert _problems(source="ftp://example.org/a") == [
        "data/models/demo.yaml:22: demo-1b: sources.0: expected an http(s) URL; got 'ftp://example.org/a'"]


def test_todo_means_the_word_not_any_substring():
    assert is_todo("TODO") and is_todo("TODO: fill") and is_todo("see TODO")
    assert not is_todo("TODOS") and not is_todo("todo list") and not is_todo(None) and not is_todo(4)


def test_common_newcomer_mistakes_get_a_how_to_write_it_hint():
    assert _problems(context="32K") == [
        "data/models/demo.yaml:14: demo-1b: context_native: expected integer or null, got '32K' "
        "(write the number of tokens as on the model card, e.g. 32768 for 32K)"]
    assert _problems(context="'4096'") == [
        "data/models/demo.yaml:14: demo-1b: context_native: expected integer or null, got '4096' "
        "(write a plain number without quotes, or null if unknown)"]
    text = MODEL.format(variant="base", context="4096", summary="x", source="https://example.org/a")
    text = text.replace("params_total_b: 1", "params_total_b: 4B")
    text = text.replace("modalities_in: [text]", "modalities_in: text")
    text = text.replace("open_weights: true", "open_weights: 'true'").replace("summary: x", "summary: 3.10")
    data, _ = load_yaml_text(text, "data/models/demo.yaml")
    messages = [p.message for p in schema_problems(LoadedFile(Path("data/models/demo.yaml"), data), ROOT)]
    assert messages == [
        "expected number or null, got '4B' (write billions as a plain number: 4)",
        "expected array, got 'text' (write a list, e.g. [text])",
        "expected boolean, got 'true' (write true or false, without quotes)",
        "expected string, got 3.1 (put it in quotes: unquoted, YAML reads it as a number and 3.10 becomes 3.1)",
    ]
