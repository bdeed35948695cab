"""The real data and the real pages: everything validates, every reference resolves, nothing is lost."""

from __future__ import annotations

import html
import json
import re

from conftest import ROOT
from macros.contrib.page_refs import page_problems, page_refs
from macros.outputs.api_export import model_record, paper_record
from macros.views.escape import esc


def test_real_data_has_no_problems(catalog):
    # load_catalog raises on any problem, so reaching here means the data validated; the counts
    # guard against a loader that silently skips files.
    yaml_models = sum(len(re.findall(r"^\s*- id: ", p.read_text(encoding="utf-8"), re.M))
                      for p in (ROOT / "data" / "models").glob("[!_]*.yaml"))
    assert len(catalog.models) == yaml_models


def test_every_open_weights_model_says_which_official_builds_exist(catalog):
    # `builds` absent means nobody checked; a list (or [] for "none published") means someone read the
    # collection or README. A model page that says "not recorded yet" is a gap in the catalogue.
    unchecked = [f"{m.origin.path}:{m.origin.line}: {m.id}" for m in catalog.models.values()
                 if m.open_weights and m.builds is None]
    assert not unchecked, ("open-weight models must list their official builds, or `builds: []` when the "
                           "collection shows none:\n" + "\n".join(unchecked))


def test_most_open_weights_models_carry_their_modelscope_id(catalog):
    open_models = [m for m in catalog.models.values() if m.open_weights]
    with_id = [m for m in open_models if m.modelscope_repo]
    assert len(with_id) >= 0.9 * len(open_models), f"{len(with_id)} of {len(open_models)} carry a ModelScope id"


def test_every_model_a_page_references_exists(catalog):
    refs = page_refs(ROOT)
    assert any(r.kind == "model" for r in refs), "the scanner found no model references at all"
    problems = page_problems(ROOT, catalog)
    assert not problems, "\n".join(str(p) for p in problems)


def test_every_family_has_a_page_and_every_thread_page_exists(catalog):
    for family in catalog.families.values():
        assert (ROOT / "docs" / "families" / f"{family.id}.md").is_file(), f"docs/families/{family.id}.md is missing"
    for thread in catalog.threads.values():
        assert (ROOT / "docs" / thread.page).is_file()


def test_no_leftover_template_syntax_in_built_pages(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "Macro Rendering Error"):
            assert marker not in html, f"{page.relative_to(built_site)} contains {marker!r}"


def _page(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def test_every_record_is_shown_on_a_page(catalog, built_site):
    for model in catalog.models.values():
        html = _page(built_site, f"models/{model.id}")
        assert "<h1" in html and esc(model.sources[0]) in html
        family_page = _page(built_site, f"families/{model.family}")
        assert f'models/{model.id}/"' in family_page, f"{model.id} is not on its family page"
    papers = _page(built_site, "papers")
    for paper in catalog.papers.values():
        assert f'id="{paper.id}"' in papers, f"paper {paper.id} is not on the papers page"
    timeline = _page(built_site, "timeline")
    for event in catalog.events.values():
        assert event.date.iso in timeline and event.title.split()[0] in timeline
    ecosystem = _page(built_site, "threads/ecosystem-deployment")
    for entry in catalog.ecosystem.values():
        assert f'id="eco-{entry.id}"' in ecosystem, f"ecosystem entry {entry.id} is not shown"
    claims = _page(built_site, "fact-check")
    for claim in catalog.claims.values():
        assert f'id="claim-{claim.id}"' in claims, f"claim {claim.id} is not shown"
    glossary = _page(built_site, "glossary")
    for term in catalog.glossary.values():
        assert f'id="{term.id}"' in glossary


def test_models_json_equals_validated_data(catalog, built_site):
    document = json.loads((built_site / "api" / "v1" / "models.json").read_text(encoding="utf-8"))
    assert document["count"] == len(catalog.models) == len(document["models"])
    assert document["schema_version"] and document["generated_at"]
    expected = {m.id: model_record(m) for m in catalog.models.values()}
    assert {m["id"]: m for m in document["models"]} == expected
    for record in document["models"]:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", record["release_date"])
        assert record["params_total_b"] is None or isinstance(record["params_total_b"], (int, float))
        assert record["architecture"] == "moe" or record["params_active_b"] is None


def test_papers_json_equals_validated_data(catalog, built_site):
    document = json.loads((built_site / "api" / "v1" / "papers.json").read_text(encoding="utf-8"))
    assert document["count"] == len(catalog.papers)
    assert {p["id"]: p for p in document["papers"]} == {p.id: paper_record(p) for p in catalog.papers.values()}


def test_glossary_terms_explain_themselves_on_the_pages_that_use_them(catalog, built_site):
    from macros.views.render_glossary import abbreviations

    tooltips = abbreviations(catalog)
    page = (built_site / "families" / "qwen3" / "index.html").read_text(encoding="utf-8")
    shown = {word: html.unescape(title) for title, word in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', page)}
    assert shown, "no glossary tooltip on the Qwen3 family page"
    assert all(tooltips.get(word) == title for word, title in shown.items())
