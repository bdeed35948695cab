"""/objects.inv: every record id and every alias is a name, each leading to a page that exists; the file
reads back identically with sphobjinv and parses with Sphinx's and mkdocstrings' own readers."""

from __future__ import annotations

import dataclasses
import io
import tomllib
from pathlib import Path

import pytest
import sphobjinv as soi

from macros.contrib.url_manifest import resolves
from macros.outputs import inventory
from test_linking_clients import require

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def inv(built_site):
    return inventory.read_inventory(built_site)


def _labels(inv) -> dict[str, object]:
    return {obj.name: obj for obj in inv.objects if obj.domain == "std" and obj.role == "label"}


def _expected_labels(catalog) -> dict[str, str]:
    """name -> site path, for every record and every alias."""
    expected = {}
    for model in catalog.models.values():
        for name in (model.id, *model.aliases):
            expected[name] = expected[f"model:{name}"] = f"models/{model.id}/"
    for family in catalog.families.values():
        for name in (family.id, *family.aliases):
            expected[f"family:{name}"] = f"families/{family.id}/"
    for thread in catalog.threads.values():
        expected[f"thread:{thread.id}"] = thread.page.removesuffix(".md") + "/"
    for paper in catalog.papers.values():
        for name in (paper.id, *paper.aliases):
            expected[f"paper:{name}"] = f"papers/#{paper.id}"
    return expected


def test_header_names_the_project_and_its_version(inv):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert (inv.project, inv.version) == ("Qwen Atlas", version)


def test_every_record_id_and_alias_is_a_label_leading_to_its_page(inv, catalog, built_site):
    labels = _labels(inv)
    expected = _expected_labels(catalog)
    assert set(labels) == set(expected), "objects.inv must list exactly the record ids and aliases"
    for name, path in expected.items():
        assert labels[name].uri_expanded == path, name
        assert resolves("/" + path, built_site), f"{name} -> /{path} does not resolve in the built site"
    assert labels["qwen3-8b"].dispname_expanded == catalog.models["qwen3-8b"].name
    assert labels["paper:qwen3-technical-report"].dispname_expanded == catalog.papers["qwen3-technical-report"].title
    counts = {"model": len(catalog.models), "family": len(catalog.families), "thread": len(catalog.threads),
              "paper": len(catalog.papers)}
    assert sum(1 for name in labels if name.startswith("model:")) >= counts["model"]
    assert len(labels) >= 2 * counts["model"] + counts["family"] + counts["thread"] + counts["paper"]


def test_every_page_is_a_doc(inv, built_site):
    docs = {obj.name: obj.uri_expanded for obj in inv.objects if obj.role == "doc"}
    for source in (ROOT / "docs").rglob("*.md"):
        docname = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        assert docname in docs, docname
    assert docs["index"] == "./" and docs["glossary"] == "glossary/" and docs["models/qwen3-8b"] == "models/qwen3-8b/"
    for uri in docs.values():
        assert (built_site / uri / "index.html").is_file(), uri


def test_round_trip(built_site, inv):
    raw = (built_site / "objects.inv").read_bytes()
    plain = soi.decompress(raw)
    assert soi.Inventory(plain) == inv
    assert soi.Inventory(inv.data_file(contract=True)) == inv
    assert soi.decompress(soi.compress(plain)) == plain
    assert soi.Inventory(soi.compress(inv.data_file(contract=True))) == inv


def test_sphinx_and_mkdocstrings_read_every_entry(built_site, inv):
    """The clients' own parsers (not only sphobjinv's) see every name, with the same address."""
    require("sphinx")
    require("mkdocs")
    from mkdocstrings._internal import inventory as mkdocstrings_inventory
    from sphinx.util import inventory as sphinx_inventory

    raw = (built_site / "objects.inv").read_bytes()
    parsed = sphinx_inventory.InventoryFile.loads(raw, uri="https://qwenatlas.org/")
    parsed_items = getattr(parsed, "data", parsed)
    for obj in inv.objects:
        item = parsed_items[f"std:{obj.role}"][obj.name]
        uri = item.uri if hasattr(item, "uri") else item[2]
        assert uri == "https://qwenatlas.org/" + obj.uri_expanded, obj.name
    loaded = mkdocstrings_inventory.Inventory.parse_sphinx(io.BytesIO(raw), domain_filter=["std"])
    assert {name: item.uri for name, item in loaded.items()} == {obj.name: obj.uri_expanded for obj in inv.objects}


def _with_aliases(catalog):
    """A copy of the catalogue in which one model, one family and one paper were renamed."""
    renamed = dataclasses.replace(catalog)  # a new Catalog, so no index of the old records
    renamed.models = dict(catalog.models)
    renamed.families = dict(catalog.families)
    renamed.papers = dict(catalog.papers)
    renamed.models["qwen3-8b"] = dataclasses.replace(catalog.models["qwen3-8b"], aliases=("qwen3-8b-old",))
    renamed.families["qwen3"] = dataclasses.replace(catalog.families["qwen3"], aliases=("qwen-3",))
    paper = catalog.papers["qwen3-technical-report"]
    renamed.papers[paper.id] = dataclasses.replace(paper, aliases=("qwen3-report",))
    return renamed


def test_aliases_point_at_the_new_page(catalog, built_site):
    entries = {e.name: e for e in inventory.record_entries(_with_aliases(catalog))}
    for old, new in (("qwen3-8b-old", "qwen3-8b"), ("model:qwen3-8b-old", "qwen3-8b")):
        assert (entries[old].uri, entries[old].alias_of) == (f"models/{new}/", new)
        assert entries[old].dispname == catalog.models[new].name
    assert entries["family:qwen-3"].uri == "families/qwen3/"
    assert entries["paper:qwen3-report"].uri == "papers/#qwen3-technical-report"
    assert inventory.target_problems(list(entries.values()), built_site) == []


def test_a_name_used_twice_or_pointing_nowhere_is_refused(catalog, built_site, tmp_path):
    clash = dataclasses.replace(catalog)
    clash.models = dict(catalog.models)
    clash.models["qwen3-8b"] = dataclasses.replace(catalog.models["qwen3-8b"], aliases=("model:qwen3-4b",))
    with pytest.raises(ValueError, match="used twice"):
        inventory.build_inventory(inventory.record_entries(clash), "1")
    gone = inventory.Entry("qwen9", "label", "models/qwen9/", "Qwen9", "model")
    assert inventory.target_problems([gone], built_site) == [
        "objects.inv: std:label 'qwen9' points at /models/qwen9/, which was not built"]


def test_inventory_urls_for_the_manifest(built_site, catalog):
    urls = inventory.inventory_urls(built_site)
    assert "objects.inv" in urls and "badges/qwen3-8b.svg" in urls and "papers/#qwen3-technical-report" in urls
    assert {f"badges/{m}.svg" for m in catalog.models} <= set(urls)
    assert "" in urls and not any(u.startswith("/") for u in urls)
    assert [u for u in urls if not resolves("/" + u, built_site)] == []
