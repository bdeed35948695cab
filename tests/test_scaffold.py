"""`make new-model`: where the entry goes, that the rest of the file is untouched, and what it refuses."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from conftest import copy_project, run_check
from macros.contrib.scaffold import ScaffoldError, insert_after_index, main, scaffold, size_from_name
from macros.data.loader import load_yaml_text

# A small family file in the house style, with comments and a section header that must survive.
FAMILY_FILE = """\
# yaml-language-server: $schema=../schema/atlas.schema.json
family:
  id: demo
  name: Demo
  kind: language
  summary: "A family for tests."  # kept as written
  sources:
    site: https://example.org/demo
models:
  # ---- small ----
  - id: demo-1b
    name: Demo-1B
    params_total_b: 1
  - id: demo-1b-chat
    name: Demo-1B-Chat
    params_total_b: 1
    base_model: demo-1b
  # ---- large ----
  - id: demo-8b
    name: Demo-8B
    params_total_b: 8
    aliases: [demo-8b-old]

  - id: demo-32b
    name: Demo-32B
    params_total_b: 32
"""


@pytest.fixture
def demo(tmp_path) -> Path:
    (tmp_path / "data" / "models").mkdir(parents=True)
    (tmp_path / "data" / "models" / "demo.yaml").write_text(FAMILY_FILE, encoding="utf-8")
    (tmp_path / "data" / "models" / "other.yaml").write_text(
        "family:\n  id: other\nmodels:\n- id: other-7b\n  name: Other-7B\n", encoding="utf-8")
    (tmp_path / "docs" / "families").mkdir(parents=True)
    (tmp_path / "docs" / "families" / "demo.md").write_text('# Demo\n\n{{ models_table(family="demo") }}\n',
                                                             encoding="utf-8")
    return tmp_path


def _ids(root: Path, family: str = "demo") -> list[str]:
    data, _ = load_yaml_text((root / "data" / "models" / f"{family}.yaml").read_text(encoding="utf-8"), "x")
    return [m["id"] for m in data["models"]]


def _only_insertion(before: str, after: str) -> list[str]:
    ops = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    edits = [op for op in ops if op[0] != "equal"]
    assert [op[0] for op in edits] == ["insert"], edits
    return after.splitlines()[edits[0][3]:edits[0][4]]


@pytest.mark.parametrize(("name", "size"), [
    ("Qwen3.5-4B", 4), ("Qwen3.5-0.8B-Base", 0.8), ("Qwen3.5-35B-A3B", 35), ("Qwen1.5-MoE-A2.7B", None),
    ("Qwen2.5-VL-72B-Instruct", 72), ("Qwen3.5-Plus", None), ("QwQ-32B", 32),
])
def test_size_is_read_from_the_name_but_not_from_the_active_count(name, size):
    assert size_from_name(name) == size


def test_entry_goes_after_its_base_and_the_models_already_derived_from_it(demo):
    before = (demo / "data" / "models" / "demo.yaml").read_text(encoding="utf-8")
    result = scaffold(demo, "Demo-1B-Instruct", "demo", "demo-1b")
    assert _ids(demo) == ["demo-1b", "demo-1b-chat", "demo-1b-instruct", "demo-8b", "demo-32b"]
    added = _only_insertion(before, (demo / "data" / "models" / "demo.yaml").read_text(encoding="utf-8"))
    assert added[0] == "  - id: demo-1b-instruct" and "    base_model: demo-1b" in added
    # It lands before the "# ---- large ----" header that belongs to the next entry.
    assert result.line == before.splitlines().index("  # ---- large ----") + 1


@pytest.mark.parametrize(("name", "expected"), [
    ("Demo-4B", ["demo-1b", "demo-1b-chat", "demo-4b", "demo-8b", "demo-32b"]),
    ("Demo-0.5B", ["demo-0.5b", "demo-1b", "demo-1b-chat", "demo-8b", "demo-32b"]),
    ("Demo-70B", ["demo-1b", "demo-1b-chat", "demo-8b", "demo-32b", "demo-70b"]),
    ("Demo-Max", ["demo-1b", "demo-1b-chat", "demo-8b", "demo-32b", "demo-max"]),  # no size: at the end
])
def test_without_a_base_the_entry_goes_in_size_order(demo, name, expected):
    before = (demo / "data" / "models" / "demo.yaml").read_text(encoding="utf-8")
    scaffold(demo, name, "demo")
    assert _ids(demo) == expected
    _only_insertion(before, (demo / "data" / "models" / "demo.yaml").read_text(encoding="utf-8"))


def test_descending_files_stay_descending():
    data, _ = load_yaml_text("models:\n- {id: a, params_total_b: 72}\n- {id: b, params_total_b: 7}\n"
                             "- {id: c, params_total_b: 1}\n", "x")
    assert insert_after_index(data["models"], None, 14) == 0
    assert insert_after_index(data["models"], None, 100) == -1


def test_entry_matches_the_files_own_list_indentation(demo):
    scaffold(demo, "Other-14B", "other")
    text = (demo / "data" / "models" / "other.yaml").read_text(encoding="utf-8")
    assert "\n- id: other-14b\n  name: Other-14B\n" in text
    assert _ids(demo, "other") == ["other-7b", "other-14b"]


@pytest.mark.parametrize(("name", "family", "base", "message"), [
    ("Demo-8B", "demo", None, "'demo-8b' already exists at data/models/demo.yaml:19: edit that entry instead"),
    ("Demo 8B Old", "demo", None, "'demo-8b-old' already exists at data/models/demo.yaml:19"),  # an alias
    ("Other-7B", "demo", None, "'other-7b' already exists at data/models/other.yaml:4"),  # any family
    ("Demo-2B", "dmeo", None, "unknown family 'dmeo': there is no data/models/dmeo.yaml. Did you mean 'demo'?"),
    ("Demo-2B", "", None, "FAMILY is empty: give the family id (probably FAMILY=demo for Demo-2B)"),
    ("  ", "demo", None, "NAME is empty"),
    ("Demo-2B-Chat", "demo", "demo-2b", "unknown base model 'demo-2b'. Did you mean"),
])
def test_refusals_say_why_and_write_nothing(demo, name, family, base, message):
    before = {p: p.read_text(encoding="utf-8") for p in (demo / "data" / "models").glob("*.yaml")}
    with pytest.raises(ScaffoldError, match="^" + re.escape(message)):
        scaffold(demo, name, family, base)
    assert before == {p: p.read_text(encoding="utf-8") for p in (demo / "data" / "models").glob("*.yaml")}


def test_the_family_may_be_given_by_its_display_name(demo):
    assert scaffold(demo, "Demo-2B", "Demo").path == Path("data/models/demo.yaml")


def test_command_names_the_page_that_should_mention_the_model(demo, capsys):
    assert main(["--name", "Demo-2B", "--family", "demo"], root=demo) == 0
    out = capsys.readouterr().out
    assert "Added 'demo-2b' at data/models/demo.yaml:" in out
    assert "docs/families/demo.md lists it automatically in its models table" in out
    assert '{{ model_link("demo-2b") }}' in out
    assert main(["--name", "Demo-2B", "--family", "demo"], root=demo) == 1
    assert "new-model: 'demo-2b' already exists" in capsys.readouterr().err


def test_every_todo_in_a_scaffolded_entry_is_explained_by_the_check(tmp_path):
    """Each TODO is one problem line naming the field and what to write; nothing else is reported."""
    project = copy_project(tmp_path / "project")
    scaffold(project, "Qwen3.5-4B-Scaffolded", "qwen3.5")
    result = run_check(project)
    lines = result.stderr.splitlines()[:-1]
    assert lines and all(": qwen3.5-4b-scaffolded: " in line and ": still TODO: replace it with " in line
                         for line in lines), result.stderr
    fields = {line.split(": ")[2] for line in lines}
    assert fields == {"variant", "released", "architecture", "params_total_b", "context_native", "context_max",
                      "modalities_in.0", "modalities_out.0", "open_weights", "license", "hf_repo", "summary",
                      "confidence", "checked", "sources.card", "provenance.released.quote",
                      "provenance.params_total_b.quote", "provenance.context_native.quote",
                      "provenance.context_max.quote", "provenance.license.quote"}
    assert any(line.endswith("architecture: still TODO: replace it with one of dense, moe, unknown "
                             "(unknown for undisclosed API models; moe with null sizes when a primary source says "
                             "MoE without sizes)") for line in lines)
