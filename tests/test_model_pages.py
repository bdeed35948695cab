"""Every model has a permanent page that shows its whole slice of the data and previews well."""

from __future__ import annotations

import dataclasses
import html
import json
import posixpath
import re

import pytest

from head_parser import alternates, parse_head
from macros.data.records import Catalog
from macros.outputs import permalinks
from macros.views.formatting import params_text
from macros.views.render_model_page import SiteLinks, ancestry, render_model_page

SITE_URL = "https://qwenatlas.org/"
LINKS = SiteLinks(SITE_URL, "https://github.com/qwen-atlas/qwen-atlas")


def _page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _is_redirect(text: str) -> bool:
    return 'http-equiv="refresh"' in text


def _resolve(site, page_path: str, href: str):
    return site / posixpath.normpath(posixpath.join(page_path, href))


def test_every_model_has_exactly_one_page(catalog, built_site):
    pages = {p.parent.name for p in (built_site / "models").glob("*/index.html") if not _is_redirect(p.read_text())}
    assert pages == set(catalog.models)


def test_model_pages_show_facts_sources_family_lineage_and_actions(catalog, built_site):
    for model in catalog.models.values():
        text = html.unescape(_page(built_site, permalinks.model_page(model.id)))
        heading = re.sub(r"<[^>]+>|\u00b6", "", re.search(r"<h1[^>]*>(.*?)</h1>", text)[1])
        assert heading == model.name
        for number, url in enumerate(model.sources, start=1):
            assert f'<li id="source-{number}"><a href="{url}">' in text, f"{model.id}: source {number} missing"
        family = catalog.families[model.family]
        assert f'href="../../families/{family.id}/"' in text
        for sibling in catalog.models_in_family(family.id):
            assert f'href="../../models/{sibling.id}/"' in text or sibling.id == model.id
        for ancestor in ancestry(model, catalog):
            assert f'href="../../models/{ancestor.id}/"' in text
        for derived in catalog.derived_from(model.id):
            assert f'href="../../models/{derived.id}/"' in text
        for paper in catalog.papers_about(model.id):
            assert paper.url in text and f"papers/#{paper.id}" in text
        assert f"/blob/main/{model.origin.path}#L{model.origin.line}" in text, "Edit this data must point at the line"
        assert "issues/new?template=data-correction.yml" in text and f"model={model.id}" in text
        assert f'href="../../api/v1/models/{model.id}.json"' in text
        assert f"[{model.name}]({SITE_URL}models/{model.id}/)" in text


def test_model_heads_preview_name_and_key_facts(catalog, built_site):
    for model in catalog.models.values():
        path = permalinks.model_page(model.id)
        head = parse_head(_page(built_site, path))
        permalink = SITE_URL + path
        assert head.title.startswith(model.name) and head.title.endswith(" - Qwen Atlas")
        for key in ("description", "og:description", "twitter:description"):
            assert model.name in head.meta[key] and params_text(model) in head.meta[key]
            assert model.released.display in head.meta[key]
        assert head.meta["og:title"].startswith(model.name) and head.meta["twitter:card"] == "summary"
        assert head.meta["og:url"] == permalink
        assert {"rel": "canonical", "href": permalink} in head.links
        [json_href] = alternates(head, "application/json")
        document = json.loads(_resolve(built_site, path, json_href).read_text(encoding="utf-8"))
        assert document["model"]["id"] == model.id
        feeds = alternates(head, "application/atom+xml")
        assert all(_resolve(built_site, path, href).is_file() for href in feeds)
        assert any(href.endswith(f"feeds/families/{model.family}.xml") for href in feeds)
        [ld] = head.json_ld
        entity = next(node for node in ld["@graph"] if node["@type"] == "SoftwareApplication")
        assert entity["name"] == model.name and entity["url"] == permalink
        assert entity["datePublished"] == model.released.iso  # 'YYYY-MM' when only the month is known
        assert entity["citation"] == list(model.sources)


def test_family_and_thread_pages_have_previews_and_alternates(catalog, built_site):
    for family in catalog.families.values():
        path = permalinks.family_page(family.id)
        head = parse_head(_page(built_site, path))
        assert family.name in head.title and family.name in head.meta["og:title"]
        assert head.meta["description"] and head.meta["og:url"] == SITE_URL + path
        [json_href] = alternates(head, "application/json")
        assert json.loads(_resolve(built_site, path, json_href).read_text())["family"]["id"] == family.id
        assert head.json_ld[0]["@graph"][1]["name"] == family.name
    for thread in catalog.threads.values():
        path = permalinks.thread_page(thread.page)
        head = parse_head(_page(built_site, path))
        assert thread.name in head.title and head.meta["og:title"] == thread.name
        assert head.meta["description"] and head.json_ld[0]["@graph"][0]["@type"] == "CollectionPage"


def test_data_text_cannot_break_the_page_or_its_head(catalog):
    from macros.outputs.page_meta import model_head

    model = next(iter(catalog.models.values()))
    hostile = dataclasses.replace(model, summary='</script><script>alert(1)</script> {{ x }}', notes="<b>*x*</b>")
    cat = dataclasses.replace(catalog, models={**catalog.models, model.id: hostile})
    page = render_model_page(hostile, cat, LINKS)
    assert "<script>" not in page and "{{" not in page and "<b>" not in page
    head = model_head(hostile, cat, SITE_URL, "Qwen Atlas")
    assert "</script" not in head.json_ld and "<" not in head.json_ld
    assert json.loads(head.json_ld)["@graph"][1]["description"].startswith("</script>")


def test_model_pages_share_one_index_and_never_walk_the_catalogue(catalog, monkeypatch):
    """Per-page cost must not grow with the catalogue: every page reads the one index built for the build,
    never a whole date-ordered list."""
    from macros.data import records

    fresh = dataclasses.replace(catalog)  # a new Catalog: no index computed yet
    built, index_catalog = [], records.index_catalog
    monkeypatch.setattr(records, "index_catalog", lambda cat: built.append(cat) or index_catalog(cat))

    def whole_catalogue(*args, **kwargs):
        raise AssertionError("a model page walked the whole catalogue; read its slice from the index")

    for name in ("models_by_date", "papers_by_date", "events_by_date"):
        monkeypatch.setattr(Catalog, name, whole_catalogue)
    for model in fresh.models.values():
        render_model_page(model, fresh, LINKS)
    assert built == [fresh]


def test_ancestry_runs_root_first_and_stops_at_a_cycle(catalog):
    derived = next(m for m in catalog.models.values() if m.base_model in catalog.models)
    base = catalog.models[derived.base_model]
    assert ancestry(derived, catalog)[-1] == base
    looped = dataclasses.replace(base, base_model=derived.id)
    cat = dataclasses.replace(catalog, models={**catalog.models, base.id: looped})
    assert [m.id for m in ancestry(derived, cat)] == [base.id]


@pytest.mark.parametrize("field", ["title", "model"])
def test_report_a_problem_prefills_the_issue_form(catalog, field):
    from urllib.parse import parse_qs, urlparse

    model = next(iter(catalog.models.values()))
    query = parse_qs(urlparse(LINKS.report_problem(model)).query)
    assert query["template"] == ["data-correction.yml"]
    assert model.id in query[field][0]


def test_no_sentence_but_navigation_repeats_on_more_than_a_quarter_of_model_pages(catalog, built_site):
    """Boilerplate prose buries a page's facts. Navigation and the labels of the collapsed Cite and History
    boxes may repeat; any other sentence of five words or more must be particular to at most a quarter of the
    model pages (e.g. a shared note of one family)."""
    seen: dict[str, int] = {}
    for model in catalog.models.values():
        page = _page(built_site, permalinks.model_page(model.id))
        body = re.search(r"<article[^>]*>(.*?)</article>", page, re.S)[1]
        body = re.sub(r'<details class="atlas-(?:cite-box|history)".*?</details>|<(script|style|svg)\b.*?</\1>', "",
                      body, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", body))
        lines = (" ".join(chunk.split()) for chunk in text.split("\n"))
        sentences = {s.strip() for line in lines for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 5}
        for sentence in sentences:
            seen[sentence] = seen.get(sentence, 0) + 1
    repeated = {s: n for s, n in seen.items() if n > len(catalog.models) / 4}
    assert repeated == {}
