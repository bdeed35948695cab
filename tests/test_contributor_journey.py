"""A newcomer's whole path, in a throwaway copy of the project: scaffold a model, see `make check` explain
every TODO, fill them in, mention the model on its family page, build strictly, and find the model on every
page it should reach. Then the same newcomer makes a typo in a family id and gets the hint."""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_project, run_build, run_check

FAMILY = "qwen3.5"
BASE = "qwen3.5-4b-base"
NAME = "Qwen3.5-4B-Journey"
MODEL_ID = "qwen3.5-4b-journey"

SOURCE_URL = "https://example.org/qwen3.5-4b-journey"

# What a contributor would type over each TODO, by field.
FILLED = {
    "variant": "instruct",
    "released": '"2026-07"',
    "architecture": "dense",
    "params_total_b": "4",
    "context_native": "262144",
    "context_max": "262144",
    "modalities_in": "[text, image]",
    "modalities_out": "[text]",
    "open_weights": "true",
    "license": "Apache-2.0",
    "hf_repo": "Qwen/Qwen3.5-4B-Journey",
    "summary": "A model added by the contributor test.",
    "confidence": "low",
    "base_relation": "post-training",
    "checked": '"2026-12-02"',
    "card": SOURCE_URL,
}
SOURCE = "https://example.org/qwen3.5-4b-journey"


def scaffold(project: Path, *args: str) -> subprocess.CompletedProcess:
    """What `make new-model NAME=... FAMILY=... BASE=...` runs."""
    return subprocess.run([sys.executable, "-m", "macros.contrib.scaffold", *args], cwd=project,
                          capture_output=True, text=True, timeout=60)


def fill_todos(text: str, model_id: str) -> str:
    """Replace the TODOs of one entry, line by line, as a person editing the file would."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {model_id}")
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.lstrip().startswith("- id:"):
            break
        match = re.match(r"^(\s*)(\w+): (TODO|\[TODO\])(\s+#.*)?$", line.rstrip("\n"))
        if match:
            lines[index] = f"{match[1]}{match[2]}: {FILLED[match[2]]}\n"
        elif "quote: TODO}" in line:  # provenance: the source's own words
            lines[index] = line.replace("quote: TODO}", 'quote: "Words copied from the card."}')
        elif line.strip() == "- TODO":
            lines[index] = line.replace("TODO", SOURCE)
    return "".join(lines)


def test_a_newcomer_adds_a_model_with_one_command_and_one_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    data_file = project / "data" / "models" / f"{FAMILY}.yaml"
    before = data_file.read_text(encoding="utf-8")

    result = scaffold(project, "--name", NAME, "--family", FAMILY, "--base", BASE)
    assert result.returncode == 0, result.stderr
    assert f"docs/families/{FAMILY}.md" in result.stdout  # it says which page should mention the model
    after = data_file.read_text(encoding="utf-8")
    # Text insertion: one block added, every original line (comments included) kept as it was.
    changes = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    edits = [op for op in changes if op[0] != "equal"]
    assert [op[0] for op in edits] == ["insert"], edits
    added = after.splitlines()[edits[0][3]:edits[0][4]]
    assert added[0].strip() == f"- id: {MODEL_ID}"
    assert after.index(f"- id: {BASE}\n") < after.index(f"- id: {MODEL_ID}\n")

    # The unfilled entry fails the check with one line per TODO, each saying what to write.
    todo_count = sum("TODO" in line for line in added)
    result = run_check(project)
    assert result.returncode == 1
    todo_lines = [line for line in result.stderr.splitlines() if f": {MODEL_ID}: " in line and "still TODO" in line]
    assert len(todo_lines) == todo_count, result.stderr
    assert any(line.endswith("released: still TODO: replace it with a date \"YYYY-MM-DD\" or \"YYYY-MM\" (a real "
                             "month and day) (First public release of the weights or the API)") for line in todo_lines)
    assert any("sources.card: still TODO: replace it with an https:// URL" in line for line in todo_lines)
    assert f"{todo_count} problems found" in result.stderr

    # The one edit: fill the TODOs, then mention the model on its family page.
    data_file.write_text(fill_todos(after, MODEL_ID), encoding="utf-8")
    page = project / "docs" / "families" / f"{FAMILY}.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + f'\n\nThe journey test added {{{{ model_link("{MODEL_ID}") }}}} to this family.\n',
                    encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 0, result.stderr

    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    family_html = (site / "families" / FAMILY / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'The journey test added <a href="[./]*models/{re.escape(MODEL_ID)}/">{NAME}</a>', family_html)
    model_html = (site / "models" / MODEL_ID / "index.html").read_text(encoding="utf-8")
    assert "<h1" in model_html and NAME in model_html and "A model added by the contributor test." in model_html
    assert f"models/{MODEL_ID}/" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    api = json.loads((site / "api" / "v1" / "models.json").read_text(encoding="utf-8"))
    assert MODEL_ID in [model["id"] for model in api["models"]]


def test_a_typo_in_a_family_id_gets_a_did_you_mean(tmp_path):
    project = copy_project(tmp_path / "project")

    result = scaffold(project, "--name", NAME, "--family", "qwen35")
    assert result.returncode == 1
    assert "unknown family 'qwen35'" in result.stderr and "Did you mean 'qwen3.5'" in result.stderr
    assert not list((project / "data" / "models").glob("qwen35*"))  # nothing was written

    page = project / "docs" / "families" / f"{FAMILY}.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\nSee also {{ family_link("qwen35") }}.\n',
                    encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert re.search(rf"docs/families/{re.escape(FAMILY)}\.md:\d+: unknown family id 'qwen35' in family_link "
                     r"\(did you mean 'qwen3\.5'", result.stderr), result.stderr
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown family id 'qwen35'" in result.stdout + result.stderr
