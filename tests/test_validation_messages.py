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
  sources:
    site: https://example.org/demo
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
    sources:
      card: {source}
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
        "data/models/demo.yaml:11: demo-1b: variant: still TODO: replace it with one of base, instruct, thinking, "
        "hybrid-thinking, reward, prm, api, other, embedding, reranker, guard, framework (base = pretrained only; "
        "instruct = chat/instruction-tuned; thinking = reasoning-only; hybrid-thinking = switchable; reward/prm = "
        "reward models; api = served product; embedding/reranker = retrieval models; guard = safety classifier; "
        "framework = software, not a model; other)",
        "data/models/demo.yaml:15: demo-1b: context_native: still TODO: replace it with whole number or null "
        "(Tokens the model was trained to handle; null = unknown)",
        "data/models/demo.yaml:22: demo-1b: summary: still TODO: replace it with text",
        "data/models/demo.yaml:24: demo-1b: sources.card: still TODO: replace it with an https:// URL "
        "(The page on the primary host, never a mirror or proxy)",
    ]


def test_a_wrong_url_is_named_in_words_not_as_a_regex():
    assert _problems(source="ftp://example.org/a") == [
        "data/models/demo.yaml:24: demo-1b: sources.card: expected an https:// URL; got 'ftp://example.org/a'"]


def test_todo_means_the_word_not_any_substring():
    assert is_todo("TODO") and is_todo("TODO: fill") and is_todo("see TODO")
    assert not is_todo("TODOS") and not is_todo("todo list") and not is_todo(None) and not is_todo(4)


def test_common_newcomer_mistakes_get_a_how_to_write_it_hint():
    assert _problems(context="32K") == [
        "data/models/demo.yaml:15: demo-1b: context_native: expected integer or null, got '32K' "
        "(write the number of tokens as on the model card, e.g. 32768 for 32K)"]
    assert _problems(context="'4096'") == [
        "data/models/demo.yaml:15: demo-1b: context_native: expected integer or null, got '4096' "
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


# --- One fixture per validation rule (tests/fixtures/rules/) ------------------------------------------------
# Each fixture is a whole family file that breaks exactly one rule; `# expect:` is the one line `make check`
# prints for it, at the field's own line. Removing a rule from the validator makes its fixture fail.

import datetime as dt  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

from macros.data.catalog import build_catalog, cross_record_problems, read_data  # noqa: E402
from macros.data.loader import load_yaml_text as _load  # noqa: E402
from macros.data.records import Catalog, Family, Origin  # noqa: E402

RULES = Path(__file__).parent / "fixtures" / "rules"
RULE_FIXTURES = sorted(RULES.glob("[!_]*.yaml"))
TODAY = dt.date(2026, 12, 2)


def _expect(fixture: Path) -> str:
    return next(line.split(": ", 1)[1] for line in fixture.read_text(encoding="utf-8").splitlines()
                if line.startswith("# expect: "))


@pytest.fixture(scope="module")
def data_root(tmp_path_factory) -> Path:
    """The schema and the threads only: each rule is about the fixture itself, and this keeps the tests fast."""
    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(ROOT / "data" / "schema", root / "data" / "schema")
    for folder in ("models", "papers"):
        (root / "data" / folder).mkdir()
    shutil.copy(ROOT / "data" / "threads.yaml", root / "data" / "threads.yaml")
    return root


def _check(root: Path, files: dict[str, str]) -> list[str]:
    """Every problem `make check` would report for the data plus these files (path -> text)."""
    written = []
    for relative, text in files.items():
        target = root / relative
        target.write_text(text, encoding="utf-8")
        written.append(target)
    try:
        loaded, problems, unparsed = read_data(root)
        _, more = build_catalog(loaded, TODAY, unparsed)
        return [str(p) for p in problems + more]
    finally:
        for target in written:
            target.unlink()


def test_the_fixture_base_is_valid(data_root):
    assert _check(data_root, {"data/models/rulecheck.yaml": (RULES / "_base.yaml").read_text(encoding="utf-8")}) == []


def test_every_rule_has_a_fixture():
    assert {f.stem for f in RULE_FIXTURES} >= {
        "mirror-host", "quote-over-limit", "provenance-unknown-field", "provenance-field-not-allowed",
        "provenance-undeclared-source", "differs-undeclared-source", "malformed-build-repo", "build-without-repository",
        "builds-on-api-model", "unknown-lineage-target", "lineage-cycle", "base-relation-without-base",
        "name-claimed-twice", "unquoted-date", "http-url", "active-above-total", "max-context-below-native",
        "missing-context-extension", "open-weights-without-repository", "alias-equals-another-model-id",
        "impossible-date", "invalid-month-reported-once", "sources-as-list", "source-key-not-a-slug", "notes-too-long",
        "shared-build-that-names-a-model"}


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=[f.stem for f in RULE_FIXTURES])
def test_each_rule_is_one_line_at_the_fields_own_line(fixture, data_root):
    assert _check(data_root, {"data/models/rulecheck.yaml": fixture.read_text(encoding="utf-8")}) == [_expect(fixture)]


def test_a_family_without_models_is_refused():
    origin = Origin("data/models/empty.yaml", 2, {"id": 3})
    catalog = Catalog(families={"empty": Family("empty", "Empty", "language", "x", (), (), (), origin)})
    assert [str(p) for p in cross_record_problems(catalog, TODAY)] == [
        "data/models/empty.yaml:3: empty: models: a family needs at least one model"]


@pytest.mark.parametrize("where, line", [("checked", 'checked: 2026-12-02'), ("as_of", None)])
def test_unquoted_dates_are_refused_wherever_they_are(where, line, data_root):
    text = (RULES / "_base.yaml").read_text(encoding="utf-8")
    if where == "checked":
        text = text.replace('    checked: "2026-12-02"', "    checked: 2026-12-02")
        assert _check(data_root, {"data/models/rulecheck.yaml": text}) == [
            'data/models/rulecheck.yaml:44: rulecheck-7b: checked: expected a quoted date, got 2026-12-02 without '
            'quotes; write "2026-12-02" (unquoted, other YAML tools read it as a date object, not text)']
    else:
        text = text.replace("    api_names: [rulecheck-max]\n", "    api_names: [rulecheck-max]\n    community_names:\n"
                            "      - {hub: ollama, name: \"rc:max\", as_of: 2026-12-02, url: https://ollama.com/library/rc}\n")
        assert _check(data_root, {"data/models/rulecheck.yaml": text}) == [
            'data/models/rulecheck.yaml:65: rulecheck-max: community_names.0.as_of: expected a quoted date, got '
            '2026-12-02 without quotes; write "2026-12-02" (unquoted, other YAML tools read it as a date object, '
            'not text)']


def test_a_file_that_does_not_parse_causes_no_unknown_id_noise(data_root):
    text = (RULES / "_base.yaml").read_text(encoding="utf-8")
    text = text.replace("    name: Rulecheck-7B\n", "    name Rulecheck-7B\n")
    paper = ("papers:\n  - id: rulecheck-paper\n    title: About Rulecheck\n    kind: paper\n    date: \"2025-05-01\"\n"
             "    url: https://arxiv.org/abs/2505.09388\n    threads: [reasoning-rl]\n"
             "    models: [rulecheck-7b, rulecheck-max, rulecheck-8b]\n    summary: A paper.\n    confidence: medium\n"
             "    sources:\n      arxiv: https://arxiv.org/abs/2505.09388\n")
    assert _check(data_root, {"data/models/rulecheck.yaml": text, "data/papers/rulecheck.yaml": paper}) == [
        "data/models/rulecheck.yaml:25: YAML syntax error at column 5: a key without ':' after it (write key: value)",
        "data/papers/rulecheck.yaml:8: rulecheck-paper: models: unknown model id 'rulecheck-8b'",
        "data/models/rulecheck.yaml: 2 references to ids in data/models/rulecheck.yaml were not checked because it "
        "did not parse; fix its syntax error first"]


@pytest.mark.parametrize("mistake, old, new, line, words", [
    ("missing colon", "    variant: instruct\n", "    variant instruct\n", 26,
     "column 5: a key without ':' after it"),
    ("bad indentation", "    variant: instruct\n", "      variant: instruct\n", 26,
     "a key indented further than the keys around it"),
    ("unclosed quote", "    name: Rulecheck-7B\n", '    name: "Rulecheck-7B\n', 25,
     "a quote opened on this line is never closed"),
    ("unclosed quote at the end", '      docs: https://www.alibabacloud.com/help/en/model-studio/models\n',
     '      docs: "https://www.alibabacloud.com/help/en/model-studio/models\n', 65, "a quote that is never closed"),
    ("unclosed bracket", "    modalities_in: [text]\n    modalities_out: [text]\n    open_weights: true\n    license: "
     "Apache-2.0\n    hf_repo: Rulecheck/Rulecheck-7B\n",
     "    modalities_in: [text\n    modalities_out: [text]\n    open_weights: true\n    license: "
     "Apache-2.0\n    hf_repo: Rulecheck/Rulecheck-7B\n", 33, "a sequence opened here is never closed"),
])
def test_yaml_syntax_errors_are_reported_at_the_line_of_the_mistake(mistake, old, new, line, words):
    text = (RULES / "_base.yaml").read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    assert broken.splitlines()[line - 1] in new, mistake  # the line the contributor got wrong
    _, problems = _load(broken, "data/models/rulecheck.yaml")
    assert len(problems) == 1 and problems[0].line == line, (mistake, problems)
    assert words in str(problems[0])
