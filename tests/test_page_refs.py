"""Ids named by hand-written pages are checked without a build, at the page's line; computed ids are refused."""

from __future__ import annotations

from conftest import run_check
from macros.contrib.page_refs import page_problems, refs_in_text


def test_refs_carry_their_line_and_macro():
    text = 'intro\n\n{{ model_link("qwen3-8b") }} and {{ models_table(family="qwen3") }}\n[x](../models/qwen3-4b.md)\n'
    refs = refs_in_text(text, "docs/x.md")
    assert [(r.line, r.kind, r.id, r.via) for r in refs] == [(3, "model", "qwen3-8b", "model_link"),
                                                              (3, "family", "qwen3", "models_table"),
                                                              (4, "model", "qwen3-4b", "link")]


def test_a_computed_id_is_refused_with_the_page_line(project_copy, catalog):
    page = project_copy / "docs/glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\n{% set size = "8b" %}\n{{ model_link("qwen3-" ~ size) }}\n',
                    encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    expected = (f'docs/glossary.md:{lines}: model_link: expected a quoted model id, e.g. model_link("qwen3-8b"), '
                "got the expression 'qwen3-' + size; `make check` can only verify ids written out")
    assert [str(p) for p in page_problems(project_copy, catalog)] == [expected]
    result = run_check(project_copy)
    assert result.returncode == 1 and expected in result.stderr


def test_an_id_from_an_id_macro_is_accepted(catalog, tmp_path):
    refs = refs_in_text("{{ models_table(family=current_generation_id()) }}", "docs/index.md")
    assert refs == []


def test_front_matter_that_is_not_yaml_is_refused_with_its_line(project_copy, catalog):
    page = project_copy / "docs/glossary.md"
    text = page.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    page.write_text('---\ndescription: Terms, checked: every one\n---\n' + body, encoding="utf-8")
    problems = [str(p) for p in page_problems(project_copy, catalog)]
    assert len(problems) == 1 and problems[0].startswith("docs/glossary.md:2: front matter: the front matter is not "
                                                          "valid YAML (mapping values are not allowed here)")
