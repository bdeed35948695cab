"""The pieces around a pull request agree with each other: editor schema mapping, issue forms and the links
that prefill them, and the commands that workflows, hooks and guides tell people to run."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

from conftest import ROOT
from macros.data.catalog import data_files

SCHEMA = ROOT / "data" / "schema" / "atlas.schema.json"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_every_data_file_and_the_template_point_editors_at_the_schema():
    files = [*data_files(ROOT), *sorted((ROOT / "data").rglob("_*.yaml"))]
    wrong = []
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = MODELINE.match(first)
        expected = os.path.relpath(SCHEMA, path.parent)
        if not match or match[1] != expected or (path.parent / match[1]).resolve() != SCHEMA.resolve():
            wrong.append(f"{path.relative_to(ROOT)}: first line should be "
                         f"'# yaml-language-server: $schema={expected}', got {first!r}")
    assert not wrong, "\n".join(wrong)


def test_vscode_maps_data_files_to_the_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    (schema_path, globs), = settings["yaml.schemas"].items()
    assert (ROOT / schema_path).resolve() == SCHEMA.resolve()
    assert "data/**/*.yaml" in globs


def _form(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


def test_issue_forms_have_unique_field_ids_and_required_sources():
    for name in ("data-correction.yml", "new-model.yml", "bug.yml"):
        form = _form(name)
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
        assert form["name"] and form["description"]
    for name in ("data-correction.yml", "new-model.yml"):
        sources = next(item for item in _form(name)["body"] if item.get("id") == "sources")
        assert sources["validations"]["required"] is True


def test_report_a_problem_links_prefill_the_data_correction_form(catalog):
    from macros.views.render_model_page import SiteLinks

    model = next(iter(catalog.models.values()))
    url = urlparse(SiteLinks("https://qwenatlas.org/", "https://github.com/o/r").report_problem(model))
    query = parse_qs(url.query)
    assert url.path == "/o/r/issues/new"
    form = _form(query["template"][0])
    field_ids = {item["id"] for item in form["body"] if "id" in item}
    prefilled = set(query) - {"template", "title", "labels", "assignees"}
    assert prefilled and prefilled <= field_ids, f"{prefilled - field_ids} are not fields of the form"
    assert query["model"] == [model.id]


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


# `make x` in code spans, at the start of a line in code blocks, and in workflow `run:` / hook `entry:` values.
_COMMAND = re.compile(r"(?:`|^\s*|run: |entry: )make ([a-z][a-z-]*)", re.M)


def test_every_make_command_we_tell_people_to_run_exists():
    sources = [ROOT / "CONTRIBUTING.md", ROOT / "docs" / "contributing" / "add-a-model.md",
               ROOT / ".pre-commit-config.yaml", *sorted((ROOT / ".github").rglob("*.y*ml")),
               ROOT / ".github" / "pull_request_template.md"]
    named = {(path.relative_to(ROOT).as_posix(), target)
             for path in sources for target in _COMMAND.findall(path.read_text(encoding="utf-8"))}
    assert {target for _, target in named} >= {"check", "new-model", "serve", "build", "test", "lint"}
    missing = sorted(f"{path}: make {target}" for path, target in named if target not in _make_targets())
    assert not missing


def test_pull_requests_run_the_tests_and_main_publishes_the_strict_build():
    test = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    assert "pull_request" in test[True]
    assert any(step.get("run") == "make test" for step in test["jobs"]["test"]["steps"])
    assert publish[True]["push"]["branches"] == ["main"]
    build_steps = publish["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in build_steps)
    upload = next(step for step in build_steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages")
               for step in publish["jobs"]["deploy"]["steps"])


def test_the_template_is_skipped_by_the_loader_and_complete():
    template = ROOT / "data" / "models" / "_template.yaml"
    assert template not in data_files(ROOT)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = template.read_text(encoding="utf-8")
    # Every model field is shown, as a key or as a commented-out example, except aliases (rare).
    shown = set(re.findall(r"^\s*(?:- |# )?(\w+):", text, re.M))
    assert set(schema["$defs"]["model"]["properties"]) - shown == {"aliases"}
    assert Path(template).read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_edit_this_page_opens_the_pages_own_source_and_model_pages_have_none(built_site):
    # Read the two keys by line: mkdocs.yml may use tags that a plain YAML loader refuses.
    config = dict(re.findall(r"^(repo_url|edit_uri): (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
    base = f"{config['repo_url'].rstrip('/')}/{config['edit_uri']}"
    edit_link = re.compile(r'<a href="([^"]+)" title="Edit this page"')
    for source in ["index.md", "families/qwen3.5.md", "contributing/add-a-model.md", "about/data-model.md"]:
        page = built_site / source.removesuffix(".md").removesuffix("index") / "index.html"
        links = edit_link.findall(page.read_text(encoding="utf-8"))
        assert links == [base + source], source
        assert (ROOT / "docs" / links[0].removeprefix(base)).is_file()
    model_page = next((built_site / "models").glob("*/index.html")).read_text(encoding="utf-8")
    assert not edit_link.findall(model_page)  # generated: "Edit this data" points at the YAML instead
    assert "Edit this data" in model_page
