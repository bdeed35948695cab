"""YAML constructs and sizes that could exhaust memory are refused while parsing, with a line to fix."""

from __future__ import annotations

import pytest

from conftest import run_build, run_check
from macros.data.loader import MAX_SCALAR_CHARS, load_yaml_text

BOMB = "".join(
    [f"l0: &l0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12)]
)


@pytest.mark.parametrize("text, line, words", [
    (BOMB, 1, "anchor &l0"),
    ("a:\n  b: [1, 2]\n  c: *x\n", 3, "alias *x"),
    ("a:\n  - <<: *base\n", 2, "alias *base"),
    ("a: \"" + "x" * (MAX_SCALAR_CHARS + 1) + "\"\n", 1, "characters is longer"),
])
def test_refused_constructs_name_their_line(text, line, words):
    data, problems = load_yaml_text(text, "data/models/x.yaml")
    assert data is None
    assert [p.line for p in problems] == [line]
    assert words in problems[0].message


def test_an_alias_bomb_in_the_real_project_fails_check_and_build_fast(project_copy):
    papers = project_copy / "data/papers/origins.yaml"
    papers.write_text(BOMB + papers.read_text(encoding="utf-8"), encoding="utf-8")
    check = run_check(project_copy)
    assert check.returncode == 1
    assert "data/papers/origins.yaml:1: anchor &l0 is not allowed" in check.stderr
    assert "Traceback" not in check.stderr + check.stdout
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 1
    assert "data/papers/origins.yaml:1: anchor &l0 is not allowed" in build.stdout + build.stderr
    assert "Traceback" not in build.stderr
