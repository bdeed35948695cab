"""Published URLs never break: the manifest, the sitemap, and renames with and without an alias."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_build
from macros.contrib.url_manifest import (
    explain,
    page_urls,
    published_urls,
    read_manifest,
    refresh,
    unresolved,
    write_manifest,
)
from macros.outputs import permalinks
from macros.outputs.redirects import Redirect, relative_url, render_redirect

SITE_URL = "https://qwenatlas.org/"
RENAMED = "qwen2.5-7b"  # a model with derived models, papers and a base_model pointing at it
NEW_NAME, NEW_ID = "Qwen2.5-7B-Renamed", "qwen2.5-7b-renamed"


def test_every_published_url_still_resolves(built_site):
    manifest = read_manifest()
    assert len(manifest) > 100, "tests/published-urls.txt is missing or nearly empty: run `make urls`"
    missing = unresolved(manifest, built_site)
    assert not missing, explain(missing)


def test_a_new_page_is_never_an_error_only_a_lost_one_is(built_site, tmp_path):
    """The manifest guards removals: URLs the site publishes beyond it pass; one it lists that is gone fails."""
    published = published_urls(built_site)
    older = tmp_path / "older-manifest.txt"
    write_manifest(published[: len(published) // 2], older)  # as if half the site were new since the last refresh
    assert unresolved(read_manifest(older), built_site) == []
    write_manifest([*published, "/models/a-model-that-went-away/"], older)
    missing = unresolved(read_manifest(older), built_site)
    assert missing == ["/models/a-model-that-went-away/"]
    assert "add `aliases: [a-model-that-went-away]`" in explain(missing)


def test_sitemap_lists_every_page_including_model_pages(catalog, built_site):
    locs = {loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {SITE_URL + url for url in page_urls(built_site)
             if 'http-equiv="refresh"' not in (built_site / url / "index.html").read_text(encoding="utf-8")}
    assert pages - locs == set()
    assert {SITE_URL + permalinks.model_page(m) for m in catalog.models} <= locs


def _rename_model(project: Path, keep_alias: bool) -> None:
    """Rename RENAMED everywhere in data and pages, as a contributor would after an upstream rename."""
    token = re.compile(rf"(?<![\w.-]){re.escape(RENAMED)}(?![\w.-])")
    defined = False
    for path in [*project.joinpath("data").rglob("*.yaml"), *project.joinpath("docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        definition = re.search(rf"^(\s*)- id: {re.escape(RENAMED)}\n", text, re.M)
        if definition:
            defined = True
            indent = definition[1]
            alias = f"{indent}  aliases: [{RENAMED}]\n" if keep_alias else ""
            text = text.replace(definition[0], f"{indent}- id: {NEW_ID}\n{alias}", 1)
            text, names = re.subn(r"(\n\s*name: )Qwen2\.5-7B\n", rf"\g<1>{NEW_NAME}\n", text, count=1)
            assert names == 1
        new_text = token.sub(NEW_ID, text).replace(f"aliases: [{NEW_ID}]", f"aliases: [{RENAMED}]")
        if new_text != path.read_text(encoding="utf-8"):
            path.write_text(new_text, encoding="utf-8")
    assert defined, f"the test model {RENAMED} is no longer in data; pick another model with derived models"


def _build(project: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_a_renamed_model_keeps_every_old_url_working(project_copy, tmp_path):
    _rename_model(project_copy, keep_alias=True)
    site = _build(project_copy, tmp_path)

    old_page = (site / permalinks.model_page(RENAMED) / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../{NEW_ID}/"' in old_page and f'href="../{NEW_ID}/"' in old_page
    assert f'<link rel="canonical" href="{SITE_URL}models/{NEW_ID}/">' in old_page
    assert (site / permalinks.model_page(NEW_ID) / "index.html").is_file()

    old_json = json.loads((site / permalinks.model_json(RENAMED)).read_text(encoding="utf-8"))
    assert old_json["model"]["id"] == NEW_ID and old_json["model"]["aliases"] == [RENAMED]
    assert old_json["moved"] == {"old_id": RENAMED, "url": permalinks.model_json(NEW_ID)}
    assert (site / old_json["moved"]["url"]).is_file()

    assert unresolved(read_manifest(), site) == [], "an alias must keep every published URL alive"
    models = json.loads((site / "api/v1/models.json").read_text())["models"]
    assert RENAMED not in {m["id"] for m in models}, "an alias is not a second model"


def test_a_rename_without_an_alias_fails_the_manifest_check_saying_what_to_do(project_copy, tmp_path):
    _rename_model(project_copy, keep_alias=False)
    site = _build(project_copy, tmp_path)
    missing = unresolved(read_manifest(), site)
    assert set(missing) == {f"/{permalinks.model_page(RENAMED)}", f"/{permalinks.model_json(RENAMED)}",
                            f"/badges/{RENAMED}.svg"}
    message = explain(missing)
    assert f"add `aliases: [{RENAMED}]` to the renamed model" in message
    assert "tests/published-urls.txt" in message


def test_refresh_adds_new_urls_and_refuses_to_drop_broken_ones(tmp_path):
    site = tmp_path / "site"
    for page in ("", "models/a/", "models/b/"):
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text("<html></html>")
    manifest = tmp_path / "urls.txt"
    write_manifest(["/", "/models/a/"], manifest)
    added, missing = refresh(site, manifest)
    assert (added, missing) == (["/models/b/"], [])
    assert read_manifest(manifest) == ["/", "/models/a/", "/models/b/"]
    (site / "models/a/index.html").unlink()
    added, missing = refresh(site, manifest)
    assert missing == ["/models/a/"] and read_manifest(manifest) == ["/", "/models/a/", "/models/b/"]


@pytest.mark.parametrize("old, new, expected", [("models/old/", "models/new/", "../new/"),
                                                ("families/a/", "families/b/", "../b/"),
                                                ("models/x/", "families/y/", "../../families/y/")])
def test_redirect_pages_link_relatively_and_name_the_canonical_page(old, new, expected):
    assert relative_url(old, new) == expected
    page = render_redirect(Redirect(old, new, 'Name "quoted" <b>'), SITE_URL)
    assert f'url={expected}"' in page and f'<a href="{expected}">' in page
    assert f'<link rel="canonical" href="{SITE_URL}{new}">' in page
    assert "<b>" not in page
