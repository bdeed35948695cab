"""Each kind of broken contribution fails `make check` and the build with one line naming file and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_build, run_check

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yaml"))


def _header(fixture: Path, key: str) -> str:
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(f"{fixture.name} has no '# {key}:' line")


def _plant(fixture: Path, project: Path) -> str:
    target = project / _header(fixture, "target")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    return _header(fixture, "expect")


def test_every_kind_of_breakage_has_a_fixture():
    kinds = {f.stem for f in FIXTURES}
    assert {"yaml-syntax", "schema-violation", "duplicate-id", "dangling-base-model", "dangling-paper-refs",
            "dangling-family-thread", "derived-before-base", "future-date", "unknown-id-in-page"} <= kinds


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_check_fails_naming_file_and_problem(fixture, project_copy):
    expected = _plant(fixture, project_copy)
    result = run_check(project_copy)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_build_fails_naming_file_and_problem(fixture, project_copy, tmp_path):
    expected = _plant(fixture, project_copy)
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_all_problems_are_reported_together(project_copy):
    for name in ("schema-violation", "dangling-paper-refs", "unknown-id-in-page"):
        fixture = next(f for f in FIXTURES if f.stem == name)
        _plant(fixture, project_copy)
    # Data and page problems are separate passes: data problems come first, all of them at once.
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "context_native: expected integer" in result.stderr
    assert "unknown model id 'qwen3.5-4bb'" in result.stderr
    assert "2 problems found" in result.stderr


def test_duplicate_key_in_one_entry_is_reported(project_copy):
    path = project_copy / "data" / "models" / "qwen3.5.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    released:", "    released: \"2026-01-01\"\n    released:", 1), encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "data/models/qwen3.5.yaml:" in result.stderr and "released: this key appears twice" in result.stderr


def test_unknown_field_gets_a_did_you_mean(project_copy):
    path = project_copy / "data" / "models" / "qwen3.5.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    context_native:", "    contxt_native: 1\n    context_native:", 1),
                    encoding="utf-8")
    result = run_check(project_copy)
    assert "unknown field 'contxt_native' (did you mean 'context_native'?)" in result.stderr


def test_a_macro_whose_filter_matches_nothing_fails_the_build_naming_the_page(project_copy, tmp_path):
    page = project_copy / "docs" / "families" / "qwen3.7.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ models_table(family="qwen3.7", open_weights=true) }}\n',
                    encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/families/qwen3.7.md: models_table: no models match this table's filter" in output
    assert "Traceback" not in output


def test_a_glossary_term_that_cannot_be_a_tooltip_is_refused(project_copy):
    path = project_copy / "data" / "glossary.yaml"
    entry = '  - id: bad-term\n    term: "MoE [v2]"\n    definition: A term with brackets.\n'
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "data/glossary.yaml:" in result.stderr and "bad-term: term:" in result.stderr


def test_a_control_character_in_text_is_refused_with_its_line(project_copy):
    path = project_copy / "data" / "models" / "qwen3.5.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: Qwen3.5-4B\n", '    name: "Qwen3.5-4B\\x1f"\n', 1), encoding="utf-8")
    result = run_check(project_copy)
    assert result.returncode == 1
    assert "qwen3.5-4b: name: contains the invisible control character U+001F" in result.stderr
