"""The whole built site, read after hostile text went into the data: every value that reaches a template,
ours or the theme's (header, nav, search index, feeds, sitemaps, JSON-LD, redirects), arrives escaped.

One build holds every attack at once (a build per example would take minutes); each attack carries its own
marker, so a leak names the attack and the file it leaked into.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from macros.data.slugs import slugify

# Each payload would run script or add an attribute if printed raw. {n} makes every one traceable.
PAYLOADS = [
    "<script>alert('XSS{n}')</script>",
    '"><img src=x onerror=XSS{n}>',
    "<svg onload=XSS{n}>",
    "</title><script>XSS{n}</script>",
    "<a href=javascript:XSS{n}>x</a>",
    "]]><script>XSS{n}</script>",
]
# Raw markup that only an unescaped payload can produce.
LEAK = re.compile(r"<script>(?:alert\('XSS\d+'\)|XSS\d+)|<img src=x onerror=XSS\d+|<svg onload=XSS\d+"
                  r"|<a href=javascript:XSS\d+")


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar


def hostile_family(payloads: list[str]) -> str:
    models = []
    for n, payload in enumerate(payloads):
        name = f"Evil {payload} {n}"
        models.append(f"""
  - id: {slugify(name)}
    name: {_yaml(name)}
    variant: instruct
    released: "2025-0{1 + n % 9}-1{n % 10}"
    architecture: dense
    params_total_b: {n + 1}
    params_active_b: null
    context_native: 32768
    context_max: 32768
    modalities_in: [text]
    modalities_out: [text]
    open_weights: true
    license: {_yaml("Apache-2.0 " + payload)}
    hf_repo: Evil/evil-{n}
    attention: {_yaml(payload)}
    summary: {_yaml("Summary " + payload)}
    notes: {_yaml("Notes " + payload)}
    confidence: high
    sources:
      card: https://example.org/{n}
""")
    return f"""family:
  id: evil
  name: {_yaml("Evil " + payloads[0])}
  kind: language
  summary: {_yaml("Family summary " + " ".join(payloads))}
  threads: [reasoning-rl]
  sources:
    page: https://example.org/family
models:{''.join(models)}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    payloads = [p.format(n=n) for n, p in enumerate(PAYLOADS)]
    (project / "data/models/evil.yaml").write_text(hostile_family(payloads), encoding="utf-8")
    (project / "docs/families/evil.md").write_text(
        '# Evil\n\n{{ models_table(family="evil") }}\n\n{{ timeline(family="evil") }}\n', encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_no_payload_reaches_any_page_feed_or_index_as_markup(hostile_site):
    leaks = []
    for path in hostile_site.rglob("*"):
        if path.suffix not in {".html", ".xml", ".json", ".js", ".txt", ".svg", ".inv"} or not path.is_file():
            continue
        relative = path.relative_to(hostile_site).as_posix()
        # The API and the views' data files are data, not markup: names are kept exactly; consumers escape them
        # where they print them (our scripts only ever set textContent: see the next test).
        if relative.startswith("api/") or relative.endswith("-data.json"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{relative}: {m.group(0)}" for m in LEAK.finditer(text)]
    assert not leaks, "unescaped payloads:\n" + "\n".join(leaks[:20])


def test_the_theme_header_and_search_index_show_the_name_as_text(hostile_site):
    name = "Evil " + PAYLOADS[0].format(n=0) + " 0"
    page = (hostile_site / "models" / slugify(name) / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<div class="md-header__topic" data-md-component="header-topic">(.*?)</div>', page, re.S)
    assert header, "Material's header topic not found"
    assert "&lt;script&gt;alert(" in header.group(1)
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith(f"models/{slugify(name)}/")]
    assert titles and all("<script>" not in t for t in titles)


def test_the_api_keeps_the_names_exactly(hostile_site):
    name = "Evil " + PAYLOADS[1].format(n=1) + " 1"
    record = json.loads((hostile_site / "api/v1/models" / f"{slugify(name)}.json").read_text(encoding="utf-8"))
    assert record["model"]["name"] == name


def test_page_scripts_never_turn_data_into_markup():
    """The finder, compare, timeline and charts scripts place data with textContent and DOM nodes only."""
    scripts = sorted((Path(__file__).resolve().parent.parent / "docs" / "assets").glob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, f"{script.name} uses {sink}"
